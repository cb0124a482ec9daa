"""Preparing a meeting from the shell: ``new`` with details, ``edit``, ``attendee``, ``topic``, ``templates``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meetui.core.models import Attendance, Meeting, Role
from meetui.store import Store

from .conftest import Runner


@pytest.fixture(autouse=True)
def _own_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "config"
    monkeypatch.setenv("MEETUI_CONFIG", str(folder))
    return folder


def stored(data_dir: Path, meeting_id: str) -> Meeting:
    return Store(data_dir).load(meeting_id)


def test_new_with_every_detail_option(cli: Runner, data_dir: Path) -> None:
    result = cli(
        "new",
        "会员积分需求对接会",
        "--at",
        "2026-12-01 10:00",
        "--zone",
        "Europe/London",
        "--minutes",
        "50",
        "--place",
        "5F 会议室",
        "--host",
        "王芳",
        "--note-taker",
        "赵磊",
        "--goal",
        "本周内确定一期范围",
        "--urgent",
    )
    assert result.code == 0, result.err
    m = stored(data_dir, result.out.strip())
    assert m.scheduled_start.isoformat() == "2026-12-01T10:00:00+00:00" and m.timezone == "Europe/London"
    assert (m.planned_minutes, m.place, m.host, m.note_taker, m.goal, m.urgent) == (
        50,
        "5F 会议室",
        "王芳",
        "赵磊",
        "本周内确定一期范围",
        True,
    )


def test_new_at_takes_the_words_of_due_dates_with_a_time(cli: Runner, data_dir: Path) -> None:
    # now is Friday 2026-11-20 09:30 in Shanghai
    for words, expected in (
        ("明天 10:00", "2026-11-21T10:00:00+08:00"),
        ("tomorrow 09:00", "2026-11-21T09:00:00+08:00"),
        ("2026-12-01 10:00", "2026-12-01T10:00:00+08:00"),
    ):
        m = stored(data_dir, cli("new", "周会", "--at", words).out.strip())
        assert m.scheduled_start.isoformat() == expected, words
    shown = cli("show", cli("new", "周会", "--at", "明天 10:00").out.strip()).out
    assert "when: 2026-11-21 10:00 (Asia/Shanghai)" in shown


def test_show_lists_materials_and_notes(cli: Runner) -> None:
    meeting_id = cli("new", "周会").out.strip()
    cli(
        "edit",
        meeting_id,
        "--materials",
        "202611-周会-进展_v1.0 <https://wiki.example.com/w>",
        "--notes",
        "请更新\n行动项",
    )
    shown = cli("show", meeting_id).out
    assert "  materials: 202611-周会-进展_v1.0 <https://wiki.example.com/w>" in shown
    assert "  notes: 请更新 行动项" in shown  # on one line


def test_new_with_a_kind_seeds_the_agenda_in_the_title_s_language(cli: Runner, data_dir: Path) -> None:
    result = cli("new", "产品周例会", "--kind", "weekly-sync")
    m = stored(data_dir, result.out.strip())
    assert m.kind.value == "weekly-sync" and m.planned_minutes == 30
    assert [t.title for t in m.agenda] == ["未完成行动项", "阻碍事项", "本周优先事项"]
    assert all(t.goal and t.expected_output and t.planned_minutes for t in m.agenda)
    assert "invite: decision-maker (确定本周优先级的人)" in result.err
    english = stored(data_dir, cli("new", "Team sync", "--kind", "weekly-sync").out.strip())
    assert english.agenda[0].title == "Open action items"
    chosen = stored(data_dir, cli("new", "Team sync", "--kind", "kickoff", "--lang", "zh").out.strip())
    assert chosen.agenda[0].title == "项目背景与目标" and chosen.kind.value == "kickoff"


def test_new_refuses_an_unknown_kind_as_usage(cli: Runner) -> None:
    result = cli("new", "周会", "--kind", "party")
    assert result.code == 2 and "no template 'party'" in result.err


def test_edit_changes_details_and_prints_what_it_did(cli: Runner, data_dir: Path) -> None:
    meeting_id = cli("new", "需求对接会", "--at", "2026-12-01 10:00").out.strip()
    result = cli(
        "edit",
        meeting_id,
        "--title",
        "积分需求对接会",
        "--kind",
        "requirements-handoff",
        "--host",
        "王芳",
        "--materials",
        "202611-积分-规则_v0.3 <https://wiki.example.com/r>",
        "--notes",
        "请带上估算",
        "--zone",
        "Asia/Tokyo",
    )
    assert result.code == 0, result.err
    assert result.out.startswith("积分需求对接会: set ")
    m = stored(data_dir, meeting_id)
    assert (m.title, m.kind.value, m.host, m.notes_to_attendees) == (
        "积分需求对接会",
        "requirements-handoff",
        "王芳",
        "请带上估算",
    )
    assert [(x.name, x.link) for x in m.materials] == [("202611-积分-规则_v0.3", "https://wiki.example.com/r")]
    assert m.scheduled_start.isoformat() == "2026-12-01T10:00:00+09:00"  # the wall time is kept in the new zone
    assert (
        cli("edit", meeting_id).misused()
        == "meetui: nothing to change: give at least one option (see `meetui edit --help`)"
    )
    assert cli("edit", meeting_id, "--zone", "Mars/Base").refused().startswith("meetui: unknown time zone")
    assert cli("edit", meeting_id, "--at", "下个月某天").refused().startswith("meetui: cannot read the start time")


def test_attendee_add_set_remove_and_import(cli: Runner, data_dir: Path, tmp_path: Path) -> None:
    meeting_id = cli("new", "需求对接会").out.strip()
    assert (
        cli(
            "attendee", "add", meeting_id, "王芳", "--dept", "产品部", "--role", "决策层", "--contact", "wf@example.com"
        ).out
        == "attendee added: 王芳 (decision-maker)\n"
    )
    assert cli("attendee", "add", meeting_id, "王芳").refused() == "meetui: 王芳 is already an attendee"
    assert (
        cli("attendee", "add", meeting_id, "李娜", "--role", "boss").refused().startswith("meetui: unknown role 'boss'")
    )
    listing = tmp_path / "名单.txt"
    listing.write_bytes("\ufeff李娜，研发部，执行层\r\n陈刚, 销售部, observer\r\n".encode())
    assert cli("attendee", "import", meeting_id, str(listing)).out == "imported 2 attendee(s)\n"
    result = cli("attendee", "set", meeting_id, "李娜", "--rsvp", "declined", "--proxy", "孙丽", "--input", "同意方案")
    assert result.code == 0, result.err
    assert cli("attendee", "set", meeting_id, "李娜", "--rsvp", "maybe").refused().startswith("meetui: unknown answer")
    assert cli("attendee", "remove", meeting_id, "陈刚").out == "attendee removed: 陈刚\n"
    assert (
        cli("attendee", "remove", meeting_id, "张三").refused()
        == "meetui: '张三' is not an attendee (invited: 王芳, 李娜)"
    )
    m = stored(data_dir, meeting_id)
    assert [(a.name, a.role, a.attendance, a.proxy, a.written_input) for a in m.attendees] == [
        ("王芳", Role.DECISION_MAKER, Attendance.INVITED, "", ""),
        ("李娜", Role.EXECUTOR, Attendance.DECLINED, "孙丽", "同意方案"),
    ]


def test_topic_add_set_move_remove(cli: Runner, data_dir: Path) -> None:
    meeting_id = cli("new", "需求对接会").out.strip()
    cli("attendee", "add", meeting_id, "李娜")
    assert (
        cli(
            "topic",
            "add",
            meeting_id,
            "一期范围",
            "--owner",
            "李娜",
            "--minutes",
            "25",
            "--output",
            "范围清单",
            "--goal",
            "确定一期范围",
        ).out
        == "topic 1 added: 一期范围 (25 min)\n"
    )
    added = cli("topic", "add", meeting_id, "验收标准", "--owner", "王芳")
    assert "note: 王芳 is not an attendee yet" in added.err
    assert cli("topic", "move", meeting_id, "验收", "1").out == "topic 验收标准 moved to 1 of 2\n"
    assert cli("topic", "move", meeting_id, "2", "up").out == "topic 一期范围 moved to 1 of 2\n"
    assert cli("topic", "set", meeting_id, "2", "--minutes", "15", "--priority", "high").code == 0
    assert cli("topic", "move", meeting_id, "1", "sideways").misused().startswith("meetui: cannot move to 'sideways'")
    assert cli("topic", "remove", meeting_id, "9").refused() == "meetui: there is no topic 9: the agenda has 2 topic(s)"
    m = stored(data_dir, meeting_id)
    assert [(t.title, t.owner, t.planned_minutes, t.priority.value) for t in m.agenda] == [
        ("一期范围", "李娜", 25, "medium"),
        ("验收标准", "王芳", 15, "high"),
    ]
    assert cli("topic", "remove", meeting_id, "一期范围").out == "topic removed: 一期范围\n"
    assert [t.title for t in stored(data_dir, meeting_id).agenda] == ["验收标准"]


def test_a_meeting_run_elsewhere_is_not_changed(cli: Runner, data_dir: Path) -> None:
    meeting_id = cli("new", "需求对接会").out.strip()
    lock = Store(data_dir).hold_live(meeting_id)
    try:
        assert "is open in another meetui process" in cli("topic", "add", meeting_id, "范围").refused()
    finally:
        lock.release()


def test_templates_lists_shipped_and_user_templates(cli: Runner, _own_config: Path) -> None:
    result = cli("templates")
    names = [line.split()[0] for line in result.out.splitlines()[2:]]
    assert names == [
        "alignment",
        "kickoff",
        "problem-solving",
        "requirements-handoff",
        "retrospective",
        "stage-review",
        "weekly-sync",
    ]
    (_own_config / "templates").mkdir(parents=True)
    (_own_config / "templates" / "季度规划.toml").write_text(
        'kind = "alignment"\nminutes = 45\n[zh]\nname = "季度规划会"\n[[zh.topics]]\ntitle = "目标"\n', encoding="utf-8"
    )
    (_own_config / "templates" / "broken.toml").write_text('kind = "alignment"\ncolour = 1\n', encoding="utf-8")
    result = cli("templates", "--json")
    found = {t["name"]: t for t in json.loads(result.out)}
    mine = found["季度规划"]
    assert mine["user"] and mine["label"] == "季度规划会" and mine["minutes"] == 45
    assert "broken.toml: unknown key(s) colour" in result.err
    created = cli("new", "Q1 规划", "--kind", "季度规划").out.strip()
    assert cli("show", created, "--json").out.count('"kind": "alignment"') == 1
    other = cli("new", "Q2 规划").out.strip()
    assert cli("edit", other, "--kind", "季度规划").code == 0  # a user template names its kind
    assert '"kind": "alignment"' in cli("show", other, "--json").out


def test_follow_up_carries_people_open_items_and_parking_lot(cli: Runner, data_dir: Path, clock) -> None:
    from meetui.core.clock import SequentialIds
    from meetui.core.lifecycle import move
    from meetui.core.meeting import Change, LiveMeeting

    earlier_id = cli(
        "new", "Q3 发布协调会", "--host", "王芳", "--note-taker", "赵磊", "--place", "3F 会议室", "--zone", "Asia/Tokyo"
    ).out.strip()
    cli("attendee", "add", earlier_id, "王芳", "--role", "decision-maker", "--rsvp", "confirmed", "--dept", "产品部")
    cli("attendee", "add", earlier_id, "李娜", "--contact", "lina@example.com")
    store = Store(data_dir)
    meeting = store.load(earlier_id)
    live = LiveMeeting(meeting, clock, SequentialIds("l"))
    store.commit(meeting, live.start())
    store.commit(meeting, live.add_action("整理渠道名单", "李娜"))
    store.commit(meeting, live.add_action("发送纪要", "赵磊"))
    item = next(a for a in meeting.actions if a.task == "整理渠道名单")
    done = next(a for a in meeting.actions if a.task == "发送纪要")
    move(done, "done", clock.now())
    store.commit(meeting, Change([done]))
    store.commit(meeting, live.park("预算口径不一致", raised_by="李娜"))

    result = cli("new", "Q3 发布跟进会", "--follow-up", earlier_id, "--kind", "weekly-sync")
    assert result.code == 0, result.err
    later = stored(data_dir, result.out.strip())
    assert (later.host, later.note_taker, later.place, later.timezone) == ("王芳", "赵磊", "3F 会议室", "Asia/Tokyo")
    assert [(a.name, a.role, a.attendance, a.contact) for a in later.attendees] == [
        ("王芳", Role.DECISION_MAKER, Attendance.INVITED, ""),
        ("李娜", Role.EXECUTOR, Attendance.INVITED, "lina@example.com"),
    ]
    assert [a.task for a in later.actions] == ["整理渠道名单"]
    titles = [t.title for t in later.agenda]
    assert titles[:2] == ["回顾「Q3 发布协调会」的未完成行动项", "预算口径不一致"]
    assert titles[2:] == ["未完成行动项", "阻碍事项", "本周优先事项"]  # the weekly sync's own topics follow
    assert later.agenda[1].owner == "李娜"
    # the carried item is one item: listed once, and an update in the follow-up wins
    listed = json.loads(cli("actions", "--format", "json").out)
    assert [a["task"] for a in listed].count("整理渠道名单") == 1
    assert cli("action", item.id, "--status", "in-progress").code == 0
    assert [a["status"] for a in json.loads(cli("actions", "--format", "json").out) if a["id"] == item.id] == [
        "in-progress"
    ]


def test_plan_of_an_unknown_meeting_is_refused_before_any_screen(cli: Runner) -> None:
    cli("new", "周会")
    assert cli("plan", "不存在").refused() == "meetui: no meeting matches '不存在' (see `meetui list`)"


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    name=st.text(min_size=0, max_size=30),
    role=st.sampled_from(["决策层", "observer", "boss", "", " 专家 "]),
    minutes=st.sampled_from(["5", "0", "-1", "9999", "abc"]),
)
def test_any_attendee_or_topic_is_added_or_refused_in_one_line(cli: Runner, name: str, role: str, minutes: str) -> None:
    meeting_id = cli("new", "周会").out.strip()
    for args in (
        ["attendee", "add", meeting_id, name, "--role", role],
        ["topic", "add", meeting_id, name, "--minutes", minutes],
    ):
        result = cli(*args)
        assert "Traceback" not in result.err
        if result.code == 0:
            assert len(result.out.splitlines()) == 1
        elif result.code == 1:
            result.refused()
        else:
            assert result.code == 2  # argparse: an option-looking name, or a minutes value that is no number


def test_a_start_that_has_passed_is_refused_by_new_and_edit(cli: Runner, data_dir: Path) -> None:
    # now is Friday 2026-11-20 09:30 in Shanghai
    assert cli("new", "往期会议", "--at", "2020-01-01 10:00").refused() == (
        "meetui: the start 2020-01-01 10:00 (Asia/Shanghai) has passed (it is 2026-11-20 09:30 now): "
        "give a time from now on"
    )
    assert cli("new", "早会", "--at", "今天 09:00").refused().startswith("meetui: the start 2026-11-20 09:00")
    assert json.loads(cli("list", "--json").out or "[]") == []  # nothing was created
    now = stored(data_dir, cli("new", "临时会", "--at", "今天 09:30").out.strip())  # this very minute is fine
    assert now.scheduled_start.isoformat() == "2026-11-20T09:30:00+08:00"
    meeting_id = cli("new", "需求对接会", "--at", "2026-12-01 10:00").out.strip()
    assert (
        cli("edit", meeting_id, "--at", "2026-11-19 10:00")
        .refused()
        .startswith("meetui: the start 2026-11-19 10:00 (Asia/Shanghai) has passed")
    )
    assert stored(data_dir, meeting_id).scheduled_start.isoformat() == "2026-12-01T10:00:00+08:00"  # unchanged
    assert cli("edit", meeting_id, "--goal", "本周内确定一期范围").code == 0  # other details are not held up


def test_check_says_the_start_has_passed_not_how_many_working_days_are_left(cli: Runner, clock, data_dir: Path) -> None:
    meeting_id = cli("new", "需求对接会", "--at", "2026-11-23 10:00").out.strip()
    clock.advance(minutes=60 * 24 * 5)  # Wednesday 25th: the meeting was not held on Monday
    result = cli("check", meeting_id, "--lang", "en")
    assert result.code == 1
    assert "warning: the start time has passed (2026-11-23 10:00 Asia/Shanghai): set a new one" in result.out
    assert "working day" not in result.out


def test_an_agenda_file_s_start_that_has_passed_is_refused_where_it_is_written(
    cli: Runner, data_dir: Path, tmp_path: Path
) -> None:
    agenda = tmp_path / "往期.toml"
    agenda.write_text(
        'title = "往期评审会"\ngoal = "三天内定稿"\nscheduled_start = "2026-11-01 10:00"\n', encoding="utf-8"
    )
    assert cli("new", "", "--agenda", str(agenda)).refused() == (
        "meetui: 往期.toml line 3, column 1: scheduled_start: the start 2026-11-01 10:00 (Asia/Shanghai) has passed "
        "(it is 2026-11-20 09:30 now): give a time from now on, or import the file with `meetui import` to keep it "
        "as a past meeting"
    )
    moved = stored(data_dir, cli("new", "", "--agenda", str(agenda), "--at", "下周一 10:00").out.strip())
    assert moved.scheduled_start.isoformat() == "2026-11-23T10:00:00+08:00"  # --at replaces the file's start
    imported = cli("import", str(agenda))  # the record of a meeting already held
    assert imported.code == 0 and imported.err_lines[-1] == (
        f"note: its start has passed; `meetui edit {imported.out.strip()} --at WHEN` sets a new one"
    )
    assert stored(data_dir, imported.out.strip()).scheduled_start.isoformat() == "2026-11-01T10:00:00+08:00"


def test_check_flags_a_host_note_taker_or_owner_who_is_not_invited(cli: Runner) -> None:
    meeting_id = cli("new", "需求对接会", "--at", "2026-12-01 10:00").out.strip()
    cli("attendee", "add", meeting_id, "王芳", "--role", "decision-maker", "--rsvp", "confirmed")
    cli("edit", meeting_id, "--host", "Nobody", "--note-taker", "王芳")
    assert cli("topic", "add", meeting_id, "预算", "--owner", "Ghost").code == 0
    result = cli("check", meeting_id)
    assert result.code == 1
    assert "警告: 主持人 Nobody 不在参会人员中\n  原因: 主持人负责控场，必须在场" in result.out
    assert "警告: 议题 1（预算）的负责人 Ghost 不在参会人员中\n" in result.out
    assert "记录人 王芳 不在参会人员中" not in result.out
    english = cli("check", meeting_id, "--json", "--lang", "en")
    codes = [f["code"] for f in json.loads(english.out)]
    assert "host-not-invited" in codes and "owner-not-invited" in codes and "note-taker-not-invited" not in codes
