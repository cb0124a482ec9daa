"""One definition per command: from it come the binding, the footer label, the palette entry and the help row.

A :class:`Command` names an action of a screen, its default key(s), a short
footer label and a sentence of help. Screens build their ``BINDINGS`` with
:func:`bindings` and list the same commands in ``KEY_COMMANDS``; the command
palette (:class:`ScreenCommands`) and the help screen read ``KEY_COMMANDS``,
so nothing is written twice. Users remap keys by binding id (``live.next_topic
= "j"`` in the config file), which Textual applies through ``App.set_keymap``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import partial
from typing import TYPE_CHECKING, NamedTuple

from textual.binding import Binding, BindingType
from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen


class Command(NamedTuple):
    """A command of a screen: ``id`` (for the keymap), default ``key``, ``action``, labels and help."""

    id: str
    key: str
    action: str
    label: str
    help: str
    show: bool = True
    priority: bool = False
    key_display: str | None = None
    group: Binding.Group | None = None
    palette: str = ""

    @property
    def title(self) -> str:
        """The command palette's name for it (``palette``, else the label capitalised)."""
        return self.palette or self.label[:1].upper() + self.label[1:]

    def binding(self, *, priority: bool | None = None) -> Binding:
        priority = self.priority if priority is None else priority
        return Binding(
            self.key,
            self.action,
            self.label,
            show=self.show,
            priority=priority,
            id=self.id,
            key_display=self.key_display,
            tooltip=self.help,
            group=self.group,
        )


def bindings(commands: Iterable[Command], *, priority: bool | None = None) -> list[BindingType]:
    """The Textual bindings of ``commands``, each with its id (all priority bindings if ``priority``)."""
    return [command.binding(priority=priority) for command in commands]


# -- the live meeting screen ------------------------------------------------------

TOPIC_GROUP = Binding.Group("topic", compact=True)
TIMEBOX_GROUP = Binding.Group("timebox", compact=True)

LIVE_COMMANDS: tuple[Command, ...] = (
    Command(
        "live.clock",
        "space",
        "toggle_clock",
        "clock",
        "Start the meeting clock, or pause it (and resume).",
        key_display="space",
        palette="Start / pause the clock",
    ),
    Command(
        "live.next_topic",
        "n",
        "next_topic",
        "next topic",
        "Close the current topic and move to the next one.",
        group=TOPIC_GROUP,
    ),
    Command(
        "live.previous_topic",
        "p",
        "previous_topic",
        "previous topic",
        "Go back to the previous topic.",
        group=TOPIC_GROUP,
    ),
    Command(
        "live.extend",
        "plus",
        "extend",
        "add a minute",
        "Add one minute to the current topic's timebox.",
        key_display="+",
        group=TIMEBOX_GROUP,
    ),
    Command(
        "live.shrink",
        "minus",
        "shrink",
        "remove a minute",
        "Remove one minute from the current topic's timebox.",
        key_display="-",
        group=TIMEBOX_GROUP,
    ),
    Command(
        "live.note",
        "i",
        "focus_note",
        "note",
        "Type a note into the current topic: enter commits it, escape leaves the field. "
        "#info #idea #agreed #action #link #topic #undo work there.",
        palette="Type a note",
    ),
    Command(
        "live.enter",
        "enter",
        "enter",
        "open",
        "In the actions table, edit the highlighted action item; anywhere else, type a note (as i).",
        show=False,
        palette="Edit the highlighted action item, or type a note",
    ),
    Command(
        "live.decision",
        "d",
        "decision",
        "decide",
        'Lock the current topic\'s decision: "Regarding <topic>, the decision is <X>. Any objections?"',
        palette="Decide: lock the decision",
    ),
    Command(
        "live.amend",
        "d",
        "amend",
        "amend",
        "The current topic's decision is locked: propose an amendment (a new version).",
        palette="Amend the locked decision",
    ),
    Command(
        "live.action",
        "a",
        "add_action",
        "action",
        "Add an action item: task, owner, due date, deliverable.",
        palette="Add an action item",
    ),
    Command(
        "live.parking",
        "k",
        "parking_lot",
        "park",
        "Park the line being typed (or, from the notes list, the highlighted note); on an empty field, a new item.",
        palette="Parking lot",
    ),
    Command(
        "live.parking_list",
        "l",
        "parking_list",
        "parked",
        "List the parking lot: who follows each item up and by when; make one an action item or a follow-up topic.",
        show=False,
        palette="List the parking lot",
    ),
    Command(
        "live.roll_call",
        "r",
        "roll_call",
        "roll",
        "Mark each attendee present, absent or represented.",
        palette="Roll call",
    ),
    Command(
        "live.speakers", "s", "speakers", "speak", "The speaker queue and each speaker's time.", palette="Speaker queue"
    ),
    Command(
        "live.end",
        "e",
        "end_meeting",
        "end",
        "End the meeting: review every action item, then the recap.",
        palette="End the meeting",
    ),
    Command(
        "live.replan",
        "t",
        "replan",
        "trim",
        "The meeting is projected to overrun: trim the remaining timeboxes or park the last topics.",
        palette="Re-plan: trim or park topics",
    ),
    Command(
        "live.minutes",
        "m",
        "minutes",
        "minutes",
        "Preview the minutes; copy them or write a file.",
        palette="Minutes preview",
    ),
    Command(
        "live.presentation",
        "f",
        "presentation",
        "present",
        "Presentation mode for screen sharing: big clock, decisions, private notes hidden.",
        palette="Presentation mode",
    ),
    Command(
        "live.home",
        "q",
        "home",
        "meetings",
        "Back to the list of meetings (when this meeting was opened from it); the meeting is saved and can be "
        "opened again, and `meetui run` resumes it.",
        palette="Back to the list of meetings",
    ),
    Command(
        "live.add_people",
        "ctrl+o",
        "add_people",
        "add them",
        "A refused #action named people who are not attendees: add them as attendees and record the line.",
        palette="Add the people a refused #action named",
    ),
    Command(
        "live.focus_agenda",
        "1",
        "focus_pane('agenda')",
        "agenda",
        "Focus the agenda pane.",
        show=False,
        palette="Focus the agenda pane",
    ),
    Command(
        "live.focus_clock",
        "2",
        "focus_pane('clock')",
        "clock",
        "Focus the clock pane.",
        show=False,
        palette="Focus the clock pane",
    ),
    Command(
        "live.focus_notes",
        "3",
        "focus_pane('notes')",
        "notes",
        "Focus the notes pane.",
        show=False,
        palette="Focus the notes pane",
    ),
    Command(
        "live.focus_actions",
        "4",
        "focus_pane('actions')",
        "actions",
        "Focus the actions pane.",
        show=False,
        palette="Focus the actions pane",
    ),
)

