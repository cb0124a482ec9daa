"""The live screen's key line: Textual's compact footer, drawn as one widget so it is in the first frame.

Keys that do not fit are left out whole, never cut, and help (``?``) then
reads "more"; help and the command palette stay at the right end.

Textual's ``Footer`` draws nothing until the screen's bindings change after the
first frame, then builds a widget per key (about twenty here), which costs two
more frames at start-up. :class:`KeyBar` draws the same line (keys in bold,
descriptions, grouped keys such as ``np topic``, unavailable keys dimmed, the
command palette key at the right) from ``screen.active_bindings`` on every
render, and redraws when the screen announces that its bindings changed.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import groupby
from typing import NamedTuple

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.strip import Strip
from textual.widget import Widget


class KeySpan(NamedTuple):
    """Where a key is drawn on the line (``start`` to ``end`` cells), for the mouse."""

    start: int
    end: int
    key: str
    enabled: bool
    tooltip: str

    def moved(self, offset: int) -> KeySpan:
        return KeySpan(self.start + offset, self.end + offset, self.key, self.enabled, self.tooltip)


class Entry(NamedTuple):
    """One key (or one group of keys) of the line, as drawn, with where its keys are inside it."""

    text: Text
    spans: list[KeySpan]
    action: str

    def shifted(self, offset: int) -> list[KeySpan]:
        return [span.moved(offset) for span in self.spans]


class KeyBar(Widget, can_focus=False):
    """One line of keys with their descriptions, greyed when unavailable; a click presses the key."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"keybar--key", "keybar--description", "keybar--separator", "keybar--hover"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        .keybar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .keybar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .keybar--separator {
            color: $foreground 20%;
        }
        .keybar--hover {
            background: $block-hover-background;
        }
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id, classes=classes)
        self._spans: list[KeySpan] = []
        self._hover: str | None = None  # the key under the mouse

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, _screen: object) -> None:
        self.refresh()

    # -- drawing ------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        # Drawn as segments, not through render(): the gaps between keys carry only the background (as the
        # margins between Footer's widgets do), and no text style is laid over the whole line.
        background = Style(bgcolor=self.rich_style.bgcolor)
        if y:
            return Strip.blank(self.size.width, background)
        segments = Segment.apply_style(self._line().render(self.app.console), background)
        return Strip(segments).crop_extend(0, self.size.width, background)

    def _line(self) -> Text:
        """The keys that fit, whole, from the left; help and the palette always at the right end.

        When keys are left out (an 80-column terminal), the most-used keys (the
        screen's first commands) stay and help reads ``? more``: every key is in
        help and in the command palette.
        """
        width = self.size.width
        entries = self._entries()
        right = [entry for entry in entries if entry.action == "help"]
        left = [entry for entry in entries if entry.action != "help"]
        palette, palette_span = self._palette()
        end, end_spans = self._end(right, palette, palette_span)
        room = max(width - end.cell_len, 0)
        line, spans = Text(no_wrap=True, end=""), []
        # Keys that do not fit are left out whole; later, shorter ones still get their place. When any is left
        # out, help says "more" instead of "help": every key is there (and in the command palette).
        fits = [entry for entry in left if entry.text.cell_len <= room]
        used, chosen = 0, []
        for entry in left:
            if used + entry.text.cell_len <= room:
                chosen.append(entry)
                used += entry.text.cell_len
        if len(chosen) < len(left) and right:
            end, end_spans = self._end(right, palette, palette_span, more=True)
            room = max(width - end.cell_len, 0)
            used, chosen = 0, []
            for entry in fits:
                if used + entry.text.cell_len <= room:
                    chosen.append(entry)
                    used += entry.text.cell_len
        for entry in chosen:
            spans += entry.shifted(line.cell_len)
            line.append_text(entry.text)
        line.truncate(room, pad=True)
        self._spans = [span for span in spans if span.end <= room] + [span.moved(room) for span in end_spans]
        return line + end

    def _end(
        self, right: list[Entry], palette: Text, palette_span: KeySpan | None, *, more: bool = False
    ) -> tuple[Text, list[KeySpan]]:
        """Help (as "more" when keys were left out) and the palette key, for the right end of the line."""
        end = Text(no_wrap=True, end="")
        end_spans: list[KeySpan] = []
        for entry in right:
            text = entry.text
            if more:
                text = Text(no_wrap=True, end="")
                key_style, description_style = self._styles(True, hovered=False)
                text.append(self.app.get_key_display(Binding("question_mark", "help")), key_style)
                text.append(" more", description_style)
                text.append(" ")
            end_spans += (
                entry.shifted(end.cell_len)
                if not more
                else [
                    KeySpan(
                        end.cell_len, end.cell_len + text.cell_len - 1, entry.spans[0].key, True, entry.spans[0].tooltip
                    )
                ]
            )
            end.append_text(text)
        if palette_span is not None:
            end_spans.append(palette_span.moved(end.cell_len))
        end.append_text(palette)
        return end, end_spans

    def _styles(self, enabled: bool, hovered: bool) -> tuple[Style, Style]:
        key = self.get_component_rich_style("keybar--key")
        description = self.get_component_rich_style("keybar--description")
        if hovered:
            hover = Style(bgcolor=self.get_component_rich_style("keybar--hover").bgcolor)
            key, description = key + hover, description + hover
        if not enabled:
            key, description = key + Style(dim=True), description + Style(dim=True)
        return key, description

    def _key_text(
        self, line: Text, spans: list[KeySpan], binding: Binding, enabled: bool, tooltip: str, description: str
    ) -> None:
        """Append one key (and its description, if any) to ``line``, noting where it is."""
        start = line.cell_len
        key_style, description_style = self._styles(enabled, hovered=binding.key == self._hover)
        line.append(self.app.get_key_display(binding), key_style)
        if description:
            line.append(" " + description, description_style)
        spans.append(KeySpan(start, line.cell_len, binding.key, enabled, tooltip))

    def _entries(self) -> list[Entry]:
        """The keys as Textual's compact Footer lays them out: one binding per action, groups together."""
        entries: list[Entry] = []
        by_action: defaultdict[str, list[tuple[Binding, bool, str]]] = defaultdict(list)
        first: set[str] = set()
        for node, binding, enabled, tooltip in self.screen.active_bindings.values():
            if binding.show:
                by_action[binding.action].append((binding, enabled, tooltip))
                if getattr(node, "KEYS_FIRST", False):
                    first.add(binding.action)
        # The keys of a pane that asks for it first (the notes list: editing a note is why one goes there), then
        # the screen's commands in their order (priority bindings come first in Textual's list), then the other
        # keys of the focused widgets; each action under its first key ("i note", not "⏎ note", for "i,enter").
        order = {c.action: n for n, c in enumerate(getattr(self.screen, "KEY_COMMANDS", ()))}
        for bound in by_action.values():
            bound.sort(key=lambda b: b[0].key == "enter")

        def rank(item: tuple[str, list[tuple[Binding, bool, str]]]) -> int:
            return -1 if item[0] in first else order.get(item[0], len(order))

        by_action = defaultdict(list, sorted(by_action.items(), key=rank))
        for group, members in groupby(by_action.values(), lambda bound: bound[0][0].group):
            shown = [bound[0] for bound in members]
            if group is not None and len(shown) > 1:
                text, spans = Text(" ", no_wrap=True, end=""), list[KeySpan]()
                for binding, enabled, tooltip in shown:
                    self._key_text(text, spans, binding, enabled, tooltip or binding.description, "")
                text.append(" ")
                text.append(group.description, self.get_component_rich_style("keybar--description"))
                text.append(" ")
                entries.append(Entry(text, spans, shown[0][0].action))
            else:
                for binding, enabled, tooltip in shown:
                    text, spans = Text(no_wrap=True, end=""), []
                    self._key_text(text, spans, binding, enabled, tooltip, binding.description)
                    text.append(" ")
                    entries.append(Entry(text, spans, binding.action))
        return entries

    def _palette(self) -> tuple[Text, KeySpan | None]:
        """The command palette key, with a thin rule before it, for the right end of the line."""
        palette = Text(no_wrap=True, end="")
        if not self.app.ENABLE_COMMAND_PALETTE:
            return palette, None
        try:
            _node, binding, enabled, _tooltip = self.screen.active_bindings[self.app.COMMAND_PALETTE_BINDING]
        except KeyError:
            return palette, None
        palette.append("▏", self.get_component_rich_style("keybar--separator"))
        spans: list[KeySpan] = []
        self._key_text(palette, spans, binding, enabled, binding.tooltip or binding.description, binding.description)
        palette.append(" ")
        return palette, spans[0]

    # -- the mouse ------------------------------------------------------------------

    def _span_at(self, x: int) -> KeySpan | None:
        return next((span for span in self._spans if span.start <= x < span.end), None)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        span = self._span_at(event.x)
        hover = span.key if span is not None else None
        if hover != self._hover:
            self._hover = hover
            self.tooltip = span.tooltip if span is not None else None
            self.refresh()

    def on_leave(self) -> None:
        if self._hover is not None:
            self._hover = None
            self.refresh()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        span = self._span_at(event.x)
        if span is None:
            return
        if span.enabled:
            self.app.simulate_key(span.key)
        else:
            self.app.bell()
