"""A held meeting is shown and sorted by when it was held (its clock's first start), not its schedule.

Scheduled 2026-12-01 15:00 but held on 2026-11-20 (today, the frozen clock): it is listed under 2026-11."""

from __future__ import annotations

import json
from pathlib import Path

from meetui.core.clock import FrozenClock
from meetui.core.meeting import LiveMeeting
from meetui.store import Store

from .conftest import Runner, seed


def held_early(data_dir: Path, clock: FrozenClock) -> None:
    def hold(live: LiveMeeting) -> None:
        live.start()
        live.add_note("提前开会：发布窗口确定")
        live.end()

    seed(data_dir, clock, "发布评审（提前开）", meeting_id="early001", build=hold,
         scheduled_start="2026-12-01T15:00+08:00")  # fmt: skip
    seed(data_dir, clock, "渠道周会", meeting_id="weekly01", scheduled_start="2026-11-25T10:00+08:00")


def test_list_shows_and_sorts_a_held_meeting_by_when_it_was_held(cli: Runner, data_dir: Path, clock) -> None:
    held_early(data_dir, clock)
    lines = cli("list").out.splitlines()
    rows = [line for line in lines if line.startswith(("early001", "weekly01"))]
    assert [row.split()[0] for row in rows] == ["weekly01", "early001"]  # newest first: the 25th, then the 20th
    assert f"{clock.now():%Y-%m-%d %H:%M}" in rows[1]
    listed = {m["id"]: m for m in json.loads(cli("list", "--json").out)}
    assert listed["early001"]["held_at"].startswith(clock.now().date().isoformat())
    assert listed["weekly01"]["held_at"] is None
    assert "held: 2026-11-20" in cli("show", "early001").out


def test_stats_since_and_search_order_follow_when_it_was_held(cli: Runner, data_dir: Path, clock) -> None:
    held_early(data_dir, clock)
    assert json.loads(cli("stats", "--since", "2026-11-21", "--format", "json").out)["meetings_held"] == 0
    figures = json.loads(cli("stats", "--since", "2026-11-20", "--format", "json").out)
    assert [m["date"] for m in figures["meetings"]] == ["2026-11-20"]
    seed(data_dir, clock, "发布窗口复盘", meeting_id="later001", scheduled_start="2026-11-27T10:00+08:00",
         topics=[{"title": "发布窗口"}])  # fmt: skip
    order = list(dict.fromkeys(h.meeting_id for h in Store(data_dir).search("发布窗口")))
    assert order == ["later001", "early001"]  # the 27th, then the 20th (not its schedule, 1 December)
