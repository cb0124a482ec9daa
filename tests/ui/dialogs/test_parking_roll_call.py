"""The parking lot and roll call dialogs."""

from __future__ import annotations

from textual.widgets import DataTable, Input

from meetui.core.models import Attendance
from meetui.ui.dialogs.parking import ParkingLotDialog
from meetui.ui.dialogs.roll_call import RollCallDialog

from .harness import DialogHarness, reloaded


async def test_parking_an_item_with_who_raised_it(session):
    session.apply(lambda live: live.park("渠道价格策略需要财务参与", raised_by="陈刚"))
    app = DialogHarness(session, lambda s: ParkingLotDialog(s, "需要法务确认隐私条款"))
    async with app.run_test() as pilot:
        await pilot.pause()
        listed = app.screen.query_one("#parking-list", DataTable)
        assert str(listed.get_row_at(0)[1]) == "渠道价格策略需要财务参与"
        assert app.screen.query_one("#parking-text", Input).value == "需要法务确认隐私条款"
        await pilot.press("tab")
        app.screen.query_one("#parking-raised-by", Input).value = "王芳"
        await pilot.press("enter")
        await pilot.pause()
        assert app.dismissed
    stored = reloaded(session)
    assert [(p.text, p.raised_by) for p in stored.parking_lot] == [
        ("渠道价格策略需要财务参与", "陈刚"),
        ("需要法务确认隐私条款", "王芳"),
    ]
    assert stored.parking_lot[1].topic_id == session.meeting.current_topic_id


async def test_parking_nothing_is_refused_inline(session):
    app = DialogHarness(session, ParkingLotDialog)
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert not app.dismissed
        assert app.screen.query_one("#parking-error").message == "say what to park"
    assert session.meeting.parking_lot == []


def cursor_name(app: DialogHarness) -> str:
    return app.screen.selected.name


async def test_roll_call_marks_present_absent_with_reason_and_proxy(session):
    app = DialogHarness(session, RollCallDialog)
    async with app.run_test() as pilot:
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert app.screen.focused is table
        assert table.get_row_at(0)[:3] == ["王芳", "产品部 Product", "decides"]
        await pilot.press("p")  # 王芳
        await pilot.pause()
        assert cursor_name(app) == "Sam Carter"
        await pilot.press("down")  # leave Sam Carter as he is
        assert cursor_name(app) == "李娜"
        await pilot.press("a")
        await pilot.pause()
        reason = app.screen.query_one("#roll-call-reason", Input)
        assert app.screen.focused is reason
        reason.value = "在客户现场支持上线"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.focused is table and cursor_name(app) == "Alice Wang"
        await pilot.press("x")
        await pilot.pause()
        app.screen.query_one("#roll-call-proxy", Input).value = "陈刚"
        await pilot.press("enter")
        await pilot.pause()
        assert "⇄ proxy" in table.get_row_at(3)
        assert "by 陈刚" in table.get_row_at(3)[4]
        await pilot.press("escape")
        await pilot.pause()
    stored = reloaded(session)
    assert stored.attendee("王芳").attendance is Attendance.PRESENT
    assert stored.attendee("Sam Carter").attendance is Attendance.CONFIRMED
    li_na = stored.attendee("李娜")
    assert (li_na.attendance, li_na.absence_reason) == (Attendance.ABSENT, "在客户现场支持上线")
    alice = stored.attendee("Alice Wang")
    assert (alice.attendance, alice.proxy) == (Attendance.PROXY, "陈刚")
    assert app.result is not None


async def test_a_proxy_without_a_name_is_refused_and_escape_only_closes_the_prompt(session):
    app = DialogHarness(session, RollCallDialog)
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("x")
        await pilot.press("enter")
        await pilot.pause()
        assert "name the proxy who represents 王芳" in app.screen.query_one("#roll-call-error").message
        await pilot.press("escape")
        await pilot.pause()
        assert not app.dismissed
        assert app.screen.focused is app.screen.query_one(DataTable)
        await pilot.press("escape")
        await pilot.pause()
    assert app.result is None
    assert session.meeting.attendee("王芳").attendance is Attendance.CONFIRMED
