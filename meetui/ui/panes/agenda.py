"""The agenda pane: topics with planned and actual minutes, the current one marked, decisions and overruns."""

from __future__ import annotations

import datetime as dt

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content

from ...core.models import Decision, Meeting, TopicState
from ...core.timekeeping import topic_seconds
from ...store.search import locate
from .base import ColumnSpec, FittedTable, Pane
from .display import TOPIC_MARKS, decision_mark, minutes_text, overrun_text


def latest_decisions(meeting: Meeting) -> dict[str, Decision]:
    """Each topic's latest decision (as :meth:`Meeting.latest_decision` finds it), in one pass over them all."""
    latest: dict[str, Decision] = {}
    for decision in meeting.decisions:
        known = latest.get(decision.topic_id)
        if known is None or decision.version >= known.version:
            latest[decision.topic_id] = decision
    return latest


class AgendaTable(FittedTable):
    """One row per topic: state, decision, title, planned and actual minutes, overrun."""

    COLUMNS = (
        ColumnSpec("mark", "", 2),
        ColumnSpec("title", "Topic", None),
        ColumnSpec("minutes", "Act/Plan", 8),
        ColumnSpec("over", "", 4),
    )

    def expected_width(self) -> int:
        """The left column's width in ``themes/app.tcss`` (40 cells when narrow, else half), less the frame."""
        screen_width = self.app.size.width
        column = 40 if screen_width < 100 else max(screen_width // 2, 34)
        return column - Pane.FRAME_WIDTH


def title_cell(number: int, title: str) -> str:
    """A topic's title as its row shows it: its place in the agenda, then the title."""
    return f"{number}. {title}"


class AgendaPane(Pane):
    """The meeting's agenda in order. A search hit can mark a topic's title, or the count of parked items."""

    BINDINGS = [
        Binding("R", "screen.rename_topic", "rename", id="agenda.rename"),
        Binding("x,delete", "screen.delete_topic", "delete", id="agenda.delete"),
        Binding("left_square_bracket", "screen.move_topic(-1)", "move up", id="agenda.move_up", key_display="["),
        Binding("right_square_bracket", "screen.move_topic(1)", "move down", id="agenda.move_down", key_display="]"),
        Binding("o", "screen.insert_topic", "insert after current", id="agenda.insert"),
    ]

    TITLE = "Agenda"
    HELP = """\
## Agenda
Every topic in agenda order. **▶** is the current topic, **✓** a finished one,
**»** one skipped (left at once, nothing recorded), **↷** one moved to the
parking lot; the title counts the open parking-lot items (`l` lists them). **◆** marks a locked decision, **◇** one
still open. *Plan* is the timebox in minutes (with any minutes added live),
*Act* the minutes actually spent, and **▲+N** an overrun of N minutes.

`n` / `p` move to the next or previous topic; `+` / `-` change the current
topic's timebox by a minute.

On the highlighted topic: `R` renames it, `x` deletes it (only a topic with
nothing recorded on it; defer the others), `[` / `]` move it up or down, and
`o` inserts a new topic right after the current one.
"""

    def compose(self) -> ComposeResult:
        yield AgendaTable(id="agenda-table")

    def show(self, meeting: Meeting, now: dt.datetime) -> None:
        """Bring the table up to date with ``meeting`` at ``now``."""
        table = self.query_one(AgendaTable)
        rows = []
        current_index = None
        latest = latest_decisions(meeting)
        for index, topic in enumerate(meeting.agenda):
            spent = topic_seconds(topic, now)
            started = bool(topic.segments)
            actual = minutes_text(spent) if started else "—"
            rows.append(
                (
                    topic.id,
                    (
                        TOPIC_MARKS[topic.state] + decision_mark(latest.get(topic.id)),
                        title_cell(index + 1, topic.title),
                        f"{actual:>3}/{topic.timebox_minutes:<3}",
                        overrun_text(topic, spent) if topic.state is not TopicState.PENDING else "",
                    ),
                )
            )
            if topic.id == meeting.current_topic_id:
                current_index = index
        table.sync(rows)
        self.border_subtitle = f"{meeting.topics_done()}/{len(meeting.topics)} done"
        self._show_title(meeting)
        if current_index is not None and current_index != getattr(self, "_shown_current", None):
            table.move_cursor(row=current_index, animate=False)
            self._shown_current = current_index

    def _show_title(self, meeting: Meeting) -> None:
        """The pane's title: the parked items' count (``l`` lists them), marked while a search hit is parked."""
        parked = sum(not item.resolved for item in meeting.parking_lot)
        count = f"{parked} parked (l)" if parked else ("parked (l)" if self.parking_marked else "")
        title = Content("Agenda · ") + Content(count) if count else Content("Agenda")
        if self.parking_marked and count:
            title = title.stylize(self.get_visual_style("pane--hit"), len("Agenda · "))
        if self.shown_title is None or (title.plain, title.spans) != (self.shown_title.plain, self.shown_title.spans):
            self.shown_title = self.border_title = title

    #: Whether the parked items' count is marked (a search hit in the parking lot).
    parking_marked = False
    #: The pane's title as last set (``border_title`` reads back as markup).
    shown_title: Content | None = None

    def mark(self, meeting: Meeting, topic_id: str | None, needle: str = "", *, parking: bool = False) -> None:
        """Select the topic's row and mark ``needle`` (folded, see :func:`meetui.store.search.fold`) in its title
        where it is there; ``parking``: mark the parked items' count instead (the row, if any, is the topic the
        item was parked from). ``topic_id`` None and ``parking`` False clear the marks."""
        table = self.query_one(AgendaTable)
        self.parking_marked = parking
        number = next((n for n, t in enumerate(meeting.agenda, 1) if t.id == topic_id), None)
        topic = meeting.topic(topic_id)
        if number is None or topic is None:
            table.mark(None)
        else:
            where = None if parking else locate(needle, topic.title)
            lead = len(title_cell(number, ""))
            start, end = (where[0] + lead, where[1] + lead) if where else (0, 0)
            table.mark(topic.id, "title", start, end)
        self._show_title(meeting)
