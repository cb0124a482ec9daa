"""Pydantic models for everything the meeting practice records.

A :class:`Meeting` is one aggregate: its own details plus the attendees,
topics, notes, decisions, action items, parking-lot items and speaker turns
that belong to it. Every child record has a stable ``id`` so the store can
upsert it on its own; :data:`RECORD_TABLES` maps record types to the store's
table names.

Times are :class:`pydantic.AwareDatetime` (serialised as ISO 8601 with an
offset); the meeting keeps the IANA zone name beside them.

List fields default to a plain ``[]``: pydantic copies a mutable default for
each instance, and building the validators is quicker than with
``default_factory=list``, whose signature pydantic inspects field by field.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Any

from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field, model_validator


class MeetingKind(StrEnum):
    """The kinds of cross-department meeting the practice knows."""

    KICKOFF = "kickoff"
    STAGE_REVIEW = "stage-review"
    PROBLEM_SOLVING = "problem-solving"
    REQUIREMENTS_HANDOFF = "requirements-handoff"
    ALIGNMENT = "alignment"
    RETROSPECTIVE = "retrospective"
    WEEKLY_SYNC = "weekly-sync"
    OTHER = "other"


class MeetingStatus(StrEnum):
    """Where a meeting is in its life."""

    DRAFT = "draft"
    SCHEDULED = "scheduled"
    LIVE = "live"
    ENDED = "ended"


class Role(StrEnum):
    """An attendee's role in the decision (决策层, 执行层, 支持层, 专家, 观察员)."""

    DECISION_MAKER = "decision-maker"
    EXECUTOR = "executor"
    SUPPORT = "support"
    EXPERT = "expert"
    OBSERVER = "observer"


class Attendance(StrEnum):
    """An attendee's answer before the meeting and presence during it."""

    INVITED = "invited"
    CONFIRMED = "confirmed"
    DECLINED = "declined"
    PRESENT = "present"
    ABSENT = "absent"
    PROXY = "proxy"


class TopicState(StrEnum):
    """A topic's progress through the agenda."""

    PENDING = "pending"
    ACTIVE = "active"
    DONE = "done"
    DEFERRED = "deferred"
    SKIPPED = "skipped"


class NoteKind(StrEnum):
    """What a note records; MeetBot's ``#info``, ``#idea``, ``#agreed``… map here."""

    INFO = "info"
    IDEA = "idea"
    AGREED = "agreed"
    DISAGREEMENT = "disagreement"
    QUESTION = "question"
    RISK = "risk"
    LINK = "link"


class DecisionState(StrEnum):
    """A decision on its way through "any objections?"."""

    PROPOSED = "proposed"
    OBJECTED = "objected"
    LOCKED = "locked"
    REJECTED = "rejected"
    ESCALATED = "escalated"
    DEFERRED = "deferred"


class ActionStatus(StrEnum):
    """Tracking states of an action item (未开始, 进行中, 已完成, 延期, 受阻)."""

    NOT_STARTED = "not-started"
    IN_PROGRESS = "in-progress"
    DONE = "done"
    DELAYED = "delayed"
    BLOCKED = "blocked"
    CANCELLED = "cancelled"


