"""End to end: keys sent into dialogs in one tmux send-keys burst land in the fields they were meant for.

tmux hands the whole burst to the terminal at once, so the installed app reads every key before it has drawn
the dialog the first one opens: ``tab``, ``ctrl+s`` and ``escape`` must act in the order they were typed.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from .test_tmux import MEETUI, Terminal, _wait_until_exited

pytestmark = pytest.mark.e2e


def send_at_once(terminal: Terminal, *keys: str) -> None:
    """One send-keys: tmux key names ("Tab", "Enter", "C-s", "Escape") and literal text, as one burst."""
    subprocess.run([*terminal.tmux, "send-keys", "-t", terminal.name, *keys], check=True)


def shown_meeting(data: Path, environment: dict[str, str]) -> dict:
    result = subprocess.run(
        [str(MEETUI), "--data", str(data), "show", "last", "--json"],
        capture_output=True,
        text=True,
        env={**os.environ, **environment},
        check=True,
    )
    return json.loads(result.stdout)


def test_the_action_form_filled_and_saved_twice_in_one_burst(tmp_path: Path, environment: dict[str, str]) -> None:
    data = tmp_path / "data"
    terminal = Terminal([str(MEETUI), "--data", str(data), "demo"], environment, width=80, height=24)
    try:
        terminal.wait_for("not started")
        terminal.keys("Space")
        terminal.wait_for("running")
        send_at_once(
            terminal,
            *("a", "tab2 test", "Tab", "Ali", "Tab", "+3d", "C-s"),
            *("a", "task2 任务", "Enter", "陈刚", "Enter", "fri", "C-s"),
            *("i", "草稿", "Escape", "n"),  # escape and n read together arrive as alt+n: leave the field, next topic
        )
        terminal.wait_for("task2 任务")
        terminal.wait_for("Topic 2/5")
        terminal.keys("C-q")
        _wait_until_exited(terminal)
    finally:
        terminal.close()
    meeting = shown_meeting(data, environment)
    today = dt.datetime.now(ZoneInfo(meeting["timezone"])).date()
    assert [(a["task"], a["owner"]) for a in meeting["actions"]] == [
        ("tab2 test", "Alice Wang"),
        ("task2 任务", "陈刚"),
    ]
    first, second = (dt.date.fromisoformat(a["due"]) for a in meeting["actions"])
    assert first == today + dt.timedelta(days=3)
    assert second.weekday() == 4, "fri was read as the due date, not typed into another field"
    assert meeting["notes"] == [], "the draft stays in the field: nothing typed after the escape went into it"
