"""What every live-screen dialog shares: the session, applying operations, inline errors, closing.

A dialog changes the meeting only through :meth:`MeetingDialog.apply`, which
runs a core operation via :meth:`~meetui.ui.session.MeetingSession.apply`,
shows a refusal inline (the dialog keeps what the user typed) and remembers
the last :class:`~meetui.core.meeting.Change`, which the dialog is dismissed
with so the live screen knows to refresh.
"""

from __future__ import annotations

from pydantic import ValidationError
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Input

from ...core.errors import MeetuiError
from ...core.meeting import Change, LiveMeeting, friendly
from ..session import MeetingSession, Operation
from ..themes import load_stylesheet
from .widgets import InlineError

#: ``enter`` in a form field moves to the next field. A priority binding, so that the move happens while Textual
#: handles the key itself: handled as the field's "submitted" message instead, it came after the keys typed
#: right behind the Enter (a paste, a fast typist, tmux send-keys), and those went into the field just left.
#: A dialog that binds ``enter`` itself must list this binding too: Textual keeps only the subclass's bindings
#: of a key.
NEXT_FIELD = Binding("enter", "next_field", "Next field", id="dialog.next-field", priority=True)


class MeetingDialog(ModalScreen[Change | None]):
    """A modal dialog working on the session's meeting; ``escape`` closes it."""

    BINDINGS = [
        Binding("escape", "close", "Close", id="dialog.close"),
        Binding("escape", "back", "Back", id="dialog.back"),
        NEXT_FIELD,
    ]
    #: Each dialog decides what has focus: nothing, where its letter keys act.
    AUTO_FOCUS = ""

    def __init__(self, session: MeetingSession) -> None:
        super().__init__()
        load_stylesheet(self, "dialogs.tcss")
        self.session = session
        self.last_change: Change | None = None

    @property
    def live(self) -> LiveMeeting:
        return self.session.live

    def apply(self, operation: Operation) -> Change | None:
        """Run ``operation`` through the session; on refusal show why and return ``None``."""
        try:
            change = self.session.apply(operation)
        except MeetuiError as error:
            self.show_error(str(error))
            return None
        except ValidationError as error:
            self.show_error(str(friendly(error, "input")))
            return None
        if change.empty:
            self.show_error(change.message, error=False)
        else:
            self.show_error("")
            self.last_change = change
        return change

    def show_error(self, message: str, *, error: bool = True) -> None:
        """Show (or with ``""`` clear) the dialog's inline message; ``error=False`` for a plain notice."""
        for label in self.query(InlineError):
            label.show(message, error=error)

    def focus_input(self, widget_id: str) -> None:
        """Focus one of the dialog's fields, the cursor at its end."""
        field = self.query_one(f"#{widget_id}", Input)
        self.set_focus(field)  # at once: Widget.focus waits its turn, and keys typed meanwhile would go astray
        field.cursor_position = len(field.value)

    def field_order(self) -> list[str]:
        """The ids of the fields ``enter`` moves through, in order; ``enter`` in the last one submits."""
        return []

    def next_field(self) -> str | None:
        """The field ``enter`` moves to from the focused one; ``None`` where it submits (or does something else)."""
        focused, order = self.focused, self.field_order()
        if isinstance(focused, Input) and focused.id in order and focused.id != order[-1]:
            return order[order.index(focused.id) + 1]
        return None

    def action_next_field(self) -> None:
        """Move to the next field (``check_action`` lets ``enter`` through to the field everywhere else)."""
        target = self.next_field()
        if target is not None:
            self.focus_input(target)

    def focus_nothing(self) -> None:
        """Leave no widget focused, so the dialog's letter keys act."""
        self.set_focus(None)

    @property
    def nested(self) -> bool:
        """Whether a step inside the dialog is open, which ``escape`` leaves (instead of closing)."""
        return False

    def back(self) -> None:
        """Leave the open step; dialogs with steps override this."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "close":
            return not self.nested
        if action == "back":
            return self.nested
        if action == "next_field":
            return self.next_field() is not None
        return True

    def action_close(self) -> None:
        """Close the dialog with the last change made (``None`` if nothing changed)."""
        self.dismiss(self.last_change)

    def action_back(self) -> None:
        self.show_error("")
        self.back()

    def enter_moves_on(self, event: Input.Submitted) -> bool:
        """True when the field submitted is where ``enter`` submits the form (see :meth:`field_order`).

        ``enter`` in an earlier field is handled by :meth:`action_next_field`
        and never reaches the field; this only guards against a submit
        message from elsewhere (a field's own ``action_submit``).
        """
        order = self.field_order()
        current = event.input.id or ""
        if current in order and current != order[-1]:
            self.focus_input(order[order.index(current) + 1])
            return False
        return True
