"""Notes and the note-line language (MeetBot's ``#info``, ``#action``, ``#topic``, ``#undo``…)."""

from __future__ import annotations

import datetime as dt

from ..change import Change, build
from ..commands import parse_action_line, parse_note_line
from ..errors import MeetuiError
from ..models import (
    ActionItem,
    Note,
    NoteKind,
)
from .actions import ActionOps


class NoteOps(ActionOps):
    """Notes on the current topic, and lines typed into the note field."""

    # -- notes ---------------------------------------------------------------

    def add_note(
        self,
        text: str,
        kind: NoteKind = NoteKind.INFO,
        *,
        author: str = "",
        private: bool = False,
        owner: str = "",
        topic_id: str | None = None,
    ) -> Change:
        """Record a note on the current topic (or on the meeting, if there is none)."""
        self._require_open()
        topic_id = topic_id or self.meeting.current_topic_id
        note = build(
            Note,
            "note",
            id=self.ids.new(),
            topic_id=topic_id,
            kind=kind,
            text=text.strip(),
            author=author or self.actor,
            owner=owner,
            at=self.now(),
            private=private,
        )
        self.meeting.notes.append(note)
        return Change([note], message=f"{kind.value} noted")

    def apply_line(self, line: str, *, author: str = "") -> Change:
        """Act on one line from the note field: a note, ``#action``, ``#topic`` or ``#undo``."""
        command = parse_note_line(line)
        if command.name == "note":
            change = self.add_note(command.text, command.kind, author=author)
        elif command.name == "action":
            parsed = parse_action_line(command.text, self.meeting.attendees, self.today())
            change = self.add_action(parsed.task, parsed.owner, due=parsed.due)
        else:
            return self.insert_topic_after_current(command.text) if command.name == "topic" else self.undo()
        self._typed.append(change.records[0].id)
        return change

    def undo(self) -> Change:
        """Take back the newest note or action item on the current topic (MeetBot's ``#undo``).

        Within one session the exact last thing typed is undone; after a
        restart, the newest by time (and by order of entry on a tie).
        """
        self._require_open()
        topic_id = self.meeting.current_topic_id
        notes = [n for n in self.meeting.notes if n.topic_id == topic_id and not n.withdrawn]
        actions = [a for a in self.meeting.actions if a.topic_id == topic_id]
        live_ids = {r.id for r in [*notes, *actions]}
        while self._typed and self._typed[-1] not in live_ids:
            self._typed.pop()
        if self._typed:
            target_id = self._typed.pop()
            target: Note | ActionItem = next(r for r in [*notes, *actions] if r.id == target_id)
        else:
            candidates: list[tuple[dt.datetime, int, Note | ActionItem]] = [
                *((n.at, i, n) for i, n in enumerate(notes)),
                *((a.created_at, i, a) for i, a in enumerate(actions)),
            ]
            if not candidates:
                raise MeetuiError("nothing to undo on this topic")
            target = max(candidates, key=lambda c: (c[0], c[1]))[2]
        if isinstance(target, ActionItem):
            self.meeting.actions.remove(target)
            return Change(deleted=[target], message=f"undone: action {target.id}")
        target.withdrawn = True
        return Change([target], message="undone: last note")
