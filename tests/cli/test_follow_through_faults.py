"""Following items through from the shell the way a new user does: past due dates refused as on the screen,
a progress note alone, Chinese status names, usage errors that exit 2, unreadable files named, plain wording,
and one rule for ``-o``'s format. Today is 2026-11-20 (the frozen clock)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from meetui.core.clock import FrozenClock
from meetui.core.meeting import LiveMeeting
from meetui.core.models import UNASSIGNED
from meetui.store import Store

from .conftest import Runner, seed

PEOPLE = [{"name": "王芳", "department": "产品部"}, {"name": "李娜", "department": "研发部"}]


@pytest.fixture
def item(data_dir: Path, clock: FrozenClock) -> str:
    """One meeting with one open action item of 李娜 due 2026-12-20; returns the item's id."""
    made: list[str] = []

    def build(live: LiveMeeting) -> None:
        made.append(live.add_action("整理需求清单", "李娜", due="12-20").records[0].id)

    seed(
        data_dir,
        clock,
        "需求对接会",
        meeting_id="q1review",
        attendees=PEOPLE,
        build=build,
        host="王芳",
        scheduled_start="2026-11-24T10:00+08:00",
    )
    return made[0]


def stored(data_dir: Path, action_id: str):  # noqa: ANN201
    return Store(data_dir).load("q1review").action(action_id)


# -- 1. a due date in the past -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [["--due", "2026-01-01"], ["--due", "昨天"], ["--status", "delayed", "--note", "法务审核", "--due", "yesterday"]],
)
def test_a_past_due_date_is_refused_in_one_line_saying_how_to_confirm(
    cli: Runner, data_dir: Path, item: str, args: list[str]
) -> None:
    line = cli("action", item, *args).refused()
    assert "has passed" in line and "--past-ok" in line
    assert stored(data_dir, item).due.isoformat() == "2026-12-20"  # unchanged


def test_past_ok_records_a_past_due_date_and_goes_only_with_due(cli: Runner, data_dir: Path, item: str) -> None:
    assert cli("action", item, "--due", "2026-11-01", "--past-ok", "--note", "按会上约定").code == 0
    assert stored(data_dir, item).due.isoformat() == "2026-11-01"
    alone = cli("action", item, "--status", "in-progress", "--past-ok")
    assert alone.code == 2 and "--past-ok goes with --due" in alone.err


# -- 2. a progress note alone ------------------------------------------------------------------------------


def test_a_note_alone_logs_progress_and_changes_nothing_else(cli: Runner, data_dir: Path, item: str) -> None:
    before = stored(data_dir, item)
    result = cli("action", item, "--note", "完成一半", "--by", "李娜")
    assert result.code == 0, result.err
    assert "progress noted" in result.err
    after = stored(data_dir, item)
    assert after.progress[-1].note == "完成一半" and after.progress[-1].by == "李娜"
    assert after.progress[-1].status == before.status
    assert len(after.progress) == len(before.progress) + 1
    assert (after.status, after.due, after.owner, after.task) == (before.status, before.due, before.owner, before.task)
    assert "--note" in cli("action", item, "--note", "  ").misused()  # a blank note is no update


# -- 3. Chinese status names -------------------------------------------------------------------------------


def test_chinese_status_names_are_accepted_wherever_a_status_is_typed(cli: Runner, data_dir: Path, item: str) -> None:
    assert cli("action", item, "--status", "进行中").code == 0
    assert stored(data_dir, item).status.value == "in-progress"
    listed = json.loads(cli("actions", "--status", "进行中", "--format", "json").out)
    assert [a["id"] for a in listed] == [item]
    assert json.loads(cli("actions", "--status", "未开始", "--format", "json").out) == []
    assert cli("action", item, "--status", "受阻", "--note", "等待财务审批").code == 0
    assert stored(data_dir, item).status.value == "blocked"
    wrong = cli("action", item, "--status", "完成了")
    assert wrong.code == 2 and "invalid choice" in wrong.err


def test_the_chinese_names_are_the_ones_the_minutes_use() -> None:
    from meetui.cli.actions_cmd import CHINESE_STATUSES, STATUSES
    from meetui.core.models import ActionStatus
    from meetui.export.labels import Labels

    assert sorted(CHINESE_STATUSES.values()) == sorted(STATUSES)
    for chinese, status in CHINESE_STATUSES.items():
        assert Labels("zh").enum(ActionStatus(status)) == chinese


