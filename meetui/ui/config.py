"""The user's configuration: the chosen theme and their keymap, in one small TOML file.

The file is ``config.toml`` in the user config directory (platformdirs), or
the path in ``$MEETUI_CONFIG`` (a file, or a folder holding ``config.toml``).
Nothing is created until something is saved; folders are made then, never at
import. A file that cannot be read is reported and ignored, never fatal::

    theme = "meetui-light"
    bell = false    # the live screen's alerts flash without ringing the terminal bell
    minutes_folder = "/home/me/minutes"

    [keymap]
    "live.next_topic" = "j"
    "live.previous_topic" = "k,p"
"""

from __future__ import annotations

import json
import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ..core.errors import MeetuiError

FILE_NAME = "config.toml"
DEFAULT_THEME = "meetui-dark"


def config_path(config_dir: Path | None = None) -> Path:
    """Where the config file is: ``config_dir``, else ``$MEETUI_CONFIG``, else the user config dir."""
    if config_dir is not None:
        return Path(config_dir) / FILE_NAME
    env = os.environ.get("MEETUI_CONFIG")
    if env:
        path = Path(env).expanduser()
        return path / FILE_NAME if path.is_dir() or not path.suffix else path
    from platformdirs import user_config_path

    return user_config_path("meetui", appauthor=False) / FILE_NAME


@dataclass
class Config:
    """What the user chose: a theme name, key overrides by binding id, the folder minutes are written to."""

    theme: str = DEFAULT_THEME
    keymap: dict[str, str] = field(default_factory=dict)
    #: Whether the live screen's timebox alerts (last 20 %, over) ring the terminal bell as well as flash.
    bell: bool = True
    minutes_folder: str = ""

    def to_toml(self) -> str:
        # JSON string literals are valid TOML basic strings for everything we write.
        lines = [f"theme = {json.dumps(self.theme, ensure_ascii=False)}"]
        if not self.bell:
            lines.append("bell = false")
        if self.minutes_folder:
            lines.append(f"minutes_folder = {json.dumps(self.minutes_folder, ensure_ascii=False)}")
        lines += ["", "[keymap]"]
        lines += [
            f"{json.dumps(k, ensure_ascii=False)} = {json.dumps(v, ensure_ascii=False)}"
            for k, v in sorted(self.keymap.items())
        ]
        return "\n".join(lines) + "\n"


def load_config(path: Path) -> Config:
    """Read the config file; a missing file gives the defaults, a bad one raises :class:`MeetuiError`."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Config()
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise MeetuiError(f"{path}: cannot read the config file ({error}); using the defaults") from None
    theme = data.get("theme", DEFAULT_THEME)
    keymap = data.get("keymap", {})
    bell = data.get("bell", True)
    minutes_folder = data.get("minutes_folder", "")
    if (
        not isinstance(theme, str)
        or not isinstance(keymap, dict)
        or not all(isinstance(k, str) and isinstance(v, str) for k, v in keymap.items())
    ):
        raise MeetuiError(f"{path}: theme must be a string and [keymap] must map binding ids to keys")
    if not isinstance(bell, bool):
        raise MeetuiError(f"{path}: bell must be true or false")
    if not isinstance(minutes_folder, str):
        raise MeetuiError(f"{path}: minutes_folder must be a string (the folder minutes are written to)")
    return Config(theme=theme, keymap=dict(keymap), bell=bell, minutes_folder=minutes_folder)


def save_config(path: Path, config: Config) -> None:
    """Write what meetui manages into the config file, atomically, keeping everything else in it.

    Lines meetui does not manage (``user = "李娜"``, comments, tables of other tools) stay as they were: only the
    lines of ``theme``, ``bell``, ``minutes_folder`` and the ``[keymap]`` table are replaced, or added. A file that
    is not valid TOML is left untouched and :class:`MeetuiError` says why (the user's text is never overwritten).
    The folder is created private to the user; the file is 0600.
    """
    try:
        existing = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        existing = ""
    except (OSError, UnicodeDecodeError) as error:
        raise MeetuiError(f"{path}: cannot read the config file, so it is not changed ({error})") from None
    try:
        tomllib.loads(existing)
    except tomllib.TOMLDecodeError as error:
        raise MeetuiError(f"{path}: not valid TOML, so it is not changed ({error})") from None
    text = merged_toml(existing, config)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    os.chmod(temporary, 0o600)
    os.replace(temporary, path)


_TABLE = re.compile(r"^\s*\[")
_KEYMAP_TABLE = re.compile(r"^\s*\[\s*keymap\s*\]\s*(#.*)?$")


def merged_toml(existing: str, config: Config) -> str:
    """``existing`` TOML text with meetui's own settings replaced by ``config``'s (see :func:`save_config`)."""
    top = {
        "theme": json.dumps(config.theme, ensure_ascii=False),
        "bell": None if config.bell else "false",
        "minutes_folder": json.dumps(config.minutes_folder, ensure_ascii=False) if config.minutes_folder else None,
    }
    lines = existing.splitlines()
    first_table = next((i for i, line in enumerate(lines) if _TABLE.match(line)), len(lines))
    head, tables = lines[:first_table], lines[first_table:]
    for key, value in top.items():
        at = next((i for i, line in enumerate(head) if re.match(rf"^\s*{key}\s*=", line)), None)
        if at is not None:
            if value is None:
                del head[at]
            else:
                head[at] = f"{key} = {value}"
        elif value is not None:
            while head and not head[-1].strip():
                head.pop()
            head.append(f"{key} = {value}")
    keymap = [
        f"{json.dumps(k, ensure_ascii=False)} = {json.dumps(v, ensure_ascii=False)}"
        for k, v in sorted(config.keymap.items())
    ]
    start = next((i for i, line in enumerate(tables) if _KEYMAP_TABLE.match(line)), None)
    if start is None:
        tables += ["", "[keymap]", *keymap] if tables else ["[keymap]", *keymap]
    else:
        end = next((i for i in range(start + 1, len(tables)) if _TABLE.match(tables[i])), len(tables))
        kept = [line for line in tables[start + 1 : end] if line.lstrip().startswith("#")]
        tables[start + 1 : end] = [*kept, *keymap, *([""] if end < len(tables) else [])]
    if head and tables and head[-1].strip():
        head.append("")
    return "\n".join([*head, *tables]).rstrip("\n") + "\n"
