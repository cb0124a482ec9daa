"""Terminal robustness: the installed app in tmux under ``TERM=xterm-256color``, ``TERM=linux`` and ``NO_COLOR``,
resized down to 40×12 and back: it never crashes, and stays usable (a note typed after the resizes is shown and
saved, and ``ctrl+q`` quits)."""

from __future__ import annotations

import os
import re
import subprocess
import time
from pathlib import Path

import pytest

from meetui.store import Store

from .test_tmux import MEETUI, Terminal, _wait_until_exited

pytestmark = pytest.mark.e2e

SIZES = [(80, 24), (60, 16), (40, 12), (41, 13), (40, 12), (120, 40)]


def resize(terminal: Terminal, width: int, height: int) -> None:
    subprocess.run(
        [*terminal.tmux, "resize-window", "-t", terminal.name, "-x", str(width), "-y", str(height)], check=True
    )


_SGR = re.compile(r"\x1b\[([0-9;]*)m")
_GREY_256 = {0, 7, 8, 15, 16, 59, 102, 145, 188, 231, *range(232, 256)}


def chromatic(escaped_screen: str) -> set[str]:
    """The colours (not greys) a screen captured with its escapes uses."""
    found = set()
    for match in _SGR.finditer(escaped_screen):
        codes = match.group(1).split(";")
        for i, code in enumerate(codes):
            if code in ("38", "48") and i + 1 < len(codes):
                if codes[i + 1] == "5" and i + 2 < len(codes) and int(codes[i + 2]) not in _GREY_256:
                    found.add(";".join(codes[i : i + 3]))
                elif codes[i + 1] == "2" and i + 4 < len(codes) and len(set(codes[i + 2 : i + 5])) > 1:
                    found.add(";".join(codes[i : i + 5]))
            elif code.isdigit() and (30 <= int(code) <= 36 or 41 <= int(code) <= 46 or 90 <= int(code) <= 96):
                found.add(code)
    return found


def alive(terminal: Terminal) -> bool:
    shell = subprocess.run(
        [*terminal.tmux, "display", "-p", "-t", terminal.name, "#{pane_pid}"], capture_output=True, text=True
    ).stdout.strip()
    children = Path(f"/proc/{shell}/task/{shell}/children")
    return bool(shell) and children.exists() and bool(children.read_text().split())


@pytest.mark.parametrize(
    "term",
    [{"TERM": "xterm-256color"}, {"TERM": "linux"}, {"TERM": "xterm-256color", "NO_COLOR": "1"}],
    ids=["xterm-256color", "linux", "NO_COLOR"],
)
def test_resizing_down_to_40x12_and_back_keeps_the_app_usable(
    tmp_path: Path, environment: dict[str, str], term: dict[str, str]
) -> None:
    env = {**environment, **term}
    data = tmp_path / "data"
    created = subprocess.run(
        [str(MEETUI), "--data", str(data), "new", "终端测试会"],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        check=True,
    )
    meeting_id = created.stdout.strip()
    terminal = Terminal([str(MEETUI), "--data", str(data), "run", meeting_id], env, width=120, height=40)
    try:
        terminal.wait_for("notes ─", timeout=20)
        terminal.keys("i")
        terminal.type("缩小之前")
        terminal.keys("Enter")
        terminal.wait_for("缩小之前")
        escaped = subprocess.run(
            [*terminal.tmux, "capture-pane", "-e", "-p", "-t", terminal.name], capture_output=True, text=True
        ).stdout
        if "NO_COLOR" in term:
            assert not chromatic(escaped), f"NO_COLOR, yet colours: {sorted(chromatic(escaped))[:5]}"
        else:
            assert chromatic(escaped), "the colour theme is drawn"
        for width, height in SIZES:
            resize(terminal, width, height)
            time.sleep(0.4)
            screen = terminal.screen()
            assert alive(terminal), f"meetui ended at {width}×{height}:\n{screen}"
            assert "Traceback" not in screen and "Error" not in screen, screen
            assert len(screen.splitlines()) <= height
        terminal.type("放大之后")
        terminal.keys("Enter")
        terminal.wait_for("放大之后")
        terminal.keys("Escape", "C-q")
        _wait_until_exited(terminal)
        assert "Traceback" not in terminal.screen()
    finally:
        terminal.close()
    assert [n.text for n in Store(data).load(meeting_id).notes] == ["缩小之前", "放大之后"]
