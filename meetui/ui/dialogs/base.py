"""What every live-screen dialog shares: the session, applying operations, inline errors, closing.

A dialog changes the meeting only through :meth:`MeetingDialog.apply`, which
runs a core operation via :meth:`~meetui.ui.session.MeetingSession.apply`,
shows a refusal inline (the dialog keeps what the user typed) and remembers
the last :class:`~meetui.core.meeting.Change`, which the dialog is dismissed
with so the live screen knows to refresh.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from typing import Any, ClassVar

from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.widgets import Input, Label, TextArea
from textual.widgets._select import SelectOverlay

from ...core.meeting import Change, LiveMeeting
from ..panes.display import local_time
from ..panes.typeahead import TypeAhead
from ..session import MeetingSession, Operation
from ..themes import load_stylesheet
from .widgets import InlineError, NameInput

#: ``enter`` in a form field moves to the next field, and in the form's last field submits it. A priority binding,
#: so that it acts while Textual handles the key itself: handled as the field's "submitted" message instead, it came
#: after the keys typed right behind the Enter (a paste, a fast typist, tmux send-keys), and those went into the
#: field just left, or into a dialog that was closing. A dialog that binds ``enter`` itself must list this binding
#: too: Textual keeps only the subclass's bindings of a key.
NEXT_FIELD = Binding("enter", "next_field", "Next field", id="dialog.next-field", priority=True)
#: The same ``enter`` where it submits the form (the key line says so; the dialog's own line says what it does).
SUBMIT_FIELD = Binding("enter", "submit_field", "OK", id="dialog.submit", priority=True)
#: Both, for a dialog's ``BINDINGS`` (a dialog that binds ``enter`` itself lists them first).
ENTER_IN_FORMS: list[BindingType] = [NEXT_FIELD, SUBMIT_FIELD]

#: ``tab`` / ``shift+tab`` move between a dialog's fields at once (see :class:`InOrderKeys`).
FOCUS_KEYS: list[BindingType] = [
    Binding("tab", "focus_field(1)", "Next field", id="dialog.focus-next", show=False),
    Binding("shift+tab", "focus_field(-1)", "Previous field", id="dialog.focus-previous", show=False),
]


def prioritised(bindings: Iterable[BindingType]) -> list[BindingType]:
    """``bindings`` as priority bindings (a tuple is made a :class:`Binding` first)."""
    return [dataclasses.replace(b if isinstance(b, Binding) else Binding(*b), priority=True) for b in bindings]


class InOrderKeys(TypeAhead):
    """A dialog whose keys act in the order they were typed, however fast they come.

    Every binding a dialog class declares is made a priority binding: acted on as Textual reads the key, before
    the keys behind it are handed out. As a plain binding, a key was acted on in the focused widget's turn, after
    the characters typed behind it had gone into the field being left: ``tab`` then a name put the name at the
    end of the field before; ``ctrl+s`` then the next keys typed those into the form; a dialog's letter key (``a``
    adds a speaker) came after the name behind it had been dropped. ``check_action`` hands a key back to the
    focused widget where it should type (a letter key while a field has focus) or is the widget's own (``escape``
    and ``tab`` in an open drop-down list).
    """

    BINDINGS = prioritised(FOCUS_KEYS)

    def __init_subclass__(cls, **kwargs: Any) -> None:
        own = cls.__dict__.get("BINDINGS")
        if own:
            cls.BINDINGS = prioritised(own)  # before Textual merges the class's bindings (in its __init_subclass__)
        super().__init_subclass__(**kwargs)

    def widget_keeps(self, key: str) -> bool:
        """Whether the focused widget handles ``key`` itself: an open drop-down list (escape, tab), a text area
        that indents with tab."""
        focused = self.focused
        if isinstance(focused, SelectOverlay):
            return key in {"escape", "tab", "shift+tab"}
        return isinstance(focused, TextArea) and key in {"tab", "shift+tab"} and focused.tab_behavior == "indent"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "focus_field":
            return not self.widget_keeps("tab")
        return True

    def action_focus_field(self, step: int) -> None:
        """Focus the next (``step`` 1) or previous (-1) widget at once; a text field's cursor goes to its end."""
        if step > 0:
            self.focus_next()
        else:
            self.focus_previous()
        focused = self.focused
        if isinstance(focused, Input):
            focused.cursor_position = len(focused.value)


