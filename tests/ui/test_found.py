"""A search hit shown inside the meeting it opens: the record selected, exactly the matched characters marked."""

from __future__ import annotations

import datetime as dt

import pytest
from rich.text import Text
from textual.content import Content
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Label, OptionList, Static

from meetui.core.clock import FrozenClock, SequentialIds
from meetui.core.live.editing import edit_note
from meetui.core.meeting import LiveMeeting, new_meeting
from meetui.store import Store
from meetui.ui.dialogs.parking import ParkingLotDialog
from meetui.ui.panes.actions import ActionsTable
from meetui.ui.panes.agenda import AgendaPane, AgendaTable
from meetui.ui.panes.message import MessageLine
from meetui.ui.panes.notes import NotesPane
from meetui.ui.panes.wrapping import Hanging
from meetui.ui.screens.live import LiveHeader, LiveScreen
from meetui.ui.screens.search import SearchScreen

from .helpers import live_screen, until

PEOPLE = [{"name": "王芳", "department": "产品部"}, {"name": "李娜", "department": "研发部"}]
TOPICS = [
    {"title": "开场与目标", "planned_minutes": 5},
    {"title": "研发预算与人力", "planned_minutes": 20},
    {"title": "市场活动", "planned_minutes": 10},
]


def budget_review(store: Store, clock: FrozenClock, *, end: bool = True, also_parked: str = "") -> LiveMeeting:
    """年度预算评审: 预算 in its title, topic 2's title, topic 2's third note, its decision, an action item and a
    parking-lot item (and ``also_parked``); topic 1 has a note too. Ended unless ``end`` is false (then topic 1 is
    current)."""
    ids = SequentialIds("y")
    meeting = new_meeting("年度预算评审", clock, ids, attendees=PEOPLE, topics=TOPICS, host="王芳")
    live = LiveMeeting(meeting, clock, ids)
    live.start()
    live.add_note("先对齐今年的目标")
    live.next_topic()
    live.add_note("人力缺口两人")
    live.add_note("外包报价下周给")
    live.add_note("第二季度预算超出百分之十")
    proposal = live.propose_decision("追加研发预算二十万")
    live.no_objections(proposal.records[0].id)
    live.add_action("重新核算人力预算", "李娜", due=dt.date(2026, 11, 27))
    live.park("市场部的预算另议")
    if also_parked:
        live.park(also_parked)
    if end:
        live.end()
    else:
        live.previous_topic()
    store.create(meeting)
    return live


async def open_hit(pilot: Pilot, kind: str, query: str = "预算", *, count: int = 6, record: str = "") -> LiveScreen:
    """Search ``query`` from the home screen (``count`` results) and open the first result of ``kind`` (or the one
    found in ``record``); the meeting's screen once the hit is marked."""
    app = pilot.app
    await pilot.press("slash")
    await until(pilot, lambda: isinstance(app.screen, SearchScreen))
    search = app.screen
    search.query_one(Input).insert_text_at_cursor(query)
    await until(pilot, lambda: search.query_one("#search-results", OptionList).option_count == count)
    chosen = [(h.kind, h.record_id if record else "") for h in search.hits].index((kind, record))
    search.query_one("#search-results", OptionList).highlighted = chosen
    await pilot.press("enter")
    await until(pilot, lambda: any(isinstance(s, LiveScreen) for s in app.screen_stack))
    screen = next(s for s in app.screen_stack if isinstance(s, LiveScreen))  # under the parking list, if opened
    await until(pilot, lambda: screen.found_hit is not None)
    await pilot.pause()
    return screen


def marked(content: Content | Text) -> list[str]:
    """The stretches of ``content`` that carry a style (the marks)."""
    return [content.plain[span.start : span.end] for span in content.spans]


def message(screen: LiveScreen) -> str:
    return screen.query_one(MessageLine).message


