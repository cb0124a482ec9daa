"""The watch view served to browsers, driven by Pilot: what it shows, what it never shows, what it says."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Label

from meetui.core.clock import FrozenClock
from meetui.core.meeting import LiveMeeting
from meetui.store import Store
from meetui.ui.panes.actions import ActionsTable
from meetui.ui.web.view import MeetingReader, WatchApp
from meetui.ui.web.watch import WatchScreen

from .helpers import until


def commit(store: Store, meeting_id: str, clock: FrozenClock, operation) -> None:  # noqa: ANN001
    live = LiveMeeting(store.load(meeting_id), clock)  # random ids: each commit is a new process
    store.commit(live.meeting, operation(live))


def shown(app: WatchApp) -> str:
    """Every label's text on the watch screen."""
    return "\n".join(str(label.render()) for label in app.screen.query(Label))


async def test_it_shows_the_topic_public_notes_decisions_and_actions_never_private_notes(
    store: Store, demo_id: str, clock: FrozenClock, config_dir: Path
) -> None:
    commit(store, demo_id, clock, lambda live: live.start())
    commit(store, demo_id, clock, lambda live: live.add_note("研发：支付 SDK 升级延期两周"))
    commit(store, demo_id, clock, lambda live: live.add_note("私下：[b]预算[/] 可能砍半", private=True))
    commit(store, demo_id, clock, lambda live: live.add_action("提交修复计划", "李娜"))
    app = WatchApp(MeetingReader(store.root, demo_id), config_dir=config_dir)
    async with app.run_test(size=(100, 32)) as pilot:
        await until(pilot, lambda: app.meeting is not None)
        await pilot.pause()
        assert isinstance(app.screen, WatchScreen)
        text = shown(app)
        assert "Q3 产品发布跨部门协调会" in text and "发布日期与里程碑" in text
        assert "研发：支付 SDK 升级延期两周" in text and "预算" not in text
        assert app.screen.query_one(ActionsTable).row_count == 1
        assert "Decisions" in text and "none yet" in text

        commit(store, demo_id, clock, lambda live: live.add_note("市场：场地已确认 [/]"))
        await until(pilot, lambda: "市场：场地已确认 [/]" in shown(app))  # user text is never markup


async def test_it_says_when_the_host_has_left_and_when_the_meeting_has_ended(
    store: Store, demo_id: str, clock: FrozenClock, config_dir: Path
) -> None:
    commit(store, demo_id, clock, lambda live: live.start())
    host = store.hold_live(demo_id)
    app = WatchApp(MeetingReader(store.root, demo_id), config_dir=config_dir)
    async with app.run_test(size=(100, 32)) as pilot:
        status = app.screen.query_one("#watch-status", Label)
        await until(pilot, lambda: "Following live" in str(status.render()))
        host.release()
        await until(pilot, lambda: "The host has left" in str(status.render()))
        assert status.has_class("-left")
        commit(store, demo_id, clock, lambda live: live.end())
        await until(pilot, lambda: "The meeting has ended" in str(status.render()))
        assert status.has_class("-ended")


async def test_a_file_that_turns_unreadable_is_reported_and_the_last_state_kept(
    store: Store, demo_id: str, config_dir: Path
) -> None:
    app = WatchApp(MeetingReader(store.root, demo_id), config_dir=config_dir)
    async with app.run_test(size=(100, 32)) as pilot:
        await until(pilot, lambda: app.meeting is not None)
        path = store.meeting_path(demo_id)
        path.write_text("{ not json", encoding="utf-8")
        await until(pilot, lambda: any(str(path) in n.message for n in app._notifications))  # noqa: SLF001
        assert "Q3 产品发布跨部门协调会" in shown(app)
