"""Small widgets the dialogs share: a name field completing from the attendees, an inline message."""

from __future__ import annotations

from collections.abc import Iterable

from textual.suggester import SuggestFromList
from textual.widgets import Input, Static

from ...core.models import Meeting


def attendee_names(meeting: Meeting) -> list[str]:
    """Every attendee's name, then every proxy's, without repeats (the completion list)."""
    names: list[str] = []
    for attendee in meeting.attendees:
        for name in (attendee.name, attendee.proxy):
            if name and name not in names:
                names.append(name)
    return names


class NameInput(Input):
    """A one-line field for a person's name, completing from ``names`` (accept with → or End)."""

    def __init__(self, names: Iterable[str], *, value: str = "", placeholder: str = "", id: str | None = None) -> None:
        super().__init__(
            value=value,
            placeholder=placeholder or "name (→ completes)",
            suggester=SuggestFromList(list(names), case_sensitive=False),
            compact=True,
            id=id,
        )


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
    return Input(value=value, placeholder=placeholder, compact=True, id=id, **kwargs)  # type: ignore[arg-type]