#: The live screen's keys for the search that opened the meeting (:mod:`meetui.ui.screens.found`). Not priority
#: bindings: in the note field ``h`` types and ``escape`` leaves the field, as before.
HIT_GROUP = Binding.Group("hits", compact=True)
FOUND_COMMANDS: tuple[Command, ...] = (
    Command(
        "live.next_hit",
        "h",
        "next_hit",
        "next hit",
        "The next place in this meeting where the search that opened it found its text.",
        group=HIT_GROUP,
        palette="Next search hit",
    ),
    Command(
        "live.previous_hit",
        "H",
        "previous_hit",
        "previous hit",
        "The previous place in this meeting where the search that opened it found its text.",
        key_display="H",
        group=HIT_GROUP,
        palette="Previous search hit",
    ),
    Command(
        "live.clear_hit",
        "escape",
        "clear_hit",
        "clear mark",
        "Clear the search hit's mark, and the search.",
        key_display="esc",
        palette="Clear the search mark",
    ),
)

LIVE_BY_ID = {command.id: command for command in (*LIVE_COMMANDS, *FOUND_COMMANDS)}
_LIVE_BY_ID = LIVE_BY_ID

#: The keys that still work in presentation mode (the same definitions, so a remapped key stays remapped).
PRESENTATION_COMMANDS: tuple[Command, ...] = (
    *(_LIVE_BY_ID[i] for i in ("live.clock", "live.next_topic", "live.previous_topic", "live.extend", "live.shrink")),
    Command("live.presentation", "f", "leave", "leave", "Leave presentation mode.", palette="Leave presentation mode"),
    Command("presentation.escape", "escape", "leave", "leave", "Leave presentation mode.", show=False),
)

