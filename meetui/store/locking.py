"""Lock files held with the operating system's file lock, across processes and threads.

On POSIX systems a :class:`LockFile` holds ``flock`` on its own open file: the
kernel releases it when the process ends however it ends (a crash, ``kill -9``),
so a lock file left behind never blocks anyone, and two holders in one process
(two threads) exclude each other as two processes do. Lock files are 0600
whatever the umask; one that cannot be opened raises :class:`LockUnusable`
naming it. This is all the store
needs of a lock, in some sixty lines: the ``filelock`` package, which does the
same and much more, took about 8 ms to import, on the way to the live
screen's first frame. On Windows, where ``flock`` does not exist, ``filelock``
is used instead.
"""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path
from typing import Protocol

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


class LockUnusable(OSError):
    """A lock file that cannot be opened (a folder in its place, no permission…); ``strerror`` says what to do."""


class Lock(Protocol):
    """What the store asks of a lock: take it (waiting at most ``timeout`` seconds), give it back."""

    @property
    def lock_file(self) -> str: ...

    def acquire(self, timeout: float) -> None: ...

    def release(self) -> None: ...


class LockFile:
    """An exclusive lock on one file; :meth:`acquire` raises :class:`TimeoutError` when it stays taken."""

    def __init__(self, path: Path, *, poll_seconds: float = 0.002, mode: int = 0o600) -> None:
        self.path = path
        self.poll_seconds = poll_seconds
        self.mode = mode
        self._fd: int | None = None

    @property
    def lock_file(self) -> str:
        return str(self.path)

    @property
    def is_locked(self) -> bool:
        return self._fd is not None

    def acquire(self, timeout: float) -> None:
        """Take the lock, trying every ``poll_seconds`` for up to ``timeout`` seconds (0: try once)."""
        if self._fd is not None:
            raise RuntimeError(f"{self.path} is already held by this lock")
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), self.mode)
        except OSError as exc:
            raise LockUnusable(
                exc.errno,
                f"the lock file cannot be opened ({exc.strerror or exc}): remove it, or give it back to its owner",
                str(self.path),
            ) from None
        try:
            if stat.S_IMODE(os.fstat(fd).st_mode) != self.mode:
                os.fchmod(fd, self.mode)  # os.open's mode is filtered by the umask; an old lock file may differ
        except OSError:
            pass  # another user's lock file: it still locks
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    os.close(fd)
                    raise TimeoutError(f"{self.path} is held by another process") from None
                time.sleep(self.poll_seconds)
            except BaseException:
                os.close(fd)
                raise
            else:
                self._fd = fd
                return

    def release(self) -> None:
        """Give the lock back (closing the file releases it); a lock not held is left alone."""
        fd, self._fd = self._fd, None
        if fd is not None:
            os.close(fd)


def file_lock(path: Path, *, poll_seconds: float) -> Lock:
    """A lock on ``path``: :class:`LockFile` where ``flock`` exists, else ``filelock``'s."""
    if fcntl is not None:
        return LockFile(path, poll_seconds=poll_seconds)
    from filelock import FileLock  # pragma: no cover - Windows

    # thread_local=False: the live lock is claimed in a worker thread and released from the UI thread
    return FileLock(path, mode=0o600, poll_interval=poll_seconds, thread_local=False)  # pragma: no cover