async def test_a_note_hit_shows_its_topic_with_the_note_highlighted_and_the_match_marked(
    make_app, store: Store, clock: FrozenClock
) -> None:
    live = budget_review(store, clock)
    note = live.meeting.notes_for(live.meeting.agenda[1].id)[2]
    app = make_app(None)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_hit(pilot, "note")
        assert screen.read_only  # an ended meeting: a review
        notes = screen.query_one("#note-list", OptionList)
        assert [o.id for o in notes.options] == [n.id for n in live.meeting.notes_for(live.meeting.agenda[1].id)]
        assert notes.highlighted == 2 and notes.highlighted_option.id == note.id
        prompt = notes.highlighted_option.prompt
        assert isinstance(prompt, Hanging)
        assert marked(prompt.lines(30)) == ["预算"]
        assert marked(prompt.lines(12)) == ["预算"]  # wherever the lines break
        assert all(isinstance(o.prompt, Hanging) and o.prompt.mark is None for o in notes.options if o.id != note.id)
        assert screen.focused is notes
        assert screen.query_one(AgendaTable).row_key_at_cursor() == live.meeting.agenda[1].id
        assert message(screen) == "found 预算 in note 3 of topic 2 · esc clears · 3/6, h next"


async def test_a_decision_hit_marks_the_decision_line(make_app, store: Store, clock: FrozenClock) -> None:
    live = budget_review(store, clock)
    app = make_app(None)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_hit(pilot, "decision")
        line = screen.query_one("#decision-line", Label).visual
        assert isinstance(line, Hanging) and line.body == "追加研发预算二十万"
        assert marked(line.lines(40)) == ["预算"]
        assert screen.query_one(NotesPane).shown_topic_id(screen.meeting) == live.meeting.agenda[1].id
        assert "in the decision of topic 2" in message(screen)


async def test_an_action_hit_selects_its_row_and_marks_the_task(make_app, store: Store, clock: FrozenClock) -> None:
    live = budget_review(store, clock)
    item = live.meeting.actions[0]
    app = make_app(None)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_hit(pilot, "action")
        table = screen.query_one(ActionsTable)
        assert table.row_key_at_cursor() == item.id and screen.focused is table
        assert marked(table.get_cell(item.id, "task")) == ["预算"]
        assert [marked(table.get_cell(item.id, c)) for c in ("id", "owner", "due", "status")] == [[], [], [], []]
        assert "in action item 1 ·" in message(screen)


async def test_a_topic_hit_selects_the_agenda_row_and_marks_the_title(
    make_app, store: Store, clock: FrozenClock
) -> None:
    live = budget_review(store, clock)
    topic = live.meeting.agenda[1]
    app = make_app(None)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_hit(pilot, "topic")
        table = screen.query_one(AgendaTable)
        assert table.row_key_at_cursor() == topic.id and screen.focused is table
        cell = table.get_cell(topic.id, "title")
        assert cell.plain.strip() == "2. 研发预算与人力" and marked(cell) == ["预算"]
        assert screen.meeting.current_topic_id == topic.id  # the review shows that topic
        assert "in the title of topic 2" in message(screen)


async def test_a_parking_hit_opens_the_parking_list_on_it(make_app, store: Store, clock: FrozenClock) -> None:
    live = budget_review(store, clock, also_parked="另一件事")  # newer than the one found: the list starts on it
    item = live.meeting.parking_lot[0]
    app = make_app(None)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_hit(pilot, "parking")
        await until(pilot, lambda: isinstance(app.screen, ParkingLotDialog))
        await pilot.pause()
        dialog = app.screen
        table = dialog.query_one("#parking-list", DataTable)
        assert dialog.selected == item and table.cursor_row == 0 and dialog.focused is table
        row = table.get_row(item.id)
        assert row[1].plain == "市场部的预算另议" and marked(row[1]) == ["预算"]
        assert [marked(cell) for cell in table.get_row(live.meeting.parking_lot[1].id)[1:2]] == [[]]
        detail = dialog.query_one("#parking-detail", Static).visual
        assert isinstance(detail, Content) and detail.plain.startswith("市场部的预算另议 · from: 研发预算与人力")
        assert marked(detail) == ["预算"]
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is screen)
        title = screen.query_one(AgendaPane).shown_title
        assert title is not None and marked(title) == ["2 parked (l)"]
        assert screen.query_one(AgendaTable).row_key_at_cursor() == live.meeting.agenda[1].id
        said = "found 预算 in parking-lot item 1 (from topic 2) · esc clears · 6/6, h next, l lists it"
        assert message(screen) == said