class MeetingDialog(InOrderKeys, ModalScreen[Change | None]):
    """A modal dialog working on the session's meeting; ``escape`` closes it."""

    BINDINGS = [
        Binding("escape", "close", "Close", id="dialog.close"),
        Binding("escape", "back", "Back", id="dialog.back"),
        *ENTER_IN_FORMS,
    ]
    #: Each dialog decides what has focus: nothing, where its letter keys act.
    AUTO_FOCUS = ""

    def __init__(self, session: MeetingSession) -> None:
        super().__init__()
        load_stylesheet(self, "dialogs.tcss")
        self.session = session
        self.last_change: Change | None = None
        self._asked_name: tuple[str | None, str] | None = None  # the new name asked about, in which field
        #: The names added as attendees here, once asked about (a form's closing message says so).
        self.added_attendees: list[str] = []

    @property
    def live(self) -> LiveMeeting:
        return self.session.live

    def apply(self, operation: Operation) -> Change | None:
        """Run ``operation`` through the session; ``None`` when nothing changed (a refusal, or an empty change),
        with why shown inline (a refusal as an error, an empty change's message as a notice)."""
        outcome = self.session.attempt(operation)
        self.show_error(outcome.message if outcome.change is None else "", error=outcome.refused)
        if outcome.change is not None:
            self.last_change = outcome.change
        return outcome.change

    def show_error(self, message: str, *, error: bool = True) -> None:
        """Show (or with ``""`` clear) the dialog's inline message; ``error=False`` for a plain notice."""
        for label in self.query(InlineError):
            label.show(message, error=error)

    def value(self, widget_id: str) -> str:
        """The text in the field ``widget_id``."""
        return self.query_one(f"#{widget_id}", Input).value

    def local_time(self, moment: dt.datetime) -> str:
        """``moment`` as HH:MM in the meeting's time zone."""
        return local_time(moment, self.session.meeting.timezone)

    def focus_input(self, widget_id: str) -> None:
        """Focus one of the dialog's fields, the cursor at its end."""
        field = self.query_one(f"#{widget_id}", Input)
        self.set_focus(field)  # at once: Widget.focus waits its turn, and keys typed meanwhile would go astray
        field.cursor_position = len(field.value)

    def field_order(self) -> list[str]:
        """The ids of the fields ``enter`` moves through, in order; ``enter`` in the last one submits."""
        return []

    def submit_fields(self) -> set[str]:
        """The fields where ``enter`` submits the form (by default the last of :meth:`field_order`)."""
        order = self.field_order()
        return {order[-1]} if order else set()

    def next_field(self) -> str | None:
        """The field ``enter`` moves to from the focused one; ``None`` where it submits (or does something else)."""
        focused, order = self.focused, self.field_order()
        if isinstance(focused, Input) and focused.id in order and focused.id not in self.submit_fields():
            return order[order.index(focused.id) + 1]
        return None

    def _enter_submits(self) -> bool:
        focused = self.focused
        return isinstance(focused, Input) and focused.id in self.submit_fields()

    def action_next_field(self) -> None:
        """Move to the next field, or submit in the last one (``check_action`` lets ``enter`` through elsewhere).

        A name field first takes a unique prefix as the whole name; a name new to the meeting is asked about
        once (``enter`` again adds them as an attendee), so no half-typed name is stored silently.
        """
        if isinstance(self.focused, NameInput) and not self.settle_name(self.focused, "enter"):
            return
        target = self.next_field()
        if target is not None:
            self.focus_input(target)
        elif self._enter_submits() and self.names_settled("enter"):
            self.submit()

    def action_submit_field(self) -> None:
        """``enter`` in a field where it submits: as :meth:`action_next_field` there."""
        self.action_next_field()

    def action_focus_field(self, step: int) -> None:
        """``tab`` / ``shift+tab``: leaving a name field forward settles its name first, as ``enter`` does (a name
        new to the meeting is asked about, and ``tab`` again takes it); going back completes a unique prefix."""
        focused = self.focused
        if isinstance(focused, NameInput):
            if step > 0 and not self.settle_name(focused, "tab"):
                return
            focused.complete()
        super().action_focus_field(step)

    def settle_name(self, field: NameInput, key: str = "enter") -> bool:
        """Complete the name in ``field``; ``False`` while a new name waits for its confirming ``key`` (the key that
        asked, pressed again; ``enter``, ``tab`` or a save key pressed again also confirms)."""
        name = field.complete()
        if not name or field.known(name):
            if self._asked_name is not None and self._asked_name[0] == field.id:
                self._asked_name = None
            return True
        if self._asked_name != (field.id, name):
            self._asked_name = (field.id, name)
            what = "add them as an attendee" if field.adds_attendee else "take the name as typed"
            self.show_error(f"{name} is not an attendee: {key} again to {what}, or correct the name", error=False)
            return False
        self._asked_name = None
        if field.adds_attendee and self.session.meeting.attendee(name) is None:
            if self.apply(lambda live: live.add_attendee(name)) is None:
                return False
            self.added_attendees.append(name)
            self.show_error(f"{name} added as an attendee", error=False)
        for widget in self.query(NameInput):
            if name not in widget.names:
                widget.names.append(name)
        return True

    def names_settled(self, key: str) -> bool:
        """Before anything is stored: settle every name field of the form (:meth:`settle_name`, in the order of
        :meth:`field_order`); ``False``, with focus in the field asked about, while a new name waits for ``key``."""
        for widget_id in self.field_order():
            widget = self.query_one(f"#{widget_id}", Input)
            if isinstance(widget, NameInput) and not self.settle_name(widget, key):
                self.focus_input(widget_id)
                return False
        return True

    def submit(self) -> None:
        """``enter`` in a field that submits: dialogs with forms do their work here (and close when it is done)."""

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
        if action in {"close", "back"} and self.widget_keeps("escape"):
            return False
        if action == "close":
            return not self.nested
        if action == "back":
            return self.nested
        if action == "next_field":  # hidden where enter submits, or where it is the focused widget's own
            return self.next_field() is not None
        if action == "submit_field":
            return self.next_field() is None and self._enter_submits()
        return super().check_action(action, parameters)

    def action_close(self) -> None:
        """Close the dialog with the last change made (``None`` if nothing changed)."""
        self.dismiss(self.last_change)

    def action_back(self) -> None:
        self.show_error("")
        self.back()


