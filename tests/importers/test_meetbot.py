"""MeetBot logs written from MeetBot's documented rules (its manual and meeting.py), imported as meetings."""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from note_line_cases import CASES, PEOPLE, made, records

from meetui.core.errors import MeetuiError
from meetui.core.models import MeetingStatus, NoteKind, TopicState
from meetui.importers.meetbot import UNASSIGNED, looks_like_meetbot, meeting_from_log, owners_in

UTC = dt.UTC


def at(hms: str) -> dt.datetime:
    hour, minute, second = (int(p) for p in hms.split(":"))
    return dt.datetime(2026, 11, 20, hour, minute, second, tzinfo=UTC)


def people(meeting) -> dict[str, int | None]:  # noqa: ANN001
    return {a.name: a.lines_said for a in meeting.attendees}


def notes(meeting) -> list[tuple[str, str, str]]:  # noqa: ANN001
    topics = {t.id: t.title for t in meeting.topics}
    return [(n.kind.value, n.text, topics.get(n.topic_id or "", "")) for n in meeting.notes]


def actions(meeting) -> list[tuple[str, list[str], str]]:  # noqa: ANN001
    return [(a.owner, list(a.co_owners), a.task) for a in meeting.actions]


CHAIRS_LOG = [
    "09:00:00 <zoe> 大家早",  # before #startmeeting: ignored
    "09:30:00 <alice> #startmeeting Q3 发布协调会",
    "09:30:05 <bob> 早上好",
    "09:30:10 <carol> #topic carol is no chair",  # ignored: not a chair
    "09:30:20 <alice> #chair bob, 李娜",
    "09:31:00 <bob> #topic 发布日期",  # bob is a chair now
    "09:32:00 <carol> #info SDK 延期两周",  # anyone may #info
    "09:33:00 <carol> #agreed carol cannot agree",  # chair-only: ignored
    "09:34:00 <李娜> #agreed 12 月 15 日发布",
    "09:35:00 <alice> #unchair bob",
    "09:36:00 <bob> #undo",  # bob is no longer a chair: ignored
    "09:40:00 <alice> #TOPIC 渠道准备",  # commands are case-insensitive
    "09:41:00 <carol> #idea 先在华东试点",
    "09:50:00 <alice> #endmeeting",
    "09:51:00 <bob> #info after the end",  # ignored
]


def test_chairs_and_non_chairs(imported) -> None:  # noqa: ANN001
    meeting = imported(CHAIRS_LOG)
    assert meeting.title == "Q3 发布协调会"
    assert meeting.status is MeetingStatus.ENDED
    assert (meeting.scheduled_start, meeting.ended_at) == (at("09:30:00"), at("09:50:00"))
    assert meeting.host == "alice"
    done = TopicState.DONE
    assert [(t.title, t.state) for t in meeting.agenda] == [("发布日期", done), ("渠道准备", done)]
    assert [t.planned_minutes for t in meeting.agenda] == [9, 10]  # the actual minutes, from the timestamps
    assert notes(meeting) == [
        ("info", "SDK 延期两周", "发布日期"),
        ("agreed", "12 月 15 日发布", "发布日期"),
        ("idea", "先在华东试点", "渠道准备"),
    ]
    assert meeting.actions == []
    # 李娜 was made a chair before speaking: present, with the lines said counted from #startmeeting to #endmeeting
    assert people(meeting) == {"alice": 5, "bob": 3, "carol": 4, "李娜": 1}
    assert all(a.attendance.value == "present" for a in meeting.attendees)


UNDO_LOG = [
    "19:00:00 <alice> #startmeeting undo of every kind",
    "19:01:00 <alice> #topic 第一个议题",
    "19:02:00 <alice> #info 保留",
    "19:03:00 <alice> #info 撤回的信息",
    "19:03:10 <alice> #undo",
    "19:04:00 <alice> #idea 撤回的想法",
    "19:04:10 <alice> #undo",
    "19:05:00 <bob> #action bob 撤回的行动项",
    "19:05:10 <alice> #undo",
    "19:06:00 <alice> #agreed 撤回的共识",
    "19:06:10 <alice> #undo",
    "19:07:00 <alice> http://example.com/withdrawn",
    "19:07:10 <alice> #undo",
    "19:08:00 <alice> #accepted 撤回",
    "19:08:05 <alice> #rejected 撤回",
    "19:08:10 <alice> #help 撤回",
    "19:08:15 <alice> #undo",
    "19:08:20 <alice> #undo",
    "19:08:25 <alice> #undo",
    "19:10:00 <alice> #topic 撤回的议题",
    "19:15:00 <alice> #undo",  # the topic goes; the meeting is back on 第一个议题
    "19:16:00 <alice> #info 回到第一个议题",
    "19:20:00 <alice> #endmeeting",
]


