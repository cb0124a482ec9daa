"""The practice's agenda checks (``meetui check``)."""

from __future__ import annotations

from meetui.core.checks import agenda_warnings
from meetui.core.clock import FrozenClock, SequentialIds
from meetui.core.meeting import new_meeting

from .conftest import ATTENDEES, TOPICS, make_meeting


def prepared(clock: FrozenClock, **fields):
    """A well-prepared meeting: every check passes unless ``fields`` break one."""
    values = {"scheduled_start": clock.now().add(days=3), "place": "3F 会议室 / https://meet.example.com/q3",
              "attendees": [{**a, "attendance": "confirmed"} for a in ATTENDEES]}
    return make_meeting(clock, SequentialIds("c"), **{**values, **fields})


def test_a_well_prepared_meeting_has_no_warnings(clock: FrozenClock) -> None:
    assert agenda_warnings(prepared(clock)) == []


def test_an_empty_draft_gets_every_basic_warning(clock: FrozenClock) -> None:
    warnings = agenda_warnings(new_meeting("随便聊聊", clock, SequentialIds("c")))
    assert warnings == [
        "the meeting has no goal: state a specific, measurable, time-bound outcome",
        "the agenda has no topics",
        "no host (主持人) is named",
        "no note-taker (记录人) is named",
        "no decision-maker (决策层) is invited: book their time first",
        "the meeting has no start time",
        "no place or link is given",
    ]


def test_vague_goal_and_goal_without_a_deadline(clock: FrozenClock) -> None:
    assert agenda_warnings(prepared(clock, goal="讨论问题")) == [
        "the goal '讨论问题' is vague: say what will be decided, by whom, by when"]
    assert agenda_warnings(prepared(clock, goal="确定发布计划与各部门分工")) == [
        "the goal has no measure or deadline (SMART: measurable and time-bound)"]


def test_too_long_too_many_topics_and_no_slack(clock: FrozenClock) -> None:
    warnings = agenda_warnings(prepared(clock, planned_minutes=120))
    assert warnings == ["120 minutes is too long for a meeting (at most 90)"]
    urgent = agenda_warnings(prepared(clock, planned_minutes=70, urgent=True))
    assert urgent == ["70 minutes is too long for an urgent meeting (at most 60)"]
    topics = [{**TOPICS[0], "title": f"议题{i}", "planned_minutes": 10} for i in range(6)]
    assert agenda_warnings(prepared(clock, topics=topics)) == [
        "6 topics: keep to at most 5 core topics",
        "the topics take 60 of 60 minutes: leave about 10 minutes of slack",
    ]


def test_topics_missing_owner_goal_or_minutes(clock: FrozenClock) -> None:
    topics = [TOPICS[0], {"title": "渠道准备", "planned_minutes": 0}]
    assert agenda_warnings(prepared(clock, topics=topics)) == [
        "topic 2 (渠道准备) has no owner, goal, expected output, planned minutes"]


def test_attendees_absent_without_proxy_or_unconfirmed(clock: FrozenClock) -> None:
    attendees = [{**a, "attendance": "confirmed"} for a in ATTENDEES]
    attendees[1] = {**attendees[1], "attendance": "declined"}
    attendees[2] = {**attendees[2], "attendance": "invited"}
    attendees.append({"name": "观察员小周", "role": "observer", "attendance": "declined"})
    assert agenda_warnings(prepared(clock, attendees=attendees)) == [
        "李娜 will be absent and has named no proxy (代理人)",
        "陈刚 has not confirmed",
    ]
    attendees[1] = {**attendees[1], "proxy": "孙丽"}
    assert agenda_warnings(prepared(clock, attendees=attendees)) == ["陈刚 has not confirmed"]
