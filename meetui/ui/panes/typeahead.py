"""Keys typed ahead of the screen land where they were meant to, in the order they were typed.

Textual hands each key to the focused widget as a message, and the widget
handles it later, in its own turn. Keys that arrive together (a fast typist,
a paste, ``tmux send-keys``) are therefore all handed out before the first
has been acted on: a key that opens a dialog, moves to the next field or
commits a line is acted on after the keys behind it were already given to
the old place, and those keys were lost or landed in the wrong field.

Two remedies, used by the live screen and every dialog:

* :class:`InOrderInput` takes characters and editing keys the moment Textual
  hands them over, so that a priority binding acting on ``enter`` (next
  field, submit, commit the note) sees everything typed before it; it acts
  on ``escape`` at once too (:func:`escape_keys` says what ``alt+<key>`` and
  :class:`~meetui.ui.terminal_keys.EscapeThen`, ESC and the next key read in
  the same go, stand for: the app splits them into ``escape`` then the key);
* :class:`TypeAhead` holds the keys that reach a screen before it has put
  focus anywhere (a dialog being opened), and hands them on, in order, once
  it has.

An editing key is any key a text field binds itself (:func:`run_own_binding`):
Textual's Input and TextArea insert a character at once, but run a binding
(``backspace``, ``ctrl+u``, ``ctrl+w``, ``left``, ``home``…) only once the key
has bubbled up to the app, after the characters typed behind it have gone in.
Every text field in meetui is an :class:`InOrderInput` or an
:class:`~meetui.ui.planning.forms.InOrderTextArea`, which act on both in the
order typed.
"""

from __future__ import annotations

import contextlib
import inspect
from collections.abc import Awaitable

from textual import events
from textual.actions import SkipAction
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input

from ..terminal_keys import EscapeThen

#: Readline's character moves, which Textual's Input and TextArea do not bind (they do bind readline's ``ctrl+a``,
#: ``ctrl+e``, ``ctrl+k``, ``ctrl+u``, ``ctrl+w``): every text field takes them.
READLINE_MOVES: list[BindingType] = [
    Binding("ctrl+f", "cursor_right", "Forward one character", id="field.forward_char", show=False),
    Binding("ctrl+b", "cursor_left", "Back one character", id="field.backward_char", show=False),
]


def run_own_binding(widget: Widget, key: str) -> bool:
    """Run, now, the action ``widget`` binds ``key`` to itself, as Textual would once the key had bubbled up to the app.

    Only the widget's own plain bindings count (its priority bindings were tried before the key reached it), with
    the user's keymap applied; an action its ``check_action`` refuses is passed over, as Textual does. An async
    action runs right after the key's turn, before the next key is read. Returns ``False`` when no action ran: the
    key then goes Textual's way, to the bindings of the screen and the app.
    """
    app = widget.app
    bindings = widget._bindings
    if app._keymap:
        bindings = bindings.copy()
        bindings.apply_keymap(app._keymap)
    for binding in bindings.key_to_bindings.get(key, ()):
        if binding.priority:
            continue
        target, name, parameters = app._parse_action(binding.action, widget)
        if not target.check_action(name, parameters):
            continue
        method = getattr(target, f"_action_{name}", None) or getattr(target, f"action_{name}", None)
        if not callable(method):
            continue
        try:
            result = method(*parameters)
        except SkipAction:
            continue
        if inspect.isawaitable(result):
            app.call_next(_finish, result)
        return True
    return False


async def _finish(action: Awaitable[object]) -> None:
    with contextlib.suppress(SkipAction):  # the action declined the key, as a binding's action may
        await action


