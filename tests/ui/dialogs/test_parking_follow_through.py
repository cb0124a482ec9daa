"""The parking lot's list, driven by keys: an item becomes an action item or a follow-up topic, its owner and due
date are edited, and what became of it is taken back."""

from __future__ import annotations

from textual.widgets import DataTable, Input, Static

from meetui.ui.dialogs.action_form import ActionForm
from meetui.ui.dialogs.end import EndMeetingDialog
from meetui.ui.dialogs.parking import ParkingLotDialog

from .harness import DialogHarness, reloaded


def park_two(session) -> tuple[str, str]:
    first = session.apply(lambda live: live.park("价格[b]待定[/]找财务", raised_by="陈刚")).records[0]
    second = session.apply(lambda live: live.park("培训排期等赵磊回来", owner="陈刚")).records[0]
    session.apply(lambda live: live.update_parked(second.id, due="2026-12-04"))
    return first.id, second.id


def cells(app: DialogHarness, row: int) -> list[str]:
    return [str(cell) for cell in app.screen.query_one(DataTable).get_row_at(row)]


def listing(session) -> DialogHarness:
    return DialogHarness(session, lambda s: ParkingLotDialog(s, listing=True))


async def test_a_makes_the_highlighted_item_an_action_item_through_the_action_form(session):
    first, second = park_two(session)
    app = listing(session)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        dialog = app.screen
        assert dialog.focused is dialog.query_one(DataTable)
        assert cells(app, 0)[1:] == ["价格[b]待定[/]找财务", "—", "open"]  # markup shown as typed
        assert cells(app, 1)[2:] == ["陈刚 · 12-04", "open"]
        assert dialog.selected.id == second  # the newest, last
        await pilot.press("up", "a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ActionForm)
        assert form.value("action-task") == "价格[b]待定[/]找财务"
        assert (form.value("action-owner"), form.value("action-due")) == ("", "")
        assert form.focused is form.query_one("#action-owner"), "typing starts in the first empty field"
        await pilot.press(*"王芳")
        await pilot.press("enter", *"fri", "enter", *"报价方案", "enter", "enter")
        await pilot.pause()
        assert app.screen is dialog
        action = session.meeting.actions[-1]
        assert (action.task, action.owner, action.due.isoformat(), action.deliverable) == (
            "价格[b]待定[/]找财务",
            "王芳",
            "2026-11-27",
            "报价方案",
        )
        assert cells(app, 0)[3] == f"→ action item {action.id} (王芳, 11-27)"
        detail = str(dialog.query_one("#parking-detail", Static).content)
        assert f"→ action item {action.id} (王芳, 11-27)" in detail
        assert not dialog.active_bindings["a"].enabled  # it became something already
        assert dialog.active_bindings["b"].enabled
        await pilot.press("escape")
        await pilot.pause()
        assert app.dismissed and app.result is not None
    stored = reloaded(session)
    item = next(p for p in stored.parking_lot if p.id == first)
    assert (item.action_id, item.resolved) == (action.id, True)
    assert stored.action(action.id) is not None


async def test_the_action_form_keeps_the_items_owner_and_due(session):
    _first, second = park_two(session)
    app = listing(session)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert (form.value("action-task"), form.value("action-owner"), form.value("action-due")) == (
            "培训排期等赵磊回来",
            "陈刚",
            "2026-12-04",
        )
        await pilot.press("ctrl+s")
        await pilot.pause()
    action = session.meeting.actions[-1]
    assert (action.owner, action.due.isoformat()) == ("陈刚", "2026-12-04")
    assert session.meeting.parking_lot[1].action_id == action.id


async def test_f_marks_for_the_follow_up_meeting_and_b_takes_it_back(session):
    _first, second = park_two(session)
    app = listing(session)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        dialog = app.screen
        await pilot.press("f")
        await pilot.pause()
        assert cells(app, 1)[3] == "→ follow-up meeting"
        assert dialog.query_one("#parking-error").message.startswith("for the follow-up meeting")
        assert not dialog.active_bindings["f"].enabled and not dialog.active_bindings["a"].enabled
        assert session.meeting.parking_lot[1].follow_up
        await pilot.press("b")
        await pilot.pause()
        assert cells(app, 1)[3] == "open"
        assert not session.meeting.parking_lot[1].follow_up
        assert not dialog.active_bindings["b"].enabled  # nothing left to take back
        await pilot.press("f", "escape")
        await pilot.pause()
    assert reloaded(session).parking_lot[1].follow_up


async def test_enter_edits_the_owner_and_due_date_in_the_form_rows(session):
    first, _second = park_two(session)
    app = listing(session)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        dialog = app.screen
        await pilot.press("up", "enter")
        await pilot.pause()
        assert dialog.editing == first
        assert dialog.focused is dialog.query_one("#parking-owner", Input)
        assert not dialog.query_one("#parking-text-row").display
        assert "a" not in dialog.active_bindings or not dialog.active_bindings["a"].enabled  # letters type here
        await pilot.press(*"李娜a", "backspace", "enter", *"+3d", "enter")
        await pilot.pause()
        assert dialog.editing is None and not app.dismissed
        assert cells(app, 0)[2] == "李娜 · 11-23"
        assert dialog.focused is dialog.query_one(DataTable)
        await pilot.press("o")
        await pilot.pause()
        assert dialog.value("parking-owner") == "李娜"
        await pilot.press("escape")  # back to the list, not closed
        await pilot.pause()
        assert dialog.editing is None and not app.dismissed
    item = reloaded(session).parking_lot[0]
    assert (item.owner, item.due.isoformat()) == ("李娜", "2026-11-23")
    assert session.meeting.actions == [] or all(a.task != item.text for a in session.meeting.actions)


async def test_a_refusal_is_shown_in_the_form_and_nothing_is_linked(session):
    first, _second = park_two(session)
    app = listing(session)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("up", "a")
        await pilot.pause()
        form = app.screen
        form.query_one("#action-owner", Input).value = "王芳"
        form.query_one("#action-due", Input).value = "2026-11-01"  # passed
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form and "has passed" in form.query_one("#action-error").message
        await pilot.press("escape")
        await pilot.pause()
        assert cells(app, 0)[3] == "open"
    assert session.meeting.parking_lot[0].action_id == ""


async def test_after_the_end_the_lot_is_sorted_but_nothing_new_is_parked(session):
    _first, second = park_two(session)
    session.apply(lambda live: live.end())
    app = DialogHarness(session, ParkingLotDialog)  # even opened to park: the list has focus
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        dialog = app.screen
        assert dialog.focused is dialog.query_one(DataTable)
        assert not dialog.query_one("#parking-text-row").display
        assert "the meeting has ended" in str(dialog.query_one("#parking-hint", Static).content)
        await pilot.press("f")
        await pilot.pause()
    assert reloaded(session).parking_lot[1].follow_up


async def test_an_empty_lot_says_so_and_greys_the_item_keys(session):
    app = listing(session)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        dialog = app.screen
        assert str(dialog.query_one("#parking-detail", Static).content) == "Nothing parked yet."
        for key in "afob":
            assert not dialog.active_bindings[key].enabled
        await pilot.press("a", "f")
        await pilot.pause()
        assert app.screen is dialog
        await pilot.press("n")
        await pilot.pause()
        assert dialog.focused is dialog.query_one("#parking-text", Input)
        await pilot.press(*"离线再议", "enter")
        await pilot.pause()
    assert [p.text for p in session.meeting.parking_lot] == ["离线再议"]


async def test_the_end_recap_says_what_became_of_each_parked_item(session):
    _first, second = park_two(session)
    session.apply(lambda live: live.parked_to_follow_up(second))
    app = DialogHarness(session, EndMeetingDialog)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        lines = [str(part.renderable) for part in app.screen.query_one("#end-recap", Static).content.renderables[-2:]]
        assert lines == ["• 价格[b]待定[/]找财务 (陈刚) — open", "• 培训排期等赵磊回来 — → follow-up meeting"]
