"""``meetui --version/--help``, ``new``, ``list``, ``show``, ``check``, ``import``, and how MEETING is resolved."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from meetui import __version__
from meetui.core.clock import FrozenClock
from meetui.core.models import Meeting
from meetui.store import Store

from .conftest import REPO, Runner, seed

ZH_AGENDA = REPO / "data" / "agendas" / "requirements-handoff.zh.toml"
EN_AGENDA = REPO / "data" / "agendas" / "launch-review.en.toml"

CLEAN_AGENDA = """\
title = "会员积分需求对接会"
kind = "requirements-handoff"
goal = "会议结束前确认积分规则一期范围与验收标准"
planned_minutes = 60
scheduled_start = 2026-12-01T10:00:00+08:00
timezone = "Asia/Shanghai"
place = "5F 会议室 / https://meet.example.com/points"
host = "王芳"
note_taker = "赵磊"

[[attendees]]
name = "王芳"
department = "产品部"
role = "decision-maker"
attendance = "confirmed"

[[attendees]]
name = "李娜"
department = "研发部"
attendance = "confirmed"

[[attendees]]
name = "赵磊"
department = "产品部"
role = "support"
attendance = "confirmed"

[[topics]]
title = "一期范围"
owner = "李娜"
goal = "确定一期做哪些积分规则"
planned_minutes = 25
expected_output = "范围清单"

