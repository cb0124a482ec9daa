"""``meetui notice``: the meeting notice (会议通知) as Markdown, plain text or a calendar request (ICS)."""

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
COMMANDS = ("notice",)
FORMATS = ["md", "txt", "ics"]


def register(commands: argparse._SubParsersAction) -> None:
    notice = commands.add_parser(
        "notice",
        help="the meeting notice: Markdown, plain text, or an ICS calendar request with the attendees",
        description="Print the notice of a meeting (subject, time, place, attendees, agenda, materials, goal, what "
        "to bring), or write it with -o. The format follows -o's extension unless --format is given.",
    )
    add_meeting_arg(notice)
    notice.add_argument("--format", choices=FORMATS, help="md, txt or ics (default: from -o's extension, else md)")
    notice.add_argument("--lang", choices=["en", "zh"], help="language (default: the meeting's)")
    add_output_arg(notice, "the notice")
    add_data_arg(notice)
    notice.set_defaults(handler=cmd_notice)


def cmd_notice(args: argparse.Namespace) -> int:
    from ..core.checks import meeting_lang
    from ..export.notice import notice

    fmt = output_format(args.output, args.format, FORMATS, "md")
    meeting = load_meeting(store_from(args, reading=True), args.meeting)
    write_out(args.output, notice(meeting, fmt, args.lang or meeting_lang(meeting), clock().now()), "notice")
    return 0
