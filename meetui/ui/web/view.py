"""The process each browser gets: the watch screen of one meeting, which reads the store and never writes it.

``meetui follow MEETING --web`` starts one of these per browser connection
(``python -m meetui.ui.web.view DATA_DIR MEETING_ID``, under textual-serve's
web driver). It holds a :class:`MeetingReader`, not a store: the only disk
operations within its reach are ``stat`` and read. A thread worker looks at
the meeting file every :data:`POLL_SECONDS` and reloads (and validates) it when
it changed; it asks every second whether the host still runs the meeting. No
key of the view changes anything; there is no command palette.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from textual import work
from textual.app import App
from textual.message import Message
from textual.worker import get_current_worker

from ...core.clock import SystemClock
from ...core.errors import MeetuiError
from ...core.models import Meeting
from ...core.timekeeping import read_clock
from ...resources import themes_dir
from ...store import Store
from ...store.presence import is_being_run
from ..config import DEFAULT_THEME, config_path, load_config
from ..themes import APP_STYLESHEET, meetui_themes
from .watch import Presence, WatchScreen

#: How often the meeting file's identity (inode, size, time) is looked at, in seconds.
POLL_SECONDS = 0.2
#: How often the view asks whether the host still runs the meeting, in seconds.
PRESENCE_SECONDS = 1.0
#: The stylesheet of the watch screen (after ``app.tcss``, whose pane styles it uses).
WEB_STYLESHEET = "web.tcss"


class MeetingReader:
    """One meeting of a store, for reading only: its file's identity, its content, whether it is being run."""

    def __init__(self, root: Path, meeting_id: str) -> None:
        self._store = Store(root)
        self.meeting_id = meeting_id

    def signature(self) -> tuple[int, int, int] | None:
        """The meeting file's inode, size and modification time (None when it cannot be found)."""
        try:
            status = os.stat(self._store.meeting_path(self.meeting_id))
        except (OSError, MeetuiError):
            return None
        return status.st_ino, status.st_size, status.st_mtime_ns

    def load(self) -> Meeting:
        """The meeting as stored, validated; raises :class:`MeetuiError` when it cannot be read."""
        return self._store.load(self.meeting_id)

    def presence(self) -> Presence:
        """Whether some process holds the meeting's live lock (see :mod:`meetui.store.presence`)."""
        running = is_being_run(self._store.locks_dir, self.meeting_id)
        return Presence.UNKNOWN if running is None else Presence.RUNNING if running else Presence.LEFT


class WatchApp(App[int]):
    """The read-only view of one meeting, as served to a browser."""

    TITLE = "meetui"
    ENABLE_COMMAND_PALETTE = False

    class Loaded(Message):
        """The meeting was read (again) from the store."""

        def __init__(self, meeting: Meeting) -> None:
            super().__init__()
            self.meeting = meeting

    class Seen(Message):
        """Whether the host runs the meeting, as the poller last found it."""

        def __init__(self, presence: Presence) -> None:
            super().__init__()
            self.presence = presence

    class Trouble(Message):
        """The meeting file changed but cannot be read: ``text`` says why (the last good state stays shown)."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def __init__(self, reader: MeetingReader, *, config_dir: Path | None = None) -> None:
        super().__init__(css_path=[themes_dir() / APP_STYLESHEET, themes_dir() / WEB_STYLESHEET])
        self.reader = reader
        self.clock = SystemClock()
        self.meeting: Meeting | None = None
        self.presence = Presence.UNKNOWN
        for theme in meetui_themes():
            self.register_theme(theme)
        try:
            chosen = load_config(config_path(config_dir)).theme  # read only: the view never saves a choice
        except MeetuiError:
            chosen = DEFAULT_THEME
        self.theme = chosen if chosen in self.available_themes else DEFAULT_THEME

    def get_default_screen(self) -> WatchScreen:
        return WatchScreen()

    def on_mount(self) -> None:
        self.set_interval(1.0, self.redraw)
        self.watch_store()

    def redraw(self) -> None:
        """Draw the meeting as it reads now (the clock moves every second)."""
        if self.meeting is not None and isinstance(self.screen, WatchScreen):
            self.screen.show(self.meeting, read_clock(self.meeting, self.clock.now()), self.presence)

    def on_watch_app_loaded(self, message: Loaded) -> None:
        self.meeting = message.meeting
        self.sub_title = message.meeting.title
        self.redraw()

    def on_watch_app_seen(self, message: Seen) -> None:
        self.presence = message.presence
        self.redraw()

    def on_watch_app_trouble(self, message: Trouble) -> None:
        self.notify(message.text, severity="error", timeout=6, markup=False)

    @work(thread=True, exclusive=True, group="watch", exit_on_error=False)
    def watch_store(self) -> None:
        """Reload the meeting whenever its file changes; report the host's presence when it changes."""
        worker = get_current_worker()
        seen: object = ()  # no file identity yet: the first round loads
        presence: Presence | None = None
        next_presence = 0.0
        while not worker.is_cancelled:
            signature = self.reader.signature()
            if signature != seen:
                seen = signature
                try:
                    meeting = self.reader.load()
                except MeetuiError as error:
                    self.post_message(self.Trouble(str(error)))
                else:
                    self.post_message(self.Loaded(meeting))
            if time.monotonic() >= next_presence:
                next_presence = time.monotonic() + PRESENCE_SECONDS
                now = self.reader.presence()
                if now is not presence:
                    presence = now
                    self.post_message(self.Seen(now))
            time.sleep(POLL_SECONDS)


def main(argv: list[str] | None = None) -> int:
    """``python -m meetui.ui.web.view DATA_DIR MEETING_ID``: run the view (under textual-serve's web driver)."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print("usage: python -m meetui.ui.web.view DATA_DIR MEETING_ID", file=sys.stderr)
        return 2
    app = WatchApp(MeetingReader(Path(args[0]), args[1]))
    app.run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
