"""The README's follow-through examples, run as written."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import shlex
from pathlib import Path

import pytest

from meetui.core.clock import FrozenClock
from meetui.core.meeting import LiveMeeting
from meetui.store import Store

from .conftest import REPO, Runner, seed


def block() -> list[list[str]]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    start = text.index("## After the meeting: following action items through")
    found = re.search(r"```sh\n(.*?)```", text[start:], re.DOTALL)
    assert found is not None
    return [shlex.split(line) for line in found.group(1).splitlines() if line.strip()]


def test_the_readme_follow_through_examples_run_as_written(
    cli: Runner, data_dir: Path, clock: FrozenClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('user = "李娜"\n', encoding="utf-8")
    monkeypatch.setenv("MEETUI_CONFIG", str(config))

    def build(live: LiveMeeting) -> None:
        live.add_action("确认渠道名单", "陈刚", due="+5d")
        live.add_action("=SUM(A1:A9) 核对预算", "王芳", due="+10d")
        live.add_action("审阅合同条款", "李娜", due="+1d")  # q40006
        live.add_action("更新发布计划", "李娜", due=dt.date(2026, 11, 18))  # q40007

    meeting = seed(
        data_dir,
        clock,
        "四季度规划会",
        meeting_id="q4plan",
        host="王芳",
        attendees=[{"name": n} for n in ("王芳", "李娜", "陈刚")],
        build=build,
    )
    assert [a.id for a in meeting.actions][2:] == ["q40006", "q40007"]
    commands = block()
    assert all(c[0] == "meetui" for c in commands)
    results = [cli(*command[1:]) for command in commands]
    assert [r.code for r in results] == [1, 0, 0, 0, 0, 0, 0, 0, 0], [r.err for r in results]  # 1: items due soon
    assert "q40006" in results[0].out and "q40007" in results[0].out
    stored = Store(data_dir).load("q4plan")
    item = stored.action("q40006")
    assert (item.status.value, item.due.isoformat(), item.accepted_by) == ("done", "2026-12-04", "王芳")
    assert [p.status.value for p in item.progress] == ["delayed", "done"]
    moved = stored.action("q40007")
    assert (moved.owner, moved.co_owners, moved.priority.value) == ("陈刚", ["王芳", "李娜"], "high")
    assert moved.status.value == "in-progress"  # typed 进行中
    assert (moved.progress[-1].status.value, moved.progress[-1].note, moved.progress[-1].by) == (
        "in-progress",
        "发布计划改了一半",
        "陈刚",
    )  # a note alone: progress logged, nothing else changed
    rows = list(csv.DictReader(io.StringIO(results[6].out.removeprefix("\ufeff"))))
    assert results[6].out.startswith("\ufeff")
    assert next(r for r in rows if "核对预算" in r["task"])["task"] == "'=SUM(A1:A9) 核对预算"
    assert results[7].out.startswith("# Action items overdue or due by")
    assert "OWNER" in results[8].out
