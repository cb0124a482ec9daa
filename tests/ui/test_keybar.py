"""The live screen's first frame: the key line and the tables are drawn without waiting for a layout."""

from __future__ import annotations

import pytest

from meetui.core.models import MeetingStatus
from meetui.ui.panes.base import FittedTable
from meetui.ui.panes.keybar import KeyBar, KeySpan

from .helpers import live_screen


def key_line(bar: KeyBar) -> str:
    return bar.render_line(0).text


def key_span(bar: KeyBar, key: str) -> KeySpan:
    bar.render_line(0)
    return next(span for span in bar._spans if span.key == key)


def dimmed(bar: KeyBar, x: int) -> bool:
    """Whether the cell at ``x`` is drawn dim (Textual blends dim text into the background when it paints)."""
    return bool(next(iter(bar.render_line(0).crop(x, x + 1))).style.dim)


@pytest.mark.parametrize("size", [(80, 24), (99, 30), (120, 40), (133, 40)])
async def test_tables_are_built_at_the_width_the_layout_gives_them(make_app, demo_id, size) -> None:
    app = make_app(demo_id)
    async with app.run_test(size=size) as pilot:
        screen = await live_screen(pilot)
        for table in screen.query(FittedTable):
            assert table.expected_width() == table.size.width, table.id


async def test_the_key_line_shows_keys_descriptions_and_the_palette_in_80_columns(make_app, demo_id) -> None:
    app = make_app(demo_id)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await live_screen(pilot)
        line = key_line(screen.query_one(KeyBar))
        assert len(line) == 80
        assert line.startswith("space clock  np topic  +- timebox i note d decide a action ")
        assert line.endswith(" ? more ▏^p palette "), "help stays in sight and says there is more"


@pytest.mark.parametrize("width", range(60, 131, 7))
async def test_keys_that_do_not_fit_are_left_out_whole_and_clicks_still_find_them(make_app, demo_id, width) -> None:
    app = make_app(demo_id)
    async with app.run_test(size=(width, 24)) as pilot:
        screen = await live_screen(pilot)
        bar = screen.query_one(KeyBar)
        line = key_line(bar)
        keys = [entry for entry in bar._entries() if entry.action != "help"]  # noqa: SLF001
        shown = [entry for entry in keys if entry.text.plain in line]
        assert len(line) == width
        assert line.endswith(" ? more ▏^p palette " if len(shown) < len(keys) else " ? help ▏^p palette ")
        missing = next((i for i, key in enumerate(keys) if key not in shown), len(keys))
        assert missing >= 3, "the most-used keys come first"
        assert all(key.text.cell_len > 0 for key in shown)
        assert ("? more" in line) == (len(shown) < len(keys))
        for span in bar._spans:  # noqa: SLF001
            assert 0 <= span.start < span.end <= width
            assert line[span.start] != " " or span.key == "space"


async def test_unavailable_keys_are_dimmed_and_follow_the_meeting(make_app, demo_id) -> None:
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        bar = screen.query_one(KeyBar)
        assert not key_span(bar, "plus").enabled  # no current topic before the clock starts
        assert dimmed(bar, key_span(bar, "plus").start)
        space = key_span(bar, "space")
        assert space.enabled and not dimmed(bar, space.start)
        await pilot.click(KeyBar, offset=(space.start, 0))
        await pilot.pause()
        assert screen.meeting.status is MeetingStatus.LIVE
        assert "发布日期" in screen.meeting.current_topic.title
        assert key_span(bar, "plus").enabled and not dimmed(bar, key_span(bar, "plus").start)


async def test_while_typing_a_note_the_key_line_offers_no_key_the_field_types(make_app, demo_id) -> None:
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        await pilot.press("space")
        assert "+- timebox" in key_line(screen.query_one(KeyBar))
        await pilot.press("i", "plus", "minus")
        await pilot.pause()
        line = key_line(screen.query_one(KeyBar))
        assert "timebox" not in line and "esc leave field" in line
        assert screen.query_one("#note-input").value == "+-"
        assert screen.meeting.current_topic.extra_minutes == 0
