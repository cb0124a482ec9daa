"""The live header's save state always shows: a title too long for the line is cut with an ellipsis instead."""

from __future__ import annotations

from textual.widgets._header import HeaderTitle

from .helpers import live_screen

LONG_TITLE = "超长标题" * 40


async def test_a_long_title_is_cut_and_the_save_state_still_shows(make_app, store, demo_id) -> None:
    meeting = store.load(demo_id)
    store.save(meeting.model_copy(update={"title": LONG_TITLE}))
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        await pilot.pause(0.2)
        line = "".join(segment.text for segment in screen.query_one(HeaderTitle).render_line(0))
        assert "✓ saved" in line, line
        assert "…" in line and "超长标题" in line, line
        screen.sub_title = "▲ NOT SAVED"
        await pilot.pause(0.1)
        line = "".join(segment.text for segment in screen.query_one(HeaderTitle).render_line(0))
        assert "▲ NOT SAVED" in line, line
