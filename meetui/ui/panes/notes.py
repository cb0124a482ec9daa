"""The notes pane: the current topic's decision and notes, and the note field with MeetBot commands.

A search hit (:class:`NotesMark`) shows the notes of the topic it was found
in, whichever topic is current, with the note highlighted and the matched
characters marked, or the decision line marked, until the mark is cleared.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from ...core.commands import COMMANDS_HELP
from ...core.live.notes import post_meeting_notes
from ...core.models import Meeting, Note
from ...store.search import locate
from .base import Pane
from .display import NOTE_SYMBOLS, decision_word, local_time
from .typeahead import InOrderInput
from .wrapping import Hanging

#: Printable keys Textual names by a word: the field types them, so the screen's bindings of them are not in effect.
_NAMED_CHARACTERS = {"plus": "+", "minus": "-"}

#: A line break in pasted text, whichever the terminal sends (tmux sends a carriage return).
_LINE_BREAK = re.compile(r"\r\n|\r|\n")

PLACEHOLDER = "note · #idea #agreed #action #link #topic #undo · enter adds, esc leaves"

#: The note field's placeholder once the meeting has ended: it takes post-meeting notes only.
PLACEHOLDER_ENDED = "a note after the meeting (会后补充) · #link #undo · enter adds, esc leaves"

#: The list's line between the topic's notes and the ones added after the meeting ended.
AFTER_END = "after-end"


class NoteInput(InOrderInput):
    """The note field: ``enter`` commits the line, ``up``/``down`` recall the lines typed before, ``escape`` leaves.

    ``enter`` is a priority binding and the line goes to the screen's ``commit_line`` at once: the field is
    empty before the next key typed is, so keys typed right behind the Enter start the next line.
    """

    #: The field's size is fixed by the pane: what is typed repaints it, without laying out the screen again.
    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)

    BINDINGS = [
        Binding("escape", "leave", "leave field", id="notes.leave"),
        Binding("enter", "commit", "add the line", id="notes.commit", show=False, priority=True),
        Binding("up", "history(-1)", "earlier line", id="notes.history_back", show=False, priority=True),
        Binding("down", "history(1)", "later line", id="notes.history_forward", show=False, priority=True),
        # One key, two bindings: the key line says what ctrl+t does next ("private", then "public again").
        Binding("ctrl+t", "set_private(True)", "private", id="notes.private"),
        Binding("ctrl+t", "set_private(False)", "public again", id="notes.public"),
    ]

    def __init__(self, **kwargs: object) -> None:
        kwargs.setdefault("select_on_focus", False)  # back in the field, typing goes on after the draft
        super().__init__(**kwargs)  # type: ignore[arg-type]
        #: The lines typed in this meeting (refused ones too), oldest first, as a shell keeps them.
        self.history: list[str] = []
        self._recalled: int | None = None  # which line of the history is on show, if any
        self._draft = ""  # what was being typed before the history was walked
        #: Whether the notes typed are private: kept for the note-taker, hidden from presentation mode, the
        #: follow view and the minutes (unless asked for).
        self.private = False

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "set_private":
            return bool(parameters and parameters[0]) != self.private  # only the one that changes something
        return super().check_action(action, parameters)

    def action_set_private(self, private: bool) -> None:
        """``ctrl+t``: the notes typed from now on are private (or public again)."""
        self.private = private
        self.refresh_bindings()
        self.set_class(self.private, "-private")
        self.border_title = "private note" if self.private else None

    def action_leave(self) -> None:
        self.screen.set_focus(self.screen.query_one("#note-list"))

    def action_commit(self) -> None:
        """Hand the line to the screen and clear the field; an empty line does nothing."""
        line = self.value
        if not line.strip():
            return
        recalled = self.history[self._recalled] if self._recalled is not None else None
        self.remember(line)
        self.value = ""
        commit = getattr(self.screen, "commit_line", None)
        if commit is not None:
            commit(line, recalled, private=self.private)

    def _on_paste(self, event: events.Paste) -> None:
        """A paste of several lines is typed line by line: each line break commits the line before it, through the
        same path as ``enter`` (Textual's Input keeps only the first line and drops the rest)."""
        event.stop()
        event.prevent_default()
        if not event.text:
            return
        *complete, last = _LINE_BREAK.split(event.text)
        for piece in complete:
            self._insert(piece)
            self.action_commit()
        self._insert(last)

    def _insert(self, text: str) -> None:
        if not text:
            return
        selection = self.selection
        if selection.is_empty:
            self.insert_text_at_cursor(text)
        else:
            self.replace(text, *selection)

    def remember(self, line: str) -> None:
        """Add ``line`` to the history (not twice in a row) and stop walking it."""
        if not self.history or self.history[-1] != line:
            self.history.append(line)
        self._recalled = None
        self._draft = ""

    def action_history(self, step: int) -> None:
        """Show the line ``step`` places back (-1) or forward (+1) in the history; past the newest, the draft."""
        if not self.history:
            return
        if self._recalled is None:
            if step > 0:
                return
            self._draft = self.value
            index = len(self.history) - 1
        else:
            index = self._recalled + step
        if index < 0:
            index = 0
        if index >= len(self.history):
            self._recalled = None
            self.value = self._draft
        else:
            self._recalled = index
            self.value = self.history[index]
        self.cursor_position = len(self.value)

    def check_consume_key(self, key: str, character: str | None) -> bool:
        # Textual asks with no character for keys it names by a word ("plus", "minus"), so the key line went on
        # offering "+- timebox" while the field types them.
        return super().check_consume_key(key, character or _NAMED_CHARACTERS.get(key))


class NoteList(OptionList):
    """The notes of the current topic. Its size is fixed by the pane, so a note added (which grows the list's
    virtual size) repaints the list and its scroll bar without laying out the whole screen again."""

    #: ``note-list--hit``: a search hit marked in a note (``themes/app.tcss``).
    COMPONENT_CLASSES = OptionList.COMPONENT_CLASSES | {"note-list--hit"}
    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)


