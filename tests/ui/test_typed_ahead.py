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


async def test_a_pasted_block_of_lines_becomes_one_note_or_command_per_line(make_app, demo_id) -> None:
    """A bracketed paste of three lines (tmux sends carriage returns): the first two are committed as the paste
    arrives, the third waits in the field for enter. Textual's own Input kept the first line only."""
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        await pilot.press("space", "i")
        field = screen.query_one("#note-input", Input)
        field.post_message(events.Paste("粘贴第一行\r粘贴第二行 [b]\r#action 李娜 整理粘贴的任务 by fri"))
        await pilot.pause(0.2)
        assert field.value == "#action 李娜 整理粘贴的任务 by fri"
        await pilot.press("enter")
        await until(pilot, lambda: len(stored(screen).actions) == 1)
        meeting = stored(screen)
        assert [n.text for n in meeting.notes] == ["粘贴第一行", "粘贴第二行 [b]"]
        assert [(a.owner, a.task) for a in meeting.actions] == [("李娜", "整理粘贴的任务")]


async def test_keys_typed_behind_i_are_not_selected_and_replaced_when_the_focus_arrives(make_app, demo_id) -> None:
    """``i`` puts focus in the field at once, but Textual's Input selects its whole text when it handles the focus
    event, later: the characters typed in between were selected, and the next one replaced them ("hel" lost)."""
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        await pilot.press("space")
        field = screen.query_one("#note-input", Input)
        await pilot.press("escape")
        # As under load: the keys behind "i" are read before the field has handled its focus event.
        screen.action_focus_note()
        for char in "会议纪要 hel":
            field._forward_event(events.Key(char if char != " " else "space", char))  # noqa: SLF001
        await pilot.pause()  # the focus event is handled now
        await pilot.press("l", "o")
        assert field.value == "会议纪要 hello"
