"""Ending the meeting (``e``): every action item reviewed with its owner, then the recap, then the end.

1. **review** — each action item its owner has not confirmed yet, one at a
   time: Enter when the owner confirms it,
   ``e`` to edit it in the action form, ``n`` / ``p`` to move on or back,
   ``s`` to skip to the recap.
2. **recap** — decisions, action items and the parking lot (each item with
   what became of it; ``l`` on the live screen sorts the lot, during the
   meeting or after it), and the date of the next checkpoint (read like a due
   date: "+2w", "12-04", "下周五"); Enter (or ctrl+s) there ends the meeting.
"""

from __future__ import annotations

import datetime as dt

from rich.console import Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import ContentSwitcher, Footer, Input, Label, Static

from ...core.dates import parse_due
from ...core.errors import MeetuiError
from ...core.meeting import Change
from ...core.models import ActionItem, Meeting
from .action_form import ActionForm, describe_due
from .base import ENTER_IN_FORMS, MeetingDialog
from .parking import parked_state
from .widgets import InlineError, field

REVIEW = "end-stage-review"
RECAP = "end-stage-recap"


def due_label(item: ActionItem) -> str:
    return f"{item.due:%a %Y-%m-%d}" if item.due else "no due date"


def recap(meeting: Meeting) -> Group:
    """Decisions, action items and parking lot of the meeting, for the last look before it ends."""
    parts: list[object] = [Text("Decisions", style="bold")]
    decided = [(t, d) for t in meeting.agenda if (d := meeting.latest_decision(t.id)) is not None]
    for topic, decision in decided:
        version = f" v{decision.version}" if decision.version > 1 else ""
        parts.append(_indented(Text(f"{decision.state.value}{version} · {topic.title}: {decision.text}")))
    if not decided:
        parts.append(_indented(Text("none recorded", style="dim")))
    parts.append(Text("\nAction items", style="bold"))
    if meeting.actions:
        table = Table(box=None, padding=(0, 1), show_edge=False, expand=True)
        for name, options in (
            ("#", {"justify": "right"}),
            ("Task", {"ratio": 3}),
            ("Owner", {"ratio": 1}),
            ("Due", {"no_wrap": True}),
            ("OK", {"no_wrap": True}),
        ):
            table.add_column(name, **options)  # type: ignore[arg-type]
        for number, item in enumerate(meeting.actions, 1):
            table.add_row(
                str(number),
                Text(item.task),
                Text(item.owner),
                item.due.isoformat() if item.due else "—",
                "✓" if item.confirmed else "?",
            )
        parts.append(table)
    else:
        parts.append(_indented(Text("none", style="dim")))
    parts.append(Text("\nParking lot", style="bold"))
    for parked in meeting.parking_lot:
        raised = f" ({parked.raised_by})" if parked.raised_by else ""
        parts.append(_indented(Text(f"• {parked.text}{raised} — {parked_state(meeting, parked)}")))
    if not meeting.parking_lot:
        parts.append(_indented(Text("empty", style="dim")))
    return Group(*parts)  # type: ignore[arg-type]


def _indented(text: Text) -> Padding:
    """Indented by two cells, wrapped lines too."""
    return Padding(text, (0, 0, 0, 2))


