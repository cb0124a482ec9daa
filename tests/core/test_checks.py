"""The practice's checks (``meetui check`` and the plan screen): each one passing and failing, in both languages."""

from __future__ import annotations

from meetui.core.checks import REASONS, check, goal_is_vague, meeting_lang, warnings_of, working_days_between
from meetui.core.clock import FrozenClock, SequentialIds
from meetui.core.meeting import new_meeting
from meetui.core.models import Material

from .conftest import ATTENDEES, TOPICS, make_meeting


def prepared(clock: FrozenClock, **fields):
    """A well-prepared meeting: every check passes unless ``fields`` break one."""
    values = {
        "scheduled_start": clock.now().add(days=5),
        "place": "3F 会议室 / https://meet.example.com/q3",
        "attendees": ATTENDEES,
    }
    return make_meeting(clock, SequentialIds("c"), **{**values, **fields})


def codes(meeting, clock, lang=None) -> list[str]:
    return [f.code for f in check(meeting, clock.now(), lang)]


def test_a_well_prepared_meeting_has_no_findings(clock: FrozenClock) -> None:
    assert check(prepared(clock), clock.now()) == []


def test_an_empty_draft_gets_every_basic_finding_in_its_language(clock: FrozenClock) -> None:
    findings = check(new_meeting("随便聊聊", clock, SequentialIds("c")), clock.now())
    assert [(f.code, f.level, f.field) for f in findings] == [
        ("no-goal", "warning", "goal"),
        ("no-topics", "warning", "topics"),
        ("no-decision-maker", "warning", "attendees"),
        ("no-host", "warning", "host"),
        ("no-note-taker", "warning", "note_taker"),
        ("no-start", "hint", "scheduled_start"),
        ("no-place", "hint", "place"),
    ]
    assert findings[0].message == "会议没有目标" and findings[0].reason == REASONS["no-goal"][1]
    english = check(new_meeting("随便聊聊", clock, SequentialIds("c")), clock.now(), "en")
    assert english[3].message == "no host is named"
    assert "keeps the room on topic" in english[3].reason


def test_meeting_language_follows_the_title_and_goal(clock: FrozenClock) -> None:
    assert meeting_lang(new_meeting("Weekly sync", clock)) == "en"
    assert meeting_lang(new_meeting("周例会", clock)) == "zh"
    assert meeting_lang(new_meeting("Sync", clock, goal="本周内确定排期")) == "zh"


def test_length_limits_normal_and_urgent(clock: FrozenClock) -> None:
    assert codes(prepared(clock, planned_minutes=90), clock) == []
    assert codes(prepared(clock, planned_minutes=95), clock) == ["too-long"]
    assert codes(prepared(clock, planned_minutes=60, urgent=True), clock) == []
    urgent = check(prepared(clock, planned_minutes=70, urgent=True), clock.now(), "en")
    assert [f.message for f in urgent] == ["70 minutes is too long for an urgent meeting (at most 60)"]
    assert (
        check(prepared(clock, planned_minutes=70, urgent=True), clock.now(), "zh")[0].message
        == "紧急会议时长 70 分钟过长（最多 60 分钟）"
    )


def test_slack_of_ten_minutes(clock: FrozenClock) -> None:
    # the topics take 45 minutes
    assert codes(prepared(clock, planned_minutes=55), clock) == []
    finding = check(prepared(clock, planned_minutes=54), clock.now(), "en")
    assert [(f.code, f.message) for f in finding] == [
        ("no-slack", "the topics take 45 of 54 minutes: leave 10 minutes of slack")
    ]


def test_at_most_five_topics(clock: FrozenClock) -> None:
    five = [{**TOPICS[0], "title": f"议题{i}", "planned_minutes": 5} for i in range(5)]
    assert codes(prepared(clock, topics=five), clock) == []
    six = [*five, {**TOPICS[0], "title": "议题6", "planned_minutes": 5}]
    assert codes(prepared(clock, topics=six), clock) == ["too-many-topics"]


