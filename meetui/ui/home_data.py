"""What the home screen shows, worked out without Textual: the meetings in archive order, open items by owner.

Meetings: live and interrupted first, then upcoming (soonest first), then
drafts, then past meetings newest first, under a heading per year and month
(the practice's archive order). Status words are true at ``now``: a scheduled
meeting whose time has passed without being held is "missed", never "next".

Open action items: grouped by owner (负责人), overdue first (most days
overdue first), then by due date; each carries how late it is, or that it is
due within :data:`SOON_DAYS` days. Filters narrow them by owner (co-owners
included), department, status, meeting, or the configured user ("mine").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from ..core.clock import in_zone
from ..store import MeetingSummary

__all__ = [
    "FILTER_NAMES",
    "SOON_DAYS",
    "STATUS_NAMES",
    "ActionRow",
    "Filters",
    "MeetingRow",
    "action_rows",
    "meeting_rows",
    "reminder",
    "status_name",
]

#: Items due within this many days are marked (the practice's reminder two days before a due date).
SOON_DAYS = 2

Doc = dict[str, Any]

_CLOSED = {"done", "cancelled"}
STATUS_WORDS = {
    "live": "▶ live",
    "interrupted": "⏸ interrupted",
    "upcoming": "◷ upcoming",
    "draft": "✎ draft",
    "missed": "✗ not held",
    "ended": "✓ held",
}


#: An action item's status in words, as the home screen shows it (the stored value is the id, ``not-started``).
STATUS_NAMES = {
    "not-started": "not started",
    "in-progress": "in progress",
    "done": "done",
    "delayed": "delayed",
    "blocked": "blocked",
    "cancelled": "cancelled",
}
#: What the open items are filtered by, one and several: "all statuses", never "all statuss".
FILTER_NAMES = {
    "owner": ("owner", "owners"),
    "department": ("department", "departments"),
    "status": ("status", "statuses"),
}


def status_name(value: str) -> str:
    """An action item's status in words ("not started"); a value meetui does not know is shown as it is."""
    return STATUS_NAMES.get(value, value)


@dataclass(frozen=True)
class MeetingRow:
    """A row of the meetings table: a meeting, or a heading (``meeting_id`` None) such as ``2026-11``."""

    key: str
    meeting_id: str | None
    status: str
    when: str
    title: str
    open_actions: str


@dataclass(frozen=True)
class ActionRow:
    """A row of the open items table: an item, or an owner's heading (``doc`` None).

    ``late`` is days overdue (0 if not); ``soon`` whether it is due within :data:`SOON_DAYS` days.
    """

    key: str
    doc: Doc | None
    owner: str
    late: int = 0
    soon: bool = False
    label: str = ""


@dataclass(frozen=True)
class Filters:
    """The open items' filters (``None``: no filter); ``mine`` is the configured user's name when on."""

    owner: str | None = None
    department: str | None = None
    status: str | None = None
    meeting_id: str | None = None
    mine: str | None = None

    def with_(self, **changes: Any) -> Filters:
        return replace(self, **changes)

    @property
    def active(self) -> bool:
        return any(v is not None for v in (self.owner, self.department, self.status, self.meeting_id, self.mine))

    def describe(self, titles: dict[str, str]) -> str:
        """``owner 李娜 · status blocked`` (empty without filters)."""
        parts = []
        if self.mine is not None:
            parts.append(f"mine ({self.mine})")
        if self.owner is not None:
            parts.append(f"owner {self.owner}")
        if self.department is not None:
            parts.append(f"department {self.department or '—'}")
        if self.status is not None:
            parts.append(f"status {status_name(self.status)}")
        if self.meeting_id is not None:
            parts.append(f"meeting {titles.get(self.meeting_id, self.meeting_id)}")
        return " · ".join(parts)

    def keep(self, doc: Doc) -> bool:
        for person in (self.owner, self.mine):
            if person is not None and person != doc["owner"] and person not in doc["co_owners"]:
                return False
        if self.department is not None and doc["department"] != self.department:
            return False
        if self.status is not None and doc["status"] != self.status:
            return False
        return self.meeting_id is None or self.meeting_id in doc.get("in_meetings", [doc["meeting_id"]])


def status_of(summary: MeetingSummary, now: dt.datetime) -> str:
    """The status word that is true at ``now`` (a key of :data:`STATUS_WORDS`)."""
    if summary.interrupted:
        return "interrupted"
    if summary.status == "live":
        return "live"
    if summary.status == "ended":
        return "ended"
    if summary.scheduled_start:
        return "upcoming" if summary.sort_time >= now else "missed"
    return "draft"


