"""Follow-through statistics: meetings held, time planned vs used, decisions, action items done and on time.

Pure functions over plain data, as the store's index holds it: the ``meeting``
part of each meeting's entry (see :mod:`meetui.store.index`) and the action
items' JSON objects. The practice measures a meeting by what it decided and by
what its action items became (domain.md): so, per meeting, planned and actual
minutes and the overrun; topics decided vs deferred; and per department or
owner, action items done, done on time (done on or before the due date) and
overdue (open past the due date).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = ["Group", "MeetingFigures", "Stats", "compute", "overrun_words", "spark"]

_CLOSED = {"done", "cancelled"}
_BLOCKS = "▁▂▃▄▅▆▇█"


@dataclass
class MeetingFigures:
    """One held meeting: minutes planned and used (from its clock), overrun, topics decided and deferred."""

    id: str
    title: str
    date: str
    planned_minutes: int
    actual_minutes: float
    overrun_minutes: float
    decided: int
    deferred: int


@dataclass
class Group:
    """Figures of one department or owner. Meetings count for every department that attended."""

    name: str
    meetings: int = 0
    planned_minutes: int = 0
    actual_minutes: float = 0.0
    decided: int = 0
    deferred: int = 0
    actions: int = 0
    done: int = 0
    done_on_time: int = 0
    overdue: int = 0
    open: int = 0

    @property
    def on_time_rate(self) -> float | None:
        """Share of done items done by their due date (``None`` with nothing done)."""
        return self.done_on_time / self.done if self.done else None


def tenths(minutes: float) -> float:
    """``minutes`` rounded to a tenth, as shown and exported; a value that rounds to zero is 0.0, never -0.0."""
    return round(minutes, 1) + 0.0  # -0.0 + 0.0 is 0.0


def overrun_words(minutes: float) -> str:
    """An overrun in words, never a negative overrun: "overrun 3.5 min", "under by 65.2 min" (a meeting that
    ended early) or "on time" (within a tenth of a minute)."""
    value = tenths(minutes)
    if value > 0:
        return f"overrun {value:.1f} min"
    if value < 0:
        return f"under by {-value:.1f} min"
    return "on time"


def held(count: int) -> str:
    """ "1 meeting held", "3 meetings held"."""
    return f"{count} meeting{'' if count == 1 else 's'} held"


@dataclass
class Stats:
    """Everything ``meetui stats`` and the home screen's panel show."""

    since: str | None
    by: str
    meetings: list[MeetingFigures] = field(default_factory=list)
    total: Group = field(default_factory=lambda: Group("all"))
    groups: list[Group] = field(default_factory=list)

    @property
    def average_overrun(self) -> float:
        """Mean overrun in minutes per held meeting (0 with none)."""
        return sum(m.overrun_minutes for m in self.meetings) / len(self.meetings) if self.meetings else 0.0

    def as_json(self) -> dict[str, Any]:
        def group(g: Group) -> dict[str, Any]:
            rate = g.on_time_rate
            return {
                **asdict(g),
                "actual_minutes": tenths(g.actual_minutes),
                "on_time_rate": None if rate is None else round(rate, 3),
            }

        return {
            "since": self.since,
            "by": self.by,
            "meetings_held": len(self.meetings),
            "average_overrun_minutes": tenths(self.average_overrun),
            "total": group(self.total),
            "groups": [group(g) for g in self.groups],
            "meetings": [
                {**asdict(m), "actual_minutes": tenths(m.actual_minutes), "overrun_minutes": tenths(m.overrun_minutes)}
                for m in self.meetings
            ],
        }


def _date(text: str | None) -> dt.date | None:
    try:
        return dt.datetime.fromisoformat(text).date() if text else None
    except ValueError:
        try:
            return dt.date.fromisoformat(text or "")
        except ValueError:
            return None


def _done_on(doc: dict[str, Any]) -> dt.date | None:
    """When an item was (last) marked done, from its progress log."""
    for entry in reversed(doc.get("progress", [])):
        if entry.get("status") == "done":
            return _date(entry.get("at"))
    return None


