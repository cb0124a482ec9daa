"""The live screen's message line: one line of its own for what the screen says, in place of Textual's toasts.

Textual's toasts stack (``+`` pressed five times made five toasts over the
notes) and, with wide characters such as Chinese, leave fragments of
themselves over the pane borders when they go (Textual issue #6357,
"Toast with wide characters corrupts the screen"). The message line shows
one message at a time: a new one replaces the old, a repeated one just
stays longer. It is one line high for a message that fits, so such a message
never moves a pane and costs only its own line's redraw; a longer one (a
refusal saying what to do, on an 80-column terminal) wraps onto a second and
third line rather than losing its end.
"""

from __future__ import annotations

from rich.text import Text
from textual.timer import Timer
from textual.widgets import Static

#: How many past messages :attr:`MessageLine.said` keeps.
KEPT = 50

#: What each severity is called in the line (a word as well as a colour, for NO_COLOR and colour-blind users).
MARKS = {"information": "", "warning": "▲ ", "error": "✘ "}


class MessageLine(Static):
    """One message at a time, replaced by the next, gone after its timeout."""

    DEFAULT_CSS = """
    MessageLine {
        dock: bottom;
        height: auto;
        max-height: 3;
        margin-bottom: 1;  /* above the key line, which is docked at the bottom too */
        padding: 0 1;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__("", markup=False, id=id)
        self.message = ""
        self.severity = "information"
        self._timer: Timer | None = None
        #: The newest messages said, oldest first (at most :data:`KEPT`): what went by while nobody looked.
        self.said: list[str] = []

    def say(self, message: str, *, severity: str = "information", title: str = "", timeout: float = 4.0) -> None:
        """Show ``message`` (plain text, never markup) for ``timeout`` seconds; ``0`` keeps it until replaced."""
        text = f"{title}: {message}" if title else message
        self.message = text
        self.said = [*self.said[-(KEPT - 1) :], text]
        self.severity = severity
        line = Text(MARKS.get(severity, "") + text, overflow="fold", end="")
        self.update(line)
        for name in ("information", "warning", "error"):
            self.set_class(name == severity, f"-{name}")
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if timeout:
            self._timer = self.set_timer(timeout, self.clear)

    def clear(self) -> None:
        """Empty the line."""
        self.message = ""
        self.update("")
        self._timer = None
