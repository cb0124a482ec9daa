"""The home screen: the follow-through hub. Meetings in archive order, open action items by owner, statistics.

The first frame shows at once, empty; a thread worker reads the store's index
(two pack files, whatever the number of meetings) and the tables fill in. A
table shows what fits a screen several times over (:data:`ROWS_SHOWN`), not
20,000 rows: the rest is one "more" row away, or a filter or a search away.
The row building is in :mod:`meetui.ui.home_data` (no Textual).

Keys: ``enter`` runs the highlighted meeting, ``o`` follows it read-only,
``m`` shows its minutes, ``/`` searches every meeting. On an open action item,
``s`` moves it along its lifecycle and ``D`` gives it a new due date, in
place (:func:`meetui.store.updates.submit_update`: queued for the live process
if its meeting runs elsewhere). ``w``, ``d``, ``f``, ``t``, ``i`` filter the
items by owner, department, status, meeting, or the configured user; ``x``
clears the filters.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Header, Label

from ...core.errors import MeetuiError
from ...core.planning import copy_key
from ...store import MeetingSummary, SearchHit, Store
from ..home_data import FILTER_NAMES, ActionRow, Filters, MeetingRow, action_rows, meeting_rows, reminder, status_name
from ..keys import HOME_COMMANDS, ScreenCommands, bindings
from ..panes.keybar import KeyBar
from ..panes.stats import StatsPane
from ..planning.commands import HOME_PLAN_COMMANDS
from ..themes import load_stylesheet

#: Rows a table shows at most; a last row offers the next ones.
ROWS_SHOWN = 80

#: Statuses offered in the status filter, in lifecycle order.
OPEN_STATUSES = ["not-started", "in-progress", "delayed", "blocked"]

Doc = dict[str, Any]


#: A column: key, label, width in cells (``None``: the column that takes the rest of the row) and the fewest
#: cells it keeps when the table is narrow.
Column = tuple[str, str, int | None, int]


def column_widths(columns: list[Column], room: int) -> list[int]:
    """Widths (cells) of ``columns`` in ``room`` cells of content: each fixed column its width, the stretching one
    the rest; when that leaves it fewer than its minimum, the fixed columns give cells back, the widest surplus
    first, down to their own minimums."""
    widths = [width or 0 for _key, _label, width, _least in columns]
    stretch = next((i for i, (_k, _l, width, _m) in enumerate(columns) if width is None), None)
    if stretch is None:
        return widths
    least = columns[stretch][3]
    while room - sum(widths) < least:
        surplus = [(widths[i] - c[3], i) for i, c in enumerate(columns) if i != stretch and widths[i] > c[3]]
        if not surplus:
            break
        widths[max(surplus)[1]] -= 1
    widths[stretch] = max(room - sum(widths), least)
    return widths


class HomeTable(DataTable):
    """A table of keyed rows, of which at most :data:`ROWS_SHOWN` (more on demand); user text stays literal.

    The columns use the width the pane has, no more: one column takes what the others leave, and a cell too long
    for its column is cut with an ellipsis (never by the pane's edge, nor scrolled sideways).
    """

    def __init__(self, columns: list[Column], **kwargs: Any) -> None:
        super().__init__(cursor_type="row", zebra_stripes=False, **kwargs)
        self.spec = columns
        self.limit = ROWS_SHOWN
        self.total = 0
        self._shown: list[tuple[str, list[Text]]] = []
        self._widths: list[int] = []

    def on_mount(self) -> None:
        self._build_columns()

    def _fitting_widths(self) -> list[int]:
        width = self.size.width or self.app.size.width
        room = width - self.styles.scrollbar_size_vertical - 2 * self.cell_padding * len(self.spec)
        return column_widths(self.spec, room)

    def _build_columns(self) -> None:
        self._widths = self._fitting_widths()
        self.clear(columns=True)
        for (key, label, _width, _least), width in zip(self.spec, self._widths, strict=True):
            self.add_column(self._cut(Text(label), width), key=key, width=width)

    @staticmethod
    def _cut(cell: Text, width: int) -> Text:
        if cell.cell_len <= width:
            return cell
        cut = cell.copy()
        cut.truncate(width, overflow="ellipsis")
        return cut

    def on_resize(self) -> None:
        if self.columns and self._fitting_widths() != self._widths:
            self._build_columns()
            self._fill()

    def show(self, rows: Sequence[tuple[str, Any]], cells: Callable[[Any], list[Text]]) -> None:
        """Replace the rows, keeping the cursor on the same key where it still is; ``cells`` draws a row, and is
        called only for the rows shown (on 20,000 items, drawing them all was most of the home screen's load)."""
        self.total = len(rows)
        self._shown = [(key, cells(row)) for key, row in rows[: self.limit]]
        if len(rows) > self.limit:
            more = Text(
                f"… {len(rows) - self.limit} more: enter shows them (or filter, or / to search)", style="italic"
            )
            self._shown.append(
                ("more:", [more if width is None else Text("") for _key, _label, width, _least in self.spec])
            )
        self._fill()

    def _fill(self) -> None:
        current = self.key_at_cursor()
        self.clear()
        for key, cells in self._shown:
            self.add_row(*(self._cut(c, w) for c, w in zip(cells, self._widths, strict=True)), key=key)
        if current is not None and current in self.rows:
            self.move_cursor(row=self.get_row_index(current))
        else:  # on the first row that can be opened, not on a heading
            first = next((i for i, (key, _) in enumerate(self._shown) if ":" not in key), 0)
            self.move_cursor(row=first)

    def key_at_cursor(self) -> str | None:
        if not self.row_count:
            return None
        try:
            return self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        except Exception:  # noqa: BLE001 - an empty or changing table has no cursor row
            return None


def skipped_notice(unreadable: list[str], warnings: list[str]) -> str:
    """What the home screen says of meeting files it could not read and index entries it rebuilt, in one
    notification: a single problem in full, several as a count pointing to `meetui list` (which names each);
    ``""`` for none."""
    problems = [*unreadable, *warnings]
    if len(problems) <= 1:
        return "".join(problems)
    parts = []
    if unreadable:
        parts.append(f"{len(unreadable)} meeting file{'s' if len(unreadable) != 1 else ''} could not be read")
    if warnings:
        parts.append(f"{len(warnings)} index entr{'ies' if len(warnings) != 1 else 'y'} rebuilt")
    return "; ".join(parts) + ": see `meetui list`"


class HomeScreen(Screen):
    """Every meeting in the store, live and interrupted ones first, and what is still to do, by owner."""

    KEY_COMMANDS = (*HOME_COMMANDS, *HOME_PLAN_COMMANDS)
    BINDINGS = bindings(KEY_COMMANDS)
    COMMANDS = {ScreenCommands}
    AUTO_FOCUS = "#meetings-table"
    HELP = """\
## Home
**Meetings**: live and interrupted ones first (an interrupted meeting was quit
without ending it), then upcoming ones (soonest first), drafts, and past ones,
newest first, by year and month. `enter` runs the highlighted meeting; `o`
follows it read-only; `m` shows its minutes; `p` prepares it (the plan screen);
`c` creates a meeting and prepares it.

**Open action items**, by owner, overdue first (with days overdue); items due
within two days are marked. `s` changes the highlighted item's status by the
lifecycle rules and `D` its due date. Filter with `w` (owner), `d` (department),
`f` (status), `t` (the highlighted meeting), `i` (yours: `user = "…"` in the
config file); `x` shows everything again.

`/` searches every meeting's text. Create meetings with `meetui new TITLE` or
try `meetui demo`.
"""

    class Loaded(Message):
        def __init__(self, summaries: list[MeetingSummary], docs: list[Doc], stats: Any, user: str) -> None:
            super().__init__()
            self.summaries = summaries
            self.docs = docs
            self.stats = stats
            self.user = user

    class Updated(Message):
        def __init__(self, doc: Doc | None, message: str, error: bool = False) -> None:
            super().__init__()
            self.doc = doc
            self.message = message
            self.error = error

    def __init__(self, store: Store) -> None:
        super().__init__()
        load_stylesheet(self, "home.tcss")
        self.store = store
        self.summaries: list[MeetingSummary] = []
        self.docs: list[Doc] = []
        self.user = ""
        self.filters = Filters()
        self.titles: dict[str, str] = {}
        self._greeted = False
        self._review: tuple[SearchHit, str] | None = None  # a search hit to show in the meeting being opened

    def compose(self) -> ComposeResult:
        yield Header(icon="◷")
        with Horizontal(id="home-top"):
            with Vertical(id="home-meetings", classes="pane"):
                yield HomeTable(
                    [
                        ("status", "", 13, 7),
                        ("when", "When", 16, 11),
                        ("title", "Meeting", None, 10),
                        ("open", "Open", 4, 4),
                    ],
                    id="meetings-table",
                )
            yield StatsPane(id="home-stats", classes="pane")
        with Vertical(id="home-actions", classes="pane"):
            yield Label("", id="home-filters")
            yield HomeTable(
                [
                    ("id", "ID", 8, 8),
                    ("task", "Task", None, 14),
                    ("due", "Due", 10, 10),
                    ("late", "", 16, 7),
                    ("status", "Status", 11, 11),
                    ("meeting", "Meeting", 18, 8),
                ],
                id="home-actions-table",
            )
        yield KeyBar()  # drawn in the first frame, where Textual's Footer builds a widget per key frames later

    def on_mount(self) -> None:
        self.title = "meetui"
        self.sub_title = "loading…"
        self.query_one("#home-meetings").border_title = "Meetings"
        self.query_one("#home-actions").border_title = "Open action items"
        self.action_reload()

    # -- loading ------------------------------------------------------------------------------------

    def action_reload(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="home")
    def load(self) -> None:
        from ...core.stats import overview
        from ..user import configured_user

        rows = self.store.entries("meeting", "open")  # two pack files; the open items only, not every item ever
        summaries = self.store.summaries_of(rows)
        docs = self.store.open_action_docs(rows)  # an item carried into a follow-up meeting is one row
        stats = overview([r.parts["meeting"] for r in rows], docs, self._now().date())
        del rows
        self.post_message(self.Loaded(summaries, docs, stats, configured_user()))

    def _now(self) -> dt.datetime:
        return self.app.clock.now()  # type: ignore[attr-defined]

    def on_home_screen_loaded(self, message: Loaded) -> None:
        self.summaries, self.docs, self.user = message.summaries, message.docs, message.user
        self.titles = {s.id: s.title for s in self.summaries}
        self.show_meetings()
        self.show_actions()
        self.query_one(StatsPane).show(message.stats)
        self.refresh_bindings()  # open and follow are greyed while there is nothing to open
        said = skipped_notice(self.store.unreadable, self.store.warnings)
        if said:  # one notification, however many files: toasts must not cover the screen
            self.notify(said, title="Skipped", severity="warning", timeout=8, markup=False)
        if not self.summaries:
            self.notify("No meetings yet: create one with `meetui new TITLE`, or try `meetui demo`.", timeout=8)
        if not self._greeted and self.user:
            self._greeted = True
            said = reminder(self.docs, self.user, self._now().date())
            if said:
                self.notify(said, title=f"Reminder for {self.user}", severity="warning", timeout=12)

    def show_meetings(self) -> None:
        rows = meeting_rows(self.summaries, self._now())
        self.query_one("#meetings-table", HomeTable).show([(r.key, r) for r in rows], self._meeting_cells)

    def _meeting_cells(self, row: MeetingRow) -> list[Text]:
        if row.meeting_id is None:
            return [Text(""), Text(row.when, style="bold"), Text(""), Text("")]
        return [Text(row.status), Text(row.when), Text(row.title), Text(row.open_actions, justify="right")]

    def show_actions(self) -> None:
        rows = action_rows(self.docs, self._now().date(), self.filters)
        table = self.query_one("#home-actions-table", HomeTable)
        table.show([(r.key, r) for r in rows], self._action_cells)
        items = sum(1 for r in rows if r.doc is not None)
        late = sum(1 for r in rows if r.late)
        described = self.filters.describe(self.titles)
        self.query_one("#home-filters", Label).update(
            Text(
                f"filter: {described} (x: all)"
                if described
                else "all open items · w owner · d department · f status · t meeting · i mine"
            )
        )
        meetings = len(self.summaries)
        self.sub_title = (
            f"{meetings} meeting{'' if meetings == 1 else 's'} · {items} open action item{'' if items == 1 else 's'}"
            + (f" · {late} overdue" if late else "")
        )

    def _action_cells(self, row: ActionRow) -> list[Text]:
        if row.doc is None:
            return [Text(""), Text(row.label, style="bold"), Text(""), Text(""), Text(""), Text("")]
        doc = row.doc
        variables = self.app.theme_variables
        if row.late:
            late = Text(
                f"⚠ {row.late} day{'s' if row.late != 1 else ''} overdue",
                style=f"bold {variables.get('error', '')}".strip(),
            )
        elif row.soon:
            late = Text("◔ due soon", style=variables.get("warning", ""))
        else:
            late = Text("")
        return [
            Text(doc["id"]),
            Text(doc["task"]),
            Text(doc["due"] or "—"),
            late,
            Text(status_name(doc["status"])),
            Text(self.titles.get(doc["meeting_id"]) or str(doc["meeting_id"])),
        ]

    # -- what is highlighted ------------------------------------------------------------------------

    def _action_doc(self) -> Doc | None:
        key = self.query_one("#home-actions-table", HomeTable).key_at_cursor()
        if not key or "/" not in key:
            return None
        meeting_id, _, action_id = key.partition("/")
        return next((d for d in self.docs if d["id"] == action_id and d["meeting_id"] == meeting_id), None)

    def _highlighted(self) -> str | None:
        """The meeting to open: the highlighted one, or the one of the highlighted open action item."""
        actions = self.query_one("#home-actions-table", HomeTable)
        if self.focused is actions:
            doc = self._action_doc()
            return doc["meeting_id"] if doc else None
        key = self.query_one("#meetings-table", HomeTable).key_at_cursor()
        return key if key and ":" not in key else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in {"open_meeting", "follow_meeting", "minutes", "plan_meeting"} and self._highlighted() is None:
            return None  # nothing to open: greyed
        if action in {"set_status", "set_due"} and self._action_doc() is None:
            return None
        if action == "filter" and parameters == ("meeting",) and self._highlighted() is None:
            return None
        if action == "clear_filters" and not self.filters.active:
            return None
        return True

    @on(DataTable.RowHighlighted)
    def highlighted(self) -> None:
        self.refresh_bindings()

    # -- opening ------------------------------------------------------------------------------------

    @on(DataTable.RowSelected)
    def selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value == "more:":
            table = event.data_table
            assert isinstance(table, HomeTable)
            table.limit += ROWS_SHOWN
            self.show_meetings() if table.id == "meetings-table" else self.show_actions()
            return
        self.action_open_meeting()

    def action_open_meeting(self) -> None:
        meeting_id = self._highlighted()
        if meeting_id:
            self.app.open_meeting(meeting_id)  # type: ignore[attr-defined]

    def action_follow_meeting(self) -> None:
        meeting_id = self._highlighted()
        if meeting_id:
            self.app.open_meeting(meeting_id, read_only=True)  # type: ignore[attr-defined]

    def action_plan_meeting(self) -> None:
        """Prepare the highlighted meeting on the plan screen."""
        meeting_id = self._highlighted()
        if meeting_id:
            self.app.open_meeting(meeting_id, plan=True)  # type: ignore[attr-defined]

    def action_create_meeting(self) -> None:
        """Ask a title and a kind, create the meeting, then prepare it."""
        from ..planning.create import CreateMeetingDialog

        self.app.push_screen(CreateMeetingDialog(self.store, self.app.clock), self._created)  # type: ignore[attr-defined]

    def _created(self, meeting_id: str | None) -> None:
        if meeting_id:
            self.action_reload()
            self.app.open_meeting(meeting_id, plan=True)  # type: ignore[attr-defined]

    def action_minutes(self) -> None:
        meeting_id = self._highlighted()
        if meeting_id:
            self.load_minutes(meeting_id)

    @work(thread=True, exclusive=True, group="minutes", exit_on_error=False)
    def load_minutes(self, meeting_id: str) -> None:
        try:
            meeting = self.store.load(meeting_id)
        except MeetuiError as error:
            self.app.call_from_thread(self.notify, str(error), severity="error")
            return
        self.app.call_from_thread(self._show_minutes, meeting)

    def _show_minutes(self, meeting: Any) -> None:
        from ..dialogs.minutes import MinutesDialog

        self.app.push_screen(MinutesDialog(meeting, self.app.clock))  # type: ignore[attr-defined]

    # -- search -------------------------------------------------------------------------------------

    def action_search(self) -> None:
        from .search import SearchScreen

        search = SearchScreen(self.store)
        self.app.push_screen(search, lambda hit: self._open_hit(hit, search.searched))

    def _open_hit(self, hit: SearchHit | None, query: str = "") -> None:
        """Open the meeting of a search hit: an ended one (or one not listed) read-only, for review; any other as
        ``enter`` opens it (live, or followed if another process runs it). The hit is then shown in it."""
        if hit is None:
            return
        summary = next((s for s in self.summaries if s.id == hit.meeting_id), None)
        self._review = (hit, query)
        self.app.open_meeting(hit.meeting_id, read_only=summary is None or summary.status == "ended")  # type: ignore[attr-defined]

    def on_screen_suspend(self) -> None:
        if self._review is not None:
            self.app.call_after_refresh(self._show_review_hit)

    def _show_review_hit(self) -> None:
        """A search opened a meeting: show the hit there (see :mod:`.found`; a view only, nothing is saved)."""
        review, self._review = self._review, None
        screen = self.app.screen
        session = getattr(screen, "session", None)
        if review is None or session is None or session.meeting.id != review[0].meeting_id:
            return
        show_hit = getattr(screen, "show_hit", None)
        if show_hit is not None:
            show_hit(*review)

    # -- filters ------------------------------------------------------------------------------------

    def action_filter(self, what: str) -> None:
        if what == "mine":
            if not self.user:
                self.notify('Name yourself in the config file first: user = "李娜"', severity="warning")
                return
            self._set_filter(mine=None if self.filters.mine else self.user)
            return
        if what == "meeting":
            meeting_id = self._highlighted()
            self._set_filter(meeting_id=None if self.filters.meeting_id == meeting_id else meeting_id)
            return
        from ..dialogs.pick import PickDialog

        counts: dict[str, int] = {}
        for doc in self.docs:
            if what == "owner":
                for person in [doc["owner"], *doc["co_owners"]]:
                    counts[person] = counts.get(person, 0) + 1
            else:
                value = doc["department"] if what == "department" else doc["status"]
                counts[value] = counts.get(value, 0) + 1
        values = OPEN_STATUSES if what == "status" else sorted(counts, key=lambda v: (-counts[v], v))
        one, several = FILTER_NAMES[what]
        shown = status_name if what == "status" else str
        options = [("\0all", f"all {several}")] + [(v, f"{shown(v) or '—'} ({counts.get(v, 0)})") for v in values]
        field = what

        def chosen(value: str | None) -> None:
            if value is not None:
                self._set_filter(**{field: None if value == "\0all" else value})

        self.app.push_screen(PickDialog(f"Show the open items of one {one}", options), chosen)

    def _set_filter(self, **changes: Any) -> None:
        self.filters = self.filters.with_(**changes)
        self.show_actions()
        self.refresh_bindings()

    def action_clear_filters(self) -> None:
        self.filters = Filters()
        self.show_actions()
        self.refresh_bindings()

    # -- updating an item in place --------------------------------------------------------------------

    def action_set_status(self) -> None:
        from ...core.lifecycle import allowed
        from ...core.models import ActionStatus
        from ..dialogs.pick import PickDialog

        doc = self._action_doc()
        if doc is None:
            return
        here = ActionStatus(doc["status"])
        options = [(s.value, status_name(s.value)) for s in allowed(here)]

        def chosen(status: str | None) -> None:
            if status is not None:
                self._ask_for(doc, status)

        self.app.push_screen(PickDialog(f"{doc['task']}: {status_name(here.value)} →", options), chosen)

    def _ask_for(self, doc: Doc, status: str) -> None:
        """Ask what the move needs (a reason; for a delay, the new due date too), then submit it."""
        from ..dialogs.ask import AskDialog

        questions = {
            "delayed": "Why is it delayed?",
            "blocked": "What is it waiting on?",
            "cancelled": "Why is it cancelled?",
        }

        def with_note(note: str | None) -> None:
            if note is None:
                return
            if status == "delayed":

                def with_due(when: str | None) -> None:
                    if when is not None:
                        self._submit(doc, status=status, note=note, due=when)

                self.app.push_screen(AskDialog("The new due date", placeholder="fri, +3d, 2026-12-01, 周五"), with_due)
            else:
                self._submit(doc, status=status, note=note)

        if status in questions:
            self.app.push_screen(AskDialog(questions[status]), with_note)
        elif status == "done":

            def with_deliverable(given: str | None) -> None:
                if given is not None:
                    self._submit(doc, status=status, deliverable=given or None)

            self.app.push_screen(
                AskDialog(
                    "The deliverable (text or link; enter to keep it as it is)",
                    value=doc["deliverable"],
                    required=False,
                ),
                with_deliverable,
            )
        else:
            self._submit(doc, status=status)

    def action_set_due(self) -> None:
        from ..dialogs.ask import AskDialog

        doc = self._action_doc()
        if doc is None:
            return

        def with_due(when: str | None) -> None:
            if when is not None:
                self._submit(doc, due=when)

        self.app.push_screen(
            AskDialog(
                f"New due date of {doc['task']}", value=doc["due"] or "", placeholder="fri, +3d, 2026-12-01, 周五"
            ),
            with_due,
        )

    def _submit(
        self,
        doc: Doc,
        *,
        status: str | None = None,
        note: str = "",
        due: str | None = None,
        deliverable: str | None = None,
    ) -> None:
        from ...core.change import build
        from ...core.dates import parse_due
        from ...core.lifecycle import ActionUpdate

        now = self._now()
        try:
            values: dict[str, Any] = {
                "action_id": doc["id"],
                "at": now,
                "status": status,
                "note": note,
                "by": self.user,
            }
            if due is not None:
                values["due"] = parse_due(due, now.date())
            if deliverable is not None:
                values["deliverable"] = deliverable
            update = build(ActionUpdate, "action update", **values)
        except MeetuiError as error:
            self.notify(str(error), severity="error")
            return
        self.submit(doc, update)

    @work(thread=True, group="update", exit_on_error=False)
    def submit(self, doc: Doc, update: Any) -> None:
        from ...store.updates import meeting_to_write, submit_update

        try:  # a carried item: made in the copy no live process holds, and the store updates the other copies
            submitted = submit_update(self.store, meeting_to_write(self.store, doc), update, wait=5.0)
        except MeetuiError as error:
            self.post_message(self.Updated(None, str(error), error=True))
            return
        if submitted.item is None:
            self.post_message(self.Updated(None, f"{update.action_id}: queued for the meeting's live process"))
            return
        item = submitted.item.model_dump(mode="json")
        self.post_message(self.Updated(item, f"{item['id']}: {status_name(item['status'])}"))

    def on_home_screen_updated(self, message: Updated) -> None:
        if message.error:
            self.notify(message.message, severity="error")
            return
        self.notify(message.message, timeout=3)
        doc = message.doc
        if doc is None:
            return
        self.docs = [
            {**doc, "in_meetings": d.get("in_meetings", [d["meeting_id"]])} if copy_key(d) == copy_key(doc) else d
            for d in self.docs
        ]
        self.show_actions()
