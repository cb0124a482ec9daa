"""``meetui actions`` (filters and formats) and ``meetui action ID --status``."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest

from meetui.core.clock import FrozenClock
from meetui.core.meeting import LiveMeeting
from meetui.store import Store

from .conftest import Runner, seed

PEOPLE = [
    {"name": "王芳", "department": "产品部"},
    {"name": "李娜", "department": "研发部"},
    {"name": "陈刚", "department": "销售部"},
    {"name": "Priya Nair", "department": "R&D"},
]


@pytest.fixture
def tracked(data_dir: Path, clock: FrozenClock) -> dict[str, str]:
    """Two meetings' action items; today is Friday 2026-11-20. Returns the item ids by task."""
    ids: dict[str, str] = {}

    def first(live: LiveMeeting) -> None:
        # past due dates, given as dates: typed as text they are refused (a past due date needs a confirmation)
        for task, owner, due in [
            ("整理需求清单", "李娜", dt.date(2026, 11, 18)),
            ("提交报价单", "陈刚", "+3d"),
            ("确认预算", "王芳", dt.date(2026, 11, 10)),
        ]:
            ids[task] = (
                live.add_action(
                    task, owner, due=due, priority="high" if owner == "陈刚" else "medium", deliverable="文档"
                )
                .records[0]
                .id
            )
        live.set_action_status(ids["确认预算"], "done")
        live.set_action_status(ids["提交报价单"], "in-progress", note="已联系三家供应商")

    def second(live: LiveMeeting) -> None:
        ids["性能测试报告"] = live.add_action("性能测试报告", "Priya Nair", due="12-10").records[0].id
        ids["李娜的接口文档"] = live.add_action("接口文档, 含错误码", "李娜").records[0].id

    seed(data_dir, clock, "需求对接会", meeting_id="q1review", attendees=PEOPLE, build=first)
    seed(data_dir, clock, "阶段评审会", meeting_id="q2stage", attendees=PEOPLE, build=second)
    return ids


def table_ids(output: str) -> list[str]:
    return [line.split()[0] for line in output.splitlines()[2:]]


def test_actions_table_sorted_by_due_date(cli: Runner, tracked: dict[str, str]) -> None:
    result = cli("actions")
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0].split() == ["ID", "DUE", "OWNER", "STATUS", "PRIORITY", "TASK"]
    assert table_ids(result.out) == [
        tracked[t] for t in ("确认预算", "整理需求清单", "提交报价单", "性能测试报告", "李娜的接口文档")
    ]
    row = next(line for line in lines if line.startswith(tracked["整理需求清单"]))
    assert row.split() == [tracked["整理需求清单"], "2026-11-18", "李娜", "not-started", "medium", "整理需求清单"]


def test_filter_by_chinese_owner_and_status(cli: Runner, tracked: dict[str, str]) -> None:
    assert table_ids(cli("actions", "--owner", "李娜").out) == [tracked["整理需求清单"], tracked["李娜的接口文档"]]
    assert table_ids(cli("actions", "--owner", "priya").out) == [tracked["性能测试报告"]]
    assert table_ids(cli("actions", "--status", "in-progress").out) == [tracked["提交报价单"]]
    assert table_ids(cli("actions", "--owner", "李娜", "--status", "done").out) == []
    assert cli("actions", "--owner", "张三").err.strip() == "no action items match"


def test_overdue_and_due_within(cli: Runner, tracked: dict[str, str]) -> None:
    assert table_ids(cli("actions", "--overdue").out) == [tracked["整理需求清单"]]  # 确认预算 is done
    assert table_ids(cli("actions", "--due-within", "3").out) == [tracked["整理需求清单"], tracked["提交报价单"]]
    assert table_ids(cli("actions", "--due-within", "20").out) == [
        tracked["整理需求清单"],
        tracked["提交报价单"],
        tracked["性能测试报告"],
    ]
    assert cli("actions", "--due-within", "-1").misused() == (
        "meetui: argument --due-within: '-1' is not between 0 and 36500"
    )


def test_json_format(cli: Runner, tracked: dict[str, str]) -> None:
    items = json.loads(cli("actions", "--format", "json", "--owner", "陈刚").out)
    assert len(items) == 1
    item = items[0]
    assert (
        item["id"],
        item["task"],
        item["owner"],
        item["department"],
        item["due"],
        item["status"],
        item["priority"],
        item["meeting_id"],
    ) == (tracked["提交报价单"], "提交报价单", "陈刚", "销售部", "2026-11-23", "in-progress", "high", "q1review")