def test_undo_of_every_kind(imported) -> None:  # noqa: ANN001
    meeting = imported(UNDO_LOG)
    assert [t.title for t in meeting.agenda] == ["第一个议题"]
    assert notes(meeting) == [("info", "保留", "第一个议题"), ("info", "回到第一个议题", "第一个议题")]
    assert meeting.actions == []
    topic = meeting.agenda[0]
    assert [(s.start, s.end) for s in topic.segments] == [
        (at("19:01:00"), at("19:10:00")),
        (at("19:15:00"), at("19:20:00")),
    ]
    assert people(meeting) == {"alice": 22, "bob": 1}


def test_undo_with_nothing_to_undo_and_of_a_first_topic(imported) -> None:  # noqa: ANN001
    meeting = imported(
        [
            "10:00:00 <alice> #startmeeting",
            "10:00:01 <alice> #undo",
            "10:01:00 <alice> #topic 唯一",
            "10:02:00 <alice> #undo",
            "10:03:00 <alice> #info 会议层面",
            "10:04:00 <alice> #endmeeting",
        ]
    )
    assert meeting.topics == []
    assert meeting.title == "launch"  # no title: the channel, from the file name
    assert notes(meeting) == [("info", "会议层面", "")]


OWNERS_LOG = [
    "[12:00:00] <@alice> #startmeeting owners",
    "[12:00:10] <+bob> hi",
    "[12:00:20] <dan> hello",
    "[12:00:30] * 李娜 waves",  # /me: counted, never a command
    "[12:00:40] * 李娜 #info not a command",
    "[12:01:00] <alice> #nick quiet_ed, 欧阳",
    "[12:02:00] <alice> #action bob and dan review the bobcat build",  # bobcat is not bob
    "[12:03:00] <alice> #action 李娜 跟进 with quiet_ed",  # quiet_ed only named by #nick
    "[12:04:00] <alice> #action whoever has time: tidy the wiki",
    "[12:05:00] <alice> #action the daniel team sorts the 欧阳修 quotes",  # substrings of words: nobody
    "[12:05:30] <alice> #action ALICE 核对 Bob's list",  # case-insensitive, possessive
    "[12:06:00] <relaybot> <zed> #info relayed through the bridge",  # the relay bot's line, not a command
    "[12:06:30] <relaybot> <zed> #action zed checks",
    "[12:07:00] <alice> #endmeeting",
]


def test_owners_as_meetbot_assigns_them(imported) -> None:  # noqa: ANN001
    meeting = imported(OWNERS_LOG)
    assert actions(meeting) == [
        ("bob", ["dan"], "review the bobcat build"),
        ("李娜", ["quiet_ed"], "跟进 with quiet_ed"),
        (UNASSIGNED, [], "whoever has time: tidy the wiki"),
        (UNASSIGNED, [], "the daniel team sorts the 欧阳修 quotes"),
        ("alice", ["bob"], "核对 Bob's list"),
    ]
    assert notes(meeting) == []
    assert people(meeting) == {"alice": 8, "bob": 1, "dan": 1, "李娜": 2, "quiet_ed": 0, "欧阳": 0, "relaybot": 2}


def test_owners_in_is_whole_words_in_order() -> None:
    assert owners_in("ask bob and alice", ["alice", "bob", "al"]) == ["bob", "alice"]
    assert owners_in("bobby and alicia", ["alice", "bob"]) == []
    assert owners_in("ping [m]bot now", ["bot", "[m]bot"]) == ["[m]bot", "bot"]  # "]" ends a word
    assert owners_in("王芳跟进", ["王芳"]) == []  # written into a word, MeetBot finds nobody either


