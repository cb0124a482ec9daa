"""Crash torture: the installed ``meetui run`` in tmux, notes typed continuously, ``kill -9`` at random moments.

After every kill, every meeting file in the store must load, and every note whose Enter was pressed more than a
second before the kill must be in it. Rounds: :data:`ROUNDS` (``MEETUI_TORTURE_ROUNDS`` for more).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import threading
import time
from pathlib import Path

import pytest

from meetui.store import Store

from .test_tmux import MEETUI, Terminal

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

ROUNDS = int(os.environ.get("MEETUI_TORTURE_ROUNDS", "30"))
#: How long a note's Enter must precede the kill for the note to be required on disk.
GRACE_SECONDS = 1.0


def meetui_pid(terminal: Terminal, timeout: float = 10.0) -> int:
    """The pid of the meetui process in the pane (a child of the pane's shell)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        shell = subprocess.run(
            [*terminal.tmux, "display", "-p", "-t", terminal.name, "#{pane_pid}"], capture_output=True, text=True
        ).stdout.strip()
        children = Path(f"/proc/{shell}/task/{shell}/children")
        if shell and children.exists():
            for pid in children.read_text().split():
                if "meetui" in Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace"):
                    return int(pid)
        time.sleep(0.05)
    raise AssertionError(f"no meetui process in the pane:\n{terminal.screen()}")


class Typist(threading.Thread):
    """Types numbered notes into the note field without pause, recording when each Enter was sent."""

    def __init__(self, terminal: Terminal, round_number: int) -> None:
        super().__init__(daemon=True)
        self.terminal = terminal
        self.round = round_number
        self.sent: list[tuple[str, float]] = []
        self.stop = threading.Event()

    def run(self) -> None:
        number = 0
        while not self.stop.is_set():
            number += 1
            text = f"第{self.round}轮笔记{number}号"
            subprocess.run(
                [*self.terminal.tmux, "send-keys", "-t", self.terminal.name, text, "Enter"], capture_output=True
            )
            self.sent.append((text, time.monotonic()))
            time.sleep(random.uniform(0.01, 0.08))


def test_kill_9_while_typing_never_loses_a_committed_note_or_damages_a_file(
    tmp_path: Path, environment: dict[str, str]
) -> None:
    data = tmp_path / "data"
    created = subprocess.run(
        [str(MEETUI), "--data", str(data), "new", "压力测试会"],
        capture_output=True,
        text=True,
        env={**os.environ, **environment},
        check=True,
    )
    meeting_id = created.stdout.strip()
    rng = random.Random(20261120)
    required: list[str] = []
    kills = 0
    started = time.monotonic()
    for round_number in range(1, ROUNDS + 1):
        terminal = Terminal([str(MEETUI), "--data", str(data), "run", meeting_id], environment, width=100, height=30)
        try:
            terminal.wait_for("notes ─", timeout=20)
            terminal.keys("i")
            terminal.wait_for("leave field")  # the note field has the focus, as the key line shows
            pid = meetui_pid(terminal)
            typist = Typist(terminal, round_number)
            typist.start()
            time.sleep(rng.uniform(0.3, 3.0))
            os.kill(pid, signal.SIGKILL)
            killed_at = time.monotonic()
            kills += 1
            typist.stop.set()
            typist.join()
        finally:
            terminal.close()
        required += [text for text, at in typist.sent if at < killed_at - GRACE_SECONDS]
        store = Store(data)
        for path in sorted((data / "meetings").rglob("*.json")):
            store.load(path.stem)  # every meeting file is readable
        notes = {note.text for note in store.load(meeting_id).notes}
        missing = [text for text in required if text not in notes]
        assert not missing, (
            f"round {round_number}: notes committed more than a second before kill -9 are lost: {missing[:5]}"
        )
    assert kills == ROUNDS
    print(
        f"crash torture: {kills} rounds of kill -9, {len(required)} committed notes all kept, "
        f"{time.monotonic() - started:.0f} s"
    )
