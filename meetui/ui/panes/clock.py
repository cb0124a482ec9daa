"""The clock pane: the current topic's time, the meeting's elapsed and remaining time, and the projected end.

Every figure comes from :func:`meetui.core.timekeeping.read_clock` at the
moment of drawing; nothing is accumulated here. States read by symbol and word
(``● on time``, ``◐ last 20%``, ``▲ over``) and by colour from the stylesheet.
"""

from __future__ import annotations

import datetime as dt

from textual.app import ComposeResult
from textual.widgets import Label

from ...core.clock import in_zone
from ...core.models import Meeting, MeetingStatus
from ...core.text import cell_width
from ...core.timekeeping import ClockReading, TimeState, format_duration
from .base import Pane
from .display import local_time, state_label

STATE_CLASSES = {TimeState.ON_TIME: "-on-time", TimeState.CLOSING: "-closing", TimeState.OVER: "-over"}

#: Below this many seconds of projected overrun, re-planning is not offered.
REPLAN_THRESHOLD = 60.0


def needs_replan(reading: ClockReading) -> bool:
    """Whether the meeting is projected to end later than planned (by a minute or more)."""
    return reading.started and reading.projected_overrun >= REPLAN_THRESHOLD


def topic_lines(meeting: Meeting, reading: ClockReading) -> tuple[str, str, TimeState | None]:
    """The topic's state line, its detail line, and its state."""
    topic = meeting.current_topic
    done = meeting.topics_done()  # as the agenda counts them
    if meeting.status is MeetingStatus.ENDED:  # the clock stopped: nothing is left, nothing is projected
        return f"■ {done}/{len(meeting.topics)} topics done", f"{meeting.planned_minutes} min planned", None
    if topic is None or reading.topic_remaining is None or reading.topic_state is None:
        if not meeting.topics:
            return "○ no agenda", "#topic TITLE in the notes adds a topic", None
        return "○ no topic yet", "space: start the first topic", None
    number = meeting.agenda.index(topic) + 1
    detail = (
        f"Topic {number}/{len(meeting.topics)} · {format_duration(reading.topic_elapsed or 0)} "
        f"of {topic.timebox_minutes} min"
    )
    if reading.topic_remaining < 0:  # the symbol and the words say it once: "▲ over by 1:09"
        return f"▲ over by {format_duration(-reading.topic_remaining)}", detail, reading.topic_state
    left = f"{format_duration(reading.topic_remaining)} left on topic"
    return f"{state_label(reading.topic_state)} · {left}", detail, reading.topic_state


def meeting_line(meeting: Meeting, reading: ClockReading, *, host_left: bool = False) -> str:
    """``▶ running · 1:29:53 left in meeting`` (or paused / not started / ended, or ``▲ over by …``); in the follow
    view once the host's process is gone (``host_left``), ``■ stopped: the host has left``."""
    if meeting.status is MeetingStatus.ENDED:
        ended = f" at {local_time(meeting.ended_at, meeting.timezone)}" if meeting.ended_at else ""
        return f"■ ended{ended} · {format_duration(reading.elapsed)} in all"
    elif host_left and reading.running:
        status = "■ stopped: the host has left"
    elif reading.running:
        status = "▶ running"
    elif reading.started:
        status = "❚❚ paused"
    else:
        status = "○ not started"
    if reading.remaining >= 0:
        left = f"{format_duration(reading.remaining)} left in meeting"
    else:
        left = f"▲ meeting over by {format_duration(-reading.remaining)}"
    return f"{status} · {left}"


def speaker_line(meeting: Meeting, now: dt.datetime) -> tuple[str, bool]:
    """The speaker with the floor and their time against the limit (``""`` when nobody), and whether over."""
    turn = next((s for s in meeting.speakers if s.started_at and not s.ended_at), None)
    if turn is None or turn.started_at is None:
        return "", False
    spoken = max((now - turn.started_at).total_seconds(), 0.0)
    limit = turn.limit_seconds
    if limit and spoken > limit:
        return f"Speaking: {turn.name} ▲ over the limit by {format_duration(spoken - limit)}", True
    return f"Speaking: {turn.name} {format_duration(spoken)} of {format_duration(limit)}", False


