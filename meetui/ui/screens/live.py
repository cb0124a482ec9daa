"""The live meeting screen: agenda, clock, notes and actions, run from the keyboard.

Every change goes through :class:`~meetui.ui.session.MeetingSession`, which
applies it in memory at once and writes it to the store from a background
thread; the header says "saving…" until the disk has it. Keys come from
:data:`meetui.ui.keys.LIVE_COMMANDS`; :meth:`LiveScreen.check_action` greys out
what does not apply right now. A read-only session (the follow view) reloads
the meeting from the store every couple of seconds in a thread worker.
"""

from __future__ import annotations

import datetime as dt
import gc
import sys
import time
from collections.abc import Callable

from textual import events, on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.reactive import Reactive
from textual.screen import ModalScreen, Screen
from textual.visual import VisualType
from textual.widgets import DataTable, Header, Input, OptionList
from textual.widgets._header import HeaderTitle
from textual.worker import get_current_worker

from ...core.commands import parse_note_line
from ...core.errors import MeetuiError, UnknownPeople
from ...core.live.agenda import MIN_TIMEBOX_MINUTES
from ...core.live.editing import NOT_UNDERSTOOD, apply_line, apply_line_adding, edit_note, withdraw_note
from ...core.meeting import Change, LiveMeeting
from ...core.models import ActionItem, Decision, Meeting, MeetingStatus, Note, Topic
from ...core.timekeeping import TimeState, read_clock
from ..keys import FOUND_COMMANDS, LIVE_BY_ID, LIVE_COMMANDS, ScreenCommands, bindings, key_display
from ..panes.actions import ActionsPane
from ..panes.agenda import AgendaPane
from ..panes.base import FittedTable, Pane
from ..panes.clock import ClockPane, needs_replan
from ..panes.display import cell_width, fit
from ..panes.keybar import KeyBar
from ..panes.message import MessageLine
from ..panes.notes import NotesPane
from ..session import MeetingSession
from .found import FOUND_ACTIONS, FoundHits

#: Actions that change the meeting: greyed out when read-only or ended.
WRITING_ACTIONS = frozenset(
    {
        "toggle_clock",
        "next_topic",
        "previous_topic",
        "extend",
        "shrink",
        "focus_note",
        "enter",
        "decision",
        "amend",
        "add_action",
        "parking_lot",
        "roll_call",
        "edit_note",
        "delete_note",
        "rename_topic",
        "delete_topic",
        "move_topic",
        "insert_topic",
        "speakers",
        "replan",
        "end_meeting",
    }
)

#: Actions whose availability depends on the current topic.
TOPIC_ACTIONS = frozenset({"amend", "decision", "next_topic", "previous_topic", "extend", "shrink"})

#: Named keys that type into a field (one-character keys always do).
TYPING_KEYS = frozenset({"space", "enter", "plus", "minus", "question_mark", "full_stop", "comma", "slash"})

#: The topic's time states that alert (flash and bell) when the topic enters them.
ALERT_STATES = frozenset({TimeState.CLOSING, TimeState.OVER})

#: How long the clock stays flashed.
FLASH_SECONDS = 1.0

#: Below this width or height (cells) the live screen uses its compact layout.
COMPACT_BELOW = (60, 20)

#: How often the follow view reads the meeting again.
FOLLOW_SECONDS = 1.5

PANES = {"agenda": AgendaPane, "clock": ClockPane, "notes": NotesPane, "actions": ActionsPane}


class SteadyHeaderTitle(HeaderTitle):
    """The header's title line, one row across the screen whatever it says: a new text (the save state changes
    twice a note) repaints the line without laying out the whole screen again."""

    def update(self, content: VisualType = "", *, layout: bool = True) -> None:
        super().update(content, layout=False)


#: Cells the header's icon (left) and clock space (right) take: a centred title keeps clear of both.
HEADER_SIDES = 20


