"""Live re-planning: when the projected end passes the planned end, trim or park the remaining topics.

Both choices are shown before they are applied: the new timebox of every
remaining topic (trimmed in proportion), or which topics would move to the
parking lot. The preview is recomputed every second from the session clock.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer, Static

from ...core.models import Meeting
from ...core.timekeeping import format_duration, read_clock, topics_to_park, trim_plan
from .base import MeetingDialog
from .widgets import InlineError


def trim_table(meeting: Meeting, plan: dict[str, int]) -> Table | str:
    """Each remaining topic's timebox now and after trimming."""
    if not plan:
        return "The remaining topics already fit: nothing to trim."
    table = Table(box=None, padding=(0, 1), show_edge=False, expand=True)
    table.add_column("Topic", ratio=1)
    table.add_column("Now", justify="right", no_wrap=True)
    table.add_column("Trimmed", justify="right", no_wrap=True)
    for topic in meeting.agenda:
        if topic.id in plan:
            table.add_row(Text(topic.title), f"{topic.timebox_minutes} min", f"{plan[topic.id]} min")
    return table


def park_list(meeting: Meeting, ids: list[str]) -> str:
    """The topics that would move to the parking lot."""
    if not ids:
        return "Nothing needs parking."
    topics = [meeting.topic(topic_id) for topic_id in ids]
    return "\n".join(f"• {t.title} ({t.timebox_minutes} min)" for t in topics if t is not None)


class ReplanDialog(MeetingDialog):
    """Planned end against projected end, with two ways to finish on time."""

    BINDINGS = [
        Binding("1", "trim", "Trim remaining", id="replan.trim"),
        Binding("2", "park", "Park last topics", id="replan.park"),
    ]

    plan: dict[str, int] | None = None  # None until first worked out: the first refresh always draws
    parked: list[str] | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="replan-dialog", classes="dialog"):
            yield Static("Re-plan the rest of the meeting", classes="dialog-title", markup=False)
            yield Static(id="replan-ends", classes="big", markup=False)
            yield Static("1  Trim the remaining topics in proportion", classes="field-label", markup=False)
            yield Static(id="replan-trim", markup=False)
            yield Static("2  Move the last topics to the parking lot", classes="field-label", markup=False)
            yield Static(id="replan-park", markup=False)
            yield InlineError(id="replan-error")
        yield Footer()

    def on_mount(self) -> None:
        self.focus_nothing()
        self.refresh_plan()
        self.set_interval(1.0, self.refresh_plan)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "trim":
            return True if self.plan else None
        if action == "park":
            return True if self.parked else None
        return super().check_action(action, parameters)

    def refresh_plan(self) -> None:
        """Recompute both choices at the clock's now."""
        meeting = self.session.meeting
        now = self.live.now()
        reading = read_clock(meeting, now)
        planned = self.local_time(reading.planned_end) if reading.planned_end else "—"
        over = reading.projected_overrun
        late = f"   {format_duration(over)} late" if over > 0 else "   on time"
        self.query_one("#replan-ends", Static).update(
            f"Planned end {planned}   Projected end {self.local_time(reading.projected_end)}{late}"
        )
        plan, parked = trim_plan(meeting, now), topics_to_park(meeting, now)
        if (plan, parked) == (self.plan, self.parked):
            return  # the tables only change with the plan: redrawing them every second would cost a layout each
        self.plan, self.parked = plan, parked
        self.query_one("#replan-trim", Static).update(trim_table(meeting, plan))
        self.query_one("#replan-park", Static).update(park_list(meeting, parked))
        self.refresh_bindings()

    def action_trim(self) -> None:
        if self.apply(lambda live: live.trim_remaining()) is not None:
            self.dismiss(self.last_change)

    def action_park(self) -> None:
        if self.apply(lambda live: live.park_last_topics()) is not None:
            self.dismiss(self.last_change)
