"""``meetui minutes MEETING [--format] [--lang] [-o FILE]`` from the shell."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from meetui.cli.main import main
from meetui.export import build_minutes, render
from meetui.store import Store

from .scenario import run_demo_meeting


@pytest.fixture
def stored(tmp_path: Path):
    meeting, clock = run_demo_meeting()
    folder = tmp_path / "数据"
    Store(folder).create(meeting)
    return folder, meeting


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_markdown_in_english_by_default(stored, capsys) -> None:
    folder, meeting = stored
    code, out, err = run(capsys, "minutes", "last", "--data", str(folder))
    assert code == 0 and err == ""
    assert out.startswith("# Minutes: Q3 产品发布跨部门协调会")
    assert "| 1 | d00028 | 整理发布范围清单并发给各部门 |" in out


@pytest.mark.parametrize("fmt", ["md", "html", "txt", "json"])
def test_every_format_in_chinese_matches_the_renderer(stored, capsys, fmt: str) -> None:
    folder, meeting = stored
    code, out, _ = run(capsys, "minutes", meeting.id[:4], "--format", fmt, "--lang", "zh", "--data", str(folder))
    assert code == 0
    expected = render(build_minutes(meeting, meeting.ended_at), fmt, "zh")
    # Only the "generated at" line depends on the wall clock.
    strip = [line for line in expected.splitlines() if "generated_at" not in line and "meetui 生成于" not in line]
    assert [line for line in out.splitlines() if "generated_at" not in line and "meetui 生成于" not in line] == strip


def test_output_file_is_written_and_reported_on_stderr(stored, capsys, tmp_path: Path) -> None:
    folder, meeting = stored
    target = tmp_path / "纪要.json"
    code, out, err = run(capsys, "minutes", "last", "--format", "json", "-o", str(target), "--data", str(folder))
    assert code == 0 and out == ""
    assert str(target) in err
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["meeting_id"] == meeting.id and data["actions"][3]["status"] == "blocked"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary file left


def test_bad_input_gets_one_line_and_status(stored, capsys, tmp_path: Path) -> None:
    folder, _ = stored
    code, out, err = run(capsys, "minutes", "不存在", "--data", str(folder))
    assert code == 1 and out == "" and len(err.strip().splitlines()) == 1
    code, _, err = run(capsys, "minutes", "last", "-o", str(tmp_path / "没有" / "x.md"), "--data", str(folder))
    assert code == 1 and "does not exist" in err and "Traceback" not in err
    with pytest.raises(SystemExit) as exit_info:
        main(["minutes", "last", "--format", "pdf", "--data", str(folder)])
    assert exit_info.value.code == 2


def test_minutes_never_import_textual(stored) -> None:
    folder, _ = stored
    probe = (
        "import sys; from meetui.cli.main import main; code = main(['minutes', 'last', '--format', 'html', "
        f"'--lang', 'zh', '--data', {str(folder)!r}]); "
        "sys.stderr.write('TEXTUAL' if any(m == 'textual' or m.startswith('textual.') for m in sys.modules) "
        "else 'CLEAN'); sys.exit(code)"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stderr.endswith("CLEAN")
    assert "<table" in result.stdout and "会议基本信息" in result.stdout


# -- the format follows -o, --private, Word, the clipboard ------------------------------------------


@pytest.mark.parametrize(
    ("name", "marker"),
    [
        ("纪要.html", "<!DOCTYPE html>"),
        ("纪要.TXT", "=========="),
        ("纪要.json", '"schema": "meetui-minutes/2"'),
        ("纪要.markdown", "# 会议纪要"),
    ],
)
def test_the_format_follows_the_output_files_extension(stored, capsys, tmp_path: Path, name: str, marker: str) -> None:
    folder, _ = stored
    target = tmp_path / name
    code, out, _ = run(capsys, "minutes", "last", "--lang", "zh", "-o", str(target), "--data", str(folder))
    assert code == 0 and out == ""
    assert marker in target.read_text(encoding="utf-8")


def test_format_names_what_the_extension_does_not_and_an_unknown_extension_is_a_usage_error(
    stored, capsys, tmp_path: Path
) -> None:
    folder, _ = stored
    target = tmp_path / "minutes.notes"
    code, _, _ = run(capsys, "minutes", "last", "--format", "txt", "-o", str(target), "--data", str(folder))
    assert code == 0 and target.read_text(encoding="utf-8").startswith("Minutes: ")
    code, _, err = run(
        capsys, "minutes", "last", "--format", "txt", "-o", str(tmp_path / "minutes.html"), "--data", str(folder)
    )
    assert code == 2 and "contradicts" in err and not (tmp_path / "minutes.html").exists()
    code, _, err = run(capsys, "minutes", "last", "-o", str(tmp_path / "minutes.pdf"), "--data", str(folder))
    assert code == 2 and "--format" in err and len(err.splitlines()) == 1
    assert not (tmp_path / "minutes.pdf").exists()
    code, _, _ = run(capsys, "minutes", "last", "-o", str(tmp_path / "minutes"), "--data", str(folder))
    assert code == 0 and (tmp_path / "minutes").read_text(encoding="utf-8").startswith("# Minutes: ")


def test_docx_is_written_with_o_and_read_back(stored, capsys, tmp_path: Path) -> None:
    from docx import Document

    folder, meeting = stored
    target = tmp_path / "纪要.docx"
    code, out, err = run(capsys, "minutes", "last", "--lang", "zh", "-o", str(target), "--data", str(folder))
    assert code == 0 and out == "" and str(target) in err
    text = "\n".join(cell.text for table in Document(str(target)).tables for row in table.rows for cell in row.cells)
    assert all(action.task in text for action in meeting.actions)


def test_docx_is_not_printed_to_a_terminal(stored, capsys, monkeypatch) -> None:
    folder, _ = stored
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    with pytest.raises(SystemExit) as exit_info:
        main(["minutes", "last", "--format", "docx", "--data", str(folder)])
    assert exit_info.value.code == 2 and "-o FILE" in capsys.readouterr().err


def test_private_notes_only_with_private(stored, capsys) -> None:
    folder, meeting = stored
    private = next(n.text for n in meeting.notes if n.private)
    _, out, _ = run(capsys, "minutes", "last", "--data", str(folder))
    assert private not in out
    code, out, _ = run(capsys, "minutes", "last", "--private", "--lang", "zh", "--data", str(folder))
    assert code == 0 and private in out and "含私密记录" in out


def fake_tmux(tmp_path: Path, value: str) -> str:
    """A ``tmux`` on a PATH of its own that answers ``show-options -gv set-clipboard`` with ``value``."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    script = bin_dir / "tmux"
    script.write_text(f"#!/bin/sh\necho {value}\n", encoding="utf-8")
    script.chmod(0o755)
    return f"{bin_dir}:/usr/bin:/bin"


