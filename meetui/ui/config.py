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
        lines += [f"{json.dumps(k, ensure_ascii=False)} = {json.dumps(v, ensure_ascii=False)}"
                  for k, v in sorted(self.keymap.items())]
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
    if not isinstance(theme, str) or not isinstance(keymap, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in keymap.items()
    ):
        raise MeetuiError(f"{path}: theme must be a string and [keymap] must map binding ids to keys")
    if not isinstance(bell, bool):
        raise MeetuiError(f"{path}: bell must be true or false")
    if not isinstance(minutes_folder, str):
        raise MeetuiError(f"{path}: minutes_folder must be a string (the folder minutes are written to)")
    return Config(theme=theme, keymap=dict(keymap), bell=bell, minutes_folder=minutes_folder)


def save_config(path: Path, config: Config) -> None:
    """Write the config file atomically (creating its folder, private to the user)."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(config.to_toml(), encoding="utf-8")
    os.chmod(temporary, 0o600)
    os.replace(temporary, path)
