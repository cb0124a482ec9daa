"""The meeting logic: creating meetings and running them live, as plain code.

:func:`new_meeting` builds a validated meeting. :class:`LiveMeeting` wraps a
meeting with a clock and an id source and offers every operation of the
practice: the clock, topics, notes, the "any objections?" decision lock,
action items, the parking lot, roll call and the speaker queue. Each
operation changes the meeting in memory and returns a :class:`Change`
naming exactly what it touched, which the store then writes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .clock import Clock, IdSource, RandomIds, in_zone, to_pendulum, zone_checked
from .commands import parse_action_line, parse_note_line
from .dates import parse_due
from .errors import MeetuiError
from .models import (
    ActionItem,
    ActionStatus,
    Attendance,
    Attendee,
    Decision,
    DecisionState,
    Meeting,
    MeetingStatus,
    Note,
    NoteKind,
    Objection,
    ParkingLotItem,
    Priority,
    ProgressEntry,
    Record,
    Role,
    Segment,
    SpeakerTurn,
    Topic,
    TopicState,
    Vote,
)
from .timekeeping import format_duration, is_running, topics_to_park, trim_plan

M = TypeVar("M", bound=BaseModel)

_FIELD_NAMES = {
    "planned_minutes": "planned minutes",
    "scheduled_start": "start time",
    "extra_minutes": "extra minutes",
}


def friendly(error: ValidationError, what: str) -> MeetuiError:
    """Turn a pydantic error into one sentence a user can act on."""
    first = error.errors()[0]
    where = ".".join(str(p) for p in first["loc"] if not isinstance(p, int)) or what
    where = _FIELD_NAMES.get(where, where.replace("_", " "))
    message = first["msg"]
    if first["type"] == "timezone_aware":
        message = "needs a time zone (e.g. 2026-12-01T10:00+08:00)"
    elif first["type"] == "greater_than_equal":
        message = f"must be {first['ctx']['ge']} or more (got {first['input']})"
    elif first["type"] == "less_than_equal":
        message = f"must be {first['ctx']['le']} or less (got {first['input']})"
    elif first["type"] == "enum":
        message = f"must be one of {first['ctx']['expected']} (got {first['input']!r})"
    elif first["type"] in {"string_too_short", "missing"}:
        message = "must not be empty"
    elif first["type"] in {"int_parsing", "int_type", "int_from_float"}:
        message = f"must be a whole number (got {first['input']!r})"
    elif first["type"] == "extra_forbidden":
        message = "is not a field meetui knows"
    elif first["type"] == "string_type":
        message = f"must be text (got {first['input']!r})"
    elif message.startswith("Value error, "):
        message = message.removeprefix("Value error, ")
    return MeetuiError(f"{what} {where}: {message}" if where != what else f"{what}: {message}")


def build(model: type[M], what: str, **values: Any) -> M:
    """Validate ``values`` into ``model``, refusing bad input with a friendly message."""
    try:
        return model(**values)
    except ValidationError as error:
        raise friendly(error, what) from None


def new_meeting(title: str, clock: Clock, ids: IdSource | None = None, **fields: Any) -> Meeting:
    """Create a draft meeting (scheduled, if it has a start time) in the clock's zone."""
    ids = ids or RandomIds()
    now = clock.now()
    zone = zone_checked(fields.pop("timezone", None) or clock.tz or "UTC")
    start = fields.get("scheduled_start")
    if isinstance(start, str | dt.datetime):
        fields["scheduled_start"] = to_pendulum(start, zone)
    if fields.get("scheduled_start") is not None and "status" not in fields:
        fields["status"] = MeetingStatus.SCHEDULED
    topics = fields.pop("topics", [])
    attendees = fields.pop("attendees", [])
    meeting = build(
        Meeting, "meeting", id=fields.pop("id", None) or ids.new(8), title=title, timezone=zone,
        created_at=now, **fields,
    )
    for order, topic in enumerate(topics):
        values = _fields_of(topic, "topic")
        values = {**values, "order": order, "id": values.get("id") or ids.new()}
        meeting.topics.append(build(Topic, "topic", **values))
    for attendee in attendees:
        values = _fields_of(attendee, "attendee")
        meeting.attendees.append(build(Attendee, "attendee", **{**values, "id": values.get("id") or ids.new()}))
    return meeting