def compute(
    meetings: list[dict[str, Any]],
    actions: list[dict[str, Any]],
    today: dt.date,
    *,
    since: dt.date | None = None,
    by: str = "department",
) -> Stats:
    """Statistics of the meetings held since ``since`` and of their action items, grouped ``by`` department or owner.

    ``meetings`` are index ``meeting`` parts (with ``departments``), ``actions``
    action items' JSON objects. A meeting counts as held once it has ended.
    """
    if by not in {"department", "owner"}:
        raise ValueError(f"statistics are grouped by department or owner, not {by!r}")
    stats = Stats(since.isoformat() if since else None, by)
    groups: dict[str, Group] = {}
    held: set[str] = set()

    def grouped(name: str) -> Group:
        return groups.setdefault(name or "—", Group(name or "—"))

    for m in meetings:
        when = _date(m.get("held_at") or m.get("scheduled_start") or m.get("created_at"))  # when it was held
        if m.get("status") != "ended" or (since and (when is None or when < since)):
            continue
        held.add(m["id"])
        figures = MeetingFigures(
            m["id"],
            m["title"],
            when.isoformat() if when else "",
            m["planned_minutes"],
            m["actual_minutes"],
            m["actual_minutes"] - m["planned_minutes"],
            m["decided"],
            m["deferred"],
        )
        stats.meetings.append(figures)
        targets = [stats.total] + ([grouped(d) for d in m["departments"]] if by == "department" else [])
        for g in targets:
            g.meetings += 1
            g.planned_minutes += figures.planned_minutes
            g.actual_minutes += figures.actual_minutes
            g.decided += figures.decided
            g.deferred += figures.deferred
    from .planning import latest_copies

    for a in latest_copies(actions):  # a carried item counts once, for the meeting it was first recorded in
        if (a.get("carried_from") or a["meeting_id"]) not in held:
            continue
        key = a.get("department", "") if by == "department" else a["owner"]
        due = _date(a.get("due"))
        for g in (stats.total, grouped(key)):
            g.actions += 1
            if a["status"] == "done":
                g.done += 1
                finished = _done_on(a)
                if due is None or (finished is not None and finished <= due):
                    g.done_on_time += 1
            elif a["status"] not in _CLOSED:
                g.open += 1
                if due is not None and due < today:
                    g.overdue += 1
    stats.meetings.sort(key=lambda f: f.date)
    stats.groups = sorted(groups.values(), key=lambda g: (-g.actions, -g.meetings, g.name))
    return stats


def spark(values: list[float]) -> str:
    """A one-line chart of ``values`` in block characters (``▁`` lowest … ``█`` highest)."""
    if not values:
        return ""
    low, high = min(values), max(values)
    span = (high - low) or 1.0
    return "".join(_BLOCKS[round((v - low) / span * (len(_BLOCKS) - 1))] for v in values)


def overview(meetings: list[dict[str, Any]], open_items: list[dict[str, Any]], today: dt.date) -> Stats:
    """The totals alone (no groups), from the meetings' counts and the open items only: the home screen's panel,
    whose cost follows the open items rather than every item ever recorded."""
    stats = compute(meetings, [], today)
    held = {m.id for m in stats.meetings}
    total = stats.total
    for m in meetings:  # copies carried from an earlier meeting count there (one item, one count)
        if m["id"] in held:
            total.actions += m["actions"] - m.get("carried_actions", 0)
            total.done += m["done_actions"] - m.get("carried_done", 0)
            total.done_on_time += m["done_on_time"] - m.get("carried_done_on_time", 0)
            total.open += m["open_actions"] - m.get("carried_open", 0)
    from .planning import latest_copies

    for a in latest_copies(open_items):
        if a["status"] in _CLOSED:
            continue
        due = _date(a.get("due"))
        if (a.get("carried_from") or a["meeting_id"]) in held and due is not None and due < today:
            total.overdue += 1
    stats.groups = []
    return stats
