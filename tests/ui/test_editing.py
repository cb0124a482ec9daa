"""Editing what was recorded, live: notes from the notes list, topics from the agenda, newcomers at roll call,
and the end review asking about each unconfirmed action item."""

from __future__ import annotations

from textual.widgets import Input

from meetui.ui.dialogs.end import EndMeetingDialog
from meetui.ui.dialogs.line_edit import LineEditDialog
from meetui.ui.dialogs.roll_call import RollCallDialog

from .helpers import live_screen, stored, type_note


async def test_a_note_is_edited_and_deleted_from_the_notes_list(make_app, demo_id) -> None:
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        await pilot.press("space")
        await type_note(pilot, "研发建议推迟一周")
        await type_note(pilot, "渠道培训需要两周")
        await pilot.press("escape")  # into the list, the newest note highlighted
        assert "E" in screen.active_bindings and "x" in screen.active_bindings, "the keys show in the key line"
        await pilot.press("up", "E")
        await pilot.pause()
        assert isinstance(app.screen, LineEditDialog)
        app.screen.query_one("#line-edit-text", Input).value = "研发建议推迟两周"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        assert [n.text for n in screen.meeting.notes] == ["研发建议推迟两周", "渠道培训需要两周"]
        shown = [str(screen.query_one("#note-list").get_option_at_index(i).prompt) for i in range(2)]
        assert "研发建议推迟两周" in shown[0] and "渠道培训需要两周" in shown[1], "the list shows the edited text"
        await pilot.press("x")
        await pilot.pause()
        on_disk = stored(screen)
        assert [(n.text, n.withdrawn) for n in on_disk.notes] == [
            ("研发建议推迟两周", True),
            ("渠道培训需要两周", False),
        ]
        assert screen.query_one("#note-list").option_count == 1


async def test_topics_are_renamed_moved_inserted_and_deleted_from_the_agenda(make_app, demo_id) -> None:
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        await pilot.press("space", "1", "down", "down")  # the agenda, on topic 3
        third = screen.meeting.agenda[2]
        await pilot.press("R")
        await pilot.pause()
        app.screen.query_one("#line-edit-text", Input).value = "渠道与培训"
        await pilot.press("enter")
        await pilot.pause()
        assert third.title == "渠道与培训"
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert [t.id for t in screen.meeting.agenda].index(third.id) == 1
        await pilot.press("o")
        await pilot.pause()
        app.screen.query_one("#line-edit-text", Input).value = "上周行动项回顾"
        await pilot.press("enter")
        await pilot.pause()
        titles = [t.title for t in screen.meeting.agenda]
        assert titles[1] == "上周行动项回顾" and screen.meeting.current_topic.title == "上周行动项回顾"
        await pilot.press("1")
        screen.query_one("#agenda-table").move_cursor(row=len(titles) - 1)
        last = screen.meeting.agenda[-1]
        await pilot.press("x")
        await pilot.pause()
        assert last not in screen.meeting.agenda
        assert [t.order for t in screen.meeting.agenda] == list(range(len(titles) - 1))
        assert [t.title for t in stored(screen).agenda] == [t.title for t in screen.meeting.agenda]


async def test_a_topic_with_notes_is_not_deleted(make_app, demo_id) -> None:
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        await pilot.press("space")
        await type_note(pilot, "研发建议推迟两周")
        await pilot.press("escape", "n", "1")  # on to topic 2, then the agenda
        screen.query_one("#agenda-table").move_cursor(row=0)
        first = screen.meeting.agenda[0]
        await pilot.press("x")
        await pilot.pause()
        assert first in screen.meeting.agenda
        assert "defer it to the parking lot instead" in screen.query_one("#message-line").message


async def test_someone_who_walks_in_is_added_at_roll_call(make_app, demo_id) -> None:
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, RollCallDialog)
        await pilot.press("n")
        for answer in ("周敏", "财务部", "sup"):
            app.screen.query_one("#roll-call-new", Input).value = answer
            await pilot.press("enter")
            await pilot.pause()
        attendee = screen.meeting.attendee("周敏")
        assert attendee is not None
        assert (attendee.department, attendee.role.value, attendee.attendance.value) == ("财务部", "support", "present")
        assert app.screen.query_one("#roll-call-table").row_count == len(screen.meeting.attendees)


async def test_the_end_review_asks_only_about_unconfirmed_items(make_app, demo_id) -> None:
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        await pilot.press("space")
        await type_note(pilot, "#action 李娜 整理支付SDK风险清单 by fri")
        await type_note(pilot, "#action 陈刚 更新渠道报价 by fri")
        first = screen.meeting.actions[0]
        assert not first.confirmed, "nobody is assigned passively: the owner confirms"
        screen.apply(lambda live: live.confirm_action(first.id), announce=False)
        await pilot.press("escape", "e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, EndMeetingDialog)
        assert [a.task for a in dialog.actions] == ["更新渠道报价"]
        await pilot.press("enter")
        await pilot.pause()
        assert all(a.confirmed for a in screen.meeting.actions)


async def test_a_topic_added_before_the_meeting_starts_goes_last_and_is_not_made_current(make_app, demo_id) -> None:
    """Before the clock starts there is no current topic: o made the new topic current, and space then started
    the meeting at the last topic."""
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        await pilot.press("1", "o")
        await pilot.pause()
        app.screen.query_one("#line-edit-text", Input).value = "临时加的议题"
        await pilot.press("enter")
        await pilot.pause()
        assert screen.meeting.agenda[-1].title == "临时加的议题" and screen.meeting.current_topic is None
        await pilot.press("space")
        await pilot.pause()
        assert screen.meeting.current_topic is screen.meeting.agenda[0]
