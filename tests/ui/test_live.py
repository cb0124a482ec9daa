"""Pilot tests of the live meeting screen: keys, the note field, the clock, persistence and availability."""

from __future__ import annotations

from textual.widgets import DataTable, Input, OptionList

from meetui.core.clock import FrozenClock
from meetui.core.models import MeetingStatus, NoteKind, TopicState
from meetui.store import Store
from meetui.ui.panes.actions import ActionsPane
from meetui.ui.panes.agenda import AgendaPane
from meetui.ui.panes.clock import ClockPane
from meetui.ui.panes.message import MessageLine
from meetui.ui.panes.notes import NotesPane

from .helpers import label_text, live_screen, said, stored, type_note, until


def enabled(screen, key: str) -> bool:  # noqa: ANN001
    """Whether ``key`` is active (not greyed) on the screen, as the footer shows it."""
    return screen.active_bindings[key].enabled


async def test_the_demo_opens_with_every_pane_titled(make_app, demo_id) -> None:
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        titles = {type(p).__name__: p.border_title for p in screen.query("Pane")}
        assert titles["AgendaPane"] == "Agenda"
        assert titles["ClockPane"] == "Clock"
        assert titles["NotesPane"] == "Notes"
        assert titles["ActionsPane"] == "Actions"
        agenda = screen.query_one("#agenda-table", DataTable)
        assert agenda.row_count == 5
        assert "发布日期与里程碑" in str(agenda.get_row_at(0)[1])
        assert "not started" in label_text(screen, "#clock-meeting")
        assert screen.title.startswith("Q3 产品发布跨部门协调会")


async def test_space_starts_the_clock_and_the_first_topic_and_it_is_saved(make_app, demo_id) -> None:
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        await pilot.press("space")
        assert screen.meeting.status is MeetingStatus.LIVE
        assert screen.meeting.current_topic.title.startswith("发布日期")
        assert "running" in label_text(screen, "#clock-meeting")
        on_disk = stored(screen)
        assert on_disk.status is MeetingStatus.LIVE and on_disk.clock[-1].end is None
        await pilot.press("space")
        assert "paused" in label_text(screen, "#clock-meeting")
        assert stored(screen).clock[-1].end is not None


async def test_letter_keys_typed_in_the_note_field_are_text(make_app, demo_id) -> None:
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        await pilot.press("space")
        await type_note(pilot, "n p d 讨论：研发建议推迟两周 space")
        topic = screen.meeting.current_topic
        assert topic.order == 0, "n in the field must not move to the next topic"
        notes = screen.meeting.notes_for(topic.id)
        assert [n.text for n in notes] == ["n p d 讨论：研发建议推迟两周 space"]
        assert notes[0].kind is NoteKind.INFO
        assert screen.query_one("#note-input", Input).value == ""
        assert screen.query_one("#note-list", OptionList).option_count == 1
        assert [n.text for n in stored(screen).notes] == ["n p d 讨论：研发建议推迟两周 space"]
        await pilot.press("escape")
        assert not screen.query_one("#note-input", Input).has_focus
        await pilot.press("n")
        assert screen.meeting.current_topic.order == 1


async def test_meetbot_commands_in_the_note_field(make_app, demo_id) -> None:
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        await pilot.press("space")
        await type_note(pilot, "#idea 先发布 Beta 版")
        await type_note(pilot, "#agreed 发布日期定为12月15日")
        await type_note(pilot, "#action 李娜 整理支付SDK风险清单 by fri")
        kinds = [n.kind for n in screen.meeting.notes]
        assert kinds == [NoteKind.IDEA, NoteKind.AGREED]
        [item] = screen.meeting.actions
        assert (item.owner, item.task, item.due.isoformat()) == ("李娜", "整理支付SDK风险清单", "2026-11-27")
        table = screen.query_one("#actions-table", DataTable)
        assert table.row_count == 1
        assert "整理支付SDK风险清单" in str(table.get_row_at(0)[1])
        await type_note(pilot, "#undo")
        assert screen.meeting.actions == []
        assert table.row_count == 0
        on_disk = stored(screen)
        assert on_disk.actions == [] and [n.kind for n in on_disk.notes] == kinds
        await type_note(pilot, "#topic 临时议题：预算")
        assert screen.meeting.current_topic.title == "临时议题：预算"
        assert screen.query_one("#agenda-table", DataTable).row_count == 6


