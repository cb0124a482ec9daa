"""Correcting what the note field recorded: edit or withdraw a note; apply a line adding the people it names.

Operations in the shape the UI's session runs (``LiveMeeting -> Change``).
A withdrawn note stays in the meeting (``withdrawn``), so the record keeps
what was typed and when; the minutes leave it out. Locked decisions are not
notes and never change here (amend them instead).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..change import Change
from ..errors import MeetuiError
from ..models import Note

if TYPE_CHECKING:
    from . import LiveMeeting

#: How a refused line is kept among the notes (the line follows, exactly as typed).
NOT_UNDERSTOOD = "(not understood)"


def _note(live: LiveMeeting, note_id: str) -> Note:
    note = next((n for n in live.meeting.notes if n.id == note_id), None)
    if note is None:
        raise MeetuiError(f"no note with id {note_id!r}")
    if note.withdrawn:
        raise MeetuiError("this note was deleted already")
    return note


def edit_note(live: LiveMeeting, note_id: str, text: str) -> Change:
    """Change a note's text (its kind, time and author stay). Raises :class:`MeetuiError` for an empty text."""
    live._require_open()
    note = _note(live, note_id)
    if not text.strip():
        raise MeetuiError("a note cannot be empty: delete it instead")
    if text.strip() == note.text:
        return Change(message="the note is unchanged")
    note.text = text.strip()
    return Change([note], message="note edited")


def withdraw_note(live: LiveMeeting, note_id: str, *, reason: str = "deleted") -> Change:
    """Take a note out of the record: it is kept, marked withdrawn, and left out of the minutes."""
    live._require_open()
    note = _note(live, note_id)
    note.withdrawn = True
    return Change([note], message=f"note {reason}")


def apply_line(live: LiveMeeting, line: str) -> Change:
    """``live.apply_line(line)``: raises :class:`UnknownPeople` when an ``#action`` names a non-attendee."""
    return live.apply_line(line)


def apply_line_adding(live: LiveMeeting, line: str, names: list[str]) -> Change:
    """Apply ``line``, adding the people it names who are not attendees (``names``, as the refusal listed them)."""
    change = live.apply_line(line, add_people=True)
    if names and not change.message.startswith(", ".join(names)):
        change.message = f"{', '.join(names)} added as attendee{'s' if len(names) > 1 else ''}; {change.message}"
    return change
