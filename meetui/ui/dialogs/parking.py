"""The parking lot (``k`` to park, ``l`` to list): take something offline, and follow each parked item through.

The list has a cursor (the arrows); on the highlighted item ``a`` makes it an
action item (the action form, filled in from the item), ``f`` makes it a
topic of the follow-up meeting, ``o`` or Enter edits its owner and due date
in the form rows below the list, and ``b`` takes back what became of it
(back to the parking lot). The form parks a new item: ``n`` goes to it.

Opened from a search hit (``found``), the cursor starts on that item, the
matched characters marked in its text (``parking--hit`` in ``themes/app.tcss``).
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Footer, Input, Label, Static

from ...core.meeting import Change, LiveMeeting
from ...core.models import Meeting, MeetingStatus, ParkingLotItem
from ...core.text import truncate
from ...store.search import locate
from ..session import MeetingSession, Operation
from .ask import ConfirmDialog
from .base import MeetingDialog
from .widgets import InlineError, NameInput, attendee_names, field

#: Cells of the list's columns that hold text people typed (the rest is cut with "…"; the line below shows all).
ITEM_CELLS, OWNER_CELLS, STATE_CELLS = 26, 14, 34

#: The rows of the form that park a new item (hidden while an item's owner and due date are edited).
NEW_ITEM_ROWS = ("#parking-text-row", "#parking-raised-by-row")


def parked_state(meeting: Meeting, item: ParkingLotItem) -> str:
    """What became of a parked item, in words: "→ action item a1 (王芳, 12-04)", "→ follow-up meeting",
    "✓ decided: …", "✓ resolved" or "open"."""
    if item.action_id:
        action = meeting.action(item.action_id)
        if action is None:
            return f"→ action item {item.action_id}"
        due = f", {action.due:%m-%d}" if action.due else ""
        return f"→ action item {action.id} ({action.owner}{due})"
    if item.resolved_by:
        decision = next((d for d in meeting.decisions if d.id == item.resolved_by), None)
        if decision is not None:
            return f"✓ decided: {decision.text}"
    if item.resolved:
        return "✓ resolved"
    if item.follow_up:
        return "→ follow-up meeting"
    return "open"


def owner_and_due(item: ParkingLotItem) -> str:
    """``"王芳 · 12-04"``, either part alone, or ``"—"``."""
    return " · ".join(part for part in (item.owner, f"{item.due:%m-%d}" if item.due else "") if part) or "—"


class ParkingLotDialog(MeetingDialog):
    """The parked items with a cursor, what became of each, and a form that parks a new one or edits an owner."""

    BINDINGS = [
        Binding("a", "to_action", "Action item", id="parking.action"),
        Binding("f", "to_follow_up", "Follow-up meeting", id="parking.follow_up"),
        Binding("o,u", "edit", "Owner · due", id="parking.edit"),
        Binding("b", "back_to_lot", "Back to the lot", id="parking.back"),
        Binding("n", "new_item", "New item", id="parking.new"),
        Binding("ctrl+s", "park", "Park it", id="parking.park"),
    ]
    #: Keys of the list: inert (greyed) while a field has focus, so what is typed goes into it.
    LIST_ACTIONS = frozenset({"to_action", "to_follow_up", "edit", "back_to_lot", "new_item"})
    HELP = """\
## Parking lot
What was taken offline, who follows it up and by when, and what became of it.
Move through the list with the arrows. On the highlighted item:

| key | does |
|---|---|
| `a` | make it an action item: the action form opens with its text, owner and due date |
| `f` | make it a topic of the follow-up meeting (`meetui new --follow-up` puts it first) |
| `o` or `enter` | edit its owner and due date below the list; `enter` saves, `escape` goes back |
| `b` | back to the parking lot: undo `a` (the action item is deleted, after asking) or `f` |
| `n` | park a new item: what, who raised it, owner, due; `enter` parks it |

