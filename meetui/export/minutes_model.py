"""The minutes of a meeting as plain, language-neutral data (schema ``meetui-minutes/2``).

:func:`build_minutes` is a pure function of a meeting and an instant: it picks
what the minutes show (no withdrawn notes; private notes only when asked),
works out planned and actual minutes per topic, the outcome of each topic and
the summary counts, and converts every time to the meeting's zone. The
same :class:`Minutes` is dumped as the JSON format and laid out by the
Markdown, HTML and text renderers; labels in English or Chinese are added only
when rendering (:mod:`meetui.export.labels`).

The records are assembled with ``model_construct`` from the meeting's
already validated records, and the models defer building their validators:
the text formats then never pay for pydantic schemas, which keeps
``meetui minutes`` quick to start. Reading JSON (:meth:`Minutes.from_json`)
validates everything.

The JSON schema is stable: keys are snake_case English, enumerations use the
core models' values (``not-started``, ``decision-maker``…), dates are
``YYYY-MM-DD`` and times ISO 8601 with the meeting's offset. New optional keys
may be added; renaming or removing one changes :data:`SCHEMA`.

Version 2 (from version 1) added ``summary``, ``private``,
``attendance.speakers``, ``topics[].outcome``, ``actions[].co_owners``,
``actions[].progress_log`` and ``notes[].private``. Optional keys added since: ``after_end`` (the notes
added after the meeting ended); ``parking_lot[].due``, ``.outcome`` (what became of the item), ``.action_id``,
``.action_owner``, ``.action_due`` and ``.decision``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Literal
from zoneinfo import ZoneInfo

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from ..core.live.notes import post_meeting_notes
from ..core.models import (
    ActionItem,
    ActionStatus,
    Attendance,
    Decision,
    DecisionState,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Note,
    NoteKind,
    ParkingLotItem,
    Priority,
    Role,
    TopicState,
)
from ..core.timekeeping import actual_minutes, elapsed_seconds

SCHEMA: Literal["meetui-minutes/2"] = "meetui-minutes/2"

#: Converts an aware time to the meeting's zone.
Localise = Callable[[dt.datetime], dt.datetime]

#: Note kinds listed as a topic's points, in this order (the others have their own sections).
POINT_KINDS = (NoteKind.AGREED, NoteKind.INFO, NoteKind.IDEA, NoteKind.LINK)

#: How a topic ended, for the agenda table and the summary counts.
Outcome = Literal["decided", "deferred", "skipped", "open"]

#: The practice's objection window: owners raise any objection to their action items within 2 hours (domain.md).
CONFIRM_WITHIN_HOURS = 2


class Part(BaseModel):
    """Base of the minutes models: unknown keys are refused, so the schema stays honest."""

    model_config = ConfigDict(extra="forbid", defer_build=True)


class Person(Part):
    """An attendee as the minutes name them."""

    name: str
    department: str = ""
    role: Role = Role.EXECUTOR


class Absence(Person):
    """Someone who did not attend (absent at roll call, or declined), with the reason given."""

    attendance: Literal["absent", "declined"] = "absent"
    reason: str = ""
    written_input: str = ""


class Representation(Person):
    """Someone represented by a proxy (代理人)."""

    proxy: str
    reason: str = ""
    written_input: str = ""


class Speaker(Part):
    """Someone who spoke: the lines they said where a log counted them, the seconds they held the floor in the
    speaker queue, or the notes credited to them (only where notes name several people, as a log's do: notes typed
    by one note-taker say nothing of who spoke)."""

    name: str
    count: int
    counted: Literal["notes", "lines", "seconds"] = "notes"


class AttendanceRecord(Part):
    """Who was present, absent (with reason) and represented (with proxy), and who spoke."""

    present: list[Person] = Field(default_factory=list)
    absent: list[Absence] = Field(default_factory=list)
    represented: list[Representation] = Field(default_factory=list)
    not_recorded: list[Person] = Field(default_factory=list, description="invited, but not marked at roll call")
    speakers: list[Speaker] = Field(
        default_factory=list, description="attendees in their order, then others by first note"
    )


class NoteEntry(Part):
    """One note as recorded: its kind, text, author and time; ``url`` is set for http(s) links."""

    kind: NoteKind
    text: str
    author: str = ""
    owner: str = ""
    at: AwareDatetime
    url: str | None = None
    private: bool = False


class ObjectionEntry(Part):
    """An objection to a decision: who, why, and how it was resolved."""

    who: str
    why: str
    at: AwareDatetime
    resolution: str = ""
    #: The wording objected to, when the decision was revised afterwards ("" if it is the final wording).
    objected_text: str = ""


class VoteEntry(Part):
    """The tally of a vote on a decision."""

    in_favour: int
    against: int
    abstain: int
    carried: bool


class DecisionEntry(Part):
    """One version of a topic's decision."""

    version: int
    text: str
    state: DecisionState
    proposed_at: AwareDatetime
    locked_at: AwareDatetime | None = None
    locked_by: str = ""
    decision_maker: str = ""
    escalated_to: str = ""
    amends_version: int | None = None
    amend_reason: str = ""
    objections: list[ObjectionEntry] = Field(default_factory=list)
    vote: VoteEntry | None = None


