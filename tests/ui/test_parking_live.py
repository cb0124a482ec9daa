"""From the live screen: park two items, then list the lot (``l``) and follow each one through by keys."""

from __future__ import annotations

from textual.widgets import DataTable

from meetui.ui.dialogs.action_form import ActionForm
from meetui.ui.dialogs.parking import ParkingLotDialog
from meetui.ui.dialogs.widgets import InlineError

from .helpers import live_screen, stored, type_note


async def test_l_then_a_makes_an_action_item_and_f_a_follow_up_topic(make_app, demo_id) -> None:
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        await pilot.press("space")
        for text in ("离线模式要不要砍", "海外发布节奏"):
            await type_note(pilot, text)
            await pilot.press("escape", "3", "k")  # the notes list: the note just typed goes to the parking lot
            await pilot.pause()
            assert isinstance(app.screen, ParkingLotDialog)
            await pilot.press("enter")
            await pilot.pause()
        assert [p.text for p in screen.meeting.parking_lot] == ["离线模式要不要砍", "海外发布节奏"]
        assert "2 parked" in str(screen.query_one("#agenda").border_title)
        await pilot.press("l")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ParkingLotDialog)
        await pilot.press("up", "a")
        await pilot.pause()
        assert isinstance(app.screen, ActionForm)
        await pilot.press(*"陈刚", "enter", *"+3d", "enter", "enter", "enter")  # typing starts in the owner field
        await pilot.pause()
        assert app.screen is dialog
        action = screen.meeting.actions[-1]
        assert (action.task, action.owner, action.due.isoformat()) == ("离线模式要不要砍", "陈刚", "2026-11-23")
        first, second = screen.meeting.parking_lot
        assert first.action_id == action.id and first.resolved
        table = dialog.query_one(DataTable)
        assert str(table.get_row_at(0)[3]) == f"→ action item {action.id} (陈刚, 11-23)"
        await pilot.press("down", "f")
        await pilot.pause()
        assert second.follow_up and str(table.get_row_at(1)[3]) == "→ follow-up meeting"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        assert "1 parked" in str(screen.query_one("#agenda").border_title)  # the follow-up item is still open
        actions = screen.query_one("#actions-table", DataTable)
        assert any(action.task in str(cell) for cell in actions.get_row(action.id))  # the actions pane shows it
    record = stored(screen)
    assert record.parking_lot[0].action_id == action.id and record.parking_lot[1].follow_up
    assert record.action(action.id) is not None


async def test_a_list_key_that_does_nothing_on_an_item_says_why(make_app, demo_id) -> None:
    app = make_app(demo_id)
    async with app.run_test(size=(80, 24)) as pilot:
        await live_screen(pilot)
        await pilot.press("space")
        await type_note(pilot, "海外发布节奏")
        await pilot.press("escape", "3", "k")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ParkingLotDialog)
        await pilot.press("b")
        await pilot.pause()
        said = " ".join(str(label.render()) for label in dialog.query(InlineError))
        assert "item 1 is open in the parking lot: nothing to take back" in said
