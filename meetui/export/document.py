"""The minutes laid out once as a small document tree, for every text format.

:func:`layout` turns :class:`~meetui.export.minutes_model.Minutes` and a
language's :class:`~meetui.export.labels.Labels` into headings, paragraphs,
bullet lists and tables whose cells are runs of inline text. The Markdown,
HTML and plain-text renderers only serialise this tree, each escaping user
text its own way, so the three always show the same content.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .labels import Labels
from .minutes_model import DecisionEntry, Discussion, Minutes, NoteEntry, TopicEntry


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
    kind: str = ""  # "facts" for a two-column item/details table


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
    """The whole minutes as blocks.

    For plain text the tables stay narrow: the discussion moves from the
    agenda table to the topic details, and an action item's deliverable and
    progress go under its task.
    """
    blocks: list[Block] = [Heading(1, plain(words("title", title=minutes.title)))]
    if minutes.draft:
        blocks.append(Paragraph([Strong(words("draft"))], style="draft"))
    blocks += _basic(minutes, words)
    blocks += _attendance(minutes, words)
    blocks += _agenda(minutes, words, in_table=not plain_text)
    blocks += _details(minutes, words, in_table=not plain_text)
    blocks += _actions(minutes, words, narrow=plain_text)
    blocks += _parking(minutes, words)
    blocks += _risks(minutes, words)
    blocks.append(Heading(2, plain(words("checkpoint"))))
    checkpoint = words.date(minutes.next_checkpoint) if minutes.next_checkpoint else words("no_checkpoint")
    blocks.append(Paragraph(plain(checkpoint)))
    stamp = words.stamp(minutes.generated_at)
    blocks.append(Paragraph(plain(words("footer", time=stamp, zone=minutes.timezone, id=minutes.meeting_id)),
                            style="footer"))
    return blocks


def _basic(minutes: Minutes, words: Labels) -> list[Block]:
    when = words("none")
    if minutes.start is not None:
        if minutes.end is not None:
            when = f"{words.time(minutes.start)}–{words.time(minutes.end)}"
        else:
            when = words("in_progress", start=words.time(minutes.start))
        when += words("zone", zone=minutes.timezone)
    rows: list[list[Rich]] = [
        [plain(words("name")), plain(minutes.title)],
        [plain(words("kind")), plain(words.enum(minutes.kind))],
        [plain(words("date")), plain(words.date(minutes.date) if minutes.date else words("none"))],
        [plain(words("time")), plain(when)],
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
    parts = [plain(f"{dept}{words('colon')}{words.join(names)}" if dept else words.join(names))
             for dept, names in departments.items()]
    if minutes.attendance.not_recorded:
        names = words.join([p.name for p in minutes.attendance.not_recorded])
        parts.append(plain(f"{words('not_recorded')}{words('colon')}{names}"))
    return lines(parts) or plain(words("none"))


def _who(name: str, department: str, words: Labels) -> str:
    if not department:
        return name
    return f"{name}（{department}）" if words.lang == "zh" else f"{name} ({department})"


def _absentee_summary(minutes: Minutes, words: Labels) -> Rich:
    parts: list[Rich] = []
    for person in minutes.attendance.absent:
        reason = person.reason or words(person.attendance)
        parts.append(plain(f"{_who(person.name, person.department, words)}{words('colon')}{reason}"))
    for person in minutes.attendance.represented:
        details = [person.reason] if person.reason else []
        details.append(words("proxy_note", proxy=person.proxy))
        sep = "；" if words.lang == "zh" else "; "
        parts.append(plain(f"{_who(person.name, person.department, words)}{words('colon')}{sep.join(details)}"))
    return lines(parts) or plain(words("none"))


def _attendance(minutes: Minutes, words: Labels) -> list[Block]:
    record = minutes.attendance
    rows: list[list[Rich]] = []
    for person in record.present:
        rows.append([plain(person.name), plain(person.department), plain(words.enum(person.role)),
                     plain(words("present")), []])
    for person in record.represented:
        remark = [person.reason] if person.reason else []
        if person.written_input:
            remark.append(words("written_input", text=person.written_input))
        rows.append([plain(person.name), plain(person.department), plain(words.enum(person.role)),
                     plain(words("represented", proxy=person.proxy)), lines([plain(r) for r in remark])])
    for person in record.absent:
        remark = [person.reason] if person.reason else []
        if person.written_input:
            remark.append(words("written_input", text=person.written_input))
        rows.append([plain(person.name), plain(person.department), plain(words.enum(person.role)),
                     plain(words(person.attendance)), lines([plain(r) for r in remark])])
    for person in record.not_recorded:
        rows.append([plain(person.name), plain(person.department), plain(words.enum(person.role)),
                     plain(words("not_recorded")), []])
    if not rows:
        return []
    headers = [words("person"), words("department"), words("role"), words("presence"), words("remark")]
    return [Heading(3, plain(words("attendance"))), Table(headers, rows, wide={4})]


def _point(note: NoteEntry, words: Labels, *, author: bool) -> Rich:
    tag = f"【{words.enum(note.kind)}】" if words.lang == "zh" else f"[{words.enum(note.kind)}] "
    body: Rich = [Text(note.text)]
    if note.url:
        caption = note.text.strip()[len(note.url):].strip() if note.text.strip().startswith(note.url) else ""
        body = [Link(caption or note.url, note.url)]
    who = f"（{note.author}）" if words.lang == "zh" else f" ({note.author})"
    return [Text(tag), *body, *([Text(who)] if author and note.author else [])]


def _side(note: NoteEntry, words: Labels) -> Rich:
    return plain(words("side", who=note.author or words("unassigned"), view=note.text))


def _conclusion(topic: TopicEntry, words: Labels) -> Rich:
    decision = topic.decision
    if decision is None:
        return plain(words("no_decision") if topic.state.value == "done" else words.enum(topic.state))
    if decision.state.value == "locked":
        return plain(decision.text)
    return plain(f"{decision.text} ({words.enum(decision.state)})" if words.lang == "en"
                 else f"{decision.text}（{words.enum(decision.state)}）")


def _discussion_cell(topic: TopicEntry, words: Labels) -> Rich:
    colon = words("colon")
    parts: list[Rich] = []
    if topic.discussion.points:
        parts.append(title(words('points'), words))
        parts += [_point(n, words, author=False) for n in topic.discussion.points]
    if topic.discussion.disagreements:
        parts.append(title(words('disagreements'), words))
        parts += [_side(n, words) for n in topic.discussion.disagreements]
    parts.append(labelled(words("conclusion"), _conclusion(topic, words), colon))
    return lines(parts)


def _planned(topic: TopicEntry, words: Labels) -> str:
    """Planned minutes, with any minutes added or removed live."""
    planned = words.minutes(topic.planned_minutes)
    extra = topic.timebox_minutes - topic.planned_minutes
    return f"{planned}{words('extra', extra=f'{extra:+d}')}" if extra else planned


def _agenda(minutes: Minutes, words: Labels, *, in_table: bool) -> list[Block]:
    totals = minutes.totals
    rows: list[list[Rich]] = []
    for topic in minutes.topics:
        discussion = [_discussion_cell(topic, words)] if in_table else []
        rows.append([plain(str(topic.number)), plain(topic.title), *discussion, plain(topic.owner),
                     plain(_planned(topic, words)), plain(words.minutes(topic.actual_minutes))])
    headers = [words("no"), words("topic"), *([words("discussion")] if in_table else []), words("owner"),
               words("planned"), words("actual")]
    sums: list[Rich] = [[Strong(words.minutes(totals.planned_minutes))], [Strong(words.minutes(totals.actual_minutes))]]
    footer: list[Rich] = [[Strong(words("total"))], *([[]] if in_table else []), [], [], *sums]
    last = len(headers) - 1
    blocks: list[Block] = [Heading(2, plain(words("agenda")))]
    if rows:
        blocks.append(Table(headers, rows, numeric={0, last - 1, last}, wide={1, 2} if in_table else {1},
                            footer=footer))
    blocks.append(Paragraph(plain(words("meeting_time", elapsed=words.minutes(totals.meeting_elapsed_minutes),
                                        planned=words.minutes(totals.meeting_planned_minutes)))))
    return blocks


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
        said = words("objected_to" if objection.objected_text else "objection", who=objection.who,
                     time=words.time(objection.at), why=objection.why, text=objection.objected_text)
        settled = words("resolution", resolution=words.resolution(objection.resolution))
        out.append([*labelled(words("objections"), plain(said), colon), BR, Text(settled)])
    if decision.vote:
        vote = decision.vote
        tally = words("vote_line", for_=vote.in_favour, against=vote.against, abstain=vote.abstain,
                      outcome=words("carried") if vote.carried else words("failed"))
        out.append(labelled(words("vote"), plain(tally), colon))
    return out


def _discussion_blocks(discussion: Discussion, words: Labels, *, with_points: bool) -> list[Block]:
    blocks: list[Block] = []
    if with_points and discussion.points:
        blocks += [Paragraph(title(words('points'), words)),
                   Bullets([_point(n, words, author=True) for n in discussion.points])]
    if with_points and discussion.disagreements:
        blocks += [Paragraph(title(words('disagreements'), words)),
                   Bullets([_side(n, words) for n in discussion.disagreements])]
    if discussion.questions:
        blocks += [Paragraph(title(words('questions'), words)),
                   Bullets([_point(n, words, author=True)[1:] for n in discussion.questions])]
    return blocks


def _details(minutes: Minutes, words: Labels, *, in_table: bool) -> list[Block]:
    colon = words("colon")
    blocks: list[Block] = [Heading(3, plain(words("topic_details")))] if minutes.topics else []
    for topic in minutes.topics:
        blocks.append(Heading(4, plain(words("topic_heading", number=topic.number, title=topic.title))))
        facts = [labelled(words("state"), plain(words.enum(topic.state)), colon)]
        if topic.goal:
            facts.append(labelled(words("topic_goal"), plain(topic.goal), colon))
        if topic.expected_output:
            facts.append(labelled(words("expected_output"), plain(topic.expected_output), colon))
        blocks.append(Paragraph(lines(facts)))
        if topic.decision is not None:
            blocks.append(Paragraph(title(words('decision'), words)))
            blocks.append(Bullets(_decision_lines(topic.decision, words)))
        if topic.other_versions:
            blocks.append(Paragraph(title(words('other_versions'), words)))
            blocks.append(Bullets([lines(_decision_lines(d, words)) for d in topic.other_versions]))
        blocks += _discussion_blocks(topic.discussion, words, with_points=not in_table)
    if not minutes.general.empty:
        blocks.append(Heading(4, plain(words("general"))))
        blocks += _discussion_blocks(minutes.general, words, with_points=True)
    return blocks


def _actions(minutes: Minutes, words: Labels, *, narrow: bool) -> list[Block]:
    blocks: list[Block] = [Heading(2, plain(words("actions")))]
    if not minutes.actions:
        return [*blocks, Paragraph(plain(words("no_actions")))]
    colon = words("colon")
    if narrow:
        headers = [words("no"), words("id"), words("task"), words("owner"), words("due"), words("priority"),
                   words("status")]
        rows = []
        for a in minutes.actions:
            task = [plain(a.task)]
            if a.deliverable:
                task.append(labelled(words("deliverable"), plain(a.deliverable), colon))
            if a.progress:
                task.append(labelled(words("progress"), plain(a.progress), colon))
            rows.append([plain(str(a.number)), plain(a.id), lines(task), plain(a.owner),
                         plain(words.short_date(a.due)), plain(words.enum(a.priority)), plain(words.enum(a.status))])
        return [*blocks, Table(headers, rows, numeric={0}, wide={2})]
    headers = [words("no"), words("id"), words("task"), words("owner"), words("due"), words("deliverable"),
               words("priority"), words("status"), words("progress")]
    rows = [[plain(str(a.number)), plain(a.id), plain(a.task), plain(_who(a.owner, a.department, words)),
             plain(words.short_date(a.due)), plain(a.deliverable), plain(words.enum(a.priority)),
             plain(words.enum(a.status)), plain(a.progress)] for a in minutes.actions]
    return [*blocks, Table(headers, rows, numeric={0}, wide={2, 5, 8})]


def _parking(minutes: Minutes, words: Labels) -> list[Block]:
    blocks: list[Block] = [Heading(2, plain(words("parking")))]
    if not minutes.parking_lot:
        return [*blocks, Paragraph(plain(words("no_parking")))]
    headers = [words("no"), words("item_text"), words("topic_no"), words("raised_by"), words("owner")]
    rows = [[plain(str(i)), plain(p.text), plain(str(p.topic_number) if p.topic_number else "—"),
             plain(p.raised_by or "—"), plain(p.owner or words("unassigned"))]
            for i, p in enumerate(minutes.parking_lot, 1)]
    return [*blocks, Table(headers, rows, numeric={0, 2}, wide={1})]


def _risks(minutes: Minutes, words: Labels) -> list[Block]:
    blocks: list[Block] = [Heading(2, plain(words("risks")))]
    if not minutes.risks:
        return [*blocks, Paragraph(plain(words("no_risks")))]
    headers = [words("no"), words("risk"), words("contingency"), words("raised_by"), words("topic_no")]
    rows = [[plain(str(i)), plain(r.text), plain(r.contingency_owner or words("unassigned")),
             plain(r.raised_by or "—"), plain(str(r.topic_number) if r.topic_number else "—")]
            for i, r in enumerate(minutes.risks, 1)]
    return [*blocks, Table(headers, rows, numeric={0, 4}, wide={1})]
