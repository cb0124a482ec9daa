"""Search (``/`` on the home screen): every meeting's titles, topics, notes, decisions, action items, parking lots.

Matching is by substring, case folded, so Chinese needs no word breaks. The
search runs in a thread worker on the store's text index as you type; each
result says where the text was found and highlights the hit. ``enter`` opens
that meeting at that topic (read-only if it has ended), with the record that
matched selected and the hit marked (see :mod:`.found`).
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from ...store import SearchHit, Store
from ..panes.typeahead import InOrderInput, TypeAhead
from ..themes import load_stylesheet

#: Where a hit was found, in words.
WHERE = {
    "title": "title",
    "topic": "topic",
    "note": "note",
    "decision": "decision",
    "action": "action item",
    "parking": "parking lot",
}
#: Results shown at most (the count says when there are more).
LIMIT = 200
#: Characters of context shown each side of a hit.
CONTEXT = 30


def snippet(hit: SearchHit, style: str) -> Text:
    """The hit in its context on one line, the hit itself in ``style`` (user text is never markup)."""
    text = hit.text.replace("\n", " ")
    start, end = hit.start, hit.end
    left = max(start - CONTEXT, 0)
    shown = Text(("…" if left else "") + text[left:start])
    shown.append(text[start:end], style=style)
    shown.append(text[end : end + CONTEXT] + ("…" if end + CONTEXT < len(text) else ""))
    return shown


class SearchScreen(TypeAhead, ModalScreen[SearchHit | None]):
    """Type to search; ``enter`` or a click opens the highlighted result; ``escape`` closes.

    What is typed right behind ``/`` (in one burst: a paste, tmux send-keys) is held until the field has focus,
    then typed into it (:class:`~meetui.ui.panes.typeahead.TypeAhead`).
    """

    BINDINGS = [
        Binding("escape", "close", "Close", id="search.close"),
        Binding("down", "to_results", "Results", show=False, id="search.results"),
    ]
    HELP = """\
## Search
Type a word or part of one (Chinese included): titles, topics, notes, decisions,
action items and parking lots of every meeting. `down` moves to the results;
`enter` opens the meeting at that topic (read-only if it has ended), the hit
marked: there `h` / `H` go to the next and previous hit, `escape` clears the mark.
"""

    class Found(Message):
        def __init__(self, query: str, hits: list[SearchHit]) -> None:
            super().__init__()
            self.query = query
            self.hits = hits

    def __init__(self, store: Store, query: str = "") -> None:
        super().__init__()
        load_stylesheet(self, "home.tcss")
        self.store = store
        self.initial = query
        self.hits: list[SearchHit] = []
        #: The query the results shown were found with (what the meeting opened from one marks).
        self.searched = ""

    def compose(self) -> ComposeResult:
        with Vertical(classes="home-dialog"):
            yield Label(Text("Search every meeting"), classes="dialog-title")
            yield InOrderInput(
                value=self.initial,
                placeholder="a word or part of one: 预算, FAQ…",
                select_on_focus=True,  # a search opened on an earlier query: what is typed replaces it
                id="search-input",
            )
            yield Label("", id="search-count")
            yield OptionList(id="search-results")

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#search-input", Input))  # at once: the held keys are typed into it
        if self.initial:
            self.run_search(self.initial)

    @on(Input.Changed, "#search-input")
    def changed(self, event: Input.Changed) -> None:
        self.run_search(event.value)

    @on(Input.Submitted, "#search-input")
    def submitted(self) -> None:
        results = self.query_one("#search-results", OptionList)
        if self.hits:
            self.dismiss(self.hits[results.highlighted or 0])

    @work(thread=True, exclusive=True, group="search")
    def run_search(self, query: str) -> None:
        hits = self.store.search(query, limit=LIMIT + 1) if query.strip() else []
        self.post_message(self.Found(query, hits))

    def on_search_screen_found(self, message: Found) -> None:
        if message.query != self.query_one("#search-input", Input).value:
            return  # typed on meanwhile: a newer search is on its way
        more = len(message.hits) > LIMIT
        self.hits = message.hits[:LIMIT]
        self.searched = message.query
        style = f"bold reverse {self.app.theme_variables.get('accent', '')}".strip()
        results = self.query_one("#search-results", OptionList)
        results.clear_options()
        results.add_options(
            [
                Option(
                    Text.assemble(
                        Text(f"{hit.meeting_title} · {WHERE.get(hit.kind, hit.kind)}: ", style="bold"),
                        snippet(hit, style),
                    )
                )
                for hit in self.hits
            ]
        )
        count = f"{len(self.hits)}{'+' if more else ''} found" if message.query.strip() else ""
        self.query_one("#search-count", Label).update(count)
        if self.hits:
            results.highlighted = 0

    @on(OptionList.OptionSelected, "#search-results")
    def selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.hits[event.option_index])

    def action_to_results(self) -> None:
        self.query_one("#search-results", OptionList).focus()

    def action_close(self) -> None:
        self.dismiss(None)
