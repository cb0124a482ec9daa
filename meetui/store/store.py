"""The meetui store: one TinyDB file per meeting, plus a derived index.

Layout under the data folder (every file 0600, every folder meetui creates 0700)::

    meetings/YYYY/MM/<id>.json   one TinyDB database per meeting (the archive order)
    index/<id>.json              that meeting's index entry: summary, action items, text (a shard)
    index/<part>.pack.json       one part of every entry, for listings, search and the home screen
    locks/<id>.lock              writer lock around every read-modify-write of the meeting
    locks/<id>.live              held by the one process running the meeting live
    locks/<id>.shell.lock        taken in turn by updates from the shell (``meetui action``)
    queue/<id>/*.json            updates queued for the process running the meeting live

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

The concerns live in their own modules, and :class:`Store` is the one entry
point that joins them: :mod:`~meetui.store.layout` (where meeting files are),
:mod:`~meetui.store.locks` (writer and live locks), :mod:`~meetui.store.index`
(the derived index), :mod:`~meetui.store.resolve` (``MEETING`` arguments),
:mod:`~meetui.store.writing` (changes as plain data) and
:mod:`~meetui.store.meeting_file` (a meeting file kept parsed between writes).

A file that cannot be used (see :mod:`meetui.store.files`) is refused with a
:class:`StoreError` naming it, before anything is written.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tinydb import TinyDB
from tinydb.middlewares import CachingMiddleware
from tinydb.table import Document

from ..core.errors import MeetuiError
from ..core.models import ActionItem, Meeting
from .atomic import clean_orphans, ensure_dir
from .drafts import Drafts
from .files import (
    FORMAT,
    INDEX_FORMAT,
    StoreError,
    Tables,
    meeting_of,
    meeting_tables,
    read_file,
    read_meeting_tables,
    tables_of,
)
from .index import CLOSED, Index, IndexRow
from .layout import MeetingFiles
from .locking import Lock
from .locks import LOCK_POLL_SECONDS, LOCK_TIMEOUT, MeetingBusy, StoreLocks, disk_errors
from .meeting_file import MeetingFile
from .queue import UpdateQueue
from .resolve import resolve
from .search import SearchHit, search
from .summary import MeetingSummary, moment, when_of
from .writing import PendingWrite, apply, prepare

if TYPE_CHECKING:
    from ..core.meeting import Change

#: Tables whose change changes the meeting's index entry (see :func:`meetui.store.index.entry_of`); notes,
#: the hot path of a live meeting, are not among them: readers take a live meeting's notes from its file.
INDEXED_TABLES = frozenset({"meeting", "actions", "topics", "decisions", "parking_lot", "attendees"})

__all__ = [
    "FORMAT",
    "INDEX_FORMAT",
    "LOCK_POLL_SECONDS",
    "LOCK_TIMEOUT",
    "MeetingBusy",
    "MeetingSummary",
    "PendingWrite",
    "SearchHit",
    "Store",
    "StoreError",
    "default_data_dir",
]


class Store:
    """All meetings under one data folder. Creates nothing until the first write.

    One instance may be shared by threads (the UI's background writer): every
    write takes the meeting's lock, which excludes other threads as well as
    other processes.
    """

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root).expanduser()
        self.files = MeetingFiles(self.root)
        self.locks = StoreLocks(self.root)
        self.index = Index(self.root, self.files, self.locks)
        #: Updates queued for meetings run live by another process.
        self.queue = UpdateQueue(self.root)
        self.drafts = Drafts(self.root)
        self._opened: set[str] = set()
        self._files: dict[str, MeetingFile] = {}
        #: One line per meeting file the last listing had to skip.
        self.unreadable: list[str] = []
        #: The unreadable meeting files passed over by the last :meth:`resolve` of ``last`` (it names the newest
        #: *readable* meeting, so a caller says which files it skipped).
        self.passed_over: list[str] = []
        #: One line per damaged index entry the last listing found (and rebuilt from its meeting file).
        self.warnings: list[str] = []

    # -- paths and locks ---------------------------------------------------------

    @property
    def meetings_dir(self) -> Path:
        return self.files.folder

    @property
    def index_dir(self) -> Path:
        return self.index.folder

    @property
    def locks_dir(self) -> Path:
        return self.locks.folder

    def path_for(self, meeting: Meeting) -> Path:
        """Where a new meeting's file goes: by year and month of its date."""
        return self.files.path_for(meeting)

    def meeting_path(self, meeting_id: str) -> Path:
        """The file of an existing meeting; an unknown id is refused."""
        return self.files.path(meeting_id)

    def hold_live(self, meeting_id: str) -> Lock:
        """Claim the right to run a meeting live; raise :class:`MeetingBusy` if taken (see :class:`StoreLocks`)."""
        return self.locks.hold_live(meeting_id)

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
        with disk_errors(path), self.locks.writing(meeting.id):
            if path.exists() or self.files.find(meeting.id) is not None:
                raise MeetuiError(f"a meeting with id {meeting.id} already exists")
            ensure_dir(path.parent)
            self._open_for_writing(meeting.id, path)
            self._write_tables(meeting.id, path, tables_of(meeting))
        self.files.remember(meeting.id, path)
        return path

    def save(self, meeting: Meeting) -> None:
        """Rewrite a whole meeting (imports and migrations); live edits use :meth:`commit`.

        An unreadable or newer file is refused, not overwritten.
        """
        path = self.meeting_path(meeting.id)
        with disk_errors(path), self.locks.writing(meeting.id):
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
        return prepare(meeting, change)

    def write(self, *pendings: PendingWrite) -> None:
        """Write prepared changes under the meeting's lock, in order; returns once they are on disk.

        The file is re-read inside the lock, so a record written meanwhile by
        another process is kept; an unreadable or newer file is refused untouched.
        Consecutive changes to one meeting go to disk in one file write: all of
        them, or (if it fails) none.
        """
        batch: list[PendingWrite] = []
        changed: list[PendingWrite] = []  # action items that existed before: only those can have copies
        for pending in pendings:
            if pending.empty:
                continue
            if batch and batch[0].meeting_id != pending.meeting_id:
                changed += self._write_batch(batch)
                batch = []
            batch.append(pending)
        if batch:
            changed += self._write_batch(batch)
        if changed:
            self._write_copies(changed)

    def _write_copies(self, pendings: list[PendingWrite]) -> None:
        """Give every other copy of the action items just changed their new state (see :mod:`.copies`).

        The change written stands whatever happens here: a copy that cannot be written is named in
        :attr:`warnings`, and is the older copy, so listings show the item as written.
        """
        from .copies import copies_to_write, queued_update

        unreadable, warnings = self.unreadable, self.warnings
        problems: list[str] = []
        try:
            targets = copies_to_write(self, pendings)
            for meeting_id, pairs in targets.items():
                try:
                    if self.locks.live_held(meeting_id):  # its live process applies them, as it does `meetui action`
                        for copy, new in pairs:
                            self.queue.put(meeting_id, queued_update(copy, new))
                    else:
                        self._write_batch([PendingWrite(meeting_id, upserts=[("actions", new) for _, new in pairs])])
                except (MeetuiError, OSError) as error:
                    problems.append(
                        f"the copy of action item {pairs[0][1]['id']} in meeting {meeting_id} was not updated: {error}"
                    )
        except (MeetuiError, OSError) as error:
            problems.append(f"the other copies of the action items written were not updated: {error}")
        finally:
            self.unreadable, self.warnings = unreadable, warnings + problems

    def _write_batch(self, batch: list[PendingWrite]) -> list[PendingWrite]:
        """Write one meeting's changes; returns the action items among them that were there before (an update,
        not a new item), as changes, for :meth:`_write_copies`."""
        meeting_id = batch[0].meeting_id
        path = self.meeting_path(meeting_id)
        with disk_errors(path), self.locks.writing(meeting_id):
            self._open_for_writing(meeting_id, path)
            current = self._current(meeting_id, path)
            updated = [
                PendingWrite(meeting_id, upserts=[(table, doc)])
                for pending in batch
                for table, doc in pending.upserts
                if table == "actions" and current.doc_id(table, doc["id"]) is not None
            ]
            # One TinyDB per write, inside the lock: no id or query cache outlives it. The caching
            # middleware collects the whole batch and hands it to the storage in one atomic write.
            db = TinyDB(storage=CachingMiddleware(lambda: current))  # type: ignore[no-untyped-call]
            try:
                for pending in batch:
                    apply(db, current, pending)
                db.storage.flush()  # type: ignore[attr-defined]  # the CachingMiddleware's
            except BaseException:
                # The tables in memory may hold changes the file does not: forget them.
                self._files.pop(meeting_id, None)
                raise
            if not current.indexed or current.touched & INDEXED_TABLES:
                try:
                    self._index(meeting_id, path, current.data, current.raw)
                except OSError:  # the meeting is saved; the index is a cache, rebuilt from it by the next write
                    current.indexed = False  # or listing, so this write must not look failed
                else:
                    current.indexed = True
        return updated

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
        db = TinyDB(storage=CachingMiddleware(lambda: written))  # type: ignore[no-untyped-call]
        for name, docs in data.items():
            db.table(name).insert_multiple(Document(doc, doc_id=int(key)) for key, doc in docs.items())
        db.storage.flush()  # type: ignore[attr-defined]  # the CachingMiddleware's
        self._files[meeting_id] = written
        try:
            self._index(meeting_id, path, written.data, written.raw)
        except OSError as exc:  # the meeting file is the truth: it is saved, and the index is rebuilt from it
            self.warnings.append(
                f"the index entry {exc.filename or self.index.path(meeting_id)} could not be "
                f"written ({exc.strerror or exc}); it will be rebuilt from {path}"
            )
        else:
            written.indexed = True

    def _open_for_writing(self, meeting_id: str, path: Path) -> None:
        """Once per meeting and process, under its lock: remove temporary files of killed writers."""
        if meeting_id in self._opened:
            return
        clean_orphans(path.parent, target=path.name, writers_excluded=True)
        clean_orphans(self.index_dir, target=f"{meeting_id}.json", writers_excluded=True)
        self._opened.add(meeting_id)

    def _index(self, meeting_id: str, path: Path, data: Tables, raw: bytes | None = None) -> None:
        """Bring the meeting's index entry up to date with the tables just written (the caller holds the lock)."""
        self.index.record(meeting_id, path, data, raw)

    # -- listing -----------------------------------------------------------------

    def entries(self, *parts: str, files: dict[str, tuple[str, list[int]]] | None = None) -> list[IndexRow]:
        """The asked-for parts (``meeting``, ``actions``, ``text``) of every readable meeting's index entry
        (``files``: a scan of the folders just made, see :meth:`meetui.store.index.Index.read`)."""
        if self.root.exists() and not self.root.is_dir():
            raise StoreError(f"{self.root}: not a folder, so it cannot hold a meetui store")
        self.unreadable = []
        rows = self.index.read(parts, self.unreadable, files)
        self.warnings = self.index.warnings
        return rows

    def summaries(self) -> list[MeetingSummary]:
        """Every readable meeting, newest first, from the index (one small file when it is current).

        Unreadable meeting files are skipped and described in :attr:`unreadable`;
        loading one of them reports it. A live meeting that no process runs is
        marked ``interrupted``.
        """
        return self.summaries_of(self.entries("meeting"))

    def summaries_of(self, rows: list[IndexRow]) -> list[MeetingSummary]:
        """:meth:`summaries` of index rows already read (with their ``meeting`` part), newest first."""
        found = []
        for row in rows:
            values = row.parts["meeting"]
            interrupted = values["status"] == "live" and not self.locks.live_held(row.id)
            found.append(MeetingSummary.of(values, row.path, interrupted=interrupted))
        return sorted(found, key=lambda s: s.sort_time, reverse=True)

    def action_docs(self, *, where: bool = False) -> list[dict[str, Any]]:
        """Every action item as the JSON objects of the index (checked; see :mod:`.index`), once each.

        A follow-up meeting carries copies of the open items of the one it follows: each item is listed once, as
        its copy updated last (:func:`~meetui.core.planning.latest_copies`; with ``where``, each object also has
        ``in_meetings``, the meetings holding a copy). Cheap on thousands of items: no model is built. Use
        :meth:`all_actions` for models.
        """
        from ..core.planning import latest_copies

        return latest_copies([doc for row in self.entries("actions") for doc in row.parts["actions"]], where=where)

    def open_action_docs(self, rows: list[IndexRow]) -> list[dict[str, Any]]:
        """The open action items of index rows read with their ``open`` part, once each (the latest copy of a
        carried item, with ``in_meetings``; see :meth:`action_docs`).

        The ``open`` part holds every carried copy, closed or not, so a copy closed since it was carried is
        seen. An open copy whose original is missing there was carried from a meeting where the item is now
        closed (copies written apart, before the store kept them the same) or gone: those few meetings are
        read, so the copy updated last decides.
        """
        from ..core.planning import latest_copies

        docs = [doc for row in rows for doc in row.parts["open"]]
        present = {(doc["meeting_id"], doc["id"]) for doc in docs}
        wanted = {
            (doc["carried_from"], doc["id"])
            for doc in docs
            if doc["carried_from"] and (doc["carried_from"], doc["id"]) not in present
        }
        held = {row.id for row in rows}
        for meeting_id in sorted({meeting_id for meeting_id, _ in wanted} & held):
            try:
                meeting = self.load(meeting_id)
            except MeetuiError:  # unreadable since the index was read: its copies are not compared
                continue
            docs += [a.model_dump(mode="json") for a in meeting.actions if (meeting_id, a.id) in wanted]
        return [doc for doc in latest_copies(docs, where=True) if doc["status"] not in CLOSED]

    def all_actions(self) -> list[ActionItem]:
        """Action items of every meeting, from the index, as models."""
        from pydantic import TypeAdapter

        return TypeAdapter(list[ActionItem]).validate_python(self.action_docs())

    def search(self, query: str, *, limit: int = 500) -> list[SearchHit]:
        """Where ``query`` occurs (case-insensitive substring, Chinese included) in every meeting's text.

        Titles, topics, notes, decisions, action items and parking lots; newest
        meetings first, at most ``limit`` hits.
        """
        rows = self.entries("meeting", "text")
        rows.sort(key=lambda r: moment(when_of(r.parts["meeting"])), reverse=True)
        return search(query, [(r.id, r.parts["meeting"]["title"], r.parts["text"]) for r in rows], limit=limit)

    def resolve(self, ref: str) -> str:
        """A meeting id from an id, a unique prefix of one, or ``last`` (see :func:`~meetui.store.resolve.resolve`)."""
        self.passed_over = []
        self.index.problems = []
        found = self.index.scan()  # one walk of the folders, with strings: cheap on thousands of meetings
        meeting_id = resolve(ref, sorted(found), lambda: self._last(found), self.root)
        if meeting_id in found:  # so that loading it needs no search of the folders
            self.files.remember(meeting_id, self.root / found[meeting_id][0])
        return meeting_id

    def _last(self, found: dict[str, tuple[str, list[int]]]) -> str:
        """The most recently created readable meeting, from the ``meeting`` pack alone (``found``: the folders'
        scan :meth:`resolve` made, not made twice)."""
        rows = self.entries("meeting", files=found)
        if not rows:
            raise MeetuiError(f"no readable meeting in {self.root}: {self.unreadable[0]}")
        self.passed_over = list(self.unreadable)
        return max(rows, key=lambda r: moment(r.parts["meeting"]["created_at"])).id

    # -- upkeep ------------------------------------------------------------------

    def reindex(self) -> int:
        """Rebuild every index entry from the meeting files; returns how many meetings are indexed.

        Entries whose meeting file is gone are removed; unreadable meeting
        files are skipped and described in :attr:`unreadable`.
        """
        self.unreadable = []
        indexed: set[str] = set()
        for path in self.files:
            meeting_id = path.stem
            with self.locks.writing(meeting_id):
                try:
                    data, _ = read_meeting_tables(path, meeting_id)
                except StoreError as error:
                    self.unreadable.append(str(error))
                    continue
                self._index(meeting_id, path, data)
            indexed.add(meeting_id)
        self.index.drop_vanished(indexed)
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


def default_data_dir() -> Path:
    """The store folder: ``$MEETUI_DATA`` or the user data directory."""
    env = os.environ.get("MEETUI_DATA")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path("meetui", appauthor=False)
