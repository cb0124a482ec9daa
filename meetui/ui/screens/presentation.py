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

from ..keys import PRESENTATION_COMMANDS, ScreenCommands, bindings
from ..panes.big_clock import decision_lines, show_decisions, show_reading
from ..themes import load_stylesheet


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
        load_stylesheet(self, "presentation.tcss")
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
        topic = meeting.current_topic
        self.query_one("#present-title", Label).update(Content(meeting.title))
        self.query_one("#present-topic", Label).update(Content(topic.title if topic else "—"))
        show_reading(self, meeting, reading, "present")
        self._show_decisions()

    def _show_decisions(self) -> None:
        lines = decision_lines(self.live.meeting)
        if getattr(self, "_decisions", None) != lines:
            self._decisions = lines
            show_decisions(self.query_one("#present-decisions", VerticalScroll), lines, "present-decision")

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