class LiveHeader(Header):
    """Textual's header with :class:`SteadyHeaderTitle`, whose save state ("✓ saved", "▲ NOT SAVED") always shows:
    a title too long for the line is cut with an ellipsis, never the save state."""

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            yield SteadyHeaderTitle() if type(widget) is HeaderTitle else widget

    #: ``live-header--hit``: a search hit marked in the title (``themes/app.tcss``, see :mod:`.found`).
    COMPONENT_CLASSES = Header.COMPONENT_CLASSES | {"live-header--hit"}
    #: The search hit marked in the title: character offsets, or ``None``.
    title_mark: tuple[int, int] | None = None

    def format_title(self) -> Content:
        state = self.screen_sub_title
        room = (self.size.width or self.app.size.width) - HEADER_SIDES
        if state:
            room -= cell_width(state) + 3  # " — "
        title = fit(self.screen_title, room)
        content = self.app.format_title(title, state)
        if self.title_mark is not None:  # the title comes first; a cut one shows part of the hit, or none
            shown = len(title) if title == self.screen_title else len(title) - 1
            style = self.get_visual_style("live-header--hit")
            content = content.stylize(style, self.title_mark[0], min(self.title_mark[1], shown))
        return content

    def mark_title(self, span: tuple[int, int] | None) -> None:
        """Mark characters ``start:end`` of the title (a search hit), or nothing."""
        self.title_mark = span
        self.query_one(HeaderTitle).update(self.format_title())

    def on_resize(self) -> None:
        self.query_one(HeaderTitle).update(self.format_title())


