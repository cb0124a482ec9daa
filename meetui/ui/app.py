"""The meetui Textual app: themes, the user's keymap, help, and opening a meeting.

The app is thin. Screens do the work: :class:`~meetui.ui.screens.home.HomeScreen`
lists meetings, :class:`~meetui.ui.screens.live.LiveScreen` runs one. Opening a
meeting (loading it and claiming the one-writer lock) happens in a background
thread (:class:`~meetui.ui.opening.MeetingOpener`); a meeting another process
runs opens read-only, with a notice saying why. When the meeting given at start
is already open as the app builds its first screen, that screen is the live
screen; otherwise "Opening the meeting…" shows until it is.
"""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import App
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.reactive import Reactive
from textual.screen import Screen
from textual.widgets import Label

from .. import startup
from ..core.clock import Clock, IdSource, SystemClock
from ..core.errors import MeetuiError
from ..core.models import Meeting
from ..resources import themes_dir
from ..store import Store
from .config import DEFAULT_THEME, Config, config_path, load_config, save_config
from .keys import APP_COMMANDS, bindings, key_display, key_table
from .opening import MeetingOpener, open_meeting
from .opening import Opened as Opening
from .session import MeetingSession
from .themes import APP_STYLESHEET, meetui_themes

#: How long a second quit key quits although changes are not saved.
QUIT_AGAIN_SECONDS = 10.0


class OpeningScreen(Screen):
    """Shown for the moment it takes to load a meeting."""

    def compose(self):  # noqa: ANN201
        yield Label("Opening the meeting…", id="opening", markup=False)


