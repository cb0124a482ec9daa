"""The app's second layer: the meetings it has open, their writer locks, and quitting once all is on disk.

:class:`SessionsApp` keeps every :class:`~meetui.ui.session.MeetingSession`
the app opened and the one-writer locks it claimed. Quitting waits (in a
worker) for the writers; with changes the disk refuses it warns instead, and
a second quit key within :data:`QUIT_AGAIN_SECONDS` quits without them.
:meth:`SessionsApp.close_sessions` flushes and releases everything; what could
not be saved is listed in :attr:`SessionsApp.unsaved` for the command line.
"""

from __future__ import annotations

from typing import Any

from textual import work

from .app_settings import SettingsApp
from .keys import APP_COMMANDS, key_display
from .opening import Opened as Opening
from .session import MeetingSession

#: How long a second quit key quits although changes are not saved.
QUIT_AGAIN_SECONDS = 10.0


class SessionsApp(SettingsApp):
    """An app that runs meetings: their sessions and locks, and a quit that loses nothing silently."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.sessions: list[MeetingSession] = []
        self._live_locks: list[tuple[str, Any]] = []  # (meeting id, a lock with release(): store.locking)
        #: Why changes could not be saved, by meeting id, when quitting (see :meth:`close_sessions`).
        self.unsaved: dict[str, str] = {}
        self._quit_anyway = False

    def keep_lock(self, opened: Opening) -> None:
        """Hold the writer lock a meeting was opened with, to release it on quitting."""
        if opened.lock is not None:
            self._live_locks.append((opened.meeting.id if opened.meeting is not None else "", opened.lock))

    def let_go(self, session: MeetingSession) -> None:
        """A meeting's screen was left for the list of meetings: flush the meeting and release its writer lock, so
        that another process (or this one, later) can run it. With changes not yet on disk, both are kept until
        quitting, which reports them (:meth:`close_sessions`)."""
        if session not in self.sessions or not session.close() or session.writing:
            return
        self.sessions.remove(session)
        for held in [held for held in self._live_locks if held[0] == session.meeting.id]:
            held[1].release()
            self._live_locks.remove(held)

    def close_sessions(self) -> None:
        """Flush every open meeting to disk and release the writer locks.

        Changes not on disk (refused by the disk, or still being written
        when the wait ran out) are listed in :attr:`unsaved`, which the
        command line prints once the screen is gone.
        """
        for session in self.sessions:
            if not session.close() and session.meeting.id not in self.unsaved:
                why = session.last_error or "the disk had not finished writing them"
                self.unsaved[session.meeting.id] = (
                    f"{session.pending} change(s) to meeting {session.meeting.id} could not be saved: {why}"
                )
        if any(session.writing for session in self.sessions):
            return  # no other process may take a meeting over mid-write: the locks go when this process ends
        for _meeting_id, lock in self._live_locks:
            lock.release()
        self._live_locks.clear()

    async def action_quit(self) -> None:
        """Quit once everything is on disk; with changes the disk refuses, only when asked a second time. A line
        typed in a note field and not sent is kept for the next time the meeting is opened."""
        for screen in self.screen_stack:
            keep = getattr(screen, "keep_draft", None)
            if keep is not None:
                keep()
        if self._quit_anyway:
            self.close_sessions()
            self.exit(0)
            return
        self._quit_when_saved()

    @work(thread=True, exclusive=True, group="quit", exit_on_error=False)
    def _quit_when_saved(self) -> None:
        """Wait for the writers off the UI thread, then quit, or warn if the disk refuses changes."""
        failing = [s for s in self.sessions if not s.read_only and not s.flush() and s.last_error is not None]
        self.call_from_thread(self._quit_or_warn, failing)

    def _quit_or_warn(self, failing: list[MeetingSession]) -> None:
        if not failing:
            self.close_sessions()
            self.exit(0)
            return
        self._quit_anyway = True
        self.set_timer(QUIT_AGAIN_SECONDS, self._disarm_quit)
        session = failing[0]
        key = key_display(self, next(c for c in APP_COMMANDS if c.id == "app.quit"))
        self.notify(
            f"{session.pending} change(s) are not on disk: {session.last_error}. meetui keeps trying to "
            f"save them. Press {key} again to quit without them.",
            title="Not saved",
            severity="error",
            timeout=QUIT_AGAIN_SECONDS,
        )

    def _disarm_quit(self) -> None:
        self._quit_anyway = False
