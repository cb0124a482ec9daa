"""Helpers for the CLI tests: run ``meetui`` in-process or as a subprocess, and seed a store."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

import meetui.cli.common
import meetui.core.clock
from meetui.cli.main import main
from meetui.core.clock import FrozenClock, SequentialIds
from meetui.core.meeting import LiveMeeting, new_meeting
from meetui.core.models import Meeting
from meetui.store import Store

REPO = Path(__file__).resolve().parents[2]


@dataclass
class Result:
    """What one ``meetui`` run produced."""

    code: int
    out: str
    err: str

    @property
    def err_lines(self) -> list[str]:
        return self.err.splitlines()

    def refused(self) -> str:
        """Assert the run was refused the way every refusal must be, and return its one line."""
        assert self.code == 1, (self.code, self.out, self.err)
        assert "Traceback" not in self.err
        assert len(self.err_lines) == 1, self.err
        assert self.err_lines[0].startswith("meetui: ")
        return self.err_lines[0]

    def misused(self) -> str:
        """Assert the run was refused as wrong usage (exit status 2, no traceback), and return its last line."""
        assert self.code == 2, (self.code, self.out, self.err)
        assert "Traceback" not in self.err and self.out == ""
        assert self.err_lines[-1].startswith("meetui: ")
        return self.err_lines[-1]


class WallClock:
    """Stands in for :class:`~meetui.core.clock.SystemClock`: the test's frozen clock, with the ``tz`` the CLI reads."""

    def __init__(self, clock: FrozenClock) -> None:
        self._clock = clock
        self.tz = clock.now().timezone_name

    def now(self):
        return self._clock.now()


Runner = Callable[..., Result]


@pytest.fixture
def cli(
    data_dir: Path, clock: FrozenClock, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Runner:
    """Run ``meetui ARGS`` in this process with the frozen ``clock`` as wall clock; ``$MEETUI_DATA`` is ``data_dir``."""
    monkeypatch.setattr(meetui.core.clock, "SystemClock", lambda: WallClock(clock))

    def run(*args: str) -> Result:
        capsys.readouterr()
        try:
            code = main(list(args))
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 1
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


@pytest.fixture
def sub(data_dir: Path) -> Runner:
    """Run ``python -m meetui.cli.main ARGS`` in a subprocess (``$MEETUI_DATA`` is ``data_dir``)."""

    def run(*args: str, env: dict[str, str] | None = None) -> Result:
        completed = subprocess.run(
            [sys.executable, "-m", "meetui.cli.main", *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env={**os.environ, "TZ": "Asia/Shanghai", "PYTHONIOENCODING": "utf-8", **(env or {})},
            cwd=REPO,
            timeout=60,
        )
        return Result(completed.returncode, completed.stdout, completed.stderr)

    return run


def seed(
    folder: Path,
    clock: FrozenClock,
    title: str,
    *,
    meeting_id: str,
    build: Callable[[LiveMeeting], object] | None = None,
    **fields: object,
) -> Meeting:
    """Create a meeting directly in the store at ``folder`` (optionally running ``build`` on it first)."""
    ids = SequentialIds(meeting_id[:2])
    meeting = new_meeting(title, clock, ids, id=meeting_id, **fields)
    if build is not None:
        build(LiveMeeting(meeting, clock, ids, actor="赵磊"))
    Store(folder).create(meeting)
    return meeting