class MeetuiApp(App[int]):
    """meetui's terminal UI: the home screen, or one meeting live."""

    TITLE = "meetui"
    BINDINGS = bindings(APP_COMMANDS)

    #: meetui's default theme from the start: choosing it in ``__init__`` would be a theme change, which parses
    #: every stylesheet a second time (with the new colours) before the first frame.
    theme: Reactive[str] = Reactive(DEFAULT_THEME)

    class Opened(Message):
        """A meeting was loaded (and its writer lock claimed, unless read-only)."""

        def __init__(self, meeting: Meeting, read_only: bool, notice: str) -> None:
            super().__init__()
            self.meeting = meeting
            self.read_only = read_only
            self.notice = notice

    class OpenFailed(Message):
        def __init__(self, error: MeetuiError) -> None:
            super().__init__()
            self.error = error

    def __init__(self, store: Store, meeting_id: str | None = None, *, clock: Clock | None = None,
                 read_only: bool = False, config_dir: Path | None = None, ids: IdSource | None = None,
                 opener: MeetingOpener | None = None) -> None:
        """``opener``: the meeting's opening, already under way (``meetui run`` starts it before importing Textual);
        without one, the app opens ``meeting_id`` itself."""
        super().__init__(css_path=[themes_dir() / APP_STYLESHEET])
        self.store = store
        self.meeting_id = meeting_id
        self.clock = clock or SystemClock()
        self.ids = ids
        self.config_file = config_path(config_dir)
        self.sessions: list[MeetingSession] = []
        self._live_locks: list[object] = []
        self._config_error = ""
        self.open_error = ""
        #: Why changes could not be saved, by meeting id, when quitting (see :meth:`close_sessions`).
        self.unsaved: dict[str, str] = {}
        self._quit_anyway = False
        self._opening = False  # a meeting is being opened by open_meeting
        try:
            self.config = load_config(self.config_file)
        except MeetuiError as error:
            self.config, self._config_error = Config(), str(error)
        self.keymap: dict[str, str] = dict(self.config.keymap)
        for theme in meetui_themes():
            self.register_theme(theme)
        theme = self.config.theme if self.config.theme in self.available_themes else DEFAULT_THEME
        if theme == self.theme:
            # The stylesheet was made before meetui's themes were registered: give it this theme's colours.
            self.stylesheet.set_variables(self.get_css_variables())
        else:
            self.theme = theme
        if opener is None and meeting_id is not None:
            opener = MeetingOpener(store, meeting_id, read_only=read_only)
        self._opener = opener

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        """A notification, always as plain text: meetui writes no markup into them, and many repeat what people
        typed, where "[/]" read as markup would end the app. (Widgets' ``notify`` passes ``markup=True`` here.)"""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    # -- start-up ----------------------------------------------------------------------

    def get_default_screen(self) -> Screen:
        if self.meeting_id is None:
            from .screens.home import HomeScreen

            return HomeScreen(self.store)
        opened = self._opener.result if self._opener is not None else None
        if opened is not None and opened.meeting is not None:
            self._opener = None
            self._keep_lock(opened)
            return self._live_screen(opened.meeting, opened.read_only, opened.notice)
        return OpeningScreen()

    def on_mount(self) -> None:
        self.set_keymap(self.keymap)
        if self._config_error:
            self.notify(self._config_error, severity="warning", timeout=8)
        if self._opener is not None:
            opener, self._opener = self._opener, None  # the lock must not outlive close_sessions in a reference here
            opener.when_done(lambda opened: self.post_message(self._message_of(opened)))
        self.call_after_refresh(startup.resume)  # the command line paused the collector to start faster

    def watch_theme(self, theme: str) -> None:
        """Remember the chosen theme in the user's config (only when the user changed it)."""
        if not self.is_running or theme == self.config.theme:
            return
        self.config.theme = theme
        self._save_config()

    @work(thread=True, exclusive=True, group="config", exit_on_error=False)
    def _save_config(self) -> None:
        try:
            save_config(self.config_file, self.config)
        except OSError as error:
            self.call_from_thread(self.notify, f"could not remember the theme: {error}", severity="warning")

    # -- opening a meeting ----------------------------------------------------------------

    def open_meeting(self, meeting_id: str, *, read_only: bool = False) -> None:
        """Load a meeting in a worker and show it live (read-only if another process runs it).

        A second request while one is loading is ignored: a thread worker
        cannot be cancelled, and both would open, the second one read-only
        against this very process's writer lock.
        """
        if self._opening:
            return
        self._opening = True
        self._load_meeting(meeting_id, read_only)

    @work(thread=True, exclusive=True, group="open", exit_on_error=False)
    def _load_meeting(self, meeting_id: str, read_only: bool) -> None:
        self.post_message(self._message_of(open_meeting(self.store, meeting_id, read_only)))

    def _keep_lock(self, opened: Opening) -> None:
        """Hold the writer lock a meeting was opened with, to release it on quitting."""
        if opened.lock is not None:
            self._live_locks.append(opened.lock)

    def _message_of(self, opened: Opening) -> Message:
        """The message saying how opening went (a claimed lock is kept from here on)."""
        if opened.meeting is None:
            return self.OpenFailed(opened.error)  # type: ignore[arg-type]
        self._keep_lock(opened)
        return self.Opened(opened.meeting, opened.read_only, opened.notice)

    def _live_screen(self, meeting: Meeting, read_only: bool, notice: str) -> Screen:
        from .screens.live import LiveScreen

        session = MeetingSession(self.store, meeting, self.clock, ids=self.ids, read_only=read_only)
        self.sessions.append(session)
        return LiveScreen(session, notice=notice)

    def on_meetui_app_opened(self, message: Opened) -> None:
        self._opening = False
        self.push_screen(self._live_screen(message.meeting, message.read_only, message.notice))

    def on_meetui_app_open_failed(self, message: OpenFailed) -> None:
        self._opening = False
        if isinstance(self.screen, OpeningScreen):
            self.open_error = str(message.error)
            self.exit(return_code=1)
        else:
            self.notify(str(message.error), severity="error")

    # -- help and quitting ----------------------------------------------------------------

    def action_help(self) -> None:
        """Help for the focused pane (or the screen), then the keys of this screen and the app."""
        from .screens.help import HelpScreen

        screen = self.screen
        sections = []
        node = screen.focused
        while node is not None and not getattr(node, "HELP", ""):
            node = node.parent
        text = getattr(node, "HELP", "") or getattr(screen, "HELP", "")
        if text:
            sections.append(text)
        commands = getattr(screen, "KEY_COMMANDS", ())
        if commands:
            from .keys import command_state

            available = {c.id: bool(command_state(screen, c)) for c in commands}
            sections.append("## Keys\n" + key_table(self, commands, available))
        sections.append("## Everywhere\n" + key_table(self, APP_COMMANDS)
                        + "\n| `ctrl+p` | The command palette: every command, and the themes. |")
        self.push_screen(HelpScreen("\n\n".join(sections)))

    def close_sessions(self) -> None:
        """Flush every open meeting to disk and release the writer locks.

        Changes not on disk (refused by the disk, or still being written
        when the wait ran out) are listed in :attr:`unsaved`, which the
        command line prints once the screen is gone.
        """
        for session in self.sessions:
            if not session.close() and session.meeting.id not in self.unsaved:
                why = session.last_error or "the disk had not finished writing them"
                self.unsaved[session.meeting.id] = (f"{session.pending} change(s) to meeting {session.meeting.id} "
                                                    f"could not be saved: {why}")
        if any(session.writing for session in self.sessions):
            return  # no other process may take a meeting over mid-write: the locks go when this process ends
        for lock in self._live_locks:
            lock.release()  # type: ignore[attr-defined]
        self._live_locks.clear()

    async def action_quit(self) -> None:
        """Quit once everything is on disk; with changes the disk refuses, only when asked a second time."""
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
        self.notify(f"{session.pending} change(s) are not on disk: {session.last_error}. meetui keeps trying to "
                    f"save them. Press {key} again to quit without them.", title="Not saved", severity="error",
                    timeout=QUIT_AGAIN_SECONDS)

    def _disarm_quit(self) -> None:
        self._quit_anyway = False