class NotesMark(NamedTuple):
    """A search hit the notes pane shows: the topic whose notes to show, the record found (a note's or a
    decision's id; another record shows the topic's notes with nothing marked) and the folded query."""

    topic_id: str | None
    record_id: str
    needle: str


def note_prompt(note: Note, zone: str, *, needle: str = "", style: object = "") -> Hanging:
    """One note: time and kind symbol, then the text, wrapped under itself (plain: typed text is never markup);
    ``needle`` (folded) marked in ``style`` where it is in the text."""
    private = " (private)" if note.private else ""
    mark = locate(needle, note.text) if needle else None
    return Hanging(
        f"{local_time(note.at, zone)} {NOTE_SYMBOLS[note.kind]} ",
        f"{note.text}{private}",
        mark=mark,
        mark_style=style,  # type: ignore[arg-type]
    )


def _look(note: Note) -> tuple[object, ...]:
    """What :func:`note_prompt` draws of a note: when it is redrawn."""
    return (note.at, note.kind, note.text, note.private)


class NotesPane(Pane):
    """What has been said on the current topic, newest last, and the field to add more."""

    #: The key line shows these first while the notes pane has focus.
    KEYS_FIRST = True
    BINDINGS = [
        Binding("E", "screen.edit_note", "edit note", id="notes.edit"),
        Binding("x,delete", "screen.delete_note", "delete note", id="notes.delete"),
    ]
    TITLE = "Notes"
    HELP = """\
## Notes
The current topic's notes, newest last; the symbol shows the kind:
`·` info, `✦` idea, `✔` agreed, `✘` disagreement, `?` question, `!` risk,
`↗` link. The topic's decision, if any, is shown above them.

Press `i` or `enter` to type. Plain text is an info note. MeetBot commands:

| command | does |
|---|---|
{COMMAND_ROWS}

`ctrl+t` makes the notes typed next private (the field says so; again for
public): the note-taker keeps them, presentation mode and the follow view
hide them. `enter` adds the line, `escape` leaves the field, `up` / `down` recall the
lines typed before (as in a shell). A line meetui cannot take is kept as a
note marked "(not understood)": `up` brings it back to fix, and the fixed
line replaces it. `k` sends the line being typed, or the note highlighted in
the list, to the parking lot; `l` lists the lot, where `a` makes an item an
action item and `f` a topic of the follow-up meeting.

Once the meeting has ended, `i` still opens the field for a post-meeting
note (会后补充): it is recorded on the meeting after its end, shown under
"after the meeting" here and in the minutes; only notes (and `#undo` of
one) are taken then.

In the list (`escape` from the field): `E` edits the highlighted note, `x`
deletes it (it stays in the meeting's history, out of the minutes). A locked
decision is never edited: amend it with `d`.
""".replace("{COMMAND_ROWS}", "\n".join(f"| `{command}` | {does} |" for command, does in COMMANDS_HELP))

    def __init__(self, *, show_private: bool = True, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.show_private = show_private
        self._topic_id: str | None = None
        self._shown: list[str] = []
        self._looks: dict[str, tuple[object, ...]] = {}  # what each shown note looked like when drawn
        #: The search hit shown, if any (see :meth:`mark`).
        self.found: NotesMark | None = None
        self._shown_mark: NotesMark | None = None

    def compose(self) -> ComposeResult:
        yield Label(id="decision-line", markup=False)
        yield NoteList(id="note-list")
        yield NoteInput(placeholder=PLACEHOLDER, id="note-input")

    def shown_topic_id(self, meeting: Meeting) -> str | None:
        """The topic whose notes are shown: a search hit's, while one is marked; else the current topic."""
        return self.found.topic_id if self.found is not None else meeting.current_topic_id

    def show(self, meeting: Meeting) -> None:
        """Show the topic's notes (:meth:`shown_topic_id`), then, once the meeting has ended, the notes added after
        it; appending when only new ones arrived."""
        topic_id = self.shown_topic_id(meeting)
        topic = meeting.topic(topic_id)
        title = f"Notes · {topic.title}" if topic else "Notes"
        if self.found is not None and topic_id != meeting.current_topic_id:
            title += " (found; not the current topic)"
        self.border_title = Content(title)  # a title is never markup
        after = post_meeting_notes(meeting, include_private=self.show_private) if meeting.ended_at else []
        later = {n.id for n in after}
        notes = [n for n in meeting.notes_for(topic_id, include_private=self.show_private) if n.id not in later]
        ids = [n.id for n in notes] + ([AFTER_END, *(n.id for n in after)] if after else [])
        option_list = self.query_one("#note-list", NoteList)
        if topic_id != self._topic_id or ids[: len(self._shown)] != self._shown or self.found != self._shown_mark:
            option_list.clear_options()
            self._shown = []
            self._looks = {}
            self._topic_id = topic_id
            self._shown_mark = self.found
        fresh = ids[len(self._shown) :]
        by_id = {n.id: n for n in (*notes, *after)}
        found = self.found.record_id if self.found is not None else None
        # A note edited since it was drawn (here, or by the host while this view follows) is drawn again.
        for i in self._shown:
            if i in by_id and self._looks.get(i) != _look(by_id[i]):
                option_list.replace_option_prompt(i, self._prompt(by_id[i], meeting, found, option_list))
                self._looks[i] = _look(by_id[i])
        if fresh:
            option_list.add_options(
                Option(Content("── after the meeting · 会后补充 ──"), id=AFTER_END, disabled=True)
                if i == AFTER_END
                else Option(self._prompt(by_id[i], meeting, found, option_list), id=i)
                for i in fresh
            )
            self._looks.update((i, _look(by_id[i])) for i in fresh if i in by_id)
            self._shown.extend(fresh)
            if found in self._shown:
                option_list.highlighted = self._shown.index(found)  # scrolls to it
            else:
                option_list.highlighted = len(self._shown) - 1
                option_list.scroll_end(animate=False)
        count = len(notes) + len(after)
        self.border_subtitle = f"{count} note" if count == 1 else f"{count} notes"
        self._show_decision(meeting, topic_id)

    def _prompt(self, note: Note, meeting: Meeting, found: str | None, option_list: NoteList) -> Hanging:
        """A note's line in the list, the search hit marked in it if it is the note found."""
        if self.found is not None and note.id == found:
            style = option_list.get_visual_style("note-list--hit")
            return note_prompt(note, meeting.timezone, needle=self.found.needle, style=style)
        return note_prompt(note, meeting.timezone)

    def set_field(self, *, enabled: bool, ended: bool) -> None:
        """The note field takes notes (``enabled``); once the meeting has ended, post-meeting notes only."""
        field = self.query_one("#note-input", NoteInput)
        field.disabled = not enabled
        field.placeholder = PLACEHOLDER_ENDED if ended else PLACEHOLDER

    def _show_decision(self, meeting: Meeting, topic_id: str | None) -> None:
        label = self.query_one("#decision-line", Label)
        topic = meeting.topic(topic_id)
        decision = meeting.latest_decision(topic.id) if topic else None
        label.display = decision is not None
        if decision is not None:
            mark = None
            if self.found is not None and self.found.record_id == decision.id:
                mark = locate(self.found.needle, decision.text)
            style = self.get_visual_style("pane--hit") if mark else ""
            label.update(Hanging(f"{decision_word(decision)}: ", decision.text, mark=mark, mark_style=style))
            label.set_class(decision.locked, "-locked")

    def mark(self, meeting: Meeting, found: NotesMark | None) -> None:
        """Show a search hit (the notes of its topic; the note highlighted or the decision line marked), or, with
        ``None``, the current topic's notes again."""
        self.found = found
        self.show(meeting)

    @property
    def highlighted_note_id(self) -> str | None:
        """The id of the note highlighted in the list, if any."""
        option = self.query_one("#note-list", OptionList).highlighted_option
        return option.id if option else None
