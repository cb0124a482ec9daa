"""The minutes laid out once as a small document tree, for every format.

:func:`layout` turns :class:`~meetui.export.minutes_model.Minutes` and a
language's :class:`~meetui.export.labels.Labels` into headings, paragraphs,
bullet lists and tables whose cells are runs of inline text. The Markdown,
HTML, plain-text and Word renderers only serialise this tree, each escaping
user text its own way, so they always show the same content.

The order is the reader's of the next morning (as MeetBot's summary and the
"decisions and actions first" of Fellow or 4minitz): a summary (decisions,
action items, counts), the action items by person, then the practice's
sections (domain.md): basic information and attendance, agenda and
discussion (a table of short cells, then each topic's discussion as its own
section), the action tracking table, parking lot, risks, next checkpoint.
Punctuation and word order come from the labels, never from a language test.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..core.models import UNASSIGNED, MeetingStatus
from .labels import Labels
from .minutes_model import (
    POINT_KINDS,
    ActionEntry,
    DecisionEntry,
    Discussion,
    Minutes,
    NoteEntry,
    ParkingEntry,
    TopicEntry,
)


@dataclass(frozen=True)
class Text:
    """Plain text, possibly typed by a user (renderers escape it); may contain newlines."""

    value: str


@dataclass(frozen=True)
class Strong:
    """Emphasised text (labels such as "Conclusion:")."""

    value: str


@dataclass(frozen=True)
class Link:
    """A web link (only ever an http or https URL)."""

    text: str
    url: str


@dataclass(frozen=True)
class Break:
    """A line break inside a paragraph, bullet or table cell."""


BR = Break()
Inline = Text | Strong | Link | Break
Rich = list[Inline]


@dataclass
class Heading:
    level: int
    content: Rich


@dataclass
class Paragraph:
    content: Rich
    style: str = ""  # "draft" for the draft banner, "footer" for the closing line


@dataclass
class Bullets:
    items: list[Rich]


@dataclass
class Table:
    headers: list[str]
    rows: list[list[Rich]]
    numeric: set[int] = field(default_factory=set)  # columns aligned right
    wide: set[int] = field(default_factory=set)  # columns that take the spare width in plain text
    footer: list[Rich] | None = None  # a totals row
    kind: str = ""  # "facts" (item/details), "attendance", "agenda", "actions", "parking", "risks"
    short: set[int] = field(default_factory=set)  # columns of short values that never wrap (ids, dates, states)


Block = Heading | Paragraph | Bullets | Table


def plain(value: str) -> Rich:
    return [Text(value)] if value else []


def head(label: str, colon: str) -> Rich:
    """A label in bold followed by a colon (outside the bold, so CJK emphasis parses)."""
    return [Strong(label), Text(colon)]


def title(label: str, words: Labels) -> Rich:
    """A label in bold that introduces what follows on the next lines."""
    return [Strong(label), Text(words("colon").rstrip())]


def labelled(label: str, value: Rich, colon: str) -> Rich:
    return [*head(label, colon), *value]


def lines(parts: list[Rich]) -> Rich:
    """Join runs with line breaks."""
    out: Rich = []
    for part in parts:
        if out:
            out.append(BR)
        out.extend(part)
    return out


def layout(minutes: Minutes, words: Labels, *, plain_text: bool = False) -> list[Block]:
    """The whole minutes as blocks, the summary first.

    For plain text the action table stays narrow: an action item's
    deliverable and progress notes go under its task.
    """
    blocks: list[Block] = [Heading(1, plain(words("title", title=minutes.title)))]
    if minutes.draft:
        blocks.append(Paragraph([Strong(words("draft"))], style="draft"))
    if minutes.private:
        blocks.append(Paragraph([Strong(words("private_banner"))], style="draft"))
    blocks += summary(minutes, words)
    blocks += by_person(minutes, words)
    blocks += _basic(minutes, words)
    blocks += _attendance(minutes, words)
    blocks += _agenda(minutes, words)
    blocks += _details(minutes, words)
    blocks += _actions(minutes, words, narrow=plain_text)
    blocks += _parking(minutes, words)
    blocks += _risks(minutes, words)
    blocks.append(Heading(2, plain(words("checkpoint"))))
    checkpoint = words.date(minutes.next_checkpoint) if minutes.next_checkpoint else words("no_checkpoint")
    blocks.append(Paragraph(plain(checkpoint)))
    stamp = words.stamp(minutes.generated_at)
    blocks.append(
        Paragraph(plain(words("footer", time=stamp, zone=minutes.timezone, id=minutes.meeting_id)), style="footer")
    )
    return blocks


# -- summary ------------------------------------------------------------------------


def when(minutes: Minutes, words: Labels) -> str:
    """The meeting's time span with its zone: "10:02–11:21 (Asia/Shanghai)"."""
    if minutes.start is None:
        return words("none")
    if minutes.end is not None:
        span = words("span", start=words.time(minutes.start), end=words.time(minutes.end))
    else:
        span = words("in_progress", start=words.time(minutes.start))
    return span + words("zone", zone=minutes.timezone)


