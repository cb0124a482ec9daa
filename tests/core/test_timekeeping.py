"""Timekeeping: elapsed time with pauses, restarts, per-topic minutes, time states and the planned end."""

from __future__ import annotations

import datetime as dt

import pendulum
from hypothesis import given, settings
from hypothesis import strategies as st

from meetui.core.clock import FrozenClock, SequentialIds
from meetui.core.meeting import LiveMeeting
from meetui.core.models import Meeting, TopicState
from meetui.core.timekeeping import (
    TimeState,
    actual_minutes,
    elapsed_seconds,
    format_duration,
    planned_end,
    read_clock,
    time_state,
    topic_seconds,
    topics_to_park,
    trim_plan,
)

from .conftest import make_meeting


def restarted(meeting: Meeting) -> Meeting:
    """The meeting as a new process sees it: rebuilt from its stored JSON."""
    return Meeting.model_validate(meeting.model_dump(mode="json"))


def test_elapsed_excludes_pauses(live: LiveMeeting, clock: FrozenClock) -> None:
    live.start()
    clock.advance(minutes=10)
    live.pause()
    clock.advance(minutes=5)
    assert elapsed_seconds(live.meeting, clock.now()) == 10 * 60
    live.start()
    clock.advance(minutes=7, seconds=30)
    assert elapsed_seconds(live.meeting, clock.now()) == 17 * 60 + 30
    assert read_clock(live.meeting, clock.now()).elapsed == 17 * 60 + 30


def test_restart_resumes_at_the_right_elapsed_time(live: LiveMeeting, clock: FrozenClock) -> None:
    live.start()
    clock.advance(minutes=12)
    live.pause()
    clock.advance(minutes=3)
    live.start()
    clock.advance(minutes=4)
    stored = live.meeting.model_dump(mode="json")

    # the process dies; a new one starts 6 minutes later and rebuilds the meeting from the stored JSON
    clock.advance(minutes=6)
    later = clock.now()
    reloaded = Meeting.model_validate(stored)
    assert elapsed_seconds(reloaded, later) == elapsed_seconds(live.meeting, later) == (12 + 4 + 6) * 60
    assert topic_seconds(reloaded.current_topic, later) == (12 + 4 + 6) * 60
    assert read_clock(reloaded, later).planned_end == read_clock(live.meeting, later).planned_end


def test_restart_while_paused_does_not_count_the_downtime(live: LiveMeeting, clock: FrozenClock) -> None:
    live.start()
    clock.advance(minutes=8)
    live.pause()
    stored = live.meeting.model_dump(mode="json")
    clock.advance(minutes=45)
    reloaded = Meeting.model_validate(stored)
    assert elapsed_seconds(reloaded, clock.now()) == 8 * 60
    resumed = LiveMeeting(reloaded, clock, SequentialIds("r"))
    resumed.start()
    clock.advance(minutes=2)
    assert elapsed_seconds(resumed.meeting, clock.now()) == 10 * 60


def test_actual_minutes_per_topic_exclude_pauses(live: LiveMeeting, clock: FrozenClock) -> None:
    first, second, third = live.meeting.agenda
    live.start()
    clock.advance(minutes=4)
    live.pause()
    clock.advance(minutes=20)  # a coffee break is not time spent on 发布日期
    live.start()
    clock.advance(minutes=3)
    live.next_topic()
    clock.advance(minutes=11, seconds=40)
    now = clock.now()
    assert actual_minutes(first, now) == 7
    assert first.state is TopicState.DONE
    assert actual_minutes(second, now) == 12  # 11:40 rounds to 12
    assert topic_seconds(second, now) == 11 * 60 + 40
    assert actual_minutes(third, now) == 0
    assert elapsed_seconds(live.meeting, now) == (4 + 3) * 60 + 11 * 60 + 40


def test_time_states_on_time_closing_over() -> None:
    budget = 10 * 60
    assert time_state(0, budget) is TimeState.ON_TIME
    assert time_state(479, budget) is TimeState.ON_TIME
    assert time_state(480, budget) is TimeState.CLOSING  # the last 20 %
    assert time_state(600, budget) is TimeState.CLOSING
    assert time_state(601, budget) is TimeState.OVER


