"""The meetui store: one TinyDB file per meeting, plus a small index file per meeting.

Layout under the data folder (every file 0600, every folder meetui creates 0700)::

    meetings/YYYY/MM/<id>.json   one TinyDB database per meeting (the archive order)
    index/<id>.json              that meeting's summary and action items, for listings
    locks/<id>.lock              writer lock around every read-modify-write of the meeting
    locks/<id>.live              held by the one process running the meeting live

Every write of a meeting happens under its lock: the file is re-read there,
changed with TinyDB's semantics, and written whole with
:func:`~meetui.store.atomic.write_atomic` (temporary file, fsync,
``os.replace``, fsync of the folder). Concurrent writers, in this process or
others, thus lose nothing, and a crash at any moment leaves the old file or the
new one. A write touches one meeting file and at most one index file (none
for a note), whatever the number of meetings in the store.

Re-reading is cheap when nobody else wrote: the store keeps each meeting file
as it last read or wrote it (:class:`~meetui.store.meeting_file.MeetingFile`),
and when the bytes read under the lock are exactly those, it reuses the parsed
tables and re-encodes only the records that changed. Bytes that differ in any
way are parsed and checked in full, as on the first write.

A file that cannot be used (see :mod:`meetui.store.files`) is refused with a
:class:`StoreError` naming it, before anything is written.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError
from tinydb import TinyDB, where
from tinydb.middlewares import CachingMiddleware
from tinydb.table import Document

from ..core.errors import MeetuiError
from ..core.models import RECORD_TABLES, ActionItem, ActionStatus, Meeting, Record
from .atomic import clean_orphans, ensure_dir
from .files import (
    FORMAT,
    INDEX_FORMAT,
    StoreError,
    Tables,
    check_id,
    is_meeting_file_name,
    meeting_of,
    meeting_tables,
    read_file,
    read_meeting_tables,
    summary_of,
    summary_problem,
    tables_of,
)
from .index import read_summary, source_key, write_summary
from .locking import Lock, LockUnusable, file_lock
from .meeting_file import SUMMARY_TABLES, MeetingFile

if TYPE_CHECKING:
    from ..core.meeting import Change

__all__ = [
    "FORMAT", "INDEX_FORMAT", "MeetingBusy", "MeetingSummary", "PendingWrite", "Store", "StoreError",
    "default_data_dir",
]

LOCK_TIMEOUT = 10.0
LOCK_POLL_SECONDS = 0.002


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

    @property
    def sort_time(self) -> dt.datetime:
        """:attr:`sort_key` as a moment, so that times with different offsets compare right."""
        return _moment(self.sort_key)

    @property
    def open_actions(self) -> int:
        """How many of the meeting's action items are not done."""
        return sum(1 for action in self.actions if action.get("status") != ActionStatus.DONE.value)


