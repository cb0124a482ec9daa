"""Action items (行动项): task, owner, due date, deliverable, priority, and their status."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..change import Change, build
from ..dates import parse_due
from ..errors import MeetuiError
from ..lifecycle import move
from ..models import (
    ActionItem,
    ActionStatus,
    Priority,
)
from .decisions import DecisionOps


class ActionOps(DecisionOps):
    """Capturing and updating action items during the meeting."""

    # -- action items ----------------------------------------------------------

    def add_action(
        self,
        task: str,
        owner: str,
        *,
        due: dt.date | str | None = None,
        deliverable: str = "",
        priority: Priority | str = Priority.MEDIUM,
        support: str = "",
        department: str = "",
        confirmed: bool = False,
        topic_id: str | None = None,
    ) -> Change:
        """Capture an action item; a due date may be given as text ("fri", "+3d", "周五")."""
        self._require_open()
        if isinstance(due, str):
            due = parse_due(due, self.today()) if due.strip() else None
        attendee = self.meeting.attendee(owner) if owner.strip() else None
        item = build(
            ActionItem,
            "action item",
            id=self._action_id(),
            meeting_id=self.meeting.id,
            topic_id=topic_id or self.meeting.current_topic_id,
            task=task,
            owner=owner,
            department=department or (attendee.department if attendee else ""),
            due=due,
            deliverable=deliverable.strip(),
            priority=priority,
            support=support.strip(),
            confirmed=confirmed,
            created_at=self.now(),
        )
        self.meeting.actions.append(item)
        due_text = f", due {item.due.isoformat()}" if item.due else ""
        return Change([item], message=f"action {item.id} for {item.owner}{due_text}")

    def _action_id(self) -> str:
        taken = {a.id for a in self.meeting.actions}
        while (candidate := self.ids.new()) in taken:
            pass
        return candidate

    def update_action(self, action_id: str, **fields: Any) -> Change:
        """Edit an action item's fields (task, owner, due, deliverable, priority…)."""
        item = self._action(action_id)
        if isinstance(fields.get("due"), str):
            fields["due"] = parse_due(fields["due"], self.today()) if fields["due"].strip() else None
        values = {**item.model_dump(), **fields}
        updated = build(ActionItem, "action item", **values)
        for name in fields:
            setattr(item, name, getattr(updated, name))
        return Change([item], message=f"action {item.id} updated")

    def confirm_action(self, action_id: str) -> Change:
        """The owner confirms the action item on the spot."""
        item = self._action(action_id)
        item.confirmed = True
        return Change([item], message=f"{item.owner} confirmed action {item.id}")

    def set_action_status(
        self,
        action_id: str,
        status: ActionStatus | str,
        note: str = "",
        by: str = "",
        *,
        due: dt.date | str | None = None,
        deliverable: str = "",
        accepted_by: str = "",
    ) -> Change:
        """Move an action item by the lifecycle's rules (:mod:`meetui.core.lifecycle`), logging the change.

        Delayed needs a reason and a new ``due`` date (a date, or text such as "fri" or "周五"); blocked needs what
        it waits on; done records the ``deliverable`` and who ``accepted_by`` it (the host by default).
        """
        item = self._action(action_id)
        if isinstance(due, str):
            due = parse_due(due, self.today()) if due.strip() else None
        move(
            item,
            status,
            self.now(),
            note=note,
            by=by or self.actor,
            due=due,
            deliverable=deliverable,
            accepted_by=accepted_by,
            requester=self.meeting.host,
        )
        return Change([item], message=f"action {item.id}: {ActionStatus(status).value}")

    def _action(self, action_id: str) -> ActionItem:
        item = self.meeting.action(action_id)
        if item is None:
            raise MeetuiError(f"no action item {action_id!r} in this meeting")
        return item