def owner_name(name: str, words: Labels) -> str:
    """An action item's owner as the minutes show it: the stored :data:`UNASSIGNED` marker (an item naming
    nobody, as MeetBot's minutes have it) in the minutes' language ("unassigned", 未指派)."""
    return words("no_owner") if name == UNASSIGNED else name


def owners(action: ActionEntry, words: Labels) -> str:
    """The owner, with any co-owners: "李娜 (with Priya Nair)"."""
    if not action.co_owners:
        return owner_name(action.owner, words)
    return words("with_co_owners", owner=owner_name(action.owner, words), co=words.join(action.co_owners))


def _flag(action: ActionEntry, words: Labels) -> Rich:
    return [Text(words("facts_sep")), Strong(words("to_confirm"))] if action.to_confirm else []


def decision_line(topic: TopicEntry, words: Labels) -> Rich:
    """One summary line: topic → decision (locked by, version); an unlocked one says its state."""
    decision = topic.decision
    assert decision is not None
    if decision.state.value == "locked":
        meta = words("locked_meta", by=decision.locked_by or "—", version=decision.version)
    else:
        meta = words("open_meta", state=words.enum(decision.state), version=decision.version)
    return plain(words("decision_line", topic=topic.title, decision=decision.text) + words("aside", text=meta))


def action_line(action: ActionEntry, words: Labels) -> Rich:
    """One summary line: id, task, owner and co-owners, due, status, and the flag when not confirmed."""
    line = words(
        "action_line",
        id=action.id,
        task=action.task,
        owners=owners(action, words),
        due=words.short_date(action.due),
        status=words.enum(action.status),
    )
    return [Text(line), *_flag(action, words)]


