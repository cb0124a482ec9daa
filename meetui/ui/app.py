"""The meetui Textual app: the home screen, or one meeting live; help; notifications as plain text.

The app is thin and built in layers, each a module a reader can open alone:
:mod:`~meetui.ui.app_settings` (the user's config, themes and keymap) →
:mod:`~meetui.ui.app_sessions` (the meetings open, their writer locks, quitting
once all is on disk) → :mod:`~meetui.ui.app_startup` (the first screen, and
opening a meeting in the background) → :class:`MeetuiApp`. Screens do the
work: :class:`~meetui.ui.screens.home.HomeScreen` lists meetings,
:class:`~meetui.ui.screens.live.LiveScreen` runs one.
"""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.dom import DOMNode
from textual.driver import Driver
from textual.notifications import SeverityLevel

from ..core.clock import Clock, IdSource
from ..resources import themes_dir
from ..store import Store
from .app_sessions import QUIT_AGAIN_SECONDS
from .app_startup import OpeningScreen, StartupApp
from .keys import APP_COMMANDS, bindings, key_table
from .opening import MeetingOpener
from .panes.typeahead import escape_keys
from .terminal_keys import use_escape_then_key_parser
from .themes import APP_STYLESHEET

__all__ = ["QUIT_AGAIN_SECONDS", "MeetuiApp", "OpeningScreen"]


class _BindingsChecked(events.Key):
    """A key whose bindings have been checked (and none acted): handed to the focused widget for its own handling."""


class MeetuiApp(StartupApp):
    """meetui's terminal UI: the home screen, or one meeting live."""

    TITLE = "meetui"
    BINDINGS = bindings(APP_COMMANDS)

    def __init__(
        self,
        store: Store,
        meeting_id: str | None = None,
        *,
        clock: Clock | None = None,
        read_only: bool = False,
        config_dir: Path | None = None,
        ids: IdSource | None = None,
        opener: MeetingOpener | None = None,
        plan: bool = False,
        notice: str = "",
    ) -> None:
        """The home screen (``meeting_id`` None) or that meeting live, read-only if asked or run elsewhere.

        ``opener``: the meeting's opening, already under way (``meetui run`` starts it before importing Textual);
        without one, the app opens ``meeting_id`` itself. ``config_dir``: where ``config.toml`` is read
        (default: ``$MEETUI_CONFIG``, else the user config folder). ``plan``: show the meeting's plan screen.
        ``notice``: a warning to show once the screen is up (one the command line printed before it).
        """
        super().__init__(
            store,
            meeting_id,
            clock=clock,
            read_only=read_only,
            ids=ids,
            opener=opener,
            config_dir=config_dir,
            css_path=[themes_dir() / APP_STYLESHEET],
            plan=plan,
        )
        self.notice = notice

    def get_driver_class(self) -> type[Driver]:
        """Textual's driver for this terminal, reading escape and a key that arrive together as escape then the key
        (see :mod:`~meetui.ui.terminal_keys`)."""
        driver_class = super().get_driver_class()
        use_escape_then_key_parser(driver_class)
        return driver_class

    def action_command_palette(self) -> None:
        """Textual's command palette, its field taking keys in the order typed (:mod:`.palette`)."""
        from .palette import InOrderCommandPalette

        if self.use_command_palette and not InOrderCommandPalette.is_open(self):  # type: ignore[arg-type]  # App[object]
            self.push_screen(InOrderCommandPalette(id="--command-palette"))

    def on_ready(self) -> None:
        if self.notice:  # printed before the screen took the terminal, where it cannot be seen now
            self.notify(self.notice, title="Warning", severity="warning", timeout=15)

    async def on_event(self, event: events.Event) -> None:
        """A terminal sends escape as ESC, and ESC and a key typed right behind it are read as one event
        (:class:`~meetui.ui.terminal_keys.EscapeThen` from meetui's parser, alt+key from Textual's): it is taken
        here, before anything else sees it, as escape and then the key, in that order, before the keys typed after
        it (handled later, by a screen or a field, the keys behind it overtook the key)."""
        keys = escape_keys(event) if isinstance(event, events.Key) and not event.is_forwarded else []
        if len(keys) != 2:
            await super().on_event(event)
            return
        escape, key = keys
        # escape's bindings now (a field left, a dialog closed), so that the key acts where escape sent it
        if not await self._check_bindings("escape", priority=True) and not await self._check_bindings("escape"):
            await super().on_event(_BindingsChecked(escape.key, escape.character))  # to the focused widget only
        await super().on_event(key)

    async def _on_key(self, event: events.Key) -> None:
        # Textual's App._on_key, run after this, checks the bindings of a key that bubbles up to the app. Those of
        # an escape split from a key were checked when it was read: by now the key may have opened a screen the
        # escape would close (presentation mode, a dialog).
        if isinstance(event, _BindingsChecked):
            event.prevent_default()

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """A notification, always as plain text: meetui writes no markup into them, and many repeat what people
        typed, where "[/]" read as markup would end the app. (Widgets' ``notify`` passes ``markup=True`` here.)"""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def action_help(self) -> None:
        """Help for the focused pane (or the screen), then the keys of this screen and the app."""
        from .screens.help import HelpScreen

        screen = self.screen
        sections = []
        node: DOMNode | None = screen.focused
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
        sections.append(
            "## Everywhere\n"
            + key_table(self, APP_COMMANDS)
            + "\n| `ctrl+p` | The command palette: every command, and the themes. |"
        )
        self.push_screen(HelpScreen("\n\n".join(sections)))
