"""The parking lot (``k``): take something offline, and see what is parked already."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Input, Label, Static

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
    table.add_column("From topic", ratio=2, style="dim", no_wrap=True, overflow="ellipsis")
    for number, item in enumerate(meeting.parking_lot, 1):
        topic = meeting.topic(item.topic_id)
        done = " ✓" if item.resolved else ""
        table.add_row(str(number), Text(item.text + done), Text(item.raised_by or "—"),
                      Text(topic.title if topic else "—"))
    return table


class ParkingLotDialog(MeetingDialog):
    """Park a new item (text and who raised it); the list shows everything parked so far."""

    BINDINGS = [Binding("ctrl+s", "park", "Park it", id="parking.park")]

    def __init__(self, session: MeetingSession, text: str = "") -> None:
        super().__init__(session)
        self.text = text

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
                yield NameInput(attendee_names(self.session.meeting), placeholder="optional (→ completes)",
                                id="parking-raised-by")
            yield Static("⏎ park it · tab next field · esc close", classes="hint", markup=False)
            yield InlineError(id="parking-error")
        yield Footer()

    def on_mount(self) -> None:
        self.focus_input("parking-text")
        self.query_one("#parking-list", VerticalScroll).scroll_end(animate=False)

    def field_order(self) -> list[str]:
        return ["parking-text", "parking-raised-by"]

    def submit_fields(self) -> set[str]:
        return set(self.field_order())  # enter parks from either field

    def submit(self) -> None:
        self.action_park()

    def action_park(self) -> None:
        """Park the item and close; an empty text is refused inline."""
        text = self.query_one("#parking-text", Input).value
        raised_by = self.query_one("#parking-raised-by", Input).value.strip()
        if not text.strip():
            self.show_error("say what to park")
            self.focus_input("parking-text")
            return
        if self.apply(lambda live: live.park(text, raised_by=raised_by)) is not None:
            self.dismiss(self.last_change)