class Discussion(Part):
    """What was said: points by kind, disagreements (each side's view) and open questions."""

    points: list[NoteEntry] = Field(default_factory=list)
    disagreements: list[NoteEntry] = Field(default_factory=list)
    questions: list[NoteEntry] = Field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.points or self.disagreements or self.questions)


class TopicEntry(Part):
    """One agenda topic (议题) with its timebox, discussion and decision."""

    number: int
    id: str
    title: str
    owner: str = ""
    goal: str = ""
    expected_output: str = ""
    priority: Priority = Priority.MEDIUM
    state: TopicState
    outcome: Outcome = "open"
    planned_minutes: int
    timebox_minutes: int
    actual_minutes: int
    discussion: Discussion = Field(default_factory=Discussion)
    decision: DecisionEntry | None = Field(default=None, description="the newest locked version, else the latest")
    other_versions: list[DecisionEntry] = Field(default_factory=list, description="every other version, oldest first")


class ProgressNote(Part):
    """One entry of an action item's progress log: when, the status set, the note, by whom."""

    at: AwareDatetime
    status: ActionStatus
    note: str = ""
    by: str = ""


class ActionEntry(Part):
    """One action item (行动项) as the tracking table lists it; ``confirmed`` when its owner accepted it."""

    number: int
    id: str
    task: str
    owner: str
    co_owners: list[str] = Field(default_factory=list, description="协助人; the owner is 负责人")
    department: str = ""
    due: dt.date | None = None
    deliverable: str = ""
    priority: Priority
    status: ActionStatus
    progress: str = Field(default="", description="the reason for a delay or block, else the latest progress note")
    support: str = ""
    confirmed: bool = False
    topic_number: int | None = None
    progress_log: list[ProgressNote] = Field(default_factory=list, description="the whole log, oldest first")

    @property
    def to_confirm(self) -> bool:
        """Not confirmed by its owner and still open: flagged for the 2-hour objection window."""
        return not self.confirmed and self.status not in {ActionStatus.DONE, ActionStatus.CANCELLED}


#: What became of a parked item: an action item, a topic of the follow-up meeting, settled by a decision, marked
#: resolved, or still open.
ParkingOutcome = Literal["action", "follow-up", "decided", "resolved", "open"]


class ParkingEntry(Part):
    """Something taken offline to follow up later, and what became of it (``outcome``).

    ``action_id``, ``action_owner`` and ``action_due`` name the action item it became; ``decision`` the text of
    the decision that settled it.
    """

    text: str
    raised_by: str = ""
    owner: str = ""
    due: dt.date | None = None
    topic_number: int | None = None
    resolved: bool = False
    outcome: ParkingOutcome = "open"
    action_id: str = ""
    action_owner: str = ""
    action_due: dt.date | None = None
    decision: str = ""


