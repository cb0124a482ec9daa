"""Small widgets the dialogs share: a name field completing from the attendees, an inline message."""

from __future__ import annotations

from collections.abc import Iterable

from textual import events
from textual.suggester import SuggestFromList
from textual.widgets import Input, Static

from ...core.models import Meeting
from ..panes.typeahead import InOrderInput


def attendee_names(meeting: Meeting) -> list[str]:
    """Every attendee's name, then every proxy's, without repeats (the completion list)."""
    names: list[str] = []
    for attendee in meeting.attendees:
        for name in (attendee.name, attendee.proxy):
            if name and name not in names:
                names.append(name)
    return names


def complete_name(typed: str, names: Iterable[str]) -> str:
    """The one name ``typed`` is a prefix of (case-insensitive), else ``typed`` as it is (stripped).

    An exact match wins over longer names it is a prefix of ("Li" stays "Li" when Li and Li Na both attend).
    """
    text = typed.strip()
    if not text:
        return text
    folded = text.casefold()
    names = list(names)
    exact = [n for n in names if n.casefold() == folded]
    if exact:
        return exact[0]
    matches = [n for n in names if n.casefold().startswith(folded)]
    return matches[0] if len(matches) == 1 else text


class NameInput(InOrderInput):
    """A one-line field for a person's name, completing from ``names`` (→ or End accepts the suggestion).

    A unique prefix becomes the whole name (:meth:`complete`) whenever focus leaves the field: ``enter`` and
    ``tab`` in a dialog (which also ask about a name new to the meeting), a click elsewhere; and a dialog
    settles every name field before it stores anything.
    """

    def __init__(
        self,
        names: Iterable[str],
        *,
        value: str = "",
        placeholder: str = "",
        id: str | None = None,
        adds_attendee: bool = True,
    ) -> None:
        self.names = list(names)
        #: Whether a name new to the meeting joins it as an attendee (not for a proxy, who stands in for one).
        self.adds_attendee = adds_attendee
        super().__init__(
            value=value,
            placeholder=placeholder or "name (→ completes)",
            suggester=SuggestFromList(self.names, case_sensitive=False),
            compact=True,
            id=id,
        )

    def _on_blur(self, event: events.Blur) -> None:
        # Textual runs each class's own handler in turn (InOrderInput's and Input's too): no super() call here.
        self.complete()

    def complete(self) -> str:
        """Replace a unique prefix of a name by the whole name; return the (stripped) value."""
        completed = complete_name(self.value, self.names)
        if completed != self.value:
            self.value = completed
            self.cursor_position = len(completed)
        return completed

    def known(self, name: str) -> bool:
        return name.casefold() in {n.casefold() for n in self.names}


class InlineError(Static):
    """The dialog's inline message line: a refusal in the error colour, or a plain notice."""

    DEFAULT_CSS = """
    InlineError {
        height: auto;
        display: none;
        color: $text-error;
        &.-notice { color: $text-muted; }
        &.-shown { display: block; }
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(markup=False, id=id, classes=classes)  # messages repeat what was typed: never markup

    def show(self, message: str, *, error: bool = True) -> None:
        """Show ``message`` (hide the line when it is empty)."""
        self.update(message)
        self.set_class(bool(message), "-shown")
        self.set_class(not error, "-notice")

    @property
    def message(self) -> str:
        """The text on show, ``""`` when hidden."""
        return str(self.content) if self.has_class("-shown") else ""


def field(placeholder: str = "", *, value: str = "", id: str | None = None, **kwargs: object) -> Input:
    """A compact one-line text field, as every dialog form uses."""
    return InOrderInput(value=value, placeholder=placeholder, compact=True, id=id, **kwargs)  # type: ignore[arg-type]
