"""The action item's lifecycle (the practice's five statuses, plus cancelled), as pure rules.

The practice (domain.md, 行动项跟踪): not started (未开始) → in progress (进行中)
→ done (已完成); delayed (延期) needs a reason and a new due date; blocked (受阻)
needs what it waits on; a done or cancelled item can be reopened; cancelled
(已取消) needs a reason. Done records the deliverable (text or link) and who
accepted it, the requester by default. Every change, of status or of a field,
adds a :class:`~meetui.core.models.ProgressEntry` (time, by, note), so the
progress log tells the item's whole story; exports carry it.

:func:`move` changes the status; :func:`edit` changes task, owner, co-owners,
due date, deliverable or priority. Both refuse with a
:class:`~meetui.core.errors.MeetuiError` of one line and leave the item as it
was; a refused move names the statuses allowed from where the item is.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import AwareDatetime, Field

from .errors import MeetuiError
from .models import ActionItem, ActionStatus, Meeting, Model, Name, Priority, ProgressEntry, Text

__all__ = ["ALLOWED", "EDITABLE", "OPEN", "ActionUpdate", "allowed", "apply_update", "edit", "log", "move"]

S = ActionStatus

#: Where an item may go from each status. Delayed → delayed moves the due date again; done and cancelled
#: items are reopened to in progress.
ALLOWED: dict[ActionStatus, tuple[ActionStatus, ...]] = {
    S.NOT_STARTED: (S.IN_PROGRESS, S.DONE, S.DELAYED, S.BLOCKED, S.CANCELLED),
    S.IN_PROGRESS: (S.DONE, S.DELAYED, S.BLOCKED, S.CANCELLED),
    S.DELAYED: (S.IN_PROGRESS, S.DONE, S.DELAYED, S.BLOCKED, S.CANCELLED),
    S.BLOCKED: (S.IN_PROGRESS, S.DONE, S.DELAYED, S.CANCELLED),
    S.DONE: (S.IN_PROGRESS,),
    S.CANCELLED: (S.IN_PROGRESS,),
}

#: Statuses of items still to be done (listed as open, reminded, counted as overdue).
OPEN = frozenset({S.NOT_STARTED, S.IN_PROGRESS, S.DELAYED, S.BLOCKED})

#: Fields :func:`edit` changes, with the words its progress notes use.
EDITABLE = {
    "task": "task",
    "owner": "owner",
    "co_owners": "co-owners",
    "due": "due",
    "deliverable": "deliverable",
    "priority": "priority",
}


def allowed(status: ActionStatus) -> tuple[ActionStatus, ...]:
    """The statuses an item in ``status`` may move to."""
    return ALLOWED[status]


def _status(value: ActionStatus | str) -> ActionStatus:
    try:
        return ActionStatus(value)
    except ValueError:
        names = ", ".join(s.value for s in ActionStatus)
        raise MeetuiError(f"unknown status {value!r}: use one of {names}") from None


def move(
    item: ActionItem,
    to: ActionStatus | str,
    now: dt.datetime,
    *,
    note: str = "",
    by: str = "",
    due: dt.date | None = None,
    deliverable: str = "",
    accepted_by: str = "",
    requester: str = "",
) -> ProgressEntry:
    """Move ``item`` to status ``to`` and log it; returns the progress entry added.

    - delayed: ``note`` (the reason) and ``due`` (the new due date, not before the old one) are required;
    - blocked: ``note`` (what it waits on) is required;
    - cancelled: ``note`` (the reason) is required;
    - done: records ``deliverable`` (if given) and ``accepted_by`` (default ``requester``, else ``by``);
    - in progress from done or cancelled: a reopen (the acceptance is cleared).

    Raises :class:`MeetuiError` (the item unchanged) for a move not in :data:`ALLOWED` (naming the allowed
    ones) or a missing requirement.
    """
    to = _status(to)
    note = note.strip()
    here = item.status
    if to not in ALLOWED[here]:
        options = ", ".join(s.value for s in ALLOWED[here])
        raise MeetuiError(f"action item {item.id} is {here.value}: it can go to {options}, not {to.value}")
    if to is S.DELAYED:
        if not note:
            raise MeetuiError("a delayed action item needs a note saying why it is delayed")
        if due is None:
            raise MeetuiError("a delayed action item needs its new due date (--due)")
        if item.due is not None and due <= item.due:
            raise MeetuiError(
                f"the new due date {due.isoformat()} must be after the current one, {item.due.isoformat()}"
            )
    if to is S.BLOCKED and not note:
        raise MeetuiError("a blocked action item needs a note saying what it is waiting on")
    if to is S.CANCELLED and not note:
        raise MeetuiError("a cancelled action item needs a note saying why it is cancelled")
    words = [note] if note else []
    if to is S.DELAYED:
        words.append(f"due {item.due.isoformat() if item.due else '—'} → {due.isoformat()}")  # type: ignore[union-attr]
        item.due = due
    if to is S.DONE:
        if deliverable.strip():
            item.deliverable = deliverable.strip()
        item.accepted_by = (accepted_by or requester or by).strip()
        if item.deliverable:
            words.append(f"deliverable: {item.deliverable}")
        if item.accepted_by:
            words.append(f"accepted by {item.accepted_by}")
    if to is S.IN_PROGRESS and here in {S.DONE, S.CANCELLED}:
        item.accepted_by = ""
        words.insert(0, "reopened")
    item.reason = note if to in {S.DELAYED, S.BLOCKED, S.CANCELLED} else ""
    item.status = to
    entry = ProgressEntry(at=now, status=to, note="; ".join(words), by=by)
    item.progress.append(entry)
    return entry


def edit(item: ActionItem, now: dt.datetime, *, by: str = "", note: str = "", **fields: Any) -> ProgressEntry | None:
    """Change the item's task, owner, co-owners, due date, deliverable or priority, and log what changed.

    ``fields`` holds only what is to change (values already parsed: a date, a
    list of names, a :class:`Priority` or its value). Returns the progress
    entry, or ``None`` if nothing changed. Invalid values are refused whole.
    """
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise MeetuiError(f"an action item has no field {sorted(unknown)[0]!r} to change")
    if "priority" in fields:
        try:
            fields["priority"] = Priority(fields["priority"])
        except ValueError:
            names = ", ".join(p.value for p in Priority)
            raise MeetuiError(f"priority must be one of {names} (got {fields['priority']!r})") from None
    for name in ("task", "owner"):
        if name in fields and not str(fields[name]).strip():
            raise MeetuiError(f"an action item's {EDITABLE[name]} must not be empty")
    from .change import build

    checked = build(ActionItem, "action item", **{**item.model_dump(), **fields})
    said = []
    for name in EDITABLE:
        if name in fields and getattr(checked, name) != getattr(item, name):
            said.append(f"{EDITABLE[name]}: {_shown(getattr(item, name))} → {_shown(getattr(checked, name))}")
            setattr(item, name, getattr(checked, name))
    if not said:
        return None
    if note.strip():
        said.insert(0, note.strip())
    entry = ProgressEntry(at=now, status=item.status, note="; ".join(said), by=by)
    item.progress.append(entry)
    return entry


def log(item: ActionItem, note: str, now: dt.datetime, *, by: str = "") -> ProgressEntry:
    """Log progress on ``item`` without changing it (the practice's daily and weekly updates, 行动项跟踪): a
    progress entry with ``note`` and the item's status. Raises :class:`MeetuiError` for an empty note."""
    if not note.strip():
        raise MeetuiError("a progress note must not be empty")
    entry = ProgressEntry(at=now, status=item.status, note=note.strip(), by=by)
    item.progress.append(entry)
    return entry


def _shown(value: Any) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, list):
        return ", ".join(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(getattr(value, "value", value))


class ActionUpdate(Model):
    """One update of an action item asked for from outside the meeting's process (``meetui action``).

    Queued in the store while the meeting runs live elsewhere; the live screen
    applies it with :func:`apply_update`. ``at`` is when it was asked for: the
    time of its progress entries.
    """

    action_id: str = Field(min_length=1, max_length=40)
    at: AwareDatetime
    status: ActionStatus | None = None
    note: Text = ""
    by: Name = ""
    due: dt.date | None = None
    deliverable: Text | None = None
    accepted_by: Name = ""
    task: Text | None = None
    owner: Name | None = None
    co_owners: list[Name] | None = None
    priority: Priority | None = None

    def edits(self) -> dict[str, Any]:
        """The fields to change besides the status (the due date of a delay and the deliverable of done go with it)."""
        fields = {
            name: getattr(self, name)
            for name in ("task", "owner", "co_owners", "priority")
            if getattr(self, name) is not None
        }
        if self.due is not None and self.status is not ActionStatus.DELAYED:
            fields["due"] = self.due
        if self.deliverable is not None and self.status is not ActionStatus.DONE:
            fields["deliverable"] = self.deliverable
        return fields

    @property
    def empty(self) -> bool:
        """Nothing to change and no progress note to log."""
        return self.status is None and not self.edits() and not self.note.strip()


def apply_update(meeting: Meeting, update: ActionUpdate, *, requester: str = "") -> ActionItem:
    """Apply ``update`` to its action item in ``meeting``: the edits, then the status move, all or nothing.

    ``requester`` (who accepts a done item by default) is the meeting's host when not given. Raises
    :class:`MeetuiError` naming the problem, with the item unchanged.
    """
    item = meeting.action(update.action_id)
    if item is None:
        raise MeetuiError(f"no action item {update.action_id!r} in meeting {meeting.id}")
    if update.empty:
        raise MeetuiError("nothing to change: give --status, a field to change (--due, --owner, …) or a note")
    draft = item.model_copy(deep=True)
    edits = update.edits()
    if edits:
        edit(draft, update.at, by=update.by, note="" if update.status else update.note, **edits)
    elif update.status is None:  # a progress note alone (the practice's daily and weekly updates)
        log(draft, update.note, update.at, by=update.by)
    if update.status is not None:
        move(
            draft,
            update.status,
            update.at,
            note=update.note,
            by=update.by,
            due=update.due,
            deliverable=update.deliverable or "",
            accepted_by=update.accepted_by,
            requester=requester or meeting.host,
        )
    for name in type(item).model_fields:
        if getattr(item, name) != getattr(draft, name):
            setattr(item, name, getattr(draft, name))
    return item
