"""The home screen: archive order, open items by owner, filters, in-place updates, search, statistics, reminders."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.widgets import DataTable, Input, Label, OptionList, Sparkline

from meetui.core.clock import FrozenClock, SequentialIds
from meetui.core.meeting import LiveMeeting, new_meeting
from meetui.store import Store
from meetui.ui.dialogs.ask import AskDialog
from meetui.ui.dialogs.pick import PickDialog
from meetui.ui.home_data import Filters, action_rows, meeting_rows, reminder
from meetui.ui.screens.home import HomeScreen
from meetui.ui.screens.search import SearchScreen

from .helpers import live_screen, until

PEOPLE = [
    {"name": "王芳", "department": "产品部"},
    {"name": "李娜", "department": "研发部"},
    {"name": "陈刚", "department": "销售部"},
]
TOPICS = [{"title": "发布日期", "planned_minutes": 10}, {"title": "服务器迁移", "planned_minutes": 20}]


def archive(store: Store, clock: FrozenClock) -> dict[str, str]:
    """Meetings of 2025 and 2026 (held), one upcoming, one interrupted, with open items. Returns ids by title."""
    made: dict[str, str] = {}
    for n, (title, start, held) in enumerate(
        [
            ("2025年10月复盘", "2025-10-09T10:00+08:00", True),
            ("11月需求对接", "2026-11-02T14:00+08:00", True),
            ("11月阶段评审", "2026-11-16T09:00+08:00", True),
            ("下周对齐会", "2026-11-25T10:00+08:00", False),
            ("2020年旧会", "2020-03-02T10:00+08:00", False),
        ]
    ):
        ids = SequentialIds(f"h{n}")
        meeting = new_meeting(title, clock, ids, scheduled_start=start, attendees=PEOPLE, topics=TOPICS, host="王芳")
        if held:  # held at its scheduled time: the home screen shows a held meeting at the clock's first start
            wall = FrozenClock(start, tz=clock.tz)
            live = LiveMeeting(meeting, wall, ids)
            live.start()
            live.next_topic()
            live.add_note("迁移到新机房需要两周")
            live.add_action(f"{title}的跟进", "李娜", due=dt.date(2026, 11, 18))
            live.add_action(f"{title}的报价", "陈刚", due=clock.now().date() + dt.timedelta(days=1))
            wall.advance(minutes=25)
            live.end()
        store.create(meeting)
        made[title] = meeting.id
    interrupted = new_meeting("中断的周会", clock, SequentialIds("h9"), attendees=PEOPLE, topics=TOPICS)
    LiveMeeting(interrupted, clock, SequentialIds("h9")).start()
    store.create(interrupted)
    made["中断的周会"] = interrupted.id
    return made


def test_meetings_in_archive_order_with_true_status_words(store: Store, clock: FrozenClock) -> None:
    archive(store, clock)
    rows = meeting_rows(store.summaries(), clock.now())
    assert [(r.status, r.when, r.title) for r in rows] == [  # this year's without the year: the time fits
        ("⏸ interrupted", "11-20 09:30", "中断的周会"),
        ("◷ upcoming", "11-25 10:00", "下周对齐会"),
        ("", "── 2026-11", ""),
        ("✓ held", "11-16 09:00", "11月阶段评审"),
        ("✓ held", "11-02 14:00", "11月需求对接"),
        ("", "── 2025-10", ""),
        ("✓ held", "2025-10-09 10:00", "2025年10月复盘"),
        ("", "── 2020-03", ""),
        ("✗ not held", "2020-03-02 10:00", "2020年旧会"),  # never "next"
    ]


def test_open_items_by_owner_overdue_first_and_filtered(store: Store, clock: FrozenClock) -> None:
    archive(store, clock)
    docs = store.action_docs()
    today = clock.now().date()
    rows = action_rows(docs, today)
    assert [r.label for r in rows if r.doc is None] == ["李娜 — 3 open, 3 overdue", "陈刚 — 3 open"]
    first = rows[1]
    assert first.late == 2 and first.doc["owner"] == "李娜"
    assert all(r.soon for r in rows if r.doc is not None and r.owner == "陈刚")
    only = action_rows(docs, today, Filters(department="销售部"))
    assert {r.owner for r in only} == {"陈刚"}
    assert action_rows(docs, today, Filters(status="blocked")) == []
    said = reminder(docs, "李娜", today)
    assert said.startswith("3 overdue, 0 due within 2 days") and "2 days overdue" in said


async def test_home_fills_in_from_a_worker_and_filters_by_keys(make_app, store: Store, clock: FrozenClock) -> None:
    made = archive(store, clock)
    app = make_app(None)
    async with app.run_test(size=(120, 40)) as pilot:
        home = app.screen
        assert isinstance(home, HomeScreen)
        meetings = home.query_one("#meetings-table", DataTable)
        actions = home.query_one("#home-actions-table", DataTable)
        await until(pilot, lambda: meetings.row_count == 9)
        assert actions.row_count == 8  # two owners' headings and six items
        assert "overdue" in str(actions.get_row_at(1)[3])
        actions.focus()
        await pilot.press("w")
        await until(pilot, lambda: isinstance(app.screen, PickDialog))
        options = app.screen.query_one(OptionList)
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        options.highlighted = labels.index("陈刚 (3)")
        await pilot.press("enter")
        await until(pilot, lambda: home.filters.owner == "陈刚")
        assert actions.row_count == 4 and "owner 陈刚" in str(home.query_one("#home-filters", Label).render())
        await pilot.press("x")
        await pilot.pause()
        assert actions.row_count == 8
        meetings.focus()
        meetings.move_cursor(
            row=[meetings.coordinate_to_cell_key((i, 0)).row_key.value for i in range(meetings.row_count)].index(
                made["11月阶段评审"]
            )
        )
        await pilot.press("t")
        await pilot.pause()
        assert home.filters.meeting_id == made["11月阶段评审"] and actions.row_count == 4


async def test_status_and_due_change_in_place_by_the_lifecycle(make_app, store: Store, clock: FrozenClock) -> None:
    archive(store, clock)
    app = make_app(None)
    async with app.run_test(size=(120, 40)) as pilot:
        home = app.screen
        actions = home.query_one("#home-actions-table", DataTable)
        await until(pilot, lambda: actions.row_count == 8)
        actions.focus()
        doc = home._action_doc()  # noqa: SLF001 - the highlighted item
        await pilot.press("s")
        await until(pilot, lambda: isinstance(app.screen, PickDialog))
        options = app.screen.query_one(OptionList)
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert labels == ["in progress", "done", "delayed", "blocked", "cancelled"]  # words, not ids
        options.highlighted = labels.index("blocked")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, AskDialog))
        app.screen.query_one(Input).insert_text_at_cursor("等待财务审批")
        await pilot.press("enter")
        await until(pilot, lambda: any(d["id"] == doc["id"] and d["status"] == "blocked" for d in home.docs))
        stored = store.load(doc["meeting_id"]).action(doc["id"])
        assert (stored.status.value, stored.reason) == ("blocked", "等待财务审批")
        await pilot.press("D")
        await until(pilot, lambda: isinstance(app.screen, AskDialog))
        field = app.screen.query_one(Input)
        field.value = "2026-12-01"
        await pilot.press("enter")
        await until(pilot, lambda: store.load(doc["meeting_id"]).action(doc["id"]).due == dt.date(2026, 12, 1))


async def test_search_finds_chinese_and_opens_the_meeting_at_that_topic(
    make_app, store: Store, clock: FrozenClock
) -> None:
    made = archive(store, clock)
    app = make_app(None)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: app.screen.query_one("#meetings-table", DataTable).row_count == 9)
        await pilot.press("slash")
        await until(pilot, lambda: isinstance(app.screen, SearchScreen))
        app.screen.query_one(Input).insert_text_at_cursor("新机房")
        results = app.screen.query_one("#search-results", OptionList)
        await until(pilot, lambda: results.option_count == 3)
        assert "note: 迁移到新机房需要两周" in str(results.get_option_at_index(0).prompt)
        assert app.screen.hits[0].meeting_id == made["11月阶段评审"]  # newest first
        await pilot.press("enter")
        screen = await live_screen(pilot)
        await until(
            pilot,
            lambda: screen.meeting.current_topic is not None and screen.meeting.current_topic.title == "服务器迁移",
        )
        assert screen.read_only and screen.meeting.id == made["11月阶段评审"]


async def test_statistics_panel_and_the_reminder_of_the_configured_user(
    make_app, store: Store, clock: FrozenClock, config_dir: Path
) -> None:
    archive(store, clock)
    config_dir.mkdir(parents=True, exist_ok=True)
    (config_dir / "config.toml").write_text('user = "李娜"\n', encoding="utf-8")
    app = make_app(None)
    async with app.run_test(size=(120, 40)) as pilot:
        home = app.screen
        await until(pilot, lambda: "meetings held" in str(home.query_one("#stats-figures", Label).render()))
        figures = str(home.query_one("#stats-figures", Label).render())
        assert "3 meetings held" in figures and "actions 0/6 done" in figures
        assert len(home.query_one("#stats-chart", Sparkline).data) == 3
        await until(pilot, lambda: any(n.title == "Reminder for 李娜" for n in app._notifications))  # noqa: SLF001
        await pilot.press("i")
        await pilot.pause()
        assert home.filters.mine == "李娜"


async def test_a_table_shows_what_fits_and_the_rest_one_row_away(
    make_app, store: Store, clock: FrozenClock, monkeypatch
) -> None:
    from meetui.ui.screens import home as home_module

    archive(store, clock)
    monkeypatch.setattr(home_module, "ROWS_SHOWN", 4)
    app = make_app(None)
    async with app.run_test(size=(120, 40)) as pilot:
        meetings = app.screen.query_one("#meetings-table", DataTable)
        await until(pilot, lambda: meetings.row_count == 5)
        assert any("5 more" in str(cell) for cell in meetings.get_row_at(4))
        meetings.focus()
        meetings.move_cursor(row=4)
        await pilot.press("enter")
        await until(pilot, lambda: meetings.row_count == 9)
        assert isinstance(app.screen, HomeScreen)  # the "more" row opens nothing


async def test_unreadable_meeting_files_make_one_notification_not_a_wall_of_toasts(
    make_app, store: Store, clock: FrozenClock
) -> None:
    made = archive(store, clock)
    folder = store.meeting_path(made["11月需求对接"]).parent
    for name in ("broken1.json", "broken2.json", "broken3.json"):
        (folder / name).write_text("损坏", encoding="utf-8")
    app = make_app(None)
    async with app.run_test(size=(80, 24)) as pilot:
        home = app.screen
        await until(pilot, lambda: home.query_one("#meetings-table", DataTable).row_count > 0)
        await until(pilot, lambda: any(n.title == "Skipped" for n in app._notifications))  # noqa: SLF001
        await pilot.pause()
        skipped = [n for n in app._notifications if n.title == "Skipped"]  # noqa: SLF001
        assert len(skipped) == 1
        assert skipped[0].message == "3 meeting files could not be read: see `meetui list`"


def test_one_skipped_file_is_named_in_full_and_several_are_counted() -> None:
    from meetui.ui.screens.home import skipped_notice

    assert skipped_notice([], []) == ""
    assert skipped_notice(["/数据/a.json: not a readable meetui file (corrupt or truncated)"], []) == (
        "/数据/a.json: not a readable meetui file (corrupt or truncated)"
    )
    assert skipped_notice(["a", "b"], ["c"]) == (
        "2 meeting files could not be read; 1 index entry rebuilt: see `meetui list`"
    )


async def test_one_meeting_held_and_no_negative_zero_in_the_panel(make_app, store: Store, clock: FrozenClock) -> None:
    meeting = new_meeting("站会", clock, SequentialIds("s"), attendees=PEOPLE, planned_minutes=1)
    live = LiveMeeting(meeting, clock, SequentialIds("s"))
    live.start()
    clock.advance(seconds=59)
    live.end()
    store.create(meeting)
    app = make_app(None)
    async with app.run_test(size=(120, 40)) as pilot:
        home = app.screen
        await until(pilot, lambda: "held" in str(home.query_one("#stats-figures", Label).render()))
        figures = str(home.query_one("#stats-figures", Label).render())
        assert "1 meeting held" in figures and "on time on average" in figures


def test_the_stretching_column_takes_what_the_others_leave_and_they_give_cells_back_when_narrow() -> None:
    from meetui.ui.screens.home import column_widths

    columns = [("status", "", 13, 7), ("when", "When", 16, 11), ("title", "Meeting", None, 10), ("open", "Open", 4, 4)]
    assert column_widths(columns, 74) == [13, 16, 41, 4]
    assert column_widths(columns, 34) == [8, 12, 10, 4]  # the fixed columns give cells back, widest surplus first
    assert column_widths(columns, 20) == [7, 11, 10, 4]  # no further: the pane cuts, the table does not shrink more


async def test_home_tables_fit_their_panes_and_cut_with_an_ellipsis(make_app, store: Store, clock: FrozenClock) -> None:
    """At 80×24 the meeting titles and the action columns were cut by the pane's edge (``需求对``, ``Statu``), and
    the tables scrolled sideways, drawing a scrollbar's thumb (``▌``, ``▏``) inside the panes."""
    archive(store, clock)
    long_title = "需求对齐会议 requirements alignment with every department"
    store.create(new_meeting(long_title, clock, SequentialIds("hl"), attendees=PEOPLE, topics=TOPICS))
    for size in [(80, 24), (120, 40)]:
        app = make_app(None)
        async with app.run_test(size=size) as pilot:
            meetings = app.screen.query_one("#meetings-table", DataTable)
            actions = app.screen.query_one("#home-actions-table", DataTable)
            await until(pilot, lambda m=meetings, a=actions: m.row_count > 5 and a.row_count > 1)
            await pilot.pause(0.1)
            for table in (meetings, actions):
                assert table.virtual_size.width <= table.scrollable_content_region.width, size
                assert not table.show_horizontal_scrollbar, size
            titles = [str(meetings.get_row_at(i)[2]) for i in range(meetings.row_count)]
            shown = next(t for t in titles if t.startswith("需求对齐"))
            assert shown.endswith("…") and len(shown) >= 6, (size, shown)
            labels = [str(c.label) for c in actions.ordered_columns]
            assert "Status" in labels, labels


