"""The action item form (``a``): task, owner, due, deliverable, priority, support, owner confirmed.

The due field reads what people say ("fri", "+3d", "12-01", "周五") and shows
the date it understood as you type. An owner who is not yet an attendee is
added as one when the item is saved. Given an ``action_id`` the form edits
that item instead (the end-of-meeting review uses this); given a ``parked_id``
it starts from that parking-lot item, and saving links the item to the new
action item.
"""

from __future__ import annotations

import datetime as dt

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Checkbox, Footer, Input, Label, Select, Static

from ...core.dates import parse_due
from ...core.errors import MeetuiError
from ...core.meeting import Change, LiveMeeting
from ...core.models import ActionItem, Priority
from ..session import MeetingSession
from .base import MeetingDialog
from .widgets import InlineError, NameInput, attendee_names, field

#: Enter moves through these fields in order; in the last one it saves.
FIELD_ORDER = ["action-task", "action-owner", "action-due", "action-deliverable", "action-support"]


def describe_due(text: str, today: dt.date) -> tuple[str, bool]:
    """What the due field means, for the hint beside it, and whether it is readable."""
    if not text.strip():
        return "no due date", True
    try:
        due = parse_due(text, today)
    except MeetuiError:
        return "? not a date yet", False
    return f"→ {due:%a %Y-%m-%d}", True


