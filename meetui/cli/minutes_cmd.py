"""The ``minutes`` command: a meeting's minutes as Markdown, HTML, plain text, JSON or Word.

Rendering lives in :mod:`meetui.export`; this module only reads the meeting
and writes the result to stdout, atomically to a file (``-o``), or to the
clipboard through the terminal (``--send-to-clipboard``, OSC 52). The format
follows ``-o``'s extension unless ``--format`` is given. It never imports
Textual.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .common import (
    add_data_arg,
    add_meeting_arg,
    add_output_arg,
    clock,
    load_meeting,
    output_format,
    say,
    store_from,
)

#: The commands :func:`register` adds.
COMMANDS = ("minutes",)
FORMATS = ["md", "html", "txt", "json", "docx"]
LANGS = ["en", "zh"]


def register(commands: argparse._SubParsersAction) -> None:
    minutes = commands.add_parser(
        "minutes",
        help="the minutes of a meeting (Markdown, HTML, plain text, JSON or Word; English or Chinese)",
        description="Print a meeting's minutes, write them to a file with -o (the format follows the file's "
        "extension unless --format is given), or copy them to the clipboard. A meeting that has not ended "
        "yields minutes marked as a draft. JSON is language-neutral; Word (docx) needs -o or a pipe.",
    )
    add_meeting_arg(minutes)
    minutes.add_argument(
        "--format", choices=FORMATS, default=None, help="output format (default: from -o's extension, else md)"
    )
    minutes.add_argument("--lang", choices=LANGS, default="en", help="language of the minutes (default: en)")
    add_output_arg(minutes, "the minutes")
    minutes.add_argument(
        "--private", action="store_true", help="include private notes (#private), marked as such; not for circulation"
    )
    minutes.add_argument(
        "--send-to-clipboard",
        action="store_true",
        help="copy the minutes to the clipboard through the terminal (OSC 52, works over SSH) instead of printing them",
    )
    add_data_arg(minutes)
    minutes.set_defaults(handler=cmd_minutes, minutes_parser=minutes)


def cmd_minutes(args: argparse.Namespace) -> int:
    from ..export import BINARY_FORMATS, build_minutes, render_bytes

    parser: argparse.ArgumentParser = args.minutes_parser
    if args.output == "-":  # `-o -` is stdout
        args.output = None
    fmt = output_format(args.output, args.format, FORMATS, "md")
    if args.send_to_clipboard and fmt in BINARY_FORMATS:
        parser.error(f"--send-to-clipboard copies text: {fmt} is binary (write it with -o FILE)")
    if fmt in BINARY_FORMATS and not args.output and not args.send_to_clipboard and sys.stdout.isatty():
        parser.error(f"the {fmt} minutes are binary: write them with -o FILE (or pipe them)")
    meeting = load_meeting(store_from(args, reading=True), args.meeting)
    data = render_bytes(build_minutes(meeting, clock().now(), private=args.private), fmt, args.lang)
    if args.output:
        from ..export.files import write_bytes

        path = write_bytes(Path(args.output), data)  # write_bytes expands ~ (and refuses ~nosuchuser)
        say(f"minutes written to {path}")
    if args.send_to_clipboard:
        copy(data.decode("utf-8"), fmt)
    elif not args.output and fmt in BINARY_FORMATS:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    elif not args.output:
        sys.stdout.write(data.decode("utf-8"))
        sys.stdout.flush()
    return 0


def copy(text: str, fmt: str) -> None:
    """Send ``text`` to the clipboard through the terminal and say so, with tmux's caveat where it applies."""
    from ..export.clipboard import LARGE, send, tmux_advice, tmux_clipboard

    send(text)
    message = f"{fmt} minutes sent to the clipboard through the terminal (OSC 52, {len(text):,} characters)"
    if len(text.encode("utf-8")) > LARGE:
        message += "; some terminals refuse copies this large"
    advice = tmux_advice(tmux_clipboard())
    say(f"{message}; {advice}" if advice else message)
