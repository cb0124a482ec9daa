"""Roll call (``r``): mark every attendee present, absent (with a reason) or represented by a proxy.

Move through the list with the arrows; ``p`` marks present, ``a`` asks for
the reason of an absence, ``x`` asks for the proxy's name, ``n`` adds someone
who walked in (name, department, role), marked present. After each mark
the cursor moves on to the next attendee.
"""

from __future__ import annotations

from rich.markup import escape
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Footer, Label, Static

from ...core.models import Attendance, Attendee, Meeting, Role
from ...core.text import truncate
from .base import PromptDialog
from .widgets import InlineError, NameInput, attendee_names, field

#: Short role names, so the list fits 80 columns.
_ROLES = {
    Role.DECISION_MAKER: "decides",
    Role.EXECUTOR: "executes",
    Role.SUPPORT: "supports",
    Role.EXPERT: "expert",
    Role.OBSERVER: "observes",
}

_MARKS = {
    Attendance.PRESENT: "✓ present",
    Attendance.ABSENT: "✗ absent",
    Attendance.PROXY: "⇄ proxy",
    Attendance.DECLINED: "✗ declined",
    Attendance.CONFIRMED: "· confirmed",
    Attendance.INVITED: "· invited",
}


def attendance_note(attendee: Attendee, meeting: Meeting) -> str:
    """The proxy and/or the reason of an absence, for the list's last column; a proxy who is away is said to be."""
    parts = []
    if attendee.proxy:
        away = " (away: nobody represents)" if meeting.proxy_away(attendee) else ""
        parts.append(f"by {attendee.proxy}{away}")
    if attendee.absence_reason:
        parts.append(attendee.absence_reason)
    return " · ".join(parts)


