"""Correcting what the note field recorded: edit or withdraw a note, and lines naming people not yet attending.

Operations in the shape the UI's session runs (``LiveMeeting -> Change``).
A withdrawn note stays in the meeting (``withdrawn``), so the record keeps
what was typed and when; the minutes leave it out. Locked decisions are not
notes and never change here (amend them instead).
"""

from __future__ import annotations

import inspect
from typing import TYPE_CHECKING

from ..change import Change
from ..commands import match_owner, parse_note_line
from ..errors import MeetuiError, UnknownPeople
from ..models import Note
from ..text import cell_width

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


def _accepts_add_people(live: LiveMeeting) -> bool:
    return "add_people" in inspect.signature(live.apply_line).parameters


def unknown_owner(live: LiveMeeting, line: str) -> list[str]:
    """The owner an ``#action`` line names who is not an attendee (``[]`` when there is none or it is unclear).

    Only needed while ``apply_line`` does not raise :class:`UnknownPeople` itself: the owner is the first word
    after ``#action`` when no attendee matches it. A run of Chinese text has no word break, so there the owner
    cannot be told from the task and nothing is offered.
    """
    try:
        command = parse_note_line(line)
    except MeetuiError:
        return []
    if command.name != "action":
        return []
    try:
        match_owner(command.text, live.meeting.attendees)
    except MeetuiError:
        first = command.text.split(maxsplit=1)[0].rstrip(":,，：")
        folded = first.casefold()
        known = any(a.name.casefold().split()[0] == folded for a in live.meeting.attendees if a.name.strip())
        too_long = cell_width(first) > len(first) and len(first) > 4
        return [] if known or too_long or not first else [first]
    return []


def apply_line(live: LiveMeeting, line: str) -> Change:
    """``live.apply_line(line)``, raising :class:`UnknownPeople` when an ``#action`` names a non-attendee."""
    try:
        return live.apply_line(line)
    except UnknownPeople:
        raise
    except MeetuiError as error:
        names = unknown_owner(live, line)
        if names:
            raise UnknownPeople(names, line) from error
        raise


def apply_line_adding(live: LiveMeeting, line: str, names: list[str]) -> Change:
    """Add ``names`` as attendees and apply ``line``: all of it, or (refused) nothing."""
    if _accepts_add_people(live):
        return live.apply_line(line, add_people=True)  # type: ignore[call-arg]
    before = list(live.meeting.attendees)
    change = Change()
    try:
        for name in names:
            if live.meeting.attendee(name) is None:
                change += live.add_attendee(name)
        change += live.apply_line(line)
    except MeetuiError:
        live.meeting.attendees[:] = before
        raise
    change.message = f"{', '.join(names)} added as attendee{'s' if len(names) > 1 else ''}; {change.message}"
    return change
