"""Preparing a meeting: details, attendees, agenda and follow-ups, as pure operations returning changes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from meetui.core.clock import FrozenClock, SequentialIds
from meetui.core.errors import MeetuiError
from meetui.core.meeting import LiveMeeting, new_meeting
from meetui.core.models import ActionStatus, Attendance, Meeting, MeetingKind, MeetingStatus, Role
from meetui.core.planning import Plan, follow_up_fields, parse_materials, parse_role, parse_rsvp


@pytest.fixture
def plan(clock: FrozenClock) -> Plan:
    return Plan(new_meeting("会员积分需求对接会", clock, SequentialIds("p")), SequentialIds("n"))


def test_set_details_validates_all_or_nothing(plan: Plan) -> None:
    change = plan.set_details(
        goal="本周五前确定一期范围",
        host="王芳",
        kind="requirements-handoff",
        scheduled_start="2026-12-01 10:00",
        planned_minutes=60,
    )
    assert change.meeting and not change.records
    m = plan.meeting
    assert m.kind is MeetingKind.REQUIREMENTS_HANDOFF and m.host == "王芳"
    assert m.scheduled_start.isoformat() == "2026-12-01T10:00:00+08:00"
    assert m.status is MeetingStatus.SCHEDULED
    with pytest.raises(MeetuiError, match="planned minutes: must be 1440 or less"):
        plan.set_details(host="李娜", planned_minutes=5000)
    assert m.host == "王芳"  # nothing applied
    with pytest.raises(MeetuiError, match="unknown detail"):
        plan.set_details(colour="red")
    with pytest.raises(MeetuiError, match="unknown kind"):
        plan.set_details(kind="party")


def test_changing_the_zone_keeps_the_wall_clock_time(plan: Plan) -> None:
    plan.set_details(scheduled_start="2026-12-01 10:00")
    plan.set_details(timezone="Europe/London")
    assert plan.meeting.scheduled_start.isoformat() == "2026-12-01T10:00:00+00:00"
    assert plan.meeting.timezone == "Europe/London"


def test_materials_as_text(plan: Plan) -> None:
    plan.set_details(materials="202611-积分-规则草案_v0.3 <https://wiki.example.com/p>; 202611-积分-排期_v1.0")
    assert [(m.name, m.link) for m in plan.meeting.materials] == [
        ("202611-积分-规则草案_v0.3", "https://wiki.example.com/p"),
        ("202611-积分-排期_v1.0", ""),
    ]
    assert [(m.name, m.link) for m in parse_materials("plan | https://x.example")] == [("plan", "https://x.example")]


def test_attendees_add_set_remove(plan: Plan) -> None:
    change = plan.add_attendee("王芳", department="产品部", role="决策层", contact="wf@example.com")
    assert change.records == [plan.meeting.attendee("王芳")] and "王芳" in change.message
    assert plan.meeting.attendee("王芳").role is Role.DECISION_MAKER
    with pytest.raises(MeetuiError, match="already an attendee"):
        plan.add_attendee(" 王芳 ")
    plan.add_attendee("李娜", role="executor")
    plan.set_details(host="李娜")
    plan.add_topic("一期范围", owner="李娜")
    change = plan.set_attendee("李娜", attendance="declined", proxy="孙丽", name="李娜娜")
    who = plan.meeting.attendee("李娜娜")
    assert who.attendance is Attendance.DECLINED and who.proxy == "孙丽"
    assert plan.meeting.host == "李娜娜" and plan.meeting.agenda[0].owner == "李娜娜" and change.meeting
    with pytest.raises(MeetuiError, match="is already an attendee"):
        plan.set_attendee("李娜娜", name="王芳")
    with pytest.raises(MeetuiError, match="unknown role 'boss'"):
        plan.set_attendee("王芳", role="boss")
    with pytest.raises(MeetuiError, match=r"'张三' is not an attendee \(invited: 王芳, 李娜娜\)"):
        plan.remove_attendee("张三")
    change = plan.remove_attendee("王芳")
    assert [a.name for a in change.deleted] == ["王芳"] and plan.meeting.attendee("王芳") is None


def test_import_attendees_from_pasted_lines(plan: Plan) -> None:
    plan.add_attendee("王芳")
    change = plan.import_attendees("\ufeff王芳，产品部，决策层\r\n\n李娜, 研发部, executor\n陈刚\t销售部\n# 备注\n")
    assert change.message == "imported 2 attendee(s), updated 1"
    assert [(a.name, a.department, a.role) for a in plan.meeting.attendees] == [
        ("王芳", "产品部", Role.DECISION_MAKER),
        ("李娜", "研发部", Role.EXECUTOR),
        ("陈刚", "销售部", Role.EXECUTOR),
    ]
    with pytest.raises(MeetuiError, match="line 2: unknown role 'chief'"):
        plan.import_attendees("赵磊, 销售部\n孙丽, 法务部, chief")
    assert plan.meeting.attendee("赵磊") is None  # nothing half-imported
    with pytest.raises(MeetuiError, match=r"line 2: attendee name: is too long: at most 200 characters \(got 201\)"):
        plan.import_attendees("赵磊, 销售部\n" + "长" * 201)
    with pytest.raises(MeetuiError, match=r"line 1: the name '赵\\x1e磊' holds a control character \(U\+001E\)"):
        plan.import_attendees("赵\x1e磊, 销售部")
    assert plan.meeting.attendee("赵磊") is None
    with pytest.raises(MeetuiError, match="nothing to import"):
        plan.import_attendees("\n # only a comment\n")


def test_topics_add_move_set_remove(plan: Plan) -> None:
    plan.add_topic("一期范围", owner="李娜", planned_minutes=25, expected_output="范围清单")
    plan.add_topic("验收标准", planned_minutes=15)
    change = plan.add_topic("背景", position=1)
    assert change.message == "topic 1 added: 背景 (10 min)"
    assert [t.title for t in plan.meeting.agenda] == ["背景", "一期范围", "验收标准"]
    change = plan.move_topic("背景", 3)
    assert [t.title for t in plan.meeting.agenda] == ["一期范围", "验收标准", "背景"]
    assert {t.title for t in change.records} == {"一期范围", "验收标准", "背景"}
    plan.move_topic_by(3, -1)
    assert [t.title for t in plan.meeting.agenda] == ["一期范围", "背景", "验收标准"]
    plan.move_topic_by(1, -1)  # already first: stays
    assert plan.meeting.agenda[0].title == "一期范围"
    plan.set_topic("验收", expected_output="验收标准表", owner="王芳")
    assert plan.topic(3).expected_output == "验收标准表"
    with pytest.raises(MeetuiError, match="there is no topic 7"):
        plan.topic(7)
    with pytest.raises(MeetuiError, match="planned minutes: must be 0 or more"):
        plan.set_topic(1, planned_minutes=-5)
    change = plan.remove_topic(2)
    assert [t.title for t in change.deleted] == ["背景"]
    assert [(t.title, t.order) for t in plan.meeting.agenda] == [("一期范围", 0), ("验收标准", 1)]


def test_a_topic_with_records_is_not_removed_and_an_ended_meeting_is_refused(plan: Plan, clock) -> None:
    plan.add_topic("一期范围")
    live = LiveMeeting(plan.meeting, clock, SequentialIds("l"))
    live.start()
    live.add_note("已有记录")
    with pytest.raises(MeetuiError, match="defer it instead"):
        plan.remove_topic(1)
    plan.meeting.status = MeetingStatus.ENDED
    with pytest.raises(MeetuiError, match="has ended"):
        plan.add_topic("新议题")


@given(text=st.text(alphabet=st.sampled_from(list("王芳李娜, ，\t\n#决策层executor观察员xy")), max_size=60))
def test_a_pasted_list_imports_whole_or_is_refused_in_one_line(text: str) -> None:
    from meetui.core.clock import FrozenClock

    plan = Plan(
        new_meeting("周会", FrozenClock("2026-11-20T09:30:00+08:00", tz="Asia/Shanghai"), SequentialIds("h")),
        SequentialIds("i"),
    )
    try:
        change = plan.import_attendees(text)
    except MeetuiError as error:
        assert "\n" not in str(error)
        assert plan.meeting.attendees == []  # nothing half-imported
    else:
        assert {a.name for a in change.records} == {a.name for a in plan.meeting.attendees}
        assert all(a.name == a.name.strip() and a.name for a in plan.meeting.attendees)


def test_role_and_rsvp_words() -> None:
    assert parse_role("Decision Maker") is Role.DECISION_MAKER and parse_role("观察员") is Role.OBSERVER
    assert parse_rsvp("已确认") is Attendance.CONFIRMED and parse_rsvp("declined") is Attendance.DECLINED
    with pytest.raises(MeetuiError, match="unknown answer"):
        parse_rsvp("maybe")


def test_follow_up_carries_people_open_actions_and_parking_lot(clock: FrozenClock) -> None:
    earlier = new_meeting(
        "Q3 发布协调会",
        clock,
        SequentialIds("e"),
        host="王芳",
        note_taker="赵磊",
        place="3F 会议室",
        timezone="Asia/Shanghai",
        attendees=[
            {"name": "王芳", "role": "decision-maker", "attendance": "confirmed", "department": "产品部"},
            {"name": "李娜", "attendance": "declined"},
        ],
        topics=[{"title": "发布日期"}],
    )
    live = LiveMeeting(earlier, clock, SequentialIds("l"))
    live.start()
    live.add_action("整理渠道名单", "李娜")
    done = live.add_action("发送纪要", "赵磊").records[0]
    done.status = ActionStatus.DONE
    live.park("预算口径不一致")
    fields = follow_up_fields(earlier)
    later = new_meeting("Q3 发布跟进会", clock, SequentialIds("f"), **fields)
    assert isinstance(later, Meeting) and later.follow_up_of == earlier.id
    assert [(a.name, a.role, a.attendance) for a in later.attendees] == [
        ("王芳", Role.DECISION_MAKER, Attendance.INVITED),
        ("李娜", Role.EXECUTOR, Attendance.INVITED),
    ]
    assert (later.host, later.note_taker, later.place, later.timezone) == ("王芳", "赵磊", "3F 会议室", "Asia/Shanghai")
    assert [a.task for a in later.actions] == ["整理渠道名单"]
    assert (later.actions[0].meeting_id, later.actions[0].carried_from) == (later.id, earlier.id)
    assert [t.title for t in later.agenda] == ["回顾「Q3 发布协调会」的未完成行动项", "预算口径不一致"]
    assert later.agenda[1].background == "「Q3 发布协调会」的停车场事项"


def test_follow_up_carries_the_topics_not_finished_and_the_open_questions(clock) -> None:  # noqa: ANN001
    from meetui.core.meeting import LiveMeeting
    from meetui.core.models import NoteKind

    topics = [
        {"title": "发布日期", "owner": "王芳", "planned_minutes": 10},
        {"title": "渠道预算", "owner": "陈刚", "planned_minutes": 15},
        {"title": "法务审核", "owner": "李娜", "planned_minutes": 20, "background": "合同模板有变"},
        {"title": "服务器迁移", "owner": "李娜", "planned_minutes": 25},
        {"title": "培训计划", "owner": "赵磊", "planned_minutes": 5},
    ]
    people = [{"name": n} for n in ("王芳", "陈刚", "李娜", "赵磊")]
    ids = SequentialIds("q")
    earlier = new_meeting("Q3 发布协调会", clock, ids, topics=topics, attendees=people, host="王芳")
    live = LiveMeeting(earlier, clock, ids)
    live.start()  # topic 1 is discussed
    live.add_note("海外渠道是否同步上线？", NoteKind.QUESTION, author="陈刚")
    clock.advance(minutes=10)
    live.next_topic()  # topic 2 is deferred, so the parking lot carries it
    live.defer_topic()
    live.next_topic()  # topic 3 is left at once: skipped
    clock.advance(minutes=5)
    live.add_note("迁移窗口谁来批？", NoteKind.QUESTION)
    live.add_note("迁移已完成一半")
    live.end()  # topics 4 and 5: 4 was discussed; 5 never came up
    states = [t.state.value for t in earlier.agenda]
    assert states == ["done", "deferred", "skipped", "done", "pending"], states

    fields = follow_up_fields(earlier)
    later = new_meeting("Q3 发布跟进会", clock, SequentialIds("f"), **fields)
    titles = [t.title for t in later.agenda]
    assert titles[titles.index("渠道预算") + 1 :] == ["法务审核", "培训计划", "「Q3 发布协调会」的遗留问题"]
    skipped, pending, questions = later.agenda[-3:]
    assert (skipped.owner, skipped.planned_minutes) == ("李娜", 20)
    assert skipped.background == "「Q3 发布协调会」上跳过的议题：合同模板有变"
    assert (pending.owner, pending.planned_minutes, pending.background) == (
        "赵磊",
        5,
        "「Q3 发布协调会」上未讨论的议题",
    )
    assert questions.owner == "王芳"
    assert questions.background.splitlines()[1:] == ["? 海外渠道是否同步上线？（陈刚）", "? 迁移窗口谁来批？（王芳）"]
