"""The action item form: a valid item, a bad due date, a new owner, editing."""

from __future__ import annotations

import datetime as dt

from textual import events
from textual.widgets import Checkbox, Input, Select, Static

from meetui.core.models import Priority
from meetui.ui.dialogs.action_form import ActionForm

from .harness import DialogHarness, reloaded


def fill(app: DialogHarness, **values: str) -> None:
    for name, value in values.items():
        app.screen.query_one(f"#action-{name}", Input).value = value


async def test_a_valid_item_with_chinese_task_and_owner_is_saved(session, clock):
    app = DialogHarness(session, ActionForm)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.screen.focused is app.screen.query_one("#action-task", Input)
        fill(
            app,
            task="更新发布计划并发给各部门",
            owner="李娜",
            due="周五",
            deliverable="发布计划 v1.3",
            support="需要市场部提供日期",
        )
        await pilot.pause()
        assert str(app.screen.query_one("#due-hint", Static).content) == "→ Fri 2026-11-27"
        app.screen.query_one("#action-priority", Select).value = Priority.HIGH
        app.screen.query_one("#action-confirmed", Checkbox).value = True
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.dismissed
    [item] = reloaded(session).actions
    assert (item.task, item.owner, item.department) == ("更新发布计划并发给各部门", "李娜", "研发部 R&D")
    assert item.due == dt.date(2026, 11, 27)  # the clock says Friday 2026-11-20; "周五" is the next Friday
    assert (item.deliverable, item.priority, item.support, item.confirmed) == (
        "发布计划 v1.3",
        Priority.HIGH,
        "需要市场部提供日期",
        True,
    )
    assert item.topic_id == session.meeting.current_topic_id
    assert app.result is not None and [r.id for r in app.result.records] == [item.id]


async def test_enter_moves_through_the_fields_and_saves_in_the_last(session):
    app = DialogHarness(session, ActionForm)
    async with app.run_test() as pilot:
        await pilot.pause()
        fill(app, task="准备渠道培训材料", owner="陈刚", due="+3d")
        for expected in ("action-owner", "action-due", "action-deliverable", "action-support"):
            assert app.screen.active_bindings["enter"].binding.description == "Next field"  # as the key line says
            await pilot.press("enter")
            await pilot.pause()
            assert app.screen.focused.id == expected
        assert not session.meeting.actions
        assert app.screen.active_bindings["enter"].binding.description == "OK", "in the last field enter saves"
        await pilot.press("enter")
        await pilot.pause()
    [item] = reloaded(session).actions
    assert (item.task, item.owner, item.due) == ("准备渠道培训材料", "陈刚", dt.date(2026, 11, 23))


async def test_a_burst_of_keys_fills_each_field_in_turn(session):
    """Keys that arrive all at once (a paste, tmux send-keys) land in the field Enter moved to, not the one left."""
    app = DialogHarness(session, ActionForm)
    async with app.run_test() as pilot:
        await pilot.pause()
        burst = [*"整理渠道报价单", "enter", *"陈刚", "enter", *"+3d", "enter", *"报价单 v1", "enter", "enter"]
        for key in burst:  # posted in one go: nothing waits for the app between two keys
            app.post_message(events.Key("enter" if key == "enter" else key, None if key == "enter" else key))
        await pilot.pause()
        await pilot.pause()
    [item] = reloaded(session).actions
    assert (item.task, item.owner, item.due, item.deliverable) == (
        "整理渠道报价单",
        "陈刚",
        dt.date(2026, 11, 23),
        "报价单 v1",
    )


async def test_an_unreadable_due_date_is_refused_inline_and_the_form_keeps_its_content(session):
    app = DialogHarness(session, ActionForm)
    async with app.run_test() as pilot:
        await pilot.pause()
        fill(app, task="确认隐私条款", owner="王芳", due="下个月某天", deliverable="法务意见书")
        await pilot.pause()
        assert app.screen.query_one("#due-hint", Static).has_class("-bad")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not app.dismissed
        assert "cannot read the due date '下个月某天'" in app.screen.query_one("#action-error").message
        assert app.screen.focused is app.screen.query_one("#action-due", Input)
        values = {
            name: app.screen.query_one(f"#action-{name}", Input).value
            for name in ("task", "owner", "due", "deliverable")
        }
        assert values == {"task": "确认隐私条款", "owner": "王芳", "due": "下个月某天", "deliverable": "法务意见书"}
        assert session.meeting.actions == []


async def test_a_new_owner_becomes_an_attendee(session):
    app = DialogHarness(session, ActionForm)
    async with app.run_test() as pilot:
        await pilot.pause()
        fill(app, task="整理支付 SDK 风险清单", owner="刘洋", due="2026-12-01")
        await pilot.pause()
        assert "new" in str(app.screen.query_one("#owner-hint", Static).content)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not app.dismissed and session.meeting.attendee("刘洋") is None, "asked before anything is stored"
        assert "刘洋 is not an attendee: ctrl+s again" in app.screen.query_one("#action-error").message
        await pilot.press("ctrl+s")
        await pilot.pause()
    stored = reloaded(session)
    assert stored.attendee("刘洋") is not None
    [item] = stored.actions
    assert (item.owner, item.due) == ("刘洋", dt.date(2026, 12, 1))
    assert "刘洋 added as attendee" in app.result.message


async def test_editing_an_item_updates_it_in_place(session):
    session.apply(lambda live: live.add_action("预订发布会场地", "Alice Wang", due="fri"))
    item = session.meeting.actions[0]
    app = DialogHarness(session, lambda s: ActionForm(s, item.id))
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.screen.query_one("#action-task", Input).value == "预订发布会场地"
        assert app.screen.query_one("#action-due", Input).value == "2026-11-27"
        fill(app, task="预订发布会场地并确认预算", owner="陈刚", due="12-04")
        await pilot.press("ctrl+s")
        await pilot.pause()
    stored = reloaded(session)
    assert [a.id for a in stored.actions] == [item.id]
    edited = stored.actions[0]
    assert (edited.task, edited.owner, edited.due) == ("预订发布会场地并确认预算", "陈刚", dt.date(2026, 12, 4))


async def test_an_empty_owner_is_refused_and_nothing_is_saved(session):
    app = DialogHarness(session, ActionForm)
    async with app.run_test() as pilot:
        await pilot.pause()
        fill(app, task="汇总客户反馈")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "name the owner" in app.screen.query_one("#action-error").message
        assert app.screen.query_one("#action-task", Input).value == "汇总客户反馈"
        await pilot.press("escape")
        await pilot.pause()
    assert app.result is None
    assert session.meeting.actions == []


def test_every_dialog_keeps_enter_moving_to_the_next_field() -> None:
    """A dialog that binds enter itself must list the next-field binding too (Textual keeps only its own)."""
    import meetui.ui.dialogs.decision
    import meetui.ui.dialogs.end
    import meetui.ui.dialogs.minutes
    import meetui.ui.dialogs.parking
    import meetui.ui.dialogs.replan
    import meetui.ui.dialogs.roll_call
    import meetui.ui.dialogs.speakers  # noqa: F401 - every dialog class defined
    from meetui.ui.dialogs.base import MeetingDialog

    def subclasses(cls: type) -> list[type]:
        return [cls, *(sub for direct in cls.__subclasses__() for sub in subclasses(direct))]

    dialogs = subclasses(MeetingDialog)
    assert len(dialogs) >= 8
    for dialog in dialogs:
        enter = dialog._merge_bindings().key_to_bindings.get("enter", [])  # noqa: SLF001
        assert any(b.id == "dialog.next-field" and b.priority for b in enter), dialog.__name__
