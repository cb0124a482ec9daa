"""The live meeting screen: agenda, clock, notes and actions, run from the keyboard.

Every change goes through :class:`~meetui.ui.session.MeetingSession`, which
applies it in memory at once and writes it to the store from a background
thread; the header says "saving…" until the disk has it. Keys come from
:data:`meetui.ui.keys.LIVE_COMMANDS`; :meth:`LiveScreen.check_action` greys out
what does not apply right now. A read-only session (the follow view) reloads
the meeting from the store every couple of seconds in a thread worker.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from typing import ClassVar

from pydantic import ValidationError
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.reactive import Reactive
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Header, Input, OptionList
from textual.worker import get_current_worker

from ...core.commands import parse_note_line
from ...core.errors import MeetuiError
from ...core.meeting import Change, LiveMeeting, friendly
from ...core.models import ActionItem, Decision, Meeting, MeetingStatus, Note, Topic
from ...core.timekeeping import read_clock
from ..keys import LIVE_COMMANDS, ScreenCommands, bindings, key_display
from ..panes.actions import ActionsPane
from ..panes.agenda import AgendaPane
from ..panes.base import Pane
from ..panes.clock import ClockPane, needs_replan
from ..panes.keybar import KeyBar
from ..panes.notes import NotesPane
from ..session import MeetingSession

#: Actions that change the meeting: greyed out when read-only or ended.
WRITING_ACTIONS = frozenset({
    "toggle_clock", "next_topic", "previous_topic", "extend", "shrink", "focus_note", "decision", "amend",
    "add_action", "parking_lot", "roll_call", "speakers", "replan", "end_meeting",
})

#: Actions whose availability depends on the current topic.
TOPIC_ACTIONS = frozenset({"amend", "decision", "next_topic", "previous_topic", "extend", "shrink"})

#: How often the follow view reads the meeting again.
FOLLOW_SECONDS = 1.5

PANES = {"agenda": AgendaPane, "clock": ClockPane, "notes": NotesPane, "actions": ActionsPane}


class LiveScreen(Screen):
    """One meeting, run live (or followed read-only)."""

    KEY_COMMANDS = LIVE_COMMANDS
    BINDINGS = bindings(LIVE_COMMANDS)
    COMMANDS = {ScreenCommands}
    AUTO_FOCUS = "#agenda-table"
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-narrow"), (100, "-wide")]

    #: The save state ("saving…", "✓ saved") changes twice a note: the header, which watches this, redraws
    #: itself; repainting the whole screen too (a Screen's default) would cost a full frame each time.
    sub_title: Reactive[str | None] = Reactive(None, compute=False, repaint=False)

    class SaveState(Message):
        """The background writer finished a write (or failed one)."""

        def __init__(self, error: Exception | None = None) -> None:
            super().__init__()
            self.error = error

    class Reloaded(Message):
        """The follow view read a newer version of the meeting."""

        def __init__(self, meeting: Meeting) -> None:
            super().__init__()
            self.meeting = meeting

    def __init__(self, session: MeetingSession, *, notice: str = "") -> None:
        super().__init__()
        self.session = session
        self.notice = notice
        self._replan_offered = False
        self._missed_tick = False
        self._save_failing = False
        # Start with the breakpoint class the first resize would add: changing it then restyles every widget
        # once more before the first frame.
        width = self.app.size.width
        width_class = max((at, name) for at, name in self.HORIZONTAL_BREAKPOINTS if at <= width)[1]
        self.set_class(True, width_class, update=False)

    # -- layout ------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header(icon="◷")
        with Horizontal(id="top"):
            with Vertical(id="left-column"):
                yield ClockPane(id="clock")
                yield AgendaPane(id="agenda")
            yield NotesPane(id="notes")
        yield ActionsPane(id="actions")
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = self.meeting.title
        self.set_class(self.session.read_only, "-read-only")
        self.query_one("#note-input", Input).disabled = self.read_only or self.ended
        self.session.on_saved.append(lambda: self.post_message(self.SaveState()))
        self.session.on_error.append(lambda error: self.post_message(self.SaveState(error)))
        self.refresh_panes()
        self._show_save_state()
        self.set_interval(1.0, self.tick)
        self.set_interval(1.0, self.apply_shell_updates)
        if self.notice:
            self.notify(self.notice, title="Read-only", severity="warning", timeout=8)
        if self.read_only:
            self.follow()
        # The meeting's records and the screen's widgets live as long as the screen: once it is drawn, move them
        # out of the collector's sight, or every full collection (one every few notes) walks them all and stalls
        # a keypress by 50 ms or more on a meeting of thousands of records. Unmounting hands them back.
        self.call_after_refresh(gc.freeze)

    def on_unmount(self) -> None:
        gc.unfreeze()
        self.workers.cancel_group(self, "follow")
        self.session.close()

    # -- state -------------------------------------------------------------------

    @property
    def meeting(self) -> Meeting:
        return self.session.meeting

    @property
    def read_only(self) -> bool:
        return self.session.read_only

    @property
    def ended(self) -> bool:
        return self.meeting.status is MeetingStatus.ENDED

    def reading(self):  # noqa: ANN201 - ClockReading
        return read_clock(self.meeting, self.session.clock.now())

    def refresh_panes(self, change: Change | None = None) -> None:
        """Redraw the panes a change touched (all of them without a change)."""
        touched = {type(r) for r in [*change.records, *change.deleted]} if change else set()
        everything = change is None or change.meeting
        now = self.session.clock.now()
        if everything or touched & {Topic, Decision}:
            self.query_one(AgendaPane).show(self.meeting, now)
        if everything or touched & {Note, Topic, Decision}:
            self.query_one(NotesPane).show(self.meeting)
        if everything or ActionItem in touched:
            self.query_one(ActionsPane).show(self.meeting)
        if everything or Topic in touched:
            self._show_clock()

    def _show_clock(self) -> None:
        reading = self.reading()
        replan_key = key_display(self.app, next(c for c in LIVE_COMMANDS if c.id == "live.replan"))
        self.query_one(ClockPane).show(self.meeting, reading, replan_key)
        offered = needs_replan(reading) and not self.ended
        if offered != self._replan_offered:
            self._replan_offered = offered
            self.refresh_availability()

    def tick(self) -> None:
        """Once a second: the clock, and the agenda's actual minutes (not while a full screen hides them)."""
        if self.app.screen is not self and not isinstance(self.app.screen, ModalScreen):
            self._missed_tick = True  # presentation mode or help: it draws the time itself
            return
        self._missed_tick = False
        self._show_clock()
        self.query_one(AgendaPane).show(self.meeting, self.session.clock.now())

    def apply_shell_updates(self) -> None:
        """Once a second: apply what ``meetui action`` queued for this meeting from another terminal, and say so."""
        said = self.session.apply_queued()
        if said:
            self.refresh_panes()
            self._show_save_state()
        for message, applied in said:
            self.notify(message, title="From the shell", severity="information" if applied else "warning")

    def on_screen_resume(self) -> None:
        if self._missed_tick:
            self.tick()

    # -- applying changes -------------------------------------------------------

    def apply(self, operation: Callable[[LiveMeeting], Change], *, announce: bool = True) -> Change | None:
        """Run an operation through the session; refusals are shown, never raised."""
        try:
            change = self.session.apply(operation)
        except MeetuiError as error:
            self.notify(str(error), severity="error")
            return None
        except ValidationError as error:
            self.notify(str(friendly(error, "input")), severity="error")
            return None
        self.refresh_panes(change)
        self.refresh_availability()
        self._show_save_state()
        if announce and change.message:
            self.notify(change.message, timeout=2.5)
        return change

    def on_live_screen_save_state(self, message: SaveState) -> None:
        if message.error is not None:
            if not self._save_failing:  # once per outage: the writer keeps retrying, and says so when it is over
                self.notify(f"could not save: {message.error}. meetui keeps the changes and tries again.",
                            title="Not saved", severity="error", timeout=10)
            self._save_failing = True
        elif self._save_failing and self.session.last_error is None:
            self._save_failing = False
            self.notify("every change is on disk again", title="Saved", timeout=4)
        self._show_save_state()

    def _show_save_state(self) -> None:
        if self.read_only:
            self.sub_title = "read-only · following"
        elif self.session.last_error is not None:
            self.sub_title = "▲ NOT SAVED"
        elif self.session.pending:
            self.sub_title = "saving…"
        else:
            self.sub_title = "✓ saved"

    # -- the note field ------------------------------------------------------------

    @on(Input.Submitted, "#note-input")
    def commit_note(self, event: Input.Submitted) -> None:
        """``enter`` in the note field: a note or a MeetBot command."""
        line = event.value.strip()
        if not line:
            return
        try:
            is_note = parse_note_line(line).name == "note"  # a note shows in the list; commands are announced
        except MeetuiError:
            is_note = False  # apply says what is wrong with it
        with self.app.batch_update():  # the new note and the cleared field in one layout and one frame
            if self.apply(lambda live: live.apply_line(line), announce=not is_note) is not None:
                event.input.value = ""
            elif not event.input.value:  # the field emptied itself on enter: a refused line goes back into it
                event.input.value = event.value

    @on(OptionList.OptionSelected, "#note-list")
    @on(DataTable.RowSelected, "#agenda-table")
    def _enter_goes_to_note(self) -> None:
        if self.check_action("focus_note", ()):  # not once the meeting has ended, nor in the follow view
            self.action_focus_note()

    @on(DataTable.RowSelected, "#actions-table")
    def _edit_action(self, event: DataTable.RowSelected) -> None:
        if not self.read_only and event.row_key.value:
            from ..dialogs.action_form import ActionForm

            self._open_dialog(ActionForm(self.session, event.row_key.value))

    # -- availability ----------------------------------------------------------------

    def refresh_availability(self) -> None:
        """Redraw the footer only when what is available changed (redrawing it costs a frame's worth)."""
        self.query_one("#note-input", Input).disabled = self.read_only or self.ended
        state = tuple(self.check_action(c.action.partition("(")[0], ()) for c in LIVE_COMMANDS)
        if state != getattr(self, "_availability", None):
            self._availability = state
            self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Grey out (``None``) what does not apply now; hide (``False``) the other half of ``d``."""
        # Called for every command each time the footer is checked: look up only what this action needs.
        meeting = self.meeting
        topic = meeting.current_topic if action in TOPIC_ACTIONS else None
        if action in {"amend", "decision"}:
            locked = topic is not None and meeting.locked_decision(topic.id) is not None
            if action == "amend" and not locked:
                return False
            if action == "decision" and locked:
                return False
        if action in WRITING_ACTIONS and (self.read_only or self.ended):
            return None
        if action in {"next_topic", "previous_topic"}:
            order = [t.id for t in meeting.agenda]
            index = order.index(topic.id) if topic is not None and topic.id in order else None
            if action == "next_topic":
                return None if not order or (index is not None and index == len(order) - 1) else True
            return None if index is None or index == 0 else True
        if action in {"extend", "shrink", "decision", "amend"} and topic is None:
            return None
        if action == "shrink" and topic is not None and topic.timebox_minutes == 0:
            return None
        if action == "replan":
            return True if self._replan_offered else None
        return True

    # -- actions -----------------------------------------------------------------------

    def action_toggle_clock(self) -> None:
        self.apply(lambda live: live.toggle_clock())

    def action_next_topic(self) -> None:
        self.apply(lambda live: live.next_topic())

    def action_previous_topic(self) -> None:
        self.apply(lambda live: live.previous_topic())

    def action_extend(self) -> None:
        self.apply(lambda live: live.extend(1))

    def action_shrink(self) -> None:
        self.apply(lambda live: live.extend(-1))

    def action_focus_note(self) -> None:
        self.query_one("#note-input", Input).focus()

    def action_focus_pane(self, name: str) -> None:
        pane = self.query_one(f"#{name}", Pane)
        pane.focus_target.focus()

    # Dialogs are imported when first opened, which keeps start-up quick.

    def action_decision(self) -> None:
        from ..dialogs.decision import DecisionDialog

        self._open_dialog(DecisionDialog(self.session))

    def action_amend(self) -> None:
        """The decision dialog shows a locked decision with its amend key."""
        self.action_decision()

    def action_add_action(self) -> None:
        from ..dialogs.action_form import ActionForm

        self._open_dialog(ActionForm(self.session))

    def action_parking_lot(self) -> None:
        """The parking lot, prefilled with the line being typed (escape first) or the highlighted note."""
        from ..dialogs.parking import ParkingLotDialog

        note_input = self.query_one("#note-input", Input)
        typed = note_input.value.strip()
        text = typed
        if not text:
            note_id = self.query_one(NotesPane).highlighted_note_id
            note = next((n for n in self.meeting.notes if n.id == note_id), None)
            text = note.text if note else ""

        def closed(change: Change | None = None) -> None:
            if change is not None and typed and note_input.value.strip() == typed:
                note_input.value = ""  # the line went to the parking lot instead
            self._dialog_closed(change)

        self.app.push_screen(ParkingLotDialog(self.session, text), closed)

    def action_roll_call(self) -> None:
        from ..dialogs.roll_call import RollCallDialog

        self._open_dialog(RollCallDialog(self.session))

    def action_speakers(self) -> None:
        from ..dialogs.speakers import SpeakerQueueDialog

        self._open_dialog(SpeakerQueueDialog(self.session))

    def action_replan(self) -> None:
        from ..dialogs.replan import ReplanDialog

        self._open_dialog(ReplanDialog(self.session))

    def action_minutes(self) -> None:
        from ..dialogs.minutes import MinutesDialog

        self._open_dialog(MinutesDialog(self.meeting, self.session.clock))

    def action_end_meeting(self) -> None:
        from ..dialogs.end import EndMeetingDialog

        self._open_dialog(EndMeetingDialog(self.session))

    def action_presentation(self) -> None:
        from .presentation import PresentationScreen

        self.app.push_screen(PresentationScreen(self))

    # -- dialogs -------------------------------------------------------------------------

    def _open_dialog(self, dialog: Screen) -> None:
        """Push a dialog; when it closes, every pane is redrawn."""
        self.app.push_screen(dialog, self._dialog_closed)

    def _dialog_closed(self, change: Change | None = None) -> None:
        self.refresh_panes()
        self.refresh_availability()
        self._show_save_state()
        if isinstance(change, Change) and change.message:
            self.notify(change.message, timeout=2.5)

    # -- follow view ---------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="follow", exit_on_error=False)
    def follow(self) -> None:
        """Read the meeting from the store every :data:`FOLLOW_SECONDS`; post it when it changed."""
        worker = get_current_worker()
        store, meeting_id = self.session.store, self.meeting.id
        last = self.meeting
        while not worker.is_cancelled:
            deadline = time.monotonic() + FOLLOW_SECONDS
            while time.monotonic() < deadline and not worker.is_cancelled:
                time.sleep(0.05)
            if worker.is_cancelled:
                return
            try:
                meeting = store.load(meeting_id)
            except MeetuiError:
                continue  # the writer may be mid-replace on some systems; try again next round
            if meeting != last:
                last = meeting
                self.post_message(self.Reloaded(meeting))

    def on_live_screen_reloaded(self, message: Reloaded) -> None:
        self.session.live.meeting = message.meeting
        self.title = message.meeting.title
        self.refresh_panes()
        self.refresh_availability()
