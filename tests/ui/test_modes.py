"""Pilot tests of the app around the live screen: follow view, presentation, help, palette, keymap, themes, dialogs."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Digits, Input, Markdown

from meetui.core.clock import FrozenClock, SequentialIds
from meetui.core.models import NoteKind
from meetui.store import Store
from meetui.ui.config import load_config
from meetui.ui.keys import ScreenCommands
from meetui.ui.screens import live as live_module
from meetui.ui.screens.help import HelpScreen
from meetui.ui.screens.home import HomeScreen
from meetui.ui.screens.presentation import PresentationScreen
from meetui.ui.session import MeetingSession

from .helpers import label_text, live_screen, said, stored, type_note, until


async def test_a_meeting_run_elsewhere_opens_read_only_and_follows_it(
    make_app, demo_id, store: Store, clock: FrozenClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(live_module, "FOLLOW_SECONDS", 0.1)
    held = store.hold_live(demo_id)  # another "process" runs the meeting
    writer = MeetingSession(store, store.load(demo_id), clock, ids=SequentialIds("w"))
    try:
        app = make_app(demo_id)
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await live_screen(pilot)
            assert screen.read_only and screen.sub_title == "read-only · following"
            assert "being run by another meetui process" in said(screen)
            assert not screen.query_one("#note-input", Input).display
            for key in ("space", "n", "d", "a", "k", "e"):
                assert key not in screen.active_bindings, f"{key} does not apply to a followed meeting: hidden"
            assert screen.active_bindings["m"].enabled and screen.active_bindings["f"].enabled
            await pilot.press("space")
            assert screen.meeting.clock == []
            writer.apply(lambda live: live.start())
            writer.apply(lambda live: live.add_note("王芳倾向12月15日", private=True))  # the follow view hides it
            writer.apply(lambda live: live.add_note("渠道培训需提前两周"))
            assert writer.flush()
            await until(pilot, lambda: screen.query_one("#note-list").option_count == 1)
            assert "running" in label_text(screen, "#clock-meeting")
    finally:
        writer.close()
        held.release()


async def test_the_follow_view_says_when_the_host_has_left(
    make_app, demo_id, store: Store, clock: FrozenClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The terminal's follow view went on saying "following" after the live process had quit."""
    monkeypatch.setattr(live_module, "FOLLOW_SECONDS", 0.05)
    held = store.hold_live(demo_id)
    try:
        app = make_app(demo_id, read_only=True)
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await live_screen(pilot)
            await until(pilot, lambda: screen.sub_title == "read-only · following")
            held.release()
            await until(pilot, lambda: "the host has left" in said(screen))
            assert screen.sub_title == "read-only · the host has left"
            held = store.hold_live(demo_id)
            await until(pilot, lambda: screen.sub_title == "read-only · following")
            assert "the host is running the meeting again" in said(screen)
    finally:
        held.release()


async def test_follow_command_opens_read_only_without_a_notice(make_app, demo_id) -> None:
    app = make_app(demo_id, read_only=True)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await live_screen(pilot)
        assert screen.read_only
        assert not any(n.severity == "warning" for n in app._notifications)  # noqa: SLF001


async def test_presentation_mode_shows_the_clock_and_decisions_but_no_private_notes(
    make_app, demo_id, clock: FrozenClock
) -> None:
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        await pilot.press("space")
        screen.apply(lambda live: live.add_note("私下：预算可能不够", NoteKind.RISK, private=True))
        proposal = screen.session.apply(lambda live: live.propose_decision("12月15日正式发布"))
        screen.session.apply(lambda live: live.no_objections(proposal.records[0].id))
        await pilot.press("f")
        assert isinstance(app.screen, PresentationScreen)
        text = " ".join(str(label.render()) for label in app.screen.query("Label"))
        assert "12月15日正式发布" in text and "发布日期与里程碑" in text
        assert "预算可能不够" not in text
        assert app.screen.query_one(Digits).value == "20:00"
        clock.advance(minutes=1, seconds=15)
        await pilot.press("n")  # the topic keys still work here
        assert screen.meeting.current_topic.order == 1
        assert app.screen.query_one(Digits).value == "20:00"
        await pilot.press("f")
        assert app.screen is screen


