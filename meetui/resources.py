"""Where meetui finds the files it ships: themes and data.

In a wheel they live inside the package (``meetui/themes``, ``meetui/data``);
in a source checkout they are the repository's top-level ``themes/`` and
``data/`` folders.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def shipped_dir(name: str) -> Path:
    """The folder ``name`` (``themes`` or ``data``), installed or in a checkout."""
    for candidate in (_PACKAGE / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"meetui is installed without its {name}/ folder (looked in {_PACKAGE})")


def themes_dir() -> Path:
    """The folder holding the ``.tcss`` stylesheets."""
    return shipped_dir("themes")


def data_dir() -> Path:
    """The folder holding the demo meeting, templates and sample agendas."""
    return shipped_dir("data")
