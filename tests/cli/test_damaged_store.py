"""A damaged meeting file never takes down the rest: it is skipped with one warning naming it, and the other
meetings list, show and update as before. ``show`` and ``list`` agree on what is readable."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from meetui.core.clock import FrozenClock
from meetui.store import Store, files

from .conftest import Runner, seed

Edit = Callable[[dict], None]


@pytest.fixture
def two(data_dir: Path, clock: FrozenClock) -> tuple[Path, str]:
    """A healthy meeting with an action item, and the file of a second one about to be damaged."""
    good = seed(
        data_dir,
        clock,
        "健康的会",
        meeting_id="good01",
        attendees=[{"name": "李娜"}],
        build=lambda live: live.add_action("整理风险清单", "李娜"),
    )
    seed(
        data_dir,
        clock,
        "将被损坏的会",
        meeting_id="bad001",
        attendees=[{"name": "王芳"}],
        build=lambda live: live.add_action("确认预算", "王芳"),
    )
    cli_list = Store(data_dir).summaries()  # the index is written and current
    assert len(cli_list) == 2
    return Store(data_dir).meeting_path("bad001"), good.actions[0].id


def edited(path: Path, edit: Edit) -> None:
    data = json.loads(path.read_bytes())
    edit(data)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def header(key: str, value: object) -> Edit:
    return lambda data: data["meeting"]["1"].__setitem__(key, value)


def action(key: str, value: object) -> Edit:
    return lambda data: data["actions"]["1"].__setitem__(key, value)


def assert_rest_works(cli: Runner, bad: Path, good_action: str) -> None:
    """``list`` and ``actions`` warn about ``bad`` and show the rest; ``show`` refuses it; the rest updates."""
    listing = cli("list")
    assert listing.code == 0, listing.err
    assert "good01" in listing.out and "bad001" not in listing.out
    assert listing.err_lines == [next(line for line in listing.err_lines if str(bad) in line)]
    assert listing.err.startswith("warning: skipped ")
    actions = cli("actions")
    assert actions.code == 0 and good_action in actions.out and "确认预算" not in actions.out
    assert len(actions.err_lines) == 1 and str(bad) in actions.err
    assert str(bad) in cli("show", "bad001").refused()
    assert cli("show", "good01").code == 0
    assert cli("action", good_action, "--status", "done").code == 0


HEADER_FAULTS = {
    "zone with one flipped bit": header("timezone", "Asia/Shanghah"),
    "zone that is a path": header("timezone", "../../../etc/passwd"),
    "zone that is a number": header("timezone", 8),
    "start that is a number": header("scheduled_start", 1_764_000_000),
    "start that is a list": header("scheduled_start", ["2026-11-20"]),
    "creation that is null": header("created_at", None),
    "start out of range for its zone": header("scheduled_start", "9999-12-31T23:30:00-05:00"),
    "start before the calendar": header("scheduled_start", "0001-01-01T00:10:00+08:00"),
    "start without offset": header("scheduled_start", "2026-11-20T10:00:00"),
    "end that is not a time": header("ended_at", "昨天"),
}


@pytest.mark.parametrize("fault", HEADER_FAULTS, ids=list(HEADER_FAULTS))
def test_a_bad_header_value_is_skipped_and_named(cli: Runner, two: tuple[Path, str], fault: str) -> None:
    bad, good_action = two
    edited(bad, HEADER_FAULTS[fault])
    assert_rest_works(cli, bad, good_action)


RULE_FAULTS = {
    "title too long": header("title", "长" * 10_001),
    "negative minutes": header("planned_minutes", -5),
    "extra field": header("颜色", "红"),
    "action item without an owner": action("owner", ""),
    "action item with a bad status": action("status", "finished"),
    "action item that is a string": lambda data: data["actions"].__setitem__("1", "确认预算"),
}


@pytest.mark.parametrize("fault", RULE_FAULTS, ids=list(RULE_FAULTS))
def test_records_that_break_rules_are_reported_not_dropped(cli: Runner, two: tuple[Path, str], fault: str) -> None:
    bad, good_action = two
    edited(bad, RULE_FAULTS[fault])
    assert_rest_works(cli, bad, good_action)


def test_a_stale_index_entry_of_a_broken_file_is_not_trusted(
    cli: Runner, two: tuple[Path, str], data_dir: Path
) -> None:
    bad, good_action = two
    edited(bad, action("owner", ""))
    Store(data_dir).summaries()
    assert "bad001" not in cli("list").out  # listed once from the file: the index did not make it readable


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _dev_zero(path: Path) -> None:
    path.symlink_to("/dev/zero")


def _loop(path: Path) -> None:
    other = path.with_name("loop.link")
    path.symlink_to(other)
    other.symlink_to(path)


def _folder(path: Path) -> None:
    path.mkdir()
    (path / "x").write_text("里面", encoding="utf-8")


def _deep(path: Path) -> None:
    path.write_bytes(b"[" * 100_000)


def _deep_closed(path: Path) -> None:
    path.write_bytes(b'{"_meta":' + b"[" * 100_000 + b"]" * 100_000 + b"}")


def _long_number(path: Path) -> None:
    path.write_bytes(b'{"_meta":{"1":{"format":"meetui-meeting","schema":' + b"7" * 5000 + b"}}}")


def _big(path: Path) -> None:
    path.write_bytes(b" " * (files.MAX_FILE_BYTES + 1))


SHAPE_FAULTS = {
    "fifo": _fifo,
    "symlink to /dev/zero": _dev_zero,
    "symlink loop": _loop,
    "folder": _folder,
    "100,000 open brackets": _deep,
    "100,000 nested lists": _deep_closed,
    "5,000-digit number": _long_number,
    "over the size limit": _big,
}


@pytest.mark.parametrize("fault", SHAPE_FAULTS, ids=list(SHAPE_FAULTS))
def test_what_is_not_a_meeting_file_is_refused_by_name_without_reading_it(
    cli: Runner, two: tuple[Path, str], fault: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad, good_action = two
    if fault == "over the size limit":
        monkeypatch.setattr(files, "MAX_FILE_BYTES", 4096)
    bad.unlink()
    SHAPE_FAULTS[fault](bad)
    assert_rest_works(cli, bad, good_action)


def test_a_file_growing_past_the_limit_is_never_read_past_it(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_bytes(b"x" * 10_000)
    with pytest.raises(files.StoreError, match="larger than"):
        files.read_file(path, limit=4096)
    assert files.read_file(path, limit=10_000)[0] == b"x" * 10_000


def test_a_copy_in_another_month_folder_is_a_duplicate_not_a_second_meeting(
    cli: Runner, two: tuple[Path, str], data_dir: Path
) -> None:
    bad, _ = two
    good = Store(data_dir).meeting_path("good01")
    copy = data_dir / "meetings" / "2031" / "01" / good.name
    copy.parent.mkdir(parents=True)
    shutil.copy(good, copy)
    listing = cli("list")
    assert listing.out.count("good01") == 1
    assert listing.err_lines == [f"warning: skipped {copy}: a duplicate of meeting good01, which is {good}"]
    item = Store(data_dir).load("good01").actions[0].id
    assert cli("actions").out.count(item) == 1
    assert cli("action", item, "--status", "done").code == 0
    assert Store(data_dir).load("good01").actions[0].status.value == "done"
