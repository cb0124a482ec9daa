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
from .atomic import dump_json, ensure_dir, write_atomic
from .files import INDEX_FORMAT, StoreError, Tables, is_meeting_file_name, read_meeting_tables, summary_of
from .layout import MeetingFiles
from .locks import StoreLocks
from .summary import MeetingSummary


def source_key(status: os.stat_result) -> list[int]:
    """The identity of one version of a meeting file: an atomic replace always changes it."""
    return [status.st_ino, status.st_size, status.st_mtime_ns]


def read_summary(path: Path) -> tuple[dict[str, Any], list[int]] | None:
    """``(summary, source key)`` from an index file, or ``None`` if it is missing or unusable."""
    try:
        data = json.loads(path.read_bytes())
        meta = data["_meta"]["1"]
        if meta["format"] != INDEX_FORMAT or meta["schema"] != migrations.SCHEMA_VERSION:
            return None  # an index of another schema is simply rebuilt
        summary, key = data["summary"]["1"], data["source"]["1"]["key"]
    except (OSError, ValueError, KeyError, TypeError):
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


class Index:
    """The index folder of one store: summaries written with their meeting, read back for listings."""

    def __init__(self, root: Path, files: MeetingFiles, locks: StoreLocks) -> None:
        self.root = root
        self.files = files
        self.locks = locks
        self._indexed: dict[str, dict[str, Any] | None] = {}

    @property
    def folder(self) -> Path:
        return self.root / "index"

    def path(self, meeting_id: str) -> Path:
        return self.folder / f"{meeting_id}.json"

    def record(self, meeting_id: str, path: Path, data: Tables) -> None:
        """Record the summary of the meeting file just written (the caller holds the meeting's lock).

        A write that leaves the summary as it was (a note) leaves the index file
        alone: its source key no longer matches, so a reader takes that one
        summary from the meeting file and refreshes the index. This keeps a
        second file write off the path of every note.
        """
        summary = summary_of(data, path.relative_to(self.root).as_posix())
        index_path = self.path(meeting_id)
        if meeting_id not in self._indexed:
            on_disk = read_summary(index_path)
            self._indexed[meeting_id] = on_disk[0] if on_disk is not None else None
        if self._indexed[meeting_id] == summary:
            return
        ensure_dir(self.folder)
        write_summary(index_path, summary, source_key(path.stat()))
        self._indexed[meeting_id] = summary

    def summary(self, path: Path) -> dict[str, Any]:
        """The summary of one meeting file: from the index if it is current, else from the file."""
        meeting_id = path.stem
        status = path.stat()
        cached = read_summary(self.path(meeting_id))
        if cached is not None and cached[1] == source_key(status):
            return {**cached[0], "path": path.relative_to(self.root).as_posix()}
        data, status = read_meeting_tables(path, meeting_id)
        summary = summary_of(data, path.relative_to(self.root).as_posix())
        self._repair(meeting_id, summary, source_key(status))
        return summary

    def _repair(self, meeting_id: str, summary: dict[str, Any], key: list[int]) -> None:
        """Rewrite a stale or missing index entry, unless a writer holds the meeting (it will)."""
        lock = self.locks.try_writing(meeting_id)
        if lock is None:
            return
        try:
            ensure_dir(self.folder)
            write_summary(self.path(meeting_id), summary, key)
            self._indexed[meeting_id] = summary
        except OSError:
            pass  # a read-only store still lists; it just cannot cache
        finally:
            lock.release()

    def summaries(self, unreadable: list[str]) -> list[MeetingSummary]:
        """Every readable meeting, newest first; unreadable files are described in ``unreadable``."""
        found = []
        for path in self.files:
            try:
                summary = self.summary(path)
            except StoreError as error:
                unreadable.append(str(error))
                continue
            except FileNotFoundError:
                continue  # removed while listing
            found.append(MeetingSummary(**{**summary, "actions": tuple(summary.get("actions", ()))}))
        return sorted(found, key=lambda s: s.sort_time, reverse=True)

    def drop_vanished(self, indexed: set[str]) -> None:
        """Remove entries of meetings whose file is gone."""
        if self.folder.is_dir():
            for entry in self.folder.glob("*.json"):
                gone = entry.stem not in indexed and self.files.find(entry.stem) is None
                if is_meeting_file_name(entry.name) and gone:
                    entry.unlink(missing_ok=True)