def test_csv_format(cli: Runner, tracked: dict[str, str]) -> None:
    rows = list(csv.reader(io.StringIO(cli("actions", "--format", "csv", "--owner", "李娜").out)))
    assert rows[0] == [
        "id",
        "meeting",
        "task",
        "owner",
        "co_owners",
        "department",
        "due",
        "deliverable",
        "priority",
        "status",
        "reason",
        "accepted_by",
        "progress",
    ]
    assert rows[1:] == [
        [
            tracked["整理需求清单"],
            "q1review",
            "整理需求清单",
            "李娜",
            "",
            "研发部",
            "2026-11-18",
            "文档",
            "medium",
            "not-started",
            "",
            "",
            "",
        ],
        [
            tracked["李娜的接口文档"],
            "q2stage",
            "接口文档, 含错误码",
            "李娜",
            "",
            "研发部",
            "",
            "",
            "medium",
            "not-started",
            "",
            "",
            "",
        ],
    ]


def test_ics_format(cli: Runner, tracked: dict[str, str]) -> None:
    text = cli("actions", "--format", "ics", "--owner", "李娜").out
    lines = text.split("\r\n")
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR" and lines[-1] == ""
    assert lines.count("BEGIN:VTODO") == 2
    assert f"UID:{tracked['整理需求清单']}@q1review.meetui" in lines
    assert "SUMMARY:接口文档\\, 含错误码" in lines
    assert "DUE;VALUE=DATE:20261118" in lines
    assert "DTSTAMP:20261120T013000Z" in lines


def test_ics_lines_are_folded_at_75_octets_without_splitting_a_character(
    cli: Runner, data_dir: Path, clock: FrozenClock
) -> None:
    task = "整理渠道培训计划并发给销售部、市场部和研发部确认，包括时间表、讲师名单与培训材料清单\r\n第二行"

    def build(live: LiveMeeting) -> None:
        live.add_action(task, "陈刚", due="fri")

    seed(data_dir, clock, "渠道会", meeting_id="q3train", attendees=PEOPLE, build=build)
    raw = cli("actions", "--format", "ics").out.encode("utf-8")
    lines = raw.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines)
    assert all(b"\r" not in line and b"\n" not in line for line in lines)
    unfolded = raw.replace(b"\r\n ", b"").decode("utf-8")  # how a calendar reads it back
    assert f"SUMMARY:{task.replace(chr(13) + chr(10), chr(92) + 'n').replace(',', chr(92) + ',')}" in unfolded


def test_actions_warns_about_a_meeting_it_cannot_read(cli: Runner, data_dir: Path, tracked: dict[str, str]) -> None:
    path = Store(data_dir).meeting_path("q2stage")
    path.write_text('{"会议": ', encoding="utf-8")
    result = cli("actions")
    assert result.code == 0
    assert f"warning: skipped {path}" in result.err
    assert tracked["性能测试报告"] not in result.out and tracked["整理需求清单"] in result.out


def test_action_status_update(cli: Runner, data_dir: Path, tracked: dict[str, str], clock: FrozenClock) -> None:
    item_id = tracked["整理需求清单"]
    clock.advance(minutes=90)
    result = cli(
        "action", item_id, "--status", "delayed", "--note", "等待法务确认条款", "--due", "2026-11-27", "--by", "李娜"
    )
    assert result.code == 0, result.err
    assert result.err.strip() == f"{item_id}: delayed (等待法务确认条款), due 2026-11-27"
    item = Store(data_dir).load("q1review").action(item_id)
    assert (item.status.value, item.reason, item.due.isoformat()) == ("delayed", "等待法务确认条款", "2026-11-27")
    entry = item.progress[-1]
    assert (entry.status.value, entry.note, entry.by, entry.at.isoformat()) == (
        "delayed",
        "等待法务确认条款; due 2026-11-18 → 2026-11-27",
        "李娜",
        "2026-11-20T11:00:00+08:00",
    )
    assert table_ids(cli("actions", "--status", "delayed").out) == [item_id]