def test_each_topic_needs_owner_minutes_and_output(clock: FrozenClock) -> None:
    meeting = prepared(clock, topics=[TOPICS[0], {"title": "渠道准备", "planned_minutes": 0}])
    findings = check(meeting, clock.now())
    second = meeting.agenda[1].id
    assert [(f.code, f.field) for f in findings] == [
        ("topic-owner", f"topic:{second}:owner"),
        ("topic-minutes", f"topic:{second}:planned_minutes"),
        ("topic-output", f"topic:{second}:expected_output"),
    ]
    assert findings[0].message == "议题 2（渠道准备）没有负责人"


def test_a_decision_maker_is_invited_and_has_confirmed(clock: FrozenClock) -> None:
    without = [a for a in ATTENDEES if a["role"] != "decision-maker"]  # 王芳 hosts and owns topic 1 too
    assert codes(prepared(clock, attendees=without), clock) == [
        "no-decision-maker",
        "host-not-invited",
        "owner-not-invited",
    ]
    unconfirmed = [{**a, "attendance": "invited"} if a["role"] == "decision-maker" else a for a in ATTENDEES]
    meeting = prepared(clock, attendees=unconfirmed)
    findings = check(meeting, clock.now(), "en")
    assert [(f.code, f.message) for f in findings] == [
        ("decision-maker-unconfirmed", "no decision-maker has confirmed (王芳)")
    ]
    assert findings[0].field == f"attendee:{meeting.attendee('王芳').id}:attendance"


def test_host_and_note_taker_are_named(clock: FrozenClock) -> None:
    assert codes(prepared(clock, host="", note_taker=" "), clock) == ["no-host", "no-note-taker"]


def test_each_declined_attendee_has_a_proxy(clock: FrozenClock) -> None:
    attendees = [dict(a) for a in ATTENDEES]
    attendees[1]["attendance"] = "declined"
    meeting = prepared(clock, attendees=attendees)
    findings = check(meeting, clock.now())
    assert [(f.code, f.field, f.message) for f in findings] == [
        ("no-proxy", f"attendee:{meeting.attendee('李娜').id}:proxy", "李娜 已拒绝参会，且未指定代理人")
    ]
    attendees[1]["proxy"] = "孙丽"
    assert codes(prepared(clock, attendees=attendees), clock) == []


def test_goal_hint_is_smart_heuristic_in_both_languages(clock: FrozenClock) -> None:
    assert goal_is_vague("讨论问题") and goal_is_vague("discuss") and goal_is_vague("确定发布计划与各部门分工")
    assert not goal_is_vague("三天内确定 Q3 发布计划与各部门分工")
    assert not goal_is_vague("Decide the Q3 launch date by the end of the meeting")
    findings = check(prepared(clock, goal="讨论问题"), clock.now())
    assert [(f.code, f.level) for f in findings] == [("vague-goal", "hint")]
    assert warnings_of(findings) == []
    assert codes(prepared(clock, goal="Fix the launch plan"), clock, "en") == ["vague-goal"]


def test_material_names_hint(clock: FrozenClock) -> None:
    good = [
        Material(name="202611-q3launch-plan_v1.2", link="https://wiki.example.com/plan"),
        Material(name="202611-渠道-准备清单_v0.9.xlsx"),
    ]
    assert codes(prepared(clock, materials=good), clock) == []
    meeting = prepared(clock, materials=["发布计划最终版.docx"])
    findings = check(meeting, clock.now())
    assert [(f.code, f.level, f.field) for f in findings] == [("material-name", "hint", "materials")]
    assert "发布计划最终版.docx" in findings[0].message


def test_notice_two_working_days_ahead_hint(clock: FrozenClock) -> None:
    # now is Friday 2026-11-20 09:30: Friday and Monday are two working days before a Tuesday start
    assert codes(prepared(clock, scheduled_start="2026-11-24T10:00:00+08:00"), clock) == []
    late = prepared(clock, scheduled_start="2026-11-23T10:00:00+08:00")  # Monday: only Friday is left
    findings = check(late, clock.now(), "en")
    assert [(f.code, f.level, f.message) for f in findings] == [
        ("notice-late", "hint", "the start leaves 1 working day(s) for the notice (at least 2)")
    ]
    assert working_days_between(clock.now().date(), clock.now().date()) == 0


