"""Helpers shared by the command modules: the store, meeting lookup, output."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.errors import MeetuiError

if TYPE_CHECKING:  # the command modules import these lazily, so `meetui --help` starts fast
    from ..core.clock import SystemClock
    from ..core.models import Meeting
    from ..store import Store


def store_from(args: argparse.Namespace, *, reading: bool = False) -> Store:
    """The store named by ``--data`` or ``$MEETUI_DATA``, else the user data dir.

    A folder named by the user (not the default one) that is a file is refused
    with the same line by every command; ``reading`` commands (that never
    create a store) also refuse one that does not exist, so that a typo in
    ``--data`` is not taken for an empty store (``$MEETUI_DATA`` may name a
    store not created yet).
    """
    import os

    from ..store import Store, default_data_dir

    given = getattr(args, "data", None)
    named = given or os.environ.get("MEETUI_DATA")
    try:
        root = Path(named).expanduser() if named else default_data_dir()
    except RuntimeError:  # ~user of no such user
        raise MeetuiError(f"{named}: no such user's home folder, so no store there") from None
    if root.exists() and not root.is_dir():
        raise MeetuiError(f"{root}: not a folder, so it cannot hold a meetui store")
    if reading and given and not root.exists():
        raise MeetuiError(f"{root}: no such folder, so no meetui store there (check --data or $MEETUI_DATA)")
    return Store(root)


#: Commands that change a meeting need at least this many characters of an id (or the whole id, or ``last``).
WRITE_PREFIX = 4


def writable_ref(ref: str, what: str = "a meeting") -> str:
    """Refuse an id prefix too short to name what a writing command is about to change."""
    if not ref.strip():
        raise UsageError(f"the id of {what} is empty: give its id")
    if ref.strip().lower() != "last" and len(ref.strip()) < WRITE_PREFIX:
        raise MeetuiError(f"{ref!r} is too short to change {what}: give at least {WRITE_PREFIX} characters of its id")
    return ref


def resolve(store: Store, ref: str) -> str:
    """The id of the meeting named by an id, a unique prefix or ``last``.

    ``last`` is the newest *readable* meeting: when meeting files could not be read, one warning line names
    them, so that ``last`` never quietly means another meeting than the newest one.
    """
    meeting_id = store.resolve(ref)
    warning = passed_over_warning(store, meeting_id)
    if warning:
        say(warning)
    return meeting_id


def passed_over_warning(store: Store, meeting_id: str) -> str:
    """The warning :func:`resolve` says when ``last`` passed over unreadable meeting files (``""`` if none): the
    screens show it too, since a full-screen UI hides what was printed before it."""
    if not store.passed_over:
        return ""
    first = store.passed_over[0]
    more = f" (and {len(store.passed_over) - 1} more unreadable)" if len(store.passed_over) > 1 else ""
    return f"warning: `last` is {meeting_id}, the newest readable meeting; skipped {first}{more}"


def load_meeting(store: Store, ref: str) -> Meeting:
    """Load the meeting named by an id, a unique prefix or ``last`` (see :func:`resolve`)."""
    return store.load(resolve(store, ref))


def bounded_int(low: int, high: int):  # noqa: ANN201 - an argparse ``type``
    """An argparse ``type``: a whole number from ``low`` to ``high`` (else a usage error naming the range)."""

    def check(value: str) -> int:
        try:
            number = int(value.strip())
        except ValueError:
            raise argparse.ArgumentTypeError(f"{value[:20]!r} is not a whole number") from None
        if not low <= number <= high:
            raise argparse.ArgumentTypeError(f"{value[:20]!r} is not between {low} and {high}")
        return number

    check.__name__ = "number"
    return check


def bounded_text(limit: int, *, one_line: bool = False):  # noqa: ANN201 - an argparse ``type``
    """An argparse ``type``: text of at most ``limit`` characters (one line if asked)."""

    def check(value: str) -> str:
        if len(value) > limit:
            raise argparse.ArgumentTypeError(f"at most {limit} characters (got {len(value)})")
        if one_line and len(value.splitlines()) > 1:
            raise argparse.ArgumentTypeError("must be one line")
        return value

    check.__name__ = "text"
    return check


def fit_column(rows: list[list[str]], headers: list[str], column: int) -> None:
    """Cut the cells of ``column`` (the last, free-text one) so that each row fits the terminal's width."""
    import shutil

    from ..core.text import cell_width, truncate

    width = shutil.get_terminal_size((100, 24)).columns
    others = sum(
        max(cell_width(str(row[i])) for row in [headers, *rows]) + 2 for i in range(len(headers)) if i != column
    )
    room = max(width - others, 10)
    for row in rows:
        row[column] = truncate(" ".join(str(row[column]).split()), room)