def summary(minutes: Minutes, words: Labels) -> list[Block]:
    """The summary block: date, time and host; decisions; action items; counts."""
    colon = words("colon")
    blocks: list[Block] = [Heading(2, plain(words("summary")))]
    date = words.date(minutes.date) if minutes.date else words("none")
    blocks.append(
        Paragraph(
            lines(
                [
                    labelled(
                        words("date_time"), plain(words("date_and_time", date=date, time=when(minutes, words))), colon
                    ),
                    labelled(words("host"), plain(minutes.host or words("none")), colon),
                ]
            )
        )
    )
    decided = [t for t in minutes.topics if t.decision is not None]
    blocks.append(Paragraph(title(words("decisions"), words)))
    blocks.append(
        Bullets([decision_line(t, words) for t in decided]) if decided else Paragraph(plain(words("no_decisions")))
    )
    blocks.append(Paragraph(title(words("summary_actions"), words)))
    blocks.append(
        Bullets([action_line(a, words) for a in minutes.actions])
        if minutes.actions
        else Paragraph(plain(words("no_actions")))
    )
    counts = minutes.summary
    overrun = words("overrun_topics", count=counts.topics_overrun, total=len(minutes.topics))
    if minutes.status in {MeetingStatus.DRAFT, MeetingStatus.SCHEDULED}:  # not held yet: no time to judge
        overrun += words("facts_sep") + words("not_held")
    else:
        overrun += words("facts_sep") + (
            words("overrun_meeting", minutes=words.minutes(counts.overrun_minutes))
            if counts.overrun_minutes
            else words("within_plan")
        )
    blocks.append(
        Paragraph(
            lines(
                [
                    labelled(
                        words("count_topics"),
                        plain(
                            words(
                                "topics_count",
                                decided=counts.topics_decided,
                                deferred=counts.topics_deferred,
                                skipped=counts.topics_skipped,
                                open=counts.topics_open,
                            )
                        ),
                        colon,
                    ),
                    labelled(
                        words("count_actions"),
                        plain(words("actions_count", count=counts.actions, to_confirm=counts.actions_to_confirm)),
                        colon,
                    ),
                    labelled(words("count_overrun"), plain(overrun), colon),
                ]
            )
        )
    )
    return blocks


def attendee_names(minutes: Minutes) -> list[str]:
    record = minutes.attendance
    return [p.name for group in (record.present, record.represented, record.absent, record.not_recorded) for p in group]


def by_person(minutes: Minutes, words: Labels) -> list[Block]:
    """Each owner and co-owner with their items, then the unassigned ones, as MeetBot's "Action items, by person".

    As in MeetBot, people are the meeting's attendees, and an item naming none
    of them is unassigned; a meeting without attendees groups by every name.
    """
    blocks: list[Block] = [Heading(2, plain(words("by_person")))]
    if not minutes.actions:
        return [*blocks, Paragraph(plain(words("no_actions")))]
    known = set(attendee_names(minutes))
    groups: dict[str, list[Rich]] = {}
    unassigned: list[Rich] = []
    for action in minutes.actions:
        people = [
            name
            for name in [action.owner, *action.co_owners]
            if name and name != UNASSIGNED and (not known or name in known)
        ]
        if not people:
            unassigned.append(action_line(action, words))
        for name in dict.fromkeys(people):
            role = [] if name == action.owner else [Text(words("co_owner_tag"))]
            groups.setdefault(name, []).append([*role, *action_line(action, words)])
    for name, items in groups.items():
        blocks += [Heading(3, plain(name)), Bullets(items)]
    if unassigned:
        blocks += [Heading(3, plain(words("unassigned_items"))), Bullets(unassigned)]
    return blocks


# -- 1. basic information and attendance ------------------------------------------


def _basic(minutes: Minutes, words: Labels) -> list[Block]:
    rows: list[list[Rich]] = [
        [plain(words("name")), plain(minutes.title)],
        [plain(words("kind")), plain(words.enum(minutes.kind))],
        [plain(words("date")), plain(words.date(minutes.date) if minutes.date else words("none"))],
        [plain(words("time")), plain(when(minutes, words))],
        [plain(words("place")), plain(minutes.place or words("none"))],
        [plain(words("host")), plain(minutes.host or words("none"))],
        [plain(words("note_taker")), plain(minutes.note_taker or words("none"))],
        [plain(words("attendees")), _attendee_summary(minutes, words)],
        [plain(words("absentees")), _absentee_summary(minutes, words)],
        [plain(words("goal")), plain(minutes.goal or words("none"))],
    ]
    if minutes.materials:
        rows.append([plain(words("materials")), lines([plain(m) for m in minutes.materials])])
    return [Heading(2, plain(words("basic"))), Table([words("item"), words("details")], rows, wide={1}, kind="facts")]


