"""Helpers for driving the live screen in Pilot tests."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Input, Label

from meetui.core.models import Meeting
from meetui.ui.screens.live import LiveScreen


async def until(pilot: Pilot, condition, timeout: float = 5.0) -> None:  # noqa: ANN001
    """Let the app run until ``condition()`` is true (workers finish, messages land)."""
    loop_time = 0.0
    while not condition():
        await pilot.pause(0.02)
        loop_time += 0.02
        if loop_time > timeout:
            raise AssertionError("the app did not get there in time")


async def live_screen(pilot: Pilot) -> LiveScreen:
    """Wait until the meeting is open and return its screen."""
    await until(pilot, lambda: isinstance(pilot.app.screen, LiveScreen))
    await pilot.pause()
    return pilot.app.screen  # type: ignore[return-value]


async def type_note(pilot: Pilot, text: str) -> None:
    """Focus the note field with ``i`` (unless it has focus), type ``text`` and press enter.

    ASCII is pressed key by key; other characters (Chinese) are inserted, as an IME would.
    """
    field = pilot.app.screen.query_one("#note-input", Input)
    if not field.has_focus:
        await pilot.press("i")
    assert field.has_focus
    for char in text:
        if char.isascii() and char.isprintable():
            await pilot.press("space" if char == " " else char)
        else:
            field.insert_text_at_cursor(char)
    await pilot.press("enter")
    await pilot.pause()


def label_text(screen: LiveScreen, selector: str) -> str:
    return str(screen.query_one(selector, Label).render())


def stored(screen: LiveScreen) -> Meeting:
    """The meeting as the store has it, once every queued change is written."""
    assert screen.session.flush(), "the writer did not finish"
    return screen.session.store.load(screen.meeting.id)


def said(screen: LiveScreen) -> str:
    """Every message the screen's message line has said, one per line."""
    from meetui.ui.panes.message import MessageLine

    return "\n".join(screen.query_one(MessageLine).said)
