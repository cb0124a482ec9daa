"""Lock files: exclusive across threads and processes, released by the kernel when a holder dies."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from meetui.store.locking import LockFile

HOLDER = """
import sys, time
from pathlib import Path
from meetui.store.locking import LockFile
lock = LockFile(Path(sys.argv[1]))
lock.acquire(timeout=5)
print("held", flush=True)
time.sleep(60)
"""


def test_a_second_holder_in_the_same_process_waits_then_gets_it(tmp_path: Path) -> None:
    path = tmp_path / "会议.lock"
    first, second = LockFile(path), LockFile(path)
    first.acquire(timeout=0)
    with pytest.raises(TimeoutError, match="held by another process"):
        second.acquire(timeout=0.05)
    assert not second.is_locked
    threading.Timer(0.1, first.release).start()  # released from another thread, as the UI releases the live lock
    second.acquire(timeout=5)
    assert second.is_locked and not first.is_locked
    second.release()
    second.release()  # a lock not held is left alone


def test_the_lock_file_is_private_and_one_object_cannot_take_it_twice(tmp_path: Path) -> None:
    lock = LockFile(tmp_path / "m1.lock")
    lock.acquire(timeout=0)
    assert stat.S_IMODE(os.stat(lock.lock_file).st_mode) == 0o600
    with pytest.raises(RuntimeError, match="already held"):
        lock.acquire(timeout=0)
    lock.release()


def test_another_process_holding_it_blocks_until_it_is_killed(tmp_path: Path) -> None:
    path = tmp_path / "m2.lock"
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(path)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        lock = LockFile(path)
        started = time.monotonic()
        with pytest.raises(TimeoutError):
            lock.acquire(timeout=0.2)
        assert time.monotonic() - started >= 0.2
        holder.send_signal(signal.SIGKILL)  # no clean-up: the kernel releases the lock with the process
        holder.wait(10)
        lock.acquire(timeout=5)
        assert lock.is_locked
        lock.release()
    finally:
        holder.kill()
        holder.wait(10)
