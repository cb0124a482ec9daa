"""Timekeeping computed from stored timestamps: elapsed, remaining, overrun, projected end.

Nothing here keeps a running counter. Every figure is derived from the
meeting's clock segments and each topic's segments, so a restarted process
resumes at the right elapsed time, pauses included.
"""

from __future__ import annotations

import datetime as dt
import math
from enum import StrEnum
from typing import NamedTuple

from .models import Meeting, Segment, Topic, TopicState


class TimeState(StrEnum):
    """How a timebox is doing: on time, in its last 20 %, or over."""

    ON_TIME = "on-time"
    CLOSING = "closing"
    OVER = "over"


#: A word and a symbol for each state, so it reads without colour too.
TIME_STATE_LABELS: dict[TimeState, tuple[str, str]] = {
    TimeState.ON_TIME: ("●", "on time"),
    TimeState.CLOSING: ("◐", "last 20%"),
    TimeState.OVER: ("▲", "over"),
}


def running_seconds(segments: list[Segment], now: dt.datetime) -> float:
    """Total length of the segments, an open one counted up to ``now``."""
    return sum(segment.seconds(now) for segment in segments)


def is_running(meeting: Meeting) -> bool:
    """Whether the meeting clock is running (its last segment is open)."""
    return bool(meeting.clock) and meeting.clock[-1].end is None


def elapsed_seconds(meeting: Meeting, now: dt.datetime) -> float:
    """Running time of the meeting so far, pauses excluded."""
    return running_seconds(meeting.clock, now)


def topic_seconds(topic: Topic, now: dt.datetime) -> float:
    """Time actually spent on a topic, pauses excluded."""
    return running_seconds(topic.segments, now)


def actual_minutes(topic: Topic, now: dt.datetime) -> int:
    """Actual minutes spent on a topic, rounded to the nearest minute."""
    return round(topic_seconds(topic, now) / 60)


def time_state(used_seconds: float, budget_seconds: float) -> TimeState:
    """Classify a timebox: over when used exceeds it, closing in its last 20 %."""
    if used_seconds > budget_seconds:
        return TimeState.OVER
    if used_seconds >= 0.8 * budget_seconds:
        return TimeState.CLOSING
    return TimeState.ON_TIME


class ClockReading(NamedTuple):
    """Everything the clock pane shows, computed at one instant."""

    now: dt.datetime
    running: bool
    started: bool
    elapsed: float
    remaining: float
    meeting_state: TimeState
    topic_elapsed: float | None
    topic_remaining: float | None
    topic_state: TimeState | None
    planned_end: dt.datetime | None
    projected_end: dt.datetime
    overrun: float

    @property
    def projected_overrun(self) -> float:
        """Seconds by which the projected end passes the planned end (0 if on time)."""
        if self.planned_end is None:
            return 0.0
        return max((self.projected_end - self.planned_end).total_seconds(), 0.0)


def planned_end(meeting: Meeting, now: dt.datetime) -> dt.datetime | None:
    """When the meeting should end: its start plus planned minutes plus pauses.

    Before the meeting starts this is the scheduled start plus the planned
    minutes; once started, paused time moves the planned end later, because a
    paused meeting has not spent its time.
    """
    if meeting.clock:
        first = meeting.clock[0].start
        paused = max((now - first).total_seconds() - elapsed_seconds(meeting, now), 0.0)
        return first + dt.timedelta(seconds=meeting.planned_minutes * 60 + paused)
    if meeting.scheduled_start is not None:
        return meeting.scheduled_start + dt.timedelta(minutes=meeting.planned_minutes)
    return None


def remaining_agenda_seconds(meeting: Meeting, now: dt.datetime) -> float:
    """Seconds of timebox still ahead: the current topic's rest plus every pending topic."""
    total = 0.0
    for topic in meeting.agenda:
        if topic.state is TopicState.PENDING:
            total += topic.timebox_minutes * 60
        elif topic.state is TopicState.ACTIVE:
            total += max(topic.timebox_minutes * 60 - topic_seconds(topic, now), 0.0)
    return total


def read_clock(meeting: Meeting, now: dt.datetime) -> ClockReading:
    """Take a full reading of the meeting's clocks at ``now`` (an ended meeting reads as it ended)."""
    if meeting.ended_at is not None:
        now = min(now, meeting.ended_at)
    elapsed = elapsed_seconds(meeting, now)
    budget = meeting.planned_minutes * 60
    topic = meeting.current_topic
    topic_elapsed = topic_remaining = None
    topic_st = None
    if topic is not None:
        topic_elapsed = topic_seconds(topic, now)
        topic_remaining = topic.timebox_minutes * 60 - topic_elapsed
        topic_st = time_state(topic_elapsed, topic.timebox_minutes * 60)
    start = now
    if not meeting.clock and meeting.scheduled_start is not None and meeting.scheduled_start > now:
        start = meeting.scheduled_start
    projected = start + dt.timedelta(seconds=remaining_agenda_seconds(meeting, now))
    return ClockReading(
        now=now,
        running=is_running(meeting),
        started=bool(meeting.clock),
        elapsed=elapsed,
        remaining=budget - elapsed,
        meeting_state=time_state(elapsed, budget),
        topic_elapsed=topic_elapsed,
        topic_remaining=topic_remaining,
        topic_state=topic_st,
        planned_end=planned_end(meeting, now),
        projected_end=projected,
        overrun=max(elapsed - budget, 0.0),
    )


def format_duration(seconds: float, *, signed: bool = False) -> str:
    """``m:ss`` or ``h:mm:ss``; negative durations get a leading minus when ``signed``."""
    sign = "-" if seconds < 0 and signed else ""
    total = int(math.floor(abs(seconds)))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{sign}{hours}:{minutes:02d}:{secs:02d}"
    return f"{sign}{minutes}:{secs:02d}"


def trim_plan(meeting: Meeting, now: dt.datetime) -> dict[str, int]:
    """New timeboxes (minutes, by topic id) that let the meeting end on time.

    The pending topics share what is left of the planned time in proportion
    to their current timeboxes, at least one minute each. Returns an empty
    mapping when nothing needs trimming.
    """
    end = planned_end(meeting, now)
    if end is None:
        return {}
    pending = [t for t in meeting.agenda if t.state is TopicState.PENDING and t.timebox_minutes > 0]
    current = meeting.current_topic
    current_rest = 0.0
    if current is not None and current.state is TopicState.ACTIVE:
        current_rest = max(current.timebox_minutes * 60 - topic_seconds(current, now), 0.0)
    available = (end - now).total_seconds() - current_rest
    needed = sum(t.timebox_minutes * 60 for t in pending)
    if not pending or needed <= available:
        return {}
    factor = max(available, 0.0) / needed
    return {t.id: max(int(t.timebox_minutes * factor), 1) for t in pending}


def topics_to_park(meeting: Meeting, now: dt.datetime) -> list[str]:
    """Ids of the last pending topics to move to the parking lot so the meeting ends on time."""
    end = planned_end(meeting, now)
    if end is None:
        return []
    pending = [t for t in meeting.agenda if t.state is TopicState.PENDING]
    over = (now + dt.timedelta(seconds=remaining_agenda_seconds(meeting, now)) - end).total_seconds()
    parked: list[str] = []
    for topic in reversed(pending):
        if over <= 0:
            break
        parked.append(topic.id)
        over -= topic.timebox_minutes * 60
    return list(reversed(parked))
