"""The store's memory of a meeting file never hides the file: what others wrote is kept, and nothing stale is written.

A store reuses the tables it last wrote when the bytes it reads under the lock
are exactly those (see :mod:`meetui.store.meeting_file`). These tests change
the file behind its back in every way that matters (another instance, another
process, an in-place rewrite of the same size and time, damage, a failed write)
and check that each commit still starts from what is really on disk, that the
bytes are those of the whole tables, and that changes land as TinyDB would
have made them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from tinydb import TinyDB
from tinydb.storages import MemoryStorage

from meetui.core.clock import SequentialIds
from meetui.core.meeting import LiveMeeting
from meetui.core.models import Attendance, NoteKind
from meetui.store import Store, StoreError
from meetui.store import meeting_file as meeting_file_module
from meetui.store.atomic import dump_json

WRITER = Path(__file__).with_name("writer.py")


@pytest.fixture
def live(store, make_meeting, clock) -> LiveMeeting:
    meeting = make_meeting()
    store.create(meeting)
    return LiveMeeting(meeting, clock, SequentialIds("c"))


def on_disk(store: Store, meeting_id: str) -> dict:
    return json.loads(store.meeting_path(meeting_id).read_bytes())


def note_texts(store: Store, meeting_id: str) -> list[str]:
    return [n.text for n in Store(store.root).load(meeting_id).notes]


def tinydb_write(tables: dict, pending) -> dict:  # noqa: ANN001
    """What the store did before it kept tables in memory: a fresh TinyDB's update, insert and remove."""
    reference = TinyDB(storage=MemoryStorage)
    reference.storage.write(tables)
    if pending.header is not None:
        reference.table("meeting").update(pending.header, doc_ids=[1])
    for table_name, doc in pending.upserts:
        table = reference.table(table_name)
        found = table.get(lambda d, rid=doc["id"]: d.get("id") == rid)
        if found is not None:
            table.update(doc, doc_ids=[found.doc_id])
        else:
            table.insert(doc)
    for table_name, record_id in pending.deletes:
        reference.table(table_name).remove(lambda d, rid=record_id: d.get("id") == rid)
    return json.loads(json.dumps(reference.storage.read()))


def test_changes_land_as_tinydb_would_make_them_and_the_bytes_are_the_whole_tables(store, live, clock):
    meeting_id = live.meeting.id
    expected = on_disk(store, meeting_id)
    first_action: list[str] = []

    def add_first_action(live: LiveMeeting):  # noqa: ANN202
        change = live.add_action("整理发布清单", "李娜", due="+3d")
        first_action.append(change.records[0].id)
        return change

    steps = [
        lambda live: live.mark("王芳", Attendance.PRESENT),
        lambda live: live.start(),
        lambda live: live.add_note("研发报告支付模块延期两周", NoteKind.INFO, author="李娜"),
        add_first_action,
        lambda live: live.add_note("可以先发布不含新支付的版本", NoteKind.IDEA),
        lambda live: live.set_action_status(first_action[0], "in-progress", note="已开始整理", by="李娜"),
        lambda live: live.add_action("安排渠道培训", "陈刚", due="+7d"),
        lambda live: live.undo(),  # deletes the action item just added
        lambda live: live.add_action("重新安排渠道培训", "陈刚", due="+7d"),  # reuses the freed document id
        lambda live: live.toggle_clock(),
        lambda live: live.apply_line("#agreed 培训在发布前两周完成"),
    ]
    deleted = 0
    for step in steps:
        change = step(live)
        deleted += len(change.deleted)
        pending = store.prepare(live.meeting, change)
        expected = tinydb_write(expected, pending)
        store.write(pending)
        clock.advance(seconds=20)
    assert deleted == 1, "the scenario must delete a record"

    raw = store.meeting_path(meeting_id).read_bytes()
    written = json.loads(raw)
    assert written == expected
    assert [list(table) for table in written.values()] == [list(table) for table in expected.values()]
    assert raw == dump_json(written)  # byte for byte what serialising the whole tables gives
    assert Store(store.root).load(meeting_id) == live.meeting


