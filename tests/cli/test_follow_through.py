"""Following action items through from the shell: exports read back, exit statuses, --mine, remind, stats."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import icalendar
import pytest

from meetui.core.clock import FrozenClock
from meetui.core.meeting import LiveMeeting

from .conftest import Runner, seed

PEOPLE = [
    {"name": "王芳", "department": "产品部"},
    {"name": "李娜", "department": "研发部"},
    {"name": "陈刚", "department": "销售部"},
]


@pytest.fixture
def store_items(data_dir: Path, clock: FrozenClock) -> dict[str, str]:
    """Today is 2026-11-20. An overdue item, one due in two days, one far off, one done, one with a formula."""
    ids: dict[str, str] = {}

    def build(live: LiveMeeting) -> None:
        live.start()
        for task, owner, due in [
            ("整理需求清单", "李娜", dt.date(2026, 11, 17)),
            ("提交报价单", "陈刚", "+2d"),
            ("季度总结", "王芳", "12-20"),
            ('=HYPERLINK("http://x")', "陈刚", "12-30"),
            ("确认预算", "王芳", dt.date(2026, 11, 10)),
        ]:
            ids[task] = live.add_action(task, owner, due=due, deliverable="@报告").records[0].id
        live.set_action_status(ids["确认预算"], "done")
        live.update_action(ids["提交报价单"], co_owners=["李娜"])
        live.end()

    seed(
        data_dir,
        clock,
        "需求对接会",
        meeting_id="q1review",
        attendees=PEOPLE,
        build=build,
        host="王芳",
        planned_minutes=30,
    )
    return ids


def test_csv_with_bom_reads_back_and_formulas_are_text(cli: Runner, store_items: dict[str, str]) -> None:
    result = cli("actions", "--format", "csv", "--excel")
    assert result.out.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(result.out.removeprefix("\ufeff"))))
    formula = next(r for r in rows if r["id"] == store_items['=HYPERLINK("http://x")'])
    assert formula["task"] == '\'=HYPERLINK("http://x")' and formula["deliverable"] == "'@报告"
    done = next(r for r in rows if r["id"] == store_items["确认预算"])
    assert done["status"] == "done" and "done" in done["progress"]
    assert not cli("actions", "--format", "csv").out.startswith("\ufeff")
    assert cli("actions", "--bom").misused() == "meetui: --bom (--excel) is for --format csv"


def test_ics_parses_with_one_todo_per_open_item(cli: Runner, store_items: dict[str, str]) -> None:
    calendar = icalendar.Calendar.from_ical(cli("actions", "--format", "ics").out)
    todos = {str(t["uid"]).split("@")[0]: t for t in calendar.walk("VTODO")}
    assert set(todos) == {v for k, v in store_items.items() if k != "确认预算"}
    todo = todos[store_items["整理需求清单"]]
    assert todo.decoded("due") == dt.date(2026, 11, 17)
    assert str(todo["status"]) == "NEEDS-ACTION" and "需求对接会" in str(todo["description"])
    assert "李娜" in str(todo["description"])


def test_overdue_and_due_within_exit_1_when_any(cli: Runner, store_items: dict[str, str]) -> None:
    overdue = cli("actions", "--overdue")
    assert overdue.code == 1 and store_items["整理需求清单"] in overdue.out
    assert cli("actions", "--due-within", "2").code == 1
    assert cli("actions", "--overdue", "--owner", "陈刚").code == 0  # none: all clear


def test_mine_uses_the_user_in_the_config(
    cli: Runner, store_items: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config.toml"
    monkeypatch.setenv("MEETUI_CONFIG", str(config))
    assert "user =" in cli("actions", "--mine").refused()
    config.write_text('user = "李娜"\n', encoding="utf-8")
    mine = cli("actions", "--mine", "--format", "json")
    assert {a["task"] for a in json.loads(mine.out)} == {"整理需求清单", "提交报价单"}  # owned and co-owned


def test_remind_groups_by_owner_with_days_overdue(cli: Runner, store_items: dict[str, str]) -> None:
    text = cli("remind").out
    assert "李娜:" in text and "overdue 3 days (due 2026-11-17): 整理需求清单" in text
    assert "due 2026-11-22: 提交报价单 (co-owner)" in text  # 李娜 helps with it
    assert "季度总结" not in text and "确认预算" not in text
    md = cli("remind", "--format", "md").out
    assert md.startswith("# ") and "## 陈刚" in md
    calendar = icalendar.Calendar.from_ical(cli("remind", "--format", "ics").out)
    assert len(list(calendar.walk("VTODO"))) == 2


def test_stats_by_department_and_owner(cli: Runner, store_items: dict[str, str]) -> None:
    figures = json.loads(cli("stats", "--format", "json").out)
    assert figures["meetings_held"] == 1 and figures["total"]["actions"] == 5
    assert (figures["total"]["done"], figures["total"]["done_on_time"], figures["total"]["overdue"]) == (1, 0, 1)
    assert {g["name"] for g in figures["groups"]} >= {"研发部", "销售部"}
    owners = json.loads(cli("stats", "--by", "owner", "--format", "json").out)
    assert {g["name"]: g["actions"] for g in owners["groups"]} == {"陈刚": 2, "王芳": 2, "李娜": 1}
    table = cli("stats").out
    assert "1 meeting held" in table and "DEPARTMENT" in table
    rows = list(csv.reader(io.StringIO(cli("stats", "--format", "csv").out)))
    assert rows[0][0] == "department" and rows[1][0] == "all"
    assert cli("stats", "--since", "2027-01-01", "--format", "json").out.count('"meetings_held": 0') == 1
    assert cli("stats", "--since", "明天").misused().startswith("meetui: --since takes a date")


def test_action_edits_fields_and_refuses_a_bad_move_naming_the_allowed_ones(
    cli: Runner, data_dir: Path, store_items: dict[str, str]
) -> None:
    from meetui.store import Store

    item = store_items["季度总结"]
    assert (
        cli(
            "action",
            item,
            "--due",
            "2026-12-24",
            "--owner",
            "陈刚",
            "--co-owners",
            "王芳、李娜",
            "--priority",
            "high",
            "--by",
            "王芳",
        ).code
        == 0
    )
    stored = Store(data_dir).load("q1review").action(item)
    assert (stored.owner, stored.co_owners, stored.due.isoformat(), stored.priority.value) == (
        "陈刚",
        ["王芳", "李娜"],
        "2026-12-24",
        "high",
    )
    assert stored.progress[-1].by == "王芳" and "owner: 王芳 → 陈刚" in stored.progress[-1].note
    done = store_items["确认预算"]
    assert cli("action", done, "--status", "blocked", "--note", "x").refused() == (
        f"meetui: action item {done} is done: it can go to in-progress, not blocked"
    )
    assert cli("action", done, "--status", "in-progress", "--note", "重新打开").code == 0
    assert cli("action", item, "--status", "done", "--deliverable", "总结.pdf").code == 0
    finished = Store(data_dir).load("q1review").action(item)
    assert (finished.deliverable, finished.accepted_by) == ("总结.pdf", "王芳")  # the host requested it
    listed = json.loads(cli("actions", "--format", "json").out)
    assert len(next(a for a in listed if a["id"] == item)["progress"]) == 2


def test_list_says_interrupted_for_a_live_meeting_that_no_process_runs(
    cli: Runner, data_dir: Path, clock: FrozenClock
) -> None:
    seed(data_dir, clock, "中断的周会", meeting_id="w1weekly", attendees=PEOPLE, build=lambda live: live.start())
    row = next(line for line in cli("list").out.splitlines() if line.startswith("w1weekly"))
    assert row.split()[3] == "interrupted"
    [listed] = json.loads(cli("list", "--json").out)
    assert (listed["status"], listed["interrupted"]) == ("live", True)
    from meetui.store import Store

    held = Store(data_dir).hold_live("w1weekly")
    try:
        assert cli("list").out.split("\n")[2].split()[3] == "live"
    finally:
        held.release()
