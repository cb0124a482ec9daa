"""Tracking action items across meetings: ``actions`` and ``action``."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import TYPE_CHECKING

from ..core.errors import MeetuiError
from ..core.text import table
from .common import (
    WRITE_PREFIX,
    add_data_arg,
    bounded_text,
    clock,
    fit_column,
    print_json,
    say,
    store_from,
    writable_ref,
)

if TYPE_CHECKING:
    from ..core.models import ActionItem

#: The commands :func:`register` adds.
COMMANDS = ("actions", "action")

# the values of ActionStatus, spelled out so that building the parser loads no models
#: The longest horizon of --due-within, in days.
MAX_DAYS = 36_500
STATUSES = ["not-started", "in-progress", "done", "delayed", "blocked", "cancelled"]


def register(commands: argparse._SubParsersAction) -> None:
    listing = commands.add_parser("actions", help="action items across meetings")
    listing.add_argument("--owner", metavar="NAME",
                         help="only items this person owns or co-owns (part of the name is enough)")
    listing.add_argument("--status", choices=STATUSES, help="only items in this status")
    listing.add_argument("--overdue", action="store_true", help="only items past their due date and not done")
    listing.add_argument("--due-within", type=int, metavar="DAYS", help="only open items due in the next DAYS days")
    listing.add_argument("--format", choices=["table", "csv", "json", "ics"], default="table")
    add_data_arg(listing)
    listing.set_defaults(handler=cmd_actions)

    update = commands.add_parser("action", help="update one action item's status")
    update.add_argument("id", metavar="ID", help=f"the action item's id (as shown by `meetui actions`; at least "
                        f"{WRITE_PREFIX} characters of it)")
    update.add_argument("--status", required=True, choices=STATUSES)
    update.add_argument("--note", metavar="TEXT", default="", type=bounded_text(10_000),
                        help="progress note (at most 10,000 characters); required for delayed and blocked")
    update.add_argument("--by", metavar="NAME", default="", type=bounded_text(200, one_line=True),
                        help="who reports the update (one line, at most 200 characters)")
    add_data_arg(update)
    update.set_defaults(handler=cmd_action)


def owner_role(item: ActionItem, name: str) -> str:
    """How ``name`` (part of a name is enough) shares in an item: "owner" (负责人), "co-owner" (协助人) or ""."""
    needle = name.casefold()
    if needle in item.owner.casefold():
        return "owner"
    return "co-owner" if any(needle in helper.casefold() for helper in item.co_owners) else ""


def select(items: list[ActionItem], args: argparse.Namespace, today: dt.date) -> list[ActionItem]:
    """Apply the command's filters."""
    from ..core.models import ActionStatus

    chosen = items
    if args.owner:
        chosen = [a for a in chosen if owner_role(a, args.owner)]
    if args.status:
        chosen = [a for a in chosen if a.status.value == args.status]
    if args.overdue:
        chosen = [a for a in chosen if a.due and a.due < today and a.status is not ActionStatus.DONE]
    if args.due_within is not None:
        if args.due_within < 0:
            raise MeetuiError("--due-within takes a number of days, 0 or more")
        if args.due_within > MAX_DAYS:
            raise MeetuiError(f"--due-within takes at most {MAX_DAYS} days (a hundred years)")
        limit = today + dt.timedelta(days=args.due_within)
        chosen = [a for a in chosen if a.due and a.due <= limit and a.status is not ActionStatus.DONE]
    return sorted(chosen, key=lambda a: (a.due or dt.date.max, a.owner, a.id))


