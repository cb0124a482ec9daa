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
    probe = ("import sys; from meetui.cli.main import main; code = main(['minutes', 'last', '--format', 'html', "
             f"'--lang', 'zh', '--data', {str(folder)!r}]); "
             "sys.stderr.write('TEXTUAL' if any(m == 'textual' or m.startswith('textual.') for m in sys.modules) "
             "else 'CLEAN'); sys.exit(code)")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stderr.endswith("CLEAN")
    assert "<table" in result.stdout and "会议基本信息" in result.stdout
