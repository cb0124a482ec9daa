"""Action items for spreadsheets, calendars, chat and mail: CSV, iCalendar, the reminder digest.

Everything here works on the action items' JSON objects as the store's index
holds them (``model_dump(mode="json")`` of :class:`~meetui.core.models.ActionItem`,
already checked), so that exporting 20,000 items builds no model.

CSV cells a spreadsheet would take for a formula (starting with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return) are written with a leading ``'`` so
they show as text: the OWASP advice against CSV injection
(https://owasp.org/www-community/attacks/CSV_Injection). ``bom`` starts the file
with a UTF-8 byte-order mark, without which Excel reads Chinese as mojibake.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from typing import Any

__all__ = [
    "CSV_COLUMNS",
    "REMIND_DAYS",
    "csv_cell",
    "days_overdue",
    "digest",
    "is_open",
    "progress_text",
    "to_csv",
    "to_ics",
    "to_reminder",
]

Doc = dict[str, Any]

CSV_COLUMNS = [
    "id",
    "meeting",
    "task",
    "owner",
    "co_owners",
    "department",
    "due",
    "deliverable",
    "priority",
    "status",
    "reason",
    "accepted_by",
    "progress",
]

#: The practice's reminder: two days before a due date (domain.md, 行动项跟踪).
REMIND_DAYS = 2

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_CLOSED = {"done", "cancelled"}
_ICS_STATUS = {
    "not-started": "NEEDS-ACTION",
    "in-progress": "IN-PROCESS",
    "delayed": "NEEDS-ACTION",
    "blocked": "NEEDS-ACTION",
    "done": "COMPLETED",
    "cancelled": "CANCELLED",
}
_ICS_PRIORITY = {"high": 1, "medium": 5, "low": 9}


def is_open(doc: Doc) -> bool:
    """Whether an item is still to be done (neither done nor cancelled)."""
    return doc["status"] not in _CLOSED


def due_date(doc: Doc) -> dt.date | None:
    """An item's due date, or ``None`` (none, or not a date)."""
    try:
        return dt.date.fromisoformat(doc["due"]) if doc.get("due") else None
    except ValueError:
        return None


def days_overdue(doc: Doc, today: dt.date) -> int:
    """Days past the due date of an open item (0 if not overdue)."""
    due = due_date(doc)
    return (today - due).days if due is not None and is_open(doc) and due < today else 0