async def test_help_shows_the_focused_pane_and_the_keys(make_app, demo_id) -> None:
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await live_screen(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = app.screen.text
        assert "## Agenda" in text and "| `space` |" in text and "| `n` |" in text
        assert "*(not now: no current topic yet: space starts the meeting)*" in text  # p before the meeting starts
        assert "| `live.next_topic` |" in text  # the id to remap it by in config.toml
        await pilot.press("escape")
        await pilot.press("3", "f1")
        assert "## Notes" in app.screen.text and "#action NAME TASK by WHEN" in app.screen.text
        assert app.screen.query_one(Markdown)


async def test_the_palette_offers_what_is_available(make_app, demo_id) -> None:
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        provider = ScreenCommands(screen)

        async def titles(query: str) -> list[str]:
            return [str(hit.text) for hit in [h async for h in provider.search(query)]]

        assert "Start / pause the clock" in await titles("clock")
        assert await titles("previous") == [], "greyed-out commands are not offered"
        assert "Decide: lock the decision" not in await titles("decide")
        await pilot.press("space")
        assert "Decide: lock the decision" in await titles("decide")
        assert "Roll call" in await titles("roll")
        hit = [h async for h in provider.search("next topic")][0]
        await hit.command()
        await pilot.pause()
        assert screen.meeting.current_topic.order == 1


async def test_keys_are_remapped_from_the_config_file(make_app, demo_id, config_dir: Path) -> None:
    config_dir.mkdir()
    (config_dir / "config.toml").write_text('[keymap]\n"live.next_topic" = "j"\n', encoding="utf-8")
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        await pilot.press("space", "n")
        assert screen.meeting.current_topic.order == 0
        await pilot.press("j")
        assert screen.meeting.current_topic.order == 1
        await pilot.press("question_mark")
        assert "| `j` | Close the current topic" in app.screen.text


async def test_a_broken_config_file_is_reported_not_fatal(make_app, demo_id, config_dir: Path) -> None:
    config_dir.mkdir()
    (config_dir / "config.toml").write_text("theme = [", encoding="utf-8")
    app = make_app(demo_id)
    async with app.run_test(size=(80, 24)) as pilot:
        await live_screen(pilot)
        assert app.theme == "meetui-dark"
        assert any("cannot read the config file" in n.message for n in app._notifications)  # noqa: SLF001


async def test_the_chosen_theme_is_remembered(make_app, demo_id, config_dir: Path) -> None:
    app = make_app(demo_id)
    assert not config_dir.exists(), "nothing is written before the user chooses"
    async with app.run_test(size=(80, 24)) as pilot:
        await live_screen(pilot)
        assert app.theme == "meetui-dark"
        app.theme = "meetui-projector"
        await until(pilot, lambda: (config_dir / "config.toml").exists())
    assert load_config(config_dir / "config.toml").theme == "meetui-projector"
    again = make_app(demo_id)
    async with again.run_test(size=(80, 24)) as pilot:
        await live_screen(pilot)
        assert again.theme == "meetui-projector"


@pytest.mark.parametrize(
    ("key", "dialog"),
    [
        ("d", "DecisionDialog"),
        ("a", "ActionForm"),
        ("k", "ParkingLotDialog"),
        ("r", "RollCallDialog"),
        ("s", "SpeakerQueueDialog"),
        ("m", "MinutesDialog"),
        ("e", "EndMeetingDialog"),
    ],
)
async def test_dialog_keys_open_their_dialogs(make_app, demo_id, key: str, dialog: str) -> None:
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        await pilot.press("space", key)
        await pilot.pause()
        assert type(app.screen).__name__ == dialog
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen


async def test_replan_key_opens_only_when_overrunning(make_app, demo_id, clock: FrozenClock) -> None:
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        await pilot.press("space", "t")
        assert app.screen is screen
        clock.advance(minutes=45)
        screen.tick()
        await pilot.press("t")
        await pilot.pause()
        assert type(app.screen).__name__ == "ReplanDialog"


async def test_parking_key_takes_the_text_being_typed(make_app, demo_id) -> None:
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        await pilot.press("space", "i")
        field = screen.query_one("#note-input", Input)
        field.insert_text_at_cursor("预算问题会后再议")
        await pilot.press("escape", "k")
        await pilot.pause()
        assert type(app.screen).__name__ == "ParkingLotDialog"
        assert "预算问题会后再议" in {i.value for i in app.screen.query(Input)}
        await pilot.press("escape")
        await pilot.pause()
        assert field.value == "预算问题会后再议", "cancelling keeps the line"
        await pilot.press("k", "enter")
        await pilot.pause()
        assert app.screen is screen and field.value == ""
        assert [p.text for p in stored(screen).parking_lot] == ["预算问题会后再议"]


async def test_a_locked_decision_turns_d_into_amend(make_app, demo_id) -> None:
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        await pilot.press("space")
        assert screen.active_bindings["d"].binding.action == "decision"
        proposal = screen.session.apply(lambda live: live.propose_decision("12月15日正式发布"))
        screen.session.apply(lambda live: live.no_objections(proposal.records[0].id))
        screen.refresh_bindings()
        assert screen.active_bindings["d"].binding.action == "amend"
        await pilot.press("d")
        await pilot.pause()
        assert type(app.screen).__name__ == "DecisionDialog"


def demo_with_an_open_action(store: Store, demo_id: str, clock: FrozenClock) -> None:
    """The demo meeting started, with one action item (李娜's, due Friday)."""
    session = MeetingSession(store, store.load(demo_id), clock, ids=SequentialIds("h"))
    session.apply(lambda live: live.start())
    session.apply(lambda live: live.add_action("整理支付SDK风险清单", "李娜", due="fri"))
    session.close()


async def test_home_lists_meetings_and_open_actions_and_enter_runs_one(
    make_app, demo_id, store: Store, clock: FrozenClock
) -> None:
    demo_with_an_open_action(store, demo_id, clock)
    app = make_app(None)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: app.screen.query_one("#meetings-table", DataTable).row_count == 1)
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.sub_title == "1 meeting · 1 open action item"  # one of each, in the singular
        actions = app.screen.query_one("#home-actions-table", DataTable)
        assert "李娜 — 1 open" in str(actions.get_row_at(0)[1])  # by owner
        assert "整理支付SDK风险清单" in str(actions.get_row_at(1)[1])
        # started, and no process runs it: interrupted
        assert "⏸ interrupted" in str(app.screen.query_one("#meetings-table", DataTable).get_row_at(0)[0])
        await pilot.press("enter")
        screen = await live_screen(pilot)
        assert screen.meeting.id == demo_id and not screen.read_only
        assert screen.active_bindings["q"].binding.id == "live.home", "q: back to the meetings, in the key line"
        await type_note(pilot, "#action 李娜 核对报价单 by fri")  # the lists, read again on return, show it
        await pilot.press("escape", "i", "q", "escape")  # in the note field q types
        assert screen.query_one("#note-input", Input).value == "q"
        await pilot.press("q")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        table = app.screen.query_one("#home-actions-table", DataTable)
        await until(pilot, lambda: any("核对报价单" in str(table.get_row_at(i)[1]) for i in range(table.row_count)))
        assert store.drafts.take(demo_id) == "q", "the line being typed is kept"
        assert store.hold_live(demo_id) is not None, "the meeting's writer lock was let go"


