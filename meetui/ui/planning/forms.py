"""The plan screen's dialogs: an attendee, a topic, a pasted list of attendees, a template's name.

Each works through :class:`~meetui.core.planning.Plan` via the session (saved as it is applied), keeps what
was typed when a value is refused (the reason shows inline), and closes with the change it made.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Input, Label, Select, Static, TextArea

from ...core.change import Change
from ...core.meeting import LiveMeeting
from ...core.models import Attendance, Attendee, Priority, Role, Topic
from ...core.planning import Plan
from ..dialogs.base import ENTER_IN_FORMS, MeetingDialog
from ..dialogs.widgets import InlineError, NameInput, attendee_names, field
from ..panes.typeahead import READLINE_MOVES, run_own_binding
from ..session import MeetingSession


class InOrderTextArea(TextArea):
    """A TextArea that takes typed characters, ``enter`` and editing keys the moment Textual hands them over, as
    :class:`~meetui.ui.panes.typeahead.InOrderInput` does, so that a priority binding (``ctrl+s`` saves) sees
    everything typed before it."""

    BINDINGS = READLINE_MOVES

    def _forward_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded and self._take_at_once(event):
            event._set_forwarded()
            return
        super()._forward_event(event)

    def _take_at_once(self, event: events.Key) -> bool:
        if self.read_only or self.disabled or not self.is_mounted or event.key == "escape":
            return False
        if event.key == "enter":
            text: str | None = "\n"
        elif event.key == "tab" and self.tab_behavior == "indent":
            text = "\t" if self.indent_type == "tabs" else " " * self._find_columns_to_next_tab_stop()
        else:
            text = event.character if event.is_printable else None
        if text is not None:
            self._restart_blink()
            self._replace_via_keyboard(text, *self.selection)
            return True
        if run_own_binding(self, event.key):
            self._restart_blink()
            return True
        return False


ROLES = [
    ("decision-maker 决策层", Role.DECISION_MAKER.value),
    ("executor 执行层", Role.EXECUTOR.value),
    ("support 支持层", Role.SUPPORT.value),
    ("expert 专家", Role.EXPERT.value),
    ("observer 观察员", Role.OBSERVER.value),
]
ANSWERS = [
    ("invited 已邀请", Attendance.INVITED.value),
    ("confirmed 已确认", Attendance.CONFIRMED.value),
    ("declined 已拒绝", Attendance.DECLINED.value),
]
PRIORITIES = [("high 高", Priority.HIGH.value), ("medium 中", Priority.MEDIUM.value), ("low 低", Priority.LOW.value)]
SAVE = Binding("ctrl+s", "save", "Save", id="plan.form.save", priority=True)


def planned(operation: Callable[[Plan], Change]) -> Callable[[LiveMeeting], Change]:
    """A planning operation as a session operation (same meeting, id source and clock: a start that has passed
    is refused)."""
    return lambda live: operation(Plan(live.meeting, live.ids, live.clock))


class FormDialog(MeetingDialog):
    """A form of rows (label, field); ``enter`` moves on, ``enter`` in the last field or ``ctrl+s`` saves."""

    BINDINGS = [SAVE, *ENTER_IN_FORMS]
    TITLE_TEXT = ""
    #: The rows: (id, label); the widget of each comes from :meth:`widget`.
    ROWS: tuple[tuple[str, str], ...] = ()

    def __init__(self, session: MeetingSession, focus: str = "") -> None:
        super().__init__(session)
        self.focus_field = focus

    def widget(self, name: str) -> Input | Select:
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog plan-form"):
            yield Static(self.TITLE_TEXT, classes="dialog-title", markup=False)
            for name, label in self.ROWS:
                with Horizontal(classes="form-row"):
                    yield Label(label, classes="row-label", markup=False)
                    yield self.widget(name)
            yield Static("⏎ next field · ctrl+s save · esc close", classes="hint", markup=False)
            yield InlineError()
        yield Footer()

    def on_mount(self) -> None:
        first = self.focus_field or self.ROWS[0][0]
        widget = self.query_one(f"#form-{first}")
        if isinstance(widget, Input):
            self.focus_input(f"form-{first}")
        else:
            self.set_focus(widget)

    def field_order(self) -> list[str]:
        return [f"form-{name}" for name, _ in self.ROWS if isinstance(self.query_one(f"#form-{name}"), Input)]

    def value(self, name: str) -> Any:
        widget = self.query_one(f"#form-{name}")
        return widget.value if isinstance(widget, Input | Select) else None

    def submit(self) -> None:
        """``enter`` in the last field saves (the dialogs' shared ``enter`` binding calls this)."""
        self.action_save()

    def action_save(self) -> None:
        raise NotImplementedError


class AttendeeDialog(FormDialog):
    """Invite someone, or change an attendee (``attendee`` given): name, department, role, contact, answer,
    and for a declined person the proxy and their written input."""

    ROWS = (
        ("name", "Name"),
        ("department", "Department"),
        ("role", "Role"),
        ("contact", "Contact"),
        ("attendance", "RSVP"),
        ("proxy", "Proxy"),
        ("written_input", "Written input"),
        ("bring", "Bring"),
    )

    def __init__(self, session: MeetingSession, attendee: Attendee | None = None, focus: str = "") -> None:
        super().__init__(session, focus)
        self.attendee = attendee
        self.TITLE_TEXT = f"Attendee: {attendee.name}" if attendee else "Invite an attendee"

    def widget(self, name: str) -> Input | Select:
        a = self.attendee
        if name == "role":
            return Select(
                ROLES, value=(a.role if a else Role.EXECUTOR).value, allow_blank=False, compact=True, id="form-role"
            )
        if name == "attendance":
            current = a.attendance.value if a and a.attendance.value in {v for _, v in ANSWERS} else "invited"
            return Select(ANSWERS, value=current, allow_blank=False, compact=True, id="form-attendance")
        if name == "proxy":
            return NameInput(
                attendee_names(self.session.meeting),
                value=a.proxy if a else "",
                placeholder="who attends for them (代理人)",
                id="form-proxy",
                adds_attendee=False,  # a proxy stands in for an attendee
            )
        placeholders = {
            "name": "name (姓名)",
            "department": "department (部门)",
            "contact": "e-mail or phone",
            "written_input": "their view, if they cannot come",
            "bring": "what they should bring",
        }
        return field(placeholders[name], value=str(getattr(a, name)) if a else "", id=f"form-{name}")

    def action_save(self) -> None:
        if not self.names_settled("ctrl+s"):
            return
        values = {name: self.value(name) for name, _ in self.ROWS}
        name = values.pop("name")
        if self.attendee is None:
            change = self.apply(planned(lambda plan: plan.add_attendee(name, **values)))
        else:
            who = self.attendee.name
            change = self.apply(planned(lambda plan: plan.set_attendee(who, name=name, **values)))
        if change is not None:
            self.dismiss(change)


class TopicDialog(FormDialog):
    """Add a topic, or change one (``topic`` given): title, goal, owner (completed from the attendees),
    planned minutes, expected output, priority, background, materials."""

    ROWS = (
        ("title", "Topic"),
        ("goal", "Goal"),
        ("owner", "Owner"),
        ("planned_minutes", "Minutes"),
        ("expected_output", "Expected output"),
        ("priority", "Priority"),
        ("background", "Background"),
        ("materials", "Materials"),
    )

    def __init__(self, session: MeetingSession, topic: Topic | None = None, focus: str = "") -> None:
        super().__init__(session, focus)
        self.topic = topic
        self.TITLE_TEXT = f"Topic: {topic.title}" if topic else "Add a topic"

    def widget(self, name: str) -> Input | Select:
        t = self.topic
        if name == "priority":
            return Select(
                PRIORITIES,
                value=(t.priority if t else Priority.MEDIUM).value,
                allow_blank=False,
                compact=True,
                id="form-priority",
            )
        if name == "owner":
            return NameInput(
                attendee_names(self.session.meeting),
                value=t.owner if t else "",
                placeholder="who presents it (→ completes)",
                id="form-owner",
            )
        if name == "planned_minutes":
            return field("10", value=str(t.planned_minutes) if t else "10", id="form-planned_minutes")
        if name == "materials":
            return field(
                "202611-topic-material_v1.0 <link>; …",
                value="; ".join(str(m) for m in t.materials) if t else "",
                id="form-materials",
            )
        placeholders = {
            "title": "what is decided (议题)",
            "goal": "what the topic must settle",
            "expected_output": "a decision, a list, a date (预期产出)",
            "background": "context, ≤ 3 min",
        }
        return field(placeholders[name], value=str(getattr(t, name)) if t else "", id=f"form-{name}")

    def action_save(self) -> None:
        if not self.names_settled("ctrl+s"):
            return
        values = {name: self.value(name) for name, _ in self.ROWS}
        minutes = str(values["planned_minutes"]).strip() or "10"
        if not minutes.isdigit():
            self.show_error(f"minutes: write a whole number (got {minutes!r})")
            self.focus_input("form-planned_minutes")
            return
        values["planned_minutes"] = int(minutes)
        title = values.pop("title")
        if self.topic is None:
            change = self.apply(planned(lambda plan: plan.add_topic(title, **values)))
        else:
            ref = self.topic.id
            change = self.apply(planned(lambda plan: plan.set_topic(ref, title=title, **values)))
        if change is not None:
            self.dismiss(change)


class ImportDialog(MeetingDialog):
    """Paste a list of attendees, one ``name, department, role`` a line; ``ctrl+s`` invites them."""

    BINDINGS = [SAVE]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog plan-form"):
            yield Static("Paste attendees: name, department, role (one a line)", classes="dialog-title", markup=False)
            yield InOrderTextArea(id="import-text", soft_wrap=True, show_line_numbers=True)
            yield Static("ctrl+s invite them · esc close", classes="hint", markup=False)
            yield InlineError()
        yield Footer()

    def on_mount(self) -> None:
        self.set_focus(self.query_one(TextArea))

    def action_save(self) -> None:
        text = self.query_one(TextArea).text
        change = self.apply(planned(lambda plan: plan.import_attendees(text)))
        if change is not None:
            self.dismiss(change)


class TemplateNameDialog(MeetingDialog):
    """Ask the name to save the plan under as a template; dismissed with the name (``None`` if closed)."""

    BINDINGS = [SAVE, *ENTER_IN_FORMS]

    def __init__(self, session: MeetingSession, name: str) -> None:
        super().__init__(session)
        self.default = name

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog plan-form"):
            yield Static("Save the plan as a template", classes="dialog-title", markup=False)
            with Horizontal(classes="form-row"):
                yield Label("Name", classes="row-label", markup=False)
                yield field("file name, e.g. weekly-product", value=self.default, id="template-name")
            yield Static("⏎ save · esc close", classes="hint", markup=False)
            yield InlineError()
        yield Footer()

    def on_mount(self) -> None:
        self.focus_input("template-name")

    def field_order(self) -> list[str]:
        return ["template-name"]

    def submit(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        name = self.query_one("#template-name", Input).value.strip()
        if not name:
            self.show_error("give the template a name")
            return
        self.dismiss(name)  # type: ignore[arg-type]