def csv_cell(value: Any) -> str:
    """A value as a CSV cell that no spreadsheet evaluates (OWASP's leading quote)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def progress_text(doc: Doc) -> str:
    """The whole progress log, one entry a line: ``time status by: note``."""
    lines = []
    for entry in doc.get("progress", []):
        who = f" {entry['by']}" if entry.get("by") else ""
        note = f": {entry['note']}" if entry.get("note") else ""
        lines.append(f"{entry['at']} {entry['status']}{who}{note}")
    return "\n".join(lines)


def to_csv(docs: Iterable[Doc], *, bom: bool = False) -> str:
    """The items as CSV (RFC 4180, ``\\r\\n`` line ends), every cell guarded; ``bom`` for Excel."""
    out = io.StringIO()
    if bom:
        out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for a in docs:
        writer.writerow(
            [
                csv_cell(v)
                for v in (
                    a["id"],
                    a["meeting_id"],
                    a["task"],
                    a["owner"],
                    "、".join(a["co_owners"]),
                    a["department"],
                    a["due"] or "",
                    a["deliverable"],
                    a["priority"],
                    a["status"],
                    a["reason"],
                    a["accepted_by"],
                    progress_text(a),
                )
            ]
        )
    return out.getvalue()


def to_ics(docs: Iterable[Doc], now: dt.datetime, titles: dict[str, str] | None = None) -> bytes:
    """One VTODO per open item, with its due date (all day), owner, meeting and status (RFC 5545, via icalendar)."""
    import icalendar

    titles = titles or {}
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//meetui//action items//EN")
    calendar.add("version", "2.0")
    stamp = now.astimezone(dt.UTC)
    for a in docs:
        if not is_open(a):
            continue
        todo = icalendar.Todo()
        todo.add("uid", f"{a['id']}@{a['meeting_id']}.meetui")
        todo.add("dtstamp", stamp)
        todo.add("summary", a["task"])
        meeting = titles.get(a["meeting_id"], a["meeting_id"])
        lines = [f"Owner: {owner_shown(a['owner'])}"]
        if a["co_owners"]:
            lines.append(f"Co-owners: {', '.join(a['co_owners'])}")
        lines.append(f"Meeting: {meeting}")
        if a["deliverable"]:
            lines.append(f"Deliverable: {a['deliverable']}")
        lines.append(f"Status: {a['status']}" + (f" ({a['reason']})" if a["reason"] else ""))
        todo.add("description", "\n".join(lines))
        todo.add("status", _ICS_STATUS.get(a["status"], "NEEDS-ACTION"))
        todo.add("priority", _ICS_PRIORITY.get(a["priority"], 5))
        todo.add("categories", [meeting])
        due = due_date(a)
        if due is not None:
            todo.add("due", due)
        calendar.add_component(todo)
    return calendar.to_ical()


def owner_shown(name: str) -> str:
    """An owner as people read it: the stored :data:`~meetui.core.models.UNASSIGNED` marker (an item naming
    nobody) is "unassigned", as in the minutes."""
    from ..core.models import UNASSIGNED

    return "unassigned" if name == UNASSIGNED else name


def digest(docs: Iterable[Doc], today: dt.date, *, within: int = REMIND_DAYS) -> dict[str, list[Doc]]:
    """Open items overdue or due within ``within`` days, by owner (co-owners are reminded too), overdue first."""
    limit = today + dt.timedelta(days=within)
    by_owner: dict[str, list[Doc]] = {}
    for a in docs:
        due = due_date(a)
        if not is_open(a) or due is None or due > limit:
            continue
        for person in [a["owner"], *a["co_owners"]]:
            by_owner.setdefault(person, []).append(a)
    for items in by_owner.values():
        items.sort(key=lambda a: (a["due"], a["id"]))
    return dict(sorted(by_owner.items()))


def to_reminder(
    docs: Iterable[Doc],
    today: dt.date,
    fmt: str = "txt",
    *,
    titles: dict[str, str] | None = None,
    now: dt.datetime | None = None,
) -> str | bytes:
    """The reminder digest: per owner, overdue items (with days overdue) then those due soon.

    ``fmt`` is ``txt`` (chat), ``md`` (mail, Markdown) or ``ics`` (the same items as to-dos).
    """
    titles = titles or {}
    grouped = digest(docs, today)
    if fmt == "ics":
        unique = {a["id"]: a for items in grouped.values() for a in items}
        return to_ics(unique.values(), now or dt.datetime.combine(today, dt.time(), dt.UTC), titles)
    out: list[str] = []
    heading = f"Action items overdue or due by {(today + dt.timedelta(days=REMIND_DAYS)).isoformat()}"
    out.append(f"# {heading}" if fmt == "md" else heading)
    if not grouped:
        out.append("")
        out.append("Nothing is overdue or due soon.")
    for person, items in grouped.items():
        out.append("")
        shown = owner_shown(person)
        out.append(f"## {_md(shown)}" if fmt == "md" else f"{shown}:")
        for a in items:
            late = days_overdue(a, today)
            when = f"overdue {late} day{'s' if late != 1 else ''} (due {a['due']})" if late else f"due {a['due']}"
            role = "" if a["owner"] == person else " (co-owner)"
            meeting = titles.get(a["meeting_id"]) or str(a["meeting_id"])
            if fmt == "md":
                out.append(f"- **{when}** — {_md(a['task'])}{role} · {_md(meeting)} · `{a['id']}`")
            else:
                out.append(f"  - {when}: {a['task']}{role} [{meeting}, {a['id']}]")
    return "\n".join(out) + "\n"


def _md(text: str) -> str:
    """User text made literal in Markdown (no links, emphasis or HTML from what people typed)."""
    special = "\\`*_{}[]<>()#+-.!|"
    return "".join("\\" + c if c in special else c for c in text.replace("\n", " "))