async def test_q_is_not_offered_on_a_meeting_not_opened_from_the_list(make_app, demo_id) -> None:
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        assert "q" not in screen.active_bindings
        await pilot.press("q")
        await pilot.pause()
        assert app.screen is screen and app.is_running


async def test_home_shows_enter_open_and_opens_an_action_item_s_meeting_from_its_table(
    make_app, demo_id, store: Store, clock: FrozenClock
) -> None:
    demo_with_an_open_action(store, demo_id, clock)
    app = make_app(None)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.screen.query_one("#home-actions-table", DataTable).row_count == 2)
        await pilot.pause()
        assert app.screen.active_bindings["enter"].binding.id == "home.open"
        assert app.screen.active_bindings["enter"].enabled
        app.screen.query_one("#home-actions-table", DataTable).focus()
        await pilot.pause()
        await pilot.press("enter")
        screen = await live_screen(pilot)
        assert screen.meeting.id == demo_id and "整理支付SDK风险清单" in [a.task for a in screen.meeting.actions]


async def test_home_greys_open_and_follow_without_meetings(make_app) -> None:
    app = make_app(None)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: "0 meetings" in (app.screen.sub_title or ""))
        await pilot.pause()
        assert not app.screen.active_bindings["enter"].enabled
        assert not app.screen.active_bindings["o"].enabled
        await pilot.press("enter")  # nothing happens, nothing breaks
        assert isinstance(app.screen, HomeScreen)


