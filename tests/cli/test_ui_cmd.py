"""The commands that open the UI (``demo``, ``run``, ``follow``), with the UI itself replaced by a recorder."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest

import meetui.cli.ui_cmd
from meetui.core.clock import FrozenClock
from meetui.store import Store

from .conftest import REPO, Runner, seed


@pytest.fixture
def launched(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Path, str | None, bool]]:
    """Every UI launch as (store folder, meeting id, read-only), instead of opening the terminal UI."""
    calls: list[tuple[Path, str | None, bool]] = []

    def launch(store: Store, meeting_id: str | None, *, read_only: bool = False) -> int:
        calls.append((store.root, meeting_id, read_only))
        return 0

    monkeypatch.setattr(meetui.cli.ui_cmd, "_launch", launch)
    monkeypatch.setattr(meetui.cli.ui_cmd, "require_terminal", lambda: None)  # the tests' stdin is no terminal
    return calls


def test_demo_opens_the_sample_meeting_in_a_temporary_store(
    cli: Runner, launched: list, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    result = cli("demo")
    assert result.code == 0
    [(root, meeting_id, read_only)] = launched
    assert root.parent == tmp_path and root.name.startswith("meetui-demo-") and not read_only
    assert result.err.strip() == (
        f"the demo meeting is kept in {root}: reopen it with `meetui --data {root} run {meeting_id}`,"
        f" or print its minutes with `meetui --data {root} minutes {meeting_id}`"
    )
    meeting = Store(root).load(meeting_id)
    spec = json.loads((REPO / "data" / "demo.json").read_text(encoding="utf-8"))
    assert meeting.title == spec["title"]
    assert [a.name for a in meeting.attendees] == [a["name"] for a in spec["attendees"]]
    assert meeting.scheduled_start.isoformat() == "2026-11-20T09:30:00+08:00"


def test_demo_with_data_keeps_it_there(cli: Runner, launched: list, tmp_path: Path) -> None:
    folder = tmp_path / "演示"
    assert cli("demo", "--data", str(folder)).code == 0
    [(root, meeting_id, _)] = launched
    assert root == folder and Store(folder).resolve("last") == meeting_id


def test_the_demo_meeting_passes_meetui_check_with_hints_only(
    cli: Runner, launched: list, tmp_path: Path, clock: FrozenClock
) -> None:
    folder = tmp_path / "演示"
    assert cli("demo", "--data", str(folder)).code == 0
    [(_, meeting_id, _)] = launched
    tom = Store(folder).load(meeting_id).attendee("Tom Becker")
    assert (tom.role.value, tom.attendance.value, tom.proxy) == ("observer", "declined", "")  # informed only
    result = cli("--data", str(folder), "check", meeting_id)
    assert result.code == 0 and "警告" not in result.out and "Tom Becker" not in result.out
    clock.advance(minutes=30)  # the demo was not run at once: its start has passed today, which is a hint
    later = cli("--data", str(folder), "check", meeting_id)
    assert later.code == 0 and later.out.startswith("提示: 开始时间已过（09:30 Asia/Shanghai）")


def test_run_and_follow_resolve_the_meeting_first(
    cli: Runner, launched: list, data_dir: Path, clock: FrozenClock
) -> None:
    seed(data_dir, clock, "产品周会", meeting_id="k7aaaaaa")
    clock.advance(minutes=1)
    seed(data_dir, clock, "研发周会", meeting_id="k7bbbbbb")
    assert cli("run", "k7aa").code == 0
    assert cli("follow", "last").code == 0
    assert [(m, ro) for _, m, ro in launched] == [("k7aaaaaa", False), ("k7bbbbbb", True)]
    assert cli("run", "k7").refused().startswith("meetui: 'k7' is too short to change a meeting")
    assert cli("follow", "k7").refused().startswith("meetui: 'k7' matches 2 meetings")
    assert len(launched) == 2
