"""End to end: escape and a key sent in one tmux send-keys reach the installed app as escape then the key.

tmux writes ``Escape +`` to the terminal in one go, and the app reads ESC and ``+`` together. Textual's own
parser read ESC + as "+" (typed into the note field), ESC f as ctrl+right (a word move in the field).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .test_tmux import MEETUI, Terminal, _wait_until_exited
from .test_tmux_dialogs import send_at_once, shown_meeting

pytestmark = pytest.mark.e2e

DRAFT = "预算评审草稿"


def test_escape_plus_and_escape_f_in_one_burst_leave_the_note_field_and_run_the_key(
    tmp_path: Path, environment: dict[str, str]
) -> None:
    data = tmp_path / "data"
    terminal = Terminal([str(MEETUI), "--data", str(data), "demo"], environment)
    try:
        terminal.wait_for("not started")
        terminal.keys("Space")
        terminal.wait_for("running")
        terminal.keys("i")
        terminal.type(DRAFT)
        terminal.wait_for(DRAFT)
        send_at_once(terminal, "Escape", "+")
        terminal.wait_for("of 21 min")  # the timebox, 20 minutes, has a minute more
        send_at_once(terminal, "i")
        send_at_once(terminal, "Escape", "f")
        shown = terminal.wait_for("Decisions")  # presentation mode: big clock and the decisions
        assert "Agenda" not in shown
        terminal.keys("Escape")
        shown = terminal.wait_for("Agenda")
        assert DRAFT in shown and f"{DRAFT}+" not in shown and "+" + DRAFT not in shown
        terminal.keys("C-q")
        _wait_until_exited(terminal)
    finally:
        terminal.close()
    meeting = shown_meeting(data, environment)
    assert meeting["notes"] == [], "nothing was committed from the note field"
    assert [t["extra_minutes"] for t in sorted(meeting["topics"], key=lambda t: t["order"])][:2] == [1, 0]
