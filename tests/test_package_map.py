"""The README's map of the package stays true: every path it names exists, and every folder of meetui/ is in it."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TITLE = "### A map of the package"


def map_lines() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    start = text.index(TITLE)
    end = text.find("\n#", start + len(TITLE))
    return [line for line in text[start:end].splitlines() if line.startswith("- `")]


def named_paths(lines: list[str]) -> list[str]:
    """The repository paths in backticks (``meetui/…``, ``themes/``, ``data/``, ``tests/…``)."""
    return [path for line in lines for path in re.findall(r"`((?:meetui|themes|data|tests)/[^`\s]*)`", line)]


def test_every_path_in_the_map_exists() -> None:
    paths = named_paths(map_lines())
    assert len(paths) >= 20
    missing = [path for path in paths if not (REPO / path).exists()]
    assert missing == [], f"the README's package map names paths that do not exist: {missing}"


def test_every_folder_of_the_package_is_in_the_map() -> None:
    listed = {path.rstrip("/") for path in named_paths(map_lines())}
    folders = {
        str(folder.relative_to(REPO))
        for folder in (REPO / "meetui").rglob("*")
        if folder.is_dir() and (folder / "__init__.py").exists()
    }
    assert folders - listed == set(), "add a line for each to the README's package map"


def test_each_line_says_what_lives_there() -> None:
    for line in map_lines():
        assert re.match(r"- `[^`]+`.* — \S", line), line