def test_crlf_bom_no_final_newline_and_urls(imported) -> None:  # noqa: ANN001
    lines = [
        "08:00 <alice> #startmeeting 链接",
        "08:01 <alice> https://example.com/a",
        "08:02 <bob> ftp://files.example",
        "08:03 <bob> irc://libera.chat/#meetui",
        "08:04 <bob> see http://example.com (not first: chat)",
        "08:05 <bob> #link 设计稿 https://example.com/d",
        "08:06 <alice> #endmeeting",
    ]
    meeting = imported(lines, crlf=True, bom=True, final_newline=False)
    assert [n.text for n in meeting.notes if n.kind is NoteKind.LINK] == [
        "https://example.com/a",
        "ftp://files.example",
        "irc://libera.chat/#meetui",
        "设计稿 https://example.com/d",
    ]
    assert meeting.scheduled_start == at("08:00:00")


def test_zone_date_midnight_and_supybot_stamps(imported) -> None:  # noqa: ANN001
    shanghai = imported(
        ["23:50:00 <alice> #startmeeting 夜会", "23:55:00 <alice> #topic 跨过午夜", "00:10:00 <alice> #endmeeting"],
        zone="Asia/Shanghai",
        date=dt.date(2026, 3, 1),
        name="night.log.txt",
    )
    assert shanghai.timezone == "Asia/Shanghai"
    assert shanghai.scheduled_start.isoformat() == "2026-03-01T23:50:00+08:00"
    assert shanghai.ended_at.isoformat() == "2026-03-02T00:10:00+08:00"
    assert shanghai.agenda[0].planned_minutes == 15
    supybot = imported(
        ["2021-03-15T19:01:02  <alice> #startmeeting supybot", "2021-03-15T19:03:02  <alice> #endmeeting"],
        name="no-date.log",
    )
    assert supybot.scheduled_start == dt.datetime(2021, 3, 15, 19, 1, 2, tzinfo=UTC)


def test_refusals_name_the_file(log_file, tmp_path: Path) -> None:  # noqa: ANN001
    from meetui.importers.meetbot import import_meetbot

    no_start = log_file(["10:00:00 <alice> hello", "10:01:00 <bob> #info no meeting"], name="chat.log")
    with pytest.raises(MeetuiError, match=r"chat\.log: no #startmeeting"):
        import_meetbot(no_start)
    prose = tmp_path / "notes.txt"
    prose.write_text("Meeting notes\nAlice said hello\n", encoding="utf-8")
    with pytest.raises(MeetuiError, match=r"notes\.txt: not a MeetBot log"):
        import_meetbot(prose)
    undated = log_file(["10:00:00 <alice> #startmeeting x"], name="undated.log")
    with pytest.raises(MeetuiError, match="give --date"):
        import_meetbot(undated)
    binary = tmp_path / "x.log"
    binary.write_bytes(b"\xff\xfe10:00 <a> b")
    with pytest.raises(MeetuiError, match=r"x\.log: not UTF-8"):
        import_meetbot(binary)
    with pytest.raises(MeetuiError, match="no such file"):
        import_meetbot(tmp_path / "missing.log")


def test_detection() -> None:
    assert looks_like_meetbot("\ufeff19:00:00 <a> #startmeeting\r\n19:00:01 * a waves\r\n")
    assert not looks_like_meetbot("title = 'x'\n[[topics]]\n")
    assert not looks_like_meetbot("")


def start(log: list[str]) -> list[str]:
    """A meeting where everyone in the note-line table has spoken, on topic 发布日期, at 09:30 on 2026-11-20."""
    return [
        "09:30:00 <alice> #startmeeting 表格",
        *(f"09:30:{i + 1:02d} <{p}> 在" for i, p in enumerate(PEOPLE)),
        "09:31:00 <alice> #topic 发布日期",
        *log,
        "09:59:00 <alice> #endmeeting",
    ]


