"""Commands about meetings as a whole: ``new``, ``list``, ``show``, ``check``, ``import``."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from ..core.errors import MeetuiError
from ..core.text import table
from .common import (
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

# the values of MeetingKind, spelled out so that building the parser loads no models
MEETING_KINDS = ["kickoff", "stage-review", "problem-solving", "requirements-handoff", "alignment", "retrospective",
                 "other"]


def register(commands: argparse._SubParsersAction) -> None:
    new = commands.add_parser("new", help="create a meeting and print its id")
    new.add_argument("title", metavar="TITLE")
    new.add_argument("--agenda", metavar="FILE", help="a TOML or JSON agenda file (see data/agendas/)")
    new.add_argument("--at", metavar="WHEN", help='start time, e.g. "2026-12-01 10:00" or "2026-12-01T10:00+08:00"')
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

    importer = commands.add_parser("import", help="import an agenda file as a new meeting")
    importer.add_argument("file", metavar="FILE")
    importer.add_argument("--format", choices=["agenda"], default="agenda")
    add_data_arg(importer)
    importer.set_defaults(handler=cmd_import)


def _parse_when(text: str, zone: str) -> str:
    """A start time typed on the command line; without an offset it is local time in ``zone``."""
    import datetime as dt

    import pendulum

    from ..core.clock import to_pendulum, zone_checked

    zone = zone_checked(zone)  # an agenda's unknown zone is named as such, not blamed on the time
    try:
        moment = pendulum.parse(text, tz=zone, strict=False, exact=True)  # exact: a bare date stays a date
    except Exception:  # pendulum's parser raises several kinds of error for text it cannot read
        moment = None
    if not isinstance(moment, dt.datetime):  # unreadable, or a date, a time or a duration ("P1D")
        raise MeetuiError(f"cannot read the start time {text!r}: use a date and time, e.g. \"2026-12-01 10:00\"")
    return to_pendulum(moment, zone).isoformat()


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
        fields["scheduled_start"] = _parse_when(args.at, zone)
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

    store = store_from(args)
    fields = read_agenda(args.file)
    title = fields.pop("title", "")
    if not title:
        raise MeetuiError(f"{args.file}: the agenda has no title")
    return _create(store, new_meeting(title, clock(), **fields))


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
    if args.json:
        print_json([{k: v for k, v in s.__dict__.items() if k != "actions"}
                    | {"open_actions": s.open_actions}
                    for s in summaries])
        return 0
    if not summaries:
        say("no meetings yet: `meetui new TITLE` creates one, `meetui demo` shows a sample")
        return 0
    rows = []
    for s in summaries:
        when = in_zone(s.sort_time, s.timezone).strftime("%Y-%m-%d %H:%M")
        rows.append([s.id, when, s.status, str(s.open_actions), s.title])
    fit_column(rows, headers := ["ID", "WHEN", "STATUS", "OPEN", "TITLE"], 4)
    print(table(rows, headers))
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from ..core.clock import in_zone

    meeting = load_meeting(store_from(args, reading=True), args.meeting)
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

    meeting = load_meeting(store_from(args, reading=True), args.meeting)
    warnings = agenda_warnings(meeting)
    for warning in warnings:
        print(f"warning: {warning}")
    if not warnings:
        say(f"{meeting.title}: the agenda passes every check")
    return 1 if warnings else 0