async def test_a_title_hit_marks_the_header(make_app, store: Store, clock: FrozenClock) -> None:
    budget_review(store, clock)
    app = make_app(None)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_hit(pilot, "title")
        header = screen.query_one(LiveHeader)
        assert header.title_mark == (2, 4)
        title = header.format_title()
        assert title.plain.startswith("年度预算评审") and "预算" in marked(title)
        assert [span.end - span.start for span in title.spans if span.start < len("年度预算评审")] == [2]
        assert "in the meeting's title" in message(screen)


async def test_escape_clears_the_mark_and_h_steps_through_the_hits(make_app, store: Store, clock: FrozenClock) -> None:
    live = budget_review(store, clock)
    app = make_app(None)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_hit(pilot, "note")
        await pilot.press("h")
        await pilot.pause()
        assert screen.found_hit is not None and screen.found_hit.kind == "decision"
        assert screen.query_one("#note-list", OptionList).highlighted_option.prompt.mark is None  # moved on
        await pilot.press("H", "H")
        await pilot.pause()
        assert screen.found_hit.kind == "topic" and "2/6" in message(screen)
        await pilot.press("h", "h", "h", "h")
        await until(pilot, lambda: isinstance(app.screen, ParkingLotDialog))  # the parking list opens on it
        await pilot.press("escape", "h")
        await pilot.pause()
        assert app.screen is screen
        assert screen.found_hit.kind == "title" and "(from the top)" in message(screen)
        await pilot.press("escape")
        await pilot.pause()
        assert screen.found_hit is None and screen.found_query == ""
        assert screen.query_one(LiveHeader).title_mark is None and message(screen) == ""
        assert screen.check_action("next_hit", ()) is False  # hidden once the search is cleared
        assert "a search" in screen.unavailable_reason("next_hit")
        notes = screen.query_one(NotesPane)
        assert notes.found is None and notes.shown_topic_id(screen.meeting) == live.meeting.agenda[1].id


async def test_in_a_meeting_run_live_a_hit_moves_neither_the_topic_nor_the_note_field(
    make_app, store: Store, clock: FrozenClock
) -> None:
    live = budget_review(store, clock, end=False)
    first, second = live.meeting.agenda[0], live.meeting.agenda[1]
    app = make_app(None)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_hit(pilot, "note")
        assert not screen.read_only  # run live, as enter on the home screen would
        assert screen.meeting.current_topic_id == first.id
        notes = screen.query_one(NotesPane)
        assert notes.shown_topic_id(screen.meeting) == second.id
        assert "not the current topic" in str(notes.border_title)
        field = screen.query_one("#note-input", Input)
        field.insert_text_at_cursor("草稿：")  # a draft kept in the field
        await pilot.press("i")  # going to type: the mark goes, the notes pane shows the current topic again
        await pilot.pause()
        assert screen.found_hit is None and notes.shown_topic_id(screen.meeting) == first.id
        screen.action_next_hit()  # as from the command palette, while typing
        await pilot.pause()
        assert screen.found_hit is not None and screen.found_hit.kind == "decision"  # on from the last one
        assert screen.focused is field and field.value == "草稿：" and field.cursor_position == 3
        await pilot.press("h", "enter")  # typed into the field: the line goes to the current topic
        await pilot.pause()
        assert [n.text for n in screen.meeting.notes_for(first.id)][-1] == "草稿：h"
        assert screen.found_hit is None  # the meeting moved on: the mark went
        assert notes.shown_topic_id(screen.meeting) == first.id
        assert screen.found_query == "预算"  # the search stays for h


@pytest.mark.parametrize("width", [80, 120])
async def test_a_hit_cut_off_by_a_narrow_column_marks_what_shows(
    make_app, store: Store, clock: FrozenClock, width: int
) -> None:
    ids = SequentialIds("z")
    meeting = new_meeting("周会", clock, ids, attendees=PEOPLE, topics=TOPICS[:1])
    live = LiveMeeting(meeting, clock, ids)
    live.start()
    item = live.add_action("与法务、财务和销售逐条确认合同条款与付款节点之后更新年度预算", "李娜").records[0]
    store.create(meeting)
    app = make_app(meeting.id)
    async with app.run_test(size=(width, 30)) as pilot:
        screen = await live_screen(pilot)
        hit = next(h for h in store.search("年度预算") if h.kind == "action")
        screen.show_hit(hit, "年度预算")
        await pilot.pause()
        cell = screen.query_one(ActionsTable).get_cell(item.id, "task")
        shown = marked(cell)
        if "…" in cell.plain:
            assert all(part in "年度预算" for part in shown)
        else:
            assert shown == ["年度预算"]