class RollCallDialog(PromptDialog):
    """Every attendee with department and role; mark each one by key."""

    BINDINGS = [
        Binding("p", "present", "Present", id="roll_call.present"),
        Binding("a", "absent", "Absent…", id="roll_call.absent"),
        Binding("x", "proxy", "Proxy…", id="roll_call.proxy"),
        Binding("n", "new", "New attendee…", id="roll_call.new"),
    ]

    PROMPT_ID = "roll-call-prompt"
    QUESTION_ID = "roll-call-question"
    LETTER_ACTIONS = frozenset({"present", "absent", "proxy", "new"})
    #: While a reason or proxy is asked for: which attendee (id), and what for; while someone who walked in is
    #: added: ``("new", step, answers so far)``.
    asking: tuple[str, Attendance] | tuple[str, str, tuple[str, ...]] | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="roll-call-dialog", classes="dialog"):
            yield Static("Roll call", classes="dialog-title", markup=False)
            yield DataTable(cursor_type="row", zebra_stripes=True, id="roll-call-table")
            yield Static(id="roll-call-detail", classes="muted", markup=False)
            with Horizontal(classes="prompt", id="roll-call-prompt"):
                yield Label("", id="roll-call-question", markup=False)
                yield field(id="roll-call-reason")
                yield field(id="roll-call-new")
                yield NameInput(attendee_names(self.session.meeting), id="roll-call-proxy", adds_attendee=False)
            yield Static(id="roll-call-summary", classes="muted", markup=False)
            yield InlineError(id="roll-call-error")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Name", "Department", "Role", "Attendance", "Proxy / reason")
        for attendee in self.session.meeting.attendees:
            table.add_row(*self.row(attendee), key=attendee.id)
        self.close_prompt()

    def row(self, attendee: Attendee) -> tuple[str, ...]:
        """The attendee's cells, escaped: the table reads strings as markup, and names and reasons are typed."""
        return tuple(
            escape(cell)
            for cell in (
                attendee.name,
                attendee.department or "—",
                _ROLES[attendee.role],
                _MARKS[attendee.attendance],
                truncate(attendance_note(attendee, self.session.meeting), 16),
            )
        )

    # -- the list --------------------------------------------------------------

    @property
    def selected(self) -> Attendee | None:
        """The attendee under the cursor."""
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((a for a in self.session.meeting.attendees if a.id == key), None)

    def refresh_row(self, attendee: Attendee) -> None:
        table = self.query_one(DataTable)
        for column, value in zip(table.columns, self.row(attendee), strict=True):
            table.update_cell(attendee.id, column, value, update_width=True)
        self.update_summary()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.update_detail()

    def update_detail(self) -> None:
        """The highlighted attendee in full: contact, proxy and reason, written input."""
        attendee = self.selected
        detail = self.query_one("#roll-call-detail", Static)
        if attendee is None:
            detail.update("")
            return
        parts = [attendee.name, attendee.role.value]
        if attendee.contact:
            parts.append(attendee.contact)
        if note := attendance_note(attendee, self.session.meeting):
            parts.append(note)
        detail.update(" · ".join(parts))

    def update_summary(self) -> None:
        attendees = self.session.meeting.attendees
        count = {state: sum(a.attendance is state for a in attendees) for state in Attendance}
        count[Attendance.PROXY] = sum(self.session.meeting.represented(a) for a in attendees)
        self.query_one("#roll-call-summary", Static).update(
            f"{count[Attendance.PRESENT]} present · {count[Attendance.PROXY]} by proxy · "
            f"{count[Attendance.ABSENT] + count[Attendance.DECLINED]} absent · "
            f"{count[Attendance.INVITED] + count[Attendance.CONFIRMED]} not yet called"
        )

    def mark(self, attendee: Attendee, attendance: Attendance, *, reason: str = "", proxy: str = "") -> bool:
        """Mark one attendee through the session; move the cursor on when it worked."""
        name = attendee.name
        if self.apply(lambda live: live.mark(name, attendance, reason=reason, proxy=proxy)) is None:
            return False
        self.refresh_row(attendee)
        self.query_one(DataTable).action_cursor_down()
        return True

    # -- keys ------------------------------------------------------------------

    def action_present(self) -> None:
        if (attendee := self.selected) is not None:
            self.mark(attendee, Attendance.PRESENT)

    def action_absent(self) -> None:
        if (attendee := self.selected) is not None:
            self.open_prompt(attendee, Attendance.ABSENT)

    def action_proxy(self) -> None:
        if (attendee := self.selected) is not None:
            self.open_prompt(attendee, Attendance.PROXY)

    # -- the reason / proxy prompt ---------------------------------------------------

    def open_prompt(self, attendee: Attendee, attendance: Attendance) -> None:
        proxy = attendance is Attendance.PROXY
        if proxy:
            self.ask((attendee.id, attendance), f"{attendee.name} is represented by", "roll-call-proxy", attendee.proxy)
        else:
            self.ask(
                (attendee.id, attendance),
                f"Why is {attendee.name} absent?",
                "roll-call-reason",
                attendee.absence_reason,
            )

    def action_new(self) -> None:
        """Someone walks in: ask for their name, then department, then role; they are marked present."""
        self.ask(("new", "name", ()), "Who walked in? Name", "roll-call-new")

    def _answer_new(self, step: str, answers: tuple[str, ...], value: str) -> bool:
        if step == "name":
            if not value.strip():
                self.show_error("say who walked in")
                return False
            if self.session.meeting.attendee(value) is not None:
                self.show_error(f"{value.strip()} is already an attendee: p marks them present")
                return False
            self.show_error("")
            self.ask(
                ("new", "department", (value.strip(),)), f"{value.strip()}: department (optional)", "roll-call-new"
            )
            return False
        if step == "department":
            roles = " / ".join(_ROLES.values())
            self.ask(("new", "role", (*answers, value.strip())), f"Role: {roles} (enter: executes)", "roll-call-new")
            return False
        name, department = answers
        words = {word: role for role, word in _ROLES.items()}
        typed = value.strip().casefold()
        role = next((r for w, r in words.items() if typed and w.startswith(typed)), None) if typed else Role.EXECUTOR
        if role is None:
            self.show_error(f"a role is one of: {', '.join(_ROLES.values())}")
            return False

        def add(live):  # noqa: ANN001, ANN202 - an operation
            change = live.add_attendee(name, department=department, role=role)
            change += live.mark(name, Attendance.PRESENT)
            change.message = f"{name} joined and is marked present"
            return change

        change = self.apply(add)
        if change is None:
            return False
        attendee = self.session.meeting.attendee(name)
        if attendee is not None:
            self.query_one(DataTable).add_row(*self.row(attendee), key=attendee.id)
        return True

    def prompt_closed(self) -> None:
        self.set_focus(self.query_one(DataTable))  # at once: the letter keys typed next act on the list
        self.update_summary()

    def answer(self, value: str) -> bool:
        if self.asking is None:
            return True
        if self.asking[0] == "new":
            _new, step, answers = self.asking  # type: ignore[misc]
            return self._answer_new(step, answers, value)  # type: ignore[arg-type]
        attendee_id, attendance = self.asking  # type: ignore[misc]
        attendee = next((a for a in self.session.meeting.attendees if a.id == attendee_id), None)
        if attendee is None:
            return True
        if attendance is Attendance.PROXY:
            return self.mark(attendee, attendance, proxy=value, reason=attendee.absence_reason)
        return self.mark(attendee, attendance, reason=value)
