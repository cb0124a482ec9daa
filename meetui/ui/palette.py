"""The command palette (``ctrl+p``): Textual's own, its search field taking keys in the order typed.

Textual's palette field is a plain Input, which inserts a character at once but runs an editing key
(``backspace``, ``ctrl+u``…) only once the key has bubbled up to the app: typed in a burst, ``minx``,
``backspace``, ``utes`` searched for ``minute``… with the ``s`` deleted. Here the field is an
:class:`~meetui.ui.panes.typeahead.InOrderInput`, styled and found as Textual's (it is a ``CommandInput`` too).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.command import CommandInput, CommandList, CommandPalette, SearchIcon
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, LoadingIndicator

from .panes.typeahead import InOrderInput


class InOrderCommandInput(CommandInput, InOrderInput):  # CommandInput first: Textual styles and finds it by that name
    """Textual's palette field, acting on characters and editing keys in the order typed."""


class InOrderCommandPalette(CommandPalette):
    """Textual's command palette with :class:`InOrderCommandInput` for its field."""

    def compose(self) -> ComposeResult:
        # Textual's CommandPalette.compose (textual 8), the field's class aside.
        with Vertical(id="--container"):
            with Horizontal(id="--input"):
                yield SearchIcon()
                yield InOrderCommandInput(placeholder=self._placeholder, select_on_focus=False)
                if not self.run_on_select:
                    yield Button("\u25b6")
            with Vertical(id="--results"):
                yield CommandList()
                yield LoadingIndicator()
