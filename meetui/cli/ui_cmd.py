"""Commands that open the terminal UI: the home screen, ``demo``, ``run`` and ``follow``.

Textual is imported only inside the handlers, so other commands never load it.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.errors import MeetuiError
from .common import (
    add_data_arg,
    add_meeting_arg,
    clock,
    passed_over_warning,
    resolve,
    say,
    store_from,
    writable_ref,
)

if TYPE_CHECKING:
    from ..store import Store

#: The commands :func:`register` adds.
COMMANDS = ("demo", "run", "follow")


def register(commands: argparse._SubParsersAction) -> None:
    demo = commands.add_parser("demo", help="open a realistic sample meeting live (in a temporary store)")
    add_data_arg(demo)
    demo.set_defaults(handler=cmd_demo)

    run = commands.add_parser("run", help="the live meeting screen")
    add_meeting_arg(run)
    add_data_arg(run)
    run.set_defaults(handler=cmd_run)

    follow = commands.add_parser("follow", help="a read-only live view of a meeting another process runs")
    add_meeting_arg(follow)
    add_data_arg(follow)
    from .web_cmd import add_web_args

    add_web_args(follow)
    follow.set_defaults(handler=cmd_follow)


def require_terminal() -> None:
    """Refuse to draw the UI when stdin or stdout is not a terminal (a pipe, a file, cron…).

    Without this, the escape codes of the screen would be written into a file, or the UI would wait for keys
    that never come.
    """
    import sys

    for name, stream in (("input", sys.stdin), ("output", sys.stdout)):
        try:
            is_terminal = stream is not None and stream.isatty()
        except (ValueError, OSError):  # a closed stream
            is_terminal = False
        if not is_terminal:
            raise MeetuiError(
                f"the meetui screen needs a terminal, and the {name} is not one: run it in a terminal, "
                "or use the commands that print (`meetui list`, `meetui show`…)"
            )


def _launch(store: Store, meeting_id: str | None, *, read_only: bool = False) -> int:
    from ..ui.launch import launch

    require_terminal()
    notice = passed_over_warning(store, meeting_id) if meeting_id is not None else ""
    return launch(store, meeting_id, read_only=read_only, notice=notice)


def home(args: argparse.Namespace) -> int:
    return _launch(store_from(args), None)


def cmd_demo(args: argparse.Namespace) -> int:
    from ..importers.demo import demo_meeting
    from ..store import Store

    temporary = not getattr(args, "data", None)
    named = None if temporary else store_from(args)
    require_terminal()
    store = Store(Path(tempfile.mkdtemp(prefix="meetui-demo-"))) if named is None else named
    meeting = demo_meeting(clock())
    store.create(meeting)
    status = _launch(store, meeting.id)
    # said after the UI has closed, so that it stays on the screen
    say(
        f"the demo meeting is kept in {store.root}: reopen it with `meetui --data {store.root} run {meeting.id}`,"
        f" or print its minutes with `meetui --data {store.root} minutes {meeting.id}`"
    )
    return status


def cmd_run(args: argparse.Namespace) -> int:
    store = store_from(args)
    return _launch(store, resolve(store, writable_ref(args.meeting)))


def cmd_follow(args: argparse.Namespace) -> int:
    from . import web_cmd

    if args.web:
        return web_cmd.follow_web(args)
    if web_cmd.web_only_options(args):
        say(f"meetui: {', '.join(web_cmd.web_only_options(args))} only with --web")
        return 2
    store = store_from(args, reading=True)
    return _launch(store, resolve(store, args.meeting), read_only=True)