All of this also works after the meeting ended: the end is when the parking lot is sorted.
"""

    COMPONENT_CLASSES = {"parking--hit"}

    def __init__(
        self, session: MeetingSession, text: str = "", *, listing: bool = False, found: tuple[str, str] | None = None
    ) -> None:
        """``found``: a search hit, ``(item id, folded query)``: the list opens on that item, the query marked."""
        super().__init__(session)
        self.text = text
        self.listing = listing or found is not None  # opened to look at the list: focus on it, not the form
        self.found = found
        self.editing: str | None = None  # the id of the item whose owner and due date the form edits

    @property
    def can_park(self) -> bool:
        """Whether new items can be parked: not in the follow view, not after the end."""
        meeting = self.session.meeting
        return not self.session.read_only and meeting.status is not MeetingStatus.ENDED

    def compose(self) -> ComposeResult:
        names = attendee_names(self.session.meeting)
        with Vertical(id="parking-dialog", classes="dialog"):
            yield Static("Parking lot", classes="dialog-title", markup=False)
            yield DataTable(cursor_type="row", zebra_stripes=True, id="parking-list")
            yield Static(id="parking-detail", classes="muted", markup=False)
            yield Static("", id="parking-form-title", classes="field-label", markup=False)
            with Horizontal(classes="form-row", id="parking-text-row"):
                yield Label("Park", classes="row-label", markup=False)
                yield field("what to take offline", value=self.text, id="parking-text")
            with Horizontal(classes="form-row", id="parking-raised-by-row"):
                yield Label("Raised by", classes="row-label", markup=False)
                yield NameInput(names, placeholder="optional (→ completes)", id="parking-raised-by")
            with Horizontal(classes="form-row", id="parking-owner-row"):
                yield Label("Owner", classes="row-label", markup=False)
                yield NameInput(names, placeholder="who follows it up (optional)", id="parking-owner")
            with Horizontal(classes="form-row", id="parking-due-row"):
                yield Label("Due", classes="row-label", markup=False)
                yield field("fri, +3d, 12-01, 周五 (optional)", id="parking-due")
            yield Static("", id="parking-hint", classes="hint", markup=False)
            yield InlineError(id="parking-error")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("#", "Item", "Owner · due", "What became of it")
        self.fill_list()
        self.show_form()
        ids = [i.id for i in self.session.meeting.parking_lot]
        found = ids.index(self.found[0]) if self.found is not None and self.found[0] in ids else None
        if table.row_count:
            row = table.row_count - 1 if found is None else found  # the newest item, or the one a search found
            table.move_cursor(row=row, animate=False)
        if self.listing or not self.can_park:
            self.set_focus(table)
        else:
            self.focus_input("parking-text")

    # -- the list --------------------------------------------------------------

    def row(self, number: int, item: ParkingLotItem) -> tuple[Text, ...]:
        """The item's cells as Text: what people typed is never read as markup."""
        meeting = self.session.meeting
        return (
            Text(str(number), style="dim"),
            self._marked(item, Text(truncate(item.text, ITEM_CELLS))),
            Text(truncate(owner_and_due(item), OWNER_CELLS)),
            Text(truncate(parked_state(meeting, item), STATE_CELLS)),
        )

    def _marked(self, item: ParkingLotItem, text: Text) -> Text:
        """``text`` (the item's text, maybe cut) with the search hit's characters marked, if it is the found item."""
        if self.found is None or item.id != self.found[0]:
            return text
        where = locate(self.found[1], item.text)
        shown = len(text.plain) - (0 if text.plain == item.text else 1)  # a cut text ends in "…"
        if where is not None and where[0] < shown:
            text.stylize(self.get_component_rich_style("parking--hit"), where[0], min(where[1], shown))
        return text

    def fill_list(self) -> None:
        """Show every parked item, oldest first, keeping the cursor on the item it was on."""
        table = self.query_one(DataTable)
        selected = self.selected
        table.clear()
        for number, item in enumerate(self.session.meeting.parking_lot, 1):
            table.add_row(*self.row(number, item), key=item.id)
        if selected is not None and selected in self.session.meeting.parking_lot:
            table.move_cursor(row=self.session.meeting.parking_lot.index(selected), animate=False)
        self.update_detail()

    @property
    def selected(self) -> ParkingLotItem | None:
        """The parked item under the cursor."""
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((i for i in self.session.meeting.parking_lot if i.id == key), None)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.update_detail()
        self.refresh_bindings()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on an item edits its owner and due date."""
        self.action_edit()

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    def update_detail(self) -> None:
        """The highlighted item in full: its text, the topic it came from, who raised it, what became of it."""
        meeting = self.session.meeting
        detail = self.query_one("#parking-detail", Static)
        item = self.selected
        if item is None:
            detail.update("Nothing parked yet.")
            return
        topic = meeting.topic(item.topic_id)
        parts = [item.text]
        if topic is not None:
            parts.append(f"from: {topic.title}")
        if item.raised_by:
            parts.append(f"raised by {item.raised_by}")
        parts.append(parked_state(meeting, item))
        detail.update(self._marked(item, Text(item.text)) + Text(" · ".join(["", *parts[1:]])))

    # -- the form: a new item, or the owner and due date of one --------------------------

    def show_form(self) -> None:
        """Lay the form out for what it does now: park a new item, or edit the owner and due date of one."""
        item = next((i for i in self.session.meeting.parking_lot if i.id == self.editing), None)
        for row in NEW_ITEM_ROWS:
            self.query_one(row).display = item is None and self.can_park
        owner_rows = item is not None or self.can_park
        for row in ("#parking-owner-row", "#parking-due-row"):
            self.query_one(row).display = owner_rows
        title = self.query_one("#parking-form-title", Static)
        hint = self.query_one("#parking-hint", Static)
        if item is not None:
            title.update(f"Owner and due date of: {truncate(item.text, 50)}")
            hint.update("⏎ save · esc back to the list")
        elif self.can_park:
            title.update("Park a new item")
            hint.update("⏎ park it · tab next field · esc close")
        else:
            title.update("")
            ended = "this meeting is followed read-only" if self.session.read_only else "the meeting has ended"
            hint.update(f"{ended}: nothing new can be parked · esc close")

    def field_order(self) -> list[str]:
        if self.editing is not None:
            return ["parking-owner", "parking-due"]
        return ["parking-text", "parking-raised-by", "parking-owner", "parking-due"]

    def submit_fields(self) -> set[str]:
        if self.editing is not None:
            return {"parking-due"}
        return set(self.field_order())  # enter parks from either field

    def submit(self) -> None:
        if self.editing is not None:
            self.save_owner_and_due()
        else:
            self.action_park()

    @property
    def nested(self) -> bool:
        return self.editing is not None

    def back(self) -> None:
        self.stop_editing()

    def stop_editing(self) -> None:
        """Leave the owner-and-due form: the form parks new items again; the list has focus."""
        self.editing = None
        for name in ("parking-owner", "parking-due"):
            self.query_one(f"#{name}", Input).value = ""
        self.show_form()
        self.set_focus(self.query_one(DataTable))
        self.refresh_bindings()

    def save_owner_and_due(self) -> None:
        item_id = self.editing
        if item_id is None or not self.names_settled("ctrl+s"):
            return
        owner = self.value("parking-owner").strip()
        due = self.value("parking-due")
        if self.apply(lambda live: live.update_parked(item_id, owner=owner, due=due)) is not None:
            self.stop_editing()
            self.fill_list()
            self.show_error("owner and due date saved", error=False)

    def action_park(self) -> None:
        """Park the item and close; an empty text is refused inline."""
        if self.editing is not None:
            self.save_owner_and_due()
            return
        if not self.names_settled("ctrl+s"):
            return
        text = self.value("parking-text")
        raised_by = self.value("parking-raised-by").strip()
        owner = self.value("parking-owner").strip()
        due = self.value("parking-due")
        if not text.strip():
            self.show_error("say what to park")
            if self.can_park:
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

    # -- the list's keys ------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in self.LIST_ACTIONS:
            if action == "new_item" and not self.can_park:
                return False
            if self.session.read_only and action != "new_item":
                return False  # the follow view: nothing to change here
            if self.editing is not None or isinstance(self.focused, Input):
                return None  # the keys type into the field
            if action == "new_item":
                return True
            item = self.selected
            if item is None:
                return None
            if action in {"to_action", "to_follow_up"}:
                return None if item.action_id or item.follow_up or item.resolved else True
            if action == "back_to_lot":
                return True if item.action_id or item.follow_up or (item.resolved and not item.resolved_by) else None
            return True
        if action == "park" and self.editing is None and not self.can_park:
            return False
        return super().check_action(action, parameters)

    def action_to_action(self) -> None:
        """Open the action form filled in from the highlighted item; saving it links the item to the action."""
        from .action_form import ActionForm

        item = self.selected
        if item is None:
            return
        self.app.push_screen(ActionForm(self.session, parked_id=item.id), self._after_action_form)

    def _after_action_form(self, change: Change | None) -> None:
        if change is not None:
            self.last_change = change
            self.fill_list()
            self.show_error(change.message, error=False)
        self.set_focus(self.query_one(DataTable))
        self.refresh_bindings()

    def action_to_follow_up(self) -> None:
        """Make the highlighted item a topic of the follow-up meeting."""
        item = self.selected
        if item is not None:
            item_id = item.id
            self._list_change(lambda live: live.parked_to_follow_up(item_id))

    def action_back_to_lot(self) -> None:
        """Take back what became of the highlighted item: it is open in the parking lot again. An item that became
        an action item takes the action item with it, so that is asked first."""
        item = self.selected
        if item is None:
            return
        item_id = item.id
        action = self.session.meeting.action(item.action_id) if item.action_id else None
        if action is None:
            self._list_change(lambda live: live.back_to_parking_lot(item_id))
            return
        action_id = action.id

        def answered(yes: bool | None) -> None:
            if yes:
                self._list_change(lambda live: live.back_to_parking_lot(item_id))
            else:
                self.show_error(f"action item {action_id} kept", error=False)
            self.set_focus(self.query_one(DataTable))
            self.refresh_bindings()

        owner = f" ({action.owner})" if action.owner else ""
        self.app.push_screen(
            ConfirmDialog(
                f"Take back action item {action_id}? It is deleted.",
                f"{truncate(action.task, 60)}{owner} · the parked item is open again",
            ),
            answered,
        )

    def on_key(self, event: events.Key) -> None:
        """A list key that does nothing on the highlighted item says why, in the dialog's own message line (which
        stays in sight: at 80×24 the dialog covers the screen's)."""
        if isinstance(self.focused, Input) or self.editing is not None:
            return
        for binding in self._bindings.key_to_bindings.get(event.key, ()):
            action = binding.action
            if action in self.LIST_ACTIONS and self.check_action(action, ()) is None:
                reason = self.why_not(action)
                if reason:
                    event.stop()
                    self.show_error(reason, error=False)
                return

    def why_not(self, action: str) -> str:
        """Why a list key does nothing on the highlighted item (``""`` when it does something)."""
        item = self.selected
        if item is None:
            return "nothing is parked yet: n parks a new item"
        number = self.session.meeting.parking_lot.index(item) + 1
        state = parked_state(self.session.meeting, item)
        if action == "back_to_lot":
            if item.resolved_by:
                return f"item {number} was settled by a decision ({state}): amend the decision to change that"
            return f"item {number} is open in the parking lot: nothing to take back (a: action item, f: follow-up)"
        if action in {"to_action", "to_follow_up"}:
            if item.resolved_by:
                return f"item {number} was settled by a decision ({state})"
            return f"item {number} is already {state.lstrip('→✓ ')}: b takes that back first"
        return ""

    def _list_change(self, operation: Operation) -> None:
        change = self.apply(operation)
        if change is not None:
            self.fill_list()
            self.show_error(change.message, error=False)
        self.refresh_bindings()

    def action_edit(self) -> None:
        """Edit the owner and due date of the highlighted item in the form rows below the list."""
        item = self.selected
        if item is None or self.session.read_only:
            return
        self.editing = item.id
        self.show_error("")
        self.show_form()
        self.query_one("#parking-owner", Input).value = item.owner
        self.query_one("#parking-due", Input).value = item.due.isoformat() if item.due else ""
        self.focus_input("parking-owner")
        self.refresh_bindings()

    def action_new_item(self) -> None:
        """Go to the form that parks a new item."""
        if self.can_park:
            self.focus_input("parking-text")
