"""A disk that refuses writes during a meeting: nothing is lost, the header says so, quitting asks twice."""

from __future__ import annotations

from meetui.store import Store

from .helpers import live_screen, stored, type_note, until


def on_disk(screen) -> list[str]:  # noqa: ANN001
    """The notes the store has, after the writer has tried everything queued (it may still be refused)."""
    screen.session.flush()
    return [n.text for n in Store(screen.session.store.root).load(screen.meeting.id).notes]


class FullDisk:
    """Stands in for ``Store.write`` while ``full``: every write fails as on a full disk."""

    def __init__(self, store: Store) -> None:
        self.real_write = store.write
        self.full = True

    def __call__(self, *pendings) -> None:  # noqa: ANN002
        if self.full:
            raise OSError(28, "No space left on device")
        self.real_write(*pendings)


async def test_changes_refused_by_the_disk_are_kept_and_saved_when_it_recovers(
    make_app, demo_id, store, monkeypatch
) -> None:
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        disk = FullDisk(store)
        monkeypatch.setattr(store, "write", disk)
        await pilot.press("space")
        await type_note(pilot, "磁盘满了也要记下：研发确认12月15日发布")
        await until(pilot, lambda: screen.sub_title == "▲ NOT SAVED")
        assert "No space left" in str(screen.session.last_error)
        assert on_disk(screen) == []  # honest: the disk has none of it

        disk.full = False
        await type_note(pilot, "空间已释放")
        await until(pilot, lambda: screen.sub_title == "✓ saved")
        assert [n.text for n in stored(screen).notes] == ["磁盘满了也要记下：研发确认12月15日发布", "空间已释放"]
        assert stored(screen).clock  # the clock's start, refused with the first write, is on disk too


async def test_quitting_with_unsaved_changes_takes_a_second_ctrl_q(make_app, demo_id, store, monkeypatch) -> None:
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        monkeypatch.setattr(store, "write", FullDisk(store))
        await pilot.press("space")
        await until(pilot, lambda: screen.sub_title == "▲ NOT SAVED")
        await pilot.press("ctrl+q")
        assert app.is_running
        assert any("Press ^q again to quit without them" in n.message for n in app._notifications)  # noqa: SLF001
        await pilot.press("ctrl+q")
        await until(pilot, lambda: not app.is_running)
    assert list(app.unsaved.values()) == [
        f"1 change(s) to meeting {demo_id} could not be saved: [Errno 28] No space left on device"
    ]