class PromptDialog(MeetingDialog):
    """A dialog of letter keys over a list, with one prompt line that asks for a value (a reason, a name, a limit).

    :meth:`ask` opens the prompt with one of its fields; ``enter`` there hands
    the value to :meth:`answer`, and the prompt closes when the answer was
    taken; ``escape`` closes it unanswered. While it is open the letter keys
    (``LETTER_ACTIONS``) are inert, so what is typed goes into the field.
    """

    #: The id of the prompt's row, holding its question label and fields.
    PROMPT_ID: ClassVar[str] = ""
    #: The id of the question label inside the prompt row.
    QUESTION_ID: ClassVar[str] = ""
    #: Actions of letter keys, inert while the prompt is open.
    LETTER_ACTIONS: ClassVar[frozenset[str]] = frozenset()

    asking: object | None = None
    _prompt_field = ""

    def ask(self, asking: object, question: str, field_id: str, value: str = "") -> None:
        """Open the prompt: ``question``, and the field ``field_id`` holding ``value`` (the row's others hidden),
        selected, so that typing replaces it."""
        self.asking = asking
        self._prompt_field = field_id
        self.query_one(f"#{self.QUESTION_ID}", Label).update(question)
        for widget in self.query_one(f"#{self.PROMPT_ID}").query(Input):
            widget.display = widget.id == field_id
        field = self.query_one(f"#{field_id}", Input)
        field.value = value
        # A value shown in the prompt is the current one: what is typed replaces it (keys typed ahead are kept)
        field.select_on_focus = bool(value)
        self.query_one(f"#{self.PROMPT_ID}").display = True
        self.focus_input(field_id)
        self.refresh_bindings()

    def close_prompt(self) -> None:
        """Close the prompt and give the keys back to the list."""
        self.asking = None
        self._prompt_field = ""
        self.query_one(f"#{self.PROMPT_ID}").display = False
        self.prompt_closed()
        self.refresh_bindings()

    def prompt_closed(self) -> None:
        """After the prompt closes: put focus where the letter keys act (by default nowhere)."""
        self.focus_nothing()

    def answer(self, value: str) -> bool:
        """Take the prompt's value; ``True`` when it was taken (the prompt closes), ``False`` to keep asking."""
        return True

    def field_order(self) -> list[str]:
        return [self._prompt_field] if self.asking is not None and self._prompt_field else []

    def submit(self) -> None:
        if self.asking is not None and self.answer(self.query_one(f"#{self._prompt_field}", Input).value):
            self.close_prompt()

    @property
    def nested(self) -> bool:
        return self.asking is not None

    def back(self) -> None:
        self.close_prompt()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in self.LETTER_ACTIONS:
            return self.asking is None
        return super().check_action(action, parameters)