class RiskEntry(Part):
    """A foreseeable blocker and who owns the contingency."""

    text: str
    contingency_owner: str = ""
    raised_by: str = ""
    topic_number: int | None = None


class Totals(Part):
    """Planned and actual minutes over the agenda, and the meeting's own running time."""

    planned_minutes: int
    actual_minutes: int
    meeting_planned_minutes: int
    meeting_elapsed_minutes: int


class Summary(Part):
    """The counts of the summary block: topics by outcome, action items, and time over plan."""

    topics_decided: int = 0
    topics_deferred: int = 0
    topics_skipped: int = 0
    topics_open: int = 0
    actions: int = 0
    actions_to_confirm: int = Field(default=0, description="not yet confirmed by their owner")
    topics_overrun: int = Field(default=0, description="topics that ran past their timebox")
    overrun_minutes: int = Field(default=0, description="meeting running time past its planned minutes, or 0")


class Minutes(Part):
    """The minutes of one meeting (会议纪要); ``draft`` while the meeting has not ended."""

    schema_: Literal["meetui-minutes/2"] = Field(default=SCHEMA, alias="schema")
    meeting_id: str
    title: str
    kind: MeetingKind
    status: MeetingStatus
    draft: bool
    private: bool = Field(default=False, description="private notes included (meetui minutes --private)")
    generated_at: AwareDatetime
    timezone: str
    date: dt.date | None = None
    start: AwareDatetime | None = None
    end: AwareDatetime | None = Field(default=None, description="unset while the meeting is still running")
    place: str = ""
    host: str = ""
    note_taker: str = ""
    goal: str = ""
    materials: list[str] = Field(default_factory=list)
    attendance: AttendanceRecord = Field(default_factory=AttendanceRecord)
    topics: list[TopicEntry] = Field(default_factory=list)
    general: Discussion = Field(default_factory=Discussion, description="notes not tied to a topic")
    after_end: Discussion = Field(
        default_factory=Discussion, description="post-meeting notes: added after the meeting ended (会后补充)"
    )
    actions: list[ActionEntry] = Field(default_factory=list)
    parking_lot: list[ParkingEntry] = Field(default_factory=list)
    risks: list[RiskEntry] = Field(default_factory=list)
    totals: Totals
    summary: Summary = Field(default_factory=Summary)
    next_checkpoint: dt.date | None = None

    model_config = ConfigDict(extra="forbid", populate_by_name=True, defer_build=True)

    def to_json(self) -> str:
        """The minutes as JSON text (UTF-8, indented, keys in schema order)."""
        return self.model_dump_json(indent=2, by_alias=True) + "\n"

    @classmethod
    def from_json(cls, text: str | bytes) -> Minutes:
        """Read minutes back from their JSON text (validated)."""
        return cls.model_validate_json(text)


# -- building ---------------------------------------------------------------------


