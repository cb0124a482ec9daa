"""Agenda files: a TOML (or JSON) file with the meeting's details and topics."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

from ..core.errors import MeetuiError

ALLOWED = {"title", "kind", "goal", "urgent", "planned_minutes", "place", "host", "note_taker", "timezone",
           "scheduled_start", "materials", "attendees", "topics"}


def read_agenda(path: str | Path) -> dict[str, Any]:
    """Read an agenda file into meeting fields; unknown keys are refused by name."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise MeetuiError(f"{path}: no such agenda file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise MeetuiError(f"{path}: cannot be read ({exc})") from None
    try:
        data = json.loads(text) if path.suffix == ".json" else tomllib.loads(text)
    except RecursionError:
        raise MeetuiError(f"{path}: not a valid agenda file (nested too deeply)") from None
    except ValueError as exc:  # TOMLDecodeError, JSONDecodeError, a number of more than 4,300 digits
        raise MeetuiError(f"{path}: not a valid agenda file ({str(exc)[:200]})") from None
    if not isinstance(data, dict):
        raise MeetuiError(f"{path}: an agenda file holds a table of meeting fields")
    unknown = sorted(set(data) - ALLOWED)
    if unknown:
        raise MeetuiError(f"{path}: unknown field(s) {', '.join(unknown)}; allowed: {', '.join(sorted(ALLOWED))}")
    if not isinstance(data.get("topics", []), list):
        raise MeetuiError(f"{path}: topics must be a list of [[topics]] tables")
    for key in ("attendees", "materials"):
        if not isinstance(data.get(key, []), list):
            raise MeetuiError(f"{path}: {key} must be a list")
    return data
