"""The minutes dialog, driven with Pilot in a tiny harness app (not the main app)."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from textual.app import App
from textual.widgets import Input, Markdown, Select, Static

from meetui.export import build_minutes, render
from meetui.resources import themes_dir
from meetui.ui.config import Config, load_config
from meetui.ui.dialogs.minutes import MinutesDialog

from .scenario import run_demo_meeting


class Harness(App[None]):
    """Pushes the dialog on start; records what would go to the clipboard; has a config like the real app."""

    CSS_PATH = [themes_dir() / "minutes.tcss"]

    def __init__(self, dialog: MinutesDialog, config_file: Path | None = None) -> None:
        super().__init__()
        self.dialog = dialog
        self.copied: list[str] = []
        self.config_file = config_file
        self.config = load_config(config_file) if config_file else Config()

    def on_mount(self) -> None:
        self.push_screen(self.dialog)

    def copy_to_clipboard(self, text: str) -> None:
        self.copied.append(text)
        super().copy_to_clipboard(text)


@pytest.fixture
def ended():
    return run_demo_meeting()


async def _settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_preview_shows_the_markdown_minutes(ended) -> None:
    meeting, clock = ended
    app = Harness(MinutesDialog(meeting, clock, lang="zh"))
    async with app.run_test(size=(100, 40)) as pilot:
        await _settle(pilot)
        markdown = app.screen.query_one("#minutes-markdown", Markdown)
        assert markdown.source == render(build_minutes(meeting, clock.now()), "md", "zh")
        assert "会议基本信息" in markdown.source


async def test_w_writes_the_chosen_format_and_shows_the_path(ended, tmp_path) -> None:
    meeting, clock = ended
    app = Harness(MinutesDialog(meeting, clock, folder=tmp_path))
    async with app.run_test(size=(100, 40)) as pilot:
        await _settle(pilot)
        app.screen.query_one("#minutes-format", Select).value = "html"
        app.screen.query_one("#minutes-lang", Select).value = "zh"
        await pilot.pause()
        await pilot.press("w")
        await _settle(pilot)
        expected = tmp_path / "2026-11-20-q3-q3-launch-coordination-minutes.html"
        assert expected.is_file()
        assert expected.read_text(encoding="utf-8") == render(build_minutes(meeting, clock.now()), "html", "zh")
        assert str(expected) in str(app.screen.query_one("#minutes-status", Static).render())
        assert any(str(expected) in str(n.message) for n in app._notifications)


async def test_folder_typed_in_the_form_is_used(ended, tmp_path) -> None:
    meeting, clock = ended
    target = tmp_path / "纪要"
    target.mkdir()
    app = Harness(MinutesDialog(meeting, clock, folder=tmp_path))
    async with app.run_test(size=(100, 40)) as pilot:
        await _settle(pilot)
        folder = app.screen.query_one("#minutes-folder", Input)
        folder.value = str(target)
        folder.focus()
        await pilot.press("enter")
        await _settle(pilot)
        written = sorted(p.name for p in target.iterdir())
        assert written == ["2026-11-20-q3-q3-launch-coordination-minutes.md"]


async def test_a_missing_folder_is_refused_with_a_message(ended, tmp_path) -> None:
    meeting, clock = ended
    app = Harness(MinutesDialog(meeting, clock, folder=tmp_path / "不存在"))
    async with app.run_test(size=(100, 40)) as pilot:
        await _settle(pilot)
        await pilot.press("w")
        await _settle(pilot)
        status = str(app.screen.query_one("#minutes-status", Static).render())
        assert status.startswith("Not written") and "does not exist" in status
        assert not (tmp_path / "不存在").exists()


async def test_c_copies_the_chosen_format_and_language(ended) -> None:
    meeting, clock = ended
    app = Harness(MinutesDialog(meeting, clock))
    async with app.run_test(size=(100, 40)) as pilot:
        await _settle(pilot)
        await pilot.press("l")  # English → 中文
        app.screen.query_one("#minutes-format", Select).value = "txt"
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert app.copied == [render(build_minutes(meeting, clock.now()), "txt", "zh")]
        assert "行动项跟踪表" in app.copied[0]


async def test_l_switches_the_preview_language(ended) -> None:
    meeting, clock = ended
    app = Harness(MinutesDialog(meeting, clock))
    async with app.run_test(size=(100, 40)) as pilot:
        await _settle(pilot)
        markdown = app.screen.query_one("#minutes-markdown", Markdown)
        assert "Action items" in markdown.source
        await pilot.press("l")
        await _settle(pilot)
        assert "行动项跟踪表" in markdown.source and "Action items" not in markdown.source


async def test_a_live_meeting_is_previewed_as_a_draft() -> None:
    meeting, clock = run_demo_meeting(finish=False)
    app = Harness(MinutesDialog(meeting, clock, lang="zh"))
    async with app.run_test(size=(100, 40)) as pilot:
        await _settle(pilot)
        assert "草稿" in app.screen.query_one("#minutes-markdown", Markdown).source
        assert "draft" in str(app.screen.query_one("#minutes-title", Static).render())


async def test_escape_closes(ended) -> None:
    meeting, clock = ended
    app = Harness(MinutesDialog(meeting, clock))
    async with app.run_test(size=(100, 40)) as pilot:
        await _settle(pilot)
        assert isinstance(app.screen, MinutesDialog)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, MinutesDialog)


async def test_w_writes_a_word_file_and_the_folder_is_remembered_in_the_config(ended, tmp_path) -> None:
    meeting, clock = ended
    target = tmp_path / "纪要"
    target.mkdir()
    config_file = tmp_path / "config" / "config.toml"
    app = Harness(MinutesDialog(meeting, clock, lang="zh", fmt="docx"), config_file=config_file)
    async with app.run_test(size=(100, 40)) as pilot:
        await _settle(pilot)
        assert app.screen.query_one("#minutes-folder", Input).value == str(Path.cwd())
        app.screen.query_one("#minutes-folder", Input).value = str(target)
        await pilot.press("w")
        await _settle(pilot)
        written = target / "2026-11-20-q3-q3-launch-coordination-minutes.docx"
        tables = Document(str(written)).tables
        assert any(row.cells[2].text == meeting.actions[0].task for t in tables for row in t.rows if len(row.cells) > 2)
    assert load_config(config_file).minutes_folder == str(target)
    app = Harness(MinutesDialog(meeting, clock), config_file=config_file)
    async with app.run_test(size=(100, 40)) as pilot:
        await _settle(pilot)
        assert app.screen.query_one("#minutes-folder", Input).value == str(target)


async def test_a_draft_is_written_with_a_draft_name(tmp_path) -> None:
    meeting, clock = run_demo_meeting(finish=False)
    app = Harness(MinutesDialog(meeting, clock, folder=tmp_path))
    async with app.run_test(size=(100, 40)) as pilot:
        await _settle(pilot)
        await pilot.press("w")
        await _settle(pilot)
        assert [p.name for p in tmp_path.iterdir()] == ["2026-11-20-q3-q3-launch-coordination-minutes-draft.md"]


async def test_c_refuses_to_copy_a_word_file(ended) -> None:
    meeting, clock = ended
    app = Harness(MinutesDialog(meeting, clock, fmt="docx"))
    async with app.run_test(size=(100, 40)) as pilot:
        await _settle(pilot)
        await pilot.press("c")
        await pilot.pause()
        assert app.copied == []
        assert any("write it with w" in str(n.message) for n in app._notifications)


async def test_inside_tmux_without_set_clipboard_the_copied_message_says_how_to_enable_it(
    ended, tmp_path, monkeypatch
) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "tmux").write_text("#!/bin/sh\necho external\n", encoding="utf-8")
    (bin_dir / "tmux").chmod(0o755)
    monkeypatch.setenv("TMUX", "/tmp/tmux-1000/default,1,0")
    monkeypatch.setenv("PATH", f"{bin_dir}:/usr/bin:/bin")
    meeting, clock = ended
    app = Harness(MinutesDialog(meeting, clock))
    async with app.run_test(size=(100, 40)) as pilot:
        await _settle(pilot)
        await pilot.press("c")
        await pilot.pause()
        assert len(app.copied) == 1
        messages = [str(n.message) for n in app._notifications]
        assert any("tmux may drop" in m and "set -g set-clipboard on" in m for m in messages), messages
