"""Notes and the note-line language (MeetBot's ``#info``, ``#action``, ``#topic``, ``#undo``…).

:meth:`NoteOps.apply_line` acts on one line of the note field, parsed by :mod:`meetui.core.commands` (the
parser the MeetBot importer uses too). Each line's effect is journalled so ``#undo`` can take back exactly
the last thing the note field did — a note, an action item (and the people the line added), a topic
inserted or moved to — and again, one step further back each time (MeetBot's ``#undo``).

Once the meeting has ended, the note field takes notes only: a *post-meeting note* (something learnt or
corrected after the end — the practice's "会后补充") is recorded on the meeting, not on a topic, with its
time after :attr:`~meetui.core.models.Meeting.ended_at`; the minutes list it apart (see
:func:`post_meeting_notes`). Everything else (``#action``, ``#topic``, ``#agreed``) is refused, saying why.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..change import Change, build
from ..clock import Clock, IdSource
from ..commands import parse_action_line, parse_note_line
from ..errors import MeetuiError, UnknownPeople
from ..models import ActionItem, Attendee, Decision, Meeting, Note, NoteKind, ParkingLotItem, Segment, TopicState
from ..timekeeping import is_running
from .actions import ActionOps


@dataclass
class _Done:
    """What one line of the note field did, enough to take it back."""

    kind: str  # "note", "action" or "topic"
    record_id: str
    added_people: list[str] = field(default_factory=list)  # attendee ids the line added (add_people=True)
    left_topic: str | None = None  # for "topic": the topic the meeting was on
    left_state: TopicState | None = None  # …and its state then
    target_state: TopicState | None = None  # for "topic": the state of the topic moved to, before the move
    inserted: bool = False  # for "topic": the line added the topic (else it moved to an existing one)
    orders: dict[str, int] = field(default_factory=dict)  # for an inserted topic: other topics' order before


class NoteOps(ActionOps):
    """Notes on the current topic, and lines typed into the note field."""

    def __init__(self, meeting: Meeting, clock: Clock, ids: IdSource | None = None, actor: str = "") -> None:
        super().__init__(meeting, clock, ids, actor)
        self._journal: list[_Done] = []

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
        """Record a note on the current topic (or on the meeting, if there is none).

        After the meeting has ended it records a post-meeting note instead (on the meeting, never on a topic);
        an ``#agreed`` is refused then: decisions are made in the meeting.
        """
        if self.ended:
            if kind is NoteKind.AGREED:
                raise MeetuiError(
                    "the meeting has ended: a decision is agreed in the meeting; write it as a note (or #info)"
                )
            topic_id = None
        else:
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

    # -- the note field ----------------------------------------------------------

    def apply_line(self, line: str, *, author: str = "", add_people: bool = False) -> Change:
        """Act on one line of the note field (see :mod:`meetui.core.commands` for the language).

        ``#action`` naming people who are not attendees raises :class:`UnknownPeople` and changes nothing,
        unless ``add_people``: then they are added as attendees first. A due date in the past is refused
        (:class:`meetui.core.dates.PastDue`). Raises :class:`MeetuiError` for a line it cannot act on; the
        meeting is then unchanged. After the end, only notes (post-meeting notes) and ``#undo`` of one.
        """
        command = parse_note_line(line)
        if self.ended and command.name not in {"note", "undo"}:
            raise MeetuiError(
                f"the meeting has ended: only notes can be added now, not #{command.name} "
                "(action items after the meeting: meetui action ID, or a follow-up meeting)"
            )
        if command.name == "undo":
            return self.undo()
        if command.name == "topic":
            return self._line_topic(command.text)
        if command.name == "note":
            change = self.add_note(command.text, command.kind, author=author, private=command.private)
            self._journal.append(_Done("note", change.records[0].id))
            return change
        return self._line_action(command.text, line, add_people)

    def _line_action(self, text: str, line: str, add_people: bool) -> Change:
        attendees = list(self.meeting.attendees)
        change, added = Change(), []
        try:
            try:
                parsed = parse_action_line(text, self.meeting.attendees, self.today())
            except UnknownPeople as unknown:
                if not add_people:
                    raise UnknownPeople(unknown.names, line) from None
                for name in dict.fromkeys(unknown.names):
                    added_change = self.add_attendee(name)
                    added.append(added_change.records[0].id)
                    change += added_change
                parsed = parse_action_line(text, self.meeting.attendees, self.today())
            action = self.add_action(parsed.task, parsed.owner, due=parsed.due)
        except MeetuiError:
            self.meeting.attendees = attendees  # nothing changed: not even the people the line would have added
            raise
        item = action.records[0]
        assert isinstance(item, ActionItem)
        item.co_owners = list(parsed.co_owners)
        change += action
        helpers = f" with {', '.join(parsed.co_owners)}" if parsed.co_owners else ""
        change.message = action.message + helpers + (f" ({parsed.remark})" if parsed.remark else "")
        self._journal.append(_Done("action", item.id, added_people=added))
        return change

    def _line_topic(self, title: str) -> Change:
        left = self.meeting.current_topic
        existing = next((t for t in self.meeting.topics if t.title.casefold() == title.strip().casefold()), None)
        orders = {t.id: t.order for t in self.meeting.topics}
        done = _Done(
            "topic",
            "",
            left_topic=left.id if left else None,
            left_state=left.state if left else None,
            target_state=existing.state if existing else None,
            inserted=existing is None,
            orders=orders,
        )
        change = self.insert_topic_after_current(title)
        current = self.meeting.current_topic
        if current is not None and current is not left:
            done.record_id = current.id
            self._journal.append(done)
        return change

    # -- #undo --------------------------------------------------------------------

    def undo(self) -> Change:
        """Take back the last thing the note field did (MeetBot's ``#undo``); again for the one before.

        Within one session that is exactly the last line's effect: a note is withdrawn, an action item removed
        (with the people its line added), a topic inserted by ``#topic`` removed and the meeting returned to the
        topic it was on (time already spent there stays in its segments), a move to an existing topic reversed.
        After a restart, the newest note or action item on the current topic. Refuses, saying why, to take back
        the ``#agreed`` a locked decision was made from, or a topic that has records of its own. After the end,
        only a post-meeting note can be taken back.
        """
        if self.ended:
            return self._undo_post_meeting()
        while self._journal:
            done = self._journal[-1]
            if not self._still_there(done):
                self._journal.pop()
                continue
            change = self._undo(done)
            self._journal.pop()
            return change
        return self._undo_newest()

    def _still_there(self, done: _Done) -> bool:
        if done.kind == "note":
            return any(n.id == done.record_id and not n.withdrawn for n in self.meeting.notes)
        if done.kind == "action":
            return self.meeting.action(done.record_id) is not None
        return self.meeting.current_topic_id == done.record_id

    def _undo(self, done: _Done) -> Change:
        if done.kind == "note":
            note = next(n for n in self.meeting.notes if n.id == done.record_id)
            return self._withdraw(note)
        if done.kind == "action":
            item = self.meeting.action(done.record_id)
            assert item is not None
            self.meeting.actions.remove(item)
            change = Change(deleted=[item], message=f"undone: action {item.id} ({item.task})")
            for attendee_id in done.added_people:
                attendee = next((a for a in self.meeting.attendees if a.id == attendee_id), None)
                if attendee is not None and not self._mentioned(attendee):
                    self.meeting.attendees.remove(attendee)
                    change.deleted.append(attendee)
            return change
        return self._undo_topic(done)

    def _mentioned(self, attendee: Attendee) -> bool:
        return any(attendee.name in (a.owner, *a.co_owners) for a in self.meeting.actions)

    def _withdraw(self, note: Note) -> Change:
        if note.kind is NoteKind.AGREED and note.topic_id:
            locked = self.meeting.locked_decision(note.topic_id)
            if locked is not None and locked.text.strip() == note.text.strip():
                raise MeetuiError(
                    f"cannot undo: the decision {locked.text!r} was locked from this #agreed and "
                    "never changes; amend the decision instead"
                )
        note.withdrawn = True
        return Change([note], message=f"undone: {note.kind.value} note ({note.text})")

    def _undo_topic(self, done: _Done) -> Change:
        topic = self._topic(done.record_id)
        if done.inserted:
            records: list[Note | ActionItem | Decision | ParkingLotItem] = [
                *self.meeting.notes,
                *self.meeting.actions,
                *self.meeting.decisions,
                *self.meeting.parking_lot,
            ]
            owned = [r for r in records if r.topic_id == topic.id and not getattr(r, "withdrawn", False)]
            if owned:
                raise MeetuiError(
                    f"cannot undo #topic {topic.title}: it already has {len(owned)} record(s); "
                    "#undo those first, or move on with n/p"
                )
        now = self.now()
        change = Change(meeting=True)
        if topic.segments and topic.segments[-1].end is None:
            topic.segments[-1].end = now
        self._end_speaker(change, now)
        if done.inserted:
            self.meeting.topics.remove(topic)
            change.deleted.append(topic)
            for other in self.meeting.topics:
                if other.id in done.orders and other.order != done.orders[other.id]:
                    other.order = done.orders[other.id]
                    change.records.append(other)
        else:
            topic.state = done.target_state or TopicState.PENDING
            change.records.append(topic)
        left = self.meeting.topic(done.left_topic)
        self.meeting.current_topic_id = left.id if left else None
        if left is not None:
            left.state = done.left_state or TopicState.ACTIVE
            if left.state is TopicState.ACTIVE and is_running(self.meeting):
                left.segments.append(Segment(start=now))
            change.records.append(left)
        back = f"; back to {left.title}" if left else ""
        change.message = f"undone: #topic {topic.title}{back}"
        return change

    def _undo_post_meeting(self) -> Change:
        notes = post_meeting_notes(self.meeting, include_private=True)
        if not notes:
            raise MeetuiError("the meeting has ended: only a note added after it can be undone")
        return self._withdraw(notes[-1])

    def _undo_newest(self) -> Change:
        """After a restart: the newest note or action item on the current topic (by time, then entry order)."""
        topic_id = self.meeting.current_topic_id
        notes = [n for n in self.meeting.notes if n.topic_id == topic_id and not n.withdrawn]
        actions = [a for a in self.meeting.actions if a.topic_id == topic_id]
        candidates: list[tuple[dt.datetime, int, Note | ActionItem]] = [
            *((n.at, i, n) for i, n in enumerate(notes)),
            *((a.created_at, i, a) for i, a in enumerate(actions)),
        ]
        if not candidates:
            raise MeetuiError("nothing to undo on this topic")
        target = max(candidates, key=lambda c: (c[0], c[1]))[2]
        if isinstance(target, ActionItem):
            self.meeting.actions.remove(target)
            return Change(deleted=[target], message=f"undone: action {target.id} ({target.task})")
        return self._withdraw(target)


def post_meeting_notes(meeting: Meeting, *, include_private: bool = False) -> list[Note]:
    """The notes added after the meeting ended (not withdrawn), oldest first; none while it runs."""
    end = meeting.ended_at
    if end is None:
        return []
    return [n for n in meeting.notes if n.at > end and not n.withdrawn and (include_private or not n.private)]


__all__ = ["NoteOps", "post_meeting_notes"]