def test_clock_reading_classifies_the_current_topic(live: LiveMeeting, clock: FrozenClock) -> None:
    live.start()  # 发布日期 has a 10-minute timebox
    clock.advance(minutes=5)
    assert read_clock(live.meeting, clock.now()).topic_state is TimeState.ON_TIME
    clock.advance(minutes=3, seconds=30)
    reading = read_clock(live.meeting, clock.now())
    assert reading.topic_state is TimeState.CLOSING
    assert reading.topic_remaining == 90
    clock.advance(minutes=2)
    reading = read_clock(live.meeting, clock.now())
    assert reading.topic_state is TimeState.OVER
    assert reading.topic_remaining == -30
    assert format_duration(reading.topic_remaining, signed=True) == "-0:30"
    live.extend(5)
    assert read_clock(live.meeting, clock.now()).topic_state is TimeState.ON_TIME


def test_projected_end_before_and_during_the_meeting(clock: FrozenClock, ids: SequentialIds) -> None:
    start = clock.now().add(minutes=30)  # 10:00, topics of 10 + 20 + 15 minutes
    meeting = make_meeting(clock, ids, scheduled_start=start)
    assert read_clock(meeting, clock.now()).projected_end == start + dt.timedelta(minutes=45)

    clock.set(start)
    live = LiveMeeting(meeting, clock, ids)
    live.start()
    clock.advance(minutes=5)
    # 5 minutes left on 发布日期, then 20 + 15
    assert read_clock(meeting, clock.now()).projected_end == start + dt.timedelta(minutes=5 + 5 + 35)
    clock.advance(minutes=10)  # 发布日期 runs 5 minutes over: its rest counts as zero
    assert read_clock(meeting, clock.now()).projected_end == start + dt.timedelta(minutes=15 + 35)


def test_planned_end_moves_later_with_pauses(clock: FrozenClock, ids: SequentialIds) -> None:
    start = clock.now()
    meeting = make_meeting(clock, ids, scheduled_start=start.add(minutes=15))
    assert planned_end(meeting, clock.now()) == start.add(minutes=15 + 60)
    live = LiveMeeting(meeting, clock, ids)
    live.start()  # started 15 minutes early: the plan now counts from the real start
    assert planned_end(meeting, clock.now()) == start.add(minutes=60)
    clock.advance(minutes=10)
    live.pause()
    clock.advance(minutes=10)
    assert planned_end(meeting, clock.now()) == start.add(minutes=70)
    live.start()
    clock.advance(minutes=10)
    assert planned_end(meeting, clock.now()) == start.add(minutes=70)
    assert planned_end(restarted(meeting), clock.now()) == start.add(minutes=70)


def test_no_planned_end_without_start_time(meeting: Meeting, clock: FrozenClock) -> None:
    assert planned_end(meeting, clock.now()) is None
    assert trim_plan(meeting, clock.now()) == {}
    assert topics_to_park(meeting, clock.now()) == []


def test_trim_plan_shares_the_time_left_and_trim_remaining_applies_it(clock: FrozenClock, ids: SequentialIds) -> None:
    meeting = make_meeting(clock, ids, planned_minutes=30)  # topics want 10 + 20 + 15 = 45
    live = LiveMeeting(meeting, clock, ids)
    live.start()
    first, second, third = meeting.agenda
    # 30 minutes in all, 10 of them for the current topic: 20 left for 20 + 15 minutes of topics
    plan = trim_plan(meeting, clock.now())
    assert plan == {second.id: int(20 * 20 / 35), third.id: int(15 * 20 / 35)}
    assert sum(plan.values()) <= 20
    change = live.trim_remaining()
    assert {r.id for r in change.records} == {second.id, third.id}
    assert second.timebox_minutes == plan[second.id] and third.timebox_minutes == plan[third.id]
    assert second.planned_minutes == 20  # the plan is kept; only the live extra minutes change
    assert trim_plan(meeting, clock.now()) == {}
    assert live.trim_remaining().records == []


