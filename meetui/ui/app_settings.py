"""The app's first layer: the user's config file, meetui's themes, the chosen theme and keymap.

:class:`SettingsApp` reads the config once as the app is made (a file that
cannot be read is reported once the app runs and otherwise ignored: the
defaults apply), registers meetui's themes, applies the chosen one, and saves
the theme again, in a worker, whenever the user picks another one from the
command palette.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual import work
from textual.app import App
from textual.reactive import Reactive

from ..core.errors import MeetuiError
from .config import DEFAULT_THEME, Config, config_path, load_config, save_config
from .themes import meetui_themes


class SettingsApp(App[int]):
    """An app with meetui's themes and the user's config (``config_dir`` overrides where it is read)."""

    #: meetui's default theme from the start: choosing it in ``__init__`` would be a theme change, which parses
    #: every stylesheet a second time (with the new colours) before the first frame.
    theme: Reactive[str] = Reactive(DEFAULT_THEME)

    def __init__(self, *, config_dir: Path | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.config_file = config_path(config_dir)
        self._config_error = ""
        try:
            self.config = load_config(self.config_file)
        except MeetuiError as error:
            self.config, self._config_error = Config(), str(error)
        self.keymap: dict[str, str] = dict(self.config.keymap)
        for shipped in meetui_themes():
            self.register_theme(shipped)
        theme = self.config.theme if self.config.theme in self.available_themes else DEFAULT_THEME
        if theme == self.theme:
            # The stylesheet was made before meetui's themes were registered: give it this theme's colours.
            self.stylesheet.set_variables(self.get_css_variables())
        else:
            self.theme = theme

    def on_mount(self) -> None:
        self.set_keymap(self.keymap)
        if self._config_error:
            self.notify(self._config_error, severity="warning", timeout=8)

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
        except (OSError, MeetuiError) as error:
            self.call_from_thread(self.notify, f"could not remember the theme: {error}", severity="warning")
