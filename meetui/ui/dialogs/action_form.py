"""The action item form (``a``): task, owner, due, deliverable, priority, support, owner confirmed.

The due field reads what people say ("fri", "+3d", "12-01", "周五") and shows
the date it understood as you type. An owner who is not yet an attendee is
added as one when the item is saved. Given an ``action_id`` the form edits
that item instead (the end-of-meeting review uses this).
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

    BINDINGS = [Binding("ctrl+s", "save", "Save", id="action.save")]

    def __init__(self, session: MeetingSession, action_id: str | None = None) -> None:
        super().__init__(session)
        self.action_id = action_id
        self.item: ActionItem | None = session.meeting.action(action_id) if action_id else None

    def compose(self) -> ComposeResult:
        item = self.item
        names = attendee_names(self.session.meeting)
        title = f"Edit action item {item.id}" if item else "New action item"
        if self.session.meeting.current_topic and not item:
            title += f" · {self.session.meeting.current_topic.title}"
        with Vertical(id="action-dialog", classes="dialog"):
            yield Static(title, classes="dialog-title", markup=False)
            with Horizontal(classes="form-row"):
                yield Label("Task", classes="row-label", markup=False)
                yield field("what will be done", value=item.task if item else "", id="action-task")
            with Horizontal(classes="form-row"):
                yield Label("Owner", classes="row-label", markup=False)
                yield NameInput(
                    names, value=item.owner if item else "", placeholder="one name (→ completes)", id="action-owner"
                )
                yield Static("", classes="row-hint", id="owner-hint", markup=False)
            with Horizontal(classes="form-row"):
                yield Label("Due", classes="row-label", markup=False)
                yield field(
                    "fri, +3d, 12-01, 周五", value=item.due.isoformat() if item and item.due else "", id="action-due"
                )
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
        self.focus_input("action-task")

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
        action_id = self.action_id

        def save(live: LiveMeeting) -> Change:
            change = live.update_action(action_id, **fields) if action_id else live.add_action(**fields)  # type: ignore[arg-type]
            if live.meeting.attendee(owner) is None:
                # After the item is valid, so a refused item never leaves a stray attendee behind.
                message = change.message
                change += live.add_attendee(owner)
                change.message = f"{message}; {owner} added as attendee"
            return change

        if self.apply(save) is not None:
            self.dismiss(self.last_change)