@dataclass
class PendingWrite:
    """A change reduced to plain data, ready to be written by :meth:`Store.write`."""

    meeting_id: str
    header: dict[str, Any] | None = None
    upserts: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    deletes: list[tuple[str, str]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return self.header is None and not self.upserts and not self.deletes


class Store:
    """All meetings under one data folder. Creates nothing until the first write.

    One instance may be shared by threads (the UI's background writer): every
    write takes the meeting's lock, which excludes other threads as well as
    other processes.
    """

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root).expanduser()
        self._paths: dict[str, Path] = {}
        self._opened: set[str] = set()
        self._indexed: dict[str, dict[str, Any] | None] = {}
        self._files: dict[str, MeetingFile] = {}
        #: One line per meeting file the last :meth:`summaries` call had to skip.
        self.unreadable: list[str] = []
        #: One line per thing a write that succeeded could not do (the index entry of a created meeting).
        self.warnings: list[str] = []

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
        return self.meetings_dir / f"{when.year:04d}" / f"{when.month:02d}" / f"{check_id(meeting.id)}.json"

    def meeting_path(self, meeting_id: str) -> Path:
        """The file of an existing meeting; an unknown id is refused."""
        check_id(meeting_id)
        known = self._paths.get(meeting_id)
        if known is not None and os.path.lexists(known):
            return known
        found = self._find(meeting_id)
        if found is None:
            raise MeetuiError(f"no meeting with id {meeting_id!r} in {self.root}")
        self._paths[meeting_id] = found
        return found

    def _find(self, meeting_id: str) -> Path | None:
        if not self.meetings_dir.is_dir():
            return None
        # lexists: a file that is there but cannot be read (a symlink loop) is found, and then reported
        found = (folder / f"{meeting_id}.json" for folder in sorted(self.meetings_dir.glob("*/*")))
        return next((path for path in found if os.path.lexists(path)), None)

    def _meeting_files(self) -> Iterator[Path]:
        if self.meetings_dir.is_dir():
            for path in self.meetings_dir.glob("*/*/*.json"):
                if is_meeting_file_name(path.name):
                    yield path

    def _index_path(self, meeting_id: str) -> Path:
        return self.index_dir / f"{meeting_id}.json"

    def _lock(self, name: str) -> Lock:
        ensure_dir(self.locks_dir)
        return file_lock(self.locks_dir / name, poll_seconds=LOCK_POLL_SECONDS)

    @contextmanager
    def _locked(self, meeting_id: str) -> Iterator[None]:
        lock = self._lock(f"{meeting_id}.lock")
        try:
            lock.acquire(timeout=LOCK_TIMEOUT)
        except TimeoutError:
            raise MeetuiError(f"the store is busy: {lock.lock_file} is held by another process") from None
        try:
            yield
        finally:
            lock.release()

    def hold_live(self, meeting_id: str) -> Lock:
        """Claim the right to run a meeting live; raise :class:`MeetingBusy` if taken.

        The returned lock is held until released (or the process ends).
        """
        with _disk_errors(self.locks_dir):
            lock = self._lock(f"{check_id(meeting_id)}.live")
            try:
                lock.acquire(timeout=0)
            except TimeoutError:
                raise MeetingBusy(
                    f"meeting {meeting_id} is being run by another meetui process; opening it read-only"
                ) from None
        return lock

    # -- reading -------------------------------------------------------------------

    def load(self, meeting_id: str) -> Meeting:
        """Load a whole meeting; an unreadable file raises :class:`StoreError` naming it."""
        path = self.meeting_path(meeting_id)
        data, _ = read_meeting_tables(path, meeting_id)
        return meeting_of(path, data)

    # -- writing ---------------------------------------------------------------

    def create(self, meeting: Meeting) -> Path:
        """Write a new meeting; refuses to overwrite an existing one."""
        path = self.path_for(meeting)
        self.warnings = []
        with _disk_errors(path), self._locked(meeting.id):
            if path.exists() or self._find(meeting.id) is not None:
                raise MeetuiError(f"a meeting with id {meeting.id} already exists")
            ensure_dir(path.parent)
            self._open_for_writing(meeting.id, path)
            self._write_tables(meeting.id, path, tables_of(meeting))
        self._paths[meeting.id] = path
        return path

    def save(self, meeting: Meeting) -> None:
        """Rewrite a whole meeting (imports and migrations); live edits use :meth:`commit`.

        An unreadable or newer file is refused, not overwritten.
        """
        path = self.meeting_path(meeting.id)
        with _disk_errors(path), self._locked(meeting.id):
            self._open_for_writing(meeting.id, path)
            read_meeting_tables(path, meeting.id)
            self._write_tables(meeting.id, path, tables_of(meeting))

    def commit(self, meeting: Meeting, change: Change) -> None:
        """Make one change durable at once (see :meth:`prepare` and :meth:`write`)."""
        self.write(self.prepare(meeting, change))

    def prepare(self, meeting: Meeting, change: Change) -> PendingWrite:
        """Snapshot what a change must write, as plain data.

        Cheap and done where the change happened (the UI thread), so that the
        slow part, :meth:`write`, can run in a background thread while the
        in-memory meeting keeps changing.
        """
        return PendingWrite(
            meeting_id=meeting.id,
            header=meeting.header() if change.meeting else None,
            upserts=[(RECORD_TABLES[type(r)], r.model_dump(mode="json")) for r in _unique(change.records)],
            deletes=[(RECORD_TABLES[type(r)], r.id) for r in change.deleted],
        )

    def write(self, *pendings: PendingWrite) -> None:
        """Write prepared changes under the meeting's lock, in order; returns once they are on disk.

        The file is re-read inside the lock, so a record written meanwhile by
        another process is kept; an unreadable or newer file is refused untouched.
        Consecutive changes to one meeting go to disk in one file write: all of
        them, or (if it fails) none.
        """
        batch: list[PendingWrite] = []
        for pending in pendings:
            if pending.empty:
                continue
            if batch and batch[0].meeting_id != pending.meeting_id:
                self._write_batch(batch)
                batch = []
            batch.append(pending)
        if batch:
            self._write_batch(batch)

    def _write_batch(self, batch: list[PendingWrite]) -> None:
        meeting_id = batch[0].meeting_id
        path = self.meeting_path(meeting_id)
        with _disk_errors(path), self._locked(meeting_id):
            self._open_for_writing(meeting_id, path)
            current = self._current(meeting_id, path)
            # One TinyDB per write, inside the lock: no id or query cache outlives it. The caching
            # middleware collects the whole batch and hands it to the storage in one atomic write.
            db = TinyDB(storage=CachingMiddleware(lambda: current))
            try:
                for pending in batch:
                    _apply(db, current, pending)
                db.storage.flush()
            except BaseException:
                # The tables in memory may hold changes the file does not: forget them.
                self._files.pop(meeting_id, None)
                raise
            if not current.indexed or current.touched & SUMMARY_TABLES:
                try:
                    self._index(meeting_id, path, current.data)
                except OSError:  # the meeting is saved; the index is a cache, rebuilt from it by the next write
                    current.indexed = False  # or listing, so this write must not look failed
                else:
                    current.indexed = True

    def _current(self, meeting_id: str, path: Path) -> MeetingFile:
        """The meeting file as it is on disk now (the caller holds the lock).

        The file is always read; it is parsed and checked again unless its
        bytes are exactly the ones this store last read or wrote.
        """
        raw, _ = read_file(path)
        known = self._files.get(meeting_id)
        if known is not None and known.holds(raw):
            return known
        self._files.pop(meeting_id, None)
        current = self._files[meeting_id] = MeetingFile(path, raw, meeting_tables(path, raw, meeting_id))
        return current

    def _write_tables(self, meeting_id: str, path: Path, data: Tables) -> None:
        """Write a whole meeting file through TinyDB, and its index entry (the caller holds the lock)."""
        self._files.pop(meeting_id, None)
        ensure_dir(path.parent)
        written = MeetingFile(path, b"", {})
        db = TinyDB(storage=CachingMiddleware(lambda: written))
        for name, docs in data.items():
            db.table(name).insert_multiple(Document(doc, doc_id=int(key)) for key, doc in docs.items())
        db.storage.flush()
        self._files[meeting_id] = written
        try:
            self._index(meeting_id, path, written.data)
        except OSError as exc:  # the meeting file is the truth: it is saved, and the index is rebuilt from it
            self.warnings.append(f"the index entry {exc.filename or self._index_path(meeting_id)} could not be "
                                 f"written ({exc.strerror or exc}); it will be rebuilt from {path}")
        else:
            written.indexed = True

    def _open_for_writing(self, meeting_id: str, path: Path) -> None:
        """Once per meeting and process, under its lock: remove temporary files of killed writers."""
        if meeting_id in self._opened:
            return
        clean_orphans(path.parent, target=path.name, writers_excluded=True)
        clean_orphans(self.index_dir, target=f"{meeting_id}.json", writers_excluded=True)
        self._opened.add(meeting_id)

    # -- index ----------------------------------------------------------------

    def _index(self, meeting_id: str, path: Path, data: Tables) -> None:
        """Record the summary of the meeting file just written (the caller holds the lock).

        A write that leaves the summary as it was (a note) leaves the index file
        alone: its source key no longer matches, so a reader takes that one
        summary from the meeting file and refreshes the index. This keeps a
        second file write off the path of every note.
        """
        summary = summary_of(data, path.relative_to(self.root).as_posix())
        index_path = self._index_path(meeting_id)
        if meeting_id not in self._indexed:
            on_disk = read_summary(index_path)
            self._indexed[meeting_id] = on_disk[0] if on_disk is not None else None
        if self._indexed[meeting_id] == summary:
            return
        ensure_dir(self.index_dir)
        write_summary(index_path, summary, source_key(path.stat()))
        self._indexed[meeting_id] = summary

    def _summary(self, path: Path) -> dict[str, Any]:
        """The summary of one meeting file: from the index if it is current, else from the file."""
        meeting_id = path.stem
        try:
            status = path.stat()
        except FileNotFoundError:
            raise
        except OSError as exc:  # a symlink loop, a name too long…
            raise StoreError(f"{path}: cannot be read ({exc.strerror or exc})") from None
        cached = read_summary(self._index_path(meeting_id))
        if cached is not None and cached[1] == source_key(status) and summary_problem(cached[0], meeting_id) is None:
            return {**cached[0], "path": path.relative_to(self.root).as_posix()}
        data, status = read_meeting_tables(path, meeting_id)
        meeting_of(path, data)  # a meeting `show` would refuse is not listed either
        summary = summary_of(data, path.relative_to(self.root).as_posix())
        self._repair_index(meeting_id, summary, source_key(status))
        return summary

    def _repair_index(self, meeting_id: str, summary: dict[str, Any], key: list[int]) -> None:
        """Rewrite a stale or missing index entry, unless a writer holds the meeting (it will)."""
        try:
            lock = self._lock(f"{meeting_id}.lock")
            lock.acquire(timeout=0)
        except OSError:  # busy (TimeoutError is an OSError) or a read-only store
            return
        try:
            ensure_dir(self.index_dir)
            write_summary(self._index_path(meeting_id), summary, key)
            self._indexed[meeting_id] = summary
        except OSError:
            pass  # a read-only store still lists; it just cannot cache
        finally:
            lock.release()

    def summaries(self) -> list[MeetingSummary]:
        """Every readable meeting, newest first.

        Unreadable meeting files are skipped and described in :attr:`unreadable`;
        loading one of them reports it.
        """
        if self.root.exists() and not self.root.is_dir():
            raise StoreError(f"{self.root}: not a folder, so it cannot hold a meetui store")
        found = []
        self.unreadable = []
        first: dict[str, Path] = {}
        for path in sorted(self._meeting_files()):
            if path.stem in first:  # the copy :meth:`meeting_path` does not use
                self.unreadable.append(f"{path}: a duplicate of meeting {path.stem}, which is {first[path.stem]}")
                continue
            first[path.stem] = path
            try:
                summary = self._summary(path)
            except StoreError as error:
                self.unreadable.append(str(error))
                continue
            except FileNotFoundError:
                continue  # removed while listing
            found.append(MeetingSummary(**{**summary, "actions": tuple(summary.get("actions", ()))}))
        return sorted(found, key=lambda s: s.sort_time, reverse=True)

    def all_actions(self, summaries: list[MeetingSummary] | None = None) -> list[ActionItem]:
        """Action items of every meeting, from the index (or from ``summaries`` already listed)."""
        items = []
        for summary in self.summaries() if summaries is None else summaries:
            for doc in summary.actions:
                try:
                    items.append(ActionItem.model_validate(doc))
                except ValidationError:  # reported, not dropped silently
                    self.unreadable.append(f"{self.root / summary.path}: an action item that is not valid")
                    break
        return items

    def resolve(self, ref: str) -> str:
        """A meeting id from an id, a unique prefix of one, or ``last``.

        Ids and prefixes are matched against the meeting files themselves, so an
        unreadable meeting is still found (and then reported when loaded).
        """
        ref = ref.strip().lower()
        ids = sorted({path.stem for path in self._meeting_files()})
        if not ids:
            raise MeetuiError(f"there are no meetings in {self.root} yet: create one with `meetui new TITLE`")
        if ref == "last":
            summaries = self.summaries()
            if not summaries:
                raise MeetuiError(f"no readable meeting in {self.root}: {self.unreadable[0]}")
            return max(summaries, key=lambda s: _moment(s.created_at)).id
        if ref in ids:
            return ref
        matches = [i for i in ids if i.startswith(ref)] if ref else []
        if len(matches) == 1:
            return matches[0]
        if not matches:
            raise MeetuiError(f"no meeting matches {ref!r} (see `meetui list`)")
        raise MeetuiError(f"{ref!r} matches {len(matches)} meetings ({', '.join(matches[:5])}…): type more")

    def reindex(self) -> int:
        """Rebuild every index entry from the meeting files; returns how many meetings are indexed.

        Entries whose meeting file is gone are removed; unreadable meeting
        files are skipped and described in :attr:`unreadable`.
        """
        self.unreadable = []
        indexed: set[str] = set()
        for path in self._meeting_files():
            meeting_id = path.stem
            with self._locked(meeting_id):
                try:
                    data, _ = read_meeting_tables(path, meeting_id)
                except StoreError as error:
                    self.unreadable.append(str(error))
                    continue
                self._index(meeting_id, path, data)
            indexed.add(meeting_id)
        if self.index_dir.is_dir():
            for entry in self.index_dir.glob("*.json"):
                if is_meeting_file_name(entry.name) and entry.stem not in indexed and self._find(entry.stem) is None:
                    entry.unlink(missing_ok=True)
        return len(indexed)

    def clean(self) -> int:
        """Remove temporary files left by writers that were killed; returns how many.

        Safe while other processes write: a temporary file whose writer is
        still alive (and not implausibly old) is kept.
        """
        removed = 0
        folders = [self.index_dir, *self.meetings_dir.glob("*/*")] if self.root.is_dir() else []
        for folder in folders:
            if folder.is_dir():
                removed += clean_orphans(folder)
        return removed


