"""Presentation mode for screen sharing: a big clock, the current topic, the decisions so far.

Private notes never appear here; nor do notes at all, only what the room may
see: the topic, its time, and locked decisions. The clock keys (space, n, p,
+, -) keep working through the live screen; ``f`` or ``escape`` leaves.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Digits, Footer, Label

from ...core.models import DecisionState
from ...core.timekeeping import format_duration
from ..keys import PRESENTATION_COMMANDS, ScreenCommands, bindings
from ..panes.clock import STATE_CLASSES, meeting_line, topic_lines
from ..panes.display import local_time
from ..panes.wrapping import Hanging


class PresentationScreen(Screen):
    """A high-contrast view of the meeting for the shared screen."""

    KEY_COMMANDS = PRESENTATION_COMMANDS
    BINDINGS = bindings(PRESENTATION_COMMANDS)
    COMMANDS = {ScreenCommands}
    HELP = """\
## Presentation mode
What the room sees while the screen is shared: the current topic's time in big
digits, the topic, the meeting's time and every locked decision. Private notes
are never shown. `space`, `n`, `p`, `+` and `-` still work; `f` or `escape`
returns to the live screen.
"""

    def __init__(self, live) -> None:  # noqa: ANN001 - LiveScreen (avoids an import cycle)
        super().__init__()
        self.live = live

    def compose(self) -> ComposeResult:
        with Vertical(id="presentation"):
            yield Label(id="present-title", markup=False)
            yield Label(id="present-topic", markup=False)
            yield Digits(id="present-digits")
            yield Label(id="present-state", markup=False)
            yield Label(id="present-meeting", markup=False)
            yield Label("Decisions", id="present-decisions-title", markup=False)
            yield VerticalScroll(id="present-decisions")
        yield Footer()

    @property
    def flash_target(self) -> Digits:
        """What flashes here when the live screen's timebox alerts come (the big clock)."""
        return self.query_one("#present-digits", Digits)

    def on_mount(self) -> None:
        self.show()
        self.set_interval(1.0, self.show)

    def show(self) -> None:
        """Draw the current reading and the decisions."""
        meeting = self.live.meeting
        reading = self.live.reading()
        state_text, _detail, state = topic_lines(meeting, reading)
        topic = meeting.current_topic
        self.query_one("#present-title", Label).update(Content(meeting.title))
        self.query_one("#present-topic", Label).update(Content(topic.title if topic else "—"))
        remaining = reading.topic_remaining if reading.topic_remaining is not None else reading.remaining
        digits = self.query_one(Digits)
        digits.update(format_duration(abs(remaining)) if remaining >= 0 else "+" + format_duration(-remaining))
        state_label = self.query_one("#present-state", Label)
        state_label.update(state_text)
        for name, cls in STATE_CLASSES.items():
            digits.set_class(state is name, cls)
            state_label.set_class(state is name, cls)
        self.query_one("#present-meeting", Label).update(
            f"{meeting_line(meeting, reading)} · ends {local_time(reading.projected_end, meeting.timezone)}"
        )
        self._show_decisions()

    def _show_decisions(self) -> None:
        meeting = self.live.meeting
        lines: list[tuple[str, str]] = []
        for number, topic in enumerate(meeting.agenda, start=1):
            decision = meeting.locked_decision(topic.id)
            if decision is not None and decision.state is DecisionState.LOCKED:
                lines.append((f"◆ {number}. ", f"{topic.title}: {decision.text}"))
        box = self.query_one("#present-decisions", VerticalScroll)
        if getattr(self, "_decisions", None) != lines:
            self._decisions = lines
            box.remove_children()
            # One label per decision, each wrapped under its own text.
            labels = [Label(Hanging(lead, body), classes="present-decision", markup=False) for lead, body in lines]
            box.mount_all(labels or [Label("none yet", classes="present-decision", markup=False)])

    # -- keys, forwarded to the live screen ---------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "leave":
            return True
        return self.live.check_action(action, parameters)

    def _forward(self, action: str) -> None:
        getattr(self.live, f"action_{action}")()
        self.show()
        self.refresh_bindings()

    def action_toggle_clock(self) -> None:
        self._forward("toggle_clock")

    def action_next_topic(self) -> None:
        self._forward("next_topic")

    def action_previous_topic(self) -> None:
        self._forward("previous_topic")

    def action_extend(self) -> None:
        self._forward("extend")

    def action_shrink(self) -> None:
        self._forward("shrink")

    def action_leave(self) -> None:
        self.dismiss()
