"""meetui's Textual themes, read from the ``*.toml`` theme files shipped in ``themes/``.

Each file names a theme and its colours (the fields of
:class:`textual.theme.Theme`). The stylesheets (``*.tcss``) use only theme
variables, so every theme — and Textual's ``NO_COLOR`` handling — applies to
the whole app.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from textual.theme import Theme

from ..resources import themes_dir

_FIELDS = {"name", "primary", "secondary", "warning", "error", "success", "accent", "foreground", "background",
           "surface", "panel", "boost", "dark", "luminosity_spread", "text_alpha", "variables"}


def load_theme(path: Path) -> Theme:
    """One theme from its TOML file (unknown keys are ignored)."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return Theme(**{key: value for key, value in data.items() if key in _FIELDS})


def meetui_themes(folder: Path | None = None) -> list[Theme]:
    """Every theme shipped with meetui, in name order."""
    folder = folder or themes_dir()
    return [load_theme(path) for path in sorted(folder.glob("*.toml"))]


def stylesheets(folder: Path | None = None) -> list[Path]:
    """The app's ``.tcss`` files: ``app.tcss`` first, then the others in name order."""
    folder = folder or themes_dir()
    return sorted(folder.glob("*.tcss"), key=lambda p: (p.name != "app.tcss", p.name))
