"""``meetui import LOG --format meetbot`` from the shell, and the README's MeetBot section run as written."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meetui.core.commands import COMMANDS_HELP
from meetui.core.dates import DATE_PHRASES
from meetui.store import Store

from .conftest import REPO, Runner

README = REPO / "README.md"
EXAMPLE = REPO / "data" / "meetbot" / "launch.2026-11-20-09.30.log.txt"


def section(title: str) -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index(title)
    level = len(title) - len(title.lstrip("#"))
    following = re.search(rf"^#{{1,{level}}} ", text[start + len(title):], re.MULTILINE)
    return text[start: start + len(title) + following.start()] if following else text[start:]


def test_the_readme_examples_run_as_written(cli: Runner, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    block = re.search(r"```sh\n(.*?)```", section("### Importing a MeetBot log"), re.DOTALL)
    assert block is not None
    commands = [shlex.split(line) for line in block.group(1).splitlines() if line.strip()]
    assert [c[:2] for c in commands] == [["meetui", "import"], ["meetui", "show"], ["meetui", "actions"],
                                         ["meetui", "new"]]
    results = [cli(*command[1:]) for command in commands]
    assert [r.code for r in results] == [0, 0, 0, 0], [r.err for r in results]
    imported = Store(data_dir).load(results[0].out.strip())
    assert imported.title == "Q3 launch sync / Q3 发布同步会"
    assert [(a.name, a.lines_said) for a in imported.attendees] == [
        ("alice", 8), ("bob", 5), ("李娜", 6), ("ops_kim", 1), ("relaybot", 1)]
    assert [(a.owner, a.co_owners, a.task) for a in imported.actions] == [
        ("bob", ["李娜"], "load-test the SDK on staging"), ("ops_kim", [], "book the on-call rota"),
        ("李娜", [], "整理渠道名单")]
    assert "Channels / 渠道准备" in results[1].out
    shown = results[1].out.splitlines()
    header = next(i for i, line in enumerate(shown) if line.startswith("ATTENDEE"))
    assert shown[header].split()[-1] == "LINES"
    assert [(line.split()[0], line.split()[-1]) for line in shown[header + 2: header + 7]] == [
        ("alice", "8"), ("bob", "5"), ("李娜", "6"), ("ops_kim", "1"), ("relaybot", "1")]
    assert any("bob, 李娜" in line for line in shown)
    rows = results[2].out.splitlines()[2:]
    assert sorted(row.split()[3] for row in rows) == ["co-owner", "owner"]
    created = Store(data_dir).load(results[3].out.strip())
    assert created.scheduled_start.isoformat() == "2026-11-23T10:00:00+08:00"  # Monday of next week


def test_the_readme_lists_every_command_and_date_phrase() -> None:
    text = section("## MeetBot: the note-line language and IRC logs")
    for command, does in COMMANDS_HELP:
        assert f"| `{command}` | {does} |" in text
    for examples, meaning in DATE_PHRASES:
        assert f"| {examples} | {meaning} |" in text


def test_format_is_detected_and_zone_and_date_apply(cli: Runner, data_dir: Path, tmp_path: Path) -> None:
    log = tmp_path / "sync.log"
    log.write_text("10:00 <alice> #startmeeting 周会\n10:05 <bob> #action bob 写周报\n10:10 <alice> #endmeeting",
                   encoding="utf-8")
    result = cli("import", str(log), "--date", "2026-11-19", "--zone", "Europe/Berlin")
    assert result.code == 0, result.err
    meeting = json.loads(cli("show", result.out.strip(), "--json").out)
    assert (meeting["status"], meeting["timezone"]) == ("ended", "Europe/Berlin")
    assert meeting["scheduled_start"] == "2026-11-19T10:00:00+01:00"
    assert meeting["actions"][0]["owner"] == "bob"


@pytest.mark.parametrize(
    ("content", "args", "message"),
    [
        ("10:00 <alice> hello\n10:01 <bob> hi\n", ["--format", "meetbot"], "log.txt: no #startmeeting"),
        ("Meeting notes\nalice said hi\n", ["--format", "meetbot"], "log.txt: not a MeetBot log"),
        ("10:00 <alice> #startmeeting x\n", ["--format", "meetbot"], "log.txt: no date in the log or its file name"),
        ("10:00 <alice> #startmeeting x\n", ["--date", "2026-13-01"], "--date '2026-13-01': use YYYY-MM-DD"),
        ("10:00 <alice> #startmeeting x\n", ["--date", "2026-11-01", "--zone", "Mars/Olympus"], "unknown time zone"),
    ],
)
def test_refusals_are_one_line_naming_the_file(cli: Runner, data_dir: Path, tmp_path: Path, content: str,
                                              args: list[str], message: str) -> None:
    log = tmp_path / "log.txt"
    log.write_text(content, encoding="utf-8")
    assert message in cli("import", str(log), *args).refused()
    assert not data_dir.exists() or Store(data_dir).summaries() == []


def test_the_example_log_is_detected() -> None:
    from meetui.importers.meetbot import looks_like_meetbot

    assert looks_like_meetbot(EXAMPLE.read_text(encoding="utf-8"))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(st.sampled_from(["10:00 <alice> #startmeeting 会", "10:01 <bob> #action bob 修 by fri",
                                           "10:02 <alice> #topic 议题", "10:03 <alice> #undo", "10:04 * bob waves",
                                           "10:05 <alice> #endmeeting", "\ufeff", "\r"]),
                          st.text(max_size=30)), max_size=12),
       st.sampled_from([["--format", "meetbot"], [], ["--date", "2026-11-19"]]))
def test_any_file_is_imported_or_refused_in_one_line(cli: Runner, tmp_path: Path, lines: list[str],
                                                     args: list[str]) -> None:
    log = tmp_path / "random.2026-11-20.log"
    log.write_bytes("\n".join(lines).encode("utf-8", "surrogatepass"))
    result = cli("import", str(log), *args)
    if result.code != 0:
        assert result.refused()
