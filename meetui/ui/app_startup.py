"""The app's third layer: start-up, and opening a meeting in the background to show it live.

Opening a meeting (loading it and claiming the one-writer lock) happens in a
background thread (:class:`~meetui.ui.opening.MeetingOpener`); a meeting
another process runs opens read-only, with a notice saying why. When the
meeting given at start is already open as the app builds its first screen,
that screen is the live screen; otherwise :class:`OpeningScreen` ("Opening the
meeting…") shows until it is. A meeting that cannot be opened at start ends
the app with status 1 and :attr:`StartupApp.open_error`; later, it is a
notification.
"""

from __future__ import annotations

from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Label

from .. import startup
from ..core.clock import Clock, IdSource, SystemClock
from ..core.errors import MeetuiError
from ..core.models import Meeting
from ..store import Store
from .app_sessions import SessionsApp
from .opening import MeetingOpener, open_meeting
from .opening import Opened as Opening
from .session import MeetingSession

#: How long the app waits for the meeting being opened before it shows an "Opening…" screen instead (seconds).
OPENING_WAIT_SECONDS = 0.2


class OpeningScreen(Screen[None]):
    """Shown for the moment it takes to load a meeting."""

    def compose(self) -> ComposeResult:
        yield Label("Opening the meeting…", id="opening", markup=False)


class StartupApp(SessionsApp):
    """An app that starts on the home screen (no meeting) or on one meeting, opened in the background."""

    class Opened(Message):
        """A meeting was loaded (and its writer lock claimed, unless read-only)."""

        def __init__(self, meeting: Meeting, read_only: bool, notice: str) -> None:
            super().__init__()
            self.meeting = meeting
            self.read_only = read_only
            self.notice = notice

    class OpenFailed(Message):
        """A meeting could not be opened: ``error`` says why."""

        def __init__(self, error: MeetuiError) -> None:
            super().__init__()
            self.error = error

    def __init__(
        self,
        store: Store,
        meeting_id: str | None = None,
        *,
        clock: Clock | None = None,
        read_only: bool = False,
        ids: IdSource | None = None,
        opener: MeetingOpener | None = None,
        plan: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        #: The next meeting opened shows the plan screen instead of the live screen (``meetui plan``, ``p``).
        self.plan_next = plan
        self.store = store
        self.meeting_id = meeting_id
        self.clock = clock or SystemClock()
        self.ids = ids
        self.open_error = ""
        self._opening = False  # a meeting is being opened by open_meeting
        if opener is None and meeting_id is not None:
            opener = MeetingOpener(store, meeting_id, read_only=read_only)
        self._opener = opener

    def get_default_screen(self) -> Screen[Any]:
        if self.meeting_id is None:
            from .screens.home import HomeScreen

            return HomeScreen(self.store)
        # A meeting opens in a few tens of milliseconds: waiting that long for it here draws the live screen as the
        # first screen, instead of an "Opening…" screen and then the live one (a screen and a frame more).
        opened = self._opener.wait(OPENING_WAIT_SECONDS) if self._opener is not None else None
        if opened is not None and opened.meeting is not None:
            self._opener = None
            self.keep_lock(opened)
            return self._live_screen(opened.meeting, opened.read_only, opened.notice)
        return OpeningScreen()

    def on_mount(self) -> None:
        if self._opener is not None:
            opener, self._opener = self._opener, None  # the lock must not outlive close_sessions in a reference here
            opener.when_done(self._opened)
        self.call_after_refresh(startup.resume)  # the command line paused the collector to start faster

    def _opened(self, opened: Opening) -> None:
        """The opener is done (called from its thread, or at once)."""
        self.post_message(self._message_of(opened))

    def open_meeting(self, meeting_id: str, *, read_only: bool = False, plan: bool = False) -> None:
        """Load a meeting in a worker and show it live (read-only if another process runs it).

        A second request while one is loading is ignored: a thread worker
        cannot be cancelled, and both would open, the second one read-only
        against this very process's writer lock.
        """
        if self._opening:
            return
        self._opening = True
        self.plan_next = plan
        self._load_meeting(meeting_id, read_only)

    @work(thread=True, exclusive=True, group="open", exit_on_error=False)
    def _load_meeting(self, meeting_id: str, read_only: bool) -> None:
        self.post_message(self._message_of(open_meeting(self.store, meeting_id, read_only)))

    def _message_of(self, opened: Opening) -> Message:
        """The message saying how opening went (a claimed lock is kept from here on)."""
        if opened.meeting is None:
            return self.OpenFailed(opened.error or MeetuiError("the meeting could not be opened"))
        self.keep_lock(opened)
        return self.Opened(opened.meeting, opened.read_only, opened.notice)

    def _live_screen(self, meeting: Meeting, read_only: bool, notice: str) -> Screen[Any]:
        from .screens.live import LiveScreen

        session = MeetingSession(self.store, meeting, self.clock, ids=self.ids, read_only=read_only)
        self.sessions.append(session)
        if self.plan_next:
            from .screens.plan import PlanScreen

            self.plan_next = False
            return PlanScreen(session, notice=notice)
        return LiveScreen(session, notice=notice)

    def on_startup_app_opened(self, message: Opened) -> None:
        self._opening = False
        self.push_screen(self._live_screen(message.meeting, message.read_only, message.notice))

    def on_startup_app_open_failed(self, message: OpenFailed) -> None:
        self._opening = False
        if isinstance(self.screen, OpeningScreen):
            self.open_error = str(message.error)
            self.exit(return_code=1)
        else:
            self.notify(str(message.error), severity="error")
