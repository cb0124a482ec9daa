"""The parking lot (``k``): take something offline, and see what is parked already."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Input, Label, Static

from ...core.meeting import Change, LiveMeeting
from ...core.models import Meeting
from ..session import MeetingSession
from .base import MeetingDialog
from .widgets import InlineError, NameInput, attendee_names, field


def parking_table(meeting: Meeting) -> Table | str:
    """The parked items, oldest first, with the topic they came from and who raised them."""
    if not meeting.parking_lot:
        return "Nothing parked yet."
    table = Table(box=None, padding=(0, 1), expand=True, show_edge=False)
    table.add_column("#", justify="right", style="dim", no_wrap=True)
    table.add_column("Item", ratio=3)
    table.add_column("Raised by", ratio=1, no_wrap=True, overflow="ellipsis")
    table.add_column("Owner · due", ratio=1, no_wrap=True, overflow="ellipsis")
    table.add_column("From topic", ratio=2, style="dim", no_wrap=True, overflow="ellipsis")
    for number, item in enumerate(meeting.parking_lot, 1):
        topic = meeting.topic(item.topic_id)
        done = " ✓ resolved" if item.resolved else ""
        if item.resolved_by:
            decision = next((d for d in meeting.decisions if d.id == item.resolved_by), None)
            done = f" ✓ decided: {decision.text}" if decision else done
        follow = " · ".join(part for part in (item.owner, item.due.isoformat() if item.due else "") if part)
        table.add_row(
            str(number),
            Text(item.text + done),
            Text(item.raised_by or "—"),
            Text(follow or "—"),
            Text(topic.title if topic else "—"),
        )
    return table


class ParkingLotDialog(MeetingDialog):
    """Park a new item (text and who raised it); the list shows everything parked so far."""

    BINDINGS = [Binding("ctrl+s", "park", "Park it", id="parking.park")]

    def __init__(self, session: MeetingSession, text: str = "", *, listing: bool = False) -> None:
        super().__init__(session)
        self.text = text
        self.listing = listing  # opened to look at the list: focus on it, not the form

    def compose(self) -> ComposeResult:
        with Vertical(id="parking-dialog", classes="dialog"):
            yield Static("Parking lot", classes="dialog-title", markup=False)
            with VerticalScroll(classes="list", id="parking-list"):
                yield Static(parking_table(self.session.meeting), id="parking-items", markup=False)
            with Horizontal(classes="form-row"):
                yield Label("Park", classes="row-label", markup=False)
                yield field("what to take offline", value=self.text, id="parking-text")
            with Horizontal(classes="form-row"):
                yield Label("Raised by", classes="row-label", markup=False)
                yield NameInput(
                    attendee_names(self.session.meeting), placeholder="optional (→ completes)", id="parking-raised-by"
                )
            with Horizontal(classes="form-row"):
                yield Label("Owner", classes="row-label", markup=False)
                yield NameInput(
                    attendee_names(self.session.meeting), placeholder="who follows it up (optional)", id="parking-owner"
                )
            with Horizontal(classes="form-row"):
                yield Label("Due", classes="row-label", markup=False)
                yield field("fri, +3d, 12-01, 周五 (optional)", id="parking-due")
            yield Static("⏎ park it · tab next field · esc close", classes="hint", markup=False)
            yield InlineError(id="parking-error")
        yield Footer()

    def on_mount(self) -> None:
        listing = self.query_one("#parking-list", VerticalScroll)
        if self.listing:
            listing.can_focus = True
            self.set_focus(listing)
        else:
            self.focus_input("parking-text")
        listing.scroll_end(animate=False)

    def field_order(self) -> list[str]:
        return ["parking-text", "parking-raised-by", "parking-owner", "parking-due"]

    def submit_fields(self) -> set[str]:
        return set(self.field_order())  # enter parks from either field

    def submit(self) -> None:
        self.action_park()

    def action_park(self) -> None:
        """Park the item and close; an empty text is refused inline."""
        text = self.query_one("#parking-text", Input).value
        raised_by = self.query_one("#parking-raised-by", Input).value.strip()
        owner = self.query_one("#parking-owner", Input).value.strip()
        due = self.query_one("#parking-due", Input).value
        if not text.strip():
            self.show_error("say what to park")
            self.focus_input("parking-text")
            return

        def park(live: LiveMeeting) -> Change:
            change = live.park(text, raised_by=raised_by, owner=owner)
            if due.strip():
                change += live.update_parked(change.records[0].id, due=due)
                change.message = "parked"
            return change

        if self.apply(park) is not None:
            self.dismiss(self.last_change)