def build_minutes(meeting: Meeting, now: dt.datetime, *, private: bool = False) -> Minutes:
    """The minutes of ``meeting`` as of ``now`` (a draft unless the meeting has ended).

    Withdrawn notes are always left out; private notes (``#private``) only
    come in with ``private=True``, marked as private. Notes are credited to
    their authors only where they name several (a log's speakers): when one
    note-taker typed them all, crediting each to them would say they spoke.
    """
    zone = ZoneInfo(meeting.timezone)

    def local(moment: dt.datetime) -> dt.datetime:
        return dt.datetime.fromtimestamp(moment.timestamp(), zone)

    numbers = {topic.id: index for index, topic in enumerate(meeting.agenda, 1)}
    after_end = {n.id for n in post_meeting_notes(meeting, include_private=private)}
    visible = [n for n in meeting.notes if not n.withdrawn and (private or not n.private) and n.id not in after_end]
    start = meeting.clock[0].start if meeting.clock else meeting.scheduled_start
    end = meeting.ended_at
    if end is None and not meeting.clock and meeting.scheduled_start is not None:
        end = meeting.scheduled_start + dt.timedelta(minutes=meeting.planned_minutes)
    by_topic: dict[str | None, list[Note]] = {}
    for note in visible:
        by_topic.setdefault(note.topic_id, []).append(note)
    topics = [
        _topic_entry(meeting, topic.id, numbers, by_topic.get(topic.id, []), now, local) for topic in meeting.agenda
    ]
    actions = [_action_entry(item, number, numbers, local) for number, item in enumerate(meeting.actions, 1)]
    elapsed = round(elapsed_seconds(meeting, now) / 60)
    minutes = Minutes.model_construct(
        meeting_id=meeting.id,
        title=meeting.title,
        kind=meeting.kind,
        status=meeting.status,
        draft=meeting.status is not MeetingStatus.ENDED,
        private=private,
        generated_at=local(now),
        timezone=meeting.timezone,
        date=local(start).date() if start else None,
        start=local(start) if start else None,
        end=local(end) if end else None,
        place=meeting.place,
        host=meeting.host,
        note_taker=meeting.note_taker,
        goal=meeting.goal,
        materials=[str(m) for m in meeting.materials],
        attendance=_attendance(meeting, [n for n in visible if not n.private], now),
        topics=topics,
        general=_discussion([n for n in visible if n.topic_id not in numbers], local),
        after_end=_discussion(post_meeting_notes(meeting, include_private=private), local),
        actions=actions,
        parking_lot=[_parking_entry(meeting, item, numbers) for item in meeting.parking_lot],
        risks=[
            RiskEntry.model_construct(
                text=note.text,
                contingency_owner=note.owner,
                raised_by=note.author,
                topic_number=numbers.get(note.topic_id or ""),
            )
            for note in sorted(visible, key=lambda n: n.at)
            if note.kind is NoteKind.RISK
        ],
        totals=Totals.model_construct(
            planned_minutes=sum(t.planned_minutes for t in topics),
            actual_minutes=sum(t.actual_minutes for t in topics),
            meeting_planned_minutes=meeting.planned_minutes,
            meeting_elapsed_minutes=elapsed,
        ),
        summary=_summary(topics, actions, max(0, elapsed - meeting.planned_minutes)),
        next_checkpoint=meeting.next_checkpoint,
    )
    if len({n.author for n in meeting.notes if n.author}) < 2:  # one note-taker typed them all: no credit
        for discussion in (*(t.discussion for t in minutes.topics), minutes.general, minutes.after_end):
            for entry in (*discussion.points, *discussion.disagreements, *discussion.questions):
                entry.author = ""
        for risk in minutes.risks:
            risk.raised_by = ""
    return minutes


def _speakers(meeting: Meeting, notes: list[Note], now: dt.datetime) -> list[Speaker]:
    """Who spoke, attendees in their order, then others: the lines said where a log counted them, else the time
    they held the floor in the speaker queue, else (only where notes name several authors) the notes credited."""
    counts: dict[str, int] = {}
    for note in sorted(notes, key=lambda n: n.at):
        if note.author:
            counts[note.author] = counts.get(note.author, 0) + 1
    if len({n.author for n in meeting.notes if n.author}) < 2:
        counts = {}  # one author is the note-taker who typed every note, not a speaker
    floor: dict[str, int] = {}
    end = meeting.ended_at or now
    for turn in meeting.speakers:
        if turn.started_at is not None:
            seconds = round(((turn.ended_at or end) - turn.started_at).total_seconds())
            floor[turn.name] = floor.get(turn.name, 0) + max(seconds, 0)
    speakers: list[Speaker] = []
    for person in meeting.attendees:
        if person.lines_said is not None:
            if person.lines_said:
                speakers.append(Speaker.model_construct(name=person.name, count=person.lines_said, counted="lines"))
        elif person.name in floor:
            speakers.append(Speaker.model_construct(name=person.name, count=floor[person.name], counted="seconds"))
        elif counts.get(person.name):
            speakers.append(Speaker.model_construct(name=person.name, count=counts[person.name], counted="notes"))
    known = {person.name for person in meeting.attendees}
    speakers += [
        Speaker.model_construct(name=name, count=seconds, counted="seconds")
        for name, seconds in floor.items()
        if name not in known
    ]
    speakers += [
        Speaker.model_construct(name=name, count=count, counted="notes")
        for name, count in counts.items()
        if name not in known and name not in floor
    ]
    return speakers


