"""The plan screen (``meetui plan MEETING``): prepare a meeting by keyboard, checked as you go.

Three parts, each reachable by a key: **details** (a form), **attendees** and the **agenda** (tables with
forms of their own), and beside them the **checks** of the practice (:mod:`meetui.core.checks`), updated
as you type, with a key that jumps to the field that fixes one. Every change goes through
:class:`~meetui.core.planning.Plan` and the session's writer (:class:`~meetui.ui.session.MeetingSession`),
so it is on disk as it is made, with the store's guarantees. From here the meeting starts (the live
screen, same session), its notice is written (Markdown and ICS, in a worker), and the plan is saved as a
template.
"""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Input, OptionList, Static

from ...core.checks import Finding, check, meeting_lang
from ...core.errors import MeetuiError
from ...core.models import Meeting, MeetingStatus
from ...core.text import slugify
from ..keys import Command, ScreenCommands, bindings
from ..panes.keybar import KeyBar
from ..planning.checks import ChecksList
from ..planning.details import DetailsPane, field_text
from ..planning.forms import AttendeeDialog, ImportDialog, TemplateNameDialog, TopicDialog, planned
from ..planning.tables import AgendaTable, AttendeeTable, PlanTable
from ..session import MeetingSession
from ..themes import load_stylesheet

PLAN_COMMANDS: tuple[Command, ...] = (
    Command(
        "plan.details",
        "f2",
        "focus_part('details')",
        "details",
        "Go to the details form.",
        priority=True,
        palette="Go to the details",
    ),
    Command(
        "plan.attendees",
        "f3",
        "focus_part('attendees')",
        "attendees",
        "Go to the attendees.",
        priority=True,
        palette="Go to the attendees",
    ),
    Command(
        "plan.agenda",
        "f4",
        "focus_part('agenda')",
        "agenda",
        "Go to the agenda.",
        priority=True,
        palette="Go to the agenda",
    ),
    Command(
        "plan.checks",
        "f5",
        "focus_part('checks')",
        "checks",
        "Go to the checks.",
        priority=True,
        palette="Go to the checks",
    ),
    Command(
        "plan.fix",
        "f6",
        "fix",
        "fix",
        "Jump to the field that fixes the first check (or the highlighted one).",
        priority=True,
        palette="Fix: jump to the field a check asks for",
    ),
    Command(
        "plan.add",
        "a",
        "add",
        "add",
        "Invite an attendee, or add a topic (in the table that has focus).",
        palette="Add an attendee or a topic",
    ),
    Command("plan.edit", "enter", "edit", "edit", "Edit the highlighted attendee or topic.", show=False),
    Command(
        "plan.remove",
        "x,delete",
        "remove",
        "remove",
        "Remove the highlighted attendee or topic.",
        key_display="x",
        palette="Remove the highlighted attendee or topic",
    ),
    Command(
        "plan.move_up",
        "shift+up",
        "move(-1)",
        "up",
        "Move the highlighted topic up the agenda.",
        key_display="⇧↑",
        palette="Move the topic up",
    ),
    Command(
        "plan.move_down",
        "shift+down",
        "move(1)",
        "down",
        "Move the highlighted topic down the agenda.",
        key_display="⇧↓",
        palette="Move the topic down",
    ),
    Command(
        "plan.import",
        "v",
        "import_attendees",
        "paste list",
        "Paste a list of attendees: one `name, department, role` a line.",
        palette="Paste a list of attendees",
    ),
    Command(
        "plan.notice",
        "ctrl+n",
        "notice",
        "notice",
        "Write the meeting notice (Markdown and ICS) here.",
        priority=True,
        palette="Write the notice",
    ),
    Command(
        "plan.template",
        "ctrl+t",
        "save_template",
        "template",
        "Save this plan as one of your templates.",
        priority=True,
        palette="Save as a template",
    ),
    Command(
        "plan.start",
        "ctrl+r",
        "start",
        "run",
        "Start the meeting: the live screen.",
        priority=True,
        palette="Start the meeting",
    ),
)

#: Which part each ``field`` of a finding lives in, for the detail fields.
DETAIL_IDS = {
    "goal": "goal",
    "planned_minutes": "planned_minutes",
    "host": "host",
    "note_taker": "note_taker",
    "scheduled_start": "start",
    "place": "place",
    "materials": "materials",
    "title": "title",
}


