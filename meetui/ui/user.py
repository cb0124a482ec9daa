"""Who "me" is: the user named in the config file (``user = "李娜"``), for ``--mine``, reminders and the home screen.

No Textual here: the command line reads it too.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from .config import config_path

__all__ = ["configured_user"]


def configured_user(path: Path | None = None) -> str:
    """The ``user`` named in the config file, or ``""`` when there is none (or the file cannot be read)."""
    try:
        data = tomllib.loads((path or config_path()).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return ""
    user = data.get("user", "")
    return user.strip() if isinstance(user, str) else ""
