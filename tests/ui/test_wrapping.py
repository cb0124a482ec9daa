"""Notes and decisions wrap as Chinese is written: the text fills the first line, the rest hangs under it."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList

from meetui.core.text import cell_width
from meetui.ui.panes.wrapping import Hanging

from .helpers import live_screen, type_note

LONG = "发布日期定为12月15日，代码冻结定在12月1日，渠道培训在发布前两周完成"


@pytest.mark.parametrize("width", [20, 24, 31, 40, 57])
def test_a_long_chinese_note_fills_the_first_line_and_hangs_under_its_text(width: int) -> None:
    lines = Hanging("16:09 ✔ ", LONG).lines(width).plain.split("\n")
    assert lines[0].startswith("16:09 ✔ 发布日期")
    assert all(cell_width(line) <= width for line in lines)
    assert all(line.startswith(" " * 8) and not line[8].isspace() for line in lines[1:])
    assert cell_width(lines[0]) >= width - 1  # filled: at most one cell short (a wide character did not fit)
    assert "".join(line.strip() for line in lines) == "16:09 ✔ " + LONG
    assert not any(line.lstrip().startswith(("，", "。")) for line in lines)  # never a line opening on a comma


def test_too_narrow_for_a_hanging_indent_the_lead_wraps_with_the_text() -> None:
    lines = Hanging("16:09 ✔ ", LONG).lines(14).plain.split("\n")
    assert lines[0].startswith("16:09 ✔") and not lines[1].startswith(" ")
    assert all(cell_width(line) <= 14 for line in lines)


def test_english_still_breaks_at_spaces() -> None:
    text = "Payment SDK upgrade slips two weeks; performance tests pending"
    lines = Hanging("16:09 · ", text).lines(30).plain.split("\n")
    assert lines == [
        "16:09 · Payment SDK upgrade",
        "        slips two weeks;",
        "        performance tests",
        "        pending",
    ]


async def test_the_notes_pane_shows_the_time_and_the_text_on_one_line_at_80_columns(make_app, demo_id) -> None:
    app = make_app(demo_id)
    async with app.run_test(size=(80, 24)) as pilot:
        await live_screen(pilot)
        await pilot.press("space")
        await type_note(pilot, LONG)
        notes = app.screen.query_one("#note-list", OptionList)
        first, second = (strip.text.rstrip() for strip in notes.render_lines(notes.region.reset_offset)[:2])
        assert first.startswith(("09:30 · 发布日期定为", " 09:30 · 发布日期定为"))
        assert second.strip() and second.startswith(" " * 8)
