"""Commands about meetings as a whole: ``new``, ``list``, ``show``, ``check``, ``import``."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from ..core.errors import MeetuiError
from ..core.text import table
from .common import (
    UsageError,
    add_data_arg,
    add_meeting_arg,
    clock,
    fit_column,
    load_meeting,
    print_json,
    say,
    store_from,
)

if TYPE_CHECKING:
    from ..core.models import Meeting
    from ..store import Store

#: The commands :func:`register` adds.
COMMANDS = ("new", "list", "show", "check", "import")


def register(commands: argparse._SubParsersAction) -> None:
    from .prepare_cmd import add_detail_args

    new = commands.add_parser("new", help="create a meeting and print its id")
    new.add_argument("title", metavar="TITLE", help='the title ("" to take the --agenda file\'s)')
    new.add_argument(
        "--agenda", metavar="FILE", help="an agenda file: TOML, JSON, YAML or Markdown (see data/agendas/)"
    )
    add_detail_args(new)
    new.add_argument(
        "--lang",
        choices=["en", "zh"],
        help="the language of the kind's template (default: Chinese for a Chinese title)",
    )
    new.add_argument(
        "--follow-up",
        metavar="MEETING",
        help="carry over this earlier meeting's attendees, open action items and parking lot",
    )
    add_data_arg(new)
    new.set_defaults(handler=cmd_new)

    listing = commands.add_parser("list", help="meetings, newest first")
    listing.add_argument("--json", action="store_true", help="machine-readable output")
    add_data_arg(listing)
    listing.set_defaults(handler=cmd_list)

    show = commands.add_parser("show", help="one meeting's details")
    add_meeting_arg(show)
    show.add_argument("--json", action="store_true", help="the whole meeting as JSON")
    add_data_arg(show)
    show.set_defaults(handler=cmd_show)

    check = commands.add_parser("check", help="the agenda checks of the practice; exit 1 on any warning")
    add_meeting_arg(check)
    check.add_argument("--lang", choices=["en", "zh"], help="language of the messages (default: the meeting's)")
    check.add_argument("--json", action="store_true", help="the findings as JSON (code, level, field, message, reason)")
    add_data_arg(check)
    check.set_defaults(handler=cmd_check)

    importer = commands.add_parser("import", help="import an agenda file or a MeetBot IRC log as a new meeting")
    importer.add_argument("file", metavar="FILE")
    importer.add_argument(
        "--format",
        choices=["agenda", "meetbot"],
        default=None,
        help="the file's format (default: a MeetBot log if it clearly is one, else an agenda)",
    )
    importer.add_argument("--zone", metavar="ZONE", default="UTC", help="a MeetBot log's time zone (default UTC)")
    importer.add_argument("--date", metavar="YYYY-MM-DD", help="a MeetBot log's date (default: from its file name)")
    add_data_arg(importer)
    importer.set_defaults(handler=cmd_import)


def parse_start(text: str, zone: str) -> str:
    """A start time typed on the command line (the words of :func:`meetui.core.dates.parse_when`: "fri 14:00",
    "明天 10:00", "2026-12-01 10:00"…); without an offset it is local time in ``zone``."""
    from ..core.clock import in_zone, zone_checked
    from ..core.dates import parse_when

    zone = zone_checked(zone)  # an agenda's unknown zone is named as such, not blamed on the time
    return parse_when(text, in_zone(clock().now(), zone).date(), zone).isoformat()


def cmd_new(args: argparse.Namespace) -> int:
    """Create a meeting: the kind's template, then the agenda file, then a follow-up's carry-over, then options."""
    from ..core.checks import meeting_lang
    from ..core.meeting import new_meeting
    from ..core.models import Meeting
    from ..core.planning import Plan, follow_up_fields
    from ..importers.agenda import read_agenda

    store = store_from(args)
    wall = clock()
    # the file's start must be to come, unless --at replaces it (checked in its turn, below)
    fields = read_agenda(args.agenda, wall.tz, None if args.at else wall.now()) if args.agenda else {}
    title = args.title.strip() or str(fields.pop("title", "")).strip()
    fields.pop("title", None)
    carried: dict = {}
    if args.follow_up:
        carried = follow_up_fields(load_meeting(store, args.follow_up))
    roles: list[dict[str, str]] = []
    kind = args.kind or fields.get("kind")
    if args.kind:
        from ..importers.templates import find_template

        template = find_template(args.kind)
        lang = args.lang or meeting_lang(Meeting.model_construct(title=title, goal=""))
        seeded = template.meeting_fields(lang, fields.get("attendees") or carried.get("attendees"))
        roles = template.roles_to_invite(lang)
        if fields.get("topics"):  # the agenda file's own topics win over the template's
            seeded.pop("topics")
        fields = {**seeded, **fields, "kind": template.kind}
    elif kind:
        fields["kind"] = kind
    if carried:
        topics = [*carried.pop("topics"), *fields.get("topics", [])]
        fields = {**carried, **{k: v for k, v in fields.items() if v not in ("", None, [])}, "topics": topics}
    meeting = new_meeting(title, wall, timezone=fields.pop("timezone", None) or wall.tz, **fields)
    details = _detail_options(args, meeting.timezone)
    if details:
        Plan(meeting, clock=wall).set_details(**details)  # a start that has passed is refused
    code = _create(store, meeting)
    if roles:
        say("invite: " + "; ".join(f"{r['role']} ({r['who']})" if r.get("who") else r["role"] for r in roles))
    return code


def _detail_options(args: argparse.Namespace, zone: str) -> dict:
    from .prepare_cmd import detail_values

    return detail_values(args, zone)


def cmd_import(args: argparse.Namespace) -> int:
    from ..core.meeting import new_meeting
    from ..importers.agenda import read_agenda

    store = store_from(args)
    if args.format == "meetbot" or (args.format is None and _is_meetbot(args.file)):
        return _import_meetbot(args)
    wall = clock()
    fields = read_agenda(args.file, wall.tz)  # an import may be of a meeting already held: any start is kept
    title = fields.pop("title", "")
    if not title:
        raise MeetuiError(f"{args.file}: the agenda has no title")
    meeting = new_meeting(title, wall, **fields)
    code = _create(store, meeting)
    if meeting.scheduled_start is not None and meeting.scheduled_start < wall.now():
        say(f"note: its start has passed; `meetui edit {meeting.id} --at WHEN` sets a new one")
    return code


def _is_meetbot(file: str) -> bool:
    """``--format`` left out: a file that clearly is a MeetBot log (an unreadable one is the agenda reader's)."""
    from pathlib import Path

    from ..importers.meetbot import looks_like_meetbot, read_text

    try:
        return looks_like_meetbot(read_text(Path(file)))
    except MeetuiError:
        return False


def _import_meetbot(args: argparse.Namespace) -> int:
    import datetime as dt

    from ..importers.meetbot import import_meetbot

    try:
        day = dt.date.fromisoformat(args.date) if args.date else None
    except ValueError:
        raise UsageError(f"--date {args.date!r}: use YYYY-MM-DD, e.g. 2021-03-15") from None
    meeting = import_meetbot(args.file, zone=args.zone, date=day, warnings=lambda message: say(f"warning: {message}"))
    return _create(store_from(args), meeting)


def _create(store: Store, meeting: Meeting) -> int:
    """Store a new meeting and print its id (the data); say where it went (a message).

    The meeting file is the truth: when only the index could not be written, the meeting is created and a
    warning says the index will be rebuilt.
    """
    from ..store.files import header_problem

    problem = header_problem(meeting.header())
    if problem:  # what the store would refuse to read back (a start in the year 9999…)
        raise MeetuiError(f"cannot create {meeting.title!r}: {problem}")
    store.create(meeting)
    print(meeting.id)
    say(f"created {meeting.title!r} in {store.root}")
    for warning in store.warnings:
        say(f"warning: {warning}")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from ..core.clock import in_zone

    store = store_from(args, reading=True)
    summaries = store.summaries()
    for problem in store.unreadable:
        say(f"warning: skipped {problem}")
    for problem in store.warnings:
        say(f"warning: {problem}")
    if args.json:
        print_json([s.listing() for s in summaries])
        return 0
    if not summaries:
        say("no meetings yet: `meetui new TITLE` creates one, `meetui demo` shows a sample")
        return 0
    rows = []
    for s in summaries:
        when = in_zone(s.sort_time, s.timezone).strftime("%Y-%m-%d %H:%M")
        rows.append([s.id, when, s.shown_status, str(s.own_open), s.title])
    fit_column(rows, headers := ["ID", "WHEN", "STATUS", "OPEN", "TITLE"], 4)
    print(table(rows, headers))
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from ..core.clock import in_zone

    meeting = load_meeting(store_from(args, reading=True), args.meeting)
    if args.json:
        print_json(meeting.model_dump(mode="json"))
        return 0
    start = (
        in_zone(meeting.scheduled_start, meeting.timezone).strftime("%Y-%m-%d %H:%M")
        if meeting.scheduled_start
        else "not scheduled"
    )
    lines = [
        f"{meeting.title}  [{meeting.id}]",
        f"  kind: {meeting.kind.value}   status: {meeting.status.value}   urgent: {'yes' if meeting.urgent else 'no'}",
        f"  when: {start} ({meeting.timezone}), {meeting.planned_minutes} min",
        *(
            [f"  held: {in_zone(meeting.clock[0].start, meeting.timezone):%Y-%m-%d %H:%M} (the clock's first start)"]
            if meeting.clock
            else []
        ),
        f"  place: {meeting.place or '-'}",
        f"  host: {meeting.host or '-'}   note-taker: {meeting.note_taker or '-'}",
        f"  goal: {meeting.goal or '-'}",
    ]
    if meeting.materials:
        lines.append(f"  materials: {'; '.join(str(m) for m in meeting.materials)}")
    if meeting.notes_to_attendees:
        lines.append(f"  notes: {' '.join(meeting.notes_to_attendees.split())}")
    lines.append("")
    sys.stdout.write("\n".join(lines) + "\n")
    rows = [
        [a.name, a.department, a.role.value, a.attendance.value, a.proxy or a.absence_reason] for a in meeting.attendees
    ]
    headers = ["ATTENDEE", "DEPARTMENT", "ROLE", "ATTENDANCE", "PROXY / REASON"]
    if any(a.lines_said is not None for a in meeting.attendees):  # counted in an imported MeetBot log
        rows = [
            [*row, "-" if a.lines_said is None else str(a.lines_said)]
            for row, a in zip(rows, meeting.attendees, strict=True)
        ]
        headers.append("LINES")
    if rows:
        print(table(rows, headers))
        print()
    rows = [[str(i), t.title, t.owner, str(t.timebox_minutes), t.state.value] for i, t in enumerate(meeting.agenda, 1)]
    if rows:
        print(table(rows, ["#", "TOPIC", "OWNER", "MIN", "STATE"]))
        print()
    from ..export.actions import owner_shown

    rows = [
        [
            a.id,
            a.task,
            ", ".join([owner_shown(a.owner), *a.co_owners]),
            a.due.isoformat() if a.due else "-",
            a.status.value,
        ]
        for a in meeting.actions
    ]  # the owner first, then any co-owners
    if rows:
        print(table(rows, ["ACTION", "TASK", "OWNER", "DUE", "STATUS"]))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    """Print the findings (warnings, then hints, each with the practice's reason); exit 1 on any warning."""
    from ..core.checks import check, meeting_lang, warnings_of

    meeting = load_meeting(store_from(args, reading=True), args.meeting)
    lang = args.lang or meeting_lang(meeting)
    findings = check(meeting, clock().now(), lang)
    if args.json:
        print_json([f.as_dict() for f in findings])
    else:
        words = {"warning": "警告" if lang == "zh" else "warning", "hint": "提示" if lang == "zh" else "hint"}
        why = "原因" if lang == "zh" else "why"
        for finding in findings:
            print(f"{words[finding.level]}: {finding.message}")
            print(f"  {why}: {finding.reason}")
        if not findings:
            say(f"{meeting.title}: " + ("议程通过了所有检查" if lang == "zh" else "the agenda passes every check"))
        elif not warnings_of(findings):
            say(
                f"{meeting.title}: "
                + (f"没有警告，{len(findings)} 条提示" if lang == "zh" else f"no warnings, {len(findings)} hint(s)")
            )
    return 1 if warnings_of(findings) else 0
