"""Keys typed ahead into the note field (fast typing, a terminal multiplexer): every line becomes one note, in
order, none joined to the next and none doubled."""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from .helpers import live_screen, stored, until

LINES = ["渠道培训", "支付风险", "发布日期"]


async def test_lines_typed_ahead_become_one_note_each(make_app, demo_id) -> None:
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        await pilot.press("i")
        field = screen.query_one("#note-input", Input)
        assert field.has_focus
        for line in LINES:  # every key queued before the first is handled, as when they arrive in one read
            for char in line:
                app.post_message(events.Key(char, char))
            app.post_message(events.Key("enter", "\r"))
        await until(pilot, lambda: len(stored(screen).notes) >= len(LINES) and not field.value)
        await pilot.pause(0.2)
        assert [n.text for n in stored(screen).notes] == LINES