def test_a_start_that_has_passed_is_said_so_not_counted_in_working_days(clock: FrozenClock) -> None:
    # now is Friday 2026-11-20 09:30 in Shanghai
    past = check(prepared(clock, scheduled_start="2026-11-19T10:00:00+08:00"), clock.now(), "zh")
    assert [(f.code, f.level, f.message) for f in past] == [
        ("start-passed", "warning", "开始时间已过（2026-11-19 10:00 Asia/Shanghai）：请设定新的时间")
    ]
    assert past[0].reason == REASONS["start-passed"][1] and past[0].field == "scheduled_start"
    years_ago = check(prepared(clock, scheduled_start="2020-01-01T10:00:00+08:00"), clock.now(), "en")
    assert [f.message for f in years_ago] == [
        "the start time has passed (2020-01-01 10:00 Asia/Shanghai): set a new one"
    ]
    assert "working day" not in years_ago[0].message and "invites nobody" in years_ago[0].reason
    # earlier today the meeting may just be starting late: a hint, not a warning
    late = check(prepared(clock, scheduled_start="2026-11-20T09:00:00+08:00"), clock.now(), "en")
    assert [(f.code, f.level, f.message) for f in late] == [
        ("start-passed", "hint", "the start time has passed (09:00 Asia/Shanghai): set a new one")
    ]


def test_host_note_taker_and_owners_are_attendees(clock: FrozenClock) -> None:
    meeting = prepared(
        clock,
        host="Nobody",
        note_taker="小周",
        topics=[TOPICS[0], {**TOPICS[1], "owner": "Ghost"}, {**TOPICS[2], "owner": "李娜 "}],
    )
    findings = check(meeting, clock.now(), "en")
    second = meeting.agenda[1].id
    assert [(f.code, f.level, f.field, f.message) for f in findings] == [
        ("host-not-invited", "warning", "host", "the host Nobody is not an attendee"),
        ("note-taker-not-invited", "warning", "note_taker", "the note-taker 小周 is not an attendee"),
        (
            "owner-not-invited",
            "warning",
            f"topic:{second}:owner",
            "the owner of topic 2 (渠道准备), Ghost, is not an attendee",
        ),
    ]
    assert all(f.reason == REASONS[f.code][0] for f in findings)
    chinese = check(meeting, clock.now())
    assert [f.message for f in chinese] == [
        "主持人 Nobody 不在参会人员中",
        "记录人 小周 不在参会人员中",
        "议题 2（渠道准备）的负责人 Ghost 不在参会人员中",
    ]
    assert chinese[0].reason == REASONS["host-not-invited"][1]
    # names match as `meetui attendee add` matches them: any case
    assert codes(prepared(clock, host="priya nair"), clock) == []


def test_an_observer_who_declines_needs_no_proxy(clock: FrozenClock) -> None:
    attendees = [
        *ATTENDEES,
        {"name": "Tom Becker", "department": "法务部", "role": "observer", "attendance": "declined"},
    ]
    assert codes(prepared(clock, attendees=attendees), clock) == []
    attendees[-1] = {**attendees[-1], "role": "expert"}  # an expert's input is needed: a proxy is
    assert codes(prepared(clock, attendees=attendees), clock) == ["no-proxy"]
    attendees[-1] = {**attendees[-1], "attendance": "proxy"}  # marked as represented, by nobody named
    assert codes(prepared(clock, attendees=attendees), clock) == ["no-proxy"]


def test_no_start_and_no_place_are_hints(clock: FrozenClock) -> None:
    meeting = prepared(clock, place="")
    meeting.scheduled_start = None
    assert [(f.code, f.level) for f in check(meeting, clock.now())] == [("no-start", "hint"), ("no-place", "hint")]
