"""Nothing typed is lost: refused lines, the note field's history, keys typed ahead of a dialog, names on enter.

Bursts are posted to the app in one go, as a terminal delivers keys typed faster than the screen refreshes
(a paste, a fast typist, tmux send-keys): nothing waits for the app between two keys.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from meetui.core.models import DecisionState

from .helpers import live_screen, said, stored, type_note


def burst(app, *keys: str) -> None:  # noqa: ANN001
    """Post ``keys`` at once: named keys ("enter", "escape") as they are, other strings character by character."""
    for key in keys:
        if key in {"enter", "escape", "up", "down", "space", "ctrl+o", "tab"}:
            app.post_message(events.Key(key, " " if key == "space" else None))
        else:
            for char in key:
                app.post_message(events.Key(char, char))


def texts(screen) -> list[str]:  # noqa: ANN001
    return [n.text for n in screen.meeting.notes if not n.withdrawn]


async def test_after_a_refused_line_the_next_lines_are_saved(make_app, demo_id) -> None:
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        await pilot.press("space")
        await type_note(pilot, "#action Bob review the contract by tomorrow")
        await type_note(pilot, "渠道培训必须在发布前两周完成")
        await type_note(pilot, "#idea 先做灰度发布")
        assert texts(screen) == [
            "(not understood) #action Bob review the contract by tomorrow",
            "渠道培训必须在发布前两周完成",
            "先做灰度发布",
        ]
        assert screen.query_one("#note-input", Input).value == ""
        assert said(screen).count("Bob is not an attendee") == 1, "the refusal is said once"
        assert [n.text for n in stored(screen).notes][1:] == ["渠道培训必须在发布前两周完成", "先做灰度发布"]


async def test_up_and_down_walk_the_lines_typed_like_a_shell(make_app, demo_id) -> None:
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await live_screen(pilot)
        await pilot.press("space")
        await type_note(pilot, "第一条")
        await type_note(pilot, "#idea 第二条")
        field = app.screen.query_one("#note-input", Input)
        field.insert_text_at_cursor("草稿")
        await pilot.press("up")
        assert field.value == "#idea 第二条"
        await pilot.press("up", "up")
        assert field.value == "第一条", "the oldest line stays at the top"
        await pilot.press("down")
        assert field.value == "#idea 第二条"
        await pilot.press("down")
        assert field.value == "草稿", "past the newest line, the line being typed comes back"


async def test_a_refused_line_recalled_and_corrected_replaces_its_kept_note(make_app, demo_id) -> None:
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        await pilot.press("space")
        await type_note(pilot, "#action 李娜")
        assert texts(screen) == ["(not understood) #action 李娜"]
        await pilot.press("up")
        field = screen.query_one("#note-input", Input)
        assert field.value == "#action 李娜"
        field.insert_text_at_cursor(" 整理清单")
        await pilot.press("enter")
        await pilot.pause()
        assert [a.task for a in screen.meeting.actions] == ["整理清单"]
        assert texts(screen) == [], "the kept note gives way to the corrected line"
        assert [n.withdrawn for n in stored(screen).notes] == [True], "and stays in the record, withdrawn"


async def test_an_action_naming_a_newcomer_offers_to_add_them(make_app, demo_id) -> None:
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        await pilot.press("space")
        await type_note(pilot, "#action Bob review the contract by tomorrow")
        assert screen.meeting.attendee("Bob") is None
        assert screen.active_bindings["ctrl+o"].enabled
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert screen.meeting.attendee("Bob") is not None
        assert [(a.owner, a.task) for a in screen.meeting.actions] == [("Bob", "review the contract")]
        assert texts(screen) == []
        assert (
            "ctrl+o" not in screen.active_bindings
            or not screen.active_bindings["ctrl+o"].binding.show
            or not screen.check_action("add_people", ())
        )
        on_disk = stored(screen)
        assert on_disk.attendee("Bob") is not None and len(on_disk.actions) == 1


async def test_keys_typed_behind_the_lock_reach_the_note_field(make_app, demo_id) -> None:
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        await pilot.press("space")
        await type_note(pilot, "#agreed 12月15日正式发布")
        await pilot.press("escape")
        burst(app, "d", "enter", "enter", "i", "渠道培训必须在发布前两周完成", "enter")
        for _ in range(10):
            await pilot.pause()
        assert screen.meeting.decisions[0].state is DecisionState.LOCKED
        assert app.screen is screen, "locking closed the dialog"
        assert texts(screen) == ["12月15日正式发布", "渠道培训必须在发布前两周完成"]
        assert "decision locked" in said(screen)
        assert "locked: 12月15日正式发布" in str(screen.query_one("#decision-line").render())


async def test_keys_typed_behind_the_last_enter_of_a_form_reach_the_screen(make_app, demo_id) -> None:
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        await pilot.press("space")
        burst(
            app,
            "a",
            "整理渠道报价单",
            "enter",
            "陈刚",
            "enter",
            "+3d",
            "enter",
            "报价单",
            "enter",
            "enter",
            "k",
            "离线模式以后再议",
            "enter",
            "i",
            "下一条笔记",
            "enter",
        )
        for _ in range(10):
            await pilot.pause()
        assert app.screen is screen
        assert [(a.task, a.owner) for a in screen.meeting.actions] == [("整理渠道报价单", "陈刚")]
        assert [p.text for p in screen.meeting.parking_lot] == ["离线模式以后再议"]
        assert texts(screen) == ["下一条笔记"]


async def test_a_name_field_takes_a_unique_prefix_and_asks_once_about_a_newcomer(make_app, demo_id) -> None:
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        await pilot.press("space")
        burst(app, "a", "准备渠道培训材料", "enter", "Ali", "enter", "enter", "enter", "enter")
        for _ in range(6):
            await pilot.pause()
        assert app.screen is screen
        assert [a.owner for a in screen.meeting.actions] == ["Alice Wang"]

        burst(app, "a", "联系法务", "enter", "小明", "enter")
        for _ in range(6):
            await pilot.pause()
        form = app.screen
        assert form is not screen, "a new name is asked about, not stored silently"
        assert "小明 is not an attendee" in form.query_one("#action-error").message
        assert screen.meeting.attendee("小明") is None
        burst(app, "enter", "enter", "enter", "enter")
        for _ in range(6):
            await pilot.pause()
        assert app.screen is screen
        assert screen.meeting.attendee("小明") is not None
        assert [a.owner for a in screen.meeting.actions] == ["Alice Wang", "小明"]


async def test_the_offer_to_add_people_goes_once_another_line_is_taken(make_app, demo_id) -> None:
    """A refused ``#action 王 …`` offered ctrl+o; the host fixed another line instead, and a later ctrl+o added 王
    as an attendee with the old line's action item, long after anyone looked at it."""
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        await pilot.press("space")
        await type_note(pilot, "#action 王 做点事")
        assert screen.check_action("add_people", ())
        await type_note(pilot, "渠道培训必须在发布前两周完成")
        assert not screen.check_action("add_people", ())
        await pilot.press("escape", "ctrl+o")
        await pilot.pause()
        assert screen.meeting.attendee("王") is None and screen.meeting.actions == []