async def test_the_key_line_is_drawn_with_the_screen_and_only_shown_rows_are_drawn(
    make_app, store: Store, clock: FrozenClock, monkeypatch
) -> None:
    """The keys are in the first frame (one KeyBar, not Textual's Footer that builds a widget per key later), and on
    a big archive the cells of rows beyond the shown ones are never built (they were most of the load's time)."""
    from meetui.ui.panes.keybar import KeyBar
    from meetui.ui.screens import home as home_module

    meeting = new_meeting("大量待办的周会", clock, SequentialIds("big"), attendees=PEOPLE, topics=TOPICS)
    live = LiveMeeting(meeting, clock, SequentialIds("big"))
    live.start()
    for n in range(home_module.ROWS_SHOWN + 40):
        live.add_action(f"第 {n} 项跟进", PEOPLE[n % 3]["name"], due="+3d")
    live.end()
    store.create(meeting)
    drawn: list[str] = []
    cells = HomeScreen._action_cells
    monkeypatch.setattr(HomeScreen, "_action_cells", lambda self, row: (drawn.append(row.key), cells(self, row))[1])
    app = make_app(None)
    async with app.run_test(size=(120, 40)) as pilot:
        home = app.screen
        assert isinstance(home, HomeScreen)
        line = home.query_one(KeyBar)._line().plain
        assert "/ search" in line and "palette" in line
        actions = home.query_one("#home-actions-table", DataTable)
        await until(pilot, lambda: actions.row_count > 0)
        assert len(drawn) == home_module.ROWS_SHOWN and actions.row_count == home_module.ROWS_SHOWN + 1  # + "more"
        drawn.clear()
        actions.focus()
        actions.move_cursor(row=actions.row_count - 1)
        await pilot.press("enter")  # the "more" row: the rows now shown are drawn, no others
        await until(pilot, lambda: actions.row_count > home_module.ROWS_SHOWN + 1)
        assert len(drawn) == min(2 * home_module.ROWS_SHOWN, home_module.ROWS_SHOWN + 40 + 3)
