"""Escape followed at once by a key reaches meetui as ``escape`` then that key, read from the terminal's bytes.

A terminal sends escape as the byte ESC, and the key typed after it as its own
bytes. When both arrive in one read (a fast host typing ``esc +``, ``tmux
send-keys Escape +``), Textual 8's input parser (``textual._xterm_parser``)
reads ESC and the next character as one key, and often not as ``alt+<key>``:

* its sequence table (``textual._ansi_sequences.ANSI_SEQUENCES_KEYS``) maps
  two-byte ESC sequences to other keys: ESC f / ESC b to ``ctrl+right`` /
  ``ctrl+left`` (iTerm's word moves), ESC 1 … ESC 0, ESC - and ESC = to the
  characters macOS types with option (``¡`` … ``º``, ``–``, ``≠``), ESC tab to
  ``shift+tab``, ESC backspace to ``ctrl+w``;
* ESC and a character that no sequence starts with is read, once nothing
  completes it, as ``alt+<key>`` only for letters and digits: ESC + is ``plus``,
  ESC ? ``question_mark``, ESC [ ``left_square_bracket`` — the escape is gone;
* ESC and more than 31 characters behind it in one read come out as ``^`` and
  those characters (the escape typed as a caret).

In every case the escape is lost: the note field kept the focus and got a
character, and the key's action did not run. From the key event alone the
cases cannot be told apart from real keys (``ctrl+right`` from ``\\x1b[1;5C``,
``≠`` typed by a user), so the escape is kept where the bytes are still known:
:class:`EscapeThenKeyParser` is Textual's parser with one change, in the step
that turns a sequence into key events:

* ESC and a key that begins no longer sequence (anything but CSI ``[`` and
  SS3 ``O``) is read at once as escape then the key, the key as Textual reads
  it alone; the keys behind it are read on their own;
* ESC [ or ESC O that nothing completed is read as Textual gives it back, with
  escape first: after the escape delay, or at once when a character follows
  that no CSI or SS3 sequence holds (Chinese text, enter).

The escape and the key come as one event, :class:`EscapeThen`, which the app
splits before anything else sees it, as it splits ``alt+<key>``: escape's
bindings act (a field left, a dialog closed) before the key, and the key
before the keys typed behind it. Real sequences (arrows, function keys,
``\\x1b[1;5C``, bracketed paste, mouse, focus reports) are read by Textual as
before. ESC [ or ESC O and more than 30 characters that make no sequence, read
together, are escape and those keys too (Textual gave up on them as a caret
and the characters).

:func:`use_escape_then_key_parser` makes a driver read with it: Textual's
drivers build their parser by the module name ``XTermParser`` in their input
thread, and that name is pointed at this parser. The tests in
``tests/ui/test_terminal_keys.py`` fail if Textual changes either fact, or its
sequence tables.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable

from textual import events
from textual._ansi_sequences import ANSI_SEQUENCES_KEYS
from textual._xterm_parser import _MAX_SEQUENCE_SEARCH_THRESHOLD, SPECIAL_SEQUENCES, XTermParser
from textual.driver import Driver

__all__ = ["SEQUENCE_STARTS", "EscapeThen", "EscapeThenKeyParser", "use_escape_then_key_parser"]

ESC = "\x1b"

#: The characters that, after ESC, begin a longer sequence Textual reads (CSI ``[`` and SS3 ``O``): from Textual's
#: sequence table and special sequences (paste, focus), plus ``[`` for the sequences Textual matches by pattern
#: (mouse reports, kitty keys, cursor position, mode reports, window size), which are all CSI sequences.
SEQUENCE_STARTS: frozenset[str] = frozenset(
    {sequence[1] for sequence in (*ANSI_SEQUENCES_KEYS, *SPECIAL_SEQUENCES) if sequence[0] == ESC and len(sequence) > 2}
    | {"["}
)


def _cannot_continue(sequence: str) -> bool:
    """Whether ``sequence`` (ESC, a sequence start, and more) can no longer become any sequence a terminal sends:
    its last character is not printable ASCII, which no CSI or SS3 sequence holds (legacy mouse reports, ESC [ M
    and three bytes of any value, aside)."""
    last = sequence[-1]
    if " " <= last <= "~":
        return False
    return not (sequence.startswith(f"{ESC}[M") and len(sequence) <= 6)


class EscapeThen(events.Key):
    """``escape`` and the key typed right behind it (:attr:`then`), read together: one event, so that the app acts
    on both before the keys behind them (see :meth:`~meetui.ui.app.MeetuiApp.on_event`); alone it is ``escape``."""

    def __init__(self, then: events.Key) -> None:
        super().__init__("escape", ESC)
        self.then = then


class EscapeThenKeyParser(XTermParser):
    """Textual's terminal input parser, reading ESC and the key behind it as ``escape`` then the key."""

    def _sequence_to_key_events(self, sequence: str, alt: bool = False) -> Iterable[events.Key]:
        if alt:
            # Textual gives back a sequence begun by ESC that nothing completed, with alt for the character after
            # the ESC (Textual makes that alt+<key> for letters and digits only, and drops the ESC for the rest).
            yield from _escape_then(super()._sequence_to_key_events(sequence))
            return
        if sequence[:1] == ESC and len(sequence) >= 2:
            if len(sequence) == 2 and sequence[1] not in SEQUENCE_STARTS:
                # ESC and a key no sequence starts with: Textual would read it as one key (see the module docstring)
                yield from _escape_then(super()._sequence_to_key_events(sequence[1]))
                return
            if len(sequence) > 2 and _cannot_continue(sequence):
                # ESC [ (or ESC O) typed, then keys: escape and every key behind it, at once
                yield from self._escape_then_each(sequence[1:])
                return
        keys = list(super()._sequence_to_key_events(sequence))
        if not keys and len(sequence) == _MAX_SEQUENCE_SEARCH_THRESHOLD and sequence[0] == ESC:
            # the longest sequence Textual looks for: it would give up on the next character, and type ESC as "^"
            yield from self._escape_then_each(sequence[1:])
            return
        yield from keys

    def _escape_then_each(self, characters: str) -> Iterable[events.Key]:
        read = super()._sequence_to_key_events
        yield from _escape_then([key for character in characters for key in read(character)])


def _escape_then(keys: Iterable[events.Key]) -> Iterable[events.Key]:
    """``keys`` with escape before them: the first key and the escape as one :class:`EscapeThen`."""
    keys = iter(keys)
    first = next(keys, None)
    yield events.Key("escape", ESC) if first is None else EscapeThen(first)
    yield from keys


def use_escape_then_key_parser(driver_class: type[Driver]) -> None:
    """Make ``driver_class`` (and the drivers it derives from) read the terminal with :class:`EscapeThenKeyParser`.

    Textual's drivers (Linux, inline, web, Windows) each build ``XTermParser(…)`` in their input thread by their
    module's name for it; that name is pointed at :class:`EscapeThenKeyParser`. A driver that reads no terminal
    (the headless one of tests) has no such name and is left as it is.
    """
    for cls in driver_class.__mro__:
        module = sys.modules.get(cls.__module__)
        if module is not None and getattr(module, "XTermParser", None) is XTermParser:
            module.XTermParser = EscapeThenKeyParser  # type: ignore[attr-defined]
