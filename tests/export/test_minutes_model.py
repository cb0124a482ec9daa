"""The minutes model: what goes in, what stays out, times in the meeting's zone, JSON round trips."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from meetui.core.errors import MeetuiError
from meetui.core.models import ActionStatus, DecisionState, NoteKind, TopicState
from meetui.export import FORMATS, LANGS, Minutes, build_minutes, minutes_filename, render, render_bytes
from meetui.export.json_schema import json_schema, read_json
from meetui.export.labels import ENUMS, WORDS

from .scenario import demo_live, run_demo_meeting
from .test_hostile_text import HOSTILE, meeting_with


@pytest.fixture(scope="module")
def demo():
    meeting, clock = run_demo_meeting()
    return meeting, build_minutes(meeting, clock.now())


def docx_text(data: bytes) -> str:
    from .test_docx import all_text, read

    return all_text(read(data))


def all_note_texts(minutes: Minutes) -> list[str]:
    discussions = [t.discussion for t in minutes.topics] + [minutes.general]
    return [n.text for d in discussions for n in d.points + d.disagreements + d.questions] + [
        r.text for r in minutes.risks
    ]


def test_private_and_withdrawn_notes_stay_out(demo) -> None:
    meeting, minutes = demo
    private = [n.text for n in meeting.notes if n.private]
    withdrawn = [n.text for n in meeting.notes if n.withdrawn]
    assert private and withdrawn
    texts = all_note_texts(minutes)
    assert not set(private + withdrawn) & set(texts)
    for fmt in FORMATS:
        for lang in LANGS:
            page = render(minutes, fmt, lang) if fmt != "docx" else docx_text(render_bytes(minutes, fmt, lang))
            assert all(text not in page for text in private + withdrawn), (fmt, lang)
    kept = [n.text for n in meeting.notes if not n.private and not n.withdrawn]
    assert sorted(texts) == sorted(kept)


def test_sections_of_the_practice(demo) -> None:
    meeting, minutes = demo
    assert [p.name for p in minutes.attendance.present] == [
        "王芳",
        "Sam Carter",
        "李娜",
        "Alice Wang",
        "陈刚",
        "Priya Nair",
    ]
    assert [(a.name, a.reason) for a in minutes.attendance.absent] == [
        ("Tom Becker", "Annual leave; sent written comments on the privacy terms")
    ]
    represented = [(r.name, r.proxy, r.reason) for r in minutes.attendance.represented]
    assert represented == [("赵磊", "陈刚", "客户拜访（深圳）")]
    first, second = minutes.topics[0], minutes.topics[1]
    assert [d.author for d in first.discussion.disagreements] == ["陈刚", "Alice Wang"]
    assert [q.text for q in first.discussion.questions] == ["支付 SDK 能否在 11 月 28 日前通过性能测试？"]
    assert first.decision is not None and first.decision.objections[0].who == "陈刚"
    assert first.decision.objections[0].resolution.startswith("decision revised")
    assert second.decision is not None and second.decision.version == 2 and second.decision.amends_version == 1
    assert [v.version for v in second.other_versions] == [1]
    assert second.other_versions[0].vote is not None and second.other_versions[0].vote.in_favour == 5
    assert minutes.topics[3].state is TopicState.DEFERRED
    assert [r.contingency_owner for r in minutes.risks] == ["李娜", "Alice Wang", "王芳"]
    assert [a.status for a in minutes.actions] == [
        ActionStatus.IN_PROGRESS,
        ActionStatus.NOT_STARTED,
        ActionStatus.NOT_STARTED,
        ActionStatus.BLOCKED,
    ]
    assert minutes.actions[3].progress == "等待 Tom 休假回来（12 月 1 日）"
    assert minutes.actions[0].due == dt.date(2026, 11, 27)
    assert [p.text for p in minutes.parking_lot][0] == "Budget for a second agency wave in January"
    assert minutes.next_checkpoint == dt.date(2026, 12, 4)
    assert not minutes.draft


def test_planned_and_actual_minutes(demo) -> None:
    _, minutes = demo
    assert [(t.planned_minutes, t.timebox_minutes, t.actual_minutes) for t in minutes.topics] == [
        (20, 20, 22),
        (20, 25, 24),
        (15, 15, 12),
        (15, 15, 2),
        (10, 10, 9),
    ]
    assert minutes.totals.planned_minutes == 80
    assert minutes.totals.actual_minutes == 69
    # The ten-minute break is not running time: 10:02–11:21 is 79 minutes of which 69 ran.
    assert minutes.totals.meeting_elapsed_minutes == 69


def test_times_are_in_the_meetings_zone(demo) -> None:
    _, minutes = demo
    assert minutes.start == dt.datetime(2026, 11, 20, 2, 2, tzinfo=dt.UTC)
    assert minutes.start.utcoffset() == dt.timedelta(hours=8)
    assert minutes.end is not None and minutes.end.strftime("%H:%M") == "11:21"
    assert "10:02–11:21" in render(minutes, "md", "zh")


def test_a_running_meeting_is_a_draft_with_no_end() -> None:
    meeting, clock = run_demo_meeting(finish=False)
    minutes = build_minutes(meeting, clock.now())
    assert minutes.draft and minutes.end is None
    assert minutes.topics[2].state is TopicState.ACTIVE and minutes.topics[2].decision is None
    assert "DRAFT" in render(minutes, "txt", "en")
    assert "草稿" in render(minutes, "html", "zh")


def test_a_meeting_not_started_has_its_scheduled_times() -> None:
    live = demo_live()
    minutes = build_minutes(live.meeting, live.clock.now())
    assert minutes.draft and minutes.start is not None and minutes.end is not None
    assert (minutes.end - minutes.start) == dt.timedelta(minutes=90)
    assert minutes.totals.actual_minutes == 0
    assert "未讨论" in render(minutes, "md", "zh")


def test_open_decisions_show_their_state() -> None:
    live = demo_live()
    live.start()
    decision = live.propose_decision("预算追加 20 万").records[0]
    live.object(decision.id, "陈刚", "销售预算已冻结")
    live.escalate(decision.id)
    minutes = build_minutes(live.meeting, live.clock.now())
    entry = minutes.topics[0].decision
    # Before the roll call, 王芳 (confirmed) is the decision-maker in the room, ahead of 赵磊's proxy.
    assert entry is not None and entry.state is DecisionState.ESCALATED and entry.escalated_to == "王芳"
    page = render(minutes, "md", "zh")
    assert "已上报，未锁定" not in page and "已上报：王芳" in page and "已上报王芳裁决" in page


def test_only_web_links_become_links() -> None:
    live = demo_live()
    live.start()
    live.add_note("javascript:alert(1) 点我", NoteKind.LINK)
    live.add_note("https://example.com/规格 规格说明", NoteKind.LINK)
    minutes = build_minutes(live.meeting, live.clock.now())
    urls = [n.url for n in minutes.topics[0].discussion.points]
    assert urls == [None, "https://example.com/规格"]
    page = render(minutes, "html", "en")
    assert 'href="javascript' not in page and 'href="https://example.com/规格"' in page


def test_json_round_trips_and_is_language_neutral(demo) -> None:
    _, minutes = demo
    text = render(minutes, "json", "zh")
    assert read_json(text) == minutes
    data = json.loads(text)
    assert data["schema"] == "meetui-minutes/2"
    assert data["actions"][0]["status"] == "in-progress" and data["actions"][0]["due"] == "2026-11-27"
    assert data["start"] == "2026-11-20T10:02:00+08:00"


@settings(deadline=None)  # builds a whole meeting per example
@given(st.lists(HOSTILE, min_size=3, max_size=6))
def test_json_round_trips_any_text(texts: list[str]) -> None:
    minutes = meeting_with(texts)
    assert Minutes.from_json(minutes.to_json()) == minutes


def test_json_schema_describes_every_top_level_key(demo) -> None:
    _, minutes = demo
    schema = json_schema()
    assert set(json.loads(minutes.to_json())) == set(schema["properties"])
    assert schema["properties"]["schema"]["const"] == "meetui-minutes/2"


def test_json_refuses_unknown_keys(demo) -> None:
    _, minutes = demo
    data = json.loads(minutes.to_json())
    data["surprise"] = 1
    with pytest.raises(ValueError):
        Minutes.model_validate(data)


def test_file_name_uses_the_start_date_in_the_meetings_zone() -> None:
    live = demo_live("2026-11-21T01:30:00+08:00")  # still the 20th in UTC, already the 21st in Shanghai
    live.start()
    live.end()
    expected = "2026-11-21-q3-q3-launch-coordination-minutes.md"
    assert minutes_filename(live.meeting, "md") == expected
    assert minutes_filename(live.meeting, "docx").endswith("-minutes.docx")


def test_file_names_are_ascii_with_the_meeting_id_when_the_title_has_no_ascii_letters() -> None:
    live = demo_live()
    live.meeting.title = "季度复盘会（第 3 次）"
    assert minutes_filename(live.meeting, "html") == "2026-11-20-meeting-d0000001-3-minutes-draft.html"
    live.meeting.title = "Café 复盘 · Überblick"
    assert minutes_filename(live.meeting, "md") == "2026-11-20-cafe-uberblick-minutes-draft.md"
    assert all(ord(c) < 128 for c in minutes_filename(live.meeting, "md"))
    with pytest.raises(MeetuiError):
        minutes_filename(live.meeting, "pdf")


def test_unknown_format_or_language_is_refused(demo) -> None:
    _, minutes = demo
    with pytest.raises(MeetuiError, match="format"):
        render(minutes, "pdf", "en")
    with pytest.raises(MeetuiError, match="language"):
        render(minutes, "md", "fr")


def test_both_languages_have_every_label() -> None:
    assert set(WORDS["en"]) == set(WORDS["zh"])
    for kind, labels in ENUMS["en"].items():
        assert set(labels) == set(kind) == set(ENUMS["zh"][kind]), kind
    assert [ENUMS["zh"][ActionStatus][s] for s in ActionStatus] == [
        "未开始",
        "进行中",
        "已完成",
        "延期",
        "受阻",
        "已取消",
    ]
    assert ENUMS["zh"][TopicState][TopicState.DONE] == "已讨论"


@given(
    st.text(
        st.characters(blacklist_characters="\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"), min_size=1, max_size=60
    ).filter(lambda s: s.strip() != ""),  # a title is one line (meetui.core.models.Title)
    st.sampled_from(FORMATS),
    st.booleans(),
)
def test_file_names_are_always_ascii_dated_and_named_after_the_format(title: str, fmt: str, ended: bool) -> None:
    import re
    import unicodedata

    from meetui.export import format_of

    live = demo_live()
    live.meeting.title = title
    if ended:
        live.start()
        live.end()
    name = minutes_filename(live.meeting, fmt)
    assert name.isascii() and "/" not in name and "\\" not in name
    assert re.fullmatch(r"2026-11-20-[a-z0-9]+(-[a-z0-9]+)*-minutes(-draft)?\.[a-z]+", name), name
    assert name.endswith("-draft." + fmt) != ended
    assert format_of(name) == fmt
    folded = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()  # "À" → "A"
    assert ("-meeting-d0000001" in name) == (not re.search(r"[A-Za-z]", folded))


@pytest.mark.parametrize(
    ("lang", "said", "not_said"),
    [("en", "has not been held yet", "kept to its planned time"), ("zh", "会议尚未召开", "会议未超出计划时间")],
)
def test_minutes_of_a_meeting_not_held_yet_do_not_say_it_kept_to_time(lang: str, said: str, not_said: str) -> None:
    live = demo_live()
    text = render(build_minutes(live.meeting, live.clock.now()), "txt", lang)
    assert said in text and not_said not in text
