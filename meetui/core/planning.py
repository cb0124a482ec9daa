"""Preparing a meeting (会前准备): its details, attendees and agenda, as plain operations.

:class:`Plan` wraps a meeting and an id source. Each operation validates its
input, changes the meeting in memory and returns a :class:`~meetui.core.change.Change`
naming what it touched, exactly like :class:`~meetui.core.live.LiveMeeting`'s
operations, so the store (and the UI's session writer) write them the same way.
Bad input raises :class:`~meetui.core.errors.MeetuiError` with nothing changed.

Topics are named by their number in the agenda (1-based), their id, or their
title (exact, then a unique case-insensitive prefix). Attendees are named by
their name (case-insensitive).

The words accepted for roles and RSVP states, English and Chinese, follow the
practice's terms (domain.md, "Roles" and "Confirmation").
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

from .change import Change, build
from .clock import Clock, IdSource, RandomIds, in_zone, to_pendulum, zone_checked, zone_info
from .errors import MeetuiError
from .models import (
    ActionStatus,
    Attendance,
    Attendee,
    Material,
    Meeting,
    MeetingKind,
    MeetingStatus,
    NoteKind,
    ParkingLotItem,
    Role,
    Topic,
    TopicState,
)

#: The meeting's own fields a plan may set (``meetui edit``, the plan screen's details).
DETAIL_FIELDS = (
    "title",
    "kind",
    "goal",
    "urgent",
    "scheduled_start",
    "timezone",
    "planned_minutes",
    "place",
    "host",
    "note_taker",
    "materials",
    "notes_to_attendees",
)
#: An attendee's fields a plan may set.
ATTENDEE_FIELDS = (
    "name",
    "department",
    "role",
    "contact",
    "attendance",
    "proxy",
    "written_input",
    "absence_reason",
    "bring",
)
#: A topic's fields a plan may set.
TOPIC_FIELDS = ("title", "goal", "background", "owner", "planned_minutes", "expected_output", "priority", "materials")

#: Words for each role, English and Chinese (决策层, 执行层, 支持层, 专家, 观察员).
ROLE_WORDS: dict[str, Role] = {
    "decision-maker": Role.DECISION_MAKER, "decision maker": Role.DECISION_MAKER, "decider": Role.DECISION_MAKER,
    "dm": Role.DECISION_MAKER, "决策层": Role.DECISION_MAKER, "决策者": Role.DECISION_MAKER,
    "决策": Role.DECISION_MAKER,
    "executor": Role.EXECUTOR, "执行层": Role.EXECUTOR, "执行": Role.EXECUTOR, "执行者": Role.EXECUTOR,
    "support": Role.SUPPORT, "支持层": Role.SUPPORT, "支持": Role.SUPPORT,
    "expert": Role.EXPERT, "专家": Role.EXPERT,
    "observer": Role.OBSERVER, "观察员": Role.OBSERVER, "观察者": Role.OBSERVER,
}  # fmt: skip
#: Words for the answers to an invitation (RSVP).
RSVP_WORDS: dict[str, Attendance] = {
    "invited": Attendance.INVITED, "已邀请": Attendance.INVITED, "待确认": Attendance.INVITED,
    "confirmed": Attendance.CONFIRMED, "yes": Attendance.CONFIRMED, "已确认": Attendance.CONFIRMED,
    "确认": Attendance.CONFIRMED,
    "declined": Attendance.DECLINED, "no": Attendance.DECLINED, "已拒绝": Attendance.DECLINED,
    "婉拒": Attendance.DECLINED, "缺席": Attendance.DECLINED,
}  # fmt: skip
ROLE_HELP = "decision-maker, executor, support, expert or observer (决策层, 执行层, 支持层, 专家, 观察员)"
RSVP_HELP = "invited, confirmed or declined (已邀请, 已确认, 已拒绝)"


def one_line(text: str, what: str) -> str:
    """``text`` if it holds no control character (a line break, a tab…); names and titles are one line.

    Raises :class:`MeetuiError` naming ``what`` otherwise.
    """
    bad = next((c for c in text if unicodedata.category(c) == "Cc"), None)
    if bad is not None:
        raise MeetuiError(
            f"{what} {text.strip()[:40]!r} holds a control character (U+{ord(bad):04X}): write it on one line"
        )
    return text


def parse_role(text: str | Role) -> Role:
    """A role from its English value or Chinese name; raises :class:`MeetuiError` naming the choices."""
    if isinstance(text, Role):
        return text
    role = ROLE_WORDS.get(" ".join(text.strip().casefold().replace("_", "-").split()))
    if role is None:
        raise MeetuiError(f"unknown role {text.strip()!r}: use {ROLE_HELP}")
    return role


def parse_rsvp(text: str | Attendance) -> Attendance:
    """An answer to the invitation (invited, confirmed, declined), in English or Chinese."""
    if isinstance(text, Attendance):
        return text
    found = RSVP_WORDS.get(text.strip().casefold())
    if found is None:
        try:
            return Attendance(text.strip().casefold())
        except ValueError:
            raise MeetuiError(f"unknown answer {text.strip()!r}: use {RSVP_HELP}") from None
    return found


def parse_kind(text: str | MeetingKind) -> MeetingKind:
    """A meeting kind from its value (``kickoff``, ``weekly-sync``…)."""
    if isinstance(text, MeetingKind):
        return text
    try:
        return MeetingKind(text.strip().casefold().replace("_", "-").replace(" ", "-"))
    except ValueError:
        kinds = ", ".join(k.value for k in MeetingKind)
        raise MeetuiError(f"unknown kind {text.strip()!r}: use one of {kinds}") from None


def parse_materials(text: str) -> list[Material]:
    """Materials typed on one line: ``name <link>`` or ``name | link`` items separated by ``;`` or newlines."""
    materials = []
    for item in re.split(r"[;；\n]", text):
        item = item.strip()
        if not item:
            continue
        match = re.fullmatch(r"(.*?)\s*(?:<([^<>]*)>|\|\s*(.*))", item)
        name, link = (match.group(1), match.group(2) or match.group(3) or "") if match else (item, "")
        materials.append(build(Material, "material", name=name.strip() or link.strip(), link=link.strip()))
    return materials


def local_time(value: str | dt.datetime, zone: str) -> dt.datetime:
    """A start time as an aware datetime in ``zone``: text or a datetime without an offset is wall time there.

    Raises :class:`MeetuiError` for text that is not a date and time.
    """
    if isinstance(value, str):
        import pendulum

        try:
            parsed = pendulum.parse(value.strip(), tz=zone, strict=False, exact=True)
        except Exception:  # pendulum raises several kinds of error for text it cannot read
            parsed = None
        if not isinstance(parsed, dt.datetime):
            raise MeetuiError(f"cannot read the start time {value!r}: use a date and time, e.g. 2026-12-01 10:00")
        value = parsed
    if value.tzinfo is None or value.utcoffset() is None:
        value = value.replace(tzinfo=zone_info(zone))
    return to_pendulum(value, zone)


def refuse_past_start(start: dt.datetime, now: dt.datetime, zone: str) -> None:
    """Refuse a start time that has passed: one before the current minute (a meeting may start this minute).

    A notice for a time that has gone by invites nobody (domain.md, "Notice": the time to the minute), so a
    start being set must be from now on. ``start`` and ``now`` are aware; ``zone`` is how both are shown.
    Raises :class:`MeetuiError` naming the start and the time now.
    """
    if start < now.replace(second=0, microsecond=0):
        shown, today = in_zone(start, zone), in_zone(now, zone)
        raise MeetuiError(
            f"the start {shown:%Y-%m-%d %H:%M} ({zone}) has passed (it is {today:%Y-%m-%d %H:%M} "
            "now): give a time from now on"
        )


class Plan:
    """A meeting being prepared, with the id source for its new records.

    With a ``clock``, a start time being set must not have passed (:func:`refuse_past_start`); without one
    (an import of a meeting already held) any start is taken.
    """

    def __init__(self, meeting: Meeting, ids: IdSource | None = None, clock: Clock | None = None) -> None:
        self.meeting = meeting
        self.ids = ids or RandomIds()
        self.clock = clock

    # -- helpers ---------------------------------------------------------------

    def _require_open(self) -> None:
        if self.meeting.status is MeetingStatus.ENDED:
            raise MeetuiError(f"{self.meeting.title} has ended; its plan can no longer change")

    def attendee(self, name: str) -> Attendee:
        """The attendee called ``name`` (case-insensitive); refuses an unknown name, listing who is invited."""
        found = self.meeting.attendee(name)
        if found is None:
            invited = ", ".join(a.name for a in self.meeting.attendees) or "nobody yet"
            raise MeetuiError(f"{name.strip()!r} is not an attendee (invited: {invited})")
        return found

    def topic(self, ref: str | int) -> Topic:
        """A topic by its number in the agenda, its id, or its title (or a unique prefix of it)."""
        agenda = self.meeting.agenda
        text = str(ref).strip()
        if text.isdigit() and len(text) < 4:
            number = int(text)
            if not 1 <= number <= len(agenda):
                raise MeetuiError(f"there is no topic {number}: the agenda has {len(agenda)} topic(s)")
            return agenda[number - 1]
        for topic in agenda:
            if topic.id == text or topic.title == text:
                return topic
        folded = text.casefold()
        matches = [t for t in agenda if t.title.casefold().startswith(folded)] if folded else []
        if len(matches) == 1:
            return matches[0]
        if not matches:
            raise MeetuiError(f"no topic {text!r} in the agenda (give its number, 1 to {len(agenda)}, or its title)")
        raise MeetuiError(f"{text!r} matches {len(matches)} topics: give its number or more of its title")

    # -- details -------------------------------------------------------------

    def set_details(self, **fields: Any) -> Change:
        """Set the meeting's own fields (see :data:`DETAIL_FIELDS`); all or none are applied.

        ``scheduled_start`` takes an aware datetime or ISO text (local time in the meeting's zone when it has
        no offset), and with the plan's clock it must not have passed; changing ``timezone`` alone keeps the
        start's wall-clock time in the new zone. A draft
        with a start time becomes scheduled.
        """
        self._require_open()
        unknown = sorted(set(fields) - set(DETAIL_FIELDS))
        if unknown:
            raise MeetuiError(f"unknown detail(s) {', '.join(unknown)}: use {', '.join(DETAIL_FIELDS)}")
        values = dict(fields)
        if "kind" in values:
            values["kind"] = parse_kind(values["kind"])
        if isinstance(values.get("materials"), str):
            values["materials"] = parse_materials(values["materials"])
        zone = self.meeting.timezone
        if "timezone" in values:
            zone = zone_checked(values["timezone"])
            values["timezone"] = zone
            if "scheduled_start" not in values and self.meeting.scheduled_start is not None:
                values["scheduled_start"] = in_zone(self.meeting.scheduled_start, self.meeting.timezone).replace(
                    tzinfo=None
                )
        start = values.get("scheduled_start")
        if isinstance(start, str | dt.datetime):
            values["scheduled_start"] = local_time(start, zone)
            self._refuse_past(values["scheduled_start"], zone, given="scheduled_start" in fields)
        trial = build(Meeting, "meeting", **{**self.meeting.header(), **values})
        for name in values:
            setattr(self.meeting, name, getattr(trial, name))
        if self.meeting.scheduled_start is not None and self.meeting.status is MeetingStatus.DRAFT:
            self.meeting.status = MeetingStatus.SCHEDULED
        said = ", ".join(name.replace("_", " ") for name in values) or "nothing"
        return Change(meeting=bool(values), message=f"{self.meeting.title}: set {said}")

    def _refuse_past(self, start: dt.datetime, zone: str, *, given: bool) -> None:
        """A start typed (``given``), or moved by a new zone from a time still to come, must not have passed."""
        if self.clock is None:
            return
        now = self.clock.now()
        before = self.meeting.scheduled_start
        if given or before is None or before >= now:
            refuse_past_start(start, now, zone)

    # -- attendees -------------------------------------------------------------

    def add_attendee(self, name: str, **fields: Any) -> Change:
        """Invite someone; refuses a name already invited."""
        self._require_open()
        one_line(name, "the name")
        if self.meeting.attendee(name) is not None:
            raise MeetuiError(f"{name.strip()} is already an attendee")
        values = self._attendee_values(fields)
        attendee = build(Attendee, "attendee", id=self.ids.new(), name=name, **values)
        self.meeting.attendees.append(attendee)
        return Change([attendee], message=f"attendee added: {attendee.name} ({attendee.role.value})")

    def set_attendee(self, who: str, /, **fields: Any) -> Change:
        """Change the fields of the attendee called ``who`` (``name`` renames them; a name already taken is
        refused)."""
        self._require_open()
        attendee = self.attendee(who)
        values = self._attendee_values(fields)
        new_name = values.get("name")
        if new_name is not None:
            other = self.meeting.attendee(new_name)
            if other is not None and other is not attendee:
                raise MeetuiError(f"{new_name.strip()} is already an attendee")
        trial = build(Attendee, "attendee", **{**attendee.model_dump(), **values})
        old_name = attendee.name
        for key in values:
            setattr(attendee, key, getattr(trial, key))
        change = Change([attendee], message=f"attendee {attendee.name}: set {', '.join(values) or 'nothing'}")
        if new_name is not None and attendee.name != old_name:
            change += self._renamed(old_name, attendee.name)
            change.message = f"attendee {old_name} renamed {attendee.name}"
        return change

    def remove_attendee(self, name: str) -> Change:
        """Uninvite someone (their topics keep the owner's name, which the checks then flag)."""
        self._require_open()
        attendee = self.attendee(name)
        self.meeting.attendees.remove(attendee)
        return Change(deleted=[attendee], message=f"attendee removed: {attendee.name}")

    def import_attendees(self, text: str) -> Change:
        """Invite people from pasted lines ``name, department, role`` (commas, Chinese commas or tabs).

        Department and role may be left out (role defaults to executor); blank lines and lines starting with
        ``#`` are skipped; someone already invited is updated. A line that cannot be read refuses the whole
        paste, naming the line, so nothing is half-imported.
        """
        self._require_open()
        rows: list[tuple[str, dict[str, Any]]] = []
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")  # not splitlines: \x1e is no line end
        for number, line in enumerate(lines, 1):
            line = line.strip().lstrip("\ufeff")
            if not line or line.startswith("#"):
                continue
            cells = [c.strip() for c in re.split(r"[,，\t]", line)]
            if len(cells) > 3:
                raise MeetuiError(f"line {number} ({line!r}): write name, department, role (got {len(cells)} parts)")
            if not cells[0]:
                raise MeetuiError(f"line {number} ({line!r}): the name is empty")
            values: dict[str, Any] = {"department": cells[1] if len(cells) > 1 else ""}
            try:
                if len(cells) > 2 and cells[2]:
                    values["role"] = parse_role(cells[2])
                one_line(cells[0], "the name")
                build(Attendee, "attendee", id="check", name=cells[0], **values)  # refused here, not half-way
            except MeetuiError as error:
                raise MeetuiError(f"line {number}: {error}") from None
            rows.append((cells[0], values))
        if not rows:
            raise MeetuiError("nothing to import: paste one attendee a line, as name, department, role")
        change = Change()
        added = updated = 0
        for name, values in rows:
            if self.meeting.attendee(name) is None:
                change += self.add_attendee(name, **values)
                added += 1
            else:
                change += self.set_attendee(name, **{k: v for k, v in values.items() if v})
                updated += 1
        change.message = f"imported {added} attendee(s)" + (f", updated {updated}" if updated else "")
        return change

    def _attendee_values(self, fields: dict[str, Any]) -> dict[str, Any]:
        unknown = sorted(set(fields) - set(ATTENDEE_FIELDS))
        if unknown:
            raise MeetuiError(f"unknown attendee field(s) {', '.join(unknown)}: use {', '.join(ATTENDEE_FIELDS)}")
        values = dict(fields)
        for key in ("name", "proxy"):
            if isinstance(values.get(key), str):
                one_line(values[key], f"the {key}")
        if "role" in values:
            values["role"] = parse_role(values["role"])
        if "attendance" in values:
            values["attendance"] = parse_rsvp(values["attendance"])
        return values

    def _renamed(self, old: str, new: str) -> Change:
        """Follow a rename into the host, note-taker and topic owners."""
        change = Change()
        for field in ("host", "note_taker"):
            if getattr(self.meeting, field) == old:
                setattr(self.meeting, field, new)
                change.meeting = True
        for topic in self.meeting.topics:
            if topic.owner == old:
                topic.owner = new
                change.records.append(topic)
        return change

    # -- agenda ----------------------------------------------------------------

    def add_topic(self, title: str, *, position: int | None = None, **fields: Any) -> Change:
        """Add a topic at the end of the agenda, or at ``position`` (1-based)."""
        self._require_open()
        one_line(title, "the title")
        values = self._topic_values(fields)
        topic = build(Topic, "topic", id=self.ids.new(), title=title, **values)
        agenda = self.meeting.agenda
        index = len(agenda) if position is None else max(0, min(position - 1, len(agenda)))
        agenda.insert(index, topic)
        self.meeting.topics.append(topic)
        change = self._renumber(agenda)
        change.records.append(topic)
        change.message = f"topic {index + 1} added: {topic.title} ({topic.planned_minutes} min)"
        return change

    def set_topic(self, ref: str | int, **fields: Any) -> Change:
        """Change a topic's fields (see :data:`TOPIC_FIELDS`)."""
        self._require_open()
        topic = self.topic(ref)
        values = self._topic_values(fields)
        trial = build(Topic, "topic", **{**topic.model_dump(), **values})
        for key in values:
            setattr(topic, key, getattr(trial, key))
        return Change([topic], message=f"topic {topic.title}: set {', '.join(values) or 'nothing'}")

    def move_topic(self, ref: str | int, to: int) -> Change:
        """Move a topic to position ``to`` in the agenda (1-based; clamped to the agenda's ends)."""
        self._require_open()
        topic = self.topic(ref)
        agenda = self.meeting.agenda
        if not agenda:
            raise MeetuiError("the agenda is empty")
        agenda.remove(topic)
        index = max(0, min(to - 1, len(agenda)))
        agenda.insert(index, topic)
        change = self._renumber(agenda)
        change.message = f"topic {topic.title} moved to {index + 1} of {len(agenda)}"
        return change

    def move_topic_by(self, ref: str | int, step: int) -> Change:
        """Move a topic up (negative ``step``) or down the agenda."""
        topic = self.topic(ref)
        return self.move_topic(topic.id, self.meeting.agenda.index(topic) + 1 + step)

    def remove_topic(self, ref: str | int) -> Change:
        """Remove a topic that has nothing recorded against it."""
        self._require_open()
        topic = self.topic(ref)
        recorded = [n for n in self.meeting.notes if n.topic_id == topic.id] + [
            d for d in self.meeting.decisions if d.topic_id == topic.id
        ]
        if recorded or topic.segments:
            raise MeetuiError(f"{topic.title} has notes or time recorded in the meeting; defer it instead")
        self.meeting.topics.remove(topic)
        if self.meeting.current_topic_id == topic.id:
            self.meeting.current_topic_id = None
        change = self._renumber(self.meeting.agenda)
        change.deleted.append(topic)
        change.meeting = change.meeting or self.meeting.current_topic_id is None
        change.message = f"topic removed: {topic.title}"
        return change

    def _topic_values(self, fields: dict[str, Any]) -> dict[str, Any]:
        unknown = sorted(set(fields) - set(TOPIC_FIELDS))
        if unknown:
            raise MeetuiError(f"unknown topic field(s) {', '.join(unknown)}: use {', '.join(TOPIC_FIELDS)}")
        values = dict(fields)
        for key in ("title", "owner"):
            if isinstance(values.get(key), str):
                one_line(values[key], f"the {key}")
        if isinstance(values.get("materials"), str):
            values["materials"] = parse_materials(values["materials"])
        return values

    def _renumber(self, agenda: list[Topic]) -> Change:
        change = Change()
        for order, topic in enumerate(agenda):
            if topic.order != order:
                topic.order = order
                change.records.append(topic)
        return change


#: The fields that make an action item what it is, the same in every copy of it: all but where a copy is kept
#: (``meeting_id``, ``topic_id``, ``carried_from``) and its identity (``id``, ``created_at``).
SHARED_FIELDS = (
    "task",
    "owner",
    "co_owners",
    "department",
    "due",
    "deliverable",
    "priority",
    "support",
    "status",
    "reason",
    "progress",
    "accepted_by",
    "confirmed",
)


def copy_key(doc: dict[str, Any]) -> tuple[str, str]:
    """What every copy of one action item shares: the meeting it was first recorded in, and its id."""
    return (doc.get("carried_from") or doc.get("meeting_id", ""), doc.get("id", ""))


def shared(doc: dict[str, Any]) -> dict[str, Any]:
    """The :data:`SHARED_FIELDS` of an action item's JSON object (the state its copies must agree on)."""
    return {name: doc.get(name) for name in SHARED_FIELDS}


def latest_copies(docs: list[dict[str, Any]], *, where: bool = False) -> list[dict[str, Any]]:
    """One copy of each action item, as the index's JSON objects, in their order.

    A follow-up meeting carries copies of the earlier meeting's open items (``carried_from`` names where an
    item was first recorded), so one item may be found in several meetings: the copy updated last (by its
    progress log) is kept, the one in the meeting it was first recorded in when they agree. With ``where``, each one
    kept is a new object with ``in_meetings``: the ids of
    the meetings holding a copy, in order.
    """
    chosen: dict[tuple[str, str], dict[str, Any]] = {}
    holders: dict[tuple[str, str], list[str]] = {}
    for doc in docs:
        key = copy_key(doc)
        held = chosen.get(key)
        # compared only for an item's second copy; copies kept the same tie, and then the copy in the meeting the
        # item was first recorded in is kept, so that the item is shown and counted there
        if held is None or (_last_update(doc), doc.get("meeting_id") == key[0]) > (
            _last_update(held),
            held.get("meeting_id") == key[0],
        ):
            chosen[key] = doc
        if where:
            holders.setdefault(key, []).append(doc.get("meeting_id", ""))
    kept = {id(doc): key for key, doc in chosen.items()}
    if where:
        return [{**doc, "in_meetings": holders[kept[id(doc)]]} for doc in docs if id(doc) in kept]
    return [doc for doc in docs if id(doc) in kept]


def _last_update(doc: dict[str, Any]) -> tuple[dt.datetime, int]:
    progress = doc.get("progress") or []
    moments = [_moment(p.get("at")) for p in progress if isinstance(p, dict)]
    return (max(moments, default=_moment(doc.get("created_at"))), len(progress))


def _moment(text: Any) -> dt.datetime:
    try:
        moment = dt.datetime.fromisoformat(str(text))
    except ValueError:
        return dt.datetime.min.replace(tzinfo=dt.UTC)
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _parked_topic(earlier: Meeting, item: ParkingLotItem, lang: str) -> dict[str, Any]:
    """A parked item of ``earlier`` as a topic of its follow-up meeting: owner (else who raised it), where it came
    from, and its due date as the topic's goal."""
    zh = lang == "zh"
    if item.follow_up:
        background = (
            f"「{earlier.title}」停车场事项，会上定为本次跟进会议题"
            if zh
            else f"Parked in {earlier.title} for this follow-up meeting"
        )
    else:
        background = f"「{earlier.title}」的停车场事项" if zh else f"Parking lot of {earlier.title}"
    if item.raised_by:
        background += f"（{item.raised_by} 提出）" if zh else f" (raised by {item.raised_by})"
    goal = ""
    if item.due:
        goal = f"{item.due.isoformat()} 前定下来" if zh else f"Settle it by {item.due.isoformat()}"
    return {
        "title": item.text[:200],
        "owner": item.owner or item.raised_by,
        "background": background,
        "goal": goal,
        "planned_minutes": 10,
    }


def _unfinished_topic(earlier: Meeting, topic: Topic, lang: str) -> dict[str, Any]:
    """A topic of ``earlier`` left pending or skipped, as a candidate topic of its follow-up meeting: owner,
    goal, timebox and materials kept, the background saying where it came from (then its own)."""
    zh = lang == "zh"
    if topic.state is TopicState.SKIPPED:
        said = f"「{earlier.title}」上跳过的议题" if zh else f"Skipped in {earlier.title}"
    else:
        said = f"「{earlier.title}」上未讨论的议题" if zh else f"Not discussed in {earlier.title}"
    background = f"{said}{'：' if zh else ': '}{topic.background}" if topic.background.strip() else said
    return {
        "title": topic.title,
        "owner": topic.owner,
        "goal": topic.goal,
        "background": background,
        "planned_minutes": topic.planned_minutes,
        "expected_output": topic.expected_output,
        "priority": topic.priority,
        "materials": [m.model_copy(deep=True) for m in topic.materials],
    }


def _questions_topic(earlier: Meeting, lang: str) -> dict[str, Any] | None:
    """The open questions of ``earlier`` (its ``#question`` notes, neither withdrawn nor private) as one topic of
    the follow-up meeting, each question a line of its background with who asked it; ``None`` without any."""
    questions = [
        n for n in earlier.notes if n.kind is NoteKind.QUESTION and not n.withdrawn and not n.private and n.text.strip()
    ]
    if not questions:
        return None
    zh = lang == "zh"
    lines = [f"? {' '.join(n.text.split())}" + (f"（{n.author}）" if zh else f" ({n.author})") * bool(n.author)
             for n in questions]  # fmt: skip
    head = f"「{earlier.title}」上提出、尚待回答的问题：" if zh else f"Asked in {earlier.title} and still to answer:"
    return {
        "title": f"「{earlier.title}」的遗留问题" if zh else f"Open questions from {earlier.title}",
        "owner": earlier.host,
        "goal": f"回答 {len(questions)} 个遗留问题" if zh else f"Answer {len(questions)} open question(s)",
        "background": "\n".join([head, *lines]),
        "planned_minutes": max(5, min(15, len(questions) * 3)),
    }


def follow_up_fields(earlier: Meeting, ids: IdSource | None = None) -> dict[str, Any]:
    """What a follow-up meeting carries over from ``earlier``, as fields for :func:`~meetui.core.meeting.new_meeting`.

    Attendees (invited again, with department, role and contact), host, note-taker, zone and place; a first
    topic reviewing the open action items; then each unresolved parking-lot item as a topic, those marked for the
    follow-up meeting (:meth:`~meetui.core.live.LiveMeeting.parked_to_follow_up`) first; then every topic of the
    agenda not finished (pending, that is not discussed, or skipped; a deferred one is carried by the parking lot),
    in agenda order, with its owner, goal and timebox; then, if any ``#question`` was asked, a topic of its own for
    the open questions (domain.md, "After the meeting (会后跟进)"); and the
    open action items themselves (same ids, ``carried_from`` the meeting they were first recorded in), so
    their status can be updated during the review (domain.md, "Tracking").
    """
    from .checks import meeting_lang
    from .meeting import follow_up_review

    lang = meeting_lang(earlier)
    open_items = [a for a in earlier.actions if a.status not in {ActionStatus.DONE, ActionStatus.CANCELLED}]
    topics = [follow_up_review(earlier, lang)] if open_items else []
    unresolved = [item for item in earlier.parking_lot if not item.resolved]
    for item in sorted(unresolved, key=lambda item: not item.follow_up):  # stable: marked ones first, in order
        topics.append(_parked_topic(earlier, item, lang))
    unfinished = {TopicState.PENDING, TopicState.SKIPPED}  # the deferred ones are in the parking lot already
    topics += [_unfinished_topic(earlier, t, lang) for t in earlier.agenda if t.state in unfinished]
    questions = _questions_topic(earlier, lang)
    if questions is not None:
        topics.append(questions)
    return {
        "attendees": [
            {"name": a.name, "department": a.department, "role": a.role, "contact": a.contact}
            for a in earlier.attendees
        ],
        "host": earlier.host,
        "note_taker": earlier.note_taker,
        "timezone": earlier.timezone,
        "place": earlier.place,
        "kind": earlier.kind,
        "topics": topics,
        "actions": [
            a.model_copy(deep=True, update={"carried_from": a.carried_from or a.meeting_id}) for a in open_items
        ],
        "follow_up_of": earlier.id,
    }
