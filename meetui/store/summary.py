"""What listings know of a meeting without loading it: :class:`MeetingSummary`, and times read from the index."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from typing import Any

__all__ = ["EARLIEST", "MeetingSummary", "moment", "when_of"]


@dataclass(frozen=True)
class MeetingSummary:
    """What listings need to know about a meeting, without loading it (the ``meeting`` part of its index entry).

    ``interrupted`` is true for a meeting whose status is ``live`` although no
    process holds its live lock: it was quit without ending it (``e``), or its
    process died.
    """

    id: str
    title: str
    kind: str
    status: str
    scheduled_start: str | None
    created_at: str
    ended_at: str | None
    timezone: str
    path: str
    #: When it was held (the first start of its clock), ``None`` if it never ran.
    held_at: str | None = None
    #: The meeting it follows up (``meetui new --follow-up``).
    follow_up_of: str | None = None
    actions: int = 0
    open_actions: int = 0
    done_actions: int = 0
    done_on_time: int = 0
    carried_actions: int = 0
    carried_open: int = 0
    carried_done: int = 0
    carried_done_on_time: int = 0
    planned_minutes: int = 0
    actual_minutes: float = 0.0
    topics: int = 0
    decided: int = 0
    deferred: int = 0
    departments: tuple[str, ...] = ()
    interrupted: bool = False

    @classmethod
    def of(cls, values: dict[str, Any], path: str, *, interrupted: bool = False) -> MeetingSummary:
        """A summary from a checked ``meeting`` part of an index entry."""
        return cls(**{**values, "departments": tuple(values["departments"]), "path": path, "interrupted": interrupted})

    @property
    def sort_key(self) -> str:
        """When the meeting is shown and sorted: when it was held, if it ran; else its schedule (else creation)."""
        return when_of(self.__dict__)

    @cached_property
    def sort_time(self) -> dt.datetime:
        """:attr:`sort_key` as a moment, so that times with different offsets compare right."""
        return moment(self.sort_key)

    @property
    def shown_status(self) -> str:
        """The status word that is true now: ``interrupted`` for a live meeting nobody runs."""
        return "interrupted" if self.interrupted else self.status

    @property
    def own_open(self) -> int:
        """Open action items first recorded in this meeting: those it carries from an earlier one are counted
        there (one item, one count)."""
        return max(self.open_actions - self.carried_open, 0)

    def listing(self) -> dict[str, Any]:
        """The fields of ``meetui list --json`` (``open_actions``: :attr:`own_open`)."""
        return {k: getattr(self, k) for k in _LISTED} | {"open_actions": self.own_open}


_LISTED = (
    "id",
    "title",
    "kind",
    "status",
    "scheduled_start",
    "created_at",
    "ended_at",
    "held_at",
    "timezone",
    "path",
    "open_actions",
    "interrupted",
)


def when_of(values: dict[str, Any]) -> str:
    """When a meeting is shown and sorted, from the ``meeting`` part of its index entry: when it was held (the
    first start of its clock) if it ran, else its scheduled start, else when it was created."""
    return values.get("held_at") or values.get("scheduled_start") or values.get("created_at") or ""


def moment(text: str | None) -> dt.datetime:
    """An ISO 8601 time from the index; anything unreadable sorts first."""
    try:
        value = dt.datetime.fromisoformat(text or "")
    except ValueError:
        return EARLIEST
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


EARLIEST = dt.datetime.min.replace(tzinfo=dt.UTC)
