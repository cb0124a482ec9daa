"""End to end in a real terminal: the installed ``meetui`` driven through tmux.

Start the demo, start the clock, add a Chinese note, lock a decision, add an
action with ``#action``, go to the next topic, quit; reopen with ``meetui run
last`` and find all of it on screen, and in ``meetui show last --json``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

MEETUI = Path(sys.executable).with_name("meetui")
NOTE = "渠道培训必须在发布前两周完成"
DECISION = "12月15日正式发布"
ACTION = "#action 李娜 整理支付SDK风险清单 by fri"


class Terminal:
    """One tmux session running a command at a fixed size, on a tmux server of its own (``-L``)."""

    def __init__(self, command: list[str], env: dict[str, str], width: int = 120, height: int = 40) -> None:
        self.name = f"meetui-e2e-{uuid.uuid4().hex[:8]}"
        self.tmux = ["tmux", "-L", self.name]
        exports = " ".join(f"{k}={_quote(v)}" for k, v in env.items())
        line = f"env {exports} {' '.join(_quote(c) for c in command)}; sleep 30"
        subprocess.run(
            [*self.tmux, "new-session", "-d", "-s", self.name, "-x", str(width), "-y", str(height), line], check=True
        )

    def screen(self) -> str:
        result = subprocess.run([*self.tmux, "capture-pane", "-p", "-t", self.name], capture_output=True, text=True)
        return result.stdout

    def wait_for(self, text: str, timeout: float = 10.0) -> str:
        """Poll the screen until ``text`` shows; fail with the screen if it does not."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            shown = self.screen()
            if text in shown:
                return shown
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared; the screen was:\n{self.screen()}")

    def keys(self, *keys: str) -> None:
        for key in keys:
            subprocess.run([*self.tmux, "send-keys", "-t", self.name, key], check=True)
            time.sleep(0.15)

    def type(self, text: str) -> None:
        """Type literally (Chinese too), as an input method would."""
        subprocess.run([*self.tmux, "send-keys", "-t", self.name, "-l", text], check=True)
        time.sleep(0.2)

    def close(self) -> None:
        subprocess.run([*self.tmux, "kill-server"], capture_output=True)