def _fields_of(item: Any, what: str) -> dict[str, Any]:
    """The fields of a topic or attendee given as a mapping (e.g. from an agenda file) or a model."""
    if isinstance(item, BaseModel):
        return item.model_dump()
    if not isinstance(item, dict):
        example = "title and planned_minutes" if what == "topic" else "name and department"
        raise MeetuiError(f"each {what} needs a table of fields such as {example} (got {item!r})")
    return item


def follow_up_review(earlier: Meeting) -> dict[str, Any]:
    """The opening topic of a follow-up meeting: review the earlier meeting's open action items."""
    open_items = [a for a in earlier.actions if a.status is not ActionStatus.DONE]
    return {
        "title": f"Review of open action items from {earlier.title}",
        "goal": f"{len(open_items)} open action items: confirm status, blockers and new dates",
        "owner": earlier.host,
        "planned_minutes": max(5, min(15, len(open_items) * 2)),
        "expected_output": "Every open action item has a current status and date",
    }


@dataclass
class Change:
    """What one operation touched: records to upsert and records to delete.

    ``meeting`` is set when the meeting's own fields (status, clock, current
    topic…) changed. ``message`` is a short confirmation for the user.
    """

    records: list[Record] = field(default_factory=list)
    deleted: list[Record] = field(default_factory=list)
    meeting: bool = False
    message: str = ""

    def __iadd__(self, other: Change) -> Change:
        self.records.extend(other.records)
        self.deleted.extend(other.deleted)
        self.meeting = self.meeting or other.meeting
        self.message = other.message or self.message
        return self

    @property
    def empty(self) -> bool:
        return not (self.records or self.deleted or self.meeting)


def decision_question(topic: Topic, text: str, lang: str = "en") -> str:
    """The host's closing question for a topic."""
    if lang == "zh":
        return f"关于「{topic.title}」，决定是：{text}。有异议吗？"
    return f"Regarding {topic.title}, the decision is {text}. Any objections?"


