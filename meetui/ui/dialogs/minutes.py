"""The minutes preview (``m``): the minutes as Markdown, copied to the clipboard or written to a file.

The minutes are built (:func:`~meetui.export.build_minutes`) on the UI thread,
because the live meeting changes there; that snapshot is plain data, so the
rendering and the file writing then run in a thread worker and never block
the screen. ``c`` copies the chosen format through Textual's
``copy_to_clipboard`` (OSC 52, which also reaches the clipboard over SSH;
inside tmux without ``set-clipboard on`` the message says tmux may drop it
and how to enable it); ``w`` writes ``YYYY-MM-DD-<slug>-minutes[-draft].<ext>``
(:func:`~meetui.export.minutes_filename`) into the chosen folder, shows the
full path written, and remembers the folder in the user's config.
"""

from __future__ import annotations

from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from textual import on, work
from textual.app import ComposeResult
from textual.await_complete import AwaitComplete
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label, Markdown, Select, Static

from ...core.clock import Clock
from ...core.errors import MeetuiError
from ...core.models import Meeting
from ...export import BINARY_FORMATS, FORMATS, LANGS, Minutes, build_minutes, minutes_filename, render, render_bytes
from ...export.clipboard import tmux_advice, tmux_clipboard
from ...export.files import write_bytes
from ..panes.typeahead import InOrderInput
from ..themes import load_stylesheet
from .base import InOrderKeys

FORMAT_LABELS = {
    "md": "Markdown (.md)",
    "html": "HTML (.html)",
    "txt": "Plain text (.txt)",
    "json": "JSON (.json)",
    "docx": "Word (.docx)",
}
LANG_LABELS = {"en": "English", "zh": "中文"}


def preview_parser() -> MarkdownIt:
    """Textual's GFM parser, with the minutes' ``<br>`` line breaks shown as line breaks."""
    parser = MarkdownIt("gfm-like")

    def breaks(state: StateCore) -> None:
        for token in state.tokens:
            for child in token.children or []:
                if child.type == "html_inline" and child.content.strip().lower() in {"<br>", "<br/>", "<br />"}:
                    child.type, child.content = "hardbreak", ""

    parser.core.ruler.push("meetui_breaks", breaks)
    return parser


