"""The meeting notice: Markdown and text in both languages, and an ICS request read back with icalendar."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from icalendar import Calendar

from meetui.core.clock import FrozenClock, SequentialIds
from meetui.core.errors import MeetuiError
from meetui.core.meeting import new_meeting
from meetui.core.models import Meeting
from meetui.export.notice import notice
from meetui.importers.agenda import read_agenda

AGENDAS = Path(__file__).resolve().parents[2] / "data" / "agendas"


@pytest.fixture
def meeting(clock: FrozenClock) -> Meeting:
    fields = read_agenda(AGENDAS / "requirements-handoff.zh.toml")
    return new_meeting(fields.pop("title"), clock, SequentialIds("n"), id="pointsho", **fields)


def test_markdown_notice_in_chinese_has_everything_the_practice_lists(meeting: Meeting) -> None:
    text = notice(meeting, "md", "zh")
    assert text.startswith("# 会议通知：会员积分需求对接会\n")
    assert "- **会议时间**：2026年12月1日 星期二 10:00–11:00 (Asia/Shanghai, UTC+08:00)" in text
    assert "- **会议地点/链接**：5F 会议室 / https://meet.example.com/points" in text
    assert "- **会议目标**：会议结束前确认积分规则一期范围、研发排期与验收标准" in text
    assert "- 陈刚 (执行层，测试部，已拒绝，代理人：孙丽)" in text
    assert "2. 10:10 一期范围 (25 分钟，负责人：李娜，预期产出：范围清单)" in text
    assert "- [202611-积分-需求说明\\_v1.1](<https://wiki.example.com/points-prd>)" in text
    assert "- 李娜：研发估算，介绍「一期范围」" in text  # what each attendee should bring
    assert "## 会前须知\n请提前阅读需求文档" in text


def test_text_notice_in_english(meeting: Meeting) -> None:
    text = notice(meeting, "txt", "en")
    assert text.startswith("Meeting notice: 会员积分需求对接会\n")
    assert "Time: Tuesday, December 1, 2026 10:00–11:00 (Asia/Shanghai, UTC+08:00)" in text
    assert "1. 10:00 需求背景与目标 (10 min, owner: 王芳, expected output: 双方对目标达成一致)" in text
    assert "- 202611-积分-需求说明_v1.1 <https://wiki.example.com/points-prd>" in text
    assert "**" not in text


def test_user_text_is_literal_in_markdown(clock: FrozenClock) -> None:
    m = new_meeting("[b]周会[/] *重要*", clock, SequentialIds("x"), topics=[{"title": "<script>议题</script>"}])
    text = notice(m, "md", "zh")
    assert text.startswith("# 会议通知：\\[b\\]周会\\[/\\] \\*重要\\*\n")
    assert "\\<script\\>议题\\</script\\>" in text


def test_ics_is_a_request_read_back_with_its_attendees(meeting: Meeting, clock: FrozenClock) -> None:
    text = notice(meeting, "ics", "zh", clock.now())
    assert "\r\n" in text and all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    cal = Calendar.from_ical(text)
    assert cal["METHOD"] == "REQUEST"
    [event] = cal.walk("VEVENT")
    start = event.decoded("DTSTART")
    assert start == dt.datetime.fromisoformat("2026-12-01T10:00:00+08:00")
    assert str(start.tzinfo) == "Asia/Shanghai" and event["DTSTART"].params["TZID"] == "Asia/Shanghai"
    assert event.decoded("DURATION") == dt.timedelta(minutes=60)
    assert str(event["LOCATION"]) == "5F 会议室 / https://meet.example.com/points"
    assert str(event["SUMMARY"]) == "会员积分需求对接会"
    assert "一期范围" in str(event["DESCRIPTION"])
    assert event["ORGANIZER"].params["CN"] == "王芳"
    found = {str(a.params["CN"]): (a.params["PARTSTAT"], a.params["ROLE"], a.params["RSVP"]) for a in event["ATTENDEE"]}
    assert found == {
        "王芳": ("ACCEPTED", "CHAIR", "FALSE"),
        "李娜": ("ACCEPTED", "REQ-PARTICIPANT", "FALSE"),
        "陈刚": ("DECLINED", "REQ-PARTICIPANT", "FALSE"),
        "孙丽": ("ACCEPTED", "REQ-PARTICIPANT", "FALSE"),
        "赵磊": ("ACCEPTED", "OPT-PARTICIPANT", "FALSE"),
    }
    assert [c.name for c in cal.subcomponents] == ["VTIMEZONE", "VEVENT"]


def test_ics_of_an_invited_attendee_with_an_email_asks_for_an_answer(clock: FrozenClock) -> None:
    m = new_meeting(
        "Weekly sync",
        clock,
        SequentialIds("w"),
        scheduled_start="2026-12-01T10:00:00+01:00",
        timezone="Europe/Berlin",
        host="Sam",
        attendees=[
            {"name": "Sam", "contact": "sam@example.com"},
            {"name": "Ana", "role": "observer", "contact": "ana@example.com"},
        ],
    )
    event = Calendar.from_ical(notice(m, "ics", "en", clock.now())).walk("VEVENT")[0]
    assert str(event["ORGANIZER"]) == "mailto:sam@example.com"
    ana = [a for a in event["ATTENDEE"] if a.params["CN"] == "Ana"][0]
    assert str(ana) == "mailto:ana@example.com"
    assert (ana.params["PARTSTAT"], ana.params["RSVP"], ana.params["ROLE"]) == (
        "NEEDS-ACTION",
        "TRUE",
        "NON-PARTICIPANT",
    )


def test_ics_needs_a_start_time(clock: FrozenClock) -> None:
    with pytest.raises(MeetuiError, match="has no start time"):
        notice(new_meeting("周会", clock, SequentialIds("z")), "ics")


def declined_owner(clock: FrozenClock) -> Meeting:
    """刘洋 declined and named 孙丽 his proxy; 周敏 declined and named nobody; each owns a topic."""
    attendees = [
        {"name": "王芳", "role": "decision-maker", "attendance": "confirmed"},
        {"name": "刘洋", "attendance": "declined", "proxy": "孙丽", "bring": "预算表"},
        {"name": "孙丽", "attendance": "confirmed"},
        {"name": "周敏", "attendance": "declined"},
    ]
    topics = [
        {"title": "预算", "owner": "刘洋"},
        {"title": "招聘", "owner": "孙丽"},
        {"title": "差旅", "owner": "周敏"},
    ]
    return new_meeting(
        "预算评审会",
        clock,
        SequentialIds("d"),
        host="王芳",
        attendees=attendees,
        topics=topics,
        scheduled_start=clock.now().add(days=5),
    )


@pytest.mark.parametrize("fmt", ["md", "txt", "ics"])
def test_someone_who_declined_is_not_asked_to_prepare_their_proxy_is(fmt: str, clock: FrozenClock) -> None:
    text = notice(declined_owner(clock), fmt, "zh", clock.now())
    if fmt == "ics":
        text = str(Calendar.from_ical(text).walk("VEVENT")[0]["DESCRIPTION"])
    bring = text[text.index("请各位准备") :].split("\n\n")[0].splitlines()
    items = [line for line in bring if line.startswith("- ")]
    assert items == [
        "- 孙丽：介绍「招聘」",
        "- 孙丽（代 刘洋）：预算表，介绍「预算」",
        "- 待定（周敏 已拒绝，未指定代理人）：介绍「差旅」",
    ]
    assert not any(line.startswith(("- 刘洋", "- 周敏")) for line in items)


def test_in_english_the_proxy_takes_the_items_over(clock: FrozenClock) -> None:
    text = notice(declined_owner(clock), "txt", "en")
    assert "- 孙丽 (for 刘洋): 预算表, present 预算\n" in text
    assert "- no one yet (周敏 declined, no proxy named): present 差旅\n" in text
    assert "- 刘洋:" not in text