class PlanScreen(Screen):
    """Prepare one meeting: details, attendees, agenda, and the checks beside them."""

    KEY_COMMANDS = PLAN_COMMANDS
    BINDINGS = bindings(PLAN_COMMANDS)
    COMMANDS = {ScreenCommands}
    HELP = """## Plan
Prepare the meeting: `f2` details, `f3` attendees, `f4` agenda, `f5` checks. Everything is saved as you
type. The checks beside the form follow the practice; `f6` jumps to the field that fixes one.
`ctrl+n` writes the notice, `ctrl+t` saves the plan as a template, `ctrl+r` starts the meeting."""

    def __init__(self, session: MeetingSession, *, notice: str = "", out_dir: Path | None = None) -> None:
        super().__init__()
        load_stylesheet(self, "plan.tcss")
        self.session = session
        self.notice_text = notice
        self.out_dir = out_dir or Path.cwd()
        self.findings: list[Finding] = []
        #: The roles the meeting kind's template says to invite (read in a worker).
        self.roles_to_invite: list[str] = []

    @property
    def meeting(self) -> Meeting:
        return self.session.meeting

    def compose(self) -> ComposeResult:
        yield Static(self._title(), id="plan-title", markup=False)
        with Horizontal(id="plan-body"):
            with Vertical(id="plan-main"):
                yield DetailsPane(self.meeting, id="plan-details")
                with Vertical(id="plan-people", classes="plan-part"):
                    yield AttendeeTable(self.meeting, id="plan-attendees")
                with Vertical(id="plan-topics", classes="plan-part"):
                    yield AgendaTable(self.meeting, id="plan-agenda")
            with Vertical(id="plan-side", classes="plan-part"):
                yield ChecksList(id="plan-checks")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#plan-people").border_title = "Attendees (f3)"
        self.query_one("#plan-topics").border_title = "Agenda (f4)"
        self.query_one("#plan-side").border_title = "Checks (f5)"
        self.query_one("#plan-details").border_title = "Details (f2)"
        self.session.on_error.append(self._write_failed)
        self.refresh_checks()
        self._load_roles(self.meeting.kind.value, meeting_lang(self.meeting))
        if self.session.read_only:  # another process has the meeting open: look, do not touch
            for widget in self.query("#plan-details Input, #plan-details Select, #plan-details Checkbox"):
                widget.disabled = True
        if self.notice_text:
            self.notify(self.notice_text, severity="warning")
        if not self.session.read_only:
            self.set_focus(self.query_one("#detail-title", Input))
        else:
            self.set_focus(self.query_one("#plan-checks"))

    def _title(self) -> str:
        status = "read-only: " if self.session.read_only else ""
        return f"{status}Plan — {self.meeting.title}  [{self.meeting.id}]"

    def _write_failed(self, error: Exception) -> None:
        self.app.call_from_thread(self.notify, f"not saved yet: {error}", severity="error")

    # -- changes -------------------------------------------------------------------------

    def refresh_checks(self) -> None:
        """Run the checks on the plan as it is now and show them."""
        self.findings = check(self.meeting, self.session.clock.now(), meeting_lang(self.meeting))
        self.query_one(ChecksList).show(self.findings)
        self.query_one("#plan-side").border_subtitle = f"{sum(f.level == 'warning' for f in self.findings)} warning(s)"

    @work(thread=True, exclusive=True, group="roles", exit_on_error=False)
    def _load_roles(self, kind: str, lang: str) -> None:
        """Read the roles the kind's template invites (a file: off the UI thread)."""
        from ...importers.templates import find_template

        try:
            roles = [r["role"] for r in find_template(kind).roles_to_invite(lang)]
        except MeetuiError:
            roles = []
        self.app.call_from_thread(self._show_roles, roles)

    def _show_roles(self, roles: list[str]) -> None:
        self.roles_to_invite = roles
        self.show_missing_roles()

    def show_missing_roles(self) -> None:
        """Say under the attendees which roles the kind's template invites and nobody has yet."""
        have = {a.role.value for a in self.meeting.attendees}
        missing = [r for r in self.roles_to_invite if r not in have]
        self.query_one("#plan-people").border_subtitle = f"to invite: {', '.join(missing)}" if missing else ""

    def changed(self, select: str | None = None) -> None:
        """Show the plan after a change: tables, completions, title and checks."""
        self.show_missing_roles()
        self.query_one(AttendeeTable).refill()
        self.query_one(AgendaTable).refill(select)
        self.query_one(DetailsPane).refresh_names()
        self.query_one("#plan-title", Static).update(self._title())
        self.refresh_checks()

    def on_details_pane_edited(self, message: DetailsPane.Edited) -> None:
        """Save a detail as it is typed; text that does not read yet stays in its field, marked."""
        name, value = message.name, message.value
        if name == "start":
            values = {"scheduled_start": value} if str(value).strip() else {}
            if not values:
                return
            try:
                values = {"scheduled_start": self._when(str(value))}
            except MeetuiError as error:
                self.query_one(DetailsPane).show_error(str(error), name)
                self.refresh_checks()
                return
        elif name == "planned_minutes":
            text = str(value).strip()
            if not text.isdigit():
                self.query_one(DetailsPane).show_error(f"minutes: write a whole number (got {text!r})", name)
                return
            values = {name: int(text)}
        else:
            values = {name: value}
        if name not in {"start", "kind", "urgent"} and field_text(self.meeting, name) == value:
            return
        try:
            self.session.apply(planned(lambda plan: plan.set_details(**values)))
        except MeetuiError as error:
            self.query_one(DetailsPane).show_error(str(error), name)
            return
        self.query_one(DetailsPane).show_error("")
        if name == "timezone":  # the start keeps its wall time; show it
            start = self.query_one("#detail-start", Input)
            with start.prevent(Input.Changed):
                start.value = field_text(self.meeting, "start")
        if name == "title":
            self.query_one("#plan-title", Static).update(self._title())
        if name == "kind":
            self._load_roles(self.meeting.kind.value, meeting_lang(self.meeting))
        self.refresh_checks()  # a detail changes no table: only the checks and the title follow each key

    def _when(self, text: str) -> object:
        """A start time typed in the form, read with the words of ``--at``."""
        from ...core.clock import in_zone
        from ...core.dates import parse_when

        zone = self.meeting.timezone
        return parse_when(text, in_zone(self.session.clock.now(), zone).date(), zone)

    # -- parts -----------------------------------------------------------------------------

    def _table(self) -> PlanTable | None:
        focused = self.focused
        return focused if isinstance(focused, PlanTable) else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        table = self._table()
        if action in {"add", "import_attendees", "remove", "edit", "move"} and self.session.read_only:
            return None
        if action == "add":
            return table is not None or None
        if action in {"edit", "remove"}:
            return (table is not None and table.current_id is not None) or None
        if action == "import_attendees":
            return isinstance(table, AttendeeTable) or None
        if action == "move":
            return (isinstance(table, AgendaTable) and table.current_id is not None) or None
        if action == "fix":
            return bool(self.findings) or None
        if action == "notice":
            return self.meeting.scheduled_start is not None or None
        if action == "start":
            return (not self.session.read_only and self.meeting.status is not MeetingStatus.ENDED) or None
        return True

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    def action_focus_part(self, part: str) -> None:
        """Focus one part: ``details`` (its first field), ``attendees``, ``agenda`` or ``checks``."""
        target = {
            "details": "#detail-title",
            "attendees": "#plan-attendees",
            "agenda": "#plan-agenda",
            "checks": "#plan-checks",
        }[part]
        self.set_focus(self.query_one(target))

    def action_add(self) -> None:
        if isinstance(self._table(), AttendeeTable):
            self.app.push_screen(AttendeeDialog(self.session), self._after_form)
        else:
            self.app.push_screen(TopicDialog(self.session), self._after_form)

    def action_edit(self, focus: str = "") -> None:
        table = self._table()
        if table is None or table.current_id is None:
            return
        if isinstance(table, AttendeeTable):
            attendee = next(a for a in self.meeting.attendees if a.id == table.current_id)
            self.app.push_screen(AttendeeDialog(self.session, attendee, focus), self._after_form)
        else:
            topic = self.meeting.topic(table.current_id)
            self.app.push_screen(TopicDialog(self.session, topic, focus), self._after_form)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    def action_remove(self) -> None:
        table = self._table()
        if table is None or table.current_id is None:
            return
        record_id = table.current_id
        if isinstance(table, AttendeeTable):
            name = next(a.name for a in self.meeting.attendees if a.id == record_id)
            self._apply(planned(lambda plan: plan.remove_attendee(name)))
        else:
            self._apply(planned(lambda plan: plan.remove_topic(record_id)))

    def action_move(self, step: int) -> None:
        table = self._table()
        if not isinstance(table, AgendaTable) or table.current_id is None:
            return
        record_id = table.current_id
        self._apply(planned(lambda plan: plan.move_topic_by(record_id, int(step))), select=record_id)

    def action_import_attendees(self) -> None:
        self.app.push_screen(ImportDialog(self.session), self._after_form)

    def _apply(self, operation, select: str | None = None) -> None:  # noqa: ANN001 - a session operation
        try:
            change = self.session.apply(operation)
        except MeetuiError as error:
            self.notify(str(error), severity="error")
            return
        self.notify(change.message)
        self.changed(select)

    def _after_form(self, change: object) -> None:
        if change is not None:
            self.notify(getattr(change, "message", "") or "saved")
        self.changed()

    # -- checks ------------------------------------------------------------------------------

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        finding = self.query_one(ChecksList).current
        if finding is not None:
            self.jump_to(finding)

    def action_fix(self) -> None:
        """Jump to the field that fixes the highlighted check (in the checks), else the first one."""
        checks = self.query_one(ChecksList)
        finding = checks.current if checks.has_focus and checks.current else None
        if finding is None and self.findings:
            finding = self.findings[0]
        if finding is not None:
            self.jump_to(finding)

    def jump_to(self, finding: Finding) -> None:
        """Focus the field ``finding.field`` names: a detail, a table, or a record's form at that field."""
        where = finding.field
        if where in DETAIL_IDS:
            field = self.query_one(f"#detail-{DETAIL_IDS[where]}", Input)
            self.set_focus(field)
            field.cursor_position = len(field.value)
            return
        kind, _, rest = where.partition(":")
        record_id, _, field_name = rest.partition(":")
        if kind in {"topics", "topic"}:
            table: PlanTable = self.query_one(AgendaTable)
        else:
            table = self.query_one(AttendeeTable)
        self.set_focus(table)
        if record_id:
            table.refill(record_id)
            self.action_edit(field_name)

    # -- leaving the plan ------------------------------------------------------------------

    def action_start(self) -> None:
        """Start the meeting: the live screen takes over the same session (and its writer lock)."""
        from .live import LiveScreen

        warnings = sum(f.level == "warning" for f in self.findings)
        if warnings:
            self.notify(f"starting with {warnings} warning(s) from the checks", severity="warning")
        self.session.on_error.remove(self._write_failed)
        # pushed, not switched: the plan may be the app's first screen, which cannot be switched away
        self.app.push_screen(LiveScreen(self.session))

    def action_notice(self) -> None:
        self._write_notice(self.meeting.model_copy(deep=True))

    @work(thread=True, exclusive=True, group="notice", exit_on_error=False)
    def _write_notice(self, meeting: Meeting) -> None:
        """Write ``<date>-<title>-notice.md`` and ``.ics`` in the output folder (a worker: it is disk work)."""
        from ...export.files import write_text
        from ...export.notice import notice

        lang = meeting_lang(meeting)
        stem = f"{field_text(meeting, 'start')[:10]}-{slugify(meeting.title) or meeting.id}-notice"
        try:
            paths = [
                write_text(self.out_dir / f"{stem}.{fmt}", notice(meeting, fmt, lang, self.session.clock.now()))
                for fmt in ("md", "ics")
            ]
        except MeetuiError as error:
            self.app.call_from_thread(self.notify, str(error), severity="error")
            return
        self.app.call_from_thread(self.notify, "notice written: " + ", ".join(str(p) for p in paths))

    def action_save_template(self) -> None:
        default = slugify(self.meeting.title) or self.meeting.kind.value
        self.app.push_screen(TemplateNameDialog(self.session, default), self._save_template)

    def _save_template(self, name: object) -> None:
        if isinstance(name, str) and name:
            self._write_template(self.meeting.model_copy(deep=True), name)

    @work(thread=True, exclusive=True, group="template", exit_on_error=False)
    def _write_template(self, meeting: Meeting, name: str) -> None:
        from ...importers.templates import save_template

        try:
            path = save_template(meeting, name, meeting_lang(meeting))
        except MeetuiError as error:
            self.app.call_from_thread(self.notify, str(error), severity="error")
            return
        self.app.call_from_thread(self.notify, f"template saved: {path}")