class Priority(StrEnum):
    """Priority of a topic or an action item."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


def _stripped_not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty")
    return value.strip()


_LINE_BREAKS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")


def _one_line(value: str) -> str:
    if not _LINE_BREAKS.isdisjoint(value):
        raise ValueError("must be one line")
    return value


#: The longest text (notes, goals, reasons…), in characters.
MAX_TEXT = 10_000
#: The longest title (of a meeting or a topic) or name (of a person, a department…), in characters; both are one
#: line, so that listings, the agenda and the minutes' headings can show them whole.
MAX_LINE = 200

Text = Annotated[str, Field(max_length=MAX_TEXT)]
Name = Annotated[str, Field(max_length=MAX_LINE), AfterValidator(_one_line)]
#: Text and names that must say something: surrounding spaces are trimmed, blank is refused.
RequiredText = Annotated[str, Field(min_length=1, max_length=MAX_TEXT), AfterValidator(_stripped_not_blank)]
RequiredName = Annotated[
    str, Field(min_length=1, max_length=MAX_LINE), AfterValidator(_stripped_not_blank), AfterValidator(_one_line)
]
#: A meeting's or a topic's title: one line of at most :data:`MAX_LINE` characters.
Title = RequiredName


class Model(BaseModel):
    """Base of every meetui model: strict about unknown fields, validated on assignment.

    Validators are built when a model is first used (``defer_build``): loading a meeting builds
    :class:`Meeting`'s, which covers every record in it, and nothing is built for models a command never
    validates on its own.
    """

    model_config = ConfigDict(extra="forbid", validate_assignment=True, use_enum_values=False, defer_build=True)


class Segment(Model):
    """An interval of running time; ``end`` is ``None`` while it is still running."""

    start: AwareDatetime
    end: AwareDatetime | None = None

    def seconds(self, now: dt.datetime) -> float:
        """Length of the interval, counting an open one up to ``now``."""
        end = self.end or now
        return max((end - self.start).total_seconds(), 0.0)


class Material(Model):
    """A document the attendees read before the meeting: its name and where to find it.

    The practice names materials ``YYYYMM-topic-material_vX.Y`` and shares them 1–2 days ahead
    (domain.md, "Before the meeting"). A plain string is read as a name without a link.
    """

    name: RequiredName
    link: Text = ""

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: object) -> object:
        return {"name": value} if isinstance(value, str) else value

    def __str__(self) -> str:
        return f"{self.name} <{self.link}>" if self.link else self.name


class Record(Model):
    """A child record of a meeting, upserted by ``id``."""

    id: str = Field(min_length=1, max_length=40)


class Attendee(Record):
    """Someone invited to the meeting, and what became of the invitation."""

    name: RequiredName
    department: Name = ""
    contact: Name = ""
    role: Role = Role.EXECUTOR
    attendance: Attendance = Attendance.INVITED
    proxy: Name = ""
    absence_reason: Text = ""
    written_input: Text = ""
    #: Lines said in the meeting, where known (MeetBot logs count them); ``None`` when not counted.
    lines_said: int | None = Field(default=None, ge=0)
    #: What this attendee should bring or prepare (the notice lists it beside their name).
    bring: Text = ""


class Topic(Record):
    """One agenda item (议题) with its owner, goal and timebox."""

    title: Title
    goal: Text = ""
    background: Text = ""
    owner: Name = ""
    planned_minutes: int = Field(default=10, ge=0, le=24 * 60)
    extra_minutes: int = Field(default=0, ge=-24 * 60, le=24 * 60)
    expected_output: Text = ""
    priority: Priority = Priority.MEDIUM
    materials: list[Material] = []
    order: int = 0
    state: TopicState = TopicState.PENDING
    segments: list[Segment] = []

    @property
    def timebox_minutes(self) -> int:
        """Planned minutes plus whatever was added or removed live (never below 0)."""
        return max(self.planned_minutes + self.extra_minutes, 0)


class Note(Record):
    """Something said about a topic, with its kind and who said it."""

    topic_id: str | None = None
    kind: NoteKind = NoteKind.INFO
    text: RequiredText
    author: Name = ""
    owner: Name = ""
    at: AwareDatetime
    private: bool = False
    withdrawn: bool = False


class Objection(Model):
    """Who objected to a proposed decision, why, and how it was settled."""

    who: Name
    why: Text
    at: AwareDatetime
    resolution: str = ""
    text: Text = ""  # the wording objected to, kept when the decision is revised


class Vote(Model):
    """A show of hands on a contested decision."""

    in_favour: int = Field(default=0, ge=0)
    against: int = Field(default=0, ge=0)
    abstain: int = Field(default=0, ge=0)

    @property
    def carried(self) -> bool:
        return self.in_favour > self.against


class Decision(Record):
    """A topic's decision. Once locked it never changes; amendments are new versions."""

    topic_id: str
    text: RequiredText
    state: DecisionState = DecisionState.PROPOSED
    objections: list[Objection] = []
    vote: Vote | None = None
    proposed_at: AwareDatetime
    locked_at: AwareDatetime | None = None
    locked_by: Name = ""
    decision_maker: Name = ""
    present: list[str] = []
    version: int = Field(default=1, ge=1)
    amends: str | None = None
    amend_reason: Text = ""
    escalated_to: Name = ""

    @property
    def locked(self) -> bool:
        return self.state is DecisionState.LOCKED