def meeting_rows(summaries: list[MeetingSummary], now: dt.datetime) -> list[MeetingRow]:
    """Every meeting in archive order, past ones under a ``YYYY-MM`` heading, newest first."""
    order = {"live": 0, "interrupted": 0, "upcoming": 1, "draft": 2, "missed": 3, "ended": 3}
    statuses = {s.id: status_of(s, now) for s in summaries}
    current = [s for s in summaries if order[statuses[s.id]] < 3]
    current.sort(key=lambda s: (order[statuses[s.id]], s.sort_time if statuses[s.id] == "upcoming" else -_ts(s)))
    past = sorted((s for s in summaries if order[statuses[s.id]] == 3), key=lambda s: s.sort_time, reverse=True)
    rows = [_row(s, statuses[s.id], now) for s in current]
    month = None
    for s in past:
        local = in_zone(s.sort_time, s.timezone)
        if (local.year, local.month) != month:
            month = (local.year, local.month)
            rows.append(
                MeetingRow(
                    f"month:{local.year:04d}-{local.month:02d}",
                    None,
                    "",
                    f"── {local.year:04d}-{local.month:02d}",
                    "",
                    "",
                )
            )
        rows.append(_row(s, statuses[s.id], now))
    return rows


def _ts(summary: MeetingSummary) -> float:
    return summary.sort_time.timestamp()


def _row(summary: MeetingSummary, status: str, now: dt.datetime) -> MeetingRow:
    """A meeting's row; its time in its own zone, the year left out when it is this year's (so that the time of
    day fits a narrow column: ``12-03 14:00``)."""
    local = in_zone(summary.sort_time, summary.timezone)
    when = local.strftime("%m-%d %H:%M" if local.year == now.year else "%Y-%m-%d %H:%M")
    return MeetingRow(
        summary.id,
        summary.id,
        STATUS_WORDS[status],
        when,
        summary.title,
        str(summary.own_open) if summary.own_open else "",
    )


def _due(doc: Doc) -> dt.date | None:
    try:
        return dt.date.fromisoformat(doc["due"]) if doc["due"] else None
    except ValueError:
        return None


def lateness(doc: Doc, today: dt.date) -> tuple[int, bool]:
    """``(days overdue, due soon)`` of an open item."""
    due = _due(doc)
    if due is None or doc["status"] in _CLOSED:
        return 0, False
    if due < today:
        return (today - due).days, False
    return 0, (due - today).days <= SOON_DAYS


def action_rows(docs: list[Doc], today: dt.date, filters: Filters = Filters()) -> list[ActionRow]:
    """Open items that pass ``filters``, by owner (owners with overdue items first), overdue first in each."""
    by_owner: dict[str, list[ActionRow]] = {}
    for doc in docs:
        if doc["status"] in _CLOSED or not filters.keep(doc):
            continue
        late, soon = lateness(doc, today)
        by_owner.setdefault(doc["owner"], []).append(
            ActionRow(f"{doc['meeting_id']}/{doc['id']}", doc, doc["owner"], late, soon)
        )
    rows: list[ActionRow] = []

    def owner_order(item: tuple[str, list[ActionRow]]) -> tuple[int, int, str]:
        owner, items = item
        return (-max(r.late for r in items), -sum(1 for r in items if r.late), owner)

    for owner, items in sorted(by_owner.items(), key=owner_order):
        items.sort(key=lambda r: (-r.late, r.doc["due"] or "9999", r.doc["id"]))  # type: ignore[index]
        late = sum(1 for r in items if r.late)
        label = f"{owner} — {len(items)} open" + (f", {late} overdue" if late else "")
        rows.append(ActionRow(f"owner:{owner}", None, owner, label=label))
        rows.extend(items)
    return rows


def reminder(docs: list[Doc], user: str, today: dt.date) -> str:
    """The notification on opening: the user's overdue and due-soon items, or ``""`` if none."""
    late, soon = [], []
    for doc in docs:
        if doc["status"] in _CLOSED or (user != doc["owner"] and user not in doc["co_owners"]):
            continue
        days, near = lateness(doc, today)
        if days:
            late.append((days, doc))
        elif near:
            soon.append(doc)
    if not late and not soon:
        return ""
    lines = [f"{len(late)} overdue, {len(soon)} due within {SOON_DAYS} days:"]
    for days, doc in sorted(late, key=lambda x: -x[0])[:5]:
        lines.append(f"• {doc['task']} — {days} day{'s' if days != 1 else ''} overdue")
    for doc in sorted(soon, key=lambda d: d["due"])[:5]:
        lines.append(f"• {doc['task']} — due {doc['due']}")
    return "\n".join(lines)
