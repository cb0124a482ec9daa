"""``meetui import LOG --format meetbot`` from the shell, and the README's MeetBot section run as written."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meetui.core.clock import FrozenClock
from meetui.core.commands import COMMANDS_HELP
from meetui.core.dates import DATE_PHRASES
from meetui.store import Store

from .conftest import REPO, Result, Runner, seed

README = REPO / "README.md"
EXAMPLE = REPO / "data" / "meetbot" / "launch.2026-11-20-09.30.log.txt"


def section(title: str) -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index(title)
    level = len(title) - len(title.lstrip("#"))
    following = re.search(rf"^#{{1,{level}}} ", text[start + len(title) :], re.MULTILINE)
    return text[start : start + len(title) + following.start()] if following else text[start:]


def run_as_the_shell_does(cli: Runner, lines: list[str]) -> tuple[list[list[str]], list[Result]]:
    """Run README lines as a shell would: ``NAME=$(meetui …)`` keeps the output (its final newline dropped) for
    ``"$NAME"`` in later lines. Returns each line's words (after substitution) and what each run produced."""
    bound: dict[str, str] = {}
    commands, results = [], []
    for line in lines:
        assigned = re.fullmatch(r"(\w+)=\$\((.*)\)", line.strip())
        words = [
            re.sub(r"\$(\w+)", lambda name: bound[name.group(1)], word)
            for word in shlex.split(assigned.group(2) if assigned else line)
        ]
        assert words[0] == "meetui", line
        result = cli(*words[1:])
        if assigned:
            bound[assigned.group(1)] = result.out.rstrip("\n")
        commands.append(words)
        results.append(result)
    return commands, results


def test_the_readme_examples_run_as_written(cli: Runner, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    # a meeting created after the one in the log was held: `last` is this one, not the import
    seed(data_dir, FrozenClock("2026-11-20T11:00:00+08:00", tz="Asia/Shanghai"), "后来建的周会", meeting_id="later1")
    block = re.search(r"```sh\n(.*?)```", section("### Importing a MeetBot log"), re.DOTALL)
    assert block is not None
    commands, results = run_as_the_shell_does(cli, [line for line in block.group(1).splitlines() if line.strip()])
    assert [c[:2] for c in commands] == [
        ["meetui", "import"],
        ["meetui", "show"],
        ["meetui", "actions"],
        ["meetui", "new"],
    ]
    assert [r.code for r in results] == [0, 0, 0, 0], [r.err for r in results]
    assert cli("show", "last").out.splitlines()[0] != results[1].out.splitlines()[0]  # `last` is not the import
    imported = Store(data_dir).load(results[0].out.strip())
    assert imported.title == "Q3 launch sync / Q3 发布同步会"
    assert [(a.name, a.lines_said) for a in imported.attendees] == [
        ("alice", 8),
        ("bob", 5),
        ("李娜", 6),
        ("ops_kim", 1),
        ("relaybot", 1),
    ]
    assert [(a.owner, a.co_owners, a.task) for a in imported.actions] == [
        ("bob", ["李娜"], "load-test the SDK on staging"),
        ("ops_kim", [], "book the on-call rota"),
        ("李娜", [], "整理渠道名单"),
    ]
    assert "Channels / 渠道准备" in results[1].out and "后来建的周会" not in results[1].out
    shown = results[1].out.splitlines()
    header = next(i for i, line in enumerate(shown) if line.startswith("ATTENDEE"))
    assert shown[header].split()[-1] == "LINES"
    assert [(line.split()[0], line.split()[-1]) for line in shown[header + 2 : header + 7]] == [
        ("alice", "8"),
        ("bob", "5"),
        ("李娜", "6"),
        ("ops_kim", "1"),
        ("relaybot", "1"),
    ]
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
    log.write_text(
        "10:00 <alice> #startmeeting 周会\n10:05 <bob> #action bob 写周报\n10:10 <alice> #endmeeting", encoding="utf-8"
    )
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
        ("10:00 <alice> #startmeeting x\n", ["--date", "2026-11-01", "--zone", "Mars/Olympus"], "unknown time zone"),
    ],
)
def test_refusals_are_one_line_naming_the_file(
    cli: Runner, data_dir: Path, tmp_path: Path, content: str, args: list[str], message: str
) -> None:
    log = tmp_path / "log.txt"
    log.write_text(content, encoding="utf-8")
    assert message in cli("import", str(log), *args).refused()
    assert not data_dir.exists() or Store(data_dir).summaries() == []


def test_the_example_log_is_detected() -> None:
    from meetui.importers.meetbot import looks_like_meetbot

    assert looks_like_meetbot(EXAMPLE.read_text(encoding="utf-8"))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.one_of(
            st.sampled_from(
                [
                    "10:00 <alice> #startmeeting 会",
                    "10:01 <bob> #action bob 修 by fri",
                    "10:02 <alice> #topic 议题",
                    "10:03 <alice> #undo",
                    "10:04 * bob waves",
                    "10:05 <alice> #endmeeting",
                    "\ufeff",
                    "\r",
                ]
            ),
            st.text(max_size=30),
        ),
        max_size=12,
    ),
    st.sampled_from([["--format", "meetbot"], [], ["--date", "2026-11-19"]]),
)
def test_any_file_is_imported_or_refused_in_one_line(
    cli: Runner, tmp_path: Path, lines: list[str], args: list[str]
) -> None:
    log = tmp_path / "random.2026-11-20.log"
    log.write_bytes("\n".join(lines).encode("utf-8", "surrogatepass"))
    result = cli("import", str(log), *args)
    if result.code != 0:
        assert result.refused()


def test_the_shipped_log_decides_its_launch_date(cli: Runner, data_dir: Path) -> None:
    meeting_id = cli("import", str(EXAMPLE), "--zone", "Asia/Shanghai").out.strip()
    figures = json.loads(cli("stats", "--format", "json").out)
    assert [(m["id"], m["decided"]) for m in figures["meetings"]] == [(meeting_id, 1)]
    minutes = cli("minutes", meeting_id, "--lang", "zh").out
    decision = (
        "- Launch date / 发布日期 → launch on 12 月 15 日, marketing warm-up a week earlier（alice 锁定，第 1 版）"
    )
    assert decision in minutes
    assert "已决定 1，已推迟 0，已跳过 0，未决 1" in minutes
    assert "未形成决定" not in minutes
    assert "3 项（0 项待负责人确认）" in minutes and "未确认" not in minutes


def test_a_log_without_endmeeting_is_imported_with_one_warning(cli: Runner, data_dir: Path, tmp_path: Path) -> None:
    log = tmp_path / "周会.2026-11-20.log"
    log.write_text(
        "10:00 <alice> #startmeeting 周会\n10:05 <bob> #action bob 写周报\n10:12 <bob> 我先下线了\n", encoding="utf-8"
    )
    result = cli("import", str(log))
    assert result.code == 0, result.err
    warnings = [line for line in result.err_lines if "warning" in line]
    assert warnings == [f"warning: {log}: no #endmeeting: the meeting was ended at its last line (line 3, 10:12:00)"]
    meeting = Store(data_dir).load(result.out.strip())
    assert (meeting.status.value, meeting.ended_at.isoformat()) == ("ended", "2026-11-20T10:12:00+00:00")
    ended = tmp_path / "ended.2026-11-20.log"
    ended.write_text("10:00 <alice> #startmeeting 周会\n10:01 <alice> #endmeeting\n", encoding="utf-8")
    assert "warning" not in cli("import", str(ended)).err
