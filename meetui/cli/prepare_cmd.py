"""Preparing a meeting from the shell: ``edit``, ``attendee add|set|remove|import``, ``topic add|set|move|remove``.

Each command changes one meeting through :class:`meetui.core.planning.Plan` (the same operations the plan
screen uses), writes the change, and prints what it did on stdout. Bad input is refused with one line and
exit status 1, nothing changed. A meeting open in another meetui process (live or in the plan screen) is
refused too: that process would write its own copy over the change.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..core.errors import MeetuiError
from .common import UsageError, add_data_arg, add_meeting_arg, clock, resolve, say, store_from

if TYPE_CHECKING:
    from ..core.change import Change
    from ..core.planning import Plan

#: The commands :func:`register` adds.
COMMANDS = ("edit", "attendee", "topic")

# the values of the enums, spelled out so that building the parser loads no models
ROLES_HELP = "decision-maker, executor, support, expert, observer (or 决策层, 执行层, 支持层, 专家, 观察员)"
PRIORITIES = ["high", "medium", "low"]


def add_detail_args(parser: argparse.ArgumentParser) -> None:
    """The meeting's details as options (shared by ``new`` and ``edit``)."""
    parser.add_argument(
        "--kind",
        metavar="KIND",
        type=template_name,
        help="the kind of meeting, or a template's name (see `meetui templates`)",
    )
    parser.add_argument("--at", metavar="WHEN", help='start, e.g. "2026-12-01 10:00", "2026-12-01T10:00+08:00"')
    parser.add_argument("--zone", metavar="ZONE", help="IANA time zone of the start, e.g. Asia/Shanghai")
    parser.add_argument("--minutes", type=int, metavar="N", help="planned length in minutes")
    parser.add_argument("--place", metavar="TEXT", help="the room or the call's link")
    parser.add_argument("--host", metavar="NAME", help="the host (主持人)")
    parser.add_argument("--note-taker", metavar="NAME", help="the note-taker (记录人)")
    parser.add_argument("--goal", metavar="TEXT", help="a specific, measurable, time-bound outcome")
    parser.add_argument(
        "--urgent", action=argparse.BooleanOptionalAction, default=None, help="an urgent meeting (at most 60 minutes)"
    )


def template_name(text: str) -> str:
    """A template's name as an option's value; an unknown one is a usage error naming the choices."""
    from ..importers.templates import template_names

    names = template_names()
    if text.strip().casefold() not in {n.casefold() for n in names}:
        raise argparse.ArgumentTypeError(f"no template {text.strip()!r}: use one of {', '.join(names)}")
    return text.strip()


def given(args: argparse.Namespace, *pairs: tuple[str, str]) -> dict[str, Any]:
    """``{field: value}`` for each ``(option, field)`` pair whose option was given on the command line."""
    return {name: value for option, name in pairs if (value := getattr(args, option, None)) is not None}


def detail_values(args: argparse.Namespace, zone: str) -> dict[str, Any]:
    """The details the options set, as :meth:`Plan.set_details` fields (``--at`` read in ``zone``)."""
    from .meetings_cmd import parse_start

    values: dict[str, Any] = {}
    if args.zone:
        values["timezone"] = args.zone
    if args.at:
        values["scheduled_start"] = parse_start(args.at, args.zone or zone)
    values.update(
        given(
            args,
            ("minutes", "planned_minutes"),
            ("place", "place"),
            ("host", "host"),
            ("note_taker", "note_taker"),
            ("goal", "goal"),
            ("urgent", "urgent"),
        )
    )
    return values


