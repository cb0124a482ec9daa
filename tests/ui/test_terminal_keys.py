"""Escape and a key read from the terminal together reach meetui as escape then the key (meetui.ui.terminal_keys).

The Pilot tests hand the raw bytes a terminal sends to the parser meetui's driver reads with, and each message it
makes to the driver, as the driver's input thread does; then, after Textual's escape delay, whatever the parser
gives out on its timer. Textual's own parser read ESC + as "+", ESC - as "–", ESC f as ctrl+right: the note field
kept the focus and got a character, and the key's action did not run.
"""

from __future__ import annotations

import asyncio
import inspect

import pytest
from textual import constants, events
from textual._ansi_sequences import ANSI_SEQUENCES_KEYS
from textual._xterm_parser import XTermParser
from textual.drivers import linux_driver, linux_inline_driver, web_driver
from textual.widgets import DataTable, Input

from meetui.ui.dialogs.pick import PickDialog
from meetui.ui.screens.help import HelpScreen
from meetui.ui.screens.home import HomeScreen
from meetui.ui.screens.search import SearchScreen
from meetui.ui.terminal_keys import SEQUENCE_STARTS, EscapeThen, EscapeThenKeyParser, use_escape_then_key_parser

from .helpers import live_screen, until
from .test_dialog_bursts import burst, settle
from .test_home import archive

DRAFT = "预算评审草稿"


def read(data: str) -> list[tuple[str, str | None]]:
    """The keys ``data``, read in one go, stands for (after the escape delay has passed)."""
    parser = EscapeThenKeyParser()
    messages = list(parser.feed(data))
    if parser._timeout_time is not None:  # waiting for the rest of a sequence: the escape delay has passed
        parser._timeout_time = 0
    messages.extend(parser.tick())
    read: list[tuple[str, str | None]] = []
    for message in messages:
        if isinstance(message, EscapeThen):  # one event: escape, and the key behind it
            read += [("escape", message.character), (message.then.key, message.then.character)]
        elif isinstance(message, events.Key):
            read.append((message.key, message.character))
        else:
            read.append((type(message).__name__, None))
    return read


async def from_terminal(pilot, data: str) -> None:  # noqa: ANN001
    """``data`` read from the terminal in one go, through the parser and the app's driver, as the input thread does."""
    driver = pilot.app._driver
    parser = EscapeThenKeyParser()
    for message in parser.feed(data):
        driver.process_message(message)
    await asyncio.sleep(constants.ESCAPE_DELAY + 0.05)
    for message in parser.tick():
        driver.process_message(message)
    await settle(pilot)


# -- the parser ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("+", ("plus", "+")),
        ("-", ("minus", "-")),
        ("=", ("equals_sign", "=")),
        ("1", ("1", "1")),
        ("0", ("0", "0")),
        ("?", ("question_mark", "?")),
        ("f", ("f", "f")),
        ("b", ("b", "b")),
        ("m", ("m", "m")),
        ("N", ("N", "N")),
        ("[", ("left_square_bracket", "[")),
        ("]", ("right_square_bracket", "]")),
        ("O", ("O", "O")),
        ("§", ("section_sign", "§")),
        ("\t", ("tab", "\t")),
        ("\x7f", ("backspace", "\x7f")),
        ("\r", ("enter", "\r")),
        (" ", ("space", " ")),
        ("中", ("中", "中")),
    ],
)
def test_escape_and_any_key_read_together_are_escape_then_the_key(typed: str, key: tuple[str, str]) -> None:
    assert read("\x1b" + typed) == [("escape", "\x1b"), key]


def test_textual_reads_escape_and_a_key_together_as_another_key() -> None:
    """What the parser is for: Textual's own reading of ESC and a key loses the escape (if Textual stops doing so,
    this fails, and :class:`EscapeThenKeyParser` may go)."""
    plain = XTermParser()
    got = list(plain.feed("\x1b-"))
    assert [(k.key, k.character) for k in got] == [("en_dash", "–")]
    assert [k.key for k in XTermParser().feed("\x1bf")] == ["ctrl+right"]
    # every two-byte ESC sequence in Textual's table is one key, never escape: each is read as escape and the key
    two_byte = [s for s in ANSI_SEQUENCES_KEYS if len(s) == 2 and s[0] == "\x1b" and s != "\x1b\x1b"]
    assert {"\x1bf", "\x1bb", "\x1b-", "\x1b=", "\x1b1", "\x1b\t", "\x1b\x7f"} <= set(two_byte)
    for sequence in two_byte:
        assert read(sequence)[0] == ("escape", "\x1b"), sequence
        assert len(read(sequence)) == 2, sequence


