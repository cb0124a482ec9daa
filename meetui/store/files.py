"""The store's file format: reading and checking files, and turning meetings into tables and back.

A meeting file is a TinyDB database with the tables ``_meta`` (format name and
schema version), ``meeting`` (the meeting's own fields, document ``1``) and one
table per kind of child record (``notes``, ``actions``…). Anything else, such
as a file that is corrupt, truncated, empty, of another program, or written by
a newer meetui, is refused with a :class:`StoreError` whose one-line message
names the file; refusing never touches the file.
"""

from __future__ import annotations

import json
import os
import re
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


def read_file(path: Path) -> tuple[bytes, os.stat_result]:
    """The bytes of ``path`` and the status of the very file they came from."""
    try:
        with open(path, "rb") as handle:
            return handle.read(), os.fstat(handle.fileno())
    except FileNotFoundError:
        raise StoreError(f"{path}: the file is missing") from None
    except OSError as exc:
        raise StoreError(f"{path}: cannot be read ({exc.strerror or exc})") from None


def decode(path: Path, raw: bytes, expected: str = FORMAT) -> Tables:
    """Parse and check the content of a store file, upgrading an older schema in memory."""
    if not raw.strip():
        raise StoreError(f"{path}: not a readable meetui file (it is empty)")
    try:
        data = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError):
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
    return data


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
    values = dict(data["meeting"]["1"])
    for name in CHILD_FIELDS:
        values[name] = list(data.get(name, {}).values())
    try:
        return Meeting.model_validate(values)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise StoreError(f"{path}: not a readable meetui file ({where}: {first['msg']})") from None


def summary_of(data: Tables, path: str) -> dict[str, Any]:
    """What listings need of a meeting (its header and action items), from its tables."""
    header = data["meeting"]["1"]
    return {
        "id": header["id"],
        "title": header.get("title", ""),
        "kind": header.get("kind", "other"),
        "status": header.get("status", "draft"),
        "scheduled_start": header.get("scheduled_start"),
        "created_at": header.get("created_at", ""),
        "ended_at": header.get("ended_at"),
        "timezone": header.get("timezone", "UTC"),
        "path": path,
        "actions": [
            {key: value for key, value in doc.items() if key != "progress"}
            for doc in data.get("actions", {}).values()
        ],
    }
