"""The actions pane: this meeting's action items with id, task, owner, due date and status."""

from __future__ import annotations

from textual.app import ComposeResult

from ...core.models import ActionStatus, Meeting
from ...store.search import locate
from .base import ColumnSpec, FittedTable, Pane
from .display import action_status


class ActionsTable(FittedTable):
    """One row per action item, in the order they were captured."""

    COLUMNS = (
        ColumnSpec("id", "ID", 6),
        ColumnSpec("task", "Task", None),
        ColumnSpec("owner", "Owner", 10),
        ColumnSpec("due", "Due", 5),
        ColumnSpec("status", "Status", 9),
    )

    def expected_width(self) -> int:
        """The actions pane spans the screen (``themes/app.tcss``), less its frame."""
        return self.app.size.width - Pane.FRAME_WIDTH


class ActionsPane(Pane):
    """Action items captured in this meeting. A search hit can select one and mark the hit in its task."""

    TITLE = "Actions"
    HELP = """\
## Actions
Every action item of this meeting: id, task, owner, due date (month-day) and
status (`○ open`, `◐ doing`, `● done`, `▲ late`, `■ blocked`).

`a` adds one with a form (owner completed from the attendees); in the note
field, `#action NAME TASK by WHEN` adds one too. `e` ends the meeting by
reviewing each item with its owner.
"""

    def compose(self) -> ComposeResult:
        yield ActionsTable(id="actions-table")

    def show(self, meeting: Meeting) -> None:
        rows = [
            (
                item.id,
                (item.id, item.task, item.owner, item.due.strftime("%m-%d") if item.due else "—", action_status(item)),
            )
            for item in meeting.actions
        ]
        self.query_one(ActionsTable).sync(rows)
        still_open = sum(1 for a in meeting.actions if a.status is not ActionStatus.DONE)
        self.border_subtitle = f"{still_open} open / {len(meeting.actions)}"

    def mark(self, meeting: Meeting, action_id: str | None, needle: str = "") -> None:
        """Select the action item's row and mark ``needle`` (folded) in its task where it is there (a hit in the
        deliverable selects the row only); ``None`` clears the mark."""
        table = self.query_one(ActionsTable)
        item = meeting.action(action_id) if action_id else None
        if item is None:
            table.mark(None)
            return
        where = locate(needle, item.task)
        table.mark(item.id, "task", *(where or (0, 0)))