def test_real_sequences_that_begin_with_escape_are_read_as_before() -> None:
    for sequence, key in [
        ("\x1b[A", "up"),
        ("\x1b[D", "left"),
        ("\x1bOP", "f1"),
        ("\x1b[15~", "f5"),
        ("\x1b[1;5C", "ctrl+right"),
        ("\x1b[1;5D", "ctrl+left"),
        ("\x1b[Z", "shift+tab"),
        ("\x1b[3~", "delete"),
    ]:
        assert read(sequence) == [(key, None)], sequence
    assert read("\x1b[200~粘贴的会议纪要\x1b[201~") == [("Paste", None)]
    assert read("\x1b[<0;3;4M") == [("MouseDown", None)]
    assert read("\x1b") == [("escape", "\x1b")]
    assert read("\x1b\x1b") == [("escape", "\x1b"), ("escape", "\x1b")]


def test_escape_and_the_key_behind_it_are_one_event_the_app_splits() -> None:
    from meetui.ui.panes.typeahead import escape_keys

    parser = EscapeThenKeyParser()
    (event,) = parser.feed("\x1b+")
    assert isinstance(event, EscapeThen) and event.key == "escape"
    assert [(k.key, k.character) for k in escape_keys(event)] == [("escape", "\x1b"), ("plus", "+")]


def test_keys_typed_behind_escape_and_a_key_are_read_at_once_and_in_order() -> None:
    """Textual held ESC and every key behind it in one read as one sequence: past 31 characters, it typed the
    escape as "^"."""
    assert read("\x1bd\r\r") == [("escape", "\x1b"), ("d", "d"), ("enter", "\r"), ("enter", "\r")]
    long = "会" * 40
    assert read("\x1bi" + long) == [("escape", "\x1b"), ("i", "i")] + [("会", "会")] * 40
    assert read("\x1b[会议") == [("escape", "\x1b"), ("left_square_bracket", "["), ("会", "会"), ("议", "议")]
    digits = "2026" * 10  # ESC [ and digits: the start of a CSI sequence, until Textual gives up on it
    assert read("\x1b[" + digits) == [("escape", "\x1b"), ("left_square_bracket", "[")] + [(d, d) for d in digits]
    assert read("\x1b[200~" + digits + "中文\x1b[201~") == [("Paste", None)]


def test_the_sequence_starts_come_from_textuals_tables() -> None:
    """Only CSI and SS3 begin a longer sequence after ESC (Textual's table, its special sequences, and the CSI
    patterns it matches mouse reports, kitty keys and terminal replies with)."""
    assert {"[", "O"} == SEQUENCE_STARTS
    from textual import _xterm_parser

    for name, pattern in vars(_xterm_parser).items():
        if name.startswith("_re_") and hasattr(pattern, "pattern"):
            assert pattern.pattern.lstrip("^").startswith(("\\x1b\\[", "\x1b\\[")), name


def test_meetuis_drivers_read_the_terminal_with_the_parser(make_app) -> None:  # noqa: ANN001
    """Textual's drivers build their parser by the name ``XTermParser`` in their input thread: the app points
    that name at :class:`EscapeThenKeyParser` (if Textual builds it otherwise, this fails)."""
    for module, driver in [
        (linux_driver, linux_driver.LinuxDriver),
        (linux_inline_driver, linux_inline_driver.LinuxInlineDriver),
        (web_driver, web_driver.WebDriver),
    ]:
        assert "XTermParser(" in inspect.getsource(driver), module.__name__
        use_escape_then_key_parser(driver)
        assert module.XTermParser is EscapeThenKeyParser
    make_app(None)  # the app installs it for the driver it picks
    assert linux_driver.XTermParser is EscapeThenKeyParser


# -- in the app ------------------------------------------------------------------------------------------------


async def test_escape_plus_in_the_note_field_adds_a_minute_and_types_nothing(make_app, demo_id) -> None:
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        await burst(pilot, "space", "i", DRAFT)
        field = screen.query_one("#note-input", Input)
        before = screen.meeting.current_topic.timebox_minutes
        await from_terminal(pilot, "\x1b+")
        assert field.value == DRAFT
        assert not field.has_focus
        assert screen.meeting.current_topic.timebox_minutes == before + 1
        await from_terminal(pilot, "i\x1b-")  # back in, and out again with a minute less
        assert field.value == DRAFT
        assert screen.meeting.current_topic.timebox_minutes == before