def _attendee_summary(minutes: Minutes, words: Labels) -> Rich:
    departments: dict[str, list[str]] = {}
    for person in minutes.attendance.present:
        departments.setdefault(person.department, []).append(person.name)
    parts = [
        plain(f"{dept}{words('colon')}{words.join(names)}" if dept else words.join(names))
        for dept, names in departments.items()
    ]
    if minutes.attendance.not_recorded:
        names = words.join([p.name for p in minutes.attendance.not_recorded])
        parts.append(plain(f"{words('not_recorded')}{words('colon')}{names}"))
    return lines(parts) or plain(words("none"))


def who(name: str, department: str, words: Labels) -> str:
    """A name with its department: "李娜 (研发部)" or "李娜（研发部）"."""
    return words("who_department", name=name, department=department) if department else name


def _absentee_summary(minutes: Minutes, words: Labels) -> Rich:
    parts: list[Rich] = []
    for person in minutes.attendance.absent:
        reason = person.reason or words(person.attendance)
        parts.append(plain(f"{who(person.name, person.department, words)}{words('colon')}{reason}"))
    for proxied in minutes.attendance.represented:
        details = [proxied.reason] if proxied.reason else []
        details.append(words("proxy_note", proxy=proxied.proxy))
        parts.append(
            plain(f"{who(proxied.name, proxied.department, words)}{words('colon')}{words('facts_sep').join(details)}")
        )
    return lines(parts) or plain(words("none"))


def _attendance(minutes: Minutes, words: Labels) -> list[Block]:
    record = minutes.attendance
    rows: list[list[Rich]] = []
    for person in record.present:
        rows.append(
            [plain(person.name), plain(person.department), plain(words.enum(person.role)), plain(words("present")), []]
        )
    for person in record.represented:
        remark = [person.reason] if person.reason else []
        if person.written_input:
            remark.append(words("written_input", text=person.written_input))
        rows.append(
            [
                plain(person.name),
                plain(person.department),
                plain(words.enum(person.role)),
                plain(words("represented", proxy=person.proxy)),
                lines([plain(r) for r in remark]),
            ]
        )
    for person in record.absent:
        remark = [person.reason] if person.reason else []
        if person.written_input:
            remark.append(words("written_input", text=person.written_input))
        rows.append(
            [
                plain(person.name),
                plain(person.department),
                plain(words.enum(person.role)),
                plain(words(person.attendance)),
                lines([plain(r) for r in remark]),
            ]
        )
    for person in record.not_recorded:
        rows.append(
            [
                plain(person.name),
                plain(person.department),
                plain(words.enum(person.role)),
                plain(words("not_recorded")),
                [],
            ]
        )
    blocks: list[Block] = []
    if rows:
        headers = [words("person"), words("department"), words("role"), words("presence"), words("remark")]
        blocks += [Heading(3, plain(words("attendance"))), Table(headers, rows, wide={4}, kind="attendance")]
    if record.speakers:
        spoken = [
            words("spoke_time", name=s.name, time=f"{s.count // 60}:{s.count % 60:02d}")
            if s.counted == "seconds"
            else words("spoke_lines", name=s.name, count=s.count)
            if s.counted == "lines"
            else words("spoke_note" if s.count == 1 else "spoke_notes", name=s.name, count=s.count)
            for s in record.speakers
        ]
        blocks.append(Paragraph(labelled(words("spoke"), plain(words.join(spoken)), words("colon"))))
    return blocks


# -- 2. agenda and discussion ----------------------------------------------------------


def _planned(topic: TopicEntry, words: Labels) -> str:
    """Planned minutes, with any minutes added or removed live."""
    planned = words.minutes(topic.planned_minutes)
    extra = topic.timebox_minutes - topic.planned_minutes
    return f"{planned}{words('extra', extra=f'{extra:+d}')}" if extra else planned


