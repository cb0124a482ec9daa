"""A true record on the live screen: attendance said before locking, the parking lot, skipped topics, the end."""

from __future__ import annotations

from textual.widgets import Input, Static

from meetui.core.models import TopicState
from meetui.ui.dialogs.decision import DecisionDialog
from meetui.ui.dialogs.parking import ParkingLotDialog

from .helpers import label_text, live_screen, said, type_note


async def test_the_lock_question_says_no_roll_call_was_taken_and_r_takes_it(make_app, demo_id) -> None:
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        await pilot.press("space")
        await type_note(pilot, "#agreed 12月15日正式发布")
        await pilot.press("escape", "d", "enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, DecisionDialog)
        assert "No roll call yet" in str(dialog.query_one("#decision-detail", Static).content)
        assert dialog.active_bindings["c"].enabled
        await pilot.press("c")
        await pilot.pause()
        from meetui.ui.dialogs.roll_call import RollCallDialog

        assert isinstance(app.screen, RollCallDialog), app.screen
        for _ in range(3):
            await pilot.press("p")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is dialog
        detail = str(dialog.query_one("#decision-detail", Static).content)
        assert "Present: 王芳, Sam Carter, 李娜" in detail
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        decision = screen.meeting.decisions[0]
        assert decision.present == ["王芳", "Sam Carter", "李娜", "陈刚 (for 赵磊)"]
        assert decision.decision_maker == "王芳" and decision.locked_by == "Sam Carter"


async def test_k_on_an_empty_field_opens_a_blank_park_form_and_l_lists_the_lot(make_app, demo_id) -> None:
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        await pilot.press("space")
        await type_note(pilot, "离线模式要不要砍")
        await pilot.press("escape")  # the notes list has focus, the note highlighted
        await pilot.press("1", "k")  # from the agenda: nothing chosen, so a blank form
        await pilot.pause()
        assert isinstance(app.screen, ParkingLotDialog)
        assert app.screen.query_one("#parking-text", Input).value == ""
        for name, value in (("parking-text", "离线模式以后再议"), ("parking-owner", "陈刚"), ("parking-due", "fri")):
            app.screen.query_one(f"#{name}", Input).value = value
        app.screen.set_focus(app.screen.query_one("#parking-due", Input))
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        [item] = screen.meeting.parking_lot
        assert (item.text, item.owner, item.due.isoformat()) == ("离线模式以后再议", "陈刚", "2026-11-27")
        assert "1 parked" in str(screen.query_one("#agenda").border_title)
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, ParkingLotDialog)
        assert app.screen.listing and app.screen.focused is app.screen.query_one("#parking-list")


async def test_after_the_end_the_keys_that_no_longer_apply_are_hidden_and_the_clock_stops(
    make_app, demo_id, clock
) -> None:
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        await pilot.press("space")
        clock.advance(minutes=5)
        screen.apply(lambda live: live.end(), announce=False)
        await pilot.pause()
        for key in ("space", "n", "d", "a", "k", "e", "plus"):
            assert key not in screen.active_bindings, key
        assert screen.active_bindings["m"].enabled
        assert "ended at 09:35" in label_text(screen, "#clock-meeting")
        clock.advance(minutes=3)
        screen.tick()
        assert "ended at 09:35" in label_text(screen, "#clock-meeting")
        shown = " ".join(label_text(screen, f"#clock-{part}") for part in ("topic-state", "topic-detail", "end"))
        assert "left" not in shown and "proj" not in shown and "on time" not in shown, shown  # nothing runs on
        assert "09:35 actual" in label_text(screen, "#clock-end")
        assert screen.query_one("#clock").border_subtitle == "ended 09:35"


async def test_topics_passed_at_once_show_as_skipped(make_app, demo_id) -> None:
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        await pilot.press("space", "n")
        assert screen.meeting.agenda[0].state is TopicState.SKIPPED
        first_row = screen.query_one("#agenda-table").get_row_at(0)
        assert str(first_row[0]).startswith("»")


async def test_a_greyed_key_says_why_instead_of_doing_nothing(make_app, demo_id) -> None:
    """``t`` with no projected overrun did nothing at all, so a host could not tell a missed key from a refusal."""
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        await pilot.press("space", "t")
        await pilot.pause()
        assert "t: nothing to re-plan" in said(screen)
        await pilot.press("i", "t")  # in the note field the key types
        assert screen.query_one("#note-input").value == "t"


async def test_after_the_end_i_takes_a_post_meeting_note_and_letters_never_fire_keys(make_app, demo_id, clock) -> None:
    """Once the meeting has ended, ``i`` still opens the note field: the note is recorded after the end, shown
    under "after the meeting", and the letters typed (``n``, ``e``, ``d``, ``k``: keys of the live screen) type."""
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        await pilot.press("space")
        await type_note(pilot, "会上的笔记")
        await pilot.press("escape")
        clock.advance(minutes=5)
        screen.apply(lambda live: live.end(), announce=False)
        await pilot.pause()
        assert screen.active_bindings["i"].enabled
        clock.advance(minutes=2)
        await pilot.press("i", "n", "e", "d", "k", "space")  # in one burst, as a host types
        field = screen.query_one("#note-input", Input)
        assert field.has_focus and field.value == "nedk "
        field.value = ""
        await type_note(pilot, "会后补充：预算已批准 ok")
        [note] = [n for n in screen.meeting.notes if n.text == "会后补充：预算已批准 ok"]
        assert note.topic_id is None and note.at > screen.meeting.ended_at
        shown = [str(o.prompt) for o in screen.query_one("#note-list").options]
        assert shown[-2].startswith("── after the meeting") and "会后补充：预算已批准 ok" in shown[-1]
        assert "会上的笔记" in shown[-3]
        await type_note(pilot, "#action 王芳 会后补材料")
        assert "the meeting has ended: only notes can be added now" in said(screen)
        assert not screen.meeting.actions or all(a.task != "会后补材料" for a in screen.meeting.actions)
        assert any("会后补材料" in n.text for n in screen.meeting.notes)  # kept, marked "not understood"
        assert screen.session.flush()
    stored = app.store.load(demo_id)
    assert "会后补充：预算已批准 ok" in [n.text for n in stored.notes]


async def test_the_clock_and_the_agenda_count_topics_done_alike(make_app, demo_id, clock) -> None:
    """The agenda counted a deferred topic as done, the clock pane after the end did not: 2/3 against 1/3."""
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        await pilot.press("space")
        clock.advance(minutes=3)
        screen.apply(lambda live: live.defer_topic(live.meeting.current_topic.id, reason="时间不够"), announce=False)
        clock.advance(minutes=3)
        screen.apply(lambda live: live.end(), announce=False)
        await pilot.pause()
        total = len(screen.meeting.topics)
        assert str(screen.query_one("#agenda").border_subtitle).startswith(f"2/{total} done")
        assert f"■ 2/{total} topics done" in label_text(screen, "#clock-topic-state")


async def test_closing_the_decision_dialog_unanswered_says_the_decision_waits(make_app, demo_id) -> None:
    from meetui.ui.panes.message import MessageLine

    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        await pilot.press("space", "d")
        await pilot.pause()
        assert isinstance(app.screen, DecisionDialog)
        app.screen.query_one("#decision-text", Input).value = "12月12日发布"
        await pilot.press("enter")  # "… Any objections?" is asked
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        message = screen.query_one(MessageLine).message
        assert "Any objections?" not in message
        assert message == "“12月12日发布” is not locked yet: d asks “any objections?” again"
