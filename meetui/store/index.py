"""The index: one small summary file per meeting, so listings need not parse every meeting.

``index/<id>.json`` holds a meeting's summary (title, status, dates, action
items) and the identity of the meeting file it was taken from (inode, size,
modification time). A summary is trusted only while that identity still
matches the meeting file, so the index can never show stale data: a writer
killed between writing a meeting and its summary, a summary lost or damaged
by a power cut, or a meeting file replaced by hand, all make the reader fall
back to the meeting file and rewrite the summary. That is also why summaries
are written without fsync: they are a cache, rebuilt whenever in doubt.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from . import migrations
from .atomic import dump_json, write_atomic
from .files import INDEX_FORMAT, read_file


def source_key(status: os.stat_result) -> list[int]:
    """The identity of one version of a meeting file: an atomic replace always changes it."""
    return [status.st_ino, status.st_size, status.st_mtime_ns]


def read_summary(path: Path) -> tuple[dict[str, Any], list[int]] | None:
    """``(summary, source key)`` from an index file, or ``None`` if it is missing or unusable."""
    try:
        data = json.loads(read_file(path)[0])  # a regular file of bounded size: never hangs on a FIFO
        meta = data["_meta"]["1"]
        if meta["format"] != INDEX_FORMAT or meta["schema"] != migrations.SCHEMA_VERSION:
            return None  # an index of another schema is simply rebuilt
        summary, key = data["summary"]["1"], data["source"]["1"]["key"]
    except (OSError, ValueError, KeyError, TypeError, RecursionError):  # StoreError is a ValueError
        return None
    if not isinstance(summary, dict) or not isinstance(key, list):
        return None
    return summary, key


def write_summary(path: Path, summary: dict[str, Any], key: list[int]) -> None:
    """Write an index file (atomically, without fsync: see the module's docstring)."""
    data = {
        "_meta": {"1": {"format": INDEX_FORMAT, "schema": migrations.SCHEMA_VERSION}},
        "summary": {"1": summary},
        "source": {"1": {"key": key}},
    }
    write_atomic(path, dump_json(data), durable=False)
