"""Permissions, the index (lost, stale, damaged, rebuilt) and the cleaning of orphaned temporary files."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from meetui.core.clock import SequentialIds
from meetui.core.meeting import LiveMeeting
from meetui.store import Store
from meetui.store.atomic import ORPHAN_AGE_SECONDS, clean_orphans, temp_path_for, write_atomic


def mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


def live_store(store: Store, make_meeting, clock) -> LiveMeeting:
    meeting = make_meeting()
    store.create(meeting)
    live = LiveMeeting(meeting, clock, SequentialIds("r"))
    store.commit(meeting, live.start())
    store.commit(meeting, live.add_note("会议开始"))
    store.commit(meeting, live.add_action("提交测试报告", "李娜", due="+2d"))
    return live


# -- permissions ---------------------------------------------------------------


@pytest.mark.parametrize("umask", [0o022, 0o000])
def test_files_are_0600_and_folders_0700_whatever_the_umask(tmp_path, make_meeting, clock, umask):
    previous = os.umask(umask)
    try:
        store = Store(tmp_path / "data")
        live = live_store(store, make_meeting, clock)
        store.hold_live(live.meeting.id).release()
        write_atomic(store.root / "index" / "extra.json", b"{}", durable=False)
    finally:
        os.umask(previous)
    everything = [store.root, *store.root.rglob("*")]
    folders = [p for p in everything if p.is_dir()]
    files = [p for p in everything if p.is_file()]
    assert {p.relative_to(store.root).as_posix() for p in folders} >= {
        ".",
        "meetings",
        "meetings/2026",
        "meetings/2026/03",
        "index",
        "locks",
    }
    assert {p.suffix for p in files} == {".json", ".lock", ".live"}
    assert {p.relative_to(store.root).as_posix(): oct(mode(p)) for p in folders} == {
        p.relative_to(store.root).as_posix(): oct(0o700) for p in folders
    }
    assert {p.relative_to(store.root).as_posix(): oct(mode(p)) for p in files} == {
        p.relative_to(store.root).as_posix(): oct(0o600) for p in files
    }


def test_an_existing_data_folder_keeps_its_mode(tmp_path, make_meeting):
    root = tmp_path / "mine"
    root.mkdir(mode=0o750)
    os.chmod(root, 0o750)
    Store(root).create(make_meeting())
    assert mode(root) == 0o750
    assert mode(root / "meetings") == 0o700


# -- the index ---------------------------------------------------------------


def test_a_lost_index_is_rebuilt_from_the_meeting_files(store, make_meeting, clock):
    live = live_store(store, make_meeting, clock)
    for shard in (store.root / "index").iterdir():
        shard.unlink()
    fresh = Store(store.root)
    assert [s.id for s in fresh.summaries()] == [live.meeting.id]
    assert [a.task for a in fresh.all_actions()] == ["提交测试报告"]
    assert (store.root / "index" / f"{live.meeting.id}.json").exists()  # and it is written back


def test_a_damaged_index_file_does_not_break_listing(store, make_meeting, clock):
    live = live_store(store, make_meeting, clock)
    (store.root / "index" / f"{live.meeting.id}.json").write_bytes(b'{"_meta": {"1": ')
    assert [s.title for s in Store(store.root).summaries()] == [live.meeting.title]


def test_a_meeting_changed_behind_the_index_is_read_from_its_file(store, make_meeting, clock):
    """A writer killed between the meeting file and its index entry must not leave a lying index."""
    live = live_store(store, make_meeting, clock)
    before = Store(store.root).summaries()
    assert before[0].actions == 1
    assert [a.task for a in Store(store.root).all_actions()] == ["提交测试报告"]
    path = store.meeting_path(live.meeting.id)
    data = json.loads(path.read_bytes())
    data["meeting"]["1"]["title"] = "手工改过的标题"
    next(iter(data["actions"].values()))["task"] = "改过的任务"
    write_atomic(path, json.dumps(data, ensure_ascii=False).encode())  # the index is not told
    fresh = Store(store.root)
    assert [s.title for s in fresh.summaries()] == ["手工改过的标题"]
    assert [a.task for a in fresh.all_actions()] == ["改过的任务"]


def test_note_commits_leave_the_index_alone_yet_listing_stays_right(store, make_meeting, clock):
    live = live_store(store, make_meeting, clock)
    shard = store.root / "index" / f"{live.meeting.id}.json"
    written = shard.read_bytes()
    store.commit(live.meeting, live.add_note("只是一条记录"))
    assert shard.read_bytes() == written
    store.commit(live.meeting, live.add_action("补充预算说明", "王芳"))
    assert shard.read_bytes() != written
    assert sorted(a.task for a in Store(store.root).all_actions()) == ["提交测试报告", "补充预算说明"]


def test_reindex_rebuilds_entries_and_drops_those_of_vanished_meetings(store, make_meeting, clock):
    live = live_store(store, make_meeting, clock)
    gone = make_meeting("已删除的会议")
    store.create(gone)
    store.meeting_path(gone.id).unlink()
    (store.root / "index" / f"{live.meeting.id}.json").unlink()
    assert Store(store.root).reindex() == 1
    assert sorted(p.stem for p in (store.root / "index").iterdir()) == [live.meeting.id]


# -- orphaned temporary files ----------------------------------------------------


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def orphan(folder: Path, target: str, pid: int, age: float = 0.0) -> Path:
    path = folder / f".{target}.{pid}.{os.urandom(4).hex()}.tmp"
    path.write_bytes(b'{"_meta": {"1": {"format": "meetui-mee')
    if age:
        os.utime(path, (time.time() - age, time.time() - age))
    return path


def test_clean_removes_temporaries_of_dead_writers_and_keeps_live_ones(store, make_meeting, clock):
    live = live_store(store, make_meeting, clock)
    folder = store.meeting_path(live.meeting.id).parent
    name = f"{live.meeting.id}.json"
    of_dead = orphan(folder, name, dead_pid())
    of_parent = orphan(folder, name, os.getppid())  # a live process
    of_self = orphan(store.root / "index", name, os.getpid())
    ancient = orphan(folder, name, os.getppid(), age=ORPHAN_AGE_SECONDS + 60)
    not_ours = folder / ".notes.tmp"
    not_ours.write_text("用户自己的文件")
    assert Store(store.root).clean() == 2
    assert not of_dead.exists() and not ancient.exists()
    assert of_parent.exists() and of_self.exists() and not_ours.exists()


def test_the_first_write_of_a_meeting_clears_its_temporaries_under_its_lock(store, make_meeting, clock):
    live = live_store(store, make_meeting, clock)
    folder = store.meeting_path(live.meeting.id).parent
    name = f"{live.meeting.id}.json"
    leftovers = [orphan(folder, name, os.getppid()), orphan(store.root / "index", name, dead_pid())]
    other = orphan(folder, "m9999999.json", dead_pid())
    writer = Store(store.root)
    writer.commit(live.meeting, live.add_note("重新打开后的记录"))
    assert not any(p.exists() for p in leftovers)  # every writer holds the lock, so these are orphans
    assert other.exists()  # another meeting's: not ours to judge under this lock


def test_temporary_names_carry_the_writer_pid(tmp_path):
    temp = temp_path_for(tmp_path / "m0000001.json")
    assert temp.name.startswith(f".m0000001.json.{os.getpid()}.") and temp.name.endswith(".tmp")
    assert clean_orphans(tmp_path) == 0


def test_a_write_whose_index_update_fails_is_still_saved_and_the_index_catches_up(
    store, make_meeting, clock, monkeypatch
) -> None:
    meeting = make_meeting()
    store.create(meeting)
    live = LiveMeeting(store.load(meeting.id), clock, SequentialIds("i"))
    real_index = Store._index

    def index_refused(self, *args) -> None:  # noqa: ANN001, ANN002
        raise PermissionError(13, "Permission denied", str(self.index_dir))

    monkeypatch.setattr(Store, "_index", index_refused)
    store.commit(live.meeting, live.start())  # no error: the meeting file was written
    assert Store(store.root).load(meeting.id).status.value == "live"
    monkeypatch.setattr(Store, "_index", real_index)
    [summary] = Store(store.root).summaries()
    assert summary.status == "live"