def _summary(topics: list[TopicEntry], actions: list[ActionEntry], overrun: int) -> Summary:
    outcomes = [t.outcome for t in topics]
    return Summary.model_construct(
        topics_decided=outcomes.count("decided"),
        topics_deferred=outcomes.count("deferred"),
        topics_skipped=outcomes.count("skipped"),
        topics_open=outcomes.count("open"),
        actions=len(actions),
        actions_to_confirm=sum(1 for a in actions if a.to_confirm),
        topics_overrun=sum(1 for t in topics if t.actual_minutes > t.timebox_minutes),
        overrun_minutes=overrun,
    )


def _outcome(state: TopicState, decision: Decision | None) -> Outcome:
    """Decided when a decision is locked; else deferred or skipped as the topic was; else open."""
    if decision is not None and decision.state is DecisionState.LOCKED:
        return "decided"
    if state is TopicState.DEFERRED:
        return "deferred"
    if state is TopicState.SKIPPED:
        return "skipped"
    return "open"


def _attendance(meeting: Meeting, notes: list[Note], now: dt.datetime) -> AttendanceRecord:
    record = AttendanceRecord.model_construct(speakers=_speakers(meeting, notes, now))
    for person in meeting.attendees:
        name, department, role = person.name, person.department, person.role
        if person.attendance is Attendance.PRESENT:
            record.present.append(Person.model_construct(name=name, department=department, role=role))
        elif person.attendance is Attendance.PROXY and not meeting.proxy_away(person):
            record.represented.append(
                Representation.model_construct(
                    name=name,
                    department=department,
                    role=role,
                    proxy=person.proxy,
                    reason=person.absence_reason,
                    written_input=person.written_input,
                )
            )
        elif person.attendance in {Attendance.ABSENT, Attendance.DECLINED, Attendance.PROXY}:
            reason, attendance = person.absence_reason, person.attendance.value
            if person.attendance is Attendance.PROXY:  # the proxy named was not there: nobody represented them
                away = f"{person.proxy} (proxy) {meeting.attendee(person.proxy).attendance.value}"  # type: ignore[union-attr]
                reason, attendance = "; ".join(x for x in (reason, away) if x), Attendance.ABSENT.value
            record.absent.append(
                Absence.model_construct(
                    name=name,
                    department=department,
                    role=role,
                    attendance=attendance,
                    reason=reason,
                    written_input=person.written_input,
                )
            )
        else:
            record.not_recorded.append(Person.model_construct(name=name, department=department, role=role))
    return record


def _note_entry(note: Note, local: Localise) -> NoteEntry:
    url = note.text.strip() if note.kind is NoteKind.LINK else ""
    safe = url.split()[0] if url else ""
    is_web = safe.lower().startswith(("http://", "https://")) and len(safe) > len("https://")
    return NoteEntry.model_construct(
        kind=note.kind,
        text=note.text,
        author=note.author,
        owner=note.owner,
        at=local(note.at),
        url=safe if is_web else None,
        private=note.private,
    )


def _discussion(notes: list[Note], local: Localise) -> Discussion:
    ordered = sorted(notes, key=lambda n: n.at)
    rank = {kind: index for index, kind in enumerate(POINT_KINDS)}
    points = sorted((n for n in ordered if n.kind in rank), key=lambda n: rank[n.kind])
    return Discussion.model_construct(
        points=[_note_entry(n, local) for n in points],
        disagreements=[_note_entry(n, local) for n in ordered if n.kind is NoteKind.DISAGREEMENT],
        questions=[_note_entry(n, local) for n in ordered if n.kind is NoteKind.QUESTION],
    )