def cmd_actions(args: argparse.Namespace) -> int:
    now = clock().now()
    store = store_from(args, reading=True)
    items = select(store.all_actions(), args, now.date())
    for problem in store.unreadable:  # its action items are missing from what follows: say so
        say(f"warning: skipped {problem}")
    if args.format == "json":
        print_json([a.model_dump(mode="json") for a in items])
    elif args.format == "csv":
        import csv

        writer = csv.writer(sys.stdout)
        writer.writerow(["id", "meeting", "task", "owner", "department", "due", "deliverable", "priority", "status",
                         "reason"])
        for a in items:
            writer.writerow([a.id, a.meeting_id, a.task, a.owner, a.department, a.due or "", a.deliverable,
                             a.priority.value, a.status.value, a.reason])
    elif args.format == "ics":
        sys.stdout.write(to_ics(items, now))
    elif items:
        rows = [[a.id, a.due.isoformat() if a.due else "-", a.owner, a.status.value, a.priority.value, a.task]
                for a in items]
        headers = ["ID", "DUE", "OWNER", "STATUS", "PRIORITY", "TASK"]
        if args.owner:  # say whether the person named owns each item or helps with it
            rows = [[*row[:3], owner_role(a, args.owner), *row[3:]] for row, a in zip(rows, items, strict=True)]
            headers.insert(3, "AS")
        fit_column(rows, headers, len(headers) - 1)
        print(table(rows, headers))
    else:
        say("no action items match")
    return 0


def _ics_text(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _ics_fold(line: str) -> list[str]:
    """One content line folded into lines of at most 75 octets (RFC 5545 3.1), never inside a character."""
    parts, part, size = [], "", 0
    for char in line:
        octets = len(char.encode("utf-8"))
        if size + octets > (75 if not parts else 74):  # a continuation line starts with a space
            parts.append(part)
            part, size = "", 0
        part += char
        size += octets
    parts.append(part)
    return [parts[0], *(" " + rest for rest in parts[1:])]


def to_ics(items: list[ActionItem], now: dt.datetime) -> str:
    """The action items as an iCalendar file of to-dos (VTODO)."""
    from ..core.models import ActionStatus

    stamp = now.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    status = {ActionStatus.DONE: "COMPLETED", ActionStatus.IN_PROGRESS: "IN-PROCESS"}
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//meetui//action items//EN"]
    for a in items:
        lines += ["BEGIN:VTODO", f"UID:{a.id}@{a.meeting_id}.meetui", f"DTSTAMP:{stamp}",
                  f"SUMMARY:{_ics_text(a.task)}", f"DESCRIPTION:{_ics_text(f'Owner: {a.owner}. {a.deliverable}')}",
                  f"STATUS:{status.get(a.status, 'NEEDS-ACTION')}",
                  f"PRIORITY:{ {'high': 1, 'medium': 5, 'low': 9}[a.priority.value] }"]
        if a.due:
            lines.append(f"DUE;VALUE=DATE:{a.due.strftime('%Y%m%d')}")
        lines.append("END:VTODO")
    lines.append("END:VCALENDAR")
    return "\r\n".join(folded for line in lines for folded in _ics_fold(line)) + "\r\n"


def cmd_action(args: argparse.Namespace) -> int:
    from ..core.meeting import Change, track_action
    from ..store import MeetingBusy

    store = store_from(args)
    writable_ref(args.id, "an action item")
    matches = [a for a in store.all_actions() if a.id == args.id or a.id.startswith(args.id)]
    exact = [a for a in matches if a.id == args.id]
    if exact:
        matches = exact
    if not matches:
        raise MeetuiError(f"no action item {args.id!r} (see `meetui actions`)")
    if len(matches) > 1:
        raise MeetuiError(f"{args.id!r} matches {len(matches)} action items: type more of the id")
    meeting_id = matches[0].meeting_id
    # Held while the item changes: a process running the meeting live would write its own copy over this change.
    try:
        live_lock = store.hold_live(meeting_id)
    except MeetingBusy:
        raise MeetuiError(f"meeting {meeting_id} is being run live in another meetui process: update action item "
                          f"{matches[0].id} there, or here once the meeting is closed") from None
    try:
        meeting = store.load(meeting_id)
        item = meeting.action(matches[0].id)
        if item is None:
            raise MeetuiError(f"action item {args.id} is no longer in its meeting")
        track_action(item, args.status, clock().now(), note=args.note, by=args.by)
        store.commit(meeting, Change([item]))
    finally:
        live_lock.release()
    say(f"{item.id}: {item.status.value}" + (f" ({item.reason})" if item.reason else ""))
    return 0
