"""The home screen: upcoming, live and past meetings, and the open action items of all of them.

Reading the store happens in a thread worker; ``enter`` runs the highlighted
meeting live, ``o`` opens it read-only.
"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header

from ...core.models import ActionItem, ActionStatus
from ...store import MeetingSummary, Store
from ..keys import HOME_COMMANDS, ScreenCommands, bindings
from ..panes.base import ColumnSpec, FittedTable
from ..panes.display import ACTION_STATUS_WORDS, local_time

STATUS_WORDS = {"live": "▶ live", "scheduled": "◷ next", "draft": "✎ draft", "ended": "✓ past"}
STATUS_ORDER = {"live": 0, "scheduled": 1, "draft": 2, "ended": 3}


class MeetingsTable(FittedTable):
    COLUMNS = (
        ColumnSpec("status", "", 7),
        ColumnSpec("when", "When", 16),
        ColumnSpec("title", "Meeting", None),
        ColumnSpec("open", "Open", 4),
    )


class OpenActionsTable(FittedTable):
    COLUMNS = (
        ColumnSpec("id", "ID", 6),
        ColumnSpec("task", "Task", None),
        ColumnSpec("owner", "Owner", 10),
        ColumnSpec("due", "Due", 10),
        ColumnSpec("status", "Status", 9),
    )


def meeting_when(summary: MeetingSummary) -> str:
    """``2026-11-20 09:30`` in the meeting's own zone."""
    return local_time(summary.sort_time, summary.timezone, "YYYY-MM-DD HH:mm")


class HomeScreen(Screen):
    """Every meeting in the store, live ones first, and what is still to do."""

    KEY_COMMANDS = HOME_COMMANDS
    BINDINGS = bindings(HOME_COMMANDS)
    COMMANDS = {ScreenCommands}
    AUTO_FOCUS = "#meetings-table"
    HELP = """\
## Home
**Meetings**: live ones first, then upcoming, drafts and past ones. `enter` runs
the highlighted meeting live; `o` follows it read-only. **Open action items**
lists what is not done yet across every meeting, soonest due first.
Create meetings with `meetui new TITLE` or try `meetui demo`.
"""

    class Loaded(Message):
        def __init__(self, summaries: list[MeetingSummary], actions: list[ActionItem]) -> None:
            super().__init__()
            self.summaries = summaries
            self.actions = actions

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store

    def compose(self) -> ComposeResult:
        yield Header(icon="◷")
        with Vertical(id="home-meetings", classes="pane"):
            yield MeetingsTable(id="meetings-table")
        with Vertical(id="home-actions", classes="pane"):
            yield OpenActionsTable(id="home-actions-table")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "meetui"
        self.sub_title = "meetings"
        self.query_one("#home-meetings").border_title = "Meetings"
        self.query_one("#home-actions").border_title = "Open action items"
        self.action_reload()

    def action_reload(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="home")
    def load(self) -> None:
        summaries = self.store.summaries()
        actions = [ActionItem.model_validate(doc) for doc in self.store.action_docs()
                   if doc["status"] != ActionStatus.DONE.value]
        self.post_message(self.Loaded(summaries, actions))

    def on_home_screen_loaded(self, message: Loaded) -> None:
        summaries = sorted(message.summaries, key=lambda s: (STATUS_ORDER.get(s.status, 9), s.sort_time))
        self.query_one(MeetingsTable).sync([
            (s.id, (STATUS_WORDS.get(s.status, s.status), meeting_when(s), s.title, str(s.open_actions)))
            for s in summaries
        ])
        actions = sorted(message.actions, key=lambda a: (a.due is None, a.due or 0, a.id))
        self.query_one(OpenActionsTable).sync([
            (f"{a.meeting_id}/{a.id}", (a.id, a.task, a.owner, a.due.isoformat() if a.due else "—",
                                        ACTION_STATUS_WORDS[a.status]))
            for a in actions
        ])
        self.sub_title = f"{len(summaries)} meetings · {len(actions)} open action items"
        self.refresh_bindings()  # open and follow are greyed while there is nothing to open
        if not summaries:
            self.notify("No meetings yet: create one with `meetui new TITLE`, or try `meetui demo`.", timeout=8)

    def _highlighted(self) -> str | None:
        """The meeting to open: the highlighted one, or the one of the highlighted open action item."""
        actions = self.query_one(OpenActionsTable)
        if self.focused is actions:
            key = actions.row_key_at_cursor()
            return key.partition("/")[0] if key else None
        return self.query_one(MeetingsTable).row_key_at_cursor()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in {"open_meeting", "follow_meeting"} and self._highlighted() is None:
            return None  # nothing to open: greyed
        return True

    @on(DataTable.RowSelected, "#meetings-table")
    def action_open_meeting(self) -> None:
        meeting_id = self._highlighted()
        if meeting_id:
            self.app.open_meeting(meeting_id)

    def action_follow_meeting(self) -> None:
        meeting_id = self._highlighted()
        if meeting_id:
            self.app.open_meeting(meeting_id, read_only=True)
