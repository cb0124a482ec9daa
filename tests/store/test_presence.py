"""Whether a meeting is being run, told from the kernel's lock table without touching the lock."""

from __future__ import annotations

from pathlib import Path

import pytest

from meetui.core.clock import FrozenClock, SequentialIds
from meetui.core.meeting import new_meeting
from meetui.store import Store
from meetui.store.presence import PROC_LOCKS, is_being_run

needs_proc_locks = pytest.mark.skipif(not PROC_LOCKS.exists(), reason="no /proc/locks (not Linux)")


@pytest.fixture
def meeting_id(store: Store, clock: FrozenClock) -> str:
    meeting = new_meeting("周会 weekly", clock, SequentialIds("p"))
    store.create(meeting)
    return meeting.id


@needs_proc_locks
def test_a_held_live_lock_is_seen_and_a_released_one_is_not(store: Store, meeting_id: str) -> None:
    assert is_being_run(store.locks_dir, meeting_id) is False  # never run: no lock file at all
    lock = store.hold_live(meeting_id)
    try:
        assert is_being_run(store.locks_dir, meeting_id) is True
    finally:
        lock.release()
    assert is_being_run(store.locks_dir, meeting_id) is False
    again = store.hold_live(meeting_id)  # asking took nothing: the host can still claim it
    again.release()


def test_without_the_kernel_table_the_answer_is_unknown(store: Store, meeting_id: str, tmp_path: Path) -> None:
    lock = store.hold_live(meeting_id)
    try:
        assert is_being_run(store.locks_dir, meeting_id, proc_locks=tmp_path / "no-such-file") is None
    finally:
        lock.release()


def test_only_flock_entries_of_this_very_file_count(store: Store, meeting_id: str, tmp_path: Path) -> None:
    lock = store.hold_live(meeting_id)
    lock.release()
    status = (store.locks_dir / f"{meeting_id}.live").stat()
    import os

    device = f"{os.major(status.st_dev):02x}:{os.minor(status.st_dev):02x}"
    table = tmp_path / "locks"
    table.write_text(
        f"1: POSIX  ADVISORY  WRITE 99 {device}:{status.st_ino} 0 EOF\n"
        f"2: FLOCK  ADVISORY  WRITE 99 {device}:{status.st_ino + 1} 0 EOF\n"
        f"2: -> FLOCK  ADVISORY  WRITE 98 {device}:{status.st_ino} 0 EOF\n"
    )
    assert is_being_run(store.locks_dir, meeting_id, proc_locks=table) is False
    table.write_text(table.read_text() + f"3: FLOCK  ADVISORY  WRITE 99 {device}:{status.st_ino} 0 EOF\n")
    assert is_being_run(store.locks_dir, meeting_id, proc_locks=table) is True