@pytest.mark.parametrize("typed", ["=", "[", "]", "b", "0"])
async def test_escape_and_a_key_with_nothing_to_do_leave_the_note_field_untouched(
    make_app, demo_id, typed: str
) -> None:
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        await burst(pilot, "space", "i", DRAFT)
        field = screen.query_one("#note-input", Input)
        await from_terminal(pilot, "\x1b" + typed)
        assert field.value == DRAFT
        assert not field.has_focus
        assert app.screen is screen


async def test_escape_f_in_the_note_field_opens_presentation_mode(make_app, demo_id) -> None:
    from meetui.ui.screens.presentation import PresentationScreen

    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        await burst(pilot, "space", "i", DRAFT)
        await from_terminal(pilot, "\x1bf")
        await until(pilot, lambda: isinstance(app.screen, PresentationScreen))
        assert screen.query_one("#note-input", Input).value == DRAFT


async def test_escape_1_and_escape_question_mark_in_the_note_field_run_their_keys(make_app, demo_id) -> None:
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        await burst(pilot, "space", "i", DRAFT)
        await from_terminal(pilot, "\x1b1")
        assert app.focused is not None and app.focused.id == "agenda-table"
        await from_terminal(pilot, "i\x1b?")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen))
        assert screen.query_one("#note-input", Input).value == DRAFT


async def test_escape_and_a_key_outside_the_note_field_run_the_key(make_app, demo_id) -> None:
    from meetui.ui.screens.presentation import PresentationScreen

    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        await burst(pilot, "space")
        assert not isinstance(app.focused, Input)
        before = screen.meeting.current_topic.timebox_minutes
        await from_terminal(pilot, "\x1b+")
        assert screen.meeting.current_topic.timebox_minutes == before + 1
        await from_terminal(pilot, "\x1bf")  # Textual read it as ctrl+right
        await until(pilot, lambda: isinstance(app.screen, PresentationScreen))


async def test_escape_and_a_key_in_a_dialog_close_it_and_run_the_key(make_app, demo_id) -> None:
    from meetui.ui.dialogs.parking import ParkingLotDialog

    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        await burst(pilot, "space", "k", "离线讨论定价")
        await until(pilot, lambda: isinstance(app.screen, ParkingLotDialog))
        before = screen.meeting.current_topic.timebox_minutes
        await from_terminal(pilot, "\x1b+")
        await until(pilot, lambda: app.screen is screen)
        assert screen.meeting.current_topic.timebox_minutes == before + 1
        assert screen.query_one("#note-input", Input).value == ""


async def test_escape_f_on_the_home_screen_leaves_search_and_runs_f(make_app, store, clock) -> None:  # noqa: ANN001
    archive(store, clock)
    app = make_app(None)
    async with app.run_test(size=(120, 40)) as pilot:
        home = app.screen
        assert isinstance(home, HomeScreen)
        await until(pilot, lambda: home.query_one("#meetings-table", DataTable).row_count == 9)
        await pilot.press("slash")
        await until(pilot, lambda: isinstance(app.screen, SearchScreen))
        app.screen.query_one(Input).insert_text_at_cursor("新机房")
        await from_terminal(pilot, "\x1bf")
        await until(pilot, lambda: isinstance(app.screen, PickDialog))  # f: the status filter (not ctrl+right)


async def test_arrows_word_moves_and_paste_still_work_in_the_note_field(make_app, demo_id) -> None:
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        await burst(pilot, "space", "i", "会议 纪要")
        field = screen.query_one("#note-input", Input)
        await from_terminal(pilot, "\x1b[D\x1b[D甲")  # left, left, a character
        assert field.value == "会议 甲纪要"
        await from_terminal(pilot, "\x1b[H\x1b[1;5C")  # home, ctrl+right: one word on
        assert field.has_focus
        assert field.cursor_position == 3  # the start of the next word
        await from_terminal(pilot, "\x1b[F\x1b[200~粘贴\x1b[201~")  # end, a bracketed paste
        assert field.value == "会议 甲纪要粘贴"
        assert field.has_focus


async def test_the_keys_behind_escape_and_a_key_stay_behind_it(make_app, demo_id) -> None:
    """ESC d, enter, enter, a note, enter in one read from the note field: the decision dialog opens and its enters
    act on it, not on the note field (as the same keys read as alt+d, enter… do)."""
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        await burst(pilot, "space", "i", "研发：延期两周", "enter")
        await from_terminal(pilot, "\x1bd\r\ri锁定后\r")
        assert [(d.text, d.state.value) for d in screen.meeting.decisions] == [("i锁定后", "proposed")]
        assert not any(d.locked for d in screen.meeting.decisions)