@pytest.mark.parametrize(("tmux", "advice"), [(None, False), ("external", True), ("off", True), ("on", False)])
def test_send_to_clipboard_writes_osc_52_to_the_terminal(
    stored, capsys, monkeypatch, tmp_path: Path, tmux: str | None, advice: bool
) -> None:
    import base64

    from meetui.export import clipboard

    folder, meeting = stored
    terminal = tmp_path / "tty"
    real = clipboard.send
    monkeypatch.setattr(clipboard, "send", lambda text: real(text, str(terminal)))
    if tmux is None:
        monkeypatch.delenv("TMUX", raising=False)
    else:
        monkeypatch.setenv("TMUX", "/tmp/tmux-1000/default,1,0")
        monkeypatch.setenv("PATH", fake_tmux(tmp_path, tmux))
    code, out, err = run(capsys, "minutes", "last", "--lang", "zh", "--send-to-clipboard", "--data", str(folder))
    assert code == 0 and out == ""
    sequence = terminal.read_text(encoding="ascii")
    assert sequence.startswith("\x1b]52;c;") and sequence.endswith("\x07")
    copied = base64.b64decode(sequence[len("\x1b]52;c;") : -1]).decode("utf-8")
    assert copied.startswith("# 会议纪要") and meeting.actions[0].task in copied
    assert len(err.strip().splitlines()) == 1 and "clipboard" in err
    assert ("tmux set -g set-clipboard on" in err) is advice


def test_without_a_terminal_the_clipboard_copy_is_refused_in_one_line(
    stored, capsys, monkeypatch, tmp_path: Path
) -> None:
    from meetui.export import clipboard

    folder, _ = stored
    real = clipboard.send
    monkeypatch.setattr(clipboard, "send", lambda text: real(text, str(tmp_path / "没有" / "tty")))
    code, out, err = run(capsys, "minutes", "last", "--send-to-clipboard", "--data", str(folder))
    assert code == 1 and out == "" and len(err.strip().splitlines()) == 1 and "no terminal" in err
    with pytest.raises(SystemExit) as exit_info:
        main(["minutes", "last", "--format", "docx", "--send-to-clipboard", "--data", str(folder)])
    assert exit_info.value.code == 2
