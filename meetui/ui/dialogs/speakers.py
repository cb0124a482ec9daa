"""The speaker queue (``s``): who has the floor, for how long against the limit, and who is next.

Every figure is computed from the turns' stored timestamps and the session
clock, refreshed each second, so it stays right across pauses and restarts.
"""

from __future__ import annotations

import datetime as dt
import re

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Label, Static

from ...core.errors import MeetuiError
from ...core.models import SpeakerTurn
from ...core.timekeeping import TIME_STATE_LABELS, TimeState, format_duration, time_state
from .base import PromptDialog
from .widgets import InlineError, NameInput, attendee_names, field

_LIMIT = re.compile(r"^(?:(\d{1,3})(?::(\d{1,2}))?|(\d{1,4})\s*s)$")


def parse_limit(text: str) -> int:
    """A per-speaker limit in seconds, from "3" (minutes), "2:30" or "90s"."""
    match = _LIMIT.match(text.strip())
    if not match:
        raise MeetuiError(f'cannot read the limit {text.strip()!r}: use minutes ("3"), "2:30" or seconds ("90s")')
    if match.group(3):
        return int(match.group(3))
    seconds = int(match.group(2) or 0)
    if seconds >= 60:
        raise MeetuiError(f"{text.strip()!r}: the seconds after the colon must be below 60")
    return int(match.group(1)) * 60 + seconds


def spoken_seconds(turn: SpeakerTurn, now: dt.datetime) -> float:
    """How long a turn has lasted (so far, if it is still going)."""
    if turn.started_at is None:
        return 0.0
    return max(((turn.ended_at or now) - turn.started_at).total_seconds(), 0.0)


class SpeakerQueueDialog(PromptDialog):
    """The current speaker's time against the limit, the queue, and the turns already taken."""

    BINDINGS = [
        Binding("a", "add", "Add speaker", id="speakers.add"),
        Binding("n", "next", "Next speaker", id="speakers.next"),
        Binding("l", "limit", "Limit…", id="speakers.limit"),
    ]

    PROMPT_ID = "speakers-prompt"
    QUESTION_ID = "speakers-question"
    LETTER_ACTIONS = frozenset({"add", "next", "limit"})
    #: ``"add"`` or ``"limit"`` while the prompt asks for a name or a limit.
    asking: str | None = None
    _title = ""  # the title line as last drawn

    def compose(self) -> ComposeResult:
        with Vertical(id="speakers-dialog", classes="dialog"):
            yield Static("Speaker queue", classes="dialog-title", id="speakers-title", markup=False)
            yield Static(id="speakers-current", classes="big", markup=False)
            yield Static(id="speakers-list", classes="list", markup=False)
            with Horizontal(classes="prompt", id="speakers-prompt"):
                yield Label("", id="speakers-question", markup=False)
                yield NameInput(attendee_names(self.session.meeting), id="speakers-name")
                yield field("3, 2:30 or 90s", id="speakers-limit")
            yield InlineError(id="speakers-error")
        yield Footer()

    def on_mount(self) -> None:
        self.close_prompt()
        self.set_interval(1.0, self.refresh_times)

    # -- the view --------------------------------------------------------------

    def refresh_times(self) -> None:
        """Recompute every figure from the stored timestamps at the clock's now."""
        live = self.live
        now = live.now()
        limit = self.session.meeting.speaker_limit_seconds
        title = f"Speaker queue · limit {format_duration(limit)} each"
        if title != self._title:  # it changes with the limit only; an update costs a layout
            self._title = title
            self.query_one("#speakers-title", Static).update(title)
        current = live.current_speaker()
        panel = self.query_one("#speakers-current", Static)
        if current is None:
            panel.update("Nobody has the floor." + ("  n: next speaker" if live.waiting_speakers() else ""))
            state = TimeState.ON_TIME
        else:
            spoken = spoken_seconds(current, now)
            state = time_state(spoken, current.limit_seconds)
            symbol, word = TIME_STATE_LABELS[state]
            allowed = format_duration(current.limit_seconds)
            panel.update(f"Speaking: {current.name}   {format_duration(spoken)} / {allowed}   {symbol} {word}")
        panel.set_class(state is TimeState.OVER, "-over")
        panel.set_class(state is TimeState.CLOSING, "-closing")
        self.query_one("#speakers-list", Static).update(self.turns_table(now))

    def turns_table(self, now: dt.datetime) -> Table | str:
        """Waiting speakers in order, then the finished turns of this meeting, newest first."""
        live = self.live
        waiting = live.waiting_speakers()
        done = [t for t in self.session.meeting.speakers if t.ended_at is not None and t.started_at is not None]
        if not waiting and not done:
            return "The queue is empty: a adds a speaker."
        table = Table(box=None, padding=(0, 1), show_edge=False, expand=True)
        table.add_column("", style="dim", no_wrap=True)
        table.add_column("Speaker", ratio=2)
        table.add_column("Spoke", justify="right", no_wrap=True)
        table.add_column("", ratio=1, no_wrap=True)
        for place, turn in enumerate(waiting, 1):
            table.add_row(f"{place}.", Text(turn.name), "waiting", "")
        for turn in reversed(done):
            spoken = spoken_seconds(turn, now)
            symbol, word = TIME_STATE_LABELS[time_state(spoken, turn.limit_seconds)]
            table.add_row(
                "✓",
                Text(turn.name),
                f"{format_duration(spoken)} / {format_duration(turn.limit_seconds)}",
                f"{symbol} {word}",
            )
        return table

    # -- keys ------------------------------------------------------------------

    def action_add(self) -> None:
        self.ask("add", "Who wants to speak?", "speakers-name")

    def action_limit(self) -> None:
        self.ask("limit", "Limit", "speakers-limit", format_duration(self.session.meeting.speaker_limit_seconds))

    def action_next(self) -> None:
        self.apply(lambda live: live.next_speaker())
        self.refresh_times()

    # -- the prompt ------------------------------------------------------------

    def prompt_closed(self) -> None:
        self.focus_nothing()
        self.refresh_times()

    def answer(self, value: str) -> bool:
        if self.asking == "add":
            return self.apply(lambda live: live.queue_speaker(value)) is not None
        if self.asking == "limit":
            try:
                seconds = parse_limit(value)
            except MeetuiError as error:
                self.show_error(str(error))
                return False
            return self.apply(lambda live: live.set_speaker_limit(seconds)) is not None
        return True