def _decision_entry(decision: Decision, versions: dict[str, int], local: Localise) -> DecisionEntry:
    vote = decision.vote
    return DecisionEntry.model_construct(
        version=decision.version,
        text=decision.text,
        state=decision.state,
        proposed_at=local(decision.proposed_at),
        locked_at=local(decision.locked_at) if decision.locked_at else None,
        locked_by=decision.locked_by,
        decision_maker=decision.decision_maker,
        escalated_to=decision.escalated_to,
        amends_version=versions.get(decision.amends or ""),
        amend_reason=decision.amend_reason,
        objections=[
            ObjectionEntry.model_construct(
                who=o.who,
                why=o.why,
                at=local(o.at),
                resolution=o.resolution,
                objected_text=o.text if o.text != decision.text else "",
            )
            for o in decision.objections
        ],
        vote=VoteEntry.model_construct(
            in_favour=vote.in_favour, against=vote.against, abstain=vote.abstain, carried=vote.carried
        )
        if vote
        else None,
    )


def _topic_entry(
    meeting: Meeting, topic_id: str, numbers: dict[str, int], notes: list[Note], now: dt.datetime, local: Localise
) -> TopicEntry:
    topic = meeting.topic(topic_id)
    assert topic is not None
    versions = meeting.decisions_for(topic.id)
    shown = meeting.locked_decision(topic.id) or (versions[-1] if versions else None)
    by_id = {d.id: d.version for d in versions}
    return TopicEntry.model_construct(
        number=numbers[topic.id],
        id=topic.id,
        title=topic.title,
        owner=topic.owner,
        goal=topic.goal,
        expected_output=topic.expected_output,
        priority=topic.priority,
        state=topic.state,
        outcome=_outcome(topic.state, meeting.locked_decision(topic.id)),
        planned_minutes=topic.planned_minutes,
        timebox_minutes=topic.timebox_minutes,
        actual_minutes=actual_minutes(topic, now),
        discussion=_discussion(notes, local),
        decision=_decision_entry(shown, by_id, local) if shown else None,
        other_versions=[_decision_entry(d, by_id, local) for d in versions if d is not shown],
    )


def _parking_entry(meeting: Meeting, item: ParkingLotItem, numbers: dict[str, int]) -> ParkingEntry:
    """A parked item and what became of it (the action item it became, the decision that settled it…)."""
    action = meeting.action(item.action_id) if item.action_id else None
    decision = next((d for d in meeting.decisions if d.id == item.resolved_by), None) if item.resolved_by else None
    outcome: ParkingOutcome = "open"
    if action is not None:
        outcome = "action"
    elif decision is not None:
        outcome = "decided"
    elif item.resolved:
        outcome = "resolved"
    elif item.follow_up:
        outcome = "follow-up"
    return ParkingEntry.model_construct(
        text=item.text,
        raised_by=item.raised_by,
        owner=item.owner,
        due=item.due,
        topic_number=numbers.get(item.topic_id or ""),
        resolved=item.resolved,
        outcome=outcome,
        action_id=action.id if action else "",
        action_owner=action.owner if action else "",
        action_due=action.due if action else None,
        decision=decision.text if decision else "",
    )


def _action_entry(item: ActionItem, number: int, numbers: dict[str, int], local: Localise) -> ActionEntry:
    progress = item.reason if item.status in {ActionStatus.DELAYED, ActionStatus.BLOCKED} else ""
    if not progress and item.progress:
        progress = item.progress[-1].note
    return ActionEntry.model_construct(
        number=number,
        id=item.id,
        task=item.task,
        owner=item.owner,
        department=item.department,
        due=item.due,
        deliverable=item.deliverable,
        priority=item.priority,
        status=item.status,
        progress=progress,
        support=item.support,
        confirmed=item.confirmed,
        topic_number=numbers.get(item.topic_id or ""),
        co_owners=list(item.co_owners),
        progress_log=[
            ProgressNote.model_construct(at=local(p.at), status=p.status, note=p.note, by=p.by) for p in item.progress
        ],
    )
