"""The ``minutes`` command: a meeting's minutes as Markdown, HTML, plain text or JSON.

Rendering lives in :mod:`meetui.export`; this module only reads the meeting
and writes the result to stdout or, atomically, to a file. It never imports
Textual.
"""

from __future__ import annotations

import argparse

from .common import (
    add_data_arg,
    add_meeting_arg,
    add_output_arg,
    clock,
    load_meeting,
    output_format,
    store_from,
    write_out,
)

#: The commands :func:`register` adds.
COMMANDS = ("minutes",)
FORMATS = ["md", "html", "txt", "json"]
LANGS = ["en", "zh"]


def register(commands: argparse._SubParsersAction) -> None:
    minutes = commands.add_parser(
        "minutes",
        help="the minutes of a meeting (Markdown, HTML, plain text or JSON; English or Chinese)",
        description="Print a meeting's minutes, or write them to a file with -o. A meeting that has not "
        "ended yields minutes marked as a draft. JSON is language-neutral.",
    )
    add_meeting_arg(minutes)
    minutes.add_argument("--format", choices=FORMATS, help="output format (default: -o FILE's extension, else md)")
    minutes.add_argument("--lang", choices=LANGS, default="en", help="language of the minutes (default: en)")
    add_output_arg(minutes, "the minutes")
    add_data_arg(minutes)
    minutes.set_defaults(handler=cmd_minutes)


def cmd_minutes(args: argparse.Namespace) -> int:
    from ..export import build_minutes, render

    fmt = output_format(args.output, args.format, FORMATS, "md")
    meeting = load_meeting(store_from(args, reading=True), args.meeting)
    write_out(args.output, render(build_minutes(meeting, clock().now()), fmt, args.lang), "minutes")
    return 0
