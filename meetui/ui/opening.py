"""Opening a meeting in a background thread: load it and claim its one-writer lock.

:class:`MeetingOpener` starts as soon as it is made. ``meetui run`` makes one
before it imports Textual, so the meeting is usually open by the time the app
builds its first screen, which can then be the live screen itself. When it is
not (a slow disk), the app shows its "Opening the meeting…" screen and switches
once the opener is done. The UI thread never loads nor waits: it only asks
whether the opener is done, or is called back when it is.

No Textual here: the command line imports this module before Textual.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import NamedTuple

from ..core.errors import MeetuiError
from ..core.models import Meeting
from ..store import MeetingBusy, Store


class Opened(NamedTuple):
    """What opening gave: the meeting, or the reason it could not be opened."""

    meeting: Meeting | None
    read_only: bool = False
    notice: str = ""
    lock: object | None = None
    error: MeetuiError | None = None


def open_meeting(store: Store, meeting_id: str, read_only: bool) -> Opened:
    """Claim a meeting's writer lock (unless read-only; read-only, with a notice, if it is taken), then load it."""
    notice, lock = "", None
    try:
        if not read_only:
            # The lock first: loaded before it, the meeting could be one the previous writer changed since.
            try:
                lock = store.hold_live(meeting_id)
            except MeetingBusy as busy:
                read_only, notice = True, str(busy)
        meeting = store.load(meeting_id)
    except MeetuiError as error:
        if lock is not None:
            lock.release()
        return Opened(None, error=error)
    return Opened(meeting, read_only, notice, lock)


class MeetingOpener:
    """Opens one meeting in a daemon thread, started at once."""

    def __init__(self, store: Store, meeting_id: str, *, read_only: bool = False) -> None:
        self.store = store
        self.meeting_id = meeting_id
        self.read_only = read_only
        self._result: Opened | None = None
        self._callback: Callable[[Opened], None] | None = None
        self._guard = threading.Lock()
        self._thread = threading.Thread(target=self._run, name="meetui-open", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            result = open_meeting(self.store, self.meeting_id, self.read_only)
        except Exception as error:  # noqa: BLE001 - an unexpected failure is still an answer, never a hang
            result = Opened(None, error=MeetuiError(f"could not open meeting {self.meeting_id}: {error}"))
        with self._guard:
            self._result, callback = result, self._callback
        if callback is not None:
            callback(result)

    @property
    def result(self) -> Opened | None:
        """The outcome, or ``None`` while the thread is still at work."""
        return self._result

    def wait(self, seconds: float) -> Opened | None:
        """The outcome, waiting at most ``seconds`` for it (``None`` if the thread is still at work then)."""
        self._thread.join(seconds)
        return self._result

    def when_done(self, callback: Callable[[Opened], None]) -> None:
        """Call ``callback`` with the outcome: now if it is known, else from the opener's thread when it is."""
        with self._guard:
            result = self._result
            if result is None:
                self._callback = callback
        if result is not None:
            callback(result)
