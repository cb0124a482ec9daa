"""What listings know of a meeting without loading it: :class:`MeetingSummary`, and times read from the index."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ..core.models import ActionStatus

__all__ = ["EARLIEST", "MeetingSummary", "moment"]


@dataclass(frozen=True)
class MeetingSummary:
    """What listings need to know about a meeting, without loading it."""

    id: str
    title: str
    kind: str
    status: str
    scheduled_start: str | None
    created_at: str
    ended_at: str | None
    timezone: str
    path: str
    actions: tuple[dict[str, Any], ...] = ()

    @property
    def sort_key(self) -> str:
        return self.scheduled_start or self.created_at

    @property
    def sort_time(self) -> dt.datetime:
        """:attr:`sort_key` as a moment, so that times with different offsets compare right."""
        return moment(self.sort_key)

    @property
    def open_actions(self) -> int:
        """How many of the meeting's action items are not done."""
        return sum(1 for action in self.actions if action.get("status") != ActionStatus.DONE.value)


def moment(text: str | None) -> dt.datetime:
    """An ISO 8601 time from the index; anything unreadable sorts first."""
    try:
        value = dt.datetime.fromisoformat(text or "")
    except ValueError:
        return EARLIEST
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


EARLIEST = dt.datetime.min.replace(tzinfo=dt.UTC)
