"""End to end in a real terminal: prepare a meeting from nothing with ``meetui plan``, then run it.

A bare meeting is created with ``meetui new``; in the plan screen two attendees and two topics are added by
keyboard (Chinese typed as an input method types it), the goal is typed, and ``ctrl+r`` starts the meeting.
"""

from __future__ import annotations

import json
import os
import subprocess
import time
from pathlib import Path

import pytest

from .test_tmux import MEETUI, Terminal, environment  # noqa: F401 - the fixture is used by name

pytestmark = pytest.mark.e2e


def _wait_until_exited(terminal: Terminal, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if "done" not in terminal.screen() and "Checks" not in terminal.screen():
            return
        time.sleep(0.1)
    raise AssertionError(f"meetui did not quit:\n{terminal.screen()}")


def test_prepare_a_meeting_from_nothing_and_run_it(tmp_path: Path, environment: dict[str, str]) -> None:  # noqa: F811
    data = tmp_path / "data"
    env = {**os.environ, **environment}
    subprocess.run([str(MEETUI), "--data", str(data), "new", "季度规划会"], check=True, env=env, capture_output=True)
    term = Terminal([str(MEETUI), "--data", str(data), "plan", "last"], environment)
    try:
        term.wait_for("Checks (f5)")
        term.wait_for("会议没有目标")
        term.keys("Tab")  # from the title to the kind…
        term.keys("Tab", "Tab")  # …past urgent, to the goal
        term.type("本周五前确定Q1目标与负责人")
        term.wait_for("没有指定主持人")
        for name, dept in (("王芳", "产品部"), ("李娜", "研发部")):
            term.keys("F3", "a")
            term.wait_for("Invite an attendee")
            term.type(name)
            term.keys("Enter")
            term.type(dept)
            term.keys("C-s")
            term.wait_for(name)
        for title, owner in (("Q1目标", "王芳"), ("资源与排期", "李娜")):
            term.keys("F4", "a")
            term.wait_for("Add a topic")
            term.type(title)
            term.keys("Enter", "Enter")
            term.type(owner)
            term.keys("C-s")
            term.wait_for(title)
        term.keys("C-r")
        shown = term.wait_for("0/2 done")  # the live screen, with the agenda just prepared
        assert "1. Q1目标" in shown and "2. 资源与排期" in shown
        term.keys("C-q")
        _wait_until_exited(term)
    finally:
        term.close()
    result = subprocess.run(
        [str(MEETUI), "--data", str(data), "show", "last", "--json"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    meeting = json.loads(result.stdout)
    assert meeting["goal"] == "本周五前确定Q1目标与负责人"
    assert [(a["name"], a["department"]) for a in meeting["attendees"]] == [("王芳", "产品部"), ("李娜", "研发部")]
    assert [(t["title"], t["owner"]) for t in sorted(meeting["topics"], key=lambda t: t["order"])] == [
        ("Q1目标", "王芳"),
        ("资源与排期", "李娜"),
    ]
