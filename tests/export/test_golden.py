"""The demo meeting's minutes, compared exactly with golden files reviewed by eye.

The golden files are never regenerated on their own. After a deliberate change,
run ``MEETUI_UPDATE_GOLDEN=1 python -m pytest tests/export/test_golden.py``,
then read every changed file (``git diff tests/export/golden``) as a reader of
the minutes would before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from meetui.export import BINARY_FORMATS, FORMATS, LANGS, build_minutes, render
from meetui.export.json_schema import json_schema_text

from .scenario import run_demo_meeting

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("MEETUI_UPDATE_GOLDEN") == "1"


def check(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.write_text(text, encoding="utf-8", newline="")
    assert path.is_file(), f"{path} is missing: create it with MEETUI_UPDATE_GOLDEN=1, then review it"
    expected = path.read_text(encoding="utf-8")
    assert text == expected, f"{name} differs from its golden file (see the docstring to update it deliberately)"


@pytest.fixture(scope="module")
def ended_minutes():
    meeting, clock = run_demo_meeting()
    return build_minutes(meeting, clock.now())


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("fmt", [f for f in FORMATS if f not in {"json", *BINARY_FORMATS}])  # docx: test_docx.py
def test_demo_minutes_match_the_golden_file(ended_minutes, fmt: str, lang: str) -> None:
    check(f"demo.{lang}.{fmt}", render(ended_minutes, fmt, lang))


def test_demo_json_matches_the_golden_file_and_is_the_same_in_every_language(ended_minutes) -> None:
    check("demo.json", render(ended_minutes, "json", "en"))
    assert render(ended_minutes, "json", "zh") == render(ended_minutes, "json", "en")


def test_a_running_meeting_gives_draft_minutes() -> None:
    meeting, clock = run_demo_meeting(finish=False)
    check("demo-draft.zh.md", render(build_minutes(meeting, clock.now()), "md", "zh"))


def test_the_json_schema_is_stable() -> None:
    check("minutes.schema.json", json_schema_text())