# -- 4. wrong usage exits 2 --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["actions", "--due-within", "-1"],
        ["actions", "--due-within", "99999999"],
        ["actions", "--format", "table", "--bom"],
        ["stats", "--since", "garbage"],
        ["action", "", "--status", "done"],
        ["action", "q1re", "--status", "完成了"],
        ["notice", "last", "-o", "通知.pdf"],
        ["minutes", "last", "-o", "纪要.pdf"],
        ["import", "x.log", "--format", "meetbot", "--date", "上周"],
        ["import", "x.log", "--format", "meetbot", "--date", "2026-13-01"],
        ["edit", "last"],
        ["topic", "move", "last", "发布日期", "第二"],
    ],
)
def test_wrong_usage_exits_2_with_one_line(
    cli: Runner, item: str, args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    here = tmp_path / "cwd"
    here.mkdir()
    monkeypatch.chdir(here)  # a file a faulty command would write lands here, not in the checkout
    result = cli(*args)
    assert result.code == 2, result
    assert "Traceback" not in result.err
    assert result.err_lines[-1].startswith("meetui: "), result.err
    assert result.out == "" and list(here.iterdir()) == []


def test_due_within_still_exits_1_when_items_match(cli: Runner, item: str) -> None:
    assert cli("actions", "--due-within", "30").code == 1
    assert cli("actions", "--due-within", "0").code == 0


# -- 5. unreadable meeting files are named ------------------------------------------------------------------


def newer_schema(path: Path) -> None:
    data = json.loads(path.read_bytes())
    data["_meta"]["1"]["schema"] = 99
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def test_an_item_in_an_unreadable_meeting_file_names_the_file(cli: Runner, data_dir: Path, item: str) -> None:
    path = Store(data_dir).meeting_path("q1review")
    newer_schema(path)
    line = cli("action", item, "--status", "done").refused()
    assert str(path) in line and "schema 99" in line


def test_show_last_names_the_unreadable_newest_meeting_it_skipped(
    cli: Runner, data_dir: Path, clock: FrozenClock, item: str
) -> None:
    clock.advance(minutes=5)
    seed(data_dir, clock, "最新的周会", meeting_id="newest01", attendees=PEOPLE)
    path = Store(data_dir).meeting_path("newest01")
    path.write_text("hello", encoding="utf-8")
    shown = cli("show", "last")
    assert shown.code == 0 and "需求对接会" in shown.out
    assert len(shown.err_lines) == 1 and str(path) in shown.err and "`last` is q1review" in shown.err
    assert cli("show", "q1review").err == ""  # an id names its meeting: nothing was passed over


# -- 6. one mention of the file -----------------------------------------------------------------------------


@pytest.mark.parametrize("command", [["list"], ["actions"], ["remind"], ["stats"]])
def test_a_skipped_file_is_named_once(cli: Runner, data_dir: Path, item: str, command: list[str]) -> None:
    broken = Store(data_dir).meeting_path("q1review").parent / "x.json"
    broken.write_text("损坏", encoding="utf-8")
    warnings = [line for line in cli(*command).err_lines if line.startswith("warning: skipped")]
    assert len(warnings) == 1 and warnings[0].count(str(broken)) == 1
    assert warnings[0].count("not a readable meetui file") == 1


def test_an_error_naming_the_file_already_is_not_wrapped_again(tmp_path: Path) -> None:
    from meetui.store.files import unreadable_file

    path = tmp_path / "会议.json"
    deeper = f"{path}: not a readable meetui file (corrupt or truncated)"
    assert str(unreadable_file(path, ValueError(deeper))) == deeper
    assert str(unreadable_file(path, ValueError("actions.1.owner: 不能为空"))) == (
        f"{path}: not a readable meetui file (actions.1.owner: 不能为空)"
    )


def test_index_entries_that_fail_name_the_file_once(data_dir: Path, item: str, monkeypatch) -> None:
    from meetui.store import files, index

    store = Store(data_dir)
    path = store.meeting_path("q1review")

    def deeper_failure(data):  # noqa: ANN001, ANN202 - an entry whose check names the file itself
        raise files.StoreError(f"{path}: not a readable meetui file (corrupt or truncated)")

    monkeypatch.setattr(index, "entry_of", deeper_failure)
    path.write_bytes(path.read_bytes() + b"\n")  # the entry is stale: it is rebuilt from the file
    store.summaries()
    assert store.unreadable == [f"{path}: not a readable meetui file (corrupt or truncated)"]


# -- 7. wording --------------------------------------------------------------------------------------------


def test_no_negative_zero_and_one_meeting_held(cli: Runner, data_dir: Path, clock: FrozenClock) -> None:
    def held_a_little_short(live: LiveMeeting) -> None:
        live.start()
        clock.advance(seconds=59)
        live.end()

    seed(data_dir, clock, "站会", meeting_id="standup1", attendees=PEOPLE, build=held_a_little_short, planned_minutes=1)
    figures = json.loads(cli("stats", "--format", "json").out)
    assert figures["meetings_held"] == 1
    assert json.dumps(figures["average_overrun_minutes"]) == "0.0"
    assert all(json.dumps(m["overrun_minutes"]) == "0.0" for m in figures["meetings"])
    first = cli("stats").out.splitlines()[0]
    assert first == "1 meeting held; on time on average"


def test_an_item_without_owner_shows_as_unassigned(cli: Runner, data_dir: Path, clock: FrozenClock) -> None:
    seed(
        data_dir,
        clock,
        "导入的会",
        meeting_id="imported",
        attendees=PEOPLE,
        build=lambda live: live.add_action("确认会议室", UNASSIGNED, due="+1d"),
    )
    listed = cli("actions")
    assert "unassigned" in listed.out and UNASSIGNED not in listed.out
    shown = cli("show", "imported")
    assert "unassigned" in shown.out and UNASSIGNED not in shown.out
    reminded = cli("remind")
    assert "unassigned:" in reminded.out and UNASSIGNED not in reminded.out
    assert json.loads(cli("actions", "--format", "json").out)[0]["owner"] == UNASSIGNED  # the data as stored


# -- 8. one rule for -o's format ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["通知.pdf", "通知.html", "通知.docx"])
def test_the_notice_refuses_an_extension_naming_none_of_its_formats(
    cli: Runner, item: str, tmp_path: Path, name: str
) -> None:
    result = cli("notice", "last", "-o", str(tmp_path / name))
    assert result.code == 2 and len(result.err_lines) == 1 and "cannot tell the format" in result.err
    assert not (tmp_path / name).exists()


@pytest.mark.parametrize(("name", "start"), [("通知.md", "#"), ("通知.ics", "BEGIN:VCALENDAR"), ("通知", "#")])
def test_the_notice_follows_the_extension(cli: Runner, item: str, tmp_path: Path, name: str, start: str) -> None:
    assert cli("notice", "last", "-o", str(tmp_path / name)).code == 0
    assert (tmp_path / name).read_text(encoding="utf-8").startswith(start)
    contradiction = cli("notice", "last", "--format", "txt", "-o", str(tmp_path / "通知.ics"))
    assert contradiction.code == 2 and "contradicts" in contradiction.err


@pytest.mark.parametrize("command", ["run", "follow", "plan"])
def test_the_screens_show_the_last_warning_the_terminal_would_hide(
    cli: Runner, data_dir: Path, clock: FrozenClock, item: str, command: str, monkeypatch
) -> None:
    """``meetui run last`` printed its warning and then the full-screen UI took the terminal: the warning is handed
    to the screen too, which shows it as a notification."""
    import meetui.cli.ui_cmd
    import meetui.ui.launch

    clock.advance(minutes=5)
    seed(data_dir, clock, "最新的周会", meeting_id="newest01", attendees=PEOPLE)
    path = Store(data_dir).meeting_path("newest01")
    path.write_text("hello", encoding="utf-8")
    launched: list[tuple[str | None, str]] = []
    monkeypatch.setattr(meetui.cli.ui_cmd, "require_terminal", lambda: None)
    monkeypatch.setattr(
        meetui.ui.launch,
        "launch",
        lambda store, meeting_id, **options: launched.append((meeting_id, options["notice"])),
    )
    result = cli(command, "last")
    [(meeting_id, notice)] = launched
    assert meeting_id == "q1review" and str(path) in notice and "`last` is q1review" in notice
    assert notice in result.err  # and still printed, for after the screen has closed
    launched.clear()
    cli(command, "q1review")
    assert launched == [("q1review", "")]


async def test_the_app_shows_the_notice_it_was_given(tmp_path: Path, clock: FrozenClock) -> None:
    from meetui.importers.demo import demo_meeting
    from meetui.ui.app import MeetuiApp

    store = Store(tmp_path / "数据")
    meeting = demo_meeting(clock)
    store.create(meeting)
    app = MeetuiApp(store, meeting.id, clock=clock, config_dir=tmp_path / "config", notice="warning: 跳过了损坏的文件")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert [n.message for n in app._notifications if n.severity == "warning"] == ["warning: 跳过了损坏的文件"]  # noqa: SLF001


def test_a_meeting_that_ended_early_is_under_time_never_a_negative_overrun(
    cli: Runner, data_dir: Path, clock: FrozenClock
) -> None:
    def ended_early(live: LiveMeeting) -> None:
        live.start()
        clock.advance(minutes=24.8)
        live.end()

    seed(data_dir, clock, "季度复盘", meeting_id="review01", attendees=PEOPLE, build=ended_early, planned_minutes=90)
    out = cli("stats").out
    assert out.splitlines()[0] == "1 meeting held; under by 65.2 min on average"
    row = next(line for line in out.splitlines() if "季度复盘" in line)
    assert row.split()[2:] == ["90", "25", "under", "by", "65.2", "min"]
    assert "-65" not in out and "overrun -" not in out
