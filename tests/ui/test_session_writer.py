"""The session's background writer: changes queued while it writes go to disk together, and stay truthful."""

from __future__ import annotations

import threading
import time

from meetui.core.clock import FrozenClock, SequentialIds
from meetui.importers.demo import demo_meeting
from meetui.store import Store
from meetui.ui.session import MeetingSession


def test_changes_queued_during_a_write_go_to_disk_in_one_write(tmp_path, clock: FrozenClock, monkeypatch) -> None:
    store = Store(tmp_path / "data")
    meeting = demo_meeting(clock, SequentialIds("m"))
    store.create(meeting)
    session = MeetingSession(store, store.load(meeting.id), clock, ids=SequentialIds("s"))
    writes: list[int] = []
    saved: list[int] = []
    session.on_saved.append(lambda: saved.append(session.pending))
    gate = threading.Event()
    real_write = store.write

    def held_write(*pendings) -> None:  # noqa: ANN002
        writes.append(len(pendings))
        gate.wait(10)
        real_write(*pendings)

    monkeypatch.setattr(store, "write", held_write)
    texts = ["第一条：研发确认进度", "第二条：市场部确认日期", "第三条：销售部需要培训材料", "第四条：预算待确认"]
    session.apply(lambda live: live.add_note(texts[0]))
    deadline = time.monotonic() + 10
    while not writes and time.monotonic() < deadline:
        time.sleep(0.005)
    for text in texts[1:]:
        session.apply(lambda live, text=text: live.add_note(text))
    assert writes == [1] and session.pending == 4  # nothing claims to be saved while the disk has none of it

    gate.set()
    assert session.flush()
    assert writes == [1, 3] and session.pending == 0
    assert saved == [3, 0]
    assert [n.text for n in Store(store.root).load(meeting.id).notes] == texts
    session.close()


class FailingDisk:
    """Stands in for ``Store.write``: refuses with a full disk while ``full`` is set, else writes for real."""

    def __init__(self, store: Store) -> None:
        self.real_write = store.write
        self.full = True
        self.attempts: list[int] = []

    def __call__(self, *pendings) -> None:  # noqa: ANN002
        self.attempts.append(len(pendings))
        if self.full:
            raise OSError(28, "No space left on device")
        self.real_write(*pendings)


def stored_notes(store: Store, meeting_id: str) -> list[str]:
    return [n.text for n in Store(store.root).load(meeting_id).notes]


def test_a_failed_write_is_kept_and_goes_to_disk_with_the_next_change(
    tmp_path, clock: FrozenClock, monkeypatch
) -> None:
    store = Store(tmp_path / "数据")
    meeting = demo_meeting(clock, SequentialIds("m"))
    store.create(meeting)
    session = MeetingSession(store, store.load(meeting.id), clock, ids=SequentialIds("s"))
    errors: list[Exception] = []
    session.on_error.append(errors.append)
    disk = FailingDisk(store)
    monkeypatch.setattr(store, "write", disk)

    session.apply(lambda live: live.add_note("磁盘满时记下的第一条"))
    assert not session.flush()  # tried, refused: not claimed as saved
    assert session.pending == 1 and "No space left" in str(session.last_error) and errors
    assert stored_notes(store, meeting.id) == []

    disk.full = False
    session.apply(lambda live: live.add_note("空间释放后的第二条"))
    assert session.flush()
    assert session.pending == 0 and session.last_error is None
    assert disk.attempts[-1] == 2  # the held-back change first, in one write with the new one
    assert stored_notes(store, meeting.id) == ["磁盘满时记下的第一条", "空间释放后的第二条"]
    session.close()


def test_the_writer_retries_failed_changes_on_its_own(tmp_path, clock: FrozenClock, monkeypatch) -> None:
    import meetui.ui.session as session_module

    monkeypatch.setattr(session_module, "RETRY_FIRST_SECONDS", 0.05)
    store = Store(tmp_path / "数据")
    meeting = demo_meeting(clock, SequentialIds("m"))
    store.create(meeting)
    session = MeetingSession(store, store.load(meeting.id), clock, ids=SequentialIds("s"))
    saved = threading.Event()
    session.on_saved.append(saved.set)
    disk = FailingDisk(store)
    monkeypatch.setattr(store, "write", disk)

    session.apply(lambda live: live.add_note("无人再输入也要保存"))
    deadline = time.monotonic() + 10
    while len(disk.attempts) < 3 and time.monotonic() < deadline:  # the first try and at least two retries
        time.sleep(0.01)
    assert len(disk.attempts) >= 3 and session.pending == 1
    disk.full = False
    assert saved.wait(10)
    assert session.pending == 0 and session.last_error is None
    assert stored_notes(store, meeting.id) == ["无人再输入也要保存"]
    session.close()


def test_the_writer_waits_for_the_frame_that_shows_a_change(tmp_path, clock: FrozenClock, monkeypatch) -> None:
    """A change is drawn first and written second (the write holds the interpreter lock); the wait is bounded, and
    ``flush`` never waits for a frame."""
    store = Store(tmp_path / "data")
    meeting = demo_meeting(clock, SequentialIds("m"))
    store.create(meeting)
    session = MeetingSession(store, store.load(meeting.id), clock, ids=SequentialIds("s"))
    frames: list = []
    session.after_frame = frames.append
    session.frame_wait = 30.0
    writes: list[int] = []
    real_write = store.write
    monkeypatch.setattr(store, "write", lambda *pendings: (writes.append(len(pendings)), real_write(*pendings)))

    session.apply(lambda live: live.add_note("先画出来：市场部确认日期"))
    time.sleep(0.2)
    assert len(frames) == 1 and writes == [] and session.pending == 1  # held until the frame is drawn
    frames.pop()()  # the frame is drawn
    deadline = time.monotonic() + 10
    while session.pending and time.monotonic() < deadline:
        time.sleep(0.005)
    assert writes == [1] and session.pending == 0

    session.apply(lambda live: live.add_note("没有画面也要保存：销售部需要培训材料"))  # its frame never comes
    assert session.flush(timeout=10)
    assert stored_notes(store, meeting.id)[-2:] == ["先画出来：市场部确认日期", "没有画面也要保存：销售部需要培训材料"]

    session.frame_wait = 0.05  # and without flush, the wait for a frame that never comes is bounded
    session.apply(lambda live: live.add_note("第三条：预算待确认"))
    deadline = time.monotonic() + 10
    while session.pending and time.monotonic() < deadline:
        time.sleep(0.005)
    assert session.pending == 0
    session.close()
