"""The watch screen: what a remote attendee sees of a meeting in the browser, read-only.

The presentation layout: the meeting's title and whether it is live, ended or
left by its host; the current topic with its time in big digits; the topic's
notes, newest last (private notes never); every locked decision so far; and
the action items. It draws a :class:`~meetui.core.models.Meeting` it is
given (:meth:`WatchScreen.show`) and holds nothing that could change one.
"""

from __future__ import annotations

from enum import Enum

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Digits, Label

from ...core.models import Meeting, MeetingStatus
from ...core.timekeeping import ClockReading
from ..panes.actions import ActionsPane
from ..panes.big_clock import decision_lines, show_decisions, show_reading
from ..panes.display import local_time
from ..panes.notes import note_prompt

#: At most this many of the current topic's notes are shown (the newest).
NOTES_SHOWN = 50


class Presence(Enum):
    """Whether the meeting's host is running it (as far as this machine can tell)."""

    RUNNING = "running"
    LEFT = "left"
    UNKNOWN = "unknown"


def status_line(meeting: Meeting, presence: Presence) -> tuple[str, str]:
    """The line under the title, and its class: live, ended, or the host gone (``-ended``, ``-left``, ``-live``)."""
    if meeting.status is MeetingStatus.ENDED:
        ended = local_time(meeting.ended_at, meeting.timezone)
        return f"■ The meeting has ended ({ended}). This view shows its final state.", "-ended"
    if presence is Presence.LEFT:
        if meeting.status is MeetingStatus.LIVE:
            return "▲ The host has left: nobody is running this meeting now. Shown as it was left.", "-left"
        return "○ Waiting for the host to start the meeting.", "-left"
    return "● Following live · read-only", "-live"


class WatchScreen(Screen[None]):
    """The read-only presentation of one meeting, redrawn by :meth:`show`."""

    def __init__(self) -> None:
        super().__init__()
        self._notes: list[str] | None = None  # what is shown, to redraw only on change
        self._decisions: list[tuple[str, str]] | None = None
        self._ready = False  # mounted, with every widget composed
        self._waiting: tuple[Meeting, ClockReading, Presence] | None = None  # given before that

    def compose(self) -> ComposeResult:
        with Vertical(id="watch"):
            yield Label(id="watch-title", markup=False)
            yield Label(id="watch-status", markup=False)
            yield Label(id="watch-topic", markup=False)
            yield Digits(id="watch-digits")
            yield Label(id="watch-state", markup=False)
            yield Label(id="watch-meeting", markup=False)
            with Horizontal(id="watch-lower"):
                with Vertical(id="watch-notes-box"):
                    yield Label("Notes", classes="watch-heading", markup=False)
                    yield VerticalScroll(id="watch-notes")
                with Vertical(id="watch-decisions-box"):
                    yield Label("Decisions", classes="watch-heading", markup=False)
                    yield VerticalScroll(id="watch-decisions")
            yield ActionsPane(id="watch-actions")

    def on_mount(self) -> None:
        self._ready = True
        if self._waiting is not None:
            self.show(*self._waiting)

    def show(self, meeting: Meeting, reading: ClockReading, presence: Presence) -> None:
        """Draw ``meeting`` as read at ``reading``; ``presence`` says whether its host is still running it."""
        if not self._ready:
            self._waiting = (meeting, reading, presence)
            return
        self.query_one("#watch-title", Label).update(Content(meeting.title))
        status, status_class = status_line(meeting, presence)
        status_label = self.query_one("#watch-status", Label)
        status_label.update(status)
        for name in ("-ended", "-left", "-live"):
            status_label.set_class(name == status_class, name)
        topic = meeting.current_topic
        self.query_one("#watch-topic", Label).update(Content(topic.title if topic else "—"))
        show_reading(self, meeting, reading, "watch")
        self._show_notes(meeting)
        self._show_decisions(meeting)
        self.query_one(ActionsPane).show(meeting)

    def _show_notes(self, meeting: Meeting) -> None:
        """The current topic's notes that the room may see (never a private one), newest last."""
        notes = meeting.notes_for(meeting.current_topic_id, include_private=False)[-NOTES_SHOWN:]
        shown = [f"{n.id}:{n.text}" for n in notes]
        if shown == self._notes:
            return
        self._notes = shown
        box = self.query_one("#watch-notes", VerticalScroll)
        box.remove_children()
        labels = [Label(note_prompt(n, meeting.timezone), classes="watch-note", markup=False) for n in notes]
        box.mount_all(labels or [Label("none yet", classes="watch-note", markup=False)])
        box.scroll_end(animate=False)

    def _show_decisions(self, meeting: Meeting) -> None:
        """Every locked decision so far, by topic number."""
        lines = decision_lines(meeting)
        if lines == self._decisions:
            return
        self._decisions = lines
        show_decisions(self.query_one("#watch-decisions", VerticalScroll), lines, "watch-decision")
