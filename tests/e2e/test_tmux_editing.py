"""End to end: editing keys sent in one tmux send-keys burst act in the order typed, in the installed app.

tmux hands the whole burst to the terminal at once: ``ctrl+u``, ``ctrl+w``, ``backspace``, ``home``… must act
before the characters typed behind them go in, in the note field, in a dialog's field and in the search field.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from .test_tmux import MEETUI, Terminal, _wait_until_exited
from .test_tmux_dialogs import send_at_once, shown_meeting

pytestmark = pytest.mark.e2e


def test_editing_keys_in_one_burst_act_in_order(tmp_path: Path, environment: dict[str, str]) -> None:
    data = tmp_path / "data"
    terminal = Terminal([str(MEETUI), "--data", str(data), "demo"], environment)
    try:
        terminal.wait_for("not started")
        terminal.keys("Space")
        terminal.wait_for("running")
        terminal.keys("i")
        terminal.type("会议纪要 旧的")
        terminal.wait_for("会议纪要 旧的")
        send_at_once(
            terminal,
            *("C-u", "渠道培训", "Enter"),
            *("预算 abc", "C-w", "C-a", "#idea ", "Enter"),
            *("数据迁移x", "BSpace", "Home", "新", "End", "Left", "C-k", "C-b", "C-f", "Enter"),
        )
        terminal.wait_for("· 新数据迁")
        # The decision dialog: the text typed behind ctrl+u replaces the proposal, and is what Enter puts.
        terminal.keys("Escape")
        time.sleep(0.3)  # apart from the next key: an escape followed at once by "d" reads as alt+d
        send_at_once(terminal, "d", "旧的提议", "C-u", "发布推迟两周x", "BSpace", " slip", "Enter")
        terminal.wait_for("ANY OBJECTIONS?")
        terminal.keys("Enter")
        terminal.wait_for("locked: 发布推迟两周 slip")
        terminal.keys("C-q")
        _wait_until_exited(terminal)
    finally:
        terminal.close()
    meeting = shown_meeting(data, environment)
    assert [(n["kind"], n["text"]) for n in meeting["notes"]] == [
        ("info", "渠道培训"),
        ("idea", "预算"),
        ("info", "新数据迁"),
    ]
    assert [(d["text"], d["state"]) for d in meeting["decisions"]] == [("发布推迟两周 slip", "locked")]


def test_the_search_field_edits_in_order_and_takes_what_follows_the_slash(
    tmp_path: Path, environment: dict[str, str]
) -> None:
    data = tmp_path / "data"
    demo = Terminal([str(MEETUI), "--data", str(data), "demo"], environment)
    try:
        demo.wait_for("not started")
        demo.keys("C-q")
        _wait_until_exited(demo)
    finally:
        demo.close()
    terminal = Terminal([str(MEETUI), "--data", str(data)], environment)
    try:
        terminal.wait_for("Q3")
        send_at_once(terminal, "/", "faq", "BSpace", "BSpace", "BSpace", "发布日期", "Left", "C-k", "Home", "C-d")
        shown = terminal.wait_for("1 found")
        lines = shown.splitlines()
        field = lines[next(i for i, line in enumerate(lines) if "Search every meeting" in line) + 2]
        assert field.strip(" │▊▎") == "布日", shown  # "faq" gone, "发布日期" edited: not "faq发" nor "发布日期"
        terminal.keys("Escape")
    finally:
        terminal.close()
