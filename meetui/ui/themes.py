"""meetui's Textual themes, read from the ``*.toml`` theme files shipped in ``themes/``.

Each file names a theme and its colours (the fields of
:class:`textual.theme.Theme`). The stylesheets (``*.tcss``) use only theme
variables, so every theme — and Textual's ``NO_COLOR`` handling — applies to
the whole app.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import TYPE_CHECKING

from textual.theme import Theme

if TYPE_CHECKING:
    from textual.screen import Screen

from ..resources import themes_dir

_FIELDS = {
    "name",
    "primary",
    "secondary",
    "warning",
    "error",
    "success",
    "accent",
    "foreground",
    "background",
    "surface",
    "panel",
    "boost",
    "dark",
    "luminosity_spread",
    "text_alpha",
    "variables",
}


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


#: The stylesheet every screen needs, read at start. The others (``dialogs.tcss``, ``help.tcss``,
#: ``presentation.tcss``…) are read by :func:`load_stylesheet` when their first dialog or screen opens: parsing
#: them, and matching their rules against every widget, cost the first frame milliseconds for screens that may
#: never open.
APP_STYLESHEET = "app.tcss"


def load_stylesheet(screen: Screen, name: str) -> None:
    """Add ``themes/<name>`` to the app's stylesheet for ``screen`` (from its ``__init__``), once.

    It is parsed when the next widget is styled, and only it: Textual keeps the
    other files' parsed rules, whereas a screen's ``CSS_PATH`` makes Textual
    parse every stylesheet again. Theme changes re-parse it with the rest. A
    screen made outside a running app (a test's harness) is left alone: the
    app that shows it brings its own stylesheets.
    """
    try:
        app = screen.app
    except RuntimeError:  # Textual's NoActiveAppError
        return
    path = themes_dir() / name
    if not app.stylesheet.has_source(str(path), ""):
        app.stylesheet.read(path)
