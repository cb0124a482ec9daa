"""Commands about meetings as a whole: ``new``, ``list``, ``show``, ``check``, ``import``."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from ..core.errors import MeetuiError
from ..core.text import table
from .common import add_data_arg, add_meeting_arg, clock, load_meeting, print_json, say, store_from

if TYPE_CHECKING:
    import datetime as dt

    from ..core.models import Meeting
    from ..store import Store

#: The commands :func:`register` adds.
COMMANDS = ("new", "list", "show", "check", "import")

# the values of MeetingKind, spelled out so that building the parser loads no models
MEETING_KINDS = ["kickoff", "stage-review", "problem-solving", "requirements-handoff", "alignment", "retrospective",
                 "other"]


def register(commands: argparse._SubParsersAction) -> None:
    new = commands.add_parser("new", help="create a meeting and print its id")
    new.add_argument("title", metavar="TITLE")
    new.add_argument("--agenda", metavar="FILE", help="a TOML or JSON agenda file (see data/agendas/)")
    new.add_argument("--at", metavar="WHEN",
                     help='start time, e.g. "2026-12-01 10:00", "fri 10:00", "明天 下午3点", "2026-12-01T10:00+08:00"')
    new.add_argument("--minutes", type=int, metavar="N", help="planned length in minutes")
    new.add_argument("--kind", choices=MEETING_KINDS, help="the kind of meeting")
    new.add_argument("--follow-up", metavar="MEETING", help="review this earlier meeting's open action items first")
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
    add_data_arg(check)
    check.set_defaults(handler=cmd_check)

    importer = commands.add_parser("import", help="import an agenda file or a MeetBot IRC log as a new meeting")
    importer.add_argument("file", metavar="FILE")
    importer.add_argument("--format", choices=["agenda", "meetbot"], default=None,
                          help="the file's format (default: a MeetBot log if it clearly is one, else an agenda)")
    importer.add_argument("--zone", metavar="ZONE", default="UTC", help="a MeetBot log's time zone (default UTC)")
    importer.add_argument("--date", metavar="YYYY-MM-DD", help="a MeetBot log's date (default: from its file name)")
    add_data_arg(importer)
    importer.set_defaults(handler=cmd_import)


def _parse_when(text: str, zone: str, now: dt.datetime) -> str:
    """A start time typed on the command line (see meetui.core.dates.parse_when); local time in ``zone``."""
    from ..core.clock import in_zone, zone_checked
    from ..core.dates import parse_when

    zone = zone_checked(zone)  # an agenda's unknown zone is named as such, not blamed on the time
    return parse_when(text, in_zone(now, zone).date(), zone).isoformat()


def cmd_new(args: argparse.Namespace) -> int:
    from ..core.meeting import follow_up_review, new_meeting
    from ..importers.agenda import read_agenda

    store = store_from(args)
    fields = read_agenda(args.agenda) if args.agenda else {}
    title = args.title or fields.get("title", "")
    fields.pop("title", None)
    wall = clock()
    zone = fields.get("timezone") or wall.tz
    if args.at:
        fields["scheduled_start"] = _parse_when(args.at, zone, wall.now())
    if args.minutes is not None:
        fields["planned_minutes"] = args.minutes
    if args.kind:
        fields["kind"] = args.kind
    if args.follow_up:
        earlier = load_meeting(store, args.follow_up)
        fields["topics"] = [follow_up_review(earlier), *fields.get("topics", [])]
        fields["follow_up_of"] = earlier.id
    return _create(store, new_meeting(title, wall, **fields))


def cmd_import(args: argparse.Namespace) -> int:
    from ..core.meeting import new_meeting
    from ..importers.agenda import read_agenda

    if args.format == "meetbot" or (args.format is None and _is_meetbot(args.file)):
        return _import_meetbot(args)
    fields = read_agenda(args.file)
    title = fields.pop("title", "")
    if not title:
        raise MeetuiError(f"{args.file}: the agenda has no title")
    return _create(store_from(args), new_meeting(title, clock(), **fields))


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
        raise MeetuiError(f"--date {args.date!r}: use YYYY-MM-DD, e.g. 2021-03-15") from None
    meeting = import_meetbot(args.file, zone=args.zone, date=day)
    return _create(store_from(args), meeting)


def _create(store: Store, meeting: Meeting) -> int:
    """Store a new meeting and print its id (the data); say where it went (a message)."""
    store.create(meeting)
    print(meeting.id)
    say(f"created {meeting.title!r} in {store.root}")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from ..core.clock import in_zone

    store = store_from(args)
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
        rows.append([s.id, when, s.shown_status, str(s.open_actions), s.title])
    print(table(rows, ["ID", "WHEN", "STATUS", "OPEN", "TITLE"]))
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from ..core.clock import in_zone

    meeting = load_meeting(store_from(args), args.meeting)
    if args.json:
        print_json(meeting.model_dump(mode="json"))
        return 0
    start = in_zone(meeting.scheduled_start, meeting.timezone).strftime("%Y-%m-%d %H:%M") \
        if meeting.scheduled_start else "not scheduled"
    lines = [
        f"{meeting.title}  [{meeting.id}]",
        f"  kind: {meeting.kind.value}   status: {meeting.status.value}   urgent: {'yes' if meeting.urgent else 'no'}",
        f"  when: {start} ({meeting.timezone}), {meeting.planned_minutes} min",
        f"  place: {meeting.place or '-'}",
        f"  host: {meeting.host or '-'}   note-taker: {meeting.note_taker or '-'}",
        f"  goal: {meeting.goal or '-'}",
        "",
    ]
    sys.stdout.write("\n".join(lines) + "\n")
    rows = [[a.name, a.department, a.role.value, a.attendance.value, a.proxy or a.absence_reason]
            for a in meeting.attendees]
    if rows:
        print(table(rows, ["ATTENDEE", "DEPARTMENT", "ROLE", "ATTENDANCE", "PROXY / REASON"]))
        print()
    rows = [[str(i), t.title, t.owner, str(t.timebox_minutes), t.state.value] for i, t in enumerate(meeting.agenda, 1)]
    if rows:
        print(table(rows, ["#", "TOPIC", "OWNER", "MIN", "STATE"]))
        print()
    rows = [[a.id, a.task, a.owner, a.due.isoformat() if a.due else "-", a.status.value] for a in meeting.actions]
    if rows:
        print(table(rows, ["ACTION", "TASK", "OWNER", "DUE", "STATUS"]))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from ..core.checks import agenda_warnings

    meeting = load_meeting(store_from(args), args.meeting)
    warnings = agenda_warnings(meeting)
    for warning in warnings:
        print(f"warning: {warning}")
    if not warnings:
        say(f"{meeting.title}: the agenda passes every check")
    return 1 if warnings else 0