HOME_COMMANDS: tuple[Command, ...] = (
    # A priority binding: the tables' own enter (select the row) would otherwise hide it from the key line.
    Command(
        "home.open",
        "enter",
        "open_meeting",
        "open",
        "Run the highlighted meeting live (in the action items: that item's meeting).",
        priority=True,
    ),
    Command(
        "home.follow",
        "o",
        "follow_meeting",
        "follow",
        "Open the highlighted meeting read-only (in the action items: that item's meeting).",
    ),
    Command("home.refresh", "g", "reload", "refresh", "Read the meetings again from the store."),
    # A priority binding: the search opens as Textual reads the key, and what is typed right behind it (a burst)
    # waits for the search field instead of acting on the home screen's tables and letter keys.
    Command(
        "home.search",
        "slash",
        "search",
        "search",
        "Search every meeting's text (Chinese substrings too).",
        key_display="/",
        priority=True,
    ),
    Command("home.minutes", "m", "minutes", "minutes", "The minutes of the highlighted meeting."),
    Command(
        "home.set_status",
        "s",
        "set_status",
        "status",
        "Move the highlighted action item along its lifecycle (delayed, blocked… ask for the reason).",
    ),
    Command("home.set_due", "D", "set_due", "due", "Give the highlighted action item a new due date.", key_display="D"),
    Command(
        "home.filter_owner",
        "w",
        "filter('owner')",
        "owner",
        "Show one owner's open items (co-owned too).",
        palette="Filter by owner",
    ),
    Command(
        "home.filter_department",
        "d",
        "filter('department')",
        "department",
        "Show one department's open items.",
        palette="Filter by department",
        show=False,
    ),
    Command(
        "home.filter_status",
        "f",
        "filter('status')",
        "status filter",
        "Show open items in one status.",
        palette="Filter by status",
        show=False,
    ),
    Command(
        "home.filter_meeting",
        "t",
        "filter('meeting')",
        "this meeting",
        "Show the open items of the highlighted meeting only.",
        palette="Filter by meeting",
        show=False,
    ),
    Command(
        "home.filter_mine",
        "i",
        "filter('mine')",
        "mine",
        'Show only your items (the user named in the config file: user = "…").',
        palette="Only mine",
    ),
    Command("home.clear_filters", "x", "clear_filters", "all items", "Clear the open items' filters.", show=False),
)

#: App-wide commands (help and quit); the palette key comes from Textual itself.
APP_COMMANDS: tuple[Command, ...] = (
    Command(
        "app.help", "question_mark,f1", "help", "help", "Help for the focused pane and every key.", key_display="?"
    ),
    Command(
        "app.quit",
        "ctrl+q",
        "quit",
        "quit",
        "Quit meetui; everything committed is already saved.",
        priority=True,
        show=False,
    ),
)


def key_display(app: App, command: Command) -> str:
    """The key(s) of a command as the user sees them, after their keymap (``app.keymap``, if any)."""
    keymap: dict[str, str] = getattr(app, "keymap", {}) or {}
    keys = keymap.get(command.id, command.key)
    default_first = command.key.split(",")[0]
    shown = []
    for key in (k.strip() for k in keys.split(",") if k.strip()):
        if key == default_first and command.key_display:
            shown.append(command.key_display)
        else:
            shown.append(app.get_key_display(Binding(key, command.action)))
    return " / ".join(shown)


def markdown_text(text: str) -> str:
    """``text`` for a markdown table cell, shown literally: ``<topic>`` is not HTML, ``|`` not a column."""
    return text.replace("\\", "\\\\").replace("<", "\\<").replace(">", "\\>").replace("|", "\\|")


def key_table(app: App, commands: Sequence[Command], available: dict[str, bool] | None = None) -> str:
    """A markdown table of keys, what they do and their binding ids (for the keymap); unavailable ones are marked,
    with the reason when the screen gives one (``unavailable_reason(action)``)."""
    rows = ["| key | does | id |", "|---|---|---|"]
    reason_of = getattr(app.screen, "unavailable_reason", None) if available else None
    for command in commands:
        note = ""
        if not (available or {}).get(command.id, True):
            reason = reason_of(command.action.partition("(")[0]) if reason_of is not None else ""
            note = f" *(not now: {markdown_text(reason)})*" if reason else " *(not available now)*"
        rows.append(f"| `{key_display(app, command)}` | {markdown_text(command.help)}{note} | `{command.id}` |")
    return "\n".join(rows)


def command_state(screen: Screen, command: Command) -> bool | None:
    """``True`` available, ``None`` greyed out, ``False`` hidden — as ``check_action`` says."""
    name, _, rest = command.action.partition("(")
    params = tuple(p.strip().strip("'\"") for p in rest.rstrip(")").split(",") if p.strip())
    available = getattr(screen, "available", None)  # what applies, whatever has focus (the live screen)
    return available(name) if available is not None else screen.check_action(name, params)


class ScreenCommands(Provider):
    """Command palette entries for the commands of the screen it was opened on (``KEY_COMMANDS``)."""

    def _available(self) -> list[Command]:
        """The screen's commands that apply now, one per action (``f`` and ``escape`` both leave presentation
        mode: the palette lists "Leave presentation mode" once)."""
        commands: Sequence[Command] = getattr(self.screen, "KEY_COMMANDS", ())
        unique = {c.action: c for c in reversed(commands)}  # the first command of each action wins
        return [c for c in commands if unique[c.action] is c and command_state(self.screen, c)]

    def _runner(self, command: Command):  # noqa: ANN202 - a zero-argument callback
        return partial(self.screen.run_action, command.action)

    async def discover(self) -> Hits:
        for command in self._available():
            yield DiscoveryHit(command.title, self._runner(command), help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self._available():
            score = max(matcher.match(command.title), matcher.match(command.help) * 0.5)
            if score > 0:
                yield Hit(score, matcher.highlight(command.title), self._runner(command), help=command.help)