async def test_a_refused_line_is_said_once_and_kept_as_a_note(make_app, demo_id) -> None:
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        await pilot.press("space")
        await type_note(pilot, "#action 无名氏 做点什么")
        assert screen.meeting.actions == []
        assert screen.query_one("#note-input", Input).value == "", "the field is free for the next line"
        assert [n.text for n in screen.meeting.notes] == ["(not understood) #action 无名氏 做点什么"]
        assert "not an attendee" in said(screen)


async def test_topic_keys_and_what_is_greyed_out(make_app, demo_id) -> None:
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        assert not enabled(screen, "p"), "no previous topic before the meeting starts"
        assert not enabled(screen, "plus") and not enabled(screen, "d")
        await pilot.press("space")
        assert not enabled(screen, "p") and enabled(screen, "n")
        for _ in range(4):
            await pilot.press("n")
        assert screen.meeting.current_topic.order == 4
        assert not enabled(screen, "n"), "n is greyed out on the last topic"
        await pilot.press("n")
        assert screen.meeting.current_topic.order == 4
        await pilot.press("p")
        assert screen.meeting.current_topic.order == 3
        agenda = screen.meeting.agenda
        assert [t.state for t in agenda] == [TopicState.SKIPPED] * 3 + [TopicState.ACTIVE, TopicState.PENDING], (
            "passed with n at once, nothing said: skipped, not discussed; the last one, left back at once, is to come"
        )


async def test_plus_and_minus_change_the_timebox(make_app, demo_id) -> None:
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        await pilot.press("space", "plus", "plus", "minus")
        topic = screen.meeting.current_topic
        assert topic.timebox_minutes == 21
        assert "of 21 min" in label_text(screen, "#clock-topic-detail")
        assert stored(screen).topic(topic.id).extra_minutes == 1


async def test_clock_states_read_in_words_and_replan_is_offered_when_overrunning(
    make_app, demo_id, clock: FrozenClock
) -> None:
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        await pilot.press("space")
        assert label_text(screen, "#clock-topic-state").startswith("● on time · 20:00 left on topic")
        assert not enabled(screen, "t")
        clock.advance(minutes=17)
        screen.tick()
        assert label_text(screen, "#clock-topic-state").startswith("◐ last 20% · 3:00 left on topic")
        assert screen.query_one("#clock-topic-state").has_class("-closing")
        clock.advance(minutes=25)
        screen.tick()
        await pilot.pause()
        state = label_text(screen, "#clock-topic-state")
        assert state == "▲ over by 22:00", "the symbol and the words say it once"
        end = label_text(screen, "#clock-end")
        # planned end 11:00 (09:30 + 90 min); 22 min over plus the 60 min of pending topics from 10:12
        assert "11:00 plan" in end and "11:12 proj" in end and "▲+12m" in end
        assert enabled(screen, "t")
        over = str(screen.query_one("#agenda-table", DataTable).get_row_at(0)[3])
        assert "▲+22" in over


async def test_quitting_and_reopening_restores_everything(make_app, demo_id, store: Store, clock: FrozenClock) -> None:
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        await pilot.press("space")
        await type_note(pilot, "上线前完成渠道培训")
        await pilot.press("escape")
        clock.advance(minutes=5)
        await pilot.press("n")
        clock.advance(minutes=2, seconds=30)
        await pilot.press("space")  # pause: 7:30 of running time
        await pilot.press("ctrl+q")
    clock.advance(minutes=30)  # time passes while nobody runs it
    again = make_app(demo_id)
    async with again.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        assert "paused · 1:22:30 left in meeting" in label_text(screen, "#clock-meeting")
        assert screen.meeting.current_topic.order == 1
        assert "2:30 of 20 min" in label_text(screen, "#clock-topic-detail")
        first = screen.meeting.agenda[0]
        assert [n.text for n in screen.meeting.notes_for(first.id)] == ["上线前完成渠道培训"]
        await pilot.press("space")
        clock.advance(seconds=10)
        screen.tick()
        assert "running · 1:22:20 left in meeting" in label_text(screen, "#clock-meeting")


