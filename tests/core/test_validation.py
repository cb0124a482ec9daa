"""Bad input is refused with one sentence a user understands, never pydantic's raw report."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from meetui.core.clock import FrozenClock, SequentialIds, to_pendulum
from meetui.core.errors import MeetuiError
from meetui.core.meeting import LiveMeeting, build, new_meeting
from meetui.core.models import Meeting, Note, Segment, Topic

NOISE = ("pydantic", "validation error", "errors.pydantic.dev", "input_value", "type=", "Value error")


def refusal(action: Callable[[], object]) -> str:
    with pytest.raises(MeetuiError) as caught:
        action()
    message = str(caught.value)
    assert "\n" not in message
    for noise in NOISE:
        assert noise.casefold() not in message.casefold(), message
    return message


def test_empty_title(clock: FrozenClock) -> None:
    assert refusal(lambda: new_meeting("", clock)) == "meeting title: must not be empty"
    assert refusal(lambda: new_meeting("   ", clock)) == "meeting title: must not be empty"


def test_negative_minutes(clock: FrozenClock, live: LiveMeeting) -> None:
    assert (
        refusal(lambda: new_meeting("周会", clock, planned_minutes=-5))
        == "meeting planned minutes: must be 0 or more (got -5)"
    )
    assert (
        refusal(lambda: live.add_topic("预算", planned_minutes=-3))
        == "topic planned minutes: must be 0 or more (got -3)"
    )
    live.start()
    assert refusal(lambda: live.extend(-11)) == "a timebox is at least 1 minute"


def test_minutes_that_are_not_a_number(clock: FrozenClock) -> None:
    assert (
        refusal(lambda: new_meeting("周会", clock, planned_minutes="一小时"))
        == "meeting planned minutes: must be a whole number (got '一小时')"
    )


def test_naive_datetime(clock: FrozenClock) -> None:
    naive = dt.datetime(2026, 12, 1, 10, 0)
    assert (
        refusal(lambda: new_meeting("周会", clock, scheduled_start=naive))
        == "the time 2026-12-01T10:00:00 has no time zone"
    )
    message = refusal(lambda: build(Note, "note", id="n1", text="渠道商已确认", at=naive))
    assert message == "note at: needs a time zone (e.g. 2026-12-01T10:00+08:00)"
    assert "time zone" in refusal(lambda: to_pendulum("2026-12-01T10:00"))


def test_unreadable_time_and_zone(clock: FrozenClock) -> None:
    assert "cannot read the time '明天上午'" in refusal(lambda: new_meeting("周会", clock, scheduled_start="明天上午"))
    assert (
        refusal(lambda: new_meeting("周会", clock, timezone="Mars/Base"))
        == "unknown time zone 'Mars/Base' (use a name such as Asia/Shanghai)"
    )


def test_unknown_status(clock: FrozenClock, live: LiveMeeting) -> None:
    message = refusal(lambda: new_meeting("周会", clock, status="pending"))
    assert message == "meeting status: must be one of 'draft', 'scheduled', 'live' or 'ended' (got 'pending')"
    item = live.add_action("整理需求清单", "李娜").records[0]
    assert (
        refusal(lambda: live.set_action_status(item.id, "paused"))
        == "unknown status 'paused': use one of not-started, in-progress, done, delayed, blocked, cancelled"
    )


def test_delayed_and_blocked_need_a_reason(live: LiveMeeting) -> None:
    item = live.add_action("整理需求清单", "李娜").records[0]
    assert (
        refusal(lambda: live.set_action_status(item.id, "delayed"))
        == "a delayed action item needs a note saying why it is delayed"
    )
    assert "what it is waiting on" in refusal(lambda: live.set_action_status(item.id, "blocked", note=" "))
    live.set_action_status(item.id, "blocked", note="等法务审核")
    assert (item.status.value, item.reason) == ("blocked", "等法务审核")


def test_unparseable_due(live: LiveMeeting) -> None:
    assert "cannot read the due date '改天'" in refusal(lambda: live.add_action("整理需求清单", "李娜", due="改天"))
    assert "'2026-02-30' is not a real date" in refusal(
        lambda: live.add_action("整理需求清单", "李娜", due="2026-02-30")
    )
    assert live.meeting.actions == []


def test_empty_fields(live: LiveMeeting) -> None:
    assert refusal(lambda: live.add_action("  ", "李娜")) == "action item task: must not be empty"
    assert refusal(lambda: live.add_action("整理需求清单", "")) == "action item owner: must not be empty"
    assert refusal(lambda: live.add_topic("")) == "topic title: must not be empty"
    assert refusal(lambda: live.add_attendee(" ")) == "attendee name: must not be empty"
    assert refusal(lambda: live.add_attendee("李娜")) == "李娜 is already an attendee"
    assert refusal(lambda: live.mark("陈刚", "proxy")) == "name the proxy who represents 陈刚"


def test_unknown_fields_are_named(clock: FrozenClock) -> None:
    assert refusal(lambda: new_meeting("周会", clock, colour="红")) == "meeting colour: is not a field meetui knows"


def test_an_ended_meeting_refuses_live_changes(live: LiveMeeting, clock: FrozenClock) -> None:
    live.start()
    live.end(next_checkpoint="+2w")
    assert live.meeting.next_checkpoint == dt.date(2026, 12, 4)
    assert (
        refusal(lambda: live.add_action("会后补充材料", "王芳"))
        == "the meeting has ended; its record can no longer be changed live"
    )


def test_ids_are_what_the_tests_expect() -> None:
    ids = SequentialIds("m")
    assert [ids.new(8), ids.new()] == ["m0000001", "m00002"]


def test_list_defaults_are_never_shared_between_records() -> None:
    first, second = Topic(id="t1", title="预算"), Topic(id="t2", title="排期")
    first.segments.append(Segment(start=dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)))
    assert second.segments == []
    built = Meeting.model_construct()
    assert built.notes == [] and built.notes is not Meeting.model_construct().notes