def _moment(text: str | None) -> dt.datetime:
    """An ISO 8601 time from the index; anything unreadable sorts first."""
    try:
        moment = dt.datetime.fromisoformat(text or "")
    except ValueError:
        return _EARLIEST
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)


_EARLIEST = dt.datetime.min.replace(tzinfo=dt.UTC)


@contextmanager
def _disk_errors(path: Path) -> Iterator[None]:
    """Turn a failing disk operation into one line naming the file, for the user."""
    try:
        yield
    except MeetuiError:
        raise
    except LockUnusable as exc:
        raise StoreError(f"{exc.filename}: {exc.strerror}") from None
    except OSError as exc:
        raise StoreError(f"{exc.filename or path}: cannot be written ({exc.strerror or exc})") from None


def _apply(db: TinyDB, current: MeetingFile, pending: PendingWrite) -> None:
    """Make one prepared change to the meeting's TinyDB tables (upserts by record id)."""
    if pending.header is not None:
        db.table("meeting").update(pending.header, doc_ids=[1])
    for table_name, doc in pending.upserts:
        table = db.table(table_name)
        doc_id = current.doc_id(table_name, doc["id"])
        if doc_id is None:
            current.remember(table_name, doc["id"], table.insert(doc))
        else:
            table.update(doc, doc_ids=[doc_id])
    for table_name, record_id in pending.deletes:
        db.table(table_name).remove(where("id") == record_id)
        current.forget(table_name)


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

