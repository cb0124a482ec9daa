"""The plan screen's details form: title, kind, goal, urgent, start, zone, minutes, place, host, note-taker,
materials and notes to attendees.

Each field is saved as it is typed (through :meth:`~meetui.core.planning.Plan.set_details`); text that is
not valid yet (a start time half typed) stays in the field, marked, with the reason in the form's message
line, and is saved as soon as it reads.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import Checkbox, Input, Label, Select

from ...core.clock import in_zone
from ...core.models import Meeting, MeetingKind
from ..dialogs.widgets import InlineError, NameInput, attendee_names, field

#: The form's fields: id suffix, label, placeholder.
FIELDS = (
    ("title", "Title", "the meeting's name"),
    ("goal", "Goal", "specific, measurable, time-bound: what will be decided, by when"),
    ("start", "Start", "2026-12-01 10:00, fri 14:00, 明天 10:00"),
    ("timezone", "Zone", "Asia/Shanghai"),
    ("planned_minutes", "Minutes", "at most 90 (60 if urgent)"),
    ("place", "Place / link", "room, or the call's link"),
    ("host", "Host", "主持人 (→ completes)"),
    ("note_taker", "Note-taker", "记录人 (→ completes)"),
    ("materials", "Materials", "202611-topic-material_v1.0 <link>; …"),
    ("notes_to_attendees", "Notes", "what to read, bring or decide beforehand"),
)
KIND_LABELS = {
    MeetingKind.KICKOFF: "project kickoff 项目启动会",
    MeetingKind.STAGE_REVIEW: "stage review 阶段评审会",
    MeetingKind.PROBLEM_SOLVING: "problem-solving 问题解决专项会",
    MeetingKind.REQUIREMENTS_HANDOFF: "requirements hand-off 需求对接会",
    MeetingKind.ALIGNMENT: "goal alignment 目标对齐会",
    MeetingKind.RETROSPECTIVE: "retrospective 协作复盘会",
    MeetingKind.WEEKLY_SYNC: "weekly sync 周例会",
    MeetingKind.OTHER: "other 其他",
}


def field_text(meeting: Meeting, name: str) -> str:
    """A detail as the form shows it."""
    if name == "start":
        start = meeting.scheduled_start
        return in_zone(start, meeting.timezone).strftime("%Y-%m-%d %H:%M") if start else ""
    if name == "planned_minutes":
        return str(meeting.planned_minutes)
    if name == "materials":
        return "; ".join(str(m) for m in meeting.materials)
    return str(getattr(meeting, name))


class DetailsPane(VerticalScroll):
    """The meeting's own fields, one per row; each change is sent up as :class:`DetailsPane.Edited`."""

    HELP = """## Details
Each field is saved as you type. **Start** takes a date and a time (`2026-12-01 10:00`, `fri 14:00`,
`明天 10:00`) in the **Zone**; **Materials** are `name <link>` items separated by `;`. Host and note-taker
complete from the attendees (→). The checks beside the form update as you type."""

    @dataclass
    class Edited(Message):
        """A detail changed: ``name`` (a :data:`FIELDS` id, ``kind`` or ``urgent``) and its new value."""

        name: str
        value: object

    def __init__(self, meeting: Meeting, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id, can_focus=False)
        self.meeting = meeting
        self.border_title = "Details"

    def compose(self) -> ComposeResult:
        names = attendee_names(self.meeting)
        for name, label, placeholder in FIELDS:
            with Horizontal(classes="form-row"):
                yield Label(label, classes="row-label", markup=False)
                value = field_text(self.meeting, name)
                if name in {"host", "note_taker"}:
                    yield NameInput(names, value=value, placeholder=placeholder, id=f"detail-{name}")
                else:
                    # Focus selects the text, as it always has here: typing replaces a detail rather than extends it.
                    yield field(placeholder, value=value, id=f"detail-{name}", select_on_focus=True)
            if name == "title":
                with Horizontal(classes="form-row"):
                    yield Label("Kind", classes="row-label", markup=False)
                    yield Select(
                        [(text, kind.value) for kind, text in KIND_LABELS.items()],
                        value=self.meeting.kind.value,
                        allow_blank=False,
                        compact=True,
                        id="detail-kind",
                    )
                    yield Checkbox("urgent", value=self.meeting.urgent, compact=True, id="detail-urgent")
        yield InlineError(id="details-error")

    def refresh_names(self) -> None:
        """Complete host and note-taker from the attendees as they are now."""
        from textual.suggester import SuggestFromList

        for name in ("host", "note_taker"):
            self.query_one(f"#detail-{name}", Input).suggester = SuggestFromList(
                attendee_names(self.meeting), case_sensitive=False
            )

    def show_error(self, message: str, field_name: str = "") -> None:
        """Say why a field is not saved yet (``""`` clears it), marking that field.

        The message shows in the form's message line and in its bottom border, seen even when the form is
        too short for the line (80×24); as content, so what was typed is never read as markup.
        """
        from textual.content import Content

        self.query_one(InlineError).show(message)
        self.border_subtitle = Content(message) if message else None
        for widget in self.query(Input):
            widget.set_class(bool(message) and widget.id == f"detail-{field_name}", "-invalid-value")

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id and event.input.id.startswith("detail-"):
            event.stop()
            self.post_message(self.Edited(event.input.id.removeprefix("detail-"), event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.screen.focus_next()

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        if event.value != self.meeting.kind.value:
            self.post_message(self.Edited("kind", event.value))

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        if event.value != self.meeting.urgent:
            self.post_message(self.Edited("urgent", event.value))