class LiveScreen(FoundHits, Screen):
    """One meeting, run live (or followed read-only); a search hit that opened it shown (:class:`FoundHits`)."""

    KEY_COMMANDS = (*LIVE_COMMANDS, *FOUND_COMMANDS)
    #: Priority bindings: acted on as Textual reads each key, so keys typed ahead go where the one before sent
    #: them (``check_action`` hands the typing keys to a focused field). The search hit keys are not.
    BINDINGS = [*bindings(LIVE_COMMANDS, priority=True), *bindings(FOUND_COMMANDS)]
    COMMANDS = {ScreenCommands}
    AUTO_FOCUS = "#agenda-table"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]

    #: The save state ("saving…", "✓ saved") changes twice a note: the header, which watches this, redraws
    #: itself; repainting the whole screen too (a Screen's default) would cost a full frame each time.
    sub_title: Reactive[str | None] = Reactive(None, compute=False, repaint=False)

    class SaveState(Message):
        """The background writer finished a write (or failed one)."""

        def __init__(self, error: Exception | None = None) -> None:
            super().__init__()
            self.error = error

    class HostPresence(Message):
        """The follow view found the host's process running the meeting, or gone (``first``: on opening)."""

        def __init__(self, running: bool, *, first: bool) -> None:
            super().__init__()
            self.running = running
            self.first = first

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
        self._stopped_at: dt.datetime | None = None  # follow view: when the host left, where the clock stops
        self._save_failing = False
        self._seen_state: dict[str, TimeState] = {}  # each topic's time state when alert() last looked
        self._alerted: set[tuple[str, TimeState]] = set()  # the alerts given, so each comes once
        self.alerts = 0  # how many timebox alerts were given (flash and bell)
        self._refused_notes: dict[str, str] = {}  # refused line -> the id of the note that keeps it
        self._people_offer: tuple[str, list[str]] | None = None  # a refused #action and the people it named
        # Start with the breakpoint class the first resize would add: changing it then restyles every widget
        # once more before the first frame.
        width = self.app.size.width
        width_class = max((at, name) for at, name in self.HORIZONTAL_BREAKPOINTS if at <= width)[1]
        self.set_class(True, width_class, update=False)
        self.set_class(self._compact(self.app.size), "-compact", update=False)

    # -- layout ------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield LiveHeader(icon="◷")
        with Horizontal(id="top"):
            with Vertical(id="left-column"):
                yield ClockPane(id="clock")
                yield AgendaPane(id="agenda")
            yield NotesPane(id="notes", show_private=not self.session.read_only)  # the follow view hides them
        yield ActionsPane(id="actions")
        yield KeyBar()
        yield MessageLine(id="message-line")

    def _saved(self) -> None:
        """The writer thread's word that the changes are on disk."""
        self.post_message(self.SaveState())

    def _not_saved(self, error: Exception) -> None:
        """The writer thread's word that the disk refused the changes (they are kept and retried)."""
        self.post_message(self.SaveState(error))

    def on_mount(self) -> None:
        self.title = self.meeting.title
        self.set_class(self.session.read_only, "-read-only")
        self.query_one(NotesPane).set_field(enabled=not self.read_only, ended=self.ended)
        self.session.on_saved.append(self._saved)
        if not self.read_only:
            self.session.after_frame = self.app.call_after_refresh  # a change is drawn before it is written
            self._restore_draft()
        self.session.on_error.append(self._not_saved)
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

    def keep_draft(self) -> None:
        """Keep the line typed in the note field and not sent (quitting): the next opening puts it back."""
        if self.read_only:
            return
        line = self.query_one("#note-input", Input).value
        try:
            if line.strip():
                self.session.store.drafts.save(self.meeting.id, line)
            else:
                self.session.store.drafts.take(self.meeting.id)  # an older one was sent or cleared since
        except OSError as error:
            self.notify(f"the line being typed could not be kept: {error}", severity="error")

    def _restore_draft(self) -> None:
        """Put back the line that was being typed when meetui last closed on this meeting."""
        line = self.session.store.drafts.take(self.meeting.id)
        if line.strip():
            field = self.query_one("#note-input", Input)
            field.value = line
            field.cursor_position = len(line)
            said = "the line you were typing when you last left this meeting is back in the note field (i)"
            self.notify(said, timeout=10)

    def on_unmount(self) -> None:
        self.session.after_frame = None
        gc.unfreeze()
        self.workers.cancel_group(self, "follow")
        self.session.close()

    @staticmethod
    def _compact(size) -> bool:  # noqa: ANN001 - Size
        """Whether the terminal is too small for the panes: then the clock line, the current topic's notes and
        the note field (and the key line) take the screen."""
        return size.width < COMPACT_BELOW[0] or size.height < COMPACT_BELOW[1]

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(self._compact(event.size), "-compact")

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

    def now(self) -> dt.datetime:
        """The moment the clock shows: now, or in the follow view the moment the host left (the meeting's time
        does not run on while nobody runs it; ``meetui run`` resumes it)."""
        return self._stopped_at or self.session.clock.now()

    def reading(self):  # noqa: ANN201 - ClockReading
        return read_clock(self.meeting, self.now())

    def refresh_panes(self, change: Change | None = None) -> None:
        """Redraw the panes a change touched (all of them without a change)."""
        if change is not None:
            self.found_moved_on()
        touched = {type(r) for r in [*change.records, *change.deleted]} if change else set()
        everything = change is None or change.meeting
        now = self.now()
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
        self.alert(reading)
        replan_key = key_display(self.app, next(c for c in LIVE_COMMANDS if c.id == "live.replan"))
        self.query_one(ClockPane).show(self.meeting, reading, replan_key, host_left=self._stopped_at is not None)
        offered = needs_replan(reading) and not self.ended
        if offered != self._replan_offered:
            self._replan_offered = offered
            self.refresh_availability()

    def alert(self, reading) -> None:  # noqa: ANN001 - ClockReading
        """Flash the clock and ring the bell once as the current topic enters its last 20 % and once as it runs
        over (the bell only if the config's ``bell`` is on); presentation mode flashes its own clock."""
        topic = self.meeting.current_topic
        if topic is None or not reading.running or reading.topic_state is None:
            return
        state = reading.topic_state
        seen = self._seen_state.get(topic.id)
        self._seen_state[topic.id] = state
        if state not in ALERT_STATES or seen is None or seen is state or (topic.id, state) in self._alerted:
            return  # nothing new, or a topic first seen already in that state (no alarm for old news)
        if seen is TimeState.OVER:
            return  # a topic that ran over, extended back into its last 20 %: not a new alarm
        self._alerted.add((topic.id, state))
        config = getattr(self.app, "config", None)
        if getattr(config, "bell", True):
            self.app.bell()
        self.alerts += 1
        for widget in self._flash_targets():
            widget.add_class("-flash")
            self.set_timer(FLASH_SECONDS, lambda w=widget: w.remove_class("-flash"))
        word = "is in its last 20 %" if state is TimeState.CLOSING else "has run over its timebox"
        self.notify(f"{topic.title} {word}" if topic else word, severity="warning", timeout=5)

    def _flash_targets(self) -> list:  # noqa: ANN202
        targets = [self.query_one(ClockPane)]
        if self.app.screen is not self and hasattr(self.app.screen, "flash_target"):
            targets.append(self.app.screen.flash_target)
        return targets

    def tick(self) -> None:
        """Once a second: the clock, and the agenda's actual minutes (not while a full screen hides them)."""
        if self.app.screen is not self and not isinstance(self.app.screen, ModalScreen):
            self._missed_tick = True  # presentation mode or help: it draws the time itself
            self.alert(self.reading())  # but the alerts still come (presentation mode flashes its clock)
            return
        self._missed_tick = False
        self._show_clock()
        self.query_one(AgendaPane).show(self.meeting, self.now())

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
        """Run an operation through the session; refusals are shown, never raised. ``None`` when nothing changed."""
        outcome = self.session.attempt(operation)
        if outcome.change is None:
            if outcome.message:
                self.notify(outcome.message, severity="error" if outcome.refused else "information")
            return None
        change = outcome.change
        self.refresh_panes(change)
        self.refresh_availability()
        self._show_save_state()
        if announce and change.message:
            self.notify(change.message, timeout=2.5)
        return change

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: str = "information",  # type: ignore[override]
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Say ``message`` in the screen's own message line, not in a Textual toast (see :mod:`..panes.message`)."""
        seconds = timeout if timeout is not None else (8.0 if severity == "error" else 4.0)
        self.query_one(MessageLine).say(message, severity=severity, title=title, timeout=seconds)

    def on_live_screen_save_state(self, message: SaveState) -> None:
        if message.error is not None:
            if not self._save_failing:  # once per outage: the writer keeps retrying, and says so when it is over
                self.notify(
                    f"could not save: {message.error}. meetui keeps the changes and tries again.",
                    title="Not saved",
                    severity="error",
                    timeout=10,
                )
            self._save_failing = True
        elif self._save_failing and self.session.last_error is None:
            self._save_failing = False
            self.notify("every change is on disk again", title="Saved", timeout=4)
        self._show_save_state()

    def _show_save_state(self) -> None:
        if self.read_only:
            left = not getattr(self, "_host_running", True) and not self.ended
            if self.ended:
                self.sub_title = "read-only · the meeting has ended"
            else:
                self.sub_title = "read-only · the host has left" if left else "read-only · following"
        elif self.session.last_error is not None:
            self.sub_title = "▲ NOT SAVED"
        elif self.session.pending:
            self.sub_title = "saving…"
        else:
            self.sub_title = "✓ saved"

    # -- the note field ------------------------------------------------------------

    def commit_line(self, line: str, recalled: str | None = None, *, private: bool = False) -> None:
        """``enter`` in the note field (already cleared): a note or a MeetBot command.

        A line the core refuses is never lost: it is kept as a note marked "not understood" (unless it was a bare
        command such as ``#undo``), it stays in the field's history (``up`` recalls it), and the refusal is said
        once in the message line. A fixed version of it (``recalled`` is the history line it was recalled
        from), once accepted, takes the marked note's place.
        """
        text = line.strip()
        command: str
        try:
            command = parse_note_line(text).name
        except MeetuiError:
            command = ""
        with self.app.batch_update():  # the new note and the cleared field in one layout and one frame
            if private and command == "note":
                parsed = parse_note_line(text)
                outcome = self.session.attempt(lambda live: live.add_note(parsed.text, parsed.kind, private=True))
            else:
                outcome = self.session.attempt(lambda live: apply_line(live, text))
            if outcome.change is not None:
                self._accepted(outcome.change, announce=command != "note", replaces=recalled)
                return
            self._refused(text, command, outcome.error, outcome.message)

    def _accepted(self, change: Change, *, announce: bool, replaces: str | None = None) -> None:
        # An offer to add the people a refused #action named is about that line only: once another line is taken,
        # ctrl+o must not add them later for a line nobody is looking at any more.
        self._people_offer = None
        if replaces is not None:
            change = self._settle_refused(change, replaces.strip())
        self.refresh_panes(change)
        self.refresh_availability()
        self._show_save_state()
        if announce and change.message:
            self.notify(change.message, timeout=2.5)

    def _settle_refused(self, change: Change, line: str) -> Change:
        """A refused ``line``, corrected and accepted, replaces its "not understood" note."""
        note_id = self._refused_notes.pop(line, None)
        if note_id is None:
            return change
        extra = self.session.attempt(lambda live: withdraw_note(live, note_id, reason="corrected"))
        if extra.change is not None:
            change = Change(
                [*change.records, *extra.change.records], list(change.deleted), change.meeting, change.message
            )
        return change

    def _refused(self, line: str, command: str, error: Exception | None, message: str) -> None:
        kept = ""
        if command != "undo" and line not in self._refused_notes:
            # Private: kept for the note-taker to fix (up recalls it), never in the minutes or on the shared screen.
            note = self.session.attempt(lambda live: live.add_note(f"{NOT_UNDERSTOOD} {line}", private=True))
            if note.change is not None:
                self._refused_notes[line] = note.change.records[0].id
                self.refresh_panes(note.change)
                self._show_save_state()
                kept = " · kept as a note"
        recall = " · ↑ recalls the line"
        if isinstance(error, UnknownPeople):
            self._people_offer = (line, list(error.names))
            key = key_display(self.app, LIVE_BY_ID["live.add_people"])
            names = ", ".join(error.names)
            who = "is not an attendee" if len(error.names) == 1 else "are not attendees"
            self.notify(f"{names} {who}: {key} adds and records the line{recall}{kept}", severity="error", timeout=0)
        else:
            self._people_offer = None
            self.notify(f"{message}{recall}{kept}", severity="error", timeout=12)
        self.refresh_availability()

    def action_add_people(self) -> None:
        """Add the people a refused ``#action`` named as attendees, then record the line."""
        if self._people_offer is None:
            return
        line, names = self._people_offer
        self._people_offer = None
        outcome = self.session.attempt(lambda live: apply_line_adding(live, line, names))
        if outcome.change is None:
            self.notify(outcome.message, severity="error")
            self.refresh_availability()
            return
        self._accepted(outcome.change, announce=True, replaces=line)

    @on(OptionList.OptionSelected, "#note-list")
    @on(DataTable.RowSelected, "#agenda-table")
    def _enter_goes_to_note(self) -> None:
        if self.check_action("focus_note", ()):  # not in the follow view (after the end: a post-meeting note)
            self.action_focus_note()

    @on(DataTable.RowSelected, "#actions-table")
    def _edit_action(self, event: DataTable.RowSelected) -> None:
        if not self.read_only and event.row_key.value:
            from ..dialogs.action_form import ActionForm

            self._open_dialog(ActionForm(self.session, event.row_key.value))

    # -- availability ----------------------------------------------------------------

    def refresh_availability(self) -> None:
        """Redraw the footer only when what is available changed (redrawing it costs a frame's worth)."""
        self.query_one(NotesPane).set_field(enabled=not self.read_only, ended=self.ended)
        state = tuple(self.available(c.action.partition("(")[0]) for c in LIVE_COMMANDS)
        if state != getattr(self, "_availability", None):
            self._availability = state
            self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """:meth:`available`, except that a key that types (a letter, space, enter) is the field's while a field
        has focus: the live keys are priority bindings, acted on as Textual reads them (so keys typed ahead
        land in order, see :mod:`..panes.typeahead`), and this hands the typing keys back to the field."""
        if isinstance(self.focused, Input) and action in self._typing_actions():
            return False
        return self.available(action)

    def _typing_actions(self) -> frozenset[str]:
        """The live actions bound (after the user's keymap) to a key that types in a field."""
        keymap: dict[str, str] = getattr(self.app, "keymap", {}) or {}
        if getattr(self, "_typing_for", None) is not keymap:
            typing = set()
            for command in LIVE_COMMANDS:
                keys = [k.strip() for k in keymap.get(command.id, command.key).split(",")]
                if any(len(k) == 1 or k in TYPING_KEYS for k in keys):
                    typing.add(command.action.partition("(")[0])
            self._typing_for, self._typing = keymap, frozenset(typing)
        return self._typing

    def on_key(self, event: events.Key) -> None:
        """A greyed key (one that does nothing now) says why, in the message line, rather than nothing."""
        if isinstance(self.focused, Input):
            return
        action = self._action_of_key(event.key)
        if action is None or self.available(action) is not None:
            return
        reason = self.unavailable_reason(action)
        if reason:
            event.stop()
            self.notify(f"{key_display(self.app, LIVE_BY_ID[self._command_of_action[action]])}: {reason}")

    def _action_of_key(self, key: str) -> str | None:
        """The live action bound to ``key`` (after the user's keymap), if any."""
        keymap: dict[str, str] = getattr(self.app, "keymap", {}) or {}
        if getattr(self, "_actions_for", None) is not keymap:
            by_key: dict[str, str] = {}
            self._command_of_action: dict[str, str] = {}
            for command in LIVE_COMMANDS:
                action = command.action.partition("(")[0]
                self._command_of_action.setdefault(action, command.id)
                for bound in keymap.get(command.id, command.key).split(","):
                    by_key.setdefault(bound.strip(), action)
            self._actions_for, self._actions_by_key = keymap, by_key
        return self._actions_by_key.get(key)

    def available(self, action: str) -> bool | None:
        """Grey out (``None``) what does not apply now; hide (``False``) the other half of ``d``."""
        # Called for every command each time the footer is checked: look up only what this action needs.
        if action == "add_people":
            return self._people_offer is not None
        if action == "home":
            return self.opened_from_home
        if action in FOUND_ACTIONS:
            return self.found_available(action)
        meeting = self.meeting
        topic = meeting.current_topic if action in TOPIC_ACTIONS else None
        if action in {"amend", "decision"}:
            locked = topic is not None and meeting.locked_decision(topic.id) is not None
            if action == "amend" and not locked:
                return False
            if action == "decision" and locked:
                return False
        if action == "enter":
            if self._highlighted_action_id() is not None:
                return not self.read_only  # edits the item (the follow view: nothing)
            action = "focus_note"
        if action == "focus_note" and self.ended and not self.read_only:
            return True  # a post-meeting note (会后补充): the only record still taken once the meeting has ended
        if action in WRITING_ACTIONS and (self.read_only or self.ended):
            return False  # hidden from the key line: they will not apply again in this meeting
        if action in {"next_topic", "previous_topic"}:
            order = [t.id for t in meeting.agenda]
            index = order.index(topic.id) if topic is not None and topic.id in order else None
            if action == "next_topic":
                return None if not order or (index is not None and index == len(order) - 1) else True
            return None if index is None or index == 0 else True
        if action in {"extend", "shrink", "decision", "amend"} and topic is None:
            return None
        if action == "shrink" and topic is not None and topic.timebox_minutes <= MIN_TIMEBOX_MINUTES:
            return None
        if action == "replan":
            return True if self._replan_offered else None
        return True

    def unavailable_reason(self, action: str) -> str:
        """Why ``action`` does nothing now, for the help screen (``""`` when it is available)."""
        if self.available(action):
            return ""
        if action in FOUND_ACTIONS:
            return "offered when a search (/ on the home screen) opened this meeting"
        if self.read_only:
            return "this meeting is run by another process: follow view"
        if self.ended and action in WRITING_ACTIONS:
            return "the meeting has ended"
        topic = self.meeting.current_topic
        if action == "next_topic" and topic is not None:
            return "last topic: e ends the meeting"
        if action == "previous_topic" and topic is not None:
            return "this is the first topic"
        if action == "replan":
            return "nothing to re-plan: offered when the meeting is projected to end a minute or more late"
        if action == "shrink" and topic is not None:
            return f"a timebox is at least {MIN_TIMEBOX_MINUTES} minute"
        if topic is None and action in TOPIC_ACTIONS:
            return "no current topic yet: space starts the meeting"
        if action == "add_people":
            return "offered after an #action names someone who is not an attendee"
        return ""

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

    def _highlighted_action_id(self) -> str | None:
        """The action item under the cursor, when the actions table has focus."""
        table = self.query_one("#actions-table", FittedTable)
        return table.row_key_at_cursor() if self.focused is table else None

    def action_enter(self) -> None:
        """``enter``: in the actions table, edit the highlighted item; anywhere else, type a note (as ``i``)."""
        action_id = self._highlighted_action_id()
        if action_id is None:
            self.action_focus_note()
            return
        from ..dialogs.action_form import ActionForm

        self._open_dialog(ActionForm(self.session, action_id))

    def action_focus_note(self) -> None:
        self.set_focus(self.query_one("#note-input", Input))  # at once: the keys typed next are the note's

    def action_focus_pane(self, name: str) -> None:
        pane = self.query_one(f"#{name}", Pane)
        self.set_focus(pane.focus_target)

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
        if not text and self.focused is self.query_one("#note-list"):  # a note chosen in the list, not by chance
            note_id = self.query_one(NotesPane).highlighted_note_id
            note = next((n for n in self.meeting.notes if n.id == note_id), None)
            text = note.text if note else ""

        def closed(change: Change | None = None) -> None:
            if change is not None and typed and note_input.value.strip() == typed:
                note_input.value = ""  # the line went to the parking lot instead
            self._dialog_closed(change)

        self.app.push_screen(ParkingLotDialog(self.session, text), closed)

    # -- editing what was recorded ------------------------------------------------------

    def _highlighted_note(self) -> Note | None:
        note_id = self.query_one(NotesPane).highlighted_note_id
        return next((n for n in self.meeting.notes if n.id == note_id and not n.withdrawn), None)

    def _highlighted_topic(self) -> Topic | None:
        topic_id = self.query_one("#agenda-table", FittedTable).row_key_at_cursor()
        return self.meeting.topic(topic_id) if topic_id else None

    def action_edit_note(self) -> None:
        """Edit the note highlighted in the notes list."""
        from ..dialogs.line_edit import LineEditDialog

        note = self._highlighted_note()
        if note is None:
            self.notify("highlight a note in the list first (3, then the arrows)")
            return
        note_id = note.id
        self._open_dialog(
            LineEditDialog(
                self.session, "Edit note", note.text, lambda text: lambda live: edit_note(live, note_id, text)
            )
        )

    def action_delete_note(self) -> None:
        """Delete the highlighted note: kept in the meeting's history, left out of the minutes."""
        note = self._highlighted_note()
        if note is None:
            self.notify("highlight a note in the list first (3, then the arrows)")
            return
        note_id = note.id
        self.apply(lambda live: withdraw_note(live, note_id))

    def action_rename_topic(self) -> None:
        from ..dialogs.line_edit import LineEditDialog

        topic = self._highlighted_topic()
        if topic is not None:
            topic_id = topic.id
            self._open_dialog(
                LineEditDialog(
                    self.session,
                    "Rename topic",
                    topic.title,
                    lambda text: lambda live: live.rename_topic(topic_id, text),
                )
            )

    def action_delete_topic(self) -> None:
        topic = self._highlighted_topic()
        if topic is not None:
            topic_id = topic.id
            self.apply(lambda live: live.delete_topic(topic_id))

    def action_move_topic(self, offset: int) -> None:
        topic = self._highlighted_topic()
        if topic is not None:
            topic_id, step = topic.id, int(offset)
            if self.apply(lambda live: live.move_topic(topic_id, step)) is not None:
                table = self.query_one("#agenda-table", FittedTable)
                order = [t.id for t in self.meeting.agenda]
                table.move_cursor(row=order.index(topic_id), animate=False)

    def action_insert_topic(self) -> None:
        from ..dialogs.line_edit import LineEditDialog

        started = self.meeting.current_topic is not None  # before the start: an addition, not a move to it
        self._open_dialog(
            LineEditDialog(
                self.session,
                "New topic after the current one" if started else "New topic at the end of the agenda",
                "",
                lambda text: lambda live: live.insert_topic_after_current(text) if started else live.add_topic(text),
                hint="⏎ insert it and move to it · esc cancel" if started else "⏎ add it · esc cancel",
                placeholder="title",
            )
        )

    def action_parking_list(self) -> None:
        from ..dialogs.parking import ParkingLotDialog

        self._open_dialog(ParkingLotDialog(self.session, listing=True))

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

    @property
    def opened_from_home(self) -> bool:
        """Whether the list of meetings (the home screen) is the screen below this one."""
        home = sys.modules.get(f"{__package__}.home")  # not imported: no home screen (and `meetui run` starts lean)
        stack = self.app.screen_stack
        if home is None or self not in stack or stack.index(self) == 0:
            return False
        return isinstance(stack[stack.index(self) - 1], home.HomeScreen)

    def action_home(self) -> None:
        """Back to the list of meetings this meeting was opened from (the line being typed is kept as a draft); the
        list is read again, as this meeting may have changed it."""
        if not self.opened_from_home:
            return
        stack = self.app.screen_stack
        home = stack[stack.index(self) - 1]
        self.keep_draft()
        self.app.pop_screen()
        let_go = getattr(self.app, "let_go", None)  # the app that opened it holds its writer lock
        if let_go is not None:
            let_go(self.session)
        home.action_reload()  # type: ignore[attr-defined]  # a HomeScreen (opened_from_home)

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
        from ...store.presence import is_being_run

        worker = get_current_worker()
        store, meeting_id = self.session.store, self.meeting.id
        last = self.meeting
        running: bool | None = None  # whether a process holds the meeting's live lock, as last seen
        while not worker.is_cancelled:
            now_running = is_being_run(store.locks_dir, meeting_id)
            if now_running is not None and now_running != running:
                self.post_message(self.HostPresence(now_running, first=running is None))
                running = now_running
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

    def on_live_screen_host_presence(self, message: HostPresence) -> None:
        """Say in the header whether the host still runs the meeting; say it once when they leave or come back."""
        self._host_running = message.running
        self._stopped_at = None if message.running or self.ended else self._host_left_at(message.first)
        self._show_save_state()
        self._show_clock()
        if message.running and not message.first:
            self.notify("the host is running the meeting again", title="Following", timeout=6)
        elif not message.running and not message.first and not self.ended:  # an ended meeting has nobody to resume it
            self.notify(
                "the host has left: nobody is running this meeting now (meetui run resumes it)",
                title="Following",
                severity="warning",
                timeout=0,
            )

    def _host_left_at(self, first: bool) -> dt.datetime:
        """When the host left: now, when the follow view saw it happen; else the meeting file's last write."""
        now = self.session.clock.now()
        if not first:
            return now
        try:
            written = self.session.store.meeting_path(self.meeting.id).stat().st_mtime
        except OSError:
            return now
        return min(now, dt.datetime.fromtimestamp(written, now.tzinfo))

    def on_live_screen_reloaded(self, message: Reloaded) -> None:
        self.session.live.meeting = message.meeting
        self.title = message.meeting.title
        self.refresh_panes()
        self.refresh_availability()