def _quote(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


@pytest.fixture
def environment(tmp_path: Path) -> dict[str, str]:
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed: the end-to-end test needs a real terminal multiplexer")
    if not MEETUI.exists():
        pytest.skip(f"no installed meetui next to {sys.executable}")
    return {
        "TERM": "xterm-256color",
        "MEETUI_CONFIG": str(tmp_path / "config.toml"),
        "LANG": "C.UTF-8",
        "PATH": os.environ.get("PATH", ""),
    }


def test_a_meeting_run_in_a_terminal_survives_quitting(tmp_path: Path, environment: dict[str, str]) -> None:
    data = tmp_path / "data"
    first = Terminal([str(MEETUI), "--data", str(data), "demo"], environment)
    try:
        first.wait_for("not started")
        first.keys("Space")
        first.wait_for("▶ running")
        first.keys("i")
        first.type(NOTE)
        first.keys("Enter")
        first.wait_for(f"· {NOTE}")
        first.type(ACTION)
        first.keys("Enter")
        first.wait_for("整理支付SDK风险清单")
        first.keys("Escape")
        time.sleep(0.3)  # apart from the next key: an escape followed at once by "d" reads as alt+d
        first.keys("d")
        first.wait_for("ask the room")
        first.type(DECISION)
        first.keys("Enter")
        first.wait_for("ANY OBJECTIONS?")
        first.keys("Enter")  # no objections: locked, and the dialog closes at once
        first.wait_for(f"locked: {DECISION}")
        first.keys("n")
        first.wait_for("Topic 2/5")
        first.keys("C-q")
        _wait_until_exited(first)
    finally:
        first.close()

    second = Terminal([str(MEETUI), "--data", str(data), "run", "last"], environment)
    try:
        second.wait_for("Topic 2/5")
        shown = second.wait_for("整理支付SDK风险清单")
        assert "李娜" in shown
        assert "✓◆ 1. 发布日期" in shown, f"topic 1 is done and its decision locked:\n{shown}"
        second.keys("p")
        shown = second.wait_for(NOTE)
        assert f"locked: {DECISION}" in shown
        second.keys("C-q")
        _wait_until_exited(second)
    finally:
        second.close()

    result = subprocess.run(
        [str(MEETUI), "--data", str(data), "show", "last", "--json"],
        capture_output=True,
        text=True,
        env={**os.environ, **environment},
        check=True,
    )
    meeting = json.loads(result.stdout)
    assert [n["text"] for n in meeting["notes"]] == [NOTE]
    assert [(a["owner"], a["task"]) for a in meeting["actions"]] == [("李娜", "整理支付SDK风险清单")]
    assert [(d["text"], d["state"]) for d in meeting["decisions"]] == [(DECISION, "locked")]
    assert meeting["status"] == "live" and meeting["clock"]


def test_keys_typed_in_one_burst_after_locking_a_decision_reach_the_note_field(
    tmp_path: Path, environment: dict[str, str]
) -> None:
    """d, Enter (ask the room), Enter (no objections: locked), i, a note, Enter — sent at once, as a host types."""
    data = tmp_path / "data"
    terminal = Terminal([str(MEETUI), "--data", str(data), "demo"], environment, width=80, height=24)
    try:
        terminal.wait_for("not started")
        terminal.keys("Space")
        terminal.wait_for("running")
        terminal.keys("i")
        terminal.type(f"#agreed {DECISION}")
        terminal.keys("Enter", "Escape")
        terminal.wait_for(DECISION)
        # One send-keys: every key arrives before the screen has drawn the dialog the first one opens.
        subprocess.run(
            [*terminal.tmux, "send-keys", "-t", terminal.name, "d", "Enter", "Enter", "i", NOTE, "Enter"], check=True
        )
        terminal.wait_for(f"· {NOTE}")
        terminal.wait_for(f"locked: {DECISION}")
        terminal.keys("C-q")
        _wait_until_exited(terminal)
    finally:
        terminal.close()
    result = subprocess.run(
        [str(MEETUI), "--data", str(data), "show", "last", "--json"],
        capture_output=True,
        text=True,
        env={**os.environ, **environment},
        check=True,
    )
    meeting = json.loads(result.stdout)
    assert [n["text"] for n in meeting["notes"]] == [DECISION, NOTE]
    assert [(d["text"], d["state"]) for d in meeting["decisions"]] == [(DECISION, "locked")]


def test_a_multi_line_paste_and_keys_typed_behind_i_all_reach_the_note_field(
    tmp_path: Path, environment: dict[str, str]
) -> None:
    """A bracketed paste of three lines stored only the first (Textual's Input keeps one line); ``i`` and a note
    sent in one burst must type the note, not run its letters as keys (``e`` ends the meeting)."""
    data = tmp_path / "data"
    terminal = Terminal([str(MEETUI), "--data", str(data), "demo"], environment)
    try:
        terminal.wait_for("not started")
        terminal.keys("Space")
        terminal.wait_for("running")
        subprocess.run([*terminal.tmux, "send-keys", "-t", terminal.name, "i会议纪要 hello e"], check=True)
        terminal.wait_for("会议纪要 hello e")
        terminal.keys("Enter")
        terminal.wait_for("· 会议纪要 hello e")
        buffer = tmp_path / "paste.txt"
        buffer.write_text("粘贴第一行\n粘贴第二行\n#action 李娜 粘贴的任务 by fri", encoding="utf-8")
        subprocess.run([*terminal.tmux, "load-buffer", "-b", "p", str(buffer)], check=True)
        subprocess.run([*terminal.tmux, "paste-buffer", "-p", "-b", "p", "-t", terminal.name], check=True)
        terminal.wait_for("· 粘贴第二行")
        terminal.keys("Enter")
        terminal.wait_for("粘贴的任务")
        terminal.keys("C-q")
        _wait_until_exited(terminal)
    finally:
        terminal.close()
    result = subprocess.run(
        [str(MEETUI), "--data", str(data), "show", "last", "--json"],
        capture_output=True,
        text=True,
        env={**os.environ, **environment},
        check=True,
    )
    meeting = json.loads(result.stdout)
    assert [n["text"] for n in meeting["notes"]] == ["会议纪要 hello e", "粘贴第一行", "粘贴第二行"]
    assert [(a["owner"], a["task"]) for a in meeting["actions"]] == [("李娜", "粘贴的任务")]
    assert meeting["status"] == "live"


def _wait_until_exited(terminal: Terminal, timeout: float = 10.0) -> None:
    """meetui has quit when the alternate screen is gone (the shell's `sleep` keeps the pane)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        screen = terminal.screen()
        if "Topic" not in screen and "Agenda" not in screen:
            return
        time.sleep(0.1)
    raise AssertionError(f"meetui did not quit:\n{terminal.screen()}")
