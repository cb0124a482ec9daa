"""``meetui notice``: the meeting notice (会议通知) as Markdown, plain text or a calendar request (ICS)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .common import add_data_arg, add_meeting_arg, clock, load_meeting, say, store_from

#: The commands :func:`register` adds.
COMMANDS = ("notice",)
FORMATS = ["md", "txt", "ics"]


def register(commands: argparse._SubParsersAction) -> None:
    notice = commands.add_parser(
        "notice", help="the meeting notice: Markdown, plain text, or an ICS calendar request with the attendees",
        description="Print the notice of a meeting (subject, time, place, attendees, agenda, materials, goal, what "
        "to bring), or write it with -o. The format follows -o's extension unless --format is given.")
    add_meeting_arg(notice)
    notice.add_argument("--format", choices=FORMATS, help="md (default), txt or ics")
    notice.add_argument("--lang", choices=["en", "zh"], help="language (default: the meeting's)")
    notice.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    add_data_arg(notice)
    notice.set_defaults(handler=cmd_notice)


def cmd_notice(args: argparse.Namespace) -> int:
    from ..core.checks import meeting_lang
    from ..export.files import write_text
    from ..export.notice import notice

    meeting = load_meeting(store_from(args), args.meeting)
    fmt = args.format
    if fmt is None and args.output:
        suffix = Path(args.output).suffix.lstrip(".").casefold()
        fmt = {"markdown": "md", "text": "txt", "ical": "ics"}.get(suffix, suffix)
    fmt = fmt if fmt in FORMATS else "md"
    text = notice(meeting, fmt, args.lang or meeting_lang(meeting), clock().now())
    if args.output:
        path = write_text(Path(args.output).expanduser(), text)
        say(f"notice written to {path}")
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
    return 0