class EndMeetingDialog(MeetingDialog):
    """Review each action item with its owner, then recap and end the meeting."""

    BINDINGS = [
        *ENTER_IN_FORMS,  # its own enter bindings would otherwise drop the ones it inherits
        Binding("enter", "confirm", "Owner confirms", id="end.confirm", priority=True),
        Binding("e", "edit", "Edit", id="end.edit"),
        Binding("n", "next", "Next item", id="end.next"),
        Binding("p", "previous", "Previous", id="end.previous"),
        Binding("s", "recap", "Skip to recap", id="end.recap"),
        Binding("ctrl+s", "end", "End meeting", id="end.end"),
    ]

    index = 0
    stage = REVIEW

    def compose(self) -> ComposeResult:
        with Vertical(id="end-dialog", classes="dialog"):
            yield Static("End the meeting", classes="dialog-title", id="end-title", markup=False)
            with ContentSwitcher(initial=REVIEW, id="end-stages"):
                with Vertical(id=REVIEW):
                    yield Static(id="end-task", classes="big", markup=False)
                    yield Static(id="end-item", markup=False)
                with Vertical(id=RECAP):
                    with VerticalScroll(classes="recap", id="end-recap-scroll"):
                        yield Static(id="end-recap", markup=False)
                    with Horizontal(classes="form-row", id="end-checkpoint-row"):
                        yield Label("Next checkpoint", classes="row-label", markup=False)
                        yield field("+2w, 12-04, 下周五", id="end-checkpoint")
                        yield Static("", classes="row-hint", id="end-checkpoint-hint", markup=False)
                    yield Static("⏎ end the meeting · esc keep it running", classes="hint", markup=False)
            yield InlineError(id="end-error")
        yield Footer()

    def on_mount(self) -> None:
        if self.actions:
            self.show_item(0)
        else:
            self.show_recap()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in {"confirm", "edit", "next", "previous", "recap"}:
            return self.stage == REVIEW
        if action == "end":
            return self.stage == RECAP
        return super().check_action(action, parameters)

    # -- review ----------------------------------------------------------------

    @property
    def actions(self) -> list[ActionItem]:
        """The items to review: those whose owner has not confirmed them (fixed when the dialog opens)."""
        if not hasattr(self, "_review"):
            self._review = [a.id for a in self.session.meeting.actions if not a.confirmed]
        by_id = {a.id: a for a in self.session.meeting.actions}
        return [by_id[i] for i in self._review if i in by_id]

    def show_item(self, index: int) -> None:
        """Show action item ``index`` (0-based) for its owner to confirm."""
        self.stage = REVIEW
        self.index = index
        item = self.actions[index]
        self.query_one("#end-stages", ContentSwitcher).current = REVIEW
        self.query_one("#end-title", Static).update(f"End the meeting · action item {index + 1} of {len(self.actions)}")
        self.query_one("#end-task", Static).update(Text(item.task))
        lines = [
            f"Owner        {item.owner}" + (f" ({item.department})" if item.department else ""),
            f"Due          {due_label(item)}",
            f"Deliverable  {item.deliverable or '—'}",
            f"Priority     {item.priority.value}",
        ]
        if item.support:
            lines.append(f"Support      {item.support}")
        lines.append("")
        lines.append("✓ confirmed by the owner" if item.confirmed else "Owner: is this right? ⏎ when they confirm")
        self.query_one("#end-item", Static).update(Text("\n".join(lines)))
        self.focus_nothing()
        self.refresh_bindings()

    def advance(self) -> None:
        if self.index + 1 < len(self.actions):
            self.show_item(self.index + 1)
        else:
            self.show_recap()

    def action_confirm(self) -> None:
        item = self.actions[self.index]
        if self.apply(lambda live: live.confirm_action(item.id)) is not None:
            self.advance()

    def action_next(self) -> None:
        self.show_error("")
        self.advance()

    def action_previous(self) -> None:
        if self.index > 0:
            self.show_item(self.index - 1)

    def action_edit(self) -> None:
        item = self.actions[self.index]
        self.app.push_screen(ActionForm(self.session, item.id), self.edited)

    def edited(self, change: Change | None) -> None:
        if change is not None:
            self.last_change = change
        self.show_item(self.index)

    # -- recap -----------------------------------------------------------------

    def show_recap(self) -> None:
        self.stage = RECAP
        self.query_one("#end-stages", ContentSwitcher).current = RECAP
        unconfirmed = sum(not a.confirmed for a in self.actions)
        title = "End the meeting · recap"
        if unconfirmed:
            title += f" · {unconfirmed} action item{'s' if unconfirmed > 1 else ''} not confirmed"
        self.query_one("#end-title", Static).update(title)
        self.query_one("#end-recap", Static).update(recap(self.session.meeting))
        self.update_hint()
        self.focus_input("end-checkpoint")
        self.refresh_bindings()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "end-checkpoint":
            self.update_hint()

    def update_hint(self) -> None:
        text, readable = describe_due(self.query_one("#end-checkpoint", Input).value, self.live.today())
        hint = self.query_one("#end-checkpoint-hint", Static)
        hint.update("none" if text == "no due date" else text)
        hint.set_class(not readable, "-bad")

    def field_order(self) -> list[str]:
        return ["end-checkpoint"] if self.stage == RECAP else []

    def submit(self) -> None:
        self.action_end()

    def action_recap(self) -> None:
        self.show_error("")
        self.show_recap()

    def action_end(self) -> None:
        """End the meeting with the next checkpoint (refused inline if the date cannot be read)."""
        text = self.query_one("#end-checkpoint", Input).value
        try:
            checkpoint: dt.date | None = parse_due(text, self.live.today()) if text.strip() else None
        except MeetuiError as error:
            self.show_error(str(error).replace("due date", "checkpoint date"))
            return
        if self.apply(lambda live: live.end(checkpoint)) is not None:
            self.dismiss(self.last_change)
