"""Operations say exactly what happened: every bad argument gets one line (exit 1, or 2 for usage), a created
meeting is reported created even when its index entry could not be written, and failures name the user's file."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

import meetui.store.atomic
from meetui.core.clock import FrozenClock
from meetui.core.text import cell_width
from meetui.store import Store

from .conftest import REPO, Result, Runner, seed


@pytest.fixture
def one(data_dir: Path, clock: FrozenClock) -> str:
    meeting = seed(
        data_dir,
        clock,
        "需求评审会",
        meeting_id="rv0001",
        attendees=[{"name": "李娜"}],
        build=lambda live: live.add_action("整理需求清单", "李娜"),
    )
    return meeting.actions[0].id


def agenda(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def usage(result: Result) -> str:
    assert result.code == 2, (result.code, result.err)
    assert "Traceback" not in result.err
    return result.err_lines[-1]


REFUSED = {
    "--at in the year 9999": ["new", "周会", "--at", "9999-12-31 23:59"],
    "--at in the year 1": ["new", "周会", "--at", "0001-01-01 00:00"],
    "--at five digits of year": ["new", "周会", "--at", "99999-01-01 10:00"],
    "--data of no such user": ["--data", "~nosuchuser-meetui", "list"],
    "-o of no such user": ["minutes", "rv0001", "-o", "~nosuchuser-meetui/m.md"],
    "title of 5,000 characters": ["new", "长" * 5000],
    "title with a newline": ["new", "周会\n第二行"],
    "title that is blank": ["new", "  "],
}


@pytest.mark.parametrize("case", REFUSED, ids=list(REFUSED))
def test_each_bad_argument_gets_one_line(cli: Runner, one: str, case: str, data_dir: Path) -> None:
    before = sorted(p.name for p in (data_dir / "meetings").rglob("*.json"))
    cli(*REFUSED[case]).refused()
    assert sorted(p.name for p in (data_dir / "meetings").rglob("*.json")) == before  # no meeting was created


USAGE = {
    "--note of 10,001 characters": ["--note", "长" * 10_001],
    "--by of 201 characters": ["--by", "王" * 201],
    "--by of two lines": ["--by", "王芳\n李娜"],
}


@pytest.mark.parametrize("case", USAGE, ids=list(USAGE))
def test_text_options_have_a_documented_length(cli: Runner, one: str, case: str, data_dir: Path) -> None:
    line = usage(cli("action", one, "--status", "in-progress", *USAGE[case]))
    assert "at most" in line or "one line" in line
    assert Store(data_dir).load("rv0001").actions[0].status.value == "not-started"


AGENDAS = {
    "attendees = false": ("a.toml", 'title = "周会"\nattendees = false\n'),
    "materials that is a number": ("a.toml", 'title = "周会"\nmaterials = 3\n'),
    "a 5,000-digit number in TOML": ("a.toml", 'title = "周会"\nplanned_minutes = ' + "7" * 5000 + "\n"),
    "a 5,000-digit number in JSON": ("a.json", '{"title": "周会", "planned_minutes": ' + "7" * 5000 + "}"),
    "100,000-deep nesting in JSON": ("a.json", '{"title": "周会", "goal": ' + "[" * 100_000 + "}"),
    "100,000-deep nesting in TOML": ("a.toml", 'title = "周会"\ngoal = ' + "[" * 100_000 + "\n"),
    "a topic title of two lines": ("a.toml", 'title = "周会"\n[[topics]]\ntitle = "一期\\n范围"\n'),
    "a topic title of 201 characters": ("a.toml", f'title = "周会"\n[[topics]]\ntitle = "{"议" * 201}"\n'),
    "an attendee name of two lines": ("a.toml", 'title = "周会"\n[[attendees]]\nname = "王\\n芳"\n'),
}


@pytest.mark.parametrize("case", AGENDAS, ids=list(AGENDAS))
def test_a_hostile_agenda_gets_one_line(cli: Runner, tmp_path: Path, case: str) -> None:
    path = agenda(tmp_path, *AGENDAS[case])
    cli("import", path).refused()
    cli("new", "周会", "--agenda", path).refused()


def test_a_created_meeting_is_reported_created_when_only_the_index_failed(cli: Runner, data_dir: Path) -> None:
    data_dir.mkdir()
    (data_dir / "index").write_text("不是文件夹", encoding="utf-8")
    result = cli("new", "周会")
    assert result.code == 0, result.err
    meeting_id = result.out.strip()
    assert result.err_lines[0] == f"created '周会' in {data_dir}"
    assert result.err_lines[1].startswith("warning: the index entry ") and "rebuilt" in result.err_lines[1]
    assert Store(data_dir).load(meeting_id).title == "周会"
    assert meeting_id in cli("list").out


def test_a_failed_meeting_write_names_the_meeting_file(
    cli: Runner, data_dir: Path, one: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(source: object, target: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(source))

    monkeypatch.setattr(meetui.store.atomic.os, "replace", full)
    line = cli("action", one, "--status", "done").refused()
    assert str(Store(data_dir).meeting_path("rv0001")) in line and "No space left" in line
    assert ".tmp" not in line
    assert not [p for p in data_dir.rglob("*") if p.name.endswith(".tmp")]


def test_writing_commands_need_four_characters_of_an_id(cli: Runner, data_dir: Path, one: str) -> None:
    assert "too short" in cli("action", one[:3], "--status", "done").refused()
    assert Store(data_dir).load("rv0001").actions[0].status.value == "not-started"
    assert cli("show", "r").code == 0  # reading commands may take less
    assert cli("action", one[:4], "--status", "done").code == 0


READING = [["list"], ["actions"], ["show", "last"], ["minutes", "last"], ["check", "last"], ["follow", "last"]]


@pytest.mark.parametrize("args", READING, ids=[a[0] for a in READING])
def test_a_missing_data_folder_is_named_by_reading_commands(cli: Runner, tmp_path: Path, args: list[str]) -> None:
    missing = tmp_path / "打错的文件夹"
    assert (
        cli(*args, "--data", str(missing)).refused()
        == f"meetui: {missing}: no such folder, so no meetui store there (check --data or $MEETUI_DATA)"
    )
    assert not missing.exists()


EVERY = [
    ["list"],
    ["actions"],
    ["show", "last"],
    ["minutes", "last"],
    ["check", "last"],
    ["follow", "last"],
    ["run", "last"],
    ["demo"],
    ["new", "周会"],
    ["action", "abcdef", "--status", "done"],
    ["import", "x.toml"],
]


@pytest.mark.parametrize("args", EVERY, ids=[a[0] for a in EVERY])
def test_a_data_folder_that_is_a_file_gets_the_same_line_everywhere(
    cli: Runner, tmp_path: Path, args: list[str]
) -> None:
    a_file = tmp_path / "数据.txt"
    a_file.write_text("不是文件夹", encoding="utf-8")
    assert (
        cli("--data", str(a_file), *args).refused()
        == f"meetui: {a_file}: not a folder, so it cannot hold a meetui store"
    )


@pytest.mark.parametrize("umask", [0o000, 0o022, 0o077, 0o777])
def test_lock_files_are_private_whatever_the_umask(data_dir: Path, clock: FrozenClock, umask: int) -> None:
    old = os.umask(umask)
    try:
        seed(data_dir, clock, "周会", meeting_id="lk0001")
    finally:
        os.umask(old)
    locks = list((data_dir / "locks").iterdir())
    assert locks and all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in locks)


def test_a_lock_file_that_cannot_be_opened_is_named(cli: Runner, data_dir: Path, one: str) -> None:
    (data_dir / "locks" / "rv0001.lock").unlink()
    (data_dir / "locks" / "rv0001.lock").mkdir()
    line = cli("action", one, "--status", "done").refused()
    assert f"{data_dir / 'locks' / 'rv0001.lock'}: the lock file cannot be opened" in line
    assert "listing still works", cli("list").code == 0


def test_listings_cut_long_titles_to_the_terminal_width(
    cli: Runner, data_dir: Path, clock: FrozenClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed(
        data_dir,
        clock,
        "长" * 200,
        meeting_id="ln0001",
        attendees=[{"name": "李娜"}],
        build=lambda live: live.add_action("任" * 2000, "李娜"),
    )
    monkeypatch.setenv("COLUMNS", "80")
    for args in (["list"], ["actions"]):
        out = cli(*args).out
        assert out and all(cell_width(line) <= 80 for line in out.splitlines()), out
        assert "…" in out


@pytest.mark.parametrize("args", [[], ["run", "last"], ["demo"], ["follow", "last"]])
def test_the_screen_is_refused_without_a_terminal(data_dir: Path, clock: FrozenClock, args: list[str]) -> None:
    seed(data_dir, clock, "周会", meeting_id="tt0001")
    completed = subprocess.run(
        [sys.executable, "-m", "meetui.cli.main", *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=REPO,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    assert completed.returncode == 1
    assert completed.stderr.splitlines() == [
        "meetui: the meetui screen needs a terminal, and the input is not one: run it in a terminal, "
        "or use the commands that print (`meetui list`, `meetui show`…)"
    ]
    assert completed.stdout == ""
