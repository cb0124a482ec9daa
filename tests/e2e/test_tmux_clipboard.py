"""``meetui minutes --send-to-clipboard`` in a real terminal: tmux receives the OSC 52 copy, or says why not.

With tmux's ``set-clipboard on`` the minutes land in tmux's paste buffer
(which tmux also passes on to the outer terminal's clipboard); with the
default (``external``) tmux drops copies from programs, and the command says
so and how to enable it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from export.scenario import run_demo_meeting

from e2e.test_tmux import MEETUI, Terminal
from meetui.core.models import Meeting
from meetui.export import build_minutes, render
from meetui.store import Store

pytestmark = pytest.mark.e2e


@pytest.fixture
def stored(tmp_path: Path) -> tuple[Path, Meeting]:
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed: the clipboard test needs a real terminal multiplexer")
    if not MEETUI.exists():
        pytest.skip(f"no installed meetui next to {sys.executable}")
    meeting, _ = run_demo_meeting()
    Store(tmp_path / "data").create(meeting)
    return tmp_path / "data", meeting


def copy_in_tmux(data: Path, set_clipboard: str, tmp_path: Path) -> tuple[Terminal, str]:
    env = {"TERM": "xterm-256color", "LANG": "C.UTF-8", "MEETUI_CONFIG": str(tmp_path / "config.toml")}
    terminal = Terminal(
        [
            "sh",
            "-c",
            'sleep 1; exec "$0" "$@"',
            str(MEETUI),
            "minutes",
            "last",
            "--lang",
            "zh",
            "--format",
            "txt",
            "--send-to-clipboard",
            "--data",
            str(data),
        ],
        env,
        width=200,
    )
    subprocess.run([*terminal.tmux, "set-option", "-g", "set-clipboard", set_clipboard], check=True)
    return terminal, terminal.wait_for("clipboard", timeout=20)


def test_with_set_clipboard_on_tmux_gets_the_minutes(stored: tuple[Path, Meeting], tmp_path: Path) -> None:
    data, meeting = stored
    terminal, screen = copy_in_tmux(data, "on", tmp_path)
    try:
        assert "tmux may drop" not in screen
        deadline, buffer = time.monotonic() + 5, ""
        while time.monotonic() < deadline and not buffer:
            buffer = subprocess.run([*terminal.tmux, "show-buffer"], capture_output=True, text=True).stdout
            time.sleep(0.1)
        expected = render(build_minutes(meeting, meeting.ended_at), "txt", "zh")
        # The copy is the minutes; only the closing "generated at" line depends on the wall clock.
        assert buffer.splitlines()[:-1] == expected.splitlines()[:-1]
        assert "三、行动项跟踪表" in buffer
    finally:
        terminal.close()


def test_with_the_default_set_clipboard_the_command_says_how_to_enable_it(
    stored: tuple[Path, Meeting], tmp_path: Path
) -> None:
    terminal, _ = copy_in_tmux(stored[0], "external", tmp_path)
    try:
        screen = terminal.wait_for("set-clipboard on", timeout=10)
        assert "tmux may drop" in " ".join(screen.split())
    finally:
        terminal.close()