def test_action_delayed_without_note_is_refused(cli: Runner, data_dir: Path, tracked: dict[str, str]) -> None:
    item_id = tracked["整理需求清单"]
    line = cli("action", item_id, "--status", "delayed").refused()
    assert line == "meetui: a delayed action item needs a note saying why it is delayed"
    assert Store(data_dir).load("q1review").action(item_id).status.value == "not-started"


def test_action_by_unique_prefix_and_unknown_id(
    cli: Runner, data_dir: Path, tracked: dict[str, str], clock: FrozenClock
) -> None:
    solo = seed(
        data_dir,
        clock,
        "协作复盘",
        meeting_id="z9retro",
        attendees=PEOPLE,
        build=lambda live: live.add_action("写复盘总结", "王芳"),
    )
    item_id = solo.actions[0].id
    assert item_id.startswith("z9") and not any(i.startswith("z") for i in tracked.values())
    assert cli("action", item_id[:4], "--status", "done").code == 0
    assert Store(data_dir).load("z9retro").action(item_id).status.value == "done"
    assert (
        cli("action", "不存在的编号", "--status", "done").refused()
        == "meetui: no action item '不存在的编号' (see `meetui actions`)"
    )


def test_action_ambiguous_prefix(cli: Runner, tracked: dict[str, str]) -> None:
    shared = "q100"  # ids from SequentialIds("q1") are q10001, q10002…
    count = sum(i.startswith(shared) for i in tracked.values())
    assert count > 1
    assert f"matches {count} action items" in cli("action", shared, "--status", "done").refused()


def test_an_action_of_a_meeting_run_live_elsewhere_is_queued_for_it(
    cli: Runner, data_dir: Path, tracked: dict[str, str], monkeypatch
) -> None:
    from meetui.cli import actions_cmd

    monkeypatch.setattr(actions_cmd, "APPLIED_WAIT_SECONDS", 0.0)
    item_id = tracked["整理需求清单"]
    live_lock = Store(data_dir).hold_live("q1review")  # as `meetui run q1review` in another terminal holds it
    try:
        result = cli("action", item_id, "--status", "done", "--deliverable", "需求清单 v1")
        refused = cli("action", item_id, "--status", "blocked")  # checked at once, not queued
    finally:
        live_lock.release()
    assert result.code == 0 and "queued for meeting q1review" in result.err
    assert refused.refused() == "meetui: a blocked action item needs a note saying what it is waiting on"
    assert Store(data_dir).load("q1review").action(item_id).status.value == "not-started"
    [(path, doc)] = Store(data_dir).queue.pending("q1review")
    assert (doc["action_id"], doc["status"], doc["deliverable"]) == (item_id, "done", "需求清单 v1")
    # the live process died without applying it: the next `meetui action` on the meeting applies it first
    assert cli("action", tracked["提交报价单"], "--priority", "low").code == 0
    meeting = Store(data_dir).load("q1review")
    assert (meeting.action(item_id).status.value, meeting.action(item_id).deliverable) == ("done", "需求清单 v1")
    assert meeting.action(item_id).accepted_by == meeting.host or meeting.host == ""
    assert meeting.action(tracked["提交报价单"]).priority.value == "low"
    assert not path.exists()


def test_owner_finds_co_owned_items_and_says_which(cli: Runner, data_dir: Path, clock: FrozenClock) -> None:
    def build(live: LiveMeeting) -> None:
        live.start()
        live.apply_line("#action 李娜、陈刚 整理渠道名单 by fri")
        live.apply_line("#action 陈刚 提交报价单 by fri")
        live.apply_line("#action 王芳 确认预算")

    seed(data_dir, clock, "渠道会", meeting_id="co0wners", attendees=PEOPLE, build=build)
    result = cli("actions", "--owner", "陈刚")
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0].split() == ["ID", "DUE", "OWNER", "AS", "STATUS", "PRIORITY", "TASK"]
    assert sorted((line.split()[2], line.split()[3], line.split()[-1]) for line in lines[2:]) == [
        ("李娜", "co-owner", "整理渠道名单"),
        ("陈刚", "owner", "提交报价单"),
    ]
    listed = json.loads(cli("actions", "--owner", "陈刚", "--format", "json").out)
    assert sorted(tuple(item["co_owners"]) for item in listed) == [(), ("陈刚",)]
    assert "AS" not in cli("actions").out.splitlines()[0].split()
