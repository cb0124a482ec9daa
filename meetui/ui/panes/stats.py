"""The home screen's statistics panel: follow-through figures and a small chart of overruns (Textual's Sparkline)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, Sparkline

from ...core.stats import Stats, held, overrun_words


class StatsPane(Vertical):
    """Meetings held, overrun per meeting (chart, last 40) and on average, decisions, items done on time, overdue."""

    HELP = """\
## Statistics
Meetings held, the clock's overrun per meeting (the chart, oldest to newest,
last 40) and on average, topics decided vs deferred, and action items done,
done on time and overdue. `meetui stats` gives them by department or owner.
"""

    def compose(self) -> ComposeResult:
        yield Label(Text("…"), id="stats-figures")
        yield Sparkline([], id="stats-chart", summary_function=max)

    def on_mount(self) -> None:
        self.border_title = "Follow-through"

    def show(self, stats: Stats) -> None:
        total = stats.total
        rate = total.on_time_rate
        lines = [
            held(len(stats.meetings)),
            f"{overrun_words(stats.average_overrun)} on average",
            f"topics {total.decided} decided, {total.deferred} deferred",
            f"actions {total.done}/{total.actions} done",
            f"on time {'—' if rate is None else f'{rate:.0%}'}",
            f"overdue {total.overdue}",
        ]
        self.query_one("#stats-figures", Label).update(Text("\n".join(lines)))
        chart = self.query_one("#stats-chart", Sparkline)
        chart.data = [max(m.overrun_minutes, 0.0) for m in stats.meetings[-40:]] or [0.0]