[[topics]]
title = "验收标准"
owner = "王芳"
goal = "确定验收口径"
planned_minutes = 20
expected_output = "验收标准表"
"""


def stored(data_dir: Path, meeting_id: str) -> Meeting:
    return Store(data_dir).load(meeting_id)


def test_version(cli: Runner) -> None:
    result = cli("--version")
    assert (result.code, result.out.strip()) == (0, f"meetui {__version__}")


def test_help_lists_every_command(cli: Runner) -> None:
    result = cli("--help")
    assert result.code == 0
    for command in ("new", "list", "show", "check", "import", "actions", "action", "demo", "run", "follow"):
        assert f"    {command}" in result.out
    assert "MEETING is a meeting id, a unique prefix of one, or `last`" in result.out


@pytest.mark.parametrize("command", ["new", "list", "show", "check", "import", "actions", "action", "demo"])
def test_command_help(cli: Runner, command: str) -> None:
    result = cli(command, "--help")
    assert result.code == 0
    assert result.out.startswith(f"usage: meetui {command}")
    assert "--data DIR" in result.out


def test_new_prints_the_id_and_stores_the_meeting(cli: Runner, data_dir: Path) -> None:
    result = cli("new", "周会：发布准备")
    assert result.code == 0
    meeting_id = result.out.strip()
    assert len(result.out.splitlines()) == 1
    assert result.err.startswith("created '周会：发布准备'")
    meeting = stored(data_dir, meeting_id)
    assert (meeting.title, meeting.status.value, meeting.timezone) == ("周会：发布准备", "draft", "Asia/Shanghai")
    assert meeting.created_at.isoformat() == "2026-11-20T09:30:00+08:00"


def test_new_with_agenda_start_minutes_and_kind(cli: Runner, data_dir: Path) -> None:
    result = cli(
        "new",
        "会员积分需求对接会",
        "--agenda",
        str(ZH_AGENDA),
        "--at",
        "2026-12-01 10:00",
        "--minutes",
        "45",
        "--kind",
        "problem-solving",
    )
    assert result.code == 0, result.err
    meeting = stored(data_dir, result.out.strip())
    assert [t.title for t in meeting.agenda] == ["需求背景与目标", "一期范围", "排期与验收"]
    assert [t.owner for t in meeting.agenda] == ["王芳", "李娜", "孙丽"]
    assert meeting.goal == "会议结束前确认积分规则一期范围、研发排期与验收标准"
    assert meeting.scheduled_start.isoformat() == "2026-12-01T10:00:00+08:00"  # local time, with its offset
    assert (meeting.planned_minutes, meeting.kind.value, meeting.status.value) == (45, "problem-solving", "scheduled")


def test_new_at_with_an_offset_keeps_the_instant(cli: Runner, data_dir: Path) -> None:
    result = cli("new", "Beta stage review", "--agenda", str(EN_AGENDA), "--at", "2026-12-01T10:00+01:00")
    meeting = stored(data_dir, result.out.strip())
    assert meeting.scheduled_start.isoformat() == "2026-12-01T09:00:00+00:00"  # in the agenda's zone, London
    assert meeting.kind.value == "stage-review" and len(meeting.topics) == 3


def test_new_follow_up_reviews_the_open_actions_first(cli: Runner, data_dir: Path, clock: FrozenClock) -> None:
    def actions(live) -> None:
        live.add_action("整理需求清单", "李娜", due="fri")
        live.add_action("提交报价单", "陈刚", due="+3d")
        done = live.add_action("订会议室", "赵磊").records[0]
        live.set_action_status(done.id, "done")

    seed(
        data_dir,
        clock,
        "需求对接会（第一次）",
        meeting_id="k7first1",
        build=actions,
        attendees=[{"name": n} for n in ("李娜", "陈刚", "赵磊")],
    )
    result = cli("new", "需求对接会（第二次）", "--follow-up", "k7f", "--agenda", str(ZH_AGENDA))
    assert result.code == 0, result.err
    meeting = stored(data_dir, result.out.strip())
    assert meeting.follow_up_of == "k7first1"
    review = meeting.agenda[0]
    assert review.title == "回顾「需求对接会（第一次）」的未完成行动项"
    assert review.goal.startswith("2 个未完成行动项")
    assert [t.title for t in meeting.agenda[1:]] == ["需求背景与目标", "一期范围", "排期与验收"]


def test_a_carried_item_is_shown_and_counted_in_the_meeting_it_was_first_recorded_in(
    cli: Runner, data_dir: Path, clock: FrozenClock
) -> None:
    seed(
        data_dir,
        clock,
        "需求对接会（第一次）",
        meeting_id="k7first1",
        build=lambda live: (
            live.add_action("整理需求清单", "李娜", due="tomorrow"),
            live.add_action("提交报价单", "陈刚"),
        ),
        attendees=[{"name": n} for n in ("李娜", "陈刚")],
    )
    follow_up = cli("new", "需求对接会（第二次）", "--follow-up", "k7first1").out.strip()
    listing = {m["id"]: m["open_actions"] for m in json.loads(cli("list", "--json").out)}
    assert listing == {"k7first1": 2, follow_up: 0}, "one item, one count: where it was first recorded"
    table = {line.split()[0]: line.split()[4] for line in cli("list").out.splitlines()[2:]}
    assert table == {"k7first1": "2", follow_up: "0"}
    out = cli("actions", "--format", "json").out
    items = json.loads(out) if out.lstrip().startswith("[") else [json.loads(line) for line in out.splitlines()]
    assert sorted((i["task"], i["meeting_id"]) for i in items) == [
        ("提交报价单", "k7first1"),
        ("整理需求清单", "k7first1"),
    ]
    assert "需求对接会（第一次）" in cli("remind").out and "需求对接会（第二次）" not in cli("remind").out


def test_new_refuses_bad_input_in_one_line(cli: Runner, data_dir: Path) -> None:
    assert cli("new", "  ").refused() == "meetui: meeting title: must not be empty"
    assert (
        cli("new", "周会", "--minutes", "-5").refused() == "meetui: meeting planned minutes: must be 0 or more (got -5)"
    )
    assert "cannot read the start time '下周找个时间'" in cli("new", "周会", "--at", "下周找个时间").refused()
    for not_a_moment in ("P1D", "2026-12-01", "10:00"):  # a duration, a bare date, a bare time
        assert f"cannot read the start time '{not_a_moment}'" in cli("new", "周会", "--at", not_a_moment).refused()
    assert "no such agenda file" in cli("new", "周会", "--agenda", str(data_dir / "没有.toml")).refused()
    assert "--follow-up" not in cli("new", "周会", "--follow-up", "last").refused()
    assert not data_dir.exists() or Store(data_dir).summaries() == []


def test_list_is_newest_first_in_aligned_columns(cli: Runner, data_dir: Path, clock: FrozenClock) -> None:
    assert cli("list").out == ""
    seed(data_dir, clock, "产品周会", meeting_id="a1weekly", scheduled_start=clock.now().add(days=1))
    seed(data_dir, clock, "Q3 发布协调会", meeting_id="b2launch", scheduled_start=clock.now().add(days=3))
    result = cli("list")
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0].split() == ["ID", "WHEN", "STATUS", "OPEN", "TITLE"]
    assert lines[2].split() == ["b2launch", "2026-11-23", "09:30", "scheduled", "0", "Q3", "发布协调会"]
    assert lines[3].split() == ["a1weekly", "2026-11-21", "09:30", "scheduled", "0", "产品周会"]
    assert lines[2].index("Q3") == lines[3].index("产品周会")


def test_list_json(cli: Runner, data_dir: Path, clock: FrozenClock) -> None:
    seed(
        data_dir,
        clock,
        "产品周会",
        meeting_id="a1weekly",
        build=lambda live: live.add_action("写周报", "李娜"),
        attendees=[{"name": "李娜"}],
    )
    seed(data_dir, clock, "Q3 发布协调会", meeting_id="b2launch", scheduled_start=clock.now().add(days=3))
    result = cli("list", "--json")
    assert result.code == 0
    listing = json.loads(result.out)
    assert [m["id"] for m in listing] == ["b2launch", "a1weekly"]
    assert listing[1]["title"] == "产品周会" and listing[1]["open_actions"] == 1
    assert listing[0]["scheduled_start"] == "2026-11-23T09:30:00+08:00"


def test_show_and_show_json(cli: Runner, data_dir: Path, clock: FrozenClock) -> None:
    meeting = seed(
        data_dir,
        clock,
        "Q3 发布协调会",
        meeting_id="b2launch",
        host="王芳",
        note_taker="赵磊",
        attendees=[{"name": "王芳", "department": "产品部", "role": "decision-maker"}],
        topics=[{"title": "发布日期", "owner": "王芳", "planned_minutes": 10}],
        build=lambda live: live.add_action("确认发布日期", "王芳", due="2026-12-01"),
    )
    result = cli("show", "b2launch")
    assert result.code == 0
    assert result.out.splitlines()[0] == "Q3 发布协调会  [b2launch]"
    assert "host: 王芳   note-taker: 赵磊" in result.out
    assert "发布日期  王芳" in result.out
    assert "确认发布日期  王芳   2026-12-01  not-started" in result.out
    as_json = cli("show", "b2launch", "--json")
    assert Meeting.model_validate(json.loads(as_json.out)) == stored(data_dir, "b2launch") == meeting


def test_meeting_by_id_prefix_and_last(cli: Runner, data_dir: Path, clock: FrozenClock) -> None:
    seed(data_dir, clock, "产品周会", meeting_id="k7aaaaaa")
    clock.advance(minutes=5)
    seed(data_dir, clock, "研发周会", meeting_id="k7bbbbbb")
    clock.advance(minutes=5)
    seed(data_dir, clock, "销售周会", meeting_id="m3cccccc", scheduled_start=clock.now().subtract(days=30))
    assert cli("show", "k7aaaaaa").out.startswith("产品周会")
    assert cli("show", "k7b").out.startswith("研发周会")
    assert cli("show", "last").out.startswith("销售周会")  # the newest created, whatever its date
    ambiguous = cli("show", "k7").refused()
    assert ambiguous.startswith("meetui: 'k7' matches 2 meetings") and "type more" in ambiguous
    assert cli("show", "zz").refused() == "meetui: no meeting matches 'zz' (see `meetui list`)"


def test_show_in_an_empty_store_says_how_to_start(cli: Runner) -> None:
    assert "create one with `meetui new TITLE`" in cli("show", "last").refused()


def test_data_before_or_after_the_command_and_meetui_data(
    cli: Runner, data_dir: Path, tmp_path: Path, clock: FrozenClock
) -> None:
    elsewhere = tmp_path / "另一个库"
    seed(elsewhere, clock, "项目启动会", meeting_id="p1kickof")
    seed(data_dir, clock, "协作复盘", meeting_id="r1retros")
    assert "项目启动会" in cli("--data", str(elsewhere), "list").out
    assert "项目启动会" in cli("list", "--data", str(elsewhere)).out
    assert "项目启动会" not in cli("list").out and "协作复盘" in cli("list").out  # $MEETUI_DATA
    assert cli("--data", str(elsewhere), "show", "p1").out.startswith("项目启动会")
    assert cli("show", "p1", "--data", str(elsewhere)).out.startswith("项目启动会")
    created = cli("new", "跨部门对齐会", "--data", str(elsewhere)).out.strip()
    assert stored(elsewhere, created).title == "跨部门对齐会"
    assert "跨部门对齐会" not in cli("list").out


def test_default_store_is_the_user_data_dir(cli: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MEETUI_DATA")
    import platformdirs

    created = cli("new", "季度规划会").out.strip()
    assert Store(platformdirs.user_data_path("meetui")).load(created).title == "季度规划会"


def test_check_warns_and_exits_1(cli: Runner) -> None:
    meeting_id = cli("new", "会员积分需求对接会", "--kind", "requirements-handoff").out.strip()
    result = cli("check", meeting_id)
    assert result.code == 1
    lines = result.out.splitlines()
    assert "警告: 没有指定主持人" in lines  # a Chinese meeting's findings are in Chinese, each with its reason
    assert lines[lines.index("警告: 没有指定主持人") + 1] == "  原因: 主持人负责控场，让会议不跑题、不超时"
    assert all(line.startswith(("警告: ", "提示: ", "  原因: ")) for line in lines)
    english = cli("check", meeting_id, "--lang", "en").out.splitlines()
    assert "warning: no host is named" in english and "hint: the meeting has no start time" in english
    findings = json.loads(cli("check", meeting_id, "--json", "--lang", "en").out)
    assert {
        "code": "no-host",
        "level": "warning",
        "field": "host",
        "message": "no host is named",
        "reason": "the host (facilitator) keeps the room on topic and on time",
    } in findings


def test_check_passes_a_clean_agenda(cli: Runner, tmp_path: Path) -> None:
    agenda = tmp_path / "积分对接.toml"
    agenda.write_text(CLEAN_AGENDA, encoding="utf-8")
    meeting_id = cli("import", str(agenda)).out.strip()
    result = cli("check", meeting_id)
    assert (result.code, result.out) == (0, "")
    assert result.err.strip() == "会员积分需求对接会: 议程通过了所有检查"
    assert cli("check", meeting_id, "--json").out.strip() == "[]"
    hinted = cli("new", "会员积分需求对接会（补充）", "--agenda", str(agenda), "--at", "2026-11-23 10:00").out.strip()
    result = cli("check", hinted)  # Monday: one working day for the notice, a hint only
    assert result.code == 0 and result.out.startswith("提示: 距开会只剩 1 个工作日发通知")
    assert result.err.strip() == "会员积分需求对接会（补充）: 没有警告，1 条提示"


def test_import_an_agenda(cli: Runner, data_dir: Path, tmp_path: Path) -> None:
    result = cli("import", str(EN_AGENDA))
    assert result.code == 0
    meeting = stored(data_dir, result.out.strip())
    assert meeting.title == "Beta stage review" and [t.owner for t in meeting.agenda] == [
        "Priya Nair",
        "Chen Gang",
        "Wang Fang",
    ]
    broken = tmp_path / "坏的议程.toml"
    broken.write_text('title = "缺引号\n', encoding="utf-8")
    assert (
        cli("import", str(broken)).refused()
        == "meetui: 坏的议程.toml line 1, column 13: not valid TOML (Illegal character '\\n')"
    )
    unknown = tmp_path / "多余字段.toml"
    unknown.write_text('title = "周会"\ncolour = "红"\n', encoding="utf-8")
    assert (
        cli("import", str(unknown))
        .refused()
        .startswith("meetui: 多余字段.toml line 2, column 1: unknown key 'colour'; the meeting has title, kind")
    )
    untitled = tmp_path / "无标题.toml"
    untitled.write_text('goal = "本周内确定范围"\n', encoding="utf-8")
    assert cli("import", str(untitled)).refused().endswith("the agenda has no title")


def test_an_unusable_data_folder_is_refused_in_one_line(cli: Runner, tmp_path: Path) -> None:
    not_a_folder = tmp_path / "数据.txt"
    not_a_folder.write_text("这不是文件夹", encoding="utf-8")
    line = cli("--data", str(not_a_folder), "new", "周会").refused()
    assert str(not_a_folder) in line  # names the culprit, in one line


def test_agenda_entries_that_are_not_tables_are_refused(cli: Runner, tmp_path: Path) -> None:
    agenda = tmp_path / "议程.toml"
    agenda.write_text('title = "周会"\ntopics = ["一期范围"]\n', encoding="utf-8")
    assert cli("import", str(agenda)).refused() == (
        'meetui: 议程.toml line 2, column 1, topic 1: "一期范围" is not a '
        "topic; write a table with title, owner, planned_minutes…"
    )
    agenda.write_text('title = "周会"\nattendees = ["李娜"]\n', encoding="utf-8")
    assert '"李娜" is not an attendee; write a table' in cli("import", str(agenda)).refused()
    agenda.write_text("title = 2026\n", encoding="utf-8")
    assert cli("import", str(agenda)).refused() == "meetui: 议程.toml line 1, column 1: title is 2026; write text"


def test_choices_spelled_out_for_fast_start_match_the_models() -> None:
    from meetui.cli.actions_cmd import STATUSES
    from meetui.core.models import ActionStatus

    assert [s.value for s in ActionStatus] == STATUSES


def test_list_warns_about_a_meeting_it_cannot_read_and_lists_the_rest(
    cli: Runner, data_dir: Path, clock: FrozenClock
) -> None:
    seed(data_dir, clock, "产品周会", meeting_id="a1weekly")
    broken = seed(data_dir, clock, "Q3 发布协调会", meeting_id="b2launch")
    path = Store(data_dir).meeting_path(broken.id)
    path.write_bytes(path.read_bytes()[:40])  # truncated
    (data_dir / "index" / "b2launch.json").unlink()  # so the listing must read the meeting file itself
    result = cli("list")
    assert result.code == 0
    assert "a1weekly" in result.out and "b2launch" not in result.out
    assert any(line.startswith("warning: skipped") and "b2launch.json" in line for line in result.err_lines)