def clock() -> SystemClock:
    """The wall clock in the local zone."""
    from ..core.clock import SystemClock

    return SystemClock()


def add_meeting_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("meeting", metavar="MEETING", help="a meeting id, a unique prefix of one, or `last`")


class UsageError(MeetuiError):
    """Options that contradict each other: exit status 2, like any other wrong usage."""


def not_empty(what: str):  # noqa: ANN201 - an argparse ``type``
    """An argparse ``type`` refusing an empty value (``--data ''`` names no folder: a usage error)."""

    def check(value: str) -> str:
        if not value.strip():
            raise argparse.ArgumentTypeError(f"{what} must not be empty")
        return value

    check.__name__ = what  # argparse names the type in its message
    return check


def add_data_arg(parser: argparse.ArgumentParser) -> None:
    """Accept ``--data`` after the command too (``meetui list --data DIR``)."""
    parser.add_argument(
        "--data", metavar="DIR", default=argparse.SUPPRESS, type=not_empty("--data"), help="the store folder"
    )


#: The output format each file extension means (``-o minutes.html`` writes HTML).
EXTENSION_FORMATS = {
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".txt": "txt",
    ".text": "txt",
    ".json": "json",
    ".csv": "csv",
    ".ics": "ics",
    ".ical": "ics",
    ".docx": "docx",
}


def add_output_arg(parser: argparse.ArgumentParser, what: str) -> None:
    """``-o FILE`` (``-`` is stdout; an empty name is a usage error)."""
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        type=not_empty("-o"),
        help=f"write {what} to FILE instead of stdout (`-` is stdout); the format follows FILE's "
        "extension unless --format says otherwise (an extension naming no format it is written "
        "in is refused). A symlink is written through to its target; a folder, device, FIFO, "
        "socket or read-only file is refused; an existing file keeps its permissions",
    )


def output_format(output: str | None, chosen: str | None, formats: list[str], default: str) -> str:
    """The format to write, by one rule for every command with ``-o`` and ``--format``.

    ``--format`` if given, else the format ``-o FILE``'s extension names, else ``default`` (no ``-o``, ``-o -``,
    or a file name without an extension). Raises :class:`UsageError` (exit status 2) for a ``--format`` that
    contradicts a known extension (``--format md -o x.html``) and, without ``--format``, for an extension that
    names none of ``formats`` (``-o x.pdf``; the notice's ``-o x.html``): nothing is written in a format the
    file's name does not say.
    """
    if not output or output == "-":
        return chosen or default
    suffix = Path(output).suffix.lower()
    by_extension = EXTENSION_FORMATS.get(suffix)
    if chosen:
        if by_extension and chosen != by_extension:
            raise UsageError(f"--format {chosen} contradicts -o {output} (a .{by_extension} file): drop one of them")
        return chosen
    if not suffix:
        return default
    if by_extension not in formats:
        raise UsageError(f"cannot tell the format from {suffix!r}: give --format ({', '.join(formats)})")
    return by_extension


def write_out(output: str | None, content: str, what: str) -> None:
    """Print ``content`` (no ``output``, or ``-``) or write it atomically to the file ``output`` names."""
    if output is None or output == "-":
        sys.stdout.write(content)
        sys.stdout.flush()
        return
    from ..export.files import write_text

    path = write_text(Path(output), content)
    say(f"{what} written to {path}")


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def one_line(message: str) -> str:
    """``message`` as one line: line breaks and other control characters (from a file name, a title the user
    typed…) are shown escaped (``\\n``), so that every message stays the one line it is meant to be."""
    if message.isprintable():
        return message
    return "".join(char if char.isprintable() else repr(char)[1:-1] for char in message)


def say(message: str) -> None:
    """A message for the user (stderr; stdout is for data), on one line."""
    print(one_line(message), file=sys.stderr)