def _agenda(minutes: Minutes, words: Labels) -> list[Block]:
    totals = minutes.totals
    rows = [
        [
            plain(str(t.number)),
            plain(t.title),
            plain(t.owner),
            plain(_planned(t, words)),
            plain(words.minutes(t.actual_minutes)),
            plain(words(f"outcome_{t.outcome}")),
        ]
        for t in minutes.topics
    ]
    headers = [words("no"), words("topic"), words("owner"), words("planned"), words("actual"), words("outcome")]
    footer: list[Rich] = [
        [Strong(words("total"))],
        [],
        [],
        [Strong(words.minutes(totals.planned_minutes))],
        [Strong(words.minutes(totals.actual_minutes))],
        [],
    ]
    blocks: list[Block] = [Heading(2, plain(words("agenda")))]
    if rows:
        blocks.append(
            Table(headers, rows, numeric={0, 3, 4}, wide={1}, footer=footer, kind="agenda", short={0, 3, 4, 5})
        )
    blocks.append(
        Paragraph(
            plain(
                words(
                    "meeting_time",
                    elapsed=words.minutes(totals.meeting_elapsed_minutes),
                    planned=words.minutes(totals.meeting_planned_minutes),
                )
            )
        )
    )
    return blocks


def _note(note: NoteEntry, words: Labels) -> Rich:
    """A note's text (a link shows its caption), credited to its author; a private one is marked."""
    body: Rich = [Text(note.text)]
    if note.url:
        stripped = note.text.strip()
        caption = stripped[len(note.url) :].strip() if stripped.startswith(note.url) else ""
        body = [Link(caption or note.url, note.url)]
    mark = [Text(words("private_tag"))] if note.private else []
    credit = [Text(words("aside", text=note.author))] if note.author else []
    return [*mark, *body, *credit]


def _side(note: NoteEntry, words: Labels) -> Rich:
    mark = [Text(words("private_tag"))] if note.private else []
    if not note.author:  # typed by the note-taker: whose view it is, is in its words
        return [*mark, Text(note.text)]
    return [*mark, Text(words("side", who=note.author, view=note.text))]


def _decision_lines(decision: DecisionEntry, words: Labels) -> list[Rich]:
    colon = words("colon")
    out: list[Rich] = [plain(decision.text)]
    facts = [words("version", version=decision.version)]
    if decision.state.value != "locked":
        facts.append(words.enum(decision.state))
    if decision.locked_at:
        facts.append(words("locked_line", time=words.time(decision.locked_at), by=decision.locked_by or "—"))
    if decision.decision_maker:
        facts.append(words("maker_line", maker=decision.decision_maker))
    if decision.escalated_to:
        facts.append(words("escalated_line", to=decision.escalated_to))
    if decision.amends_version:
        facts.append(words("amends", version=decision.amends_version))
        if decision.amend_reason:
            facts.append(words("amend_reason", reason=decision.amend_reason))
    out.append(plain(words("facts_sep").join(facts)))
    for objection in decision.objections:
        said = words(
            "objected_to" if objection.objected_text else "objection",
            who=objection.who,
            time=words.time(objection.at),
            why=objection.why,
            text=objection.objected_text,
        )
        settled = words("resolution", resolution=words.resolution(objection.resolution))
        out.append([*labelled(words("objections"), plain(said), colon), BR, Text(settled)])
    if decision.vote:
        vote = decision.vote
        tally = words(
            "vote_line",
            for_=vote.in_favour,
            against=vote.against,
            abstain=vote.abstain,
            outcome=words("carried") if vote.carried else words("failed"),
        )
        out.append(labelled(words("vote"), plain(tally), colon))
    return out


def _discussion_blocks(discussion: Discussion, words: Labels) -> list[Block]:
    """Notes by kind (agreed, info, idea, link), disagreements with each side, open questions."""
    blocks: list[Block] = []
    for kind in POINT_KINDS:
        notes = [n for n in discussion.points if n.kind is kind]
        if notes:
            blocks += [Paragraph(title(words(f"kind_{kind.value}"), words)), Bullets([_note(n, words) for n in notes])]
    if discussion.disagreements:
        blocks += [
            Paragraph(title(words("disagreements"), words)),
            Bullets([_side(n, words) for n in discussion.disagreements]),
        ]
    if discussion.questions:
        blocks += [
            Paragraph(title(words("questions"), words)),
            Bullets([_note(n, words) for n in discussion.questions]),
        ]
    return blocks


