"""A one-field dialog: edit a note, rename a topic, or name a topic to insert after the current one.

``enter`` runs the operation made from the text and closes the dialog; a
refusal shows inline and keeps the text. ``escape`` closes without a change.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Footer, Static

from ...core.meeting import Change, LiveMeeting
from ..session import MeetingSession
from .base import MeetingDialog
from .widgets import InlineError, field

#: Makes the operation to run from the text typed.
MakeOperation = Callable[[str], Callable[[LiveMeeting], Change]]


class LineEditDialog(MeetingDialog):
    """One line of text, and what to do with it."""

    def __init__(
        self,
        session: MeetingSession,
        title: str,
        value: str,
        operation: MakeOperation,
        *,
        hint: str = "⏎ save · esc cancel",
        placeholder: str = "",
    ) -> None:
        super().__init__(session)
        self.title_text = title
        self.initial = value
        self.operation = operation
        self.hint = hint
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical(id="line-edit-dialog", classes="dialog"):
            yield Static(self.title_text, classes="dialog-title", markup=False)
            yield field(self.placeholder, value=self.initial, id="line-edit-text")
            yield Static(self.hint, classes="hint", markup=False)
            yield InlineError(id="line-edit-error")
        yield Footer()

    def on_mount(self) -> None:
        self.focus_input("line-edit-text")

    def field_order(self) -> list[str]:
        return ["line-edit-text"]

    def submit(self) -> None:
        text = self.value("line-edit-text")
        if self.apply(self.operation(text)) is not None:
            self.dismiss(self.last_change)