class LiveMeeting:
    """A meeting being run: every operation of the live screen, without any UI.

    ``actor`` is who operates meetui (normally the host or note-taker); it is
    recorded as the author of notes and the one who locks decisions.
    """

    def __init__(self, meeting: Meeting, clock: Clock, ids: IdSource | None = None, actor: str = "") -> None:
        self.meeting = meeting
        self.clock = clock
        self.ids = ids or RandomIds()
        self.actor = actor or meeting.note_taker or meeting.host
        self._typed: list[str] = []  # ids of notes and actions typed in this session, for #undo

    # -- helpers -------------------------------------------------------------

    def now(self) -> dt.datetime:
        return self.clock.now()

    def today(self) -> dt.date:
        return in_zone(self.now(), self.meeting.timezone).date()

    def _require_open(self) -> None:
        if self.meeting.status is MeetingStatus.ENDED:
            raise MeetuiError("the meeting has ended; its record can no longer be changed live")

    def _topic(self, topic_id: str | None = None) -> Topic:
        topic = self.meeting.topic(topic_id) if topic_id else self.meeting.current_topic
        if topic is None:
            raise MeetuiError("there is no current topic: add one to the agenda first" if not topic_id
                              else f"no topic with id {topic_id!r}")
        return topic

    def _decision(self, decision_id: str) -> Decision:
        found = next((d for d in self.meeting.decisions if d.id == decision_id), None)
        if found is None:
            raise MeetuiError(f"no decision with id {decision_id!r}")
        return found

    def _open_decision(self, decision_id: str) -> Decision:
        """A decision still being decided, in a meeting still running; else a refusal saying why."""
        self._require_open()
        decision = self._decision(decision_id)
        if decision.locked:
            raise MeetuiError("this decision is locked and never changes: amend it to make a new version")
        if decision.state in {DecisionState.REJECTED, DecisionState.DEFERRED}:
            raise MeetuiError(f"this decision was {decision.state.value}; propose a new one")
        return decision

    def _here(self) -> set[Attendance]:
        """Attendance states that count as in the room: once the roll call has marked
        anyone present or absent, only ``present``; before that, ``confirmed`` too."""
        roll_taken = any(a.attendance in {Attendance.PRESENT, Attendance.ABSENT} for a in self.meeting.attendees)
        return {Attendance.PRESENT} if roll_taken else {Attendance.PRESENT, Attendance.CONFIRMED}

    def present_names(self) -> list[str]:
        """Who is in the room: present attendees and the proxies of represented ones."""
        here = self._here()
        names = []
        for attendee in self.meeting.attendees:
            if attendee.attendance in here:
                names.append(attendee.name)
            elif attendee.attendance is Attendance.PROXY and attendee.proxy:
                names.append(f"{attendee.proxy} (for {attendee.name})")
        return names

    def decision_maker(self) -> str:
        """The decision-maker in the room, else one represented by a proxy, else any, else the host."""
        makers = [a for a in self.meeting.attendees if a.role is Role.DECISION_MAKER]
        here = self._here()
        present = [a.name for a in makers if a.attendance in here]
        represented = [f"{a.proxy} (for {a.name})" for a in makers if a.attendance is Attendance.PROXY and a.proxy]
        chosen = present or represented or [a.name for a in makers]
        return chosen[0] if chosen else self.meeting.host

    # -- the clock -----------------------------------------------------------

    def start(self) -> Change:
        """Start (or resume) the meeting clock; the first start opens the first topic."""
        self._require_open()
        if is_running(self.meeting):
            return Change(message="the clock is already running")
        now = self.now()
        change = Change(meeting=True, message="clock started" if not self.meeting.clock else "clock resumed")
        self.meeting.status = MeetingStatus.LIVE
        self.meeting.clock.append(Segment(start=now))
        topic = self.meeting.current_topic
        if topic is None:
            topic = next((t for t in self.meeting.agenda if t.state is TopicState.PENDING), None)
            if topic is not None:
                self.meeting.current_topic_id = topic.id
                topic.state = TopicState.ACTIVE
        if topic is not None and topic.state is TopicState.ACTIVE:
            topic.segments.append(Segment(start=now))
            change.records.append(topic)
        return change

    def pause(self) -> Change:
        """Pause the meeting clock (and the current topic's)."""
        if not is_running(self.meeting):
            return Change(message="the clock is not running")
        now = self.now()
        self.meeting.clock[-1].end = now
        change = Change(meeting=True, message="clock paused")
        topic = self.meeting.current_topic
        if topic is not None and topic.segments and topic.segments[-1].end is None:
            topic.segments[-1].end = now
            change.records.append(topic)
        self._end_speaker(change, now)
        return change

    def toggle_clock(self) -> Change:
        """Start the clock if it is stopped, pause it if it runs."""
        return self.pause() if is_running(self.meeting) else self.start()

    # -- topics --------------------------------------------------------------

    def goto_topic(self, topic_id: str) -> Change:
        """Make a topic current; the one left is done unless it was deferred."""
        self._require_open()
        target = self._topic(topic_id)
        current = self.meeting.current_topic
        if current is target:
            return Change(message=f"already on {target.title}")
        now = self.now()
        change = Change(meeting=True)
        if current is not None:
            if current.segments and current.segments[-1].end is None:
                current.segments[-1].end = now
            if current.state is TopicState.ACTIVE:
                current.state = TopicState.DONE
            change.records.append(current)
        self._end_speaker(change, now)
        target.state = TopicState.ACTIVE
        if is_running(self.meeting):
            target.segments.append(Segment(start=now))
        self.meeting.current_topic_id = target.id
        change.records.append(target)
        change.message = f"topic: {target.title}"
        return change

    def _step(self, offset: int) -> Change:
        agenda = self.meeting.agenda
        if not agenda:
            raise MeetuiError("the agenda is empty")
        current = self.meeting.current_topic
        if current is None:
            return self.goto_topic(agenda[0 if offset > 0 else -1].id)
        index = agenda.index(current) + offset
        if not 0 <= index < len(agenda):
            raise MeetuiError("this is the last topic" if offset > 0 else "this is the first topic")
        return self.goto_topic(agenda[index].id)

    def next_topic(self) -> Change:
        return self._step(1)

    def previous_topic(self) -> Change:
        return self._step(-1)

    def extend(self, minutes: int) -> Change:
        """Add (or with a negative number remove) minutes on the current topic's timebox."""
        self._require_open()
        topic = self._topic()
        if topic.timebox_minutes + minutes < 0:
            raise MeetuiError("the timebox cannot go below zero")
        topic.extra_minutes += minutes
        return Change([topic], message=f"{topic.title}: timebox {topic.timebox_minutes} min")

    def add_topic(self, title: str, **fields: Any) -> Change:
        """Add a topic to the end of the agenda."""
        self._require_open()
        order = max((t.order for t in self.meeting.topics), default=-1) + 1
        topic = build(Topic, "topic", id=self.ids.new(), title=title, order=order, **fields)
        self.meeting.topics.append(topic)
        return Change([topic], message=f"topic added: {topic.title}")

    def insert_topic_after_current(self, title: str, **fields: Any) -> Change:
        """Add a topic right after the current one (MeetBot's ``#topic``) and move to it."""
        existing = next((t for t in self.meeting.topics if t.title.casefold() == title.strip().casefold()), None)
        if existing is not None:
            return self.goto_topic(existing.id)
        current = self.meeting.current_topic
        after = current.order if current else max((t.order for t in self.meeting.topics), default=-1)
        added = self.add_topic(title, **fields)  # refused (ended meeting, bad title) before any order changes
        new = added.records[0]
        assert isinstance(new, Topic)
        change = Change()
        for topic in self.meeting.topics:
            if topic is not new and topic.order > after:
                topic.order += 1
                change.records.append(topic)
        new.order = after + 1
        change += added
        change += self.goto_topic(new.id)
        return change

    def defer_topic(self, topic_id: str | None = None, reason: str = "") -> Change:
        """Move a topic to the parking lot (its open decision, if any, is deferred)."""
        self._require_open()
        topic = self._topic(topic_id)
        now = self.now()
        change = Change()
        if topic.segments and topic.segments[-1].end is None:
            topic.segments[-1].end = now
        latest = self.meeting.latest_decision(topic.id)
        if latest is not None and not latest.locked and latest.state not in {DecisionState.REJECTED}:
            latest.state = DecisionState.DEFERRED
            for objection in latest.objections:
                objection.resolution = objection.resolution or "deferred to the parking lot"
            change.records.append(latest)
        topic.state = TopicState.DEFERRED
        change.records.append(topic)
        text = topic.title + (f" — {reason}" if reason else "")
        change += self.park(text, topic_id=topic.id)
        if self.meeting.current_topic_id == topic.id:
            following = next((t for t in self.meeting.agenda if t.state is TopicState.PENDING), None)
            self.meeting.current_topic_id = None
            change.meeting = True
            if following is not None:
                change += self.goto_topic(following.id)
        change.message = f"deferred to the parking lot: {topic.title}"
        return change

    def trim_remaining(self) -> Change:
        """Shrink the pending topics' timeboxes proportionally so the meeting ends on time."""
        self._require_open()
        plan = trim_plan(self.meeting, self.now())
        if not plan:
            return Change(message="the remaining topics already fit")
        change = Change(message=f"trimmed {len(plan)} topics to end on time")
        for topic_id, minutes in plan.items():
            topic = self._topic(topic_id)
            topic.extra_minutes = minutes - topic.planned_minutes
            change.records.append(topic)
        return change

    def park_last_topics(self) -> Change:
        """Move the last pending topics to the parking lot so the meeting ends on time."""
        ids = topics_to_park(self.meeting, self.now())
        if not ids:
            return Change(message="the remaining topics already fit")
        change = Change()
        for topic_id in ids:
            change += self.defer_topic(topic_id, reason="out of time")
        change.message = f"moved {len(ids)} topics to the parking lot"
        return change

    # -- notes ---------------------------------------------------------------

    def add_note(self, text: str, kind: NoteKind = NoteKind.INFO, *, author: str = "", private: bool = False,
                 owner: str = "", topic_id: str | None = None) -> Change:
        """Record a note on the current topic (or on the meeting, if there is none)."""
        self._require_open()
        topic_id = topic_id or self.meeting.current_topic_id
        note = build(Note, "note", id=self.ids.new(), topic_id=topic_id, kind=kind, text=text.strip(),
                     author=author or self.actor, owner=owner, at=self.now(), private=private)
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

    # -- decisions -----------------------------------------------------------

    def suggested_decision(self, topic_id: str | None = None) -> str:
        """Text to prefill the decision with: the topic's newest ``#agreed`` note."""
        topic = self._topic(topic_id)
        agreed = [n for n in self.meeting.notes_for(topic.id) if n.kind is NoteKind.AGREED]
        if agreed:
            return max(agreed, key=lambda n: n.at).text
        latest = self.meeting.latest_decision(topic.id)
        return latest.text if latest and not latest.locked else ""

    def propose_decision(self, text: str, topic_id: str | None = None) -> Change:
        """Put a decision to the room; returns the proposal, not yet locked."""
        self._require_open()
        topic = self._topic(topic_id)
        if self.meeting.locked_decision(topic.id) is not None:
            raise MeetuiError(f"{topic.title} already has a locked decision: amend it instead")
        latest = self.meeting.latest_decision(topic.id)
        if latest is not None and latest.state in {DecisionState.PROPOSED, DecisionState.OBJECTED,
                                                   DecisionState.ESCALATED}:
            return self.revise(latest.id, text)
        version = latest.version + 1 if latest else 1
        decision = build(Decision, "decision", id=self.ids.new(), topic_id=topic.id, text=text.strip(),
                         proposed_at=self.now(), version=version)
        self.meeting.decisions.append(decision)
        return Change([decision], message=decision_question(topic, decision.text))

    def no_objections(self, decision_id: str, *, ruled_by: str = "") -> Change:
        """Nobody objects (or the decision-maker rules): lock the decision."""
        decision = self._open_decision(decision_id)
        return self._lock(decision, ruled_by=ruled_by)

    def _lock(self, decision: Decision, *, ruled_by: str = "", resolution: str = "") -> Change:
        decision.state = DecisionState.LOCKED
        decision.locked_at = self.now()
        decision.locked_by = self.actor
        decision.present = self.present_names()
        decision.decision_maker = ruled_by or self.decision_maker()
        for objection in decision.objections:
            objection.resolution = objection.resolution or resolution or "withdrawn"
        return Change([decision], message=f"decision locked: {decision.text}")

    def object(self, decision_id: str, who: str, why: str) -> Change:
        """Record an objection: who raised it and why."""
        decision = self._open_decision(decision_id)
        if not who.strip():
            raise MeetuiError("say who objects")
        if not why.strip():
            raise MeetuiError("say why they object: the minutes record the reason")
        decision.objections.append(Objection(who=who.strip(), why=why.strip(), at=self.now(), text=decision.text))
        decision.state = DecisionState.OBJECTED
        return Change([decision], message=f"objection from {who.strip()} recorded")

    def revise(self, decision_id: str, text: str) -> Change:
        """Reword an unlocked decision after objections; the question is asked again."""
        decision = self._open_decision(decision_id)
        if not text.strip():
            raise MeetuiError("the decision text must not be empty")
        for objection in decision.objections:
            objection.resolution = objection.resolution or f"decision revised: {text.strip()}"
        decision.text = text.strip()
        decision.state = DecisionState.PROPOSED
        topic = self._topic(decision.topic_id)
        return Change([decision], message=decision_question(topic, decision.text))

    def vote(self, decision_id: str, in_favour: int, against: int, abstain: int = 0) -> Change:
        """Put a contested decision to a vote; a majority in favour locks it."""
        decision = self._open_decision(decision_id)
        decision.vote = build(Vote, "vote", in_favour=in_favour, against=against, abstain=abstain)
        tally = f"{in_favour} for, {against} against, {abstain} abstaining"
        if decision.vote.carried:
            change = self._lock(decision, resolution=f"outvoted ({tally})")
            change.message = f"vote carried ({tally}): decision locked"
            return change
        decision.state = DecisionState.REJECTED
        for objection in decision.objections:
            objection.resolution = objection.resolution or f"upheld by vote ({tally})"
        return Change([decision], message=f"vote failed ({tally}): decision rejected")

    def escalate(self, decision_id: str, to: str = "") -> Change:
        """Hand a contested decision to the decision-maker to rule on."""
        decision = self._open_decision(decision_id)
        decision.state = DecisionState.ESCALATED
        decision.escalated_to = to.strip() or self.decision_maker()
        for objection in decision.objections:
            objection.resolution = objection.resolution or f"escalated to {decision.escalated_to}"
        return Change([decision], message=f"escalated to {decision.escalated_to}")

    def amend(self, decision_id: str, text: str, reason: str = "") -> Change:
        """Propose a new version of a locked decision; the old version stays as it was."""
        self._require_open()
        old = self._decision(decision_id)
        if not old.locked:
            raise MeetuiError("only a locked decision can be amended; revise an open one instead")
        if not text.strip():
            raise MeetuiError("the amended decision must not be empty")
        newest = self.meeting.latest_decision(old.topic_id)
        if newest is not None and not newest.locked:
            raise MeetuiError("an amendment of this decision is already open")
        version = (newest.version if newest else old.version) + 1
        decision = build(Decision, "decision", id=self.ids.new(), topic_id=old.topic_id, text=text.strip(),
                         proposed_at=self.now(), version=version, amends=old.id, amend_reason=reason.strip())
        self.meeting.decisions.append(decision)
        return Change([decision], message=decision_question(self._topic(old.topic_id), decision.text))

    # -- action items ----------------------------------------------------------

    def add_action(self, task: str, owner: str, *, due: dt.date | str | None = None, deliverable: str = "",
                   priority: Priority | str = Priority.MEDIUM, support: str = "", department: str = "",
                   confirmed: bool = False, topic_id: str | None = None) -> Change:
        """Capture an action item; a due date may be given as text ("fri", "+3d", "周五")."""
        self._require_open()
        if isinstance(due, str):
            due = parse_due(due, self.today()) if due.strip() else None
        attendee = self.meeting.attendee(owner) if owner.strip() else None
        item = build(
            ActionItem, "action item", id=self._action_id(), meeting_id=self.meeting.id,
            topic_id=topic_id or self.meeting.current_topic_id, task=task, owner=owner,
            department=department or (attendee.department if attendee else ""), due=due,
            deliverable=deliverable.strip(), priority=priority, support=support.strip(),
            confirmed=confirmed, created_at=self.now(),
        )
        self.meeting.actions.append(item)
        due_text = f", due {item.due.isoformat()}" if item.due else ""
        return Change([item], message=f"action {item.id} for {item.owner}{due_text}")

    def _action_id(self) -> str:
        taken = {a.id for a in self.meeting.actions}
        while (candidate := self.ids.new()) in taken:
            pass
        return candidate

    def update_action(self, action_id: str, **fields: Any) -> Change:
        """Edit an action item's fields (task, owner, due, deliverable, priority…)."""
        item = self._action(action_id)
        if isinstance(fields.get("due"), str):
            fields["due"] = parse_due(fields["due"], self.today()) if fields["due"].strip() else None
        values = {**item.model_dump(), **fields}
        updated = build(ActionItem, "action item", **values)
        for name in fields:
            setattr(item, name, getattr(updated, name))
        return Change([item], message=f"action {item.id} updated")

    def confirm_action(self, action_id: str) -> Change:
        """The owner confirms the action item on the spot."""
        item = self._action(action_id)
        item.confirmed = True
        return Change([item], message=f"{item.owner} confirmed action {item.id}")

    def set_action_status(self, action_id: str, status: ActionStatus | str, note: str = "", by: str = "") -> Change:
        """Move an action item to a new status, logging the change (delays and blocks need a reason)."""
        item = self._action(action_id)
        return Change([track_action(item, status, self.now(), note=note, by=by or self.actor)],
                      message=f"action {item.id}: {ActionStatus(status).value}")

    def _action(self, action_id: str) -> ActionItem:
        item = self.meeting.action(action_id)
        if item is None:
            raise MeetuiError(f"no action item {action_id!r} in this meeting")
        return item

    # -- parking lot -----------------------------------------------------------

    def park(self, text: str, *, raised_by: str = "", topic_id: str | None = None, owner: str = "") -> Change:
        """Take something offline: it goes to the parking lot to be followed up later."""
        self._require_open()
        item = build(ParkingLotItem, "parking-lot item", id=self.ids.new(), text=text.strip(),
                     topic_id=topic_id or self.meeting.current_topic_id, raised_by=raised_by, owner=owner,
                     at=self.now())
        self.meeting.parking_lot.append(item)
        return Change([item], message="parked")

    # -- attendees and roll call ---------------------------------------------------

    def add_attendee(self, name: str, **fields: Any) -> Change:
        """Add someone to the meeting (e.g. a new action owner)."""
        if self.meeting.attendee(name) is not None:
            raise MeetuiError(f"{name.strip()} is already an attendee")
        attendee = build(Attendee, "attendee", id=self.ids.new(), name=name, **fields)
        self.meeting.attendees.append(attendee)
        return Change([attendee], message=f"attendee added: {attendee.name}")

    def mark(self, name: str, attendance: Attendance | str, *, reason: str = "", proxy: str = "") -> Change:
        """Roll call: present, absent (with a reason) or represented by a proxy."""
        attendee = self.meeting.attendee(name)
        if attendee is None:
            raise MeetuiError(f"{name!r} is not an attendee")
        attendance = Attendance(attendance)
        if attendance is Attendance.PROXY and not proxy.strip():
            raise MeetuiError(f"name the proxy who represents {attendee.name}")
        attendee.attendance = attendance
        attendee.absence_reason = reason.strip() if attendance in {Attendance.ABSENT, Attendance.PROXY,
                                                                   Attendance.DECLINED} else ""
        attendee.proxy = proxy.strip() if attendance is Attendance.PROXY else ""
        return Change([attendee], message=f"{attendee.name}: {attendance.value}")

    # -- speaker queue ---------------------------------------------------------

    def queue_speaker(self, name: str) -> Change:
        """Add someone to the speaker queue."""
        self._require_open()
        if not name.strip():
            raise MeetuiError("say who wants to speak")
        waiting = [s for s in self.meeting.speakers if s.ended_at is None and s.name == name.strip()]
        if waiting:
            raise MeetuiError(f"{name.strip()} is already in the queue")
        turn = build(SpeakerTurn, "speaker", id=self.ids.new(), name=name.strip(),
                     topic_id=self.meeting.current_topic_id, queued_at=self.now(),
                     limit_seconds=self.meeting.speaker_limit_seconds)
        self.meeting.speakers.append(turn)
        return Change([turn], message=f"{turn.name} is in the queue")

    def current_speaker(self) -> SpeakerTurn | None:
        return next((s for s in self.meeting.speakers if s.started_at and not s.ended_at), None)

    def waiting_speakers(self) -> list[SpeakerTurn]:
        return [s for s in self.meeting.speakers if s.started_at is None and s.ended_at is None]

    def next_speaker(self) -> Change:
        """End the current turn and give the floor to the next in the queue."""
        self._require_open()
        now = self.now()
        change = Change()
        self._end_speaker(change, now)
        waiting = self.waiting_speakers()
        if not waiting:
            change.message = "the speaker queue is empty"
            return change
        turn = waiting[0]
        turn.started_at = now
        change.records.append(turn)
        change.message = f"{turn.name} has the floor"
        return change

    def _end_speaker(self, change: Change, now: dt.datetime) -> None:
        current = self.current_speaker()
        if current is not None:
            current.ended_at = now
            change.records.append(current)

    def set_speaker_limit(self, seconds: int) -> Change:
        """Change the per-speaker limit: for the speaker talking now, those waiting, and everyone queued later.

        Finished turns keep the limit they were held to.
        """
        self._require_open()
        if seconds < 0:
            raise MeetuiError("the speaker limit must be zero or more seconds")
        self.meeting.speaker_limit_seconds = seconds
        change = Change(meeting=True, message=f"speaker limit {format_duration(seconds)}")
        for turn in self.meeting.speakers:
            if turn.ended_at is None and turn.limit_seconds != seconds:
                turn.limit_seconds = seconds
                change.records.append(turn)
        return change

    # -- ending --------------------------------------------------------------

    def end(self, next_checkpoint: dt.date | str | None = None) -> Change:
        """End the meeting: stop the clock, close the current topic, set the next checkpoint."""
        self._require_open()
        if isinstance(next_checkpoint, str):
            next_checkpoint = parse_due(next_checkpoint, self.today()) if next_checkpoint.strip() else None
        change = self.pause() if is_running(self.meeting) else Change()
        now = self.now()
        current = self.meeting.current_topic
        if current is not None and current.state is TopicState.ACTIVE:
            current.state = TopicState.DONE
            change.records.append(current)
        self._end_speaker(change, now)
        self.meeting.next_checkpoint = next_checkpoint
        self.meeting.status = MeetingStatus.ENDED
        self.meeting.ended_at = now
        change.meeting = True
        change.message = "meeting ended"
        return change


def track_action(item: ActionItem, status: ActionStatus | str, now: dt.datetime, *, note: str = "",
                 by: str = "") -> ActionItem:
    """Move an action item to ``status``, logging it; delayed and blocked need a reason."""
    try:
        status = ActionStatus(status)
    except ValueError:
        allowed = ", ".join(s.value for s in ActionStatus)
        raise MeetuiError(f"unknown status {status!r}: use one of {allowed}") from None
    if status in {ActionStatus.DELAYED, ActionStatus.BLOCKED} and not note.strip():
        what = "why it is delayed" if status is ActionStatus.DELAYED else "what it is waiting on"
        raise MeetuiError(f"a {status.value} action item needs a note saying {what}")
    item.status = status
    if status in {ActionStatus.DELAYED, ActionStatus.BLOCKED}:
        item.reason = note.strip()
    item.progress.append(ProgressEntry(at=now, status=status, note=note.strip(), by=by))
    return item