def _details(minutes: Minutes, words: Labels) -> list[Block]:
    """Each topic's discussion as its own section: facts, notes by kind, the decision, other versions."""
    colon = words("colon")
    blocks: list[Block] = []
    for topic in minutes.topics:
        blocks.append(Heading(3, plain(words("topic_heading", number=topic.number, title=topic.title))))
        facts = [labelled(words("state"), plain(words.enum(topic.state)), colon)]
        if topic.owner:
            facts.append(labelled(words("owner"), plain(topic.owner), colon))
        if topic.goal:
            facts.append(labelled(words("topic_goal"), plain(topic.goal), colon))
        if topic.expected_output:
            facts.append(labelled(words("expected_output"), plain(topic.expected_output), colon))
        blocks.append(Paragraph(lines(facts)))
        blocks += _discussion_blocks(topic.discussion, words)
        if topic.decision is not None:
            blocks.append(Paragraph(title(words("decision"), words)))
            blocks.append(Bullets(_decision_lines(topic.decision, words)))
        if topic.other_versions:
            blocks.append(Paragraph(title(words("other_versions"), words)))
            blocks.append(Bullets([lines(_decision_lines(d, words)) for d in topic.other_versions]))
    if not minutes.general.empty:
        blocks.append(Heading(3, plain(words("general"))))
        blocks += _discussion_blocks(minutes.general, words)
    if not minutes.after_end.empty:
        blocks.append(Heading(3, plain(words("after_end"))))
        blocks += _discussion_blocks(minutes.after_end, words)
    return blocks


# -- 3. action tracking, 4. parking lot, 5. risks ------------------------------------------


def progress_notes(action: ActionEntry, words: Labels) -> list[str]:
    """The whole progress log, oldest first ("11-20 11:19 Blocked: waiting for Tom (王芳)")."""
    out: list[str] = []
    # a delay's reason is logged with the move, which may add what else changed ("…; due 11-27 → 12-11")
    logged = any(
        entry.note == action.progress or entry.note.startswith(action.progress + "; ") for entry in action.progress_log
    )
    if action.progress and not logged:
        out.append(action.progress)
    for entry in action.progress_log:
        line = words("log_entry", at=words.moment(entry.at), status=words.enum(entry.status))
        if entry.note:
            line += words("colon") + entry.note
        if entry.by:
            line += words("aside", text=entry.by)
        out.append(line)
    return out


def owner_cell(action: ActionEntry, words: Labels, *, narrow: bool = False) -> Rich:
    """The owner with their department (narrow: on the next line), and the co-owners on a line of their own."""
    owner = owner_name(action.owner, words)
    if narrow and action.department:
        parts = [plain(owner), plain(words("aside", text=action.department).strip())]
    else:
        parts = [plain(who(owner, action.department, words))]
    if action.co_owners:
        parts.append(labelled(words("co_owners"), plain(words.join(action.co_owners)), words("colon")))
    return lines(parts)


def status_cell(action: ActionEntry, words: Labels) -> Rich:
    status: Rich = plain(words.enum(action.status))
    return lines([status, [Strong(words("to_confirm"))]]) if action.to_confirm else status