async def test_notes_written_are_on_disk_before_the_app_is_gone(make_app, demo_id) -> None:
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        await pilot.press("space")
        for number in range(5):
            await type_note(pilot, f"第{number}条")
        assert [n.text for n in stored(screen).notes] == [f"第{n}条" for n in range(5)]


def stylesheet_read(app, name: str) -> bool:  # noqa: ANN001
    """Whether ``themes/<name>`` is in the app's stylesheet."""
    from meetui.resources import themes_dir

    return app.stylesheet.has_source(str(themes_dir() / name), "")


async def test_dialog_stylesheets_are_read_when_their_first_dialog_opens(make_app, demo_id) -> None:
    app = make_app(demo_id)

    def loaded(name: str) -> bool:
        return stylesheet_read(app, name)

    async with app.run_test(size=(120, 40)) as pilot:
        await live_screen(pilot)
        assert loaded("app.tcss") and not loaded("dialogs.tcss") and not loaded("minutes.tcss")
        await pilot.press("a")
        await pilot.pause()
        assert loaded("dialogs.tcss")
        box = app.screen.query_one(".dialog")
        assert box.styles.width.value == 76 and box.styles.border_top[0] == "round"  # dialogs.tcss applies
        await pilot.press("escape", "m")
        await pilot.pause()
        assert loaded("minutes.tcss")
        assert app.screen.query_one("#minutes-dialog").region.width == 120  # minutes.tcss: the whole screen


async def test_presentation_and_help_stylesheets_are_read_when_their_screen_first_opens(make_app, demo_id) -> None:
    app = make_app(demo_id)

    def loaded(name: str) -> bool:
        return stylesheet_read(app, name)

    async with app.run_test(size=(120, 40)) as pilot:
        await live_screen(pilot)
        assert not loaded("presentation.tcss") and not loaded("help.tcss") and not loaded("home.tcss")
        await pilot.press("f")
        await pilot.pause()
        assert loaded("presentation.tcss")
        assert app.screen.query_one("#present-topic").styles.text_align == "center"  # presentation.tcss applies
        await pilot.press("f", "question_mark")
        await pilot.pause()
        assert loaded("help.tcss")
        box = app.screen.query_one("#help-box")
        assert box.styles.border_top[0] == "round" and box.region.width == 100  # help.tcss: max-width 100


async def test_a_dialog_opened_after_a_theme_change_takes_the_new_theme_s_colours(make_app, demo_id) -> None:
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await live_screen(pilot)
        app.theme = "meetui-light"
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        surface = app.get_css_variables()["surface"]
        assert app.screen.query_one(".dialog").styles.background.hex.lower() == surface.lower()


async def test_home_orders_meetings_by_their_moment_whatever_the_offset(
    make_app, store: Store, clock: FrozenClock
) -> None:
    from meetui.core.meeting import new_meeting

    # 10:00 in Shanghai is 02:00 UTC: earlier than 03:30 in London, though "10:00" sorts after "03:30" as text
    for prefix, title, start, zone in [
        ("ldn", "伦敦周会", "2026-11-20T03:30:00+00:00", "Europe/London"),
        ("sha", "上海周会", "2026-11-20T10:00:00+08:00", "Asia/Shanghai"),
    ]:
        store.create(new_meeting(title, clock, SequentialIds(prefix), scheduled_start=start, timezone=zone))
    app = make_app(None)
    async with app.run_test(size=(120, 40)) as pilot:
        table = app.screen.query_one("#meetings-table", DataTable)
        await until(pilot, lambda: table.row_count == 2)
        assert [str(table.get_row_at(row)[2]).strip() for row in range(2)] == ["上海周会", "伦敦周会"]