@pytest.mark.parametrize(("line", "expected"), CASES, ids=[c[0] for c in CASES])
def test_the_note_line_table_imported(imported, line: str, expected: tuple) -> None:  # noqa: ANN001
    baseline = imported(start([]))
    meeting = imported(start([f"09:40:00 <alice> {line}"]))
    before = {key: None for key in records(baseline)}
    assert made(before, meeting) == [expected]


LOG_LINE = st.builds(
    lambda stamp, who, text, me: f"{stamp} * {who} {text}" if me else f"{stamp} <{who}> {text}",
    st.sampled_from(["09:00:00", "09:01", "[09:02:03]", "23:59:59", "00:00:01", "25:00:00", "2021-03-15T09:00:00"]),
    st.sampled_from(["alice", "bob", "李娜", "@op", "+v", "relay", "x" * 300]),
    st.one_of(
        st.sampled_from(
            [
                "#startmeeting 随机",
                "#endmeeting",
                "#topic 议题",
                "#undo",
                "#chair bob",
                "#unchair alice",
                "#nick 李娜",
                "#action bob 修复 by fri",
                "#action alice, 新人: x",
                "#info",
                "#agreed ok",
                "#link http://x",
                "http://y",
                "#meetingname n",
                "#meetingtopic",
                "#action by yesterday",
                "#help",
                "#action bob by 2026-02-30",
                "#1 blocker",
                "[b]markup[/]",
                "<zed> #info relayed",
            ]
        ),
        st.text(max_size=40),
    ),
    st.booleans(),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(LOG_LINE, st.text(max_size=30)), max_size=30))
def test_random_logs_import_or_are_refused_with_a_message(lines: list[str]) -> None:
    try:
        meeting = meeting_from_log("\n".join(["09:00:00 <alice> #startmeeting 随机", *lines]), date=dt.date(2026, 1, 5))
    except MeetuiError as error:
        assert str(error)
        return
    assert meeting.status is MeetingStatus.ENDED
    assert all(a.owner for a in meeting.actions)
    type(meeting).model_validate(meeting.model_dump())


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_random_text_is_refused_or_imported(text: str) -> None:
    with contextlib.suppress(MeetuiError):
        meeting_from_log(text, date=dt.date(2026, 1, 5))


def test_meetingname_and_meetingtopic_name_the_meeting(imported) -> None:  # noqa: ANN001
    named = imported(
        ["10:00 <alice> #startmeeting", "10:01 <bob> #meetingname 周会 weekly", "10:02 <alice> #endmeeting"]
    )
    assert named.title == "周会 weekly"
    titled = imported(
        [
            "10:00 <alice> #startmeeting 原标题",
            "10:01 <bob> #meetingname ignored-for-the-title",
            "10:01 <bob> #meetingtopic bob is no chair",
            "10:02 <alice> #meetingtopic 新标题",
            "10:03 <alice> #endmeeting",
        ]
    )
    assert titled.title == "新标题"


AGREED_LOG = [
    "09:30:00 <alice> #startmeeting 决定的记录",
    "09:30:10 <alice> #chair 李娜",
    "09:31:00 <alice> #topic 发布日期",
    "09:32:00 <李娜> #agreed 12 月 15 日发布",
    "09:33:00 <bob> #agreed bob 不是主持人",  # not a chair: ignored
    "09:34:00 <alice> #agreed 12 月 15 日发布，预热提前一周",  # the last agreed line of a topic is its decision
    "09:35:00 <alice> #topic 渠道准备",
    "09:36:00 <李娜> #rejected 方案 B",  # rejected is no decision
    "09:37:00 <alice> #topic 定价",
    "09:38:00 <李娜> #accepted 方案 A：首月八折",
    "09:39:00 <alice> #topic 撤回的共识",
    "09:40:00 <alice> #agreed 说错了",
    "09:40:10 <alice> #undo",  # the agreed note goes, and no decision is made from it
    "09:45:00 <alice> #endmeeting",
]