def test_snapshot_of_a_meeting_opened_on_a_note_hit(snap_compare, make_app, store: Store, clock: FrozenClock) -> None:
    """80×24: 年度预算评审 opened from a search of 预算 on topic 2's third note — highlighted, 预算 marked."""
    budget_review(store, clock)

    async def run_before(pilot: Pilot) -> None:
        await pilot.pause()
        await until(pilot, lambda: pilot.app.screen.query("#meetings-table") and pilot.app.screen.summaries)
        await open_hit(pilot, "note")
        await pilot.pause()

    assert snap_compare(make_app(None), terminal_size=(80, 24), run_before=run_before)


async def test_markup_typed_in_a_record_shows_literally_around_the_mark(
    make_app, store: Store, clock: FrozenClock
) -> None:
    ids = SequentialIds("k")
    meeting = new_meeting("[b]周会[/b]", clock, ids, attendees=PEOPLE, topics=[{"title": "[red]预算[/]"}])
    live = LiveMeeting(meeting, clock, ids)
    live.start()
    live.add_note("[b]预算[/] 与 [/]")
    store.create(meeting)
    app = make_app(meeting.id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        note_hit, topic_hit = (next(h for h in store.search("预算") if h.kind == kind) for kind in ("note", "topic"))
        screen.show_hit(note_hit, "预算")
        await pilot.pause()
        prompt = screen.query_one("#note-list", OptionList).highlighted_option.prompt
        assert prompt.lines(60).plain.endswith("[b]预算[/] 与 [/]") and marked(prompt.lines(60)) == ["预算"]
        screen.show_hit(topic_hit, "预算")
        await pilot.pause()
        cell = screen.query_one(AgendaTable).get_cell(meeting.topics[0].id, "title")
        assert cell.plain.strip() == "1. [red]预算[/]" and marked(cell) == ["预算"]


async def test_a_hit_in_a_note_added_after_the_meeting_shows_it_below_the_line(
    make_app, store: Store, clock: FrozenClock
) -> None:
    live = budget_review(store, clock)
    clock.advance(minutes=5)
    change = live.add_note("会后补充：预算表已发给财务")
    store.commit(live.meeting, change)
    later = change.records[0]
    app = make_app(None)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_hit(pilot, "note", count=7, record=later.id)
        notes = screen.query_one("#note-list", OptionList)
        ids = [o.id for o in notes.options]
        assert ids.count(later.id) == 1 and ids.index("after-end") < ids.index(later.id)
        assert notes.highlighted_option.id == later.id and marked(notes.highlighted_option.prompt.lines(60)) == ["预算"]
        assert "in post-meeting note 1 (会后补充)" in message(screen)


async def test_a_hit_whose_record_changed_since_the_search_shows_the_first_place_that_has_it(
    make_app, store: Store, clock: FrozenClock
) -> None:
    live = budget_review(store, clock, end=False)
    app = make_app(live.meeting.id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        stale = next(h for h in store.search("预算") if h.kind == "parking")
        screen.apply(lambda meeting: meeting.update_parked(stale.record_id, text="市场部的费用另议"), announce=False)
        screen.show_hit(stale, "预算")
        await pilot.pause()
        assert screen.found_hit is not None and screen.found_hit.kind == "title"
        screen.action_clear_hit()
        gone = next(h for h in store.search("人力缺口") if h.kind == "note")
        screen.apply(lambda meeting: edit_note(meeting, gone.record_id, "缺口已补上"), announce=False)
        screen.show_hit(gone, "人力缺口")
        await pilot.pause()
        assert screen.found_hit is None and message(screen) == "人力缺口 is no longer found in this meeting"