class ActionForm(MeetingDialog):
    """Capture a new action item, or edit the one named by ``action_id``."""

    BINDINGS = [Binding("ctrl+s", "save", "Save", id="action.save")]  # a priority binding, as every dialog key

    def __init__(
        self,
        session: MeetingSession,
        action_id: str | None = None,
        *,
        parked_id: str | None = None,
        task: str = "",
        owner: str = "",
        due: dt.date | None = None,
    ) -> None:
        """``task``, ``owner`` and ``due`` fill in a new item's fields; ``parked_id`` fills them in from that
        parking-lot item, and saving makes the item this action item (:meth:`LiveMeeting.parked_to_action`)."""
        super().__init__(session)
        self.action_id = action_id
        self.item: ActionItem | None = session.meeting.action(action_id) if action_id else None
        self.parked = next((p for p in session.meeting.parking_lot if p.id == parked_id), None) if parked_id else None
        if self.parked is not None:
            task, owner, due = task or self.parked.text, owner or self.parked.owner, due or self.parked.due
        self.prefill = {"task": task, "owner": owner, "due": due.isoformat() if due else ""}

    def initial(self, name: str) -> str:
        """The text a field starts with: the edited item's value, else the prefilled one."""
        if self.item is not None:
            value = getattr(self.item, name)
            return value.isoformat() if isinstance(value, dt.date) else str(value)
        return self.prefill.get(name, "")

    def compose(self) -> ComposeResult:
        item = self.item
        names = attendee_names(self.session.meeting)
        title = f"Edit action item {item.id}" if item else "New action item"
        if self.parked is not None:
            title = "Action item from the parking lot"
        elif self.session.meeting.current_topic and not item:
            title += f" · {self.session.meeting.current_topic.title}"
        with Vertical(id="action-dialog", classes="dialog"):
            yield Static(title, classes="dialog-title", markup=False)
            with Horizontal(classes="form-row"):
                yield Label("Task", classes="row-label", markup=False)
                yield field("what will be done", value=self.initial("task"), id="action-task")
            with Horizontal(classes="form-row"):
                yield Label("Owner", classes="row-label", markup=False)
                yield NameInput(
                    names, value=self.initial("owner"), placeholder="one name (→ completes)", id="action-owner"
                )
                yield Static("", classes="row-hint", id="owner-hint", markup=False)
            with Horizontal(classes="form-row"):
                yield Label("Due", classes="row-label", markup=False)
                yield field("fri, +3d, 12-01, 周五", value=self.initial("due"), id="action-due")
                yield Static("", classes="row-hint", id="due-hint", markup=False)
            with Horizontal(classes="form-row"):
                yield Label("Deliverable", classes="row-label", markup=False)
                yield field("what proves it is done", value=item.deliverable if item else "", id="action-deliverable")
            with Horizontal(classes="form-row"):
                yield Label("Priority", classes="row-label", markup=False)
                yield Select(
                    [(p.value, p) for p in Priority],
                    value=item.priority if item else Priority.MEDIUM,
                    allow_blank=False,
                    compact=True,
                    id="action-priority",
                )
            with Horizontal(classes="form-row"):
                yield Label("Support", classes="row-label", markup=False)
                yield field("help needed from others", value=item.support if item else "", id="action-support")
            with Horizontal(classes="form-row"):
                yield Label("", classes="row-label", markup=False)
                yield Checkbox(
                    "Owner confirmed", value=item.confirmed if item else False, compact=True, id="action-confirmed"
                )
            yield Static("⏎ next field (saves in the last) · ctrl+s save · tab move", classes="hint", markup=False)
            yield InlineError(id="action-error")
        yield Footer()

    def on_mount(self) -> None:
        self.update_hints()
        self.focus_input(self.first_field())

    def first_field(self) -> str:
        """Where typing starts: the task when editing an item; for a new one (filled in from a parked item, say),
        the first empty field, so the first key typed never lands on text already there."""
        if self.item is None:
            for widget_id in FIELD_ORDER:
                if not self.value(widget_id).strip():
                    return widget_id
        return "action-task"

    # -- live hints ------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id in {"action-due", "action-owner"}:
            self.update_hints()

    def update_hints(self) -> None:
        """The date the due field means, and whether the owner is new to the meeting."""
        text, readable = describe_due(self.value("action-due"), self.live.today())
        due_hint = self.query_one("#due-hint", Static)
        due_hint.update(text)
        due_hint.set_class(not readable, "-bad")
        owner = self.value("action-owner").strip()
        new = bool(owner) and self.session.meeting.attendee(owner) is None
        self.query_one("#owner-hint", Static).update("new: joins as attendee" if new else "")

    # -- saving ----------------------------------------------------------------

    def field_order(self) -> list[str]:
        return FIELD_ORDER

    def submit(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        """Check the fields, then add (or update) the item in one change; keep everything on refusal."""
        if not self.names_settled("ctrl+s"):
            return
        task, owner, due_text = self.value("action-task"), self.value("action-owner").strip(), self.value("action-due")
        if not task.strip():
            self.show_error("the task must not be empty")
            self.focus_input("action-task")
            return
        if not owner:
            self.show_error("name the owner: one person, not a department")
            self.focus_input("action-owner")
            return
        try:
            due = parse_due(due_text, self.live.today()) if due_text.strip() else None
        except MeetuiError as error:
            self.show_error(str(error))
            self.focus_input("action-due")
            return
        fields = {
            "task": task,
            "owner": owner,
            "due": due,
            "deliverable": self.value("action-deliverable").strip(),
            "priority": Priority(str(self.query_one("#action-priority", Select).value)),
            "support": self.value("action-support").strip(),
            "confirmed": self.query_one("#action-confirmed", Checkbox).value,
        }
        action_id, parked_id = self.action_id, self.parked.id if self.parked else None
        added = list(self.added_attendees)  # asked about, and added, before the item was saved

        def save(live: LiveMeeting) -> Change:
            if action_id:
                change = live.update_action(action_id, **fields)
            elif parked_id:
                change = live.parked_to_action(parked_id, **{**fields, "due": due or ""})  # type: ignore[arg-type]
            else:
                change = live.add_action(**fields)  # type: ignore[arg-type]
            if live.meeting.attendee(owner) is None:
                # After the item is valid, so a refused item never leaves a stray attendee behind.
                message = change.message
                change += live.add_attendee(owner)
                change.message = f"{message}; {owner} added as attendee"
            elif owner in added:
                change.message = f"{change.message}; {owner} added as attendee"
            return change

        if self.apply(save) is not None:
            self.dismiss(self.last_change)
