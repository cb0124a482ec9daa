"""MeetBot-style lines in the note field: ``#action`` with Chinese and English names, and the other commands."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meetui.core.clock import FrozenClock, SequentialIds
from meetui.core.commands import NoteCommand, folded_prefix, parse_action_line, parse_note_line
from meetui.core.dates import PastDue
from meetui.core.errors import MeetuiError, UnknownPeople
from meetui.core.meeting import LiveMeeting
from meetui.core.models import ActionItem, Attendee, Meeting, NoteKind

FRIDAY = dt.date(2026, 11, 20)
NEXT_FRIDAY = dt.date(2026, 11, 27)

PEOPLE = [
    Attendee(id=f"p{i}", name=name)
    for i, name in enumerate(["王芳", "李娜", "陈刚", "Priya Nair", "Alice Wang", "Alice Chen", "Li Na", "Li"])
]


@pytest.mark.parametrize(
    ("line", "owner", "task", "due"),
    [
        ("李娜 整理需求清单 by fri", "李娜", "整理需求清单", NEXT_FRIDAY),
        ("李娜整理需求清单截止周五", "李娜", "整理需求清单", NEXT_FRIDAY),
        ("李娜：整理需求清单 截止 周五", "李娜", "整理需求清单", NEXT_FRIDAY),
        ("陈刚 提交报价单 周五前", "陈刚", "提交报价单", NEXT_FRIDAY),
        ("陈刚 周五前提交报价单", "陈刚", "提交报价单", NEXT_FRIDAY),
        ("陈刚 提交报价单，周五前完成", "陈刚", "提交报价单", NEXT_FRIDAY),
        ("陈刚 下周一之前提交报价单", "陈刚", "提交报价单", dt.date(2026, 11, 23)),
        ("陈刚提交报价单周五前", "陈刚", "提交报价单", NEXT_FRIDAY),  # Chinese, written without spaces
        ("陈刚提交报价单下周一之前完成。", "陈刚", "提交报价单", dt.date(2026, 11, 23)),
        ("李娜整理需求清单12月1号前", "李娜", "整理需求清单", dt.date(2026, 12, 1)),
        ("李娜于明天前发出会议纪要", "李娜", "发出会议纪要", dt.date(2026, 11, 21)),
        ("王芳更新排期表2026年12月4日之前", "王芳", "更新排期表", dt.date(2026, 12, 4)),
        ("王芳 确认预算", "王芳", "确认预算", None),
        ("王芳 提前通知代理商", "王芳", "提前通知代理商", None),  # 提前 is not a deadline
        ("priya send the draft by fri", "Priya Nair", "send the draft", NEXT_FRIDAY),
        ("Priya Nair: send the draft due +3d", "Priya Nair", "send the draft", dt.date(2026, 11, 23)),
        ("Li Na fix the crash by tomorrow", "Li Na", "fix the crash", dt.date(2026, 11, 21)),
        ("Li review the 测试报告 by 12-01", "Li", "review the 测试报告", dt.date(2026, 12, 1)),
    ],
)
def test_action_lines(line: str, owner: str, task: str, due: dt.date | None) -> None:
    parsed = parse_action_line(line, PEOPLE, FRIDAY)
    assert (parsed.owner, parsed.task, parsed.due) == (owner, task, due)


def test_ambiguous_first_name_asks_for_the_full_name() -> None:
    with pytest.raises(MeetuiError) as caught:
        parse_action_line("alice 准备发布会物料 by fri", PEOPLE, FRIDAY)
    assert str(caught.value) == "'alice' could be Alice Wang, Alice Chen: write the full name"


def test_unknown_owner_is_named_with_the_whole_line_kept() -> None:
    with pytest.raises(UnknownPeople) as caught:
        parse_action_line("张三 写测试用例", PEOPLE, FRIDAY)
    assert caught.value.names == ["张三"]
    assert caught.value.line == "张三 写测试用例"
    assert str(caught.value) == "张三 is not an attendee: add them, or fix the name"


def test_unparseable_due_is_refused_clearly() -> None:
    with pytest.raises(MeetuiError) as caught:
        parse_action_line("李娜 整理清单 by 改天", PEOPLE, FRIDAY)
    assert "cannot read the due date '改天'" in str(caught.value)
    with pytest.raises(MeetuiError, match="not a real date"):
        parse_action_line("李娜 整理清单 截止2026-02-30", PEOPLE, FRIDAY)


def test_action_without_a_task_is_refused() -> None:
    with pytest.raises(MeetuiError, match="#action 李娜 needs a task"):
        parse_action_line("李娜", PEOPLE, FRIDAY)
    with pytest.raises(MeetuiError, match="#action 李娜 needs a task"):
        parse_action_line("李娜 by fri", PEOPLE, FRIDAY)


@pytest.mark.parametrize(
    ("line", "kind", "text"),
    [
        ("#info 渠道商已确认库存", NoteKind.INFO, "渠道商已确认库存"),
        ("#idea 先在华东试点", NoteKind.IDEA, "先在华东试点"),
        ("#agreed 12 月 12 日发布", NoteKind.AGREED, "12 月 12 日发布"),
        ("#link https://wiki.example.com/q3 发布计划", NoteKind.LINK, "https://wiki.example.com/q3 发布计划"),
        ("#INFO 大写也可以", NoteKind.INFO, "大写也可以"),
        ("没有命令的普通记录", NoteKind.INFO, "没有命令的普通记录"),
    ],
)
def test_note_commands(line: str, kind: NoteKind, text: str) -> None:
    command = parse_note_line(line)
    assert (command.name, command.kind, command.text) == ("note", kind, text)


def test_topic_and_undo_commands() -> None:
    assert parse_note_line("#topic 价格策略").name == "topic"
    assert parse_note_line("#topic 价格策略").text == "价格策略"
    assert parse_note_line("#undo").name == "undo"


@pytest.mark.parametrize("line", ["#vote 赞成", "#1 blocker is the SDK", "#安全 review needed", "#endmeeting"])
def test_unknown_words_are_plain_notes_kept_whole(line: str) -> None:
    assert parse_note_line(line) == NoteCommand("note", line, NoteKind.INFO)


@pytest.mark.parametrize("line", ["#info", "#action", "#topic  ", "   "])
def test_commands_without_text_are_refused(line: str) -> None:
    with pytest.raises(MeetuiError):
        parse_note_line(line)


def test_apply_line_records_notes_and_actions_on_the_current_topic(live: LiveMeeting, clock: FrozenClock) -> None:
    live.start()
    topic = live.meeting.current_topic
    live.apply_line("#info 渠道商已确认库存")
    clock.advance(seconds=10)
    change = live.apply_line("#action 李娜 周五前整理需求清单")
    item = change.records[0]
    assert isinstance(item, ActionItem)
    assert (item.owner, item.task, item.due, item.department, item.topic_id) == (
        "李娜",
        "整理需求清单",
        NEXT_FRIDAY,
        "研发部",
        topic.id,
    )
    assert change.message == f"action {item.id} for 李娜, due 2026-11-27"
    assert [n.text for n in live.meeting.notes_for(topic.id)] == ["渠道商已确认库存"]


def test_topic_command_inserts_after_the_current_topic_and_moves_to_it(live: LiveMeeting) -> None:
    live.start()
    live.apply_line("#topic 价格策略")
    assert [t.title for t in live.meeting.agenda] == ["发布日期", "价格策略", "渠道准备", "风险与应对"]
    assert live.meeting.current_topic.title == "价格策略"
    live.apply_line("#topic 发布日期")  # an existing title moves back to it instead of adding a copy
    assert live.meeting.current_topic.title == "发布日期"
    assert len(live.meeting.topics) == 4


def test_undo_takes_back_the_newest_note_or_action(live: LiveMeeting, clock: FrozenClock) -> None:
    live.start()
    live.apply_line("#info 第一条")
    clock.advance(seconds=5)
    live.apply_line("#action 陈刚 联系渠道商")
    clock.advance(seconds=5)
    live.apply_line("#idea 第二条")
    live.apply_line("#undo")
    topic_id = live.meeting.current_topic_id
    assert [n.text for n in live.meeting.notes_for(topic_id)] == ["第一条"]
    change = live.apply_line("#undo")
    assert live.meeting.actions == [] and len(change.deleted) == 1
    live.apply_line("#undo")
    assert live.meeting.notes_for(topic_id) == []
    with pytest.raises(MeetuiError, match="nothing to undo"):
        live.apply_line("#undo")


def test_undo_takes_back_what_was_typed_last_even_at_the_same_instant(live: LiveMeeting) -> None:
    live.start()
    live.apply_line("#disagree 陈刚：渠道还没准备好")
    live.apply_line("#action 李娜 补充测试报告")
    live.apply_line("#info 刚刚输入的一条")  # same frozen instant as the two before
    live.apply_line("#undo")
    topic_id = live.meeting.current_topic_id
    assert [n.text for n in live.meeting.notes_for(topic_id)] == ["陈刚：渠道还没准备好"]
    live.apply_line("#undo")
    assert live.meeting.actions == []


def test_undo_after_a_restart_falls_back_to_order_of_entry(live: LiveMeeting, clock: FrozenClock) -> None:
    live.start()
    live.apply_line("#info 第一条")
    live.apply_line("#info 第二条")
    restarted = LiveMeeting(Meeting.model_validate(live.meeting.model_dump(mode="json")), clock)
    restarted.apply_line("#undo")
    assert [n.text for n in restarted.meeting.notes_for(restarted.meeting.current_topic_id)] == ["第一条"]


def test_a_refused_topic_leaves_the_agenda_order_as_it_was(live: LiveMeeting) -> None:
    live.start()
    before = [(t.id, t.order) for t in live.meeting.topics]
    with pytest.raises(MeetuiError):
        live.insert_topic_after_current("   ")  # a topic needs a title
    live.end()
    with pytest.raises(MeetuiError, match="ended"):
        live.insert_topic_after_current("会后补充议题")
    assert [(t.id, t.order) for t in live.meeting.topics] == before


# -- several people, unknown people, every script ------------------------------------------------------------------

CROWD = [
    Attendee(id=f"c{i}", name=name, contact=contact)
    for i, (name, contact) in enumerate(
        [
            ("Alice Wang", "@alice"),
            ("Bob Li", "bob@example.com"),
            ("李娜", ""),
            ("欧阳明月", ""),
            ("Weiß Müller", ""),
            ("İlker Aydın", ""),
            ("ﬁona", ""),
            ("Ελένη", ""),
        ]
    )
]


@pytest.mark.parametrize(
    ("line", "owner", "co_owners", "task", "due"),
    [
        ("Alice Wang, Bob Li: joint review by fri", "Alice Wang", ("Bob Li",), "joint review", NEXT_FRIDAY),
        ("李娜、欧阳明月 整理渠道名单 周五前", "李娜", ("欧阳明月",), "整理渠道名单", NEXT_FRIDAY),
        ("李娜，欧阳明月：整理渠道名单", "李娜", ("欧阳明月",), "整理渠道名单", None),
        ("alice and bob to review the doc", "Alice Wang", ("Bob Li",), "review the doc", None),
        ("bob & alice: 复核 by next mon", "Bob Li", ("Alice Wang",), "复核", dt.date(2026, 11, 23)),
        ("李娜和欧阳明月 整理", "李娜", ("欧阳明月",), "整理", None),
        ("李娜和面试官沟通", "李娜", (), "和面试官沟通", None),  # 和 before someone who is no attendee is the task's
        ("alice review doc: section 2 by 24 Dec", "Alice Wang", (), "review doc: section 2", dt.date(2026, 12, 24)),
        # names whose folded form has another length never cut the task
        ("WEISS MÜLLER: Straße prüfen by Dec 24", "Weiß Müller", (), "Straße prüfen", dt.date(2026, 12, 24)),
        ("weiß müller straße prüfen", "Weiß Müller", (), "straße prüfen", None),
        ("ilker aydın İstanbul 报价", "İlker Aydın", (), "İstanbul 报价", None),
        ("FIONA ﬁx the ﬂow", "ﬁona", (), "ﬁx the ﬂow", None),
        ("ΕΛΈΝΗ έλεγχος", "Ελένη", (), "έλεγχος", None),
        (
            "alice check https://wiki.example.com/a by fri",
            "Alice Wang",
            (),
            "check https://wiki.example.com/a",
            NEXT_FRIDAY,
        ),
        ("李娜 10:30 前发出议程", "李娜", (), "10:30 前发出议程", None),
    ],
)
def test_several_people_in_every_script(
    line: str,
    owner: str,
    co_owners: tuple,
    task: str,
    due: dt.date | None,
) -> None:
    parsed = parse_action_line(line, CROWD, FRIDAY)
    assert (parsed.owner, parsed.co_owners, parsed.task, parsed.due) == (owner, co_owners, task, due)


@pytest.mark.parametrize(
    ("line", "unknown"),
    [
        ("Bob: fix", ["Bob"]),  # "Bob" is no attendee's full name, nick or unique first name here
        ("alice, 张三: 写测试用例", ["张三"]),
        ("alice and carol to fix it", ["carol"]),
        ("张三、李四 写测试用例", ["张三", "李四"]),
        ("check https://wiki.example.com", ["check"]),  # the colon of a URL names nobody
    ],
)
def test_people_who_are_not_attendees_are_named(line: str, unknown: list[str]) -> None:
    people = [a for a in CROWD if a.name != "Bob Li"]
    with pytest.raises(UnknownPeople) as caught:
        parse_action_line(line, people, FRIDAY)
    assert caught.value.names == unknown


def test_an_unknown_name_with_no_task_is_a_plain_refusal() -> None:
    with pytest.raises(MeetuiError, match="'王五整理清单' is not an attendee") as caught:
        parse_action_line("王五整理清单", CROWD, FRIDAY)
    assert not isinstance(caught.value, UnknownPeople)


def test_past_due_dates_are_refused_and_a_passed_month_day_says_its_year() -> None:
    with pytest.raises(PastDue, match=r"'yesterday' \(2026-11-19\) has passed"):
        parse_action_line("李娜 整理 by yesterday", PEOPLE, FRIDAY)
    with pytest.raises(PastDue):
        parse_action_line("李娜 整理 by 2026-11-19", PEOPLE, FRIDAY)
    with pytest.raises(PastDue):
        parse_action_line("李娜 整理 by this mon", PEOPLE, FRIDAY)
    with pytest.raises(PastDue):  # yesterday, written as a month and day
        parse_action_line("李娜 整理 by 11-19", PEOPLE, FRIDAY)
    parsed = parse_action_line("李娜 整理 by 05-19", PEOPLE, FRIDAY)
    assert (parsed.due, parsed.remark) == (dt.date(2027, 5, 19), "05-19 has passed this year: read as 2027-05-19")
    assert parse_action_line("李娜 整理 by yesterday", PEOPLE, FRIDAY, past_ok=True).due == dt.date(2026, 11, 19)


@pytest.mark.parametrize(
    ("line", "phrase"),
    [
        ("李娜 整理名单 3天后", "3天后"),
        ("李娜 审批预算 周五", "周五"),
        ("李娜 整理名单 下周三", "下周三"),
        ("李娜 整理名单 12月5日", "12月5日"),
        ("李娜 approve budget fri", "fri"),
        ("李娜 call the client next mon", "next mon"),
        ("李娜 3天后 审批预算", "3天后"),
    ],
)
def test_a_date_written_without_by_stays_in_the_task_and_is_named(line: str, phrase: str) -> None:
    parsed = parse_action_line(line, PEOPLE, FRIDAY)
    assert parsed.due is None and phrase in parsed.task
    said = f"no due date: “{phrase}” is read as part of the task; write “by {phrase}” at the end to set it"
    assert parsed.remark == said


@pytest.mark.parametrize("line", ["李娜 ship version 1.5", "李娜 review the Q3 plan", "李娜 整理名单", "李娜 周五"])
def test_a_task_with_no_date_in_it_gets_no_remark(line: str) -> None:
    assert parse_action_line(line, PEOPLE, FRIDAY).remark == ""


@pytest.mark.parametrize(
    "line",
    [
        "李娜 整理名单 by 明天下午3点",
        "李娜 整理名单 明天下午3点前",
        "李娜 整理名单 by sat 3pm",
        "李娜 整理名单 截止周六 10:30",
    ],
)
def test_a_due_date_with_a_time_of_day_is_due_on_that_day(line: str) -> None:
    parsed = parse_action_line(line, PEOPLE, FRIDAY)
    assert (parsed.task, parsed.due) == ("整理名单", dt.date(2026, 11, 21))
    assert parsed.remark == "due on 2026-11-21: the time of day is not kept"


def test_weeks_and_days_without_a_plus() -> None:
    assert parse_action_line("李娜 整理名单 by 2w", PEOPLE, FRIDAY).due == dt.date(2026, 12, 4)
    assert parse_action_line("李娜 整理名单 by 3d", PEOPLE, FRIDAY).due == dt.date(2026, 11, 23)


def test_folded_prefix_counts_the_typed_characters() -> None:
    assert folded_prefix("WEISS rest", "Weiß") == 5
    assert folded_prefix("weiß rest", "WEISS") == 4
    assert folded_prefix("ilker x", "İlker") == 5
    assert folded_prefix("İLKER x", "ilker") == 5
    assert folded_prefix("FIONA", "ﬁona") == 5
    assert folded_prefix("ﬁona", "FIONA") == 4
    assert folded_prefix("alicia", "alice") == 0


# -- the note field: apply_line and #undo of every kind ------------------------------------------------------------


def test_apply_line_with_unknown_people_changes_nothing_until_asked_to_add_them(live: LiveMeeting) -> None:
    live.start()
    line = "#action 李娜、张三 整理渠道名单 by fri"
    before = live.meeting.model_dump()
    with pytest.raises(UnknownPeople) as caught:
        live.apply_line(line)
    assert (caught.value.names, caught.value.line) == (["张三"], line)
    assert live.meeting.model_dump() == before
    change = live.apply_line(line, add_people=True)
    item = live.meeting.actions[-1]
    assert (item.owner, item.co_owners, item.task, item.due) == ("李娜", ["张三"], "整理渠道名单", NEXT_FRIDAY)
    assert live.meeting.attendee("张三") is not None
    assert {type(r).__name__ for r in change.records} == {"Attendee", "ActionItem"}
    assert change.message.endswith("with 张三")
    undone = live.apply_line("#undo")  # the action goes, and so does the person its line added
    assert live.meeting.actions == [] and live.meeting.attendee("张三") is None
    assert {type(r).__name__ for r in undone.deleted} == {"Attendee", "ActionItem"}


def test_undo_takes_back_every_kind_of_line_in_turn(live: LiveMeeting, clock: FrozenClock) -> None:
    live.start()
    first = live.meeting.current_topic
    live.apply_line("#info 第一条")
    clock.advance(minutes=5)
    live.apply_line("#topic 价格策略")  # inserted after the current topic, and moved to
    clock.advance(minutes=3)
    live.apply_line("https://wiki.example.com/price")
    live.apply_line("#agreed 维持原价")
    live.apply_line("#action 李娜 更新价目表 by fri")
    order = [t.title for t in live.meeting.agenda]
    assert order == ["发布日期", "价格策略", "渠道准备", "风险与应对"]

    assert "action" in live.apply_line("#undo").message
    assert "agreed" in live.apply_line("#undo").message
    assert "link" in live.apply_line("#undo").message
    clock.advance(minutes=1)
    change = live.apply_line("#undo")  # the topic: removed, back on the first topic, its time intact
    assert change.message == "undone: #topic 价格策略; back to 发布日期"
    assert [t.title for t in live.meeting.agenda] == ["发布日期", "渠道准备", "风险与应对"]
    assert [t.order for t in live.meeting.agenda] == [0, 1, 2]
    assert live.meeting.current_topic is first and first.state.value == "active"
    assert [(s.end - s.start).total_seconds() if s.end else None for s in first.segments] == [300.0, None]
    assert live.apply_line("#undo").message == "undone: info note (第一条)"
    with pytest.raises(MeetuiError, match="nothing to undo"):
        live.apply_line("#undo")


def test_undo_of_a_move_to_an_existing_topic_moves_back(live: LiveMeeting) -> None:
    live.start()
    live.apply_line("#topic 渠道准备")
    assert live.meeting.current_topic.title == "渠道准备"
    live.apply_line("#undo")
    assert live.meeting.current_topic.title == "发布日期"
    assert [t.state.value for t in live.meeting.agenda] == ["active", "pending", "pending"]


def test_undo_refuses_to_take_back_what_a_locked_decision_was_made_of(live: LiveMeeting) -> None:
    live.start()
    live.apply_line("#agreed 12 月 15 日发布")
    decision = live.propose_decision(live.suggested_decision()).records[0]
    live.no_objections(decision.id)
    with pytest.raises(MeetuiError, match="locked from this #agreed and never changes"):
        live.apply_line("#undo")
    assert [n.text for n in live.meeting.notes_for(live.meeting.current_topic_id)] == ["12 月 15 日发布"]


def test_undo_refuses_a_topic_that_has_records_of_its_own(live: LiveMeeting) -> None:
    live.start()
    live.apply_line("#topic 价格策略")
    live.park("以后再谈")
    with pytest.raises(MeetuiError, match="cannot undo #topic 价格策略: it already has 1 record"):
        live.apply_line("#undo")


def test_private_and_bare_links(live: LiveMeeting) -> None:
    live.start()
    live.apply_line("#private 预算数字先不公开")
    live.apply_line("mailto:legal@example.com")
    private, link = live.meeting.notes[-2:]
    assert (private.private, private.kind, link.kind) == (True, NoteKind.INFO, NoteKind.LINK)


NOTE_LINE = st.one_of(
    st.text(max_size=60),
    st.builds(
        lambda command, people, task, due: f"#{command} {people}{task}{due}",
        st.sampled_from(
            [
                "action",
                "ACTION",
                "info",
                "topic",
                "undo",
                "agreed",
                "link",
                "help",
                "private",
                "risk",
                "accepted",
                "rejected",
                "1",
                "安全",
                "endmeeting",
            ]
        ),
        st.sampled_from(["", "李娜 ", "李娜、张三 ", "Priya Nair, 王芳: ", "priya and 陈刚 to ", "İ ", "ﬁ: "]),
        st.text(max_size=20),
        st.sampled_from(["", " by fri", " by yesterday", " 周五前", " by 02-30", " due Dec 24", " by ", " 截止"]),
    ),
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(NOTE_LINE, min_size=1, max_size=8), st.booleans())
def test_random_note_lines_are_acted_on_or_refused_with_a_message(
    clock: FrozenClock, lines: list[str], add_people: bool
) -> None:
    from .conftest import make_meeting

    room = LiveMeeting(make_meeting(clock, SequentialIds("h")), clock, SequentialIds("r"))
    room.start()
    for line in lines:
        before = room.meeting.model_dump()
        try:
            room.apply_line(line, add_people=add_people)
        except MeetuiError as error:
            assert str(error)
            assert room.meeting.model_dump() == before  # a refused line changes nothing
    Meeting.model_validate(room.meeting.model_dump())


def test_a_line_refused_after_adding_people_leaves_no_one_added(live: LiveMeeting) -> None:
    live.start()
    too_long = "长" * 201
    before = [a.name for a in live.meeting.attendees]
    with pytest.raises(MeetuiError, match="attendee name"):
        live.apply_line(f"#action 张三、{too_long}: 整理", add_people=True)
    assert [a.name for a in live.meeting.attendees] == before


def test_topic_command_names_a_bilingual_topic_by_its_first_part(live: LiveMeeting) -> None:
    """``#topic 风险与资源`` made a copy of "风险与资源 Risks and resources" instead of moving to it."""
    live.start()
    live.add_topic("风险与资源 Risks and resources")
    live.add_topic("预算 / Budget")
    live.apply_line("#topic 风险与资源")
    assert live.meeting.current_topic.title == "风险与资源 Risks and resources"
    live.apply_line("#topic 预算")
    assert live.meeting.current_topic.title == "预算 / Budget"
    assert len(live.meeting.topics) == 5
    live.add_topic("风险与资源 第二轮")
    live.apply_line("#topic 风险与资源")  # two topics start so: neither is meant for sure, a new one is made
    assert live.meeting.current_topic.title == "风险与资源" and len(live.meeting.topics) == 7
