"""Following action items through from the shell: ``actions``, ``action``, ``remind`` and ``stats``.

Listings read the action items' JSON objects from the store's index (checked
there, in bulk) and build no model, so that ``actions`` on years of meetings
costs what it prints. ``action`` changes one item by the lifecycle's rules
(:mod:`meetui.core.lifecycle`); on a meeting run live in another process the
update is queued and the live screen applies it (:mod:`meetui.store.queue`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from typing import TYPE_CHECKING, Any

from ..core.errors import MeetuiError
from ..core.text import table
from .common import (
    WRITE_PREFIX,
    UsageError,
    add_data_arg,
    bounded_int,
    bounded_text,
    clock,
    fit_column,
    print_json,
    resolve,
    say,
    store_from,
    writable_ref,
)

if TYPE_CHECKING:
    from ..store import Store

#: The commands :func:`register` adds.
COMMANDS = ("actions", "action", "remind", "stats")

# the values of ActionStatus and Priority, spelled out so that building the parser loads no models
#: The longest horizon of --due-within, in days.
MAX_DAYS = 36_500
STATUSES = ["not-started", "in-progress", "done", "delayed", "blocked", "cancelled"]
#: The practice's Chinese names of the statuses (domain.md, 行动项跟踪), accepted wherever a status is typed.
CHINESE_STATUSES = {
    "未开始": "not-started",
    "进行中": "in-progress",
    "已完成": "done",
    "延期": "delayed",
    "受阻": "blocked",
    "已取消": "cancelled",
}
STATUS_HELP = (
    "not-started, in-progress, done, delayed, blocked or cancelled (or 未开始, 进行中, 已完成, 延期, 受阻, 已取消)"
)
PRIORITIES = ["high", "medium", "low"]

#: How long ``meetui action`` waits for another ``meetui action`` on the same meeting, in seconds.
SHELL_WAIT_SECONDS = 15.0
#: How long ``meetui action`` waits to see a queued update applied by the live screen, in seconds.
APPLIED_WAIT_SECONDS = 3.0

Doc = dict[str, Any]


def status_name(value: str) -> str:
    """An argparse ``type``: a status by its name or its Chinese name (``进行中`` is ``in-progress``); ``choices``
    then refuses anything else as a usage error."""
    word = value.strip()
    return CHINESE_STATUSES.get(word, word.casefold())


status_name.__name__ = "status"


def register(commands: argparse._SubParsersAction) -> None:
    listing = commands.add_parser(
        "actions",
        help="action items across meetings",
        description="Action items across meetings, soonest due first. --overdue and --due-within exit with "
        "status 1 when any item matches (for cron or a shell prompt).",
    )
    listing.add_argument(
        "--owner", metavar="NAME", help="only items this person owns or co-owns (part of the name is enough)"
    )
    listing.add_argument("--mine", action="store_true", help="only items of the user named in the config (user = …)")
    listing.add_argument(
        "--status",
        choices=[*STATUSES, "open"],
        type=status_name,
        metavar="STATUS",
        help=f"only items in this status: {STATUS_HELP}, or open (not done nor cancelled)",
    )
    listing.add_argument("--meeting", metavar="MEETING", help="only items of this meeting (id, prefix or last)")
    listing.add_argument("--overdue", action="store_true", help="only items past their due date and still open")
    listing.add_argument(
        "--due-within",
        type=bounded_int(0, MAX_DAYS),
        metavar="DAYS",
        help=f"only open items due in the next DAYS days (0 to {MAX_DAYS})",
    )
    listing.add_argument("--format", choices=["table", "csv", "json", "ics"], default="table")
    listing.add_argument(
        "--bom",
        "--excel",
        dest="bom",
        action="store_true",
        help="CSV: start with a UTF-8 byte-order mark, so that Excel reads Chinese right",
    )
    add_data_arg(listing)
    listing.set_defaults(handler=cmd_actions)

    update = commands.add_parser(
        "action",
        help="update one action item (status and fields)",
        description="Update one action item by the lifecycle's rules: not-started → in-progress → done; delayed "
        "needs --note and a later --due; blocked needs --note (what it waits on); cancelled needs "
        "--note; done records --deliverable and --accepted-by (the meeting's host by default); "
        "--status in-progress reopens a done or cancelled item.",
    )
    update.add_argument(
        "id",
        metavar="ID",
        help=f"the action item's id (as shown by `meetui actions`; at least {WRITE_PREFIX} characters of it)",
    )
    update.add_argument("--status", choices=STATUSES, type=status_name, metavar="STATUS", help=STATUS_HELP)
    update.add_argument(
        "--note",
        metavar="TEXT",
        default="",
        type=bounded_text(10_000),
        help="progress note (at most 10,000 characters); the reason for delayed, blocked and "
        "cancelled; alone, it logs progress and changes nothing else",
    )
    update.add_argument(
        "--by",
        metavar="NAME",
        default="",
        type=bounded_text(200, one_line=True),
        help="who reports the update (one line, at most 200 characters)",
    )
    update.add_argument(
        "--due",
        metavar="WHEN",
        help='new due date ("fri", "+3d", "2026-12-01", "周五"); a date already past is refused unless --past-ok',
    )
    update.add_argument(
        "--past-ok",
        action="store_true",
        help="accept a --due already past (recording a due date agreed earlier); only with --due",
    )
    update.add_argument("--owner", metavar="NAME", help="new owner (负责人)")
    update.add_argument("--co-owners", metavar="NAMES", help="new co-owners (协助人), comma-separated; '' for none")
    update.add_argument("--task", metavar="TEXT", help="new task wording")
    update.add_argument("--deliverable", metavar="TEXT", help="deliverable (text or link)")
    update.add_argument("--priority", choices=PRIORITIES)
    update.add_argument("--accepted-by", metavar="NAME", default="", help="who accepted a done item")
    add_data_arg(update)
    update.set_defaults(handler=cmd_action)

    remind = commands.add_parser(
        "remind",
        help="a digest per owner of overdue and due-soon items",
        description="Per owner, open items overdue (with days overdue) or due within two days: the practice's "
        "reminder before a due date and its follow-up of overdue items, ready for chat or mail.",
    )
    remind.add_argument("--format", choices=["txt", "md", "ics"], default="txt")
    remind.add_argument("--mine", action="store_true", help="only the user named in the config")
    add_data_arg(remind)
    remind.set_defaults(handler=cmd_remind)

    stats = commands.add_parser("stats", help="meetings held, time, decisions, action items done and on time")
    stats.add_argument("--since", metavar="DATE", help="only meetings from this date (2026-01-01)")
    stats.add_argument("--by", choices=["department", "owner"], default="department")
    stats.add_argument("--format", choices=["table", "json", "csv"], default="table")
    add_data_arg(stats)
    stats.set_defaults(handler=cmd_stats)


# -- actions --------------------------------------------------------------------------------------------


def owner_role(item: Any, name: str) -> str:
    """How ``name`` (part of a name is enough) shares in an item: "owner" (负责人), "co-owner" (协助人) or ""."""
    owner, helpers = (item["owner"], item["co_owners"]) if isinstance(item, dict) else (item.owner, item.co_owners)
    needle = name.casefold()
    if needle in owner.casefold():
        return "owner"
    return "co-owner" if any(needle in helper.casefold() for helper in helpers) else ""


def me() -> str:
    """The user named in the config, or a refusal saying how to name one."""
    from ..ui.user import configured_user

    user = configured_user()
    if not user:
        raise MeetuiError('--mine needs your name in the config file: add a line such as user = "李娜"')
    return user


def select(docs: list[Doc], args: argparse.Namespace, today: dt.date, store: Store | None = None) -> list[Doc]:
    """Apply the command's filters to action items' JSON objects, soonest due first."""
    from ..export.actions import due_date, is_open

    chosen = docs
    owner = me() if getattr(args, "mine", False) else args.owner
    if owner:
        chosen = [a for a in chosen if owner_role(a, owner)]
    if args.status == "open":
        chosen = [a for a in chosen if is_open(a)]
    elif args.status:
        chosen = [a for a in chosen if a["status"] == args.status]
    if getattr(args, "meeting", None) and store is not None:
        meeting_id = resolve(store, args.meeting)
        chosen = [a for a in chosen if meeting_id in a.get("in_meetings", [a["meeting_id"]])]
    if args.overdue:
        chosen = [a for a in chosen if is_open(a) and (due := due_date(a)) is not None and due < today]
    if args.due_within is not None:
        limit = today + dt.timedelta(days=args.due_within)
        chosen = [a for a in chosen if is_open(a) and (due := due_date(a)) is not None and due <= limit]
    return sorted(chosen, key=lambda a: (a["due"] or "9999", a["owner"], a["id"]))


def json_lines(items: list[Doc]) -> str:
    """The index's checked objects as a JSON array, one item a line, encoded in one call (C speed) and written in
    one piece. Items start with their ``id`` key and no nested object does, and a quote inside a JSON string is
    escaped, so the split between items is exactly at ``}, {"id": ``."""
    if not items:
        return "[]\n"
    text = json.dumps(items, ensure_ascii=False)
    return "[\n" + text[1:-1].replace('}, {"id": ', '},\n{"id": ') + "\n]\n"


def _warn(store: Store) -> None:
    for problem in store.unreadable:  # its action items are missing from what follows: say so
        say(f"warning: skipped {problem}")
    for problem in store.warnings:
        say(f"warning: {problem}")


def _titles(store: Store) -> dict[str, str]:
    return {s.id: s.title for s in store.summaries()}


def cmd_actions(args: argparse.Namespace) -> int:
    now = clock().now()
    store = store_from(args, reading=True)
    if args.bom and args.format != "csv":
        raise UsageError("--bom (--excel) is for --format csv")
    items = select(store.action_docs(where=bool(args.meeting)), args, now.date(), store)
    for item in items:  # which meetings hold a copy served the --meeting filter; the item's fields are printed
        item.pop("in_meetings", None)
    _warn(store)
    if args.format == "json":
        sys.stdout.write(json_lines(items))
    elif args.format == "csv":
        from ..export.actions import to_csv

        sys.stdout.write(to_csv(items, bom=args.bom))
    elif args.format == "ics":
        from ..export.actions import to_ics

        sys.stdout.write(to_ics(items, now, _titles(store)).decode("utf-8"))
    elif items:
        from ..export.actions import days_overdue, owner_shown

        today = now.date()
        rows = [
            [a["id"], a["due"] or "-", owner_shown(a["owner"]), a["status"], a["priority"], a["task"]] for a in items
        ]
        late = sum(1 for a in items if days_overdue(a, today))
        if late:
            say(f"{late} of these {'are' if late != 1 else 'is'} overdue")
        headers = ["ID", "DUE", "OWNER", "STATUS", "PRIORITY", "TASK"]
        owner = me() if args.mine else args.owner
        if owner:  # say whether the person named owns each item or helps with it
            rows = [[*row[:3], owner_role(a, owner), *row[3:]] for row, a in zip(rows, items, strict=True)]
            headers.insert(3, "AS")
        fit_column(rows, headers, len(headers) - 1)
        print(table(rows, headers))
    else:
        say("no action items match")
    # For cron and shell prompts: asking for overdue or due-soon items and finding some is a "failure".
    return 1 if (args.overdue or args.due_within is not None) and items else 0


# -- action ---------------------------------------------------------------------------------------------


def _find(store: Store, ref: str) -> Doc:
    ref = ref.strip()
    if not ref:
        raise UsageError("the action item's id is empty: give its id (as shown by `meetui actions`)")
    matches = [a for a in store.action_docs(where=True) if a["id"] == ref or a["id"].startswith(ref)]
    exact = [a for a in matches if a["id"] == ref]
    if exact:
        matches = exact
    if not matches and store.unreadable:  # the item may be in a meeting file that cannot be read: name it
        others = f" (and {len(store.unreadable) - 1} more)" if len(store.unreadable) > 1 else ""
        raise MeetuiError(
            f"no action item {ref!r} in the readable meetings; it may be in one that cannot be "
            f"read: {store.unreadable[0]}{others}"
        )
    if not matches:
        raise MeetuiError(f"no action item {ref!r} (see `meetui actions`)")
    if len(matches) > 1:
        raise MeetuiError(f"{ref!r} matches {len(matches)} action items: type more of the id")
    return matches[0]


def _update_of(args: argparse.Namespace, action_id: str, now: dt.datetime) -> Any:
    from ..core.change import build
    from ..core.dates import PastDue, parse_due
    from ..core.lifecycle import ActionUpdate

    values: dict[str, Any] = {
        "action_id": action_id,
        "at": now,
        "status": args.status,
        "note": args.note,
        "by": args.by,
        "accepted_by": args.accepted_by,
    }
    if args.due is not None:
        try:
            values["due"] = parse_due(args.due, now.date(), past_ok=args.past_ok)
        except PastDue as past:
            raise MeetuiError(f"{past}, or add --past-ok to record it anyway") from None
    if args.co_owners is not None:
        values["co_owners"] = [
            n.strip() for n in args.co_owners.replace("，", ",").replace("、", ",").split(",") if n.strip()
        ]
    for name in ("owner", "task", "deliverable", "priority"):
        if getattr(args, name) is not None:
            values[name] = getattr(args, name)
    return build(ActionUpdate, "action update", **values)


def cmd_action(args: argparse.Namespace) -> int:
    from ..store.updates import meeting_to_write, submit_update

    fields = (args.status, args.due, args.owner, args.co_owners, args.task, args.deliverable, args.priority)
    if all(value is None for value in fields) and not args.note.strip():
        say(
            "usage: meetui action ID [--status S] [--due WHEN [--past-ok]] [--owner NAME] [--co-owners NAMES] "
            "[--task TEXT] [--deliverable TEXT] [--priority P] [--note TEXT] [--by NAME]"
        )
        say("meetui: action: give --status, a field to change, or --note (a progress note)")
        return 2
    if args.past_ok and args.due is None:
        raise UsageError("--past-ok goes with --due")
    store = store_from(args)
    writable_ref(args.id, "an action item")
    found = _find(store, args.id)
    meeting_id = meeting_to_write(store, found)  # a carried item: the copy no live process holds, if any
    update = _update_of(args, found["id"], clock().now())
    submitted = submit_update(store, meeting_id, update, wait=SHELL_WAIT_SECONDS)
    for warning in submitted.warnings:
        say(f"warning: {warning}")
    if submitted.queued is not None:
        return _wait_applied(submitted.queued, meeting_id, update.action_id)
    item = submitted.item
    assert item is not None
    if all(value is None for value in fields):  # a progress note alone
        say(f"{item.id}: {item.status.value}, progress noted")
        return 0
    say(
        f"{item.id}: {item.status.value}"
        + (f" ({item.reason})" if item.reason else "")
        + (f", due {item.due.isoformat()}" if item.due and (args.due or args.status == "delayed") else "")
    )
    return 0


def _wait_applied(path: Any, meeting_id: str, action_id: str) -> int:
    """The update was queued for the live meeting: wait briefly to see it applied, and say which happened."""
    deadline = time.monotonic() + APPLIED_WAIT_SECONDS
    while time.monotonic() < deadline and path.exists():
        time.sleep(0.1)
    if path.exists():
        say(
            f"{action_id}: queued for meeting {meeting_id}, which another meetui process runs live; "
            "it applies it, or the next one to open the meeting does"
        )
    else:
        say(f"{action_id}: applied by the live meeting in another meetui process")
    return 0


# -- remind ---------------------------------------------------------------------------------------------


def cmd_remind(args: argparse.Namespace) -> int:
    from ..export.actions import to_reminder

    now = clock().now()
    store = store_from(args)
    docs = store.action_docs()
    if args.mine:
        user = me()
        docs = [a for a in docs if owner_role(a, user)]
    _warn(store)
    out = to_reminder(docs, now.date(), args.format, titles=_titles(store), now=now)
    sys.stdout.write(out.decode("utf-8") if isinstance(out, bytes) else out)
    return 0


# -- stats ----------------------------------------------------------------------------------------------


def cmd_stats(args: argparse.Namespace) -> int:
    from ..core.stats import compute, held, overrun_words, spark

    now = clock().now()
    since = None
    if args.since:
        try:
            since = dt.date.fromisoformat(args.since)
        except ValueError:
            raise UsageError(f"--since takes a date such as 2026-01-01 (got {args.since!r})") from None
    store = store_from(args)
    rows = store.entries("meeting", "actions")
    _warn(store)
    stats = compute(
        [r.parts["meeting"] for r in rows],
        [a for r in rows for a in r.parts["actions"]],
        now.date(),
        since=since,
        by=args.by,
    )
    if args.format == "json":
        print_json(stats.as_json())
        return 0
    header = [
        args.by.upper(),
        "MEETINGS",
        "PLANNED",
        "ACTUAL",
        "DECIDED",
        "DEFERRED",
        "ACTIONS",
        "DONE",
        "ON TIME",
        "OVERDUE",
    ]
    groups = [stats.total, *stats.groups]
    cells = [
        [
            g.name,
            str(g.meetings),
            str(g.planned_minutes),
            f"{g.actual_minutes:.0f}",
            str(g.decided),
            str(g.deferred),
            str(g.actions),
            str(g.done),
            str(g.done_on_time),
            str(g.overdue),
        ]
        for g in groups
    ]
    if args.format == "csv":
        import csv

        writer = csv.writer(sys.stdout)
        writer.writerow([h.lower().replace(" ", "_") for h in header])
        from ..export.actions import csv_cell

        writer.writerows([[csv_cell(c) for c in row] for row in cells])
        return 0
    print(
        held(len(stats.meetings))
        + (f" since {stats.since}" if stats.since else "")
        + f"; {overrun_words(stats.average_overrun)} on average"
    )
    if stats.meetings:
        print(f"overrun per meeting (oldest → newest): {spark([m.overrun_minutes for m in stats.meetings])}")
    print()
    print(table(cells, header))
    if stats.meetings:
        print()
        held_rows = [
            [m.date, m.title, str(m.planned_minutes), f"{m.actual_minutes:.0f}", overrun_words(m.overrun_minutes)]
            for m in stats.meetings
        ]
        fit_column(held_rows, meeting_header := ["HELD", "MEETING", "PLANNED", "ACTUAL", "TIME"], 1)
        print(table(held_rows, meeting_header))
    return 0
