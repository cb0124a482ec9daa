"""Action items (行动项): task, owner, due date, deliverable, priority, and their status."""

from __future__ import annotations

import datetime as dt
from typing import Any, TypedDict, Unpack

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


class ActionFields(TypedDict, total=False):
    """The optional fields of a new action item, as :meth:`ActionOps.add_action` takes them."""

    due: dt.date | str | None
    deliverable: str
    priority: Priority | str
    support: str
    department: str
    confirmed: bool
    topic_id: str | None


class ActionOps(DecisionOps):
    """Capturing and updating action items during the meeting."""

    # -- action items ----------------------------------------------------------

    def add_action(self, task: str, owner: str, **fields: Unpack[ActionFields]) -> Change:
        """Capture an action item (the fields of :class:`ActionFields`); a due date may be given as text ("fri",
        "+3d", "周五")."""
        self._require_open()
        return self._new_action(task, owner, **fields)

    def _new_action(
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
        """:meth:`add_action` without its check that the meeting is still running (see :meth:`parked_to_action`)."""
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

    # -- parked items that become action items ---------------------------------

    def parked_to_action(
        self,
        item_id: str,
        *,
        task: str = "",
        owner: str = "",
        due: dt.date | str | None = None,
        deliverable: str = "",
        priority: Priority | str = Priority.MEDIUM,
        support: str = "",
        confirmed: bool = False,
    ) -> Change:
        """Turn a parked item into an action item, made as :meth:`add_action` makes one; the item is then resolved
        and records the action item's id (``action_id``).

        ``task`` defaults to the item's text, ``owner`` to its owner and ``due`` (``None``) to its due date; ``""``
        for ``due`` means no due date. The action item belongs to the topic the item was parked from. Allowed
        after the meeting ended too: the end review is when the host sorts the parking lot (domain.md, "Last 10
        minutes"), as it edits action items then. Raises :class:`MeetuiError` (nothing changed) for an item
        already resolved, already an action item or marked for the follow-up meeting, no owner, or a bad field.
        """
        item = self._still_parked(item_id)
        owner = owner.strip() or item.owner
        if not owner:
            raise MeetuiError("an action item needs an owner: name one (the parked item has none)")
        change = self._new_action(
            task.strip() or item.text,
            owner,
            due=item.due if due is None else due,
            deliverable=deliverable,
            priority=priority,
            support=support,
            confirmed=confirmed,
            topic_id=item.topic_id,
        )
        action = change.records[0]
        assert isinstance(action, ActionItem)
        item.action_id = action.id
        item.resolved = True
        # the item is followed up by the action item's owner, by its due date: the parking lot says so too
        item.owner = item.owner or action.owner
        item.due = item.due or action.due
        change.records.append(item)
        change.message = f"parked item → {change.message}"
        return change

    def back_to_parking_lot(self, item_id: str) -> Change:
        """Take back what became of a parked item: it is open in the parking lot again.

        An action item made from it is removed, unless work on it was recorded (a status or progress note):
        then it is refused, and the action item is to be cancelled instead. A mark for the follow-up meeting, or
        a plain "resolved", is cleared. A decision that settled it stays (a locked decision never changes).
        """
        item = self._parked(item_id)
        change = Change([item])
        if item.action_id:
            action = self.meeting.action(item.action_id)
            if action is not None:
                if action.status is not ActionStatus.NOT_STARTED or action.progress:
                    raise MeetuiError(
                        f"action item {action.id} already has progress recorded: cancel it instead (it stays)"
                    )
                self.meeting.actions.remove(action)
                change.deleted.append(action)
            change.message = f"back to the parking lot (action item {item.action_id} removed): {item.text}"
            item.action_id = ""
            item.resolved = False
        elif item.follow_up:
            item.follow_up = False
            change.message = f"back to the parking lot (not for the follow-up meeting): {item.text}"
        elif item.resolved_by:
            raise MeetuiError("a locked decision settled this parked item; it never changes (amend the decision)")
        elif item.resolved:
            item.resolved = False
            change.message = f"back to the parking lot: {item.text}"
        else:
            raise MeetuiError("this item is in the parking lot already")
        return change

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
