"""The meetui store: one TinyDB file per meeting, plus a small summary per meeting.

Layout under the data folder::

    meetings/YYYY/MM/<id>.json   one TinyDB database per meeting (the archive order)
    index/<id>.json              that meeting's summary and action items, for listings
    locks/<id>.lock              short writer lock around every read-modify-write
    locks/<id>.live              held by the one process running the meeting live

Each meeting file has the tables ``_meta`` (format and schema version),
``meeting`` (the meeting's own fields) and one table per kind of child record
(``notes``, ``actions``…), keyed by the record's id. Every write goes through
:class:`~meetui.store.atomic.AtomicJSONStorage`, under the meeting's lock,
re-reading the file first, so concurrent writers lose nothing. A write touches
one meeting file and at most one index file: its cost does not grow with the
number of meetings in the store.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout
from pydantic import ValidationError
from tinydb import TinyDB
from tinydb.middlewares import CachingMiddleware

from ..core.errors import MeetuiError
from ..core.meeting import Change
from ..core.models import CHILD_FIELDS, RECORD_TABLES, ActionItem, Meeting, Record
from .atomic import AtomicJSONStorage, clean_orphans, ensure_dir
from .migrations import SCHEMA_VERSION, migrate

FORMAT = "meetui-meeting"
INDEX_FORMAT = "meetui-index"
LOCK_TIMEOUT = 10.0


class StoreError(MeetuiError):
    """A store file that cannot be used; the message names the file."""


class MeetingBusy(MeetuiError):
    """Another process is running this meeting live."""


@dataclass(frozen=True)
class MeetingSummary:
    """What listings need to know about a meeting, without loading it."""

    id: str
    title: str
    kind: str
    status: str
    scheduled_start: str | None
    created_at: str
    ended_at: str | None
    timezone: str
    path: str
    actions: tuple[dict[str, Any], ...] = ()

    @property
    def sort_key(self) -> str:
        return self.scheduled_start or self.created_at


@dataclass
class PendingWrite:
    """A change reduced to plain data, ready to be written by :meth:`Store.write`."""

    meeting_id: str
    header: dict[str, Any] | None = None
    upserts: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    deletes: list[tuple[str, str]] = field(default_factory=list)
    summary_of: Meeting | None = None

    @property
    def empty(self) -> bool:
        return self.header is None and not self.upserts and not self.deletes


def summarise(meeting: Meeting, path: str) -> dict[str, Any]:
    """The index document of a meeting."""
    header = meeting.header()
    return {
        "id": meeting.id,
        "title": meeting.title,
        "kind": header["kind"],
        "status": header["status"],
        "scheduled_start": header["scheduled_start"],
        "created_at": header["created_at"],
        "ended_at": header["ended_at"],
        "timezone": meeting.timezone,
        "path": path,
        "actions": [a.model_dump(mode="json", exclude={"progress"}) for a in meeting.actions],
    }


class Store:
    """All meetings under one data folder. Creates nothing until the first write."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root).expanduser()
        self._summaries: dict[str, dict[str, Any]] = {}
        self._paths: dict[str, Path] = {}

    # -- paths and locks ---------------------------------------------------------

    @property
    def meetings_dir(self) -> Path:
        return self.root / "meetings"

    @property
    def index_dir(self) -> Path:
        return self.root / "index"

    @property
    def locks_dir(self) -> Path:
        return self.root / "locks"

    def path_for(self, meeting: Meeting) -> Path:
        """Where a new meeting's file goes: by year and month of its date."""
        when = meeting.scheduled_start or meeting.created_at
        return self.meetings_dir / f"{when.year:04d}" / f"{when.month:02d}" / f"{meeting.id}.json"

    def meeting_path(self, meeting_id: str) -> Path:
        """The file of an existing meeting."""
        if meeting_id in self._paths:
            return self._paths[meeting_id]
        summary = self._read_summary(meeting_id)
        if summary is not None:
            path = self.root / summary["path"]
            if path.exists():
                self._paths[meeting_id] = path
                return path
        found = next(self.meetings_dir.glob(f"*/*/{meeting_id}.json"), None) if self.meetings_dir.exists() else None
        if found is None:
            raise MeetuiError(f"no meeting with id {meeting_id!r} in {self.root}")
        self._paths[meeting_id] = found
        return found

    @contextmanager
    def _locked(self, name: str) -> Iterator[None]:
        ensure_dir(self.locks_dir)
        lock = FileLock(self.locks_dir / f"{name}.lock", mode=0o600)
        try:
            with lock.acquire(timeout=LOCK_TIMEOUT):
                yield
        except Timeout:
            raise MeetuiError(f"the store is busy: {lock.lock_file} is held by another process") from None

    def hold_live(self, meeting_id: str) -> FileLock:
        """Claim the right to run a meeting live; raise :class:`MeetingBusy` if taken.

        The returned lock is held until released (or the process ends).
        """
        ensure_dir(self.locks_dir)
        lock = FileLock(self.locks_dir / f"{meeting_id}.live", mode=0o600)
        try:
            lock.acquire(timeout=0)
        except Timeout:
            raise MeetingBusy(
                f"meeting {meeting_id} is being run by another meetui process; opening it read-only"
            ) from None
        return lock

    # -- reading -------------------------------------------------------------------

    def _open(self, path: Path) -> TinyDB:
        return TinyDB(path, storage=CachingMiddleware(AtomicJSONStorage))

    def _read_raw(self, path: Path) -> dict[str, Any]:
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raise StoreError(f"{path}: the file is missing") from None
        except OSError as exc:
            raise StoreError(f"{path}: cannot be read ({exc.strerror})") from None
        try:
            data = json.loads(raw)
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise StoreError(f"{path}: not a readable meetui file (corrupt or truncated)") from None
        return self._checked(path, data, FORMAT)

    def _checked(self, path: Path, data: Any, expected: str) -> dict[str, Any]:
        if not isinstance(data, dict):
            raise StoreError(f"{path}: not a meetui file")
        meta = (data.get("_meta") or {}).get("1")
        if not isinstance(meta, dict) or meta.get("format") != expected:
            raise StoreError(f"{path}: not a meetui file")
        schema = meta.get("schema")
        if not isinstance(schema, int):
            raise StoreError(f"{path}: not a meetui file (no schema version)")
        if schema > SCHEMA_VERSION:
            raise StoreError(
                f"{path}: written by a newer meetui (schema {schema}, this one reads up to {SCHEMA_VERSION}); upgrade meetui"
            )
        if schema < SCHEMA_VERSION:
            data = migrate(data, schema)
        return data

    def load(self, meeting_id: str) -> Meeting:
        """Load a whole meeting; an unreadable file raises :class:`StoreError`."""
        path = self.meeting_path(meeting_id)
        return self._meeting_from(path, self._read_raw(path))

    def _meeting_from(self, path: Path, data: dict[str, Any]) -> Meeting:
        try:
            header = next(iter((data.get("meeting") or {}).values()))
            values = dict(header)
            for name, _cls in CHILD_FIELDS.items():
                values[name] = list((data.get(name) or {}).values())
            return Meeting.model_validate(values)
        except (StopIteration, ValidationError, TypeError, AttributeError):
            raise StoreError(f"{path}: not a readable meetui file (its records do not validate)") from None

    # -- writing ---------------------------------------------------------------

    def create(self, meeting: Meeting) -> Path:
        """Write a new meeting; refuses to overwrite an existing one."""
        path = self.path_for(meeting)
        with self._locked(meeting.id):
            if path.exists():
                raise MeetuiError(f"a meeting with id {meeting.id} already exists")
            ensure_dir(path.parent)
            self._write_whole(path, meeting)
        self._paths[meeting.id] = path
        self._update_index(meeting, path)
        return path

    def save(self, meeting: Meeting) -> None:
        """Rewrite a whole meeting (imports and migrations); live edits use :meth:`commit`."""
        path = self.meeting_path(meeting.id)
        with self._locked(meeting.id):
            self._write_whole(path, meeting)
        self._update_index(meeting, path)

    def _write_whole(self, path: Path, meeting: Meeting) -> None:
        data: dict[str, Any] = {
            "_meta": {"1": {"format": FORMAT, "schema": SCHEMA_VERSION}},
            "meeting": {"1": meeting.header()},
        }
        for name in CHILD_FIELDS:
            records: list[Record] = getattr(meeting, name)
            data[name] = {str(i): r.model_dump(mode="json") for i, r in enumerate(records, start=1)}
        AtomicJSONStorage(path).write(data)

    def commit(self, meeting: Meeting, change: Change) -> None:
        """Make one change durable at once (see :meth:`prepare` and :meth:`write`)."""
        self.write(self.prepare(meeting, change))

    def prepare(self, meeting: Meeting, change: Change) -> PendingWrite:
        """Snapshot what a change must write, as plain data.

        Cheap and done where the change happened (the UI thread), so that the
        slow part, :meth:`write`, can run in a background thread while the
        in-memory meeting keeps changing.
        """
        touches_index = change.meeting or any(isinstance(r, ActionItem) for r in [*change.records, *change.deleted])
        return PendingWrite(
            meeting_id=meeting.id,
            header=meeting.header() if change.meeting else None,
            upserts=[(RECORD_TABLES[type(r)], r.model_dump(mode="json")) for r in _unique(change.records)],
            deletes=[(RECORD_TABLES[type(r)], r.id) for r in change.deleted],
            summary_of=meeting.model_copy(update={"notes": [], "decisions": [], "speakers": []}, deep=True)
            if touches_index else None,
        )

    def write(self, pending: PendingWrite) -> None:
        """Write a prepared change under the meeting's lock; returns once it is on disk.

        The file is re-read inside the lock, so a record written meanwhile by
        another process is kept.
        """
        if pending.empty:
            return
        path = self.meeting_path(pending.meeting_id)
        with self._locked(pending.meeting_id):
            self._read_raw(path)  # refuse to touch an unreadable or newer file
            db = self._open(path)
            try:
                if pending.header is not None:
                    db.table("meeting").update(pending.header, doc_ids=[1])
                for table_name, doc in pending.upserts:
                    table = db.table(table_name)
                    existing = [d.doc_id for d in table.all() if d.get("id") == doc["id"]]
                    if existing:
                        table.update(doc, doc_ids=existing[:1])
                    else:
                        table.insert(doc)
                for table_name, record_id in pending.deletes:
                    db.table(table_name).remove(lambda d, rid=record_id: d.get("id") == rid)
                db.storage.flush()
            finally:
                db.close()
        if pending.summary_of is not None:
            self._update_index(pending.summary_of, path)

    # -- index ----------------------------------------------------------------

    def _index_path(self, meeting_id: str) -> Path:
        return self.index_dir / f"{meeting_id}.json"

    def _update_index(self, meeting: Meeting, path: Path) -> None:
        summary = summarise(meeting, str(path.relative_to(self.root)))
        if self._summaries.get(meeting.id) == summary:
            return
        with self._locked(f"index-{meeting.id}"):
            ensure_dir(self.index_dir)
            AtomicJSONStorage(self._index_path(meeting.id)).write(
                {"_meta": {"1": {"format": INDEX_FORMAT, "schema": SCHEMA_VERSION}}, "summary": {"1": summary}}
            )
        self._summaries[meeting.id] = summary

    def _read_summary(self, meeting_id: str) -> dict[str, Any] | None:
        path = self._index_path(meeting_id)
        try:
            data = json.loads(path.read_bytes())
            return self._checked(path, data, INDEX_FORMAT)["summary"]["1"]
        except (FileNotFoundError, json.JSONDecodeError, UnicodeDecodeError, KeyError, StoreError):
            return None

    def summaries(self) -> list[MeetingSummary]:
        """Every meeting, newest first, read from the index."""
        if not self.index_dir.exists():
            return []
        found = []
        for path in self.index_dir.glob("*.json"):
            summary = self._read_summary(path.stem)
            if summary is not None:
                found.append(MeetingSummary(**{**summary, "actions": tuple(summary.get("actions", ()))}))
        return sorted(found, key=lambda s: s.sort_key, reverse=True)

    def all_actions(self) -> list[ActionItem]:
        """Action items of every meeting, from the index."""
        items = []
        for summary in self.summaries():
            for doc in summary.actions:
                try:
                    items.append(ActionItem.model_validate(doc))
                except ValidationError:
                    continue
        return items

    def resolve(self, ref: str) -> str:
        """A meeting id from an id, a unique prefix of one, or ``last``."""
        ref = ref.strip()
        summaries = self.summaries()
        if not summaries:
            raise MeetuiError(f"there are no meetings in {self.root} yet: create one with `meetui new TITLE`")
        if ref == "last":
            return max(summaries, key=lambda s: s.created_at).id
        exact = [s.id for s in summaries if s.id == ref]
        if exact:
            return exact[0]
        matches = [s.id for s in summaries if s.id.startswith(ref)] if ref else []
        if len(matches) == 1:
            return matches[0]
        if not matches:
            raise MeetuiError(f"no meeting matches {ref!r} (see `meetui list`)")
        raise MeetuiError(f"{ref!r} matches {len(matches)} meetings ({', '.join(sorted(matches)[:5])}…): type more")

    def clean(self) -> int:
        """Remove temporary files left by writers that were killed."""
        removed = 0
        for folder in [self.index_dir, *self.meetings_dir.glob("*/*")] if self.root.exists() else []:
            if folder.is_dir():
                removed += clean_orphans(folder)
        return removed


def _unique(records: Iterable[Record]) -> Iterator[Record]:
    seen: set[int] = set()
    for record in records:
        if id(record) not in seen:
            seen.add(id(record))
            yield record


def default_data_dir() -> Path:
    """The store folder: ``$MEETUI_DATA`` or the user data directory."""
    env = os.environ.get("MEETUI_DATA")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path("meetui", appauthor=False)