def test_a_write_by_another_store_between_two_commits_is_kept(store, live, clock):
    store.commit(live.meeting, live.add_note("第一条：本进程写入"))
    other = Store(store.root)
    other_live = LiveMeeting(other.load(live.meeting.id), clock, SequentialIds("o"))
    other.commit(other_live.meeting, other_live.add_note("第二条：另一个实例写入"))
    store.commit(live.meeting, live.add_note("第三条：本进程再次写入"))
    assert sorted(note_texts(store, live.meeting.id)) == sorted(
        ["第一条：本进程写入", "第二条：另一个实例写入", "第三条：本进程再次写入"]
    )


def test_a_write_by_another_process_between_two_commits_is_kept(store, live):
    store.commit(live.meeting, live.add_note("进程外写入之前"))
    writer = subprocess.run(
        [sys.executable, str(WRITER), str(store.root), live.meeting.id, "px", "--count", "3"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert writer.returncode == 0, writer.stderr
    theirs = writer.stdout.split()
    store.commit(live.meeting, live.add_note("进程外写入之后"))
    stored = Store(store.root).load(live.meeting.id)
    ids = {n.id for n in stored.notes} | {a.id for a in stored.actions}
    assert set(theirs) <= ids and len(theirs) == 3
    assert {"进程外写入之前", "进程外写入之后"} <= {n.text for n in stored.notes}


def test_a_rewrite_in_place_of_the_same_size_and_time_is_noticed(store, live):
    """Inode, size and modification time all unchanged: only the content tells, and it is what is compared."""
    store.commit(live.meeting, live.add_note("研发确认进度"))
    path = store.meeting_path(live.meeting.id)
    status = path.stat()
    raw = path.read_bytes()
    assert raw.count("研发确认进度".encode()) == 1
    with open(path, "r+b") as handle:  # same inode, same length: 市场 and 研发 are both six bytes
        handle.write(raw.replace("研发确认进度".encode(), "市场确认进度".encode()))
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert (path.stat().st_ino, path.stat().st_size, path.stat().st_mtime_ns) == (
        status.st_ino,
        status.st_size,
        status.st_mtime_ns,
    )

    store.commit(live.meeting, live.add_note("销售部需要培训材料"))
    assert note_texts(store, live.meeting.id) == ["市场确认进度", "销售部需要培训材料"]


def test_a_file_damaged_after_a_commit_is_refused_and_left_untouched(store, live):
    store.commit(live.meeting, live.add_note("损坏之前的记录"))
    path = store.meeting_path(live.meeting.id)
    damaged = path.read_bytes()[:-40]
    path.write_bytes(damaged)
    with pytest.raises(StoreError, match="corrupt or truncated"):
        store.commit(live.meeting, live.add_note("损坏之后的记录"))
    assert path.read_bytes() == damaged


def test_a_failed_write_leaves_nothing_behind_for_the_next_one(store, live, monkeypatch):
    store.commit(live.meeting, live.add_note("写入成功的第一条"))
    real_write = meeting_file_module.write_atomic

    def full_disk(path, data, **kwargs):  # noqa: ANN001, ANN003
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(meeting_file_module, "write_atomic", full_disk)
    with pytest.raises(StoreError, match="No space left"):
        store.commit(live.meeting, live.add_note("磁盘已满时的记录"))
    monkeypatch.setattr(meeting_file_module, "write_atomic", real_write)

    # The failed note was applied to the tables in memory only; the next write starts from the file.
    failed = live.meeting.notes[-1]
    store.commit(live.meeting, live.add_note("恢复之后的记录"))
    texts = note_texts(store, live.meeting.id)
    assert texts == ["写入成功的第一条", "恢复之后的记录"], failed.text


def test_changes_written_together_take_one_file_write(store, live, monkeypatch):
    writes: list[Path] = []
    real_write = meeting_file_module.write_atomic

    def counted(path, data, **kwargs):  # noqa: ANN001, ANN003
        writes.append(path)
        real_write(path, data, **kwargs)

    monkeypatch.setattr(meeting_file_module, "write_atomic", counted)
    pendings = [store.prepare(live.meeting, live.add_note(f"批量写入第 {n} 条")) for n in range(3)]
    store.write(*pendings)
    assert writes == [store.meeting_path(live.meeting.id)]
    assert note_texts(store, live.meeting.id) == [f"批量写入第 {n} 条" for n in range(3)]
