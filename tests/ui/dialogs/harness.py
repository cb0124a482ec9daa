"""A small app for testing one dialog: a tmp_path store, the demo meeting, a session, the shipped styles."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.app import App
from textual.screen import Screen

from meetui.core.clock import FrozenClock, SequentialIds
from meetui.core.meeting import Change
from meetui.importers.demo import demo_meeting
from meetui.resources import themes_dir
from meetui.store import Store
from meetui.ui.session import MeetingSession

DialogFactory = Callable[[MeetingSession], Screen]


def stylesheets() -> list[Path]:
    """Every shipped ``.tcss`` file, ``app.tcss`` first, as the real app loads them."""
    return sorted(themes_dir().glob("*.tcss"), key=lambda p: (p.name != "app.tcss", p.name))


def demo_session(root: Path, clock: FrozenClock, *, start: bool = True) -> MeetingSession:
    """A session on the demo meeting, stored under ``root``; started (first topic open) unless told not to."""
    store = Store(root)
    meeting = demo_meeting(clock, SequentialIds("m"))
    store.create(meeting)
    session = MeetingSession(store, meeting, clock, ids=SequentialIds("r"))
    if start:
        session.apply(lambda live: live.start())
    return session


def reloaded(session: MeetingSession):
    """The meeting as the store has it, after every queued change is written."""
    assert session.flush(), "the writer did not finish in time"
    return session.store.load(session.meeting.id)


class DialogHarness(App[None]):
    """Pushes one dialog on a blank screen and keeps what it was dismissed with."""

    def __init__(self, session: MeetingSession, factory: DialogFactory) -> None:
        super().__init__(css_path=stylesheets())
        self.session = session
        self.factory = factory
        self.results: list[Change | None] = []

    def on_mount(self) -> None:
        self.push_screen(self.factory(self.session), self.results.append)

    @property
    def dismissed(self) -> bool:
        return bool(self.results)

    @property
    def result(self) -> Change | None:
        assert self.results, "the dialog is still open"
        return self.results[-1]
