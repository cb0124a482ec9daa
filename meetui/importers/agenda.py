"""Agenda files: a TOML (or JSON) file with the meeting's details and topics."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

from ..core.errors import MeetuiError

#: The largest agenda file read, in bytes (1 MiB).
MAX_AGENDA_BYTES = 1024 * 1024

ALLOWED = {"title", "kind", "goal", "urgent", "planned_minutes", "place", "host", "note_taker", "timezone",
           "scheduled_start", "materials", "attendees", "topics"}


def read_agenda(path: str | Path) -> dict[str, Any]:
    """Read an agenda file into meeting fields; unknown keys are refused by name."""
    from ..store.files import StoreError, read_file

    path = Path(path)
    if not path.exists() and not path.is_symlink():
        raise MeetuiError(f"{path}: no such agenda file")
    try:  # only a regular file of bounded size: a FIFO or /dev/zero given as an agenda must not hang
        text = read_file(path, limit=MAX_AGENDA_BYTES)[0].decode("utf-8")
    except StoreError as exc:
        raise MeetuiError(f"{exc} (an agenda file)") from None
    except UnicodeDecodeError as exc:
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
