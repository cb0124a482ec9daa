"""Updates queued for a meeting that another process runs live: ``queue/<meeting id>/<name>.json``.

``meetui action`` on a meeting whose live lock is held writes its update here
(atomically and durably, 0600) instead of refusing; the live screen looks
every second, applies what it finds through its session and removes each file
once the change it made is on disk. A live process that dies leaves the files
for the next one that opens the meeting (the live screen, or the next
``meetui action``). Names sort in the order the updates were asked for.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

from .atomic import dump_json, ensure_dir, write_atomic
from .files import check_id

__all__ = ["UpdateQueue"]

#: Largest queued update read back (an update is a few hundred bytes).
MAX_BYTES = 256 * 1024


class UpdateQueue:
    """The queued updates of one store."""

    def __init__(self, root: Path) -> None:
        self.root = root

    @property
    def folder(self) -> Path:
        return self.root / "queue"

    def put(self, meeting_id: str, update: dict[str, Any]) -> Path:
        """Queue one update (plain JSON data) for a meeting; returns its file."""
        folder = ensure_dir(self.folder / check_id(meeting_id))
        path = folder / f"{time.time_ns():020d}-{os.getpid()}-{os.urandom(3).hex()}.json"
        write_atomic(path, dump_json(update))
        return path

    def pending(self, meeting_id: str) -> list[tuple[Path, Any]]:
        """The meeting's queued updates, oldest first, as ``(file, parsed JSON or None if unreadable)``.

        Cheap when there are none (one ``scandir`` of a folder that usually does not exist).
        """
        folder = self.folder / meeting_id
        try:
            with os.scandir(folder) as entries:
                names = sorted(e.name for e in entries if e.name.endswith(".json") and not e.name.startswith("."))
        except OSError:
            return []
        found: list[tuple[Path, Any]] = []
        for name in names:
            path = folder / name
            try:
                if path.stat().st_size > MAX_BYTES:
                    found.append((path, None))
                    continue
                found.append((path, json.loads(path.read_bytes())))
            except FileNotFoundError:
                continue  # taken by another process meanwhile
            except (OSError, ValueError):
                found.append((path, None))
        return found

    @staticmethod
    def remove(paths: list[Path]) -> None:
        """Forget updates that were applied (or refused)."""
        for path in paths:
            path.unlink(missing_ok=True)
