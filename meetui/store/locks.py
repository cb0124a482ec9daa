"""The store's locks: one writer lock per meeting around every read-modify-write, one live lock per meeting.

``locks/<id>.lock`` is held around every write of the meeting (by threads and
processes alike); ``locks/<id>.live`` by the one process running the meeting live.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..core.errors import MeetuiError
from .atomic import ensure_dir
from .files import StoreError, check_id
from .locking import Lock, LockUnusable, file_lock

__all__ = ["LOCK_POLL_SECONDS", "LOCK_TIMEOUT", "MeetingBusy", "StoreLocks", "disk_errors"]

LOCK_TIMEOUT = 10.0
LOCK_POLL_SECONDS = 0.002


class MeetingBusy(MeetuiError):
    """Another process is running this meeting live."""


class StoreLocks:
    """The lock files of one store (``locks/`` under the data folder)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    @property
    def folder(self) -> Path:
        return self.root / "locks"

    def lock(self, name: str) -> Lock:
        ensure_dir(self.folder)
        return file_lock(self.folder / name, poll_seconds=LOCK_POLL_SECONDS)

    @contextmanager
    def writing(self, meeting_id: str, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
        """Hold the meeting's writer lock, waiting up to ``timeout`` seconds; a lock kept longer is refused."""
        lock = self.lock(f"{meeting_id}.lock")
        try:
            lock.acquire(timeout=timeout)
        except TimeoutError:
            raise MeetuiError(f"the store is busy: {lock.lock_file} is held by another process") from None
        try:
            yield
        finally:
            lock.release()

    def try_writing(self, meeting_id: str) -> Lock | None:
        """The meeting's writer lock if it is free right now (the caller releases it), else ``None``."""
        return self.try_lock(f"{meeting_id}.lock")

    def try_lock(self, name: str) -> Lock | None:
        """The lock ``locks/<name>`` if it is free right now (the caller releases it), else ``None``."""
        try:
            lock = self.lock(name)
            lock.acquire(timeout=0)
        except OSError:  # busy (TimeoutError is an OSError) or a read-only store
            return None
        return lock

    def hold_live(self, meeting_id: str) -> Lock:
        """Claim the right to run a meeting live; raise :class:`MeetingBusy` if taken.

        The returned lock is held until released (or the process ends).
        """
        with disk_errors(self.folder):
            lock = self.lock(f"{check_id(meeting_id)}.live")
            try:
                lock.acquire(timeout=0)
            except TimeoutError:
                raise MeetingBusy(
                    f"meeting {meeting_id} is being run by another meetui process; opening it read-only"
                ) from None
        return lock

    def live_held(self, meeting_id: str) -> bool:
        """Whether some process holds the meeting's live lock now (a lock left by a dead process is not held).

        Asked without touching the lock where the system can tell (:mod:`meetui.store.presence`); elsewhere by
        trying it for an instant.
        """
        from .presence import is_being_run

        known = is_being_run(self.folder, meeting_id)
        if known is not None:
            return known
        path = self.folder / f"{meeting_id}.live"
        if not path.exists():
            return False
        try:
            lock = file_lock(path, poll_seconds=LOCK_POLL_SECONDS)
            lock.acquire(timeout=0)
        except OSError:
            return True
        lock.release()
        return False


@contextmanager
def disk_errors(path: Path) -> Iterator[None]:
    """Turn a failing disk operation into one line naming the file, for the user."""
    try:
        yield
    except MeetuiError:
        raise
    except LockUnusable as exc:
        raise StoreError(f"{exc.filename}: {exc.strerror}") from None
    except OSError as exc:
        raise StoreError(f"{exc.filename or path}: cannot be written ({exc.strerror or exc})") from None