def register(commands: argparse._SubParsersAction) -> None:
    edit = commands.add_parser("edit", help="change a meeting's details")
    add_meeting_arg(edit)
    edit.add_argument("--title", metavar="TEXT", help="a new title")
    add_detail_args(edit)
    edit.add_argument(
        "--materials", metavar="TEXT", help='materials to pre-read: "name <link>; name <link>" (replaces the list)'
    )
    edit.add_argument("--notes", metavar="TEXT", help="notes to attendees, for the notice")
    add_data_arg(edit)
    edit.set_defaults(handler=cmd_edit)

    attendee = commands.add_parser("attendee", help="invite, change or remove an attendee")
    verbs = attendee.add_subparsers(dest="verb", metavar="add|set|remove|import", required=True)
    for verb, help_text in (("add", "invite someone"), ("set", "change an attendee")):
        sub = verbs.add_parser(verb, help=help_text)
        add_meeting_arg(sub)
        sub.add_argument("name", metavar="NAME")
        if verb == "set":
            sub.add_argument("--name", dest="new_name", metavar="NAME", help="rename them")
        sub.add_argument("--dept", metavar="D", help="department")
        sub.add_argument("--role", metavar="R", help=ROLES_HELP)
        sub.add_argument("--contact", metavar="C", help="e-mail or phone")
        sub.add_argument("--rsvp", metavar="ANSWER", help="invited, confirmed or declined (已邀请, 已确认, 已拒绝)")
        sub.add_argument("--proxy", metavar="NAME", help="who attends for them if they declined (代理人)")
        sub.add_argument("--input", metavar="TEXT", help="their written input, if they declined")
        sub.add_argument("--bring", metavar="TEXT", help="what they should bring or prepare")
        add_data_arg(sub)
        sub.set_defaults(handler=cmd_attendee)
    remove = verbs.add_parser("remove", help="uninvite someone")
    add_meeting_arg(remove)
    remove.add_argument("name", metavar="NAME")
    add_data_arg(remove)
    remove.set_defaults(handler=cmd_attendee)
    paste = verbs.add_parser("import", help="invite a list: one `name, department, role` a line")
    add_meeting_arg(paste)
    paste.add_argument("file", metavar="FILE", help="the list, or - for standard input")
    add_data_arg(paste)
    paste.set_defaults(handler=cmd_attendee)

    topic = commands.add_parser("topic", help="add, change, move or remove an agenda topic")
    verbs = topic.add_subparsers(dest="verb", metavar="add|set|move|remove", required=True)
    for verb, help_text in (("add", "add a topic"), ("set", "change a topic")):
        sub = verbs.add_parser(verb, help=help_text)
        add_meeting_arg(sub)
        if verb == "add":
            sub.add_argument("title", metavar="TITLE")
            sub.add_argument("--position", type=int, metavar="N", help="insert at this place (1 is first)")
        else:
            sub.add_argument("topic", metavar="TOPIC", help="its number in the agenda, or its title")
            sub.add_argument("--title", metavar="TEXT")
        sub.add_argument("--owner", metavar="NAME", help="who presents it and answers for its outcome")
        sub.add_argument("--minutes", type=int, metavar="N", help="planned minutes (timebox)")
        sub.add_argument("--output", metavar="TEXT", help="expected output (a decision, a list, a date)")
        sub.add_argument("--goal", metavar="TEXT")
        sub.add_argument("--background", metavar="TEXT")
        sub.add_argument("--priority", choices=PRIORITIES)
        sub.add_argument("--materials", metavar="TEXT", help='"name <link>; name <link>"')
        add_data_arg(sub)
        sub.set_defaults(handler=cmd_topic)
    move = verbs.add_parser("move", help="move a topic to another place in the agenda")
    add_meeting_arg(move)
    move.add_argument("topic", metavar="TOPIC", help="its number in the agenda, or its title")
    move.add_argument("position", metavar="POSITION", help="the new place (1 is first), or up / down")
    add_data_arg(move)
    move.set_defaults(handler=cmd_topic)
    remove = verbs.add_parser("remove", help="remove a topic")
    add_meeting_arg(remove)
    remove.add_argument("topic", metavar="TOPIC", help="its number in the agenda, or its title")
    add_data_arg(remove)
    remove.set_defaults(handler=cmd_topic)


def change_meeting(args: argparse.Namespace, operate: Callable[[Plan], Change]) -> Plan:
    """Load the meeting, run one planning operation on it, write the change, print its message."""
    from ..core.planning import Plan
    from ..store import MeetingBusy

    store = store_from(args)
    meeting_id = resolve(store, args.meeting)
    try:
        lock = store.hold_live(meeting_id)
    except MeetingBusy:
        raise MeetuiError(
            f"meeting {meeting_id} is open in another meetui process (live or plan screen): "
            "change it there, or here once it is closed"
        ) from None
    try:
        plan = Plan(store.load(meeting_id), clock=clock())  # the clock refuses a start that has passed
        change = operate(plan)
        store.commit(plan.meeting, change)
    finally:
        lock.release()
    print(change.message)
    return plan