async def test_the_header_tells_saving_from_saved_and_a_failed_write(make_app, demo_id, monkeypatch) -> None:
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        await pilot.press("space")
        await until(pilot, lambda: screen.sub_title == "✓ saved")

        def broken(pending) -> None:  # noqa: ANN001
            raise OSError("disk full")

        monkeypatch.setattr(screen.session.store, "write", broken)
        await type_note(pilot, "这条写不进去")
        await until(pilot, lambda: screen.sub_title == "▲ NOT SAVED")
        assert "disk full" in said(screen)


async def test_panes_are_reachable_by_key(make_app, demo_id) -> None:
    app = make_app(demo_id)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await live_screen(pilot)
        for key, pane in [("4", ActionsPane), ("2", ClockPane), ("3", NotesPane), ("1", AgendaPane)]:
            await pilot.press(key)
            focused = screen.focused
            assert focused is not None and screen.query_one(pane) in focused.ancestors_with_self


async def test_at_80_by_24_every_pane_is_on_screen(make_app, demo_id) -> None:
    app = make_app(demo_id)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await live_screen(pilot)
        for pane in screen.query("Pane"):
            region = pane.region
            assert region.width >= 30 and region.height >= 6, (type(pane).__name__, region)
            assert region.right <= 80 and region.bottom <= 23
        assert screen.query_one("#note-input").region.height > 0


async def test_the_notes_pane_counts_its_notes_in_words(make_app, demo_id) -> None:
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        notes = screen.query_one(NotesPane)
        await pilot.press("space")
        assert notes.border_subtitle == "0 notes"
        await type_note(pilot, "研发确认支付SDK升级延期两周")
        assert notes.border_subtitle == "1 note"
        await type_note(pilot, "#agreed 发布日期定为12月15日")
        assert notes.border_subtitle == "2 notes"


async def test_the_clock_pane_says_what_to_do_without_an_agenda(make_app, store, clock) -> None:
    from meetui.core.meeting import new_meeting

    bare = new_meeting("周会 Weekly sync", clock, planned_minutes=30)
    store.create(bare)
    app = make_app(bare.id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        assert label_text(screen, "#clock-topic-state") == "○ no agenda"
        assert "#topic TITLE" in label_text(screen, "#clock-topic-detail")
        assert "proj" not in label_text(screen, "#clock-end")
        await type_note(pilot, "#topic 上周行动项回顾")
        await pilot.press("escape", "space")
        await pilot.pause()
        assert screen.meeting.current_topic.title == "上周行动项回顾"
        assert "proj" in label_text(screen, "#clock-end")


async def test_note_commands_are_noted_quietly_and_other_commands_announced(make_app, demo_id) -> None:
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        await pilot.press("space")
        before = len(screen.query_one(MessageLine).said)
        for line in ("#risk 预算可能超支", "#question 法务何时确认？", "#disagree 销售认为太早"):
            await type_note(pilot, line)
        assert len(screen.query_one(MessageLine).said) == before  # they show in the notes list instead
        assert [n.kind.value for n in screen.meeting.notes[-3:]] == ["risk", "question", "disagreement"]
        await type_note(pilot, "#topic 会后补充")
        assert "会后补充" in said(screen)


async def test_after_the_end_enter_on_the_agenda_opens_the_field_for_a_post_meeting_note(make_app, demo_id) -> None:
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        await pilot.press("space")
        screen.apply(lambda live: live.end())
        await pilot.pause()
        agenda = screen.query_one("#agenda-table", DataTable)
        agenda.focus()
        await pilot.press("enter")
        await pilot.pause()
        field = screen.query_one("#note-input", Input)
        assert screen.focused is field and not field.disabled
        assert "after the meeting" in str(field.placeholder)


async def test_the_live_screen_stops_ticking_under_presentation_mode_and_catches_up_after(
    make_app, demo_id, monkeypatch
) -> None:
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        await pilot.press("space")
        drawn: list[int] = []
        real = screen._show_clock
        monkeypatch.setattr(screen, "_show_clock", lambda: drawn.append(1) or real())
        await pilot.press("f")
        await pilot.pause()
        screen.tick()
        assert drawn == []  # hidden: the presentation screen draws the time
        await pilot.press("f")
        await pilot.pause()
        assert drawn  # caught up as soon as it shows again
