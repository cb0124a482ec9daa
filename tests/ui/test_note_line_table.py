"""The note-line table (tests/note_line_cases.py) typed into the live note field: each line records what the
MeetBot importer records for it (tests/importers/test_meetbot.py runs the same table)."""

from __future__ import annotations

from note_line_cases import CASES, PEOPLE, made, records
from textual.widgets import Input

from meetui.core.clock import SequentialIds
from meetui.core.meeting import new_meeting

from .helpers import live_screen, stored, type_note


async def test_the_note_line_table_typed_live(make_app, store, clock) -> None:  # noqa: ANN001
    meeting = new_meeting(
        "表格 note lines",
        clock,
        SequentialIds("t"),
        attendees=[{"name": p} for p in PEOPLE],
        topics=[{"title": "发布日期"}, {"title": "渠道准备"}],
    )
    store.create(meeting)
    app = make_app(meeting.id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        await pilot.press("space")
        await type_note(pilot, "#info typed key by key")  # the field itself, once, with real key presses
        field = screen.query_one("#note-input", Input)
        for line, expected in CASES:
            before = records(screen.meeting)
            field.value = line
            await pilot.press("enter")
            await pilot.pause()
            assert field.value == "", line
            assert made(before, screen.meeting) == [expected], line
            if expected[0] == "topic":
                await type_note(pilot, "#undo")
        assert len(stored(screen).actions) == sum(1 for _, e in CASES if e[0] == "action")


async def test_undo_in_the_note_field_takes_back_a_topic(make_app, store, clock) -> None:  # noqa: ANN001
    meeting = new_meeting(
        "撤回 undo",
        clock,
        SequentialIds("w"),
        attendees=[{"name": p} for p in PEOPLE],
        topics=[{"title": "发布日期"}, {"title": "渠道准备"}],
    )
    store.create(meeting)
    app = make_app(meeting.id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        await pilot.press("space")
        await type_note(pilot, "#info 保留")
        await type_note(pilot, "#topic 价格策略")
        await type_note(pilot, "#action alice, bob: 比价 by fri")
        assert screen.meeting.current_topic.title == "价格策略"
        for _ in range(2):
            await type_note(pilot, "#undo")
        assert screen.meeting.current_topic.title == "发布日期"
        on_disk = stored(screen)
        assert [t.title for t in on_disk.agenda] == ["发布日期", "渠道准备"]
        assert on_disk.actions == []
        assert [n.text for n in on_disk.notes if not n.withdrawn] == ["保留"]
        agenda = screen.query_one("#agenda-table")
        assert agenda.row_count == 2