async def test_asking_twice_to_open_a_slow_meeting_opens_it_once(make_app, demo_id, store: Store, monkeypatch) -> None:
    import threading

    from meetui.ui.screens.live import LiveScreen

    disk = threading.Event()
    load = store.load
    monkeypatch.setattr(store, "load", lambda meeting_id: disk.wait(5) and load(meeting_id))
    app = make_app(None)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        app.open_meeting(demo_id)
        await pilot.pause(0.1)  # the first load is under way (a thread worker, which cannot be cancelled)
        app.open_meeting(demo_id)  # a second enter while it loads
        disk.set()
        await until(pilot, lambda: isinstance(app.screen, LiveScreen))
        await pilot.pause(0.2)
        assert [type(s).__name__ for s in app.screen_stack] == ["HomeScreen", "LiveScreen"]
        assert not app.screen.read_only and len(app.sessions) == 1


async def test_the_palette_lists_leaving_presentation_mode_once(make_app, demo_id) -> None:
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await live_screen(pilot)
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, PresentationScreen)
        titles = [str(hit.text) async for hit in ScreenCommands(app.screen).discover()]
        assert titles.count("Leave presentation mode") == 1 and "Leave" not in titles


async def test_the_follow_view_stops_the_clock_when_the_host_leaves(
    make_app, demo_id, store: Store, clock: FrozenClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The follow view went on counting the meeting's time after the host's process had quit: nobody runs the
    meeting then, and ``meetui run`` resumes it from where it was."""
    monkeypatch.setattr(live_module, "FOLLOW_SECONDS", 0.05)
    held = store.hold_live(demo_id)
    writer = MeetingSession(store, store.load(demo_id), clock, ids=SequentialIds("w"))
    try:
        writer.apply(lambda live: live.start())
        writer.apply(lambda live: live.add_note("研发：支付 SDK 升级延期两周"))
        assert writer.flush()
        app = make_app(demo_id, read_only=True)
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await live_screen(pilot)
            await until(pilot, lambda: screen.sub_title == "read-only · following")
            clock.advance(minutes=3)
            assert screen.reading().elapsed == 180
            held.release()
            await until(pilot, lambda: "the host has left" in said(screen))
            clock.advance(minutes=10)
            screen.tick()
            assert screen.reading().elapsed == 180  # stopped where the host left
            await pilot.pause()
            assert label_text(screen, "#clock-meeting").startswith("■ stopped: the host has left")  # not "▶ running"
            held = store.hold_live(demo_id)
            await until(pilot, lambda: screen.sub_title == "read-only · following")
            assert screen.reading().elapsed == 780  # the host's clock ran on: so does the view's
            screen.tick()
            await pilot.pause()
            assert label_text(screen, "#clock-meeting").startswith("▶ running")
    finally:
        writer.close()
        held.release()


async def test_an_ended_meeting_followed_says_it_has_ended_and_never_asks_to_resume_it(
    make_app, demo_id, store: Store, clock: FrozenClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(live_module, "FOLLOW_SECONDS", 0.05)
    held = store.hold_live(demo_id)
    writer = MeetingSession(store, store.load(demo_id), clock, ids=SequentialIds("w"))
    try:
        writer.apply(lambda live: live.start())
        writer.apply(lambda live: live.end())
        assert writer.flush()
        app = make_app(demo_id, read_only=True)
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await live_screen(pilot)
            await until(pilot, lambda: screen.sub_title == "read-only · the meeting has ended")
            held.release()
            await pilot.pause(0.3)
            assert "the host has left" not in said(screen) and "resumes it" not in said(screen)
    finally:
        writer.close()
        held.release()