def test_agreed_and_accepted_lock_the_topics_decision(imported) -> None:  # noqa: ANN001
    meeting = imported(AGREED_LOG)
    topics = {t.title: t.id for t in meeting.topics}
    decided = [
        (
            next(t for t, i in topics.items() if i == d.topic_id),
            d.text,
            d.state.value,
            d.locked_by,
            d.locked_at,
            d.proposed_at,
            d.version,
        )
        for d in meeting.decisions
    ]
    assert decided == [
        ("发布日期", "12 月 15 日发布，预热提前一周", "locked", "alice", at("09:34:00"), at("09:34:00"), 1),
        ("定价", "方案 A：首月八折", "locked", "李娜", at("09:38:00"), at("09:38:00"), 1),
    ]
    assert meeting.decisions[0].decision_maker == "alice"
    assert meeting.decisions[0].present == ["alice", "李娜", "bob"]  # who had joined by then
    # the agreed notes stay as the log has them: the minutes list what was agreed on the way
    assert [(kind, text) for kind, text, _ in notes(meeting)] == [
        ("agreed", "12 月 15 日发布"),
        ("agreed", "12 月 15 日发布，预热提前一周"),
        ("agreed", "Rejected: 方案 B"),
        ("agreed", "Accepted: 方案 A：首月八折"),
    ]


def test_the_shipped_log_has_its_decision() -> None:
    from meetui.core.clock import SequentialIds
    from meetui.importers.meetbot import import_meetbot

    log = Path(__file__).resolve().parents[2] / "data" / "meetbot" / "launch.2026-11-20-09.30.log.txt"
    meeting = import_meetbot(log, zone="Asia/Shanghai", ids=SequentialIds("i"))
    [decision] = meeting.decisions
    assert (meeting.topic(decision.topic_id).title, decision.text, decision.locked) == (
        "Launch date / 发布日期",
        "launch on 12 月 15 日, marketing warm-up a week earlier",
        True,
    )


def test_a_log_without_endmeeting_is_ended_at_its_last_line_with_a_warning(log_file) -> None:  # noqa: ANN001
    from meetui.importers.meetbot import import_meetbot

    said: list[str] = []
    log = log_file(
        ["10:00:00 <alice> #startmeeting 没有结束", "10:05:00 <alice> #topic 议题", "10:20:30 <bob> 我先走了"]
    )
    meeting = import_meetbot(log, warnings=said.append)
    assert (meeting.status, meeting.ended_at) == (MeetingStatus.ENDED, at("10:20:30"))
    assert said == [f"{log}: no #endmeeting: the meeting was ended at its last line (line 3, 10:20:30)"]
    ended: list[str] = []
    import_meetbot(
        log_file(["10:00:00 <alice> #startmeeting 结束了", "10:01:00 <alice> #endmeeting"]), warnings=ended.append
    )
    assert ended == []


def test_a_name_and_colon_opening_an_action_is_its_owner(imported) -> None:  # noqa: ANN001
    meeting = imported(
        [
            "10:00:00 <alice> #startmeeting 指派",
            "10:01:00 <alice> #action dave: 核对库存 by fri",  # dave never spoke: still the owner
            "10:02:00 <alice> #action 王五, bob: 联系渠道",  # bob never spoke either
            "10:03:00 <alice> #action ask dave about the 库存",  # dave is a person of the meeting now
            "10:04:00 <alice> #action whoever has time: tidy the wiki",  # not a name: unassigned
            "10:04:30 <alice> #action ->: 记录风险",  # no letter or digit: no name either
            "10:05:00 <alice> #endmeeting",
        ]
    )
    assert actions(meeting) == [
        ("dave", [], "核对库存"),
        ("王五", ["bob"], "联系渠道"),
        ("dave", [], "ask dave about the 库存"),
        (UNASSIGNED, [], "whoever has time: tidy the wiki"),
        (UNASSIGNED, [], "->: 记录风险"),
    ]
    assert meeting.actions[0].due == dt.date(2026, 11, 27)
    assert people(meeting) == {"alice": 7, "dave": 0, "王五": 0, "bob": 0}


def test_imported_action_items_are_confirmed(imported) -> None:  # noqa: ANN001
    meeting = imported(
        [
            "10:00 <alice> #startmeeting 确认",
            "10:01 <alice> #action alice 写纪要",
            "10:02 <alice> #action 有空的人整理文档",
            "10:03 <alice> #endmeeting",
        ]
    )
    assert [(a.owner, a.confirmed) for a in meeting.actions] == [("alice", True), (UNASSIGNED, True)]