class InOrderInput(Input):
    """An Input that takes typed characters and editing keys in step with Textual's own key handling.

    Focus moves to a field at once (a priority binding), but the field handles its focus event later, after the
    keys typed behind it: Textual's Input then selects its whole text, and the next key typed replaced what had
    just been typed. A field that was typed into while its focus event was on its way does not select.
    """

    BINDINGS = READLINE_MOVES

    def __init__(self, *args: object, **kwargs: object) -> None:
        # Focus never selects the text: the next key typed would replace what was already there (prefilled or typed).
        kwargs.setdefault("select_on_focus", False)
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._focus_handled = False  # whether the last focus event has been handled (and no blur since)
        self._typed_ahead = False  # typed into while the focus event was on its way

    def _on_focus(self, event: events.Focus) -> None:
        # Textual runs this, then Input's own handler (which selects): switch selecting off for that one run.
        if self._typed_ahead and self.select_on_focus:
            self.select_on_focus = False
            self.call_next(setattr, self, "select_on_focus", True)
        self._focus_handled, self._typed_ahead = True, False

    def _on_blur(self, event: events.Blur) -> None:
        self._focus_handled = False

    def _forward_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            if event.key != "escape" and self._take_at_once(event):
                event._set_forwarded()
                return
            if event.key == "escape" and self.is_mounted:
                # Right after Textual's turn with this key, before the next key is read: the keys behind an
                # escape act where the escape sent them (out of the field), not in it. (ESC and a key read
                # together as alt+key are split by the app before they reach a field.)
                event._set_forwarded()
                self.app.call_next(act_now, self.screen, [event])
                return
        super()._forward_event(event)

    def _take_at_once(self, event: events.Key) -> bool:
        if self.disabled or not self.is_mounted:
            return False
        if not self._focus_handled:
            self._typed_ahead = True
        if event.is_printable and event.character is not None:
            self._restart_blink()
            selection = self.selection
            if selection.is_empty:
                self.insert_text_at_cursor(event.character)
            else:
                self.replace(event.character, *selection)
            return True
        if run_own_binding(self, event.key):
            self._restart_blink()
            return True
        return False


class TypeAhead(Screen):
    """A screen that holds keys reaching it before it is ready, then hands them on as Textual would have."""

    _ready = False

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._held: list[events.Key] = []

    def _forward_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not self._ready:
            event._set_forwarded()
            self._held.append(event)
            return
        super()._forward_event(event)

    def _on_mount(self, event: events.Mount) -> None:
        # After every on_mount (which puts focus where the screen wants it): hand the held keys on.
        self.call_after_refresh(self._release)

    async def _release(self) -> None:
        self._ready = True
        held, self._held = self._held, []
        for key in held:
            await type_again(self, key)


def escape_keys(key: events.Key) -> list[events.Key]:
    """The keys ``escape``, ``alt+<key>`` and :class:`~meetui.ui.terminal_keys.EscapeThen` stand for: ``escape``
    itself, or ``escape`` then the key (a terminal sends escape as ESC, and ESC and the next key read in one go
    come as one event: alt+key from Textual's own parser, ``EscapeThen`` from meetui's); ``[]`` for other keys."""
    if isinstance(key, EscapeThen):
        return [events.Key("escape", "\x1b"), key.then]
    if key.key == "escape":
        return [key]
    name = key.key.removeprefix("alt+")
    if name == key.key or key.character is None or len(key.character) != 1 or not key.character.isprintable():
        return []
    if name.startswith("shift+") and len(name) == 7:
        name = name[-1].upper()
    if "+" in name:
        return []  # ctrl+alt+… and the like: a real chord, not an escape
    return [events.Key("escape", "\x1b"), events.Key(name, key.character)]


async def act_now(screen: Screen, keys: list[events.Key]) -> None:
    """Act on each of ``keys`` as Textual would, but now: ``escape`` through the bindings from the focused widget up
    (where it leaves a field or closes a dialog), any other key through :func:`type_again`."""
    app = screen.app
    for key in keys:
        if key.key == "escape":
            if not await app._check_bindings("escape", priority=True):
                await app._check_bindings("escape")
        else:
            await type_again(app.screen, key)


async def type_again(screen: Screen, key: events.Key) -> None:
    """Deliver ``key`` as the app would now: priority bindings first, then the focused widget (or the screen)."""
    app = screen.app
    if await app._check_bindings(key.key, priority=True):
        return
    fresh = events.Key(key.key, key.character)
    target = app.focused or app.screen
    target._forward_event(fresh)
