"""The help screen: help for the focused pane, then every key of the screen below and the app's.

The text scrolls (arrows, page keys, the mouse wheel): at 80×24 every key is reachable.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Markdown

from ..themes import load_stylesheet


class HelpScreen(ModalScreen[None]):
    """Markdown help over the current screen; ``escape`` (or ``?``/``f1`` again) closes it."""

    BINDINGS = [
        Binding("escape,question_mark,f1", "close", "close", id="help.close"),
    ]

    def __init__(self, text: str) -> None:
        super().__init__()
        load_stylesheet(self, "help.tcss")
        self.text = text

    def compose(self) -> ComposeResult:
        # A scrolling box around the text: the arrows, page keys and the mouse wheel move through it.
        with VerticalScroll(id="help-box"):
            yield Markdown(self.text, id="help-text")
        yield Footer()

    def on_mount(self) -> None:
        box = self.query_one("#help-box", VerticalScroll)
        box.border_title = "Help"
        self.set_focus(box)

    def action_close(self) -> None:
        self.dismiss()
