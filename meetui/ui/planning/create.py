"""Creating a meeting from the home screen (``c``): a title and a kind, then its plan screen.

The kind's template (:mod:`meetui.importers.templates`) seeds the agenda, as ``meetui new --kind`` does;
the meeting is written in a worker and the dialog closes with its id.
"""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label, Select, Static

from ...core.checks import meeting_lang
from ...core.clock import Clock
from ...core.errors import MeetuiError
from ...core.meeting import new_meeting
from ...core.models import Meeting
from ...store import Store
from ..dialogs.widgets import InlineError, field
from ..themes import load_stylesheet
from .details import KIND_LABELS


class CreateMeetingDialog(ModalScreen[str | None]):
    """Ask a title and a kind; create the meeting (its template seeds the agenda); close with its id."""

    BINDINGS = [
        Binding("escape", "close", "Close", id="create.close"),
        Binding("ctrl+s", "create", "Create", id="create.create", priority=True),
    ]

    def __init__(self, store: Store, clock: Clock) -> None:
        super().__init__()
        load_stylesheet(self, "plan.tcss")
        self.store = store
        self.clock = clock

    def compose(self) -> ComposeResult:
        with Vertical(classes="create-dialog"):
            yield Static("Create a meeting", classes="dialog-title", markup=False)
            with Horizontal(classes="form-row"):
                yield Label("Title", classes="row-label", markup=False)
                yield field("the meeting's name (会议名称)", id="create-title")
            with Horizontal(classes="form-row"):
                yield Label("Kind", classes="row-label", markup=False)
                yield Select(
                    [(text, kind.value) for kind, text in KIND_LABELS.items()],
                    value="other",
                    allow_blank=False,
                    compact=True,
                    id="create-kind",
                )
            yield Static("⏎ create and plan · esc close", classes="hint", markup=False)
            yield InlineError()
        yield Footer()

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#create-title", Input))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_create()

    def action_close(self) -> None:
        self.dismiss(None)

    def action_create(self) -> None:
        title = self.query_one("#create-title", Input).value
        if not title.strip():
            self.query_one(InlineError).show("give the meeting a title")
            return
        self._create(title, str(self.query_one("#create-kind", Select).value))

    @work(thread=True, exclusive=True, group="create", exit_on_error=False)
    def _create(self, title: str, kind: str) -> None:
        """Build and store the meeting (disk work, off the UI thread)."""
        try:
            meeting = self.meeting(title, kind)
            self.store.create(meeting)
        except (MeetuiError, OSError) as error:
            self.app.call_from_thread(self.query_one(InlineError).show, str(error))
            return
        self.app.call_from_thread(self.dismiss, meeting.id)

    def meeting(self, title: str, kind: str) -> Meeting:
        """The new meeting: from the kind's template when there is one, else a bare draft of that kind."""
        from ...importers.templates import find_template

        try:
            template = find_template(kind)
        except MeetuiError:
            return new_meeting(title, self.clock, kind=kind)
        lang = meeting_lang(Meeting.model_construct(title=title, goal=""))
        return new_meeting(title, self.clock, **template.meeting_fields(lang))
