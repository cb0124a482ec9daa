"""The notes pane: the current topic's decision and notes, and the note field with MeetBot commands."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from ...core.commands import COMMANDS_HELP
from ...core.models import Meeting, Note
from .base import Pane
from .display import NOTE_SYMBOLS, decision_word, local_time
from .wrapping import Hanging

#: Printable keys Textual names by a word: the field types them, so the screen's bindings of them are not in effect.
_NAMED_CHARACTERS = {"plus": "+", "minus": "-"}

PLACEHOLDER = "note · #idea #agreed #action #link #topic #undo · enter adds, esc leaves"


class NoteInput(Input):
    """The note field: ``enter`` commits the line, ``escape`` leaves the field."""

    BINDINGS = [Binding("escape", "leave", "leave field", id="notes.leave")]

    def action_leave(self) -> None:
        self.screen.set_focus(self.screen.query_one("#note-list"))

    async def _on_key(self, event: events.Key) -> None:
        """``enter`` submits the line typed so far and empties the field at once, in the order of the keys.

        Textual's own ``enter`` runs a binding after the keys already queued, so with keys arriving fast (typed
        ahead, or sent by a terminal multiplexer) the next line's first characters joined the line, and both
        enters submitted the joined line: one note lost, one doubled. The live screen puts a line it could not
        apply back into the field.
        """
        if event.key == "enter" and not self.disabled:
            event.stop()
            event.prevent_default()
            value, self.value = self.value, ""
            self.post_message(self.Submitted(self, value))
            return
        await super()._on_key(event)

    def check_consume_key(self, key: str, character: str | None) -> bool:
        # Textual asks with no character for keys it names by a word ("plus", "minus"), so the key line went on
        # offering "+- timebox" while the field types them.
        return super().check_consume_key(key, character or _NAMED_CHARACTERS.get(key))


def note_prompt(note: Note, zone: str) -> Hanging:
    """One note: time and kind symbol, then the text, wrapped under itself (plain: typed text is never markup)."""
    private = " (private)" if note.private else ""
    return Hanging(f"{local_time(note.at, zone)} {NOTE_SYMBOLS[note.kind]} ", f"{note.text}{private}")


class NotesPane(Pane):
    """What has been said on the current topic, newest last, and the field to add more."""

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

`enter` adds the line, `escape` leaves the field. `k` sends the line being
typed, or the highlighted note, to the parking lot.
""".replace("{COMMAND_ROWS}", "\n".join(f"| `{command}` | {does} |" for command, does in COMMANDS_HELP))

    def __init__(self, *, show_private: bool = True, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.show_private = show_private
        self._topic_id: str | None = None
        self._shown: list[str] = []

    def compose(self) -> ComposeResult:
        yield Label(id="decision-line", markup=False)
        yield OptionList(id="note-list")
        yield NoteInput(placeholder=PLACEHOLDER, id="note-input")

    def show(self, meeting: Meeting) -> None:
        """Show the current topic's notes, appending when only new ones arrived."""
        topic = meeting.current_topic
        self.border_title = Content(f"Notes · {topic.title}") if topic else "Notes"  # a title is never markup
        notes = meeting.notes_for(meeting.current_topic_id, include_private=self.show_private)
        ids = [n.id for n in notes]
        option_list = self.query_one("#note-list", OptionList)
        if meeting.current_topic_id != self._topic_id or ids[: len(self._shown)] != self._shown:
            option_list.clear_options()
            self._shown = []
            self._topic_id = meeting.current_topic_id
        fresh = notes[len(self._shown):]
        if fresh:
            option_list.add_options(Option(note_prompt(n, meeting.timezone), id=n.id) for n in fresh)
            self._shown.extend(n.id for n in fresh)
            option_list.highlighted = len(self._shown) - 1
            option_list.scroll_end(animate=False)
        self.border_subtitle = f"{len(notes)} note" if len(notes) == 1 else f"{len(notes)} notes"
        self._show_decision(meeting)

    def _show_decision(self, meeting: Meeting) -> None:
        label = self.query_one("#decision-line", Label)
        topic = meeting.current_topic
        decision = meeting.latest_decision(topic.id) if topic else None
        label.display = decision is not None
        if decision is not None:
            label.update(Hanging(f"{decision_word(decision)}: ", decision.text))
            label.set_class(decision.locked, "-locked")

    @property
    def highlighted_note_id(self) -> str | None:
        """The id of the note highlighted in the list, if any."""
        option = self.query_one("#note-list", OptionList).highlighted_option
        return option.id if option else None
