"""The big clock and the locked decisions, as presentation mode and the browser's watch view show them.

Both screens show the room the same reading: the current topic's remaining time in big digits (``+`` once it
runs over), its state in words, the meeting's line with the projected end, and one wrapped line per locked
decision. Each screen names its own widgets by a prefix (``present``, ``watch``).
"""

from __future__ import annotations

from typing import Any

from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Digits, Label

from ...core.models import DecisionState, Meeting
from ...core.timekeeping import ClockReading, format_duration
from .clock import STATE_CLASSES, meeting_line, topic_lines
from .display import local_time
from .wrapping import Hanging


def show_reading(screen: Screen[Any], meeting: Meeting, reading: ClockReading, prefix: str) -> None:
    """Update ``#<prefix>-state``, the screen's :class:`Digits` and ``#<prefix>-meeting`` from ``reading``."""
    state_text, _detail, state = topic_lines(meeting, reading)
    remaining = reading.topic_remaining if reading.topic_remaining is not None else reading.remaining
    digits = screen.query_one(Digits)
    digits.update(format_duration(remaining) if remaining >= 0 else "+" + format_duration(-remaining))
    state_label = screen.query_one(f"#{prefix}-state", Label)
    state_label.update(state_text)
    for name, cls in STATE_CLASSES.items():
        digits.set_class(state is name, cls)
        state_label.set_class(state is name, cls)
    screen.query_one(f"#{prefix}-meeting", Label).update(
        f"{meeting_line(meeting, reading)} · ends {local_time(reading.projected_end, meeting.timezone)}"
    )


def decision_lines(meeting: Meeting) -> list[tuple[str, str]]:
    """Every locked decision so far as (``◆ 2. ``, ``topic: decision``), in agenda order."""
    lines: list[tuple[str, str]] = []
    for number, topic in enumerate(meeting.agenda, start=1):
        decision = meeting.locked_decision(topic.id)
        if decision is not None and decision.state is DecisionState.LOCKED:
            lines.append((f"◆ {number}. ", f"{topic.title}: {decision.text}"))
    return lines


def show_decisions(box: VerticalScroll, lines: list[tuple[str, str]], label_class: str) -> None:
    """Replace ``box``'s children with one label per decision, each wrapped under its own text."""
    box.remove_children()
    labels = [Label(Hanging(lead, body), classes=label_class, markup=False) for lead, body in lines]
    box.mount_all(labels or [Label("none yet", classes=label_class, markup=False)])
