"""Small modal questions: one line of text (a reason, a new due date), or yes / no; ``escape`` cancels.

Their keys act in the order typed, as every dialog's (:class:`~.base.InOrderKeys`): an answer typed right
behind the key that opened the question lands in it, and ``enter`` takes the answer before the keys behind it.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label

from ..panes.typeahead import InOrderInput
from ..themes import load_stylesheet
from .base import InOrderKeys


class AskDialog(InOrderKeys, ModalScreen[str | None]):
    """Ask for one line of text; dismissed with it (``enter``), or ``None`` on ``escape``.

    ``required``: an empty answer is not taken (the field stays, with a hint).
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="ask.cancel"),
        Binding("enter", "answer", "Answer", id="ask.answer"),
    ]

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
            yield InOrderInput(value=self.value, placeholder=self.placeholder, id="ask-input")
            yield Label("", id="ask-hint", classes="muted")

    def on_mount(self) -> None:
        field = self.query_one("#ask-input", Input)
        self.set_focus(field)  # at once: the keys typed behind the one that asked are the answer
        field.cursor_position = len(field.value)

    def action_answer(self) -> None:
        """``enter``: take the answer (an empty one only when not ``required``)."""
        answer = self.query_one("#ask-input", Input).value
        if self.required and not answer.strip():
            self.query_one("#ask-hint", Label).update("an answer is needed (escape cancels)")
            return
        self.dismiss(answer.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmDialog(InOrderKeys, ModalScreen[bool]):
    """Ask a yes / no question before something that cannot be taken back by itself (deleting a record);
    dismissed with ``True`` on ``y`` (or ``enter``), ``False`` on ``n`` or ``escape``."""

    BINDINGS = [
        Binding("y,enter", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no"),
    ]
    AUTO_FOCUS = ""

    def __init__(self, question: str, detail: str = "") -> None:
        super().__init__()
        load_stylesheet(self, "home.tcss")
        self.question = question
        self.detail = detail

    def compose(self) -> ComposeResult:
        with Vertical(classes="home-dialog", id="confirm-dialog"):
            yield Label(Text(self.question), classes="dialog-title")
            if self.detail:
                yield Label(Text(self.detail), classes="muted")
            yield Label("y / ⏎ yes · n / esc no", classes="muted")
        yield Footer()

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