class ProgressEntry(Model):
    """One update in an action item's progress log."""

    at: AwareDatetime
    status: ActionStatus
    note: Text = ""
    by: Name = ""


#: The stored owner of an action item that names nobody (MeetBot's minutes say "UNASSIGNED"): an action item
#: must have an owner, so this one marker stands for none; the minutes show it in their language ("unassigned",
#: 未指派), never as stored.
UNASSIGNED = "UNASSIGNED"


class ActionItem(Record):
    """A task with an owner, a due date and a deliverable (行动项); ``owner`` is :data:`UNASSIGNED` for nobody."""

    meeting_id: str
    topic_id: str | None = None
    task: RequiredText
    owner: RequiredName
    #: Co-owners (协助人) share the task; ``owner`` (负责人) answers for it. MeetBot gives an action every
    #: person named in it: the first is the owner, the rest co-owners.
    co_owners: list[Name] = []
    department: Name = ""
    due: dt.date | None = None
    deliverable: Text = ""
    priority: Priority = Priority.MEDIUM
    support: Text = ""
    status: ActionStatus = ActionStatus.NOT_STARTED
    reason: Text = ""
    progress: list[ProgressEntry] = []
    accepted_by: Name = ""
    confirmed: bool = False
    created_at: AwareDatetime
    #: The meeting this item was first recorded in, when a follow-up meeting carries a copy of it (the copy
    #: updated last is the item's current state; see :func:`meetui.core.planning.latest_copies`).
    carried_from: str | None = Field(default=None, max_length=40)


class ParkingLotItem(Record):
    """Something taken offline ("parking lot") to follow up later (domain.md, "Topic by topic").

    What became of it: an action item (``action_id``, and ``resolved``), a topic of the follow-up meeting
    (``follow_up``), settled by a decision (``resolved_by``, and ``resolved``), or still open.
    """

    text: RequiredText
    topic_id: str | None = None
    raised_by: Name = ""
    owner: Name = ""
    at: AwareDatetime
    resolved: bool = False
    due: dt.date | None = None
    resolved_by: str = ""  # the id of the decision that settled it (a deferred topic decided later)
    action_id: str = Field(default="", max_length=40)  # the action item it became (it is then resolved too)
    follow_up: bool = False  # to be a topic of the follow-up meeting (not resolved: that meeting settles it)


class SpeakerTurn(Record):
    """One speaker's place in the queue and the time they spoke."""

    name: RequiredName
    topic_id: str | None = None
    queued_at: AwareDatetime
    started_at: AwareDatetime | None = None
    ended_at: AwareDatetime | None = None
    limit_seconds: int = Field(default=180, ge=0)


