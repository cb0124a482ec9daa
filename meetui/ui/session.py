"""The bridge between the live screen and the core: apply an operation, persist it in order.

:class:`MeetingSession` owns the :class:`~meetui.core.meeting.LiveMeeting`
being run. ``apply`` runs a core operation on the UI thread (pure, fast),
snapshots what it changed, and hands the snapshot to one background writer
thread, which writes changes to the store in the order they were made (changes
queued while it was writing go to disk together, in one write). The UI never
waits on the disk; ``pending`` tells how many changes are not yet
durable, and listeners hear when changes land or fail.

A write that fails (a full disk, a folder made read-only) loses nothing: its
changes stay queued, in order, ahead of later ones. The writer tries again with
the next change, and on its own after a pause that grows from one second to
half a minute, until the disk takes them; ``last_error`` says why they are not
saved meanwhile.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from pydantic import ValidationError

from ..core.clock import Clock, IdSource
from ..core.errors import MeetuiError
from ..core.meeting import Change, LiveMeeting, friendly
from ..core.models import Meeting
from ..store import Store
from ..store.store import PendingWrite

Operation = Callable[[LiveMeeting], Change]


class Outcome(NamedTuple):
    """What :meth:`MeetingSession.attempt` made of an operation.

    ``change`` is the change made, ``None`` when nothing changed: then
    ``message`` says why, and ``refused`` tells a refusal (an error) from an
    operation that had nothing to do (a notice, such as "the queue is empty").
    """

    change: Change | None
    message: str = ""
    refused: bool = False
    error: Exception | None = None


Listener = Callable[[], None]
ErrorListener = Callable[[Exception], None]

_STOP = object()

#: The longest the writer waits for the frame that shows a change before it writes the change (seconds).
FRAME_WAIT_SECONDS = 0.1

#: Pauses before the writer retries failed changes on its own: the first, and the longest.
RETRY_FIRST_SECONDS = 1.0
RETRY_MAX_SECONDS = 30.0


class MeetingSession:
    """One meeting being run (or followed read-only) in this process."""

    def __init__(
        self, store: Store, meeting: Meeting, clock: Clock, *, ids: IdSource | None = None, read_only: bool = False
    ) -> None:
        self.store = store
        self.clock = clock
        self.read_only = read_only
        self.live = LiveMeeting(meeting, clock, ids)
        self._queue: queue.Queue[object] = queue.Queue()
        self._pending = 0
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._unsaved: list[PendingWrite] = []  # failed changes, oldest first; the writer thread's alone
        self._retry_seconds = RETRY_FIRST_SECONDS
        self._to_remove: list[Path] = []  # queued shell updates applied, removed once their change is on disk
        self.on_saved: list[Listener] = []
        self.on_error: list[ErrorListener] = []
        self.last_error: Exception | None = None
        #: How the UI runs a callback once the frame after a change is drawn (the live screen gives Textual's
        #: ``call_after_refresh``). The writer waits for that frame (at most :data:`FRAME_WAIT_SECONDS`) before it
        #: writes: serialising a big meeting holds Python's interpreter lock for several milliseconds, and the
        #: note on screen comes first (it roughly halves keypress-to-frame on a meeting of 2,000 notes).
        self.after_frame: Callable[[Callable[[], None]], object] | None = None
        self.frame_wait = FRAME_WAIT_SECONDS
        self._drawn = threading.Event()
        self._drawn.set()

    @property
    def meeting(self) -> Meeting:
        return self.live.meeting

    @property
    def pending(self) -> int:
        """Changes applied in memory but not yet on disk."""
        with self._lock:
            return self._pending

    def apply(self, operation: Operation) -> Change:
        """Run a core operation and queue its change for the disk.

        Raises :class:`MeetuiError` (nothing changed) when the core refuses it.
        """
        if self.read_only:
            raise MeetuiError("this is a read-only view: the meeting is run by another process")
        change = operation(self.live)
        if not change.empty:
            if self.after_frame is not None:
                self._drawn.clear()
                self.after_frame(self._drawn.set)
            self._enqueue(self.store.prepare(self.meeting, change))
        return change

    def attempt(self, operation: Operation) -> Outcome:
        """Run an operation as :meth:`apply` does, but never raise: a refusal or an empty change comes back as an
        :class:`Outcome` without a change, saying why (the live screen and every dialog show it the same way)."""
        try:
            change = self.apply(operation)
        except MeetuiError as error:
            return Outcome(None, str(error), refused=True, error=error)
        except ValidationError as error:
            return Outcome(None, str(friendly(error, "input")), refused=True, error=error)
        if change.empty:
            return Outcome(None, change.message)
        return Outcome(change, change.message)

    def apply_queued(self) -> list[tuple[str, bool]]:
        """Apply the updates ``meetui action`` queued for this meeting (see :mod:`meetui.store.queue`).

        Called by the live screen every second; returns ``(message, applied)``
        per update found. Each file is removed once the change it made is on
        disk (a refused or unreadable one at once): a process that dies first
        leaves it to the next one that opens the meeting.
        """
        if self.read_only:
            return []
        from ..core.lifecycle import ActionUpdate, apply_update

        said: list[tuple[str, bool]] = []
        for path, doc in self.store.queue.pending(self.meeting.id):
            try:
                update = ActionUpdate.model_validate(doc)
                change = self.apply(lambda live, u=update: Change([apply_update(live.meeting, u)]))  # type: ignore[misc]
            except (MeetuiError, ValueError) as error:  # pydantic's ValidationError is a ValueError
                said.append((f"an update from the shell was refused: {str(error).splitlines()[0]}", False))
                self.store.queue.remove([path])
                continue
            item = change.records[0]
            said.append((f"action {item.id} updated from the shell: {getattr(item, 'status', '')}", True))
            self._queue.put(_Remove([path]))
        return said

    def _enqueue(self, pending: PendingWrite) -> None:
        with self._lock:
            self._pending += 1
        if self._thread is None or not self._thread.is_alive():
            self._thread = threading.Thread(target=self._write_loop, name="meetui-writer", daemon=True)
            self._thread.start()
        self._queue.put(pending)

    def _write_loop(self) -> None:
        while True:
            try:
                # With failed changes held back, wake up after a pause to try them again.
                first = self._queue.get(timeout=self._retry_seconds if self._unsaved else None)
            except queue.Empty:
                self._write([])
                continue
            self._drawn.wait(self.frame_wait)  # the frame showing the change first, then the disk
            items = [first]
            while True:  # everything queued meanwhile goes to disk in one write (one pair of fsyncs)
                try:
                    items.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            batch: list[PendingWrite] = []
            for item in items:
                if isinstance(item, PendingWrite):
                    batch.append(item)
                    continue
                self._write(batch)
                batch = []
                if isinstance(item, _Remove):  # once everything before it is on disk
                    self._to_remove += item.paths
                    if not self._unsaved:
                        self._remove_applied()
                    continue
                if item is _STOP:
                    return
                assert isinstance(item, _Marker)
                item.event.set()
            self._write(batch)

    def _write(self, batch: list[PendingWrite]) -> None:
        """Write the changes held back by a failure, then ``batch``, in order and all at once.

        Listeners hear once for the lot: ``on_saved`` when they are on disk,
        ``on_error`` when they are not (they stay held back, to be tried again).
        """
        attempt = [*self._unsaved, *batch]
        if not attempt:
            return
        try:
            self.store.write(*attempt)
        except Exception as error:  # reported to the UI; the changes stay in memory and in the queue
            if self._unsaved:  # failed again: wait longer before the next try
                self._retry_seconds = min(self._retry_seconds * 2, RETRY_MAX_SECONDS)
            self._unsaved = attempt
            self.last_error = error
            for listener in self.on_error:
                listener(error)
            return
        self._unsaved = []
        self._remove_applied()
        self._retry_seconds = RETRY_FIRST_SECONDS
        self.last_error = None
        with self._lock:
            self._pending -= len(attempt)
        for saved in self.on_saved:
            saved()

    def _remove_applied(self) -> None:
        paths, self._to_remove = self._to_remove, []
        self.store.queue.remove(paths)

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until every queued change has been written (failed ones tried once more); True if all are on disk."""
        done = threading.Event()
        if self._thread is None or not self._thread.is_alive():
            return self.pending == 0
        self._drawn.set()  # asked to be on disk now: no waiting for a frame
        self._queue.put(_Marker(done))
        return done.wait(timeout) and self.pending == 0

    @property
    def writing(self) -> bool:
        """Whether the writer thread is still at work (a write outlasted :meth:`close`'s wait)."""
        return self._thread is not None and self._thread.is_alive()

    def close(self, timeout: float = 10.0) -> bool:
        """Flush and stop the writer thread."""
        flushed = self.flush(timeout)
        if self._thread is not None and self._thread.is_alive():
            self._queue.put(_STOP)
            self._thread.join(timeout)
        return flushed


class _Marker:
    """A queue entry that only signals that everything before it was written."""

    def __init__(self, event: threading.Event) -> None:
        self.event = event


class _Remove:
    """A queue entry: remove these queued-update files once everything before it is on disk."""

    def __init__(self, paths: list[Path]) -> None:
        self.paths = paths
