"""``meetui plan MEETING``: the preparation screen (Textual is imported only when it runs)."""

from __future__ import annotations

import argparse

from .common import add_data_arg, add_meeting_arg, passed_over_warning, resolve, store_from

#: The commands :func:`register` adds.
COMMANDS = ("plan",)


def register(commands: argparse._SubParsersAction) -> None:
    plan = commands.add_parser("plan", help="prepare a meeting on one screen: details, attendees, agenda, checks")
    add_meeting_arg(plan)
    add_data_arg(plan)
    plan.set_defaults(handler=cmd_plan)


def cmd_plan(args: argparse.Namespace) -> int:
    from ..ui.launch import launch
    from .ui_cmd import require_terminal

    store = store_from(args)
    meeting_id = resolve(store, args.meeting)
    require_terminal()  # the plan screen needs a terminal, as every screen does
    return launch(store, meeting_id, plan=True, notice=passed_over_warning(store, meeting_id))