async def test_refused_lines_are_kept_for_the_note_taker_not_for_the_minutes(make_app, demo_id) -> None:
    from meetui.export.minutes_model import build_minutes
    from meetui.export.render import render

    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        await pilot.press("space")
        await type_note(pilot, "#action 李娜 提交报告 by yesterday")
        [kept] = screen.meeting.notes
        assert kept.text.startswith("(not understood)") and kept.private
        minutes = render(build_minutes(screen.meeting, screen.session.clock.now()), "md", "zh")
        assert "提交报告" not in minutes
        assert "提交报告" in render(build_minutes(screen.meeting, screen.session.clock.now(), private=True), "md")


async def test_enter_in_the_actions_table_edits_the_item_and_elsewhere_types_a_note(make_app, demo_id) -> None:
    from meetui.ui.dialogs.action_form import ActionForm

    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        await pilot.press("space")
        await type_note(pilot, "#action 李娜 提交修复计划 by fri")
        await pilot.press("escape", "4", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ActionForm) and app.screen.item.task == "提交修复计划"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("2", "enter")  # the agenda: enter types a note, as i does
        await pilot.pause()
        assert screen.focused is screen.query_one("#note-input", Input)


async def test_a_line_typed_but_not_sent_when_quitting_is_back_next_time(make_app, demo_id, store) -> None:
    """ctrl+q with a line in the note field quit at once and the line was gone, up could not recall it."""
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        await pilot.press("space", "i")
        screen.query_one("#note-input", Input).insert_text_at_cursor("未提交的一行 typed but not sent")
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert store.drafts.path(demo_id).exists()
    again = make_app(demo_id)
    async with again.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        assert screen.query_one("#note-input", Input).value == "未提交的一行 typed but not sent"
        assert "back in the note field" in said(screen)
        assert not store.drafts.path(demo_id).exists()
        await pilot.press("i", "enter")
        await pilot.pause()
        assert [n.text for n in screen.meeting.notes] == ["未提交的一行 typed but not sent"]
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert not store.drafts.path(demo_id).exists()  # sent: nothing to keep
