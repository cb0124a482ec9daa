"""Opening a meeting at start: the live screen straight away when the opener is done, "Opening…" while it is not."""

from __future__ import annotations

import threading

from textual.widgets import DataTable

from meetui.store import Store
from meetui.ui.app import OpeningScreen
from meetui.ui.opening import MeetingOpener

from .helpers import live_screen, until


async def test_an_opener_already_done_makes_the_live_screen_the_first_screen(make_app, demo_id, store: Store) -> None:
    opener = MeetingOpener(store, demo_id)
    opener._thread.join(5)
    app = make_app(demo_id, opener=opener)
    del opener
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        assert app.screen_stack == [screen]  # no "Opening the meeting…" underneath
        assert not screen.read_only and screen.meeting == store.load(demo_id)
        await pilot.press("ctrl+q")
    again = make_app(demo_id)  # the first app released the writer lock when it quit
    async with again.run_test(size=(120, 40)) as pilot:
        assert not (await live_screen(pilot)).read_only


async def test_a_meeting_that_opens_quickly_is_the_first_screen(make_app, demo_id, store: Store) -> None:
    """The app waits a moment for the meeting it opens: the live screen is drawn first, not "Opening…" and then it
    (a screen and a frame more on the way to the first frame of meetui run)."""
    app = make_app(demo_id)  # its opener has only just started
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        assert app.screen_stack == [screen]


async def test_a_slow_opening_shows_the_opening_screen_then_the_meeting(
    make_app, demo_id, store: Store, monkeypatch
) -> None:
    disk = threading.Event()
    load = store.load

    def slow_load(meeting_id: str):  # noqa: ANN202
        assert disk.wait(5)
        return load(meeting_id)

    monkeypatch.setattr(store, "load", slow_load)
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, OpeningScreen)
        disk.set()
        screen = await live_screen(pilot)
        table = screen.query_one("#agenda-table", DataTable)
        await until(pilot, lambda: table.row_count == len(screen.meeting.agenda))
        assert "风险与资源" in str(table.get_row_at(table.row_count - 1)[1])


async def test_a_meeting_that_cannot_be_opened_ends_the_app_with_the_reason(make_app, store: Store) -> None:
    app = make_app("m-不存在")
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: not app.is_running or bool(app.open_error))
    assert app.return_code == 1 and app.open_error


def test_an_unreadable_meeting_known_before_the_app_starts_shows_no_screen(
    store: Store, demo_id, monkeypatch, capsys
) -> None:
    from meetui.ui import launch as launching
    from meetui.ui.app import MeetuiApp

    path = store.meeting_path(demo_id)
    path.write_text('{"会议": ', encoding="utf-8")
    start = MeetingOpener.__init__

    def start_and_finish(self, *args, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        start(self, *args, **kwargs)
        self._thread.join(5)  # the usual case: reading the file takes less time than importing Textual

    def no_screen(self) -> None:  # noqa: ANN001
        raise AssertionError("the app must not start for a meeting that cannot be read")

    monkeypatch.setattr(MeetingOpener, "__init__", start_and_finish)
    monkeypatch.setattr(MeetuiApp, "run", no_screen)
    assert launching.launch(store, demo_id) == 1
    [line] = capsys.readouterr().err.splitlines()
    assert line.startswith("meetui: ") and str(path) in line


def test_the_writer_lock_is_claimed_before_the_meeting_is_read(store: Store, demo_id, monkeypatch) -> None:
    from meetui.ui.opening import open_meeting

    calls: list[str] = []
    hold, load = store.hold_live, store.load
    monkeypatch.setattr(store, "hold_live", lambda meeting_id: calls.append("lock") or hold(meeting_id))
    monkeypatch.setattr(store, "load", lambda meeting_id: calls.append("load") or load(meeting_id))
    opened = open_meeting(store, demo_id, read_only=False)
    assert calls == ["lock", "load"] and opened.meeting is not None and not opened.read_only
    opened.lock.release()  # type: ignore[union-attr]

    store.meeting_path(demo_id).write_text("{}", encoding="utf-8")
    failed = open_meeting(store, demo_id, read_only=False)
    assert failed.meeting is None and failed.error is not None
    again = store.hold_live(demo_id)  # the lock of a meeting that could not be read was given back
    again.release()
