"""A small modal list to pick one value from (the home screen's filters and status changes); ``escape`` cancels.

Keys typed before the list is drawn (``down``, ``enter``) are held and handed to it in order
(:class:`~.base.InOrderKeys`).
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from ..themes import load_stylesheet
from .base import InOrderKeys


class PickDialog(InOrderKeys, ModalScreen[str | None]):
    """Pick one of ``options`` (value, label); dismissed with the value, or ``None`` on ``escape``."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="pick.cancel")]

    def __init__(self, title: str, options: list[tuple[str, str]]) -> None:
        super().__init__()
        load_stylesheet(self, "home.tcss")
        self.title_text = title
        self.options = options

    def compose(self) -> ComposeResult:
        with Vertical(classes="home-dialog"):
            yield Label(Text(self.title_text), classes="dialog-title")
            yield OptionList(
                *[Option(Text(label), id=str(index)) for index, (_, label) in enumerate(self.options)],
                id="pick-options",
            )

    @on(OptionList.OptionSelected, "#pick-options")
    def picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.options[int(event.option.id or 0)][0])

    def action_cancel(self) -> None:
        self.dismiss(None)
