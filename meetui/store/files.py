"""The store's file format: reading and checking files, and turning meetings into tables and back.

A meeting file is a TinyDB database with the tables ``_meta`` (format name and
schema version), ``meeting`` (the meeting's own fields, document ``1``) and one
table per kind of child record (``notes``, ``actions``…). Anything else, such
as a file that is corrupt, truncated, empty, of another program, or written by
a newer meetui, is refused with a :class:`StoreError` whose one-line message
names the file; refusing never touches the file.

Reading is safe whatever is found at a meeting file's path:

* only a regular file is read: a folder, a FIFO (which would block the
  reader for ever), a device (a symlink to ``/dev/zero`` never ends), a
  socket or a symlink loop is refused without reading a byte;
* a file larger than :data:`MAX_FILE_BYTES` (64 MiB; a meeting of 20,000
  notes takes about 6 MiB) is refused, and a file is never read beyond that
  limit, even one that grows while being read;
* JSON nested too deeply for the parser, or holding a number too long for
  Python to convert, is refused as damaged;
* the header values that listings use before the meeting is loaded (the time
  zone, the start, creation and end times) are checked by :func:`header_problem`:
  a zone that does not exist, or a time that is not an ISO 8601 string with an
  offset, or lies outside the years 2 to 9998 (so that it converts to any
  zone), makes the file unreadable.
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import re
import stat
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..core.errors import MeetuiError
from ..core.models import CHILD_FIELDS, Meeting, Record
from . import migrations

FORMAT = "meetui-meeting"
INDEX_FORMAT = "meetui-index"

_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")

Tables = dict[str, dict[str, Any]]


class StoreError(MeetuiError):
    """A store file that cannot be used; the message names the file."""


def check_id(meeting_id: str) -> str:
    """Refuse meeting ids that could not be file names (path separators, dots, capitals…)."""
    if not isinstance(meeting_id, str) or not _ID.fullmatch(meeting_id):
        raise MeetuiError(f"{meeting_id!r} is not a meeting id (ids are 1 to 40 of a-z, 0-9 and -)")
    return meeting_id


def is_meeting_file_name(name: str) -> bool:
    """Whether ``name`` is the name of a meeting file (``<id>.json``)."""
    return name.endswith(".json") and bool(_ID.fullmatch(name[: -len(".json")]))


#: The largest store file meetui reads, in bytes (64 MiB); a larger one is refused as unreadable.
MAX_FILE_BYTES = 64 * 1024 * 1024

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


def read_file(path: Path, limit: int | None = None) -> tuple[bytes, os.stat_result]:
    """The bytes of ``path`` and the status of the very file they came from.

    Only a regular file of at most ``limit`` bytes is read (see the module's
    docstring); anything else raises :class:`StoreError` naming ``path``.
    ``limit`` defaults to :data:`MAX_FILE_BYTES`.
    """
    limit = MAX_FILE_BYTES if limit is None else limit
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer (it does nothing to a regular file)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise StoreError(f"{path}: the file is missing") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise StoreError(f"{path}: a symlink loop, not a meetui file") from None
        raise StoreError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    try:
        status = os.fstat(fd)
        kind = next((name for test, name in _KINDS if test(status.st_mode)), None)
        if kind is not None or not stat.S_ISREG(status.st_mode):
            raise StoreError(f"{path}: {kind or 'not a regular file'}, not a meetui file")
        chunks, size = [], 0
        while size <= limit and status.st_size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit or status.st_size > limit:
            raise StoreError(f"{path}: larger than the {limit // (1024 * 1024)} MiB a meetui file may be")
        return b"".join(chunks), status
    except OSError as exc:
        raise StoreError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    finally:
        os.close(fd)


def unreadable_file(path: Path, problem: Exception | str) -> StoreError:
    """The error of a meeting file that cannot be read, naming ``path`` once: a ``problem`` that already names it
    (an error raised deeper down) is kept as it is, not wrapped in a second mention of the file."""
    text = str(problem)
    if text.startswith(f"{path}: "):
        return StoreError(text)
    return StoreError(f"{path}: not a readable meetui file ({text})")


def decode(path: Path, raw: bytes, expected: str = FORMAT) -> Tables:
    """Parse and check the content of a store file, upgrading an older schema in memory."""
    if not raw.strip():
        raise StoreError(f"{path}: not a readable meetui file (it is empty)")
    try:
        data = json.loads(raw)
    except RecursionError:
        raise StoreError(f"{path}: not a readable meetui file (nested too deeply)") from None
    except ValueError:  # JSONDecodeError, UnicodeDecodeError, a number of more than 4,300 digits
        raise StoreError(f"{path}: not a readable meetui file (corrupt or truncated)") from None
    return checked(path, data, expected)


def checked(path: Path, data: Any, expected: str = FORMAT) -> Tables:
    """Check the format name, schema version and table shape of parsed file content."""
    meta = data.get("_meta") if isinstance(data, dict) else None
    meta = meta.get("1") if isinstance(meta, dict) else None
    if not isinstance(meta, dict) or meta.get("format") != expected:
        raise StoreError(f"{path}: not a meetui file")
    schema = meta.get("schema")
    if not isinstance(schema, int) or isinstance(schema, bool) or schema < 1:
        raise StoreError(f"{path}: not a meetui file (no valid schema version)")
    if schema > migrations.SCHEMA_VERSION:
        raise StoreError(
            f"{path}: written by a newer meetui (schema {schema}; this one reads up to "
            f"{migrations.SCHEMA_VERSION}): upgrade meetui"
        )
    if schema < migrations.SCHEMA_VERSION:
        try:
            data = migrations.migrate(data, schema)
        except migrations.MigrationError as exc:
            raise StoreError(f"{path}: cannot be upgraded from schema {schema}: {exc}") from None
    if not _well_formed(data):
        raise StoreError(f"{path}: not a readable meetui file (its tables are damaged)")
    return data


def _well_formed(data: Tables) -> bool:
    """TinyDB tables: each a mapping of numeric document ids to objects."""
    return all(
        isinstance(table, dict) and all(key.isdigit() and isinstance(doc, dict) for key, doc in table.items())
        for table in data.values()
    )


def read_meeting_tables(path: Path, meeting_id: str | None = None) -> tuple[Tables, os.stat_result]:
    """Read and check a meeting file; ``meeting_id`` must then be the meeting it holds."""
    raw, status = read_file(path)
    return meeting_tables(path, raw, meeting_id), status


def meeting_tables(path: Path, raw: bytes, meeting_id: str | None = None) -> Tables:
    """Parse and check the bytes of a meeting file (see :func:`read_meeting_tables`)."""
    data = decode(path, raw)
    header = data.get("meeting", {}).get("1")
    if not isinstance(header, dict) or not isinstance(header.get("id"), str):
        raise StoreError(f"{path}: not a readable meetui file (it holds no meeting)")
    if meeting_id is not None and header["id"] != meeting_id:
        raise StoreError(f"{path}: holds meeting {header['id']!r}, not {meeting_id!r}")
    problem = header_problem(header)
    if problem:
        raise StoreError(f"{path}: not a readable meetui file ({problem})")
    return data


#: The span of times a header may hold: any of them converts to any zone without leaving the calendar.
_EARLIEST = dt.datetime(2, 1, 1, tzinfo=dt.UTC)
_LATEST = dt.datetime(9998, 12, 31, tzinfo=dt.UTC)


def header_problem(header: dict[str, Any]) -> str | None:
    """What is wrong with the header values listings use without loading the meeting, or ``None``.

    The zone must be a known IANA zone; ``created_at`` (required),
    ``scheduled_start`` and ``ended_at`` (optional) ISO 8601 strings with an
    offset, between the years 2 and 9998.
    """
    from ..core.clock import zone_info

    zone = header.get("timezone", "UTC")
    try:
        zone_info(zone)
    except Exception:  # ZoneInfoNotFoundError, ValueError or TypeError for a malformed key
        return f"timezone: {str(zone)[:60]!r} is not a known time zone"
    for key in ("created_at", "scheduled_start", "ended_at"):
        value = header.get(key)
        if value is None and key != "created_at":
            continue
        if not isinstance(value, str):
            return f"{key}: {str(value)[:40]!r} is not a time"
        try:
            moment = dt.datetime.fromisoformat(value)
        except ValueError:
            return f"{key}: {value[:40]!r} is not an ISO 8601 time"
        if moment.utcoffset() is None:
            return f"{key}: {value[:40]!r} has no offset"
        try:
            in_range = _EARLIEST <= moment <= _LATEST
        except OverflowError:
            in_range = False
        if not in_range:
            return f"{key}: {value[:40]!r} is out of range"
    return None


def tables_of(meeting: Meeting) -> Tables:
    """A whole meeting as the tables of its file."""
    data: Tables = {
        "_meta": {"1": {"format": FORMAT, "schema": migrations.SCHEMA_VERSION}},
        "meeting": {"1": meeting.header()},
    }
    for name in CHILD_FIELDS:
        records: list[Record] = getattr(meeting, name)
        data[name] = {str(i): r.model_dump(mode="json") for i, r in enumerate(records, start=1)}
    return data


def meeting_of(path: Path, data: Tables) -> Meeting:
    """The meeting held by checked tables; records that do not validate make the file unreadable."""
    problem = header_problem(data["meeting"]["1"])
    if problem:
        raise StoreError(f"{path}: not a readable meetui file ({problem})")
    values = dict(data["meeting"]["1"])
    for name in CHILD_FIELDS:
        values[name] = list(data.get(name, {}).values())
    try:
        return Meeting.model_validate(values)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise StoreError(f"{path}: not a readable meetui file ({where}: {first['msg'][:200]})") from None