class Meeting(Model):
    """A meeting with everything recorded in it."""

    id: str = Field(min_length=1, max_length=40)
    title: Title
    kind: MeetingKind = MeetingKind.OTHER
    goal: Text = ""
    urgent: bool = False
    scheduled_start: AwareDatetime | None = None
    timezone: str = "UTC"
    planned_minutes: int = Field(default=60, ge=0, le=24 * 60)
    place: Text = ""
    host: Name = ""
    note_taker: Name = ""
    status: MeetingStatus = MeetingStatus.DRAFT
    created_at: AwareDatetime
    ended_at: AwareDatetime | None = None
    clock: list[Segment] = []
    current_topic_id: str | None = None
    speaker_limit_seconds: int = Field(default=180, ge=0)
    next_checkpoint: dt.date | None = None
    follow_up_of: str | None = None
    #: Documents to pre-read (name and link); schema 3 (plain names before).
    materials: list[Material] = []
    #: Notes to attendees for the notice: what to read, bring or decide beforehand.
    notes_to_attendees: Text = ""

    attendees: list[Attendee] = []
    topics: list[Topic] = []
    notes: list[Note] = []
    decisions: list[Decision] = []
    actions: list[ActionItem] = []
    parking_lot: list[ParkingLotItem] = []
    speakers: list[SpeakerTurn] = []

    # -- lookups -----------------------------------------------------------

    def topic(self, topic_id: str | None) -> Topic | None:
        return next((t for t in self.topics if t.id == topic_id), None)

    @property
    def agenda(self) -> list[Topic]:
        """Topics in agenda order."""
        return sorted(self.topics, key=lambda t: t.order)

    @property
    def current_topic(self) -> Topic | None:
        return self.topic(self.current_topic_id)

    def attendee(self, name: str) -> Attendee | None:
        folded = name.strip().casefold()
        return next((a for a in self.attendees if a.name.casefold() == folded), None)

    def proxy_away(self, attendee: Attendee) -> bool:
        """Whether ``attendee`` is marked represented by a proxy who is an attendee marked absent or declined: then
        nobody represents them (domain.md, "Opening": a proxy represents someone by being in the room)."""
        proxy = self.attendee(attendee.proxy) if attendee.attendance is Attendance.PROXY and attendee.proxy else None
        return proxy is not None and proxy.attendance in {Attendance.ABSENT, Attendance.DECLINED}

    def represented(self, attendee: Attendee) -> bool:
        """Whether a proxy in the room stands for ``attendee`` (marked ``proxy``, the proxy named and not away)."""
        return attendee.attendance is Attendance.PROXY and bool(attendee.proxy) and not self.proxy_away(attendee)

    def notes_for(self, topic_id: str | None, *, include_private: bool = True) -> list[Note]:
        return [
            n for n in self.notes if n.topic_id == topic_id and not n.withdrawn and (include_private or not n.private)
        ]

    def topics_done(self) -> int:
        """How many topics are dealt with: finished, or deferred to the parking lot (the agenda's "n/m done")."""
        return sum(1 for t in self.topics if t.state in {TopicState.DONE, TopicState.DEFERRED})

    def decisions_for(self, topic_id: str) -> list[Decision]:
        return sorted((d for d in self.decisions if d.topic_id == topic_id), key=lambda d: d.version)

    def latest_decision(self, topic_id: str) -> Decision | None:
        versions = self.decisions_for(topic_id)
        return versions[-1] if versions else None

    def locked_decision(self, topic_id: str) -> Decision | None:
        """The newest locked version of a topic's decision, if any."""
        locked = [d for d in self.decisions_for(topic_id) if d.locked]
        return locked[-1] if locked else None

    def action(self, action_id: str) -> ActionItem | None:
        return next((a for a in self.actions if a.id == action_id), None)

    def header(self) -> dict[str, Any]:
        """The meeting's own fields, without its child records (the store's ``meeting`` table)."""
        return self.model_dump(mode="json", exclude=set(CHILD_FIELDS))


#: The record type of each child list of :class:`Meeting`, by field name.
CHILD_FIELDS: dict[str, type[Record]] = {
    "attendees": Attendee,
    "topics": Topic,
    "notes": Note,
    "decisions": Decision,
    "actions": ActionItem,
    "parking_lot": ParkingLotItem,
    "speakers": SpeakerTurn,
}

#: The child-list field of :class:`Meeting` that holds each record type.
RECORD_TABLES: dict[type[Record], str] = {cls: field for field, cls in CHILD_FIELDS.items()}
