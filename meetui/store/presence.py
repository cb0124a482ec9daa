"""Whether a meeting is being run right now, asked without touching its lock.

The process that runs a meeting live holds ``flock`` on its live lock file
(:meth:`meetui.store.Store.hold_live`). A viewer must not take that lock, not
even for a moment, or a host starting at that very moment would be sent to
the read-only view. On Linux the kernel lists every ``flock`` held in
``/proc/locks`` (``1: FLOCK  ADVISORY  WRITE 24246 fe:00:2150291 0 EOF``: the
lock file's device, major and minor in hex, and inode); elsewhere the answer is
"unknown".
"""

from __future__ import annotations

import os
from pathlib import Path

PROC_LOCKS = Path("/proc/locks")


def is_being_run(locks_dir: Path, meeting_id: str, *, proc_locks: Path = PROC_LOCKS) -> bool | None:
    """True if some process holds the meeting's live lock, False if none does, None if this cannot be told.

    ``locks_dir`` is the store's :attr:`~meetui.store.Store.locks_dir`. Reads
    only: the lock file's identity (``stat``) and the kernel's table of locks.
    A missing lock file means nobody has run the meeting in this store: False.
    """
    try:
        status = os.stat(locks_dir / f"{meeting_id}.live")  # as Store.hold_live names it
    except FileNotFoundError:
        return False
    except OSError:
        return None
    wanted = f"{os.major(status.st_dev):02x}:{os.minor(status.st_dev):02x}:{status.st_ino}"
    try:
        table = proc_locks.read_text(encoding="ascii", errors="replace")
    except OSError:
        return None
    for line in table.splitlines():
        fields = line.split()
        # "1: FLOCK ADVISORY WRITE 24246 fe:00:2150291 0 EOF"; a blocked waiter's line starts "1: ->".
        if len(fields) >= 6 and fields[1] == "FLOCK" and fields[5] == wanted:
            return True
    return False