def cmd_edit(args: argparse.Namespace) -> int:
    def operate(plan: Plan) -> Change:
        values = detail_values(args, plan.meeting.timezone)
        if args.title is not None:
            values["title"] = args.title
        if args.kind is not None:  # a kind, or one of the user's templates, which names its kind
            from ..importers.templates import find_template

            values["kind"] = find_template(args.kind).kind
        if args.materials is not None:
            values["materials"] = args.materials
        if args.notes is not None:
            values["notes_to_attendees"] = args.notes
        if not values:
            raise UsageError("nothing to change: give at least one option (see `meetui edit --help`)")
        return plan.set_details(**values)

    change_meeting(args, operate)
    return 0


def _attendee_values(args: argparse.Namespace) -> dict[str, Any]:
    return given(
        args,
        ("dept", "department"),
        ("role", "role"),
        ("contact", "contact"),
        ("rsvp", "attendance"),
        ("proxy", "proxy"),
        ("input", "written_input"),
        ("bring", "bring"),
        ("new_name", "name"),
    )


def cmd_attendee(args: argparse.Namespace) -> int:
    if args.verb == "import":
        text = _read_list(args.file)
        change_meeting(args, lambda plan: plan.import_attendees(text))
    elif args.verb == "add":
        change_meeting(args, lambda plan: plan.add_attendee(args.name, **_attendee_values(args)))
    elif args.verb == "set":
        values = _attendee_values(args)
        if not values:
            raise UsageError("nothing to change: give at least one option (see `meetui attendee set --help`)")
        change_meeting(args, lambda plan: plan.set_attendee(args.name, **values))
    else:
        change_meeting(args, lambda plan: plan.remove_attendee(args.name))
    return 0


def _read_list(name: str) -> str:
    """The pasted list: a file's text (UTF-8, with or without a byte-order mark) or standard input."""
    from pathlib import Path

    if name == "-":
        return sys.stdin.read()
    from ..store.files import StoreError, read_file

    path = Path(name)
    if not path.exists() and not path.is_symlink():
        raise MeetuiError(f"{name}: no such file")
    try:  # only a regular file of bounded size (1 MiB): a FIFO must not hang the command
        return read_file(path, limit=1024 * 1024)[0].decode("utf-8-sig")
    except StoreError as error:
        raise MeetuiError(str(error)) from None
    except UnicodeDecodeError as error:
        raise MeetuiError(f"{name}: cannot be read ({error})") from None


def _topic_values(args: argparse.Namespace) -> dict[str, Any]:
    values = given(
        args,
        ("owner", "owner"),
        ("minutes", "planned_minutes"),
        ("output", "expected_output"),
        ("goal", "goal"),
        ("background", "background"),
        ("priority", "priority"),
        ("materials", "materials"),
    )
    if (
        args.verb != "add" and getattr(args, "title", None) is not None
    ):  # a new topic's title is its positional argument
        values["title"] = args.title
    return values


def cmd_topic(args: argparse.Namespace) -> int:
    if args.verb == "add":
        plan = change_meeting(
            args, lambda plan: plan.add_topic(args.title, position=args.position, **_topic_values(args))
        )
    elif args.verb == "set":
        values = _topic_values(args)
        if not values:
            raise UsageError("nothing to change: give at least one option (see `meetui topic set --help`)")
        plan = change_meeting(args, lambda plan: plan.set_topic(args.topic, **values))
    elif args.verb == "move":
        plan = change_meeting(args, lambda plan: _move(plan, args.topic, args.position))
    else:
        plan = change_meeting(args, lambda plan: plan.remove_topic(args.topic))
        return 0
    owner = getattr(args, "owner", None)
    if owner and plan.meeting.attendee(owner) is None:
        say(f"note: {owner} is not an attendee yet: `meetui attendee add {plan.meeting.id} {owner}` invites them")
    return 0


def _move(plan: Plan, topic: str, position: str) -> Change:
    word = position.strip().casefold()
    if word in {"up", "down", "上移", "下移"}:
        return plan.move_topic_by(topic, -1 if word in {"up", "上移"} else 1)
    if not word.isdigit():
        raise UsageError(f"cannot move to {position!r}: give a place in the agenda (1 is first), up or down")
    return plan.move_topic(topic, int(word))
