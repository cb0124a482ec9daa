"""The plan screen's attendee and agenda tables: what fits, a row per person or topic, user text literal."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import DataTable

from ...core.models import Attendance, Meeting

RSVP = {
    Attendance.INVITED: "invited",
    Attendance.CONFIRMED: "confirmed ✓",
    Attendance.DECLINED: "declined ✗",
    Attendance.PRESENT: "present",
    Attendance.ABSENT: "absent",
    Attendance.PROXY: "proxy",
}


class PlanTable(DataTable):
    """A table of records keyed by their ids, keeping the cursor on the same record across refreshes."""

    COLUMNS: tuple[str, ...] = ()

    def __init__(self, meeting: Meeting, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.meeting = meeting

    def on_mount(self) -> None:
        self.add_columns(*self.COLUMNS)
        self.refill()

    def records(self) -> list[tuple[str, list[str]]]:
        raise NotImplementedError

    def refill(self, select: str | None = None) -> None:
        """Show the records as they are now; keep the cursor on ``select`` (an id), else where it was."""
        current = select or self.current_id
        self.clear()
        for key, cells in self.records():
            self.add_row(*(Text(cell) for cell in cells), key=key)
        if current is not None:
            keys = [key for key, _ in self.records()]
            if current in keys:
                self.move_cursor(row=keys.index(current))

    @property
    def current_id(self) -> str | None:
        """The id of the record under the cursor."""
        if not self.row_count:
            return None
        try:
            return self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        except Exception:  # an empty table or a stale cursor: nothing selected
            return None


class AttendeeTable(PlanTable):
    """Who is invited: name, department, role, answer, proxy, contact."""

    HELP = """## Attendees
`a` invite someone, `enter` edit the highlighted one (role, answer, proxy, written input), `x` remove,
`v` paste a list (one `name, department, role` a line)."""
    COLUMNS = ("Name", "Department", "Role", "RSVP", "Proxy", "Contact")

    def records(self) -> list[tuple[str, list[str]]]:
        return [
            (a.id, [a.name, a.department, a.role.value, RSVP[a.attendance], a.proxy, a.contact])
            for a in self.meeting.attendees
        ]


class AgendaTable(PlanTable):
    """The topics in agenda order: number, title, owner, minutes, expected output."""

    HELP = """## Agenda
`a` add a topic, `enter` edit the highlighted one, `x` delete it, `shift+↑` / `shift+↓` move it up or down.
Each topic wants an owner, planned minutes and an expected output; at most 5 core topics."""
    COLUMNS = ("#", "Topic", "Owner", "Min", "Expected output")

    def records(self) -> list[tuple[str, list[str]]]:
        return [
            (t.id, [str(n), t.title, t.owner, str(t.planned_minutes), t.expected_output])
            for n, t in enumerate(self.meeting.agenda, 1)
        ]