def _actions(minutes: Minutes, words: Labels, *, narrow: bool) -> list[Block]:
    blocks: list[Block] = [Heading(2, plain(words("actions")))]
    if not minutes.actions:
        return [*blocks, Paragraph(plain(words("no_actions")))]
    colon = words("colon")
    if narrow:
        headers = [
            words("no"),
            words("id"),
            words("task"),
            words("owner"),
            words("due"),
            words("priority"),
            words("status"),
        ]
        rows = []
        for a in minutes.actions:
            task = [plain(a.task)]
            if a.deliverable:
                task.append(labelled(words("deliverable"), plain(a.deliverable), colon))
            if a.to_confirm:
                task.append([Strong(words("to_confirm"))])
            notes = progress_notes(a, words)
            if notes:
                task.append(title(words("progress"), words))
                task += [plain(words("bullet", text=note)) for note in notes]
            rows.append(
                [
                    plain(str(a.number)),
                    plain(a.id),
                    lines(task),
                    owner_cell(a, words, narrow=True),
                    plain(words.short_date(a.due)),
                    plain(words.enum(a.priority)),
                    plain(words.enum(a.status)),
                ]
            )
        return [*blocks, Table(headers, rows, numeric={0}, wide={2}, kind="actions", short={0, 1, 4, 5})]
    headers = [
        words("no"),
        words("id"),
        words("task"),
        words("owner"),
        words("due"),
        words("deliverable"),
        words("priority"),
        words("status"),
        words("progress"),
    ]
    rows = [
        [
            plain(str(a.number)),
            plain(a.id),
            plain(a.task),
            owner_cell(a, words),
            plain(words.short_date(a.due)),
            plain(a.deliverable),
            plain(words.enum(a.priority)),
            status_cell(a, words),
            lines([plain(note) for note in progress_notes(a, words)]),
        ]
        for a in minutes.actions
    ]
    return [*blocks, Table(headers, rows, numeric={0}, wide={2, 5, 8}, kind="actions", short={0, 1, 4, 6})]


def _parking(minutes: Minutes, words: Labels) -> list[Block]:
    blocks: list[Block] = [Heading(2, plain(words("parking")))]
    if not minutes.parking_lot:
        return [*blocks, Paragraph(plain(words("no_parking")))]
    headers = [
        words("no"),
        words("item_text"),
        words("topic_no"),
        words("raised_by"),
        words("owner"),
        words("due"),
        words("parking_became"),
    ]
    rows = [
        [
            plain(str(i)),
            plain(p.text),
            plain(str(p.topic_number) if p.topic_number else "—"),
            plain(p.raised_by or "—"),
            plain(p.owner or words("unassigned")),
            plain(words.short_date(p.due)),
            plain(became(p, words)),
        ]
        for i, p in enumerate(minutes.parking_lot, 1)
    ]
    return [*blocks, Table(headers, rows, numeric={0, 2}, wide={1, 6}, kind="parking", short={0, 2, 5})]


def became(entry: ParkingEntry, words: Labels) -> str:
    """What became of a parked item, in words: "action item a1 (王芳, 2026-12-04 Fri)", "decided: …", "open"."""
    if entry.outcome == "action":
        if entry.action_due:
            return words(
                "became_action", id=entry.action_id, owner=entry.action_owner, due=words.short_date(entry.action_due)
            )
        return words("became_action_no_due", id=entry.action_id, owner=entry.action_owner)
    if entry.outcome == "decided":
        return words("became_decided", decision=entry.decision)
    return words(f"became_{entry.outcome.replace('-', '_')}")


def _risks(minutes: Minutes, words: Labels) -> list[Block]:
    blocks: list[Block] = [Heading(2, plain(words("risks")))]
    if not minutes.risks:
        return [*blocks, Paragraph(plain(words("no_risks")))]
    headers = [words("no"), words("risk"), words("contingency"), words("raised_by"), words("topic_no")]
    rows = [
        [
            plain(str(i)),
            plain(r.text),
            plain(r.contingency_owner or words("unassigned")),
            plain(r.raised_by or "—"),
            plain(str(r.topic_number) if r.topic_number else "—"),
        ]
        for i, r in enumerate(minutes.risks, 1)
    ]
    return [*blocks, Table(headers, rows, numeric={0, 4}, wide={1}, kind="risks", short={0, 4})]
