"""A small modal question with one text field (a reason, a new due date); ``escape`` cancels."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from ..themes import load_stylesheet


class AskDialog(ModalScreen[str | None]):
    """Ask for one line of text; dismissed with it (``enter``), or ``None`` on ``escape``.

    ``required``: an empty answer is not taken (the field stays, with a hint).
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="ask.cancel")]

    def __init__(self, title: str, *, placeholder: str = "", value: str = "", required: bool = True) -> None:
        super().__init__()
        load_stylesheet(self, "home.tcss")
        self.title_text = title
        self.placeholder = placeholder
        self.value = value
        self.required = required

    def compose(self) -> ComposeResult:
        with Vertical(classes="home-dialog"):
            yield Label(Text(self.title_text), classes="dialog-title")
            yield Input(value=self.value, placeholder=self.placeholder, id="ask-input")
            yield Label("", id="ask-hint", classes="muted")

    @on(Input.Submitted, "#ask-input")
    def submitted(self, event: Input.Submitted) -> None:
        if self.required and not event.value.strip():
            self.query_one("#ask-hint", Label).update("an answer is needed (escape cancels)")
            return
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)
