"""Every command's arguments, fuzzed through ``main()`` in this process: never a traceback, always exit 0, 1 or 2,
and a refusal is one line on stderr (after any warnings).

The commands and their options are read from the parser itself, so a command added later is fuzzed too. Paths
are drawn from a fixed set inside a temporary folder (the working directory during the test), never made up:
free text never holds a ``/`` and never starts with ``~`` or ``.``.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import meetui.cli.ui_cmd
import meetui.cli.web_cmd
from meetui.cli.main import build_parser, main
from meetui.core.clock import FrozenClock, SequentialIds
from meetui.core.meeting import LiveMeeting, new_meeting
from meetui.store import Store

from .conftest import CASES, FUZZ

PARSER = build_parser()
COMMANDS: dict[str, argparse.ArgumentParser] = next(
    a for a in PARSER._actions if isinstance(a, argparse._SubParsersAction)
).choices

IDS = ["fz000001", "fz000002", "last", "fz00", "f", "fz", "fz000001x", "FZ000001", "fz0000010002"]
DATA = ["store", "missing-store", "a-file.txt", "", " ", "~nosuchuser-meetui", "store/meetings", "fifo"]
OUTPUTS = [
    "-",
    "",
    "out.md",
    "out.html",
    "out.json",
    "out.txt",
    "out.csv",
    "out.ics",
    "out.docx",
    "out.xyz",
    "no-folder/x.md",
    "a-folder",
    "fifo",
    "link-to-fifo",
    "read-only.md",
    "dangling.md",
    "loop.md",
    "~nosuchuser-meetui/m.md",
]
FILES = [
    "agenda.toml",
    "agenda.json",
    "bad.toml",
    "deep.json",
    "digits.toml",
    "false.toml",
    "missing.toml",
    "fifo",
    "a-folder",
    "loop.md",
    "read-only.md",
    "",
    "-",
]
SPECIAL = [
    "",
    " ",
    "-",
    "--",
    "\n",
    "0",
    "-1",
    "1",
    "99999999",
    "9" * 5000,
    "长" * 10_001,
    "王" * 201,
    "[b]粗[/b]",
    "2026-12-01 10:00",
    "9999-12-31 23:59",
    "0001-01-01 00:00",
    "fri",
    "+3d",
    "Asia/Shanghaj",
    "\x00",
    "#action 李娜 整理清单 by fri",
    "~nosuchuser-meetui",
]
FREE = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="/"), max_size=30).filter(
    lambda s: not s.startswith(("~", "."))
)
VALUES = st.one_of(st.sampled_from(SPECIAL), FREE, st.integers(-(10**6), 10**9).map(str))


def value_for(action: argparse.Action) -> st.SearchStrategy[str]:
    dest = action.dest
    if dest == "data":
        return st.sampled_from(DATA)
    if dest == "output":
        return st.sampled_from(OUTPUTS)
    if dest in ("file", "agenda", "path"):
        return st.sampled_from(FILES)
    if dest in ("meeting", "id", "follow_up"):
        return st.one_of(st.sampled_from(IDS), VALUES)
    if action.choices:
        return st.one_of(st.sampled_from([str(c) for c in action.choices]), VALUES)
    return VALUES


@st.composite
def command_lines(draw: st.DrawFn) -> list[str]:
    name = draw(st.sampled_from(sorted(COMMANDS)))
    argv = [name]
    for action in COMMANDS[name]._actions:
        if isinstance(action, argparse._HelpAction):
            continue
        if not action.option_strings:
            if draw(st.integers(0, 9)):
                argv.append(draw(value_for(action)))
        elif draw(st.booleans()):
            argv.append(draw(st.sampled_from(action.option_strings)))
            if action.nargs != 0:
                argv.append(draw(value_for(action)))
    if not draw(st.integers(0, 9)):
        argv.insert(draw(st.integers(0, len(argv))), draw(VALUES))
    if not draw(st.integers(0, 4)):
        argv = ["--data", draw(st.sampled_from(DATA)), *argv]
    return argv


def _workspace(folder: Path) -> None:
    """The store, the agenda files and the hostile paths the fuzzed arguments name."""
    clock = FrozenClock("2026-11-20T09:30:00+08:00", tz="Asia/Shanghai")
    for number, title in ((1, "需求评审会"), (2, "阶段评审会")):
        meeting = new_meeting(
            title,
            clock,
            SequentialIds(f"fz{number}"),
            id=f"fz00000{number}",
            attendees=[{"name": "李娜"}, {"name": "王芳"}],
        )
        LiveMeeting(meeting, clock, SequentialIds(f"a{number}"), actor="赵磊").add_action("整理清单", "李娜", due="fri")
        Store(folder / "store").create(meeting)
    damaged = folder / "store" / "meetings" / "2026" / "11" / "fzbroken.json"
    damaged.write_text(
        '{"_meta": {"1": {"format": "meetui-meeting", "schema": 2}}, "meeting": {"1": '
        '{"id": "fzbroken", "title": "坏", "timezone": "Asia/Shanghaj"}}}',
        encoding="utf-8",
    )
    (folder / "a-file.txt").write_text("不是文件夹", encoding="utf-8")
    (folder / "a-folder").mkdir()
    os.mkfifo(folder / "fifo")
    (folder / "link-to-fifo").symlink_to(folder / "fifo")
    (folder / "read-only.md").write_text("定稿", encoding="utf-8")
    (folder / "read-only.md").chmod(0o444)
    (folder / "dangling.md").symlink_to(folder / "gone" / "x.md")
    (folder / "loop.md").symlink_to(folder / "loop2.md")
    (folder / "loop2.md").symlink_to(folder / "loop.md")
    (folder / "agenda.toml").write_text(
        'title = "周会"\n[[topics]]\ntitle = "一期范围"\nplanned_minutes = 10\n', encoding="utf-8"
    )
    (folder / "agenda.json").write_text(
        json.dumps({"title": "周会", "attendees": [{"name": "李娜"}]}), encoding="utf-8"
    )
    (folder / "bad.toml").write_text('title = "缺引号\n', encoding="utf-8")
    (folder / "deep.json").write_text('{"title": "x", "goal": ' + "[" * 100_000 + "}", encoding="utf-8")
    (folder / "digits.toml").write_text('title = "x"\nplanned_minutes = ' + "7" * 5000 + "\n", encoding="utf-8")
    (folder / "false.toml").write_text('title = "周会"\nattendees = false\n', encoding="utf-8")


@pytest.fixture
def workspace(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="meetui-fuzz-") as name:
        folder = Path(name)
        _workspace(folder)
        monkeypatch.chdir(folder)
        monkeypatch.setenv("MEETUI_DATA", str(folder / "store"))
        monkeypatch.setenv("COLUMNS", "100")

        def no_screen(store: Store, meeting_id: str | None, *, read_only: bool = False) -> int:
            meetui.cli.ui_cmd.require_terminal()  # refuses: the test's stdin is no terminal
            return 0

        monkeypatch.setattr(meetui.cli.ui_cmd, "_launch", no_screen)

        def no_server(args: object) -> int:  # `follow --web` serves until ctrl+c: its arguments are parsed, no more
            return 0

        monkeypatch.setattr(meetui.cli.web_cmd, "follow_web", no_server)
        yield folder
        for path in folder.rglob("*"):  # let the folder be removed
            if not path.is_symlink():
                path.chmod(0o700 if path.is_dir() else 0o600)


def run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 1
    return code, out.getvalue(), err.getvalue()


def check(argv: list[str]) -> None:
    code, _, err = run(argv)
    lines = err.splitlines()
    assert code in (0, 1, 2), (argv, code, err)
    assert "Traceback" not in err and "unexpected error" not in err, (argv, err)
    if code == 1 and not any(line.startswith("meetui: ") for line in lines) and ({"check", "actions"} & set(argv)):
        return  # `check` exits 1 on agenda warnings, `actions --overdue/--due-within` when any item matches
    if code == 1:
        assert lines and lines[-1].startswith("meetui: "), (argv, err)
        assert all(line.startswith("warning: ") for line in lines[:-1]), (argv, err)
    elif code == 2:
        assert lines and lines[-1].startswith("meetui: "), (argv, err)


@FUZZ
@given(command_lines())
@example(["new", "周会", "--at", "9999-12-31 23:59"])
@example(["actions", "--due-within", "99999999"])
@example(["--data", "~nosuchuser-meetui", "list"])
@example(["minutes", "last", "-o", "~nosuchuser-meetui/m.md"])
@example(["action", "a10001", "--status", "blocked", "--note", "长" * 10_001])
@example(["action", "a10001", "--status", "done", "--by", "王" * 201])
@example(["import", "false.toml"])
@example(["import", "digits.toml"])
@example(["import", "deep.json"])
@example(["import", "fifo"])
@example(["minutes", "last", "-o", "link-to-fifo"])
@example(["new", "长" * 5000])
@example(["show", "fzbroken"])
@example(["action", "a", "--status", "done"])
@example(["show", "fz000001", "\x1e"])  # found: a line break in an argument split the usage error in two
@example(["check", "--data", "0\x1e", "store"])  # found: …and the message naming the folder
def test_every_command_line_ends_in_one_clear_line(workspace: Path, argv: list[str]) -> None:
    CASES["cli"] += 1
    check(argv)


@FUZZ
@given(st.lists(VALUES, max_size=6))
@example(["--data", "", "list"])
@example(["--dat", "store"])
def test_any_words_at_all(workspace: Path, argv: list[str]) -> None:
    CASES["cli words"] += 1
    check(argv)
