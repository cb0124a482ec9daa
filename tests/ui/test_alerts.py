"""Alerts and visibility on the live screen: timebox alerts (flash and bell, once each), the speaker in the clock
pane, the meeting's zone, and the message line in place of Textual's toasts."""

from __future__ import annotations

import time

from meetui.ui.config import Config, load_config, save_config
from meetui.ui.panes.message import MessageLine

from .helpers import label_text, live_screen


async def test_the_last_20_percent_and_the_overrun_each_flash_and_ring_once(make_app, demo_id, clock) -> None:
    app = make_app(demo_id)
    bells: list[int] = []
    async with app.run_test(size=(120, 40)) as pilot:
        app.bell = lambda: bells.append(1)  # type: ignore[method-assign]
        screen = await live_screen(pilot)
        await pilot.press("space")  # topic 1: 20 minutes
        clock.advance(minutes=10)
        screen.tick()
        assert screen.alerts == 0 and not bells
        clock.advance(minutes=6)  # 16 of 20: the last 20 %
        screen.tick()
        assert screen.alerts == 1 and bells == [1]
        assert screen.query_one("#clock").has_class("-flash")
        assert "last 20 %" in screen.query_one(MessageLine).message
        screen.tick()
        clock.advance(seconds=30)
        screen.tick()
        assert screen.alerts == 1, "once"
        clock.advance(minutes=5)  # over
        screen.tick()
        assert screen.alerts == 2 and bells == [1, 1]
        assert "▲ over by 1:30" in label_text(screen, "#clock-topic-state")
        await pilot.pause(1.2)
        assert not screen.query_one("#clock").has_class("-flash"), "a flash, not a steady colour"


async def test_with_the_bell_off_the_alert_only_flashes(make_app, demo_id, clock, config_dir) -> None:
    save_config(config_dir / "config.toml", Config(bell=False))
    assert load_config(config_dir / "config.toml").bell is False
    app = make_app(demo_id)
    bells: list[int] = []
    async with app.run_test(size=(120, 40)) as pilot:
        app.bell = lambda: bells.append(1)  # type: ignore[method-assign]
        screen = await live_screen(pilot)
        await pilot.press("space")
        screen.tick()
        clock.advance(minutes=17)
        screen.tick()
        assert screen.alerts == 1 and not bells


async def test_the_speaker_and_their_time_stay_in_the_clock_pane(make_app, demo_id, clock) -> None:
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        await pilot.press("space")
        screen.apply(lambda live: live.queue_speaker("李娜"), announce=False)
        screen.apply(lambda live: live.next_speaker(), announce=False)
        clock.advance(seconds=65)
        screen.tick()
        assert label_text(screen, "#clock-speaker") == "Speaking: 李娜 1:05 of 3:00"
        clock.advance(minutes=2)
        screen.tick()
        assert label_text(screen, "#clock-speaker") == "Speaking: 李娜 ▲ over the limit by 0:05"
        assert screen.query_one("#clock-speaker").has_class("-over")


async def test_the_clock_names_the_meeting_zone_when_it_is_not_the_local_one(make_app, demo_id, monkeypatch) -> None:
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        assert screen.query_one("#clock").border_title == "Clock · Asia/Shanghai"


async def test_repeated_messages_replace_each_other_in_one_line(make_app, demo_id) -> None:
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        await pilot.press("space")
        for _ in range(5):
            await pilot.press("plus")
        line = screen.query_one(MessageLine)
        assert line.message.endswith("timebox 25 min")
        assert not app._notifications, "no toast stacks over the panes"  # noqa: SLF001


async def test_help_scrolls_shows_placeholders_literally_and_says_why_a_key_is_greyed(make_app, demo_id) -> None:
    from textual.containers import VerticalScroll
    from textual.widgets import Markdown

    app = make_app(demo_id)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await live_screen(pilot)
        await pilot.press("space")
        for _ in range(4):
            await pilot.press("n")
        await pilot.press("question_mark")
        await pilot.pause()
        box = app.screen.query_one("#help-box", VerticalScroll)
        assert app.screen.focused is box
        text = app.screen.query_one("#help-text", Markdown).source
        assert "last topic: e ends the meeting" in text
        assert "offered when the meeting is projected to end a minute or more late" in text
        from markdown_it import MarkdownIt

        rendered = MarkdownIt("gfm-like").render(text)  # the parser Textual's Markdown uses
        assert "Regarding &lt;topic&gt;, the decision is &lt;X&gt;" in rendered, "placeholders are text, not HTML"
        assert box.max_scroll_y > 0
        await pilot.press("end")
        await pilot.pause()
        assert box.scroll_y == box.max_scroll_y, "the keys reach the end of help"
        assert screen is not app.screen


async def test_ctrl_t_makes_the_next_notes_private_and_presentation_hides_them(make_app, demo_id) -> None:
    from .helpers import type_note

    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        await pilot.press("space", "i")
        assert screen.active_bindings["ctrl+t"].binding.description == "private"
        await pilot.press("ctrl+t")
        assert screen.active_bindings["ctrl+t"].binding.description == "public again"  # what the key does next
        await type_note(pilot, "#risk 预算只够一轮压测")
        await pilot.press("ctrl+t")
        assert screen.active_bindings["ctrl+t"].binding.description == "private"
        await type_note(pilot, "性能测试下周一开始")
        assert [(n.text, n.kind.value, n.private) for n in screen.meeting.notes] == [
            ("预算只够一轮压测", "risk", True),
            ("性能测试下周一开始", "info", False),
        ]
        await pilot.press("escape", "f")
        await pilot.pause()
        shown = app.export_screenshot()
        assert "预算只够一轮压测" not in shown


async def test_a_long_message_wraps_instead_of_losing_its_end_at_80_columns(make_app, demo_id) -> None:
    """At 80 columns a refusal's instruction was cut ("…has passed (today is 2026-12-01): give"): the message
    line wraps a message that does not fit, up to three lines; one that fits stays one line."""
    from textual.geometry import Region

    from meetui.ui.panes.message import MessageLine

    from .helpers import type_note

    app = make_app(demo_id)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await live_screen(pilot)
        line = screen.query_one(MessageLine)
        await pilot.press("space")
        await pilot.pause()
        assert line.size.height == 1
        await type_note(pilot, "#action 李娜 提交修复计划 by yesterday")
        await pilot.pause()
        assert line.size.height >= 2
        drawn = "".join(strip.text for strip in line.render_lines(Region(0, 0, *line.outer_size)))
        assert "recallstheline" in "".join(drawn.split())  # the message's end is on the screen
