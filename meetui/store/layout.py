"""Where meeting files live: ``meetings/YYYY/MM/<id>.json`` under the data folder (the archive order)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from ..core.errors import MeetuiError
from ..core.models import Meeting
from .files import check_id, is_meeting_file_name

__all__ = ["MeetingFiles"]


class MeetingFiles:
    """The meeting files of one store, found by id; remembers where each one was found."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._paths: dict[str, Path] = {}

    @property
    def folder(self) -> Path:
        return self.root / "meetings"

    def path_for(self, meeting: Meeting) -> Path:
        """Where a new meeting's file goes: by year and month of its date."""
        when = meeting.scheduled_start or meeting.created_at
        return self.folder / f"{when.year:04d}" / f"{when.month:02d}" / f"{check_id(meeting.id)}.json"

    def path(self, meeting_id: str) -> Path:
        """The file of an existing meeting; an unknown id is refused."""
        check_id(meeting_id)
        known = self._paths.get(meeting_id)
        if known is not None and os.path.lexists(known):
            return known
        found = self.find(meeting_id)
        if found is None:
            raise MeetuiError(f"no meeting with id {meeting_id!r} in {self.root}")
        self._paths[meeting_id] = found
        return found

    def remember(self, meeting_id: str, path: Path) -> None:
        self._paths[meeting_id] = path

    def find(self, meeting_id: str) -> Path | None:
        """The file of meeting ``meeting_id``, looked for on disk, or ``None``."""
        if not self.folder.is_dir():
            return None
        # lexists: a file that is there but cannot be read (a symlink loop) is found, and then reported
        found = (folder / f"{meeting_id}.json" for folder in sorted(self.folder.glob("*/*")))
        return next((path for path in found if os.path.lexists(path)), None)

    def __iter__(self) -> Iterator[Path]:
        """Every meeting file, in no particular order."""
        if self.folder.is_dir():
            for path in self.folder.glob("*/*/*.json"):
                if is_meeting_file_name(path.name):
                    yield path

    def ids(self) -> list[str]:
        """The id of every meeting file, sorted."""
        return sorted({path.stem for path in self})