def test_topics_to_park_are_the_last_ones_that_do_not_fit(clock: FrozenClock, ids: SequentialIds) -> None:
    meeting = make_meeting(clock, ids, planned_minutes=35)
    live = LiveMeeting(meeting, clock, ids)
    live.start()
    first, second, third = meeting.agenda
    assert topics_to_park(meeting, clock.now()) == [third.id]  # 45 planned, 35 available: drop the last 15
    clock.advance(minutes=15)  # 发布日期 overruns by 5: still only the last topic has to go
    assert topics_to_park(meeting, clock.now()) == [third.id]
    clock.advance(minutes=15)  # 30 minutes gone, 20 + 15 still ahead of a 5-minute remainder
    assert topics_to_park(meeting, clock.now()) == [second.id, third.id]
    change = live.park_last_topics()
    assert second.state is TopicState.DEFERRED and third.state is TopicState.DEFERRED
    assert {p.text for p in meeting.parking_lot} == {"渠道准备 — out of time", "风险与应对 — out of time"}
    assert "2" in change.message


def test_topics_to_park_is_empty_when_the_agenda_fits(live: LiveMeeting, clock: FrozenClock) -> None:
    live.start()
    assert topics_to_park(live.meeting, clock.now()) == []
    assert trim_plan(live.meeting, clock.now()) == {}


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 4 * 3600), st.integers(0, 4 * 3600)), min_size=1, max_size=12),
    st.booleans(),
    st.integers(0, 7200),
)
def test_elapsed_is_the_sum_of_running_segments(
    periods: list[tuple[int, int]], end_running: bool, restart_after: int
) -> None:
    clock = FrozenClock("2026-11-20T09:30:00+08:00", tz="Asia/Shanghai")
    ids = SequentialIds("h")
    live = LiveMeeting(make_meeting(clock, ids), clock, ids)
    running_total = 0
    for run, paused in periods:
        live.start()
        clock.advance(seconds=run)
        running_total += run
        live.pause()
        clock.advance(seconds=paused)
    if end_running:
        live.start()
        clock.advance(seconds=restart_after)
        running_total += restart_after
    now = clock.now()
    assert elapsed_seconds(live.meeting, now) == running_total
    assert elapsed_seconds(restarted(live.meeting), now) == running_total
    wall = (now - pendulum.parse("2026-11-20T09:30:00+08:00")).total_seconds()
    assert planned_end(live.meeting, now) == live.meeting.clock[0].start + dt.timedelta(
        seconds=60 * 60 + wall - running_total
    )


def test_an_ended_meeting_reads_as_it_ended(live, clock) -> None:
    live.start()
    clock.advance(minutes=50)
    live.end()
    at_end = read_clock(live.meeting, clock.now())
    clock.advance(minutes=180)
    later = read_clock(live.meeting, clock.now())
    assert later.planned_end == at_end.planned_end and later.elapsed == at_end.elapsed == 50 * 60
    assert later.projected_end == at_end.projected_end


def test_a_new_speaker_limit_holds_for_the_speaker_and_those_waiting_not_for_finished_turns(
    live: LiveMeeting, clock: FrozenClock
) -> None:
    live.start()
    for name in ("王芳", "李娜", "陈刚"):
        live.queue_speaker(name)
    live.next_speaker()  # 王芳 speaks
    clock.advance(minutes=2)
    live.next_speaker()  # 王芳 is done, 李娜 speaks, 陈刚 waits
    change = live.set_speaker_limit(90)
    finished, speaking, waiting = live.meeting.speakers
    assert finished.limit_seconds == 180  # held to the limit of her time
    assert speaking.limit_seconds == waiting.limit_seconds == 90
    assert {r.id for r in change.records} == {speaking.id, waiting.id} and change.meeting
    assert live.queue_speaker("赵磊").records[0].limit_seconds == 90