class MinutesDialog(InOrderKeys, ModalScreen[None]):
    """Preview the minutes; copy them (``c``), write a file (``w``), switch language (``l``)."""

    BINDINGS = [
        Binding("c", "copy", "Copy", id="minutes.copy", tooltip="Copy the minutes in the chosen format"),
        Binding("w", "write", "Write file", id="minutes.write", tooltip="Write the minutes file in the folder"),
        Binding("l", "toggle_lang", "English/中文", id="minutes.lang", tooltip="Switch the language"),
        Binding("escape", "close", "Close", id="minutes.close"),
        Binding("enter", "write_from_folder", "Write file", id="minutes.write-from-folder", show=False),
    ]
    #: Letter keys: while the folder field has focus they type into it.
    LETTER_ACTIONS = frozenset({"copy", "write", "toggle_lang"})
    HELP = """\
## Minutes
The preview shows the minutes as Markdown. Choose the format and the language,
then **c** copies them to the clipboard (over SSH too, in terminals that allow
it; Word files are written, not copied) and **w** writes
`YYYY-MM-DD-<slug>-minutes.<ext>` into the folder, which is remembered for
next time. A meeting that has not ended gives minutes marked as a draft
(`…-minutes-draft.<ext>`).
"""

    def __init__(
        self, meeting: Meeting, clock: Clock, *, folder: Path | str | None = None, lang: str = "en", fmt: str = "md"
    ) -> None:
        super().__init__()
        load_stylesheet(self, "minutes.tcss")
        self.meeting = meeting
        self.clock = clock
        self.folder = Path(folder) if folder is not None else None
        self.lang: str = lang if lang in LANGS else "en"
        self.fmt: str = fmt if fmt in FORMATS else "md"
        #: tmux's set-clipboard advice for the "copied" message, read once in a worker ("" outside tmux).
        self.clipboard_advice = ""

    def _start_folder(self) -> Path:
        """The folder given, else the one remembered in the config, else the current folder."""
        if self.folder is not None:
            return self.folder
        remembered = getattr(getattr(self.app, "config", None), "minutes_folder", "")
        return Path(remembered) if isinstance(remembered, str) and remembered else Path.cwd()

    def compose(self) -> ComposeResult:
        with Vertical(id="minutes-dialog"):
            yield Static(self._title(), id="minutes-title", markup=False)
            with VerticalScroll(id="minutes-preview", can_focus=True):
                yield Markdown(id="minutes-markdown", parser_factory=preview_parser, open_links=False)
            with Horizontal(id="minutes-form"):
                yield Label("Format", classes="minutes-label", markup=False)
                yield Select(
                    [(FORMAT_LABELS[f], f) for f in FORMATS],
                    value=self.fmt,
                    allow_blank=False,
                    id="minutes-format",
                    type_to_search=False,
                )
                yield Label("Language", classes="minutes-label", markup=False)
                yield Select(
                    [(LANG_LABELS[code], code) for code in LANGS],
                    value=self.lang,
                    allow_blank=False,
                    id="minutes-lang",
                    type_to_search=False,
                )
            with Horizontal(id="minutes-folder-row"):
                yield Label("Folder", classes="minutes-label", markup=False)
                yield InOrderInput(
                    str(self._start_folder()), id="minutes-folder", placeholder="folder to write the file in"
                )
                yield Button("Write", id="minutes-write", variant="primary")
            yield Static("", id="minutes-status", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#minutes-preview").focus()
        self.show_preview()
        self.read_tmux_setting()

    @work(thread=True, exclusive=True, group="minutes-tmux", exit_on_error=False)
    def read_tmux_setting(self) -> None:
        """Ask tmux (when inside it) whether it passes clipboard copies on; a subprocess, so not on the UI thread."""
        self.clipboard_advice = tmux_advice(tmux_clipboard())

    def _title(self) -> str:
        draft = "" if self.meeting.status.value == "ended" else "  (draft: the meeting has not ended)"
        return f"Minutes — {self.meeting.title}{draft}"

    def snapshot(self) -> Minutes:
        """The minutes as of now, built on the UI thread where the meeting changes."""
        return build_minutes(self.meeting, self.clock.now())

    # -- preview -------------------------------------------------------------------

    def show_preview(self) -> None:
        self.preview(self.snapshot(), self.lang)

    @work(thread=True, exclusive=True, group="minutes-preview", exit_on_error=False)
    def preview(self, minutes: Minutes, lang: str) -> None:
        """Render the Markdown off the UI thread, then show it."""
        text = render(minutes, "md", lang)
        self.app.call_from_thread(self._set_preview, text)

    def _set_preview(self, text: str) -> AwaitComplete:
        """Replace the preview's Markdown (``call_from_thread`` awaits the update)."""
        return self.query_one("#minutes-markdown", Markdown).update(text)

    # -- choices -------------------------------------------------------------------

    @on(Select.Changed, "#minutes-format")
    def _format_chosen(self, event: Select.Changed) -> None:
        if isinstance(event.value, str):
            self.fmt = event.value

    @on(Select.Changed, "#minutes-lang")
    def _lang_chosen(self, event: Select.Changed) -> None:
        if isinstance(event.value, str) and event.value != self.lang:
            self.lang = event.value
            self.show_preview()

    def action_toggle_lang(self) -> None:
        """Switch between English and Chinese."""
        self.query_one("#minutes-lang", Select).value = "zh" if self.lang == "en" else "en"

    # -- copy ----------------------------------------------------------------------

    def action_copy(self) -> None:
        """Copy the minutes, in the chosen format and language, to the clipboard (Word files are written instead)."""
        if self.fmt in BINARY_FORMATS:
            self.notify(
                f"{FORMAT_LABELS[self.fmt]} is a file, not text: write it with w", title="Minutes", severity="warning"
            )
            return
        text = render(self.snapshot(), self.fmt, self.lang)
        self.app.copy_to_clipboard(text)
        message = f"{FORMAT_LABELS[self.fmt]} minutes copied to the clipboard ({len(text):,} characters)"
        if self.clipboard_advice:
            message += f"; {self.clipboard_advice}"
        self.notify(
            message,
            title="Minutes",
            severity="warning" if self.clipboard_advice else "information",
            timeout=10 if self.clipboard_advice else 5,
        )

    # -- write ---------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        typing = isinstance(self.focused, Input)
        if action in self.LETTER_ACTIONS:
            return not typing
        if action == "write_from_folder":
            return typing
        if action == "close":
            return not self.widget_keeps("escape")
        return super().check_action(action, parameters)

    @on(Button.Pressed, "#minutes-write")
    def _write_requested(self) -> None:
        self.action_write()

    def action_write_from_folder(self) -> None:
        """``enter`` in the folder field writes the file."""
        self.action_write()

    def action_write(self) -> None:
        """Write the minutes file into the chosen folder (in a thread worker)."""
        folder = Path(self.query_one("#minutes-folder", Input).value.strip() or ".").expanduser()
        path = folder / minutes_filename(self.meeting, self.fmt)
        self.query_one("#minutes-status", Static).update(f"Writing {path}…")
        self.write_file(self.snapshot(), self.fmt, self.lang, path)

    @work(thread=True, exclusive=True, group="minutes-write", exit_on_error=False)
    def write_file(self, minutes: Minutes, fmt: str, lang: str, path: Path) -> None:
        """Render and write the file; report the path written (or why not) on the UI thread."""
        try:
            written = write_bytes(path, render_bytes(minutes, fmt, lang))
        except MeetuiError as error:
            self.app.call_from_thread(self._write_failed, str(error))
            return
        self.remember_folder(written.parent)
        self.app.call_from_thread(self._written, written)

    def remember_folder(self, folder: Path) -> None:
        """Keep the folder in the user's config for next time (called in the writing thread; best effort)."""
        config = getattr(self.app, "config", None)
        config_file = getattr(self.app, "config_file", None)
        if config is None or config_file is None or getattr(config, "minutes_folder", None) == str(folder):
            return
        from ..config import save_config

        config.minutes_folder = str(folder)
        try:
            save_config(config_file, config)
        except (OSError, MeetuiError) as error:  # the minutes were written; only the remembered folder is lost
            reason = error.strerror if isinstance(error, OSError) and error.strerror else error
            self.app.call_from_thread(
                self.notify, f"The folder is not remembered: {reason}", title="Minutes", severity="warning"
            )

    def _written(self, path: Path) -> None:
        self.query_one("#minutes-status", Static).update(f"Written: {path}")
        self.notify(str(path), title="Minutes written")

    def _write_failed(self, message: str) -> None:
        self.query_one("#minutes-status", Static).update(f"Not written: {message}")
        self.notify(message, title="Minutes not written", severity="error")

    def action_close(self) -> None:
        self.dismiss(None)
