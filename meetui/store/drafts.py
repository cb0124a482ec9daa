"""The line being typed in a meeting's note field when meetui closed or the meeting was left (``q``):
``drafts/<meeting id>.txt``.

Quitting (``ctrl+q``) with a line typed but not sent keeps it here (atomically, 0600); the next ``meetui run`` of
the meeting puts it back in the note field and removes the file. Text a user typed is never dropped.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from .atomic import ensure_dir, write_atomic
from .files import check_id, read_file

__all__ = ["Drafts"]


class Drafts:
    """The unsent lines of one store, one per meeting."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, meeting_id: str) -> Path:
        return self.root / "drafts" / f"{check_id(meeting_id)}.txt"

    def save(self, meeting_id: str, text: str) -> None:
        """Keep ``text`` as the meeting's unsent line (replacing one kept before); raises OSError if the disk
        refuses."""
        path = self.path(meeting_id)
        ensure_dir(path.parent)
        write_atomic(path, text.encode("utf-8"))

    def take(self, meeting_id: str) -> str:
        """The meeting's unsent line, removed from the store (``""`` if none, or unreadable: never raises)."""
        path = self.path(meeting_id)
        try:
            raw = read_file(path)[0]
        except (OSError, ValueError):
            return ""
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("utf-8", errors="replace")
        with contextlib.suppress(OSError):
            path.unlink()
        return text.replace("\r", " ").replace("\n", " ")
