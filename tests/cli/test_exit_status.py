"""Exit statuses of the real ``meetui`` process: 0 done, 1 refused (one line, no traceback), 2 wrong usage."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from meetui import __version__

from .conftest import Runner


def test_done_is_0(sub: Runner, data_dir: Path) -> None:
    version = sub("--version")
    assert (version.code, version.out.strip()) == (0, f"meetui {__version__}")
    created = sub("new", "季度规划会", "--minutes", "50")
    assert created.code == 0, created.err
    meeting_id = created.out.strip()
    shown = sub("show", meeting_id, "--json")
    assert shown.code == 0
    assert json.loads(shown.out)["title"] == "季度规划会"
    assert json.loads(shown.out)["timezone"] == "Asia/Shanghai"  # the local zone ($TZ) of the process
    assert (data_dir / "index" / f"{meeting_id}.json").exists()


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["show", "不存在"], "meetui: no meeting matches '不存在'"),
        (["new", ""], "meetui: meeting title: must not be empty"),
        (["new", "周会", "--minutes", "-5"], "meetui: meeting planned minutes: must be 0 or more (got -5)"),
        (["new", "周会", "--at", "2026-13-45 10:00"], "meetui: cannot read the start time '2026-13-45 10:00'"),
        (["action", "a1b2c3", "--status", "delayed"], "meetui: no action item 'a1b2c3'"),
        (["import", "没有这个文件.toml"], "meetui: 没有这个文件.toml: no such agenda file"),
    ],
)
def test_refused_is_1_with_one_line(sub: Runner, args: list[str], expected: str) -> None:
    if args[0] in {"show", "action"}:
        assert sub("new", "已有的会议").code == 0  # so the refusal is about the reference, not an empty store
    result = sub(*args)
    assert result.code == 1, result
    assert "Traceback" not in result.err
    assert len(result.err.splitlines()) == 1, result.err
    assert result.err.startswith(expected)
    assert result.out == ""


def test_delayed_without_note_is_refused_in_the_real_process(sub: Runner, data_dir: Path) -> None:
    from meetui.core.clock import FrozenClock, SequentialIds
    from meetui.core.meeting import LiveMeeting, new_meeting
    from meetui.store import Store

    clock = FrozenClock("2026-11-20T09:30:00+08:00", tz="Asia/Shanghai")
    meeting = new_meeting("需求对接会", clock, SequentialIds("d"), attendees=[{"name": "李娜"}])
    item = LiveMeeting(meeting, clock, SequentialIds("a")).add_action("整理需求清单", "李娜").records[0]
    Store(data_dir).create(meeting)
    result = sub("action", item.id, "--status", "delayed")
    assert result.code == 1
    assert result.err == "meetui: a delayed action item needs a note saying why it is delayed\n"


def test_unreadable_store_file_is_1_with_one_line_naming_it(sub: Runner, data_dir: Path) -> None:
    meeting_id = sub("new", "会员积分需求对接会").out.strip()
    [path] = data_dir.glob(f"meetings/*/*/{meeting_id}.json")
    path.write_text('{"_meta": {"1": {"format": "meetui-meeting"', encoding="utf-8")  # cut off mid-write
    before = path.read_bytes()
    result = sub("show", meeting_id)
    assert result.code == 1
    assert "Traceback" not in result.err and len(result.err.splitlines()) == 1, result.err
    assert result.err.startswith("meetui: ") and path.name in result.err
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    "args",
    [
        ["frobnicate"],
        ["list", "--bogus"],
        ["new"],
        ["new", "周会", "--minutes", "一小时"],
        ["new", "周会", "--kind", "party"],
        ["show"],
        ["actions", "--status", "paused"],
        ["actions", "--format", "xlsx"],
        ["action", "a1b2c3"],
        ["--data"],
    ],
)
def test_wrong_usage_is_2(sub: Runner, args: list[str]) -> None:
    result = sub(*args)
    assert result.code == 2, result
    assert "Traceback" not in result.err
    assert result.err.splitlines()[0].startswith("usage: meetui")
    assert result.err.splitlines()[-1].startswith("meetui: ")
    assert result.out == ""


def test_data_option_and_environment_in_the_real_process(sub: Runner, data_dir: Path, tmp_path: Path) -> None:
    other = tmp_path / "其他数据"
    created = sub("--data", str(other), "new", "跨部门对齐会")
    assert created.code == 0
    listed_there = sub("list", "--data", str(other))
    assert "跨部门对齐会" in listed_there.out
    assert "跨部门对齐会" not in sub("list").out
    via_env = sub("list", env={"MEETUI_DATA": str(other)})
    assert "跨部门对齐会" in via_env.out


def test_a_data_path_that_is_a_file_is_refused_by_listings(tmp_path) -> None:
    not_a_folder = tmp_path / "会议数据.txt"
    not_a_folder.write_text("这不是一个文件夹", encoding="utf-8")
    for command in (["list"], ["actions"]):
        result = subprocess.run(
            [sys.executable, "-m", "meetui.cli.main", "--data", str(not_a_folder), *command],
            capture_output=True,
            text=True,
        )
        assert result.returncode == 1
        assert result.stderr.splitlines() == [f"meetui: {not_a_folder}: not a folder, so it cannot hold a meetui store"]
    assert not_a_folder.read_text(encoding="utf-8") == "这不是一个文件夹"