def zone_label(meeting: Meeting, now: dt.datetime) -> str:
    """The meeting's time zone when it differs from this computer's (by offset now), else ``""``."""
    local_offset = now.astimezone().utcoffset()
    try:
        meeting_offset = in_zone(now, meeting.timezone).utcoffset()
    except Exception:  # an unknown zone name: say it, it is what the times are shown in
        return meeting.timezone
    return meeting.timezone if meeting_offset != local_offset else ""


def end_line(meeting: Meeting, reading: ClockReading, replan_key: str = "t") -> str:
    """Planned and projected end times in the meeting's zone, with the overrun if any."""
    zone = meeting.timezone
    line = f"End {local_time(reading.planned_end, zone)} plan"
    if meeting.status is MeetingStatus.ENDED:  # what happened, not a projection
        return line + (f" · {local_time(meeting.ended_at, zone)} actual" if meeting.ended_at else "")
    if meeting.topics:  # without an agenda there is nothing to project from
        line += f" · {local_time(reading.projected_end, zone)} proj"
    if needs_replan(reading):
        line += f" ▲+{round(reading.projected_overrun / 60)}m ({replan_key}: trim)"
    return line


class ClockPane(Pane):
    """Times that matter right now, refreshed once a second by the screen."""

    TITLE = "Clock"
    HELP = """\
## Clock
The first line is the current topic's time: **● on time** or **◐ last 20%** of
its timebox with the time left on the topic, or **▲ over by** how much. When
the topic enters its last 20 % and when it runs over, the pane flashes once
and the terminal bell rings once (`bell = false` in the config file silences
it). The speaker with the floor and their time against the limit show at the
bottom while they speak; the title names the meeting's time zone when it is
not this computer's. Then the topic's time
against its timebox, the meeting's running time and what is left of its planned
length (pauses do not count), and the planned and projected end, in the
meeting's time zone.

When the projected end passes the planned end, `t` offers to trim the remaining
timeboxes or to move the last topics to the parking lot. `space` starts or
pauses the clock.
"""

    can_focus = True

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._texts: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        yield Label(id="clock-topic-state", markup=False)
        yield Label(id="clock-topic-detail", markup=False)
        yield Label(id="clock-meeting", markup=False)
        yield Label(id="clock-end", markup=False)
        yield Label(id="clock-speaker", markup=False)

    def show(self, meeting: Meeting, reading: ClockReading, replan_key: str = "t", *, host_left: bool = False) -> None:
        """Draw ``reading`` (taken by the screen for this instant); ``host_left``: the follow view's host is gone."""
        state_text, detail, state = topic_lines(meeting, reading)
        topic_label = self._write("#clock-topic-state", state_text)
        for name, cls in STATE_CLASSES.items():
            topic_label.set_class(state is name, cls)
        self._write("#clock-topic-detail", detail)
        meeting_label = self._write("#clock-meeting", meeting_line(meeting, reading, host_left=host_left))
        meeting_label.set_class(reading.meeting_state is TimeState.OVER, "-over")
        end_label = self._write("#clock-end", end_line(meeting, reading, replan_key))
        end_label.set_class(needs_replan(reading), "-over")
        speaking, over = speaker_line(meeting, reading.now)
        speaker = self._write("#clock-speaker", speaking)
        if speaker.display != bool(speaking):
            speaker.display = bool(speaking)
        speaker.set_class(over, "-over")
        zone = zone_label(meeting, reading.now)
        title = f"Clock · {zone}" if zone else "Clock"
        if self.border_title != title:
            self.border_title = title
        if meeting.status is MeetingStatus.ENDED:  # the clock stops at the end
            self.border_subtitle = f"ended {local_time(meeting.ended_at, meeting.timezone)}" if meeting.ended_at else ""
        else:
            self.border_subtitle = local_time(reading.now, meeting.timezone, "HH:mm:ss")

    def _write(self, selector: str, text: str) -> Label:
        """Show ``text`` in a label; the screen is laid out again only if the text's width changed.

        The labels change every second, mostly to text of the same width ("0:25:10" → "0:25:11"), and a
        layout pass of the whole screen for each would be wasted.
        """
        label = self.query_one(selector, Label)
        before = self._texts.get(selector)
        if text != before:
            label.update(text, layout=before is None or cell_width(text) != cell_width(before))
            self._texts[selector] = text
        return label

    @property
    def focus_target(self) -> ClockPane:
        return self
