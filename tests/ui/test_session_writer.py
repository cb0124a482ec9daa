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
