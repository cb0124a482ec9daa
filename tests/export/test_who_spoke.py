"""Who spoke, and whose words a note is: the note-taker who typed every note is not a speaker."""

from __future__ import annotations

import pytest

from meetui.core.clock import FrozenClock, SequentialIds
from meetui.core.meeting import LiveMeeting, new_meeting
from meetui.core.models import NoteKind
from meetui.export import build_minutes, render

PEOPLE = [{"name": n} for n in ("王芳", "Alice Wang", "Sam Carter")]


@pytest.fixture
def live() -> LiveMeeting:
    clock = FrozenClock("2026-11-20T09:00:00+08:00", tz="Asia/Shanghai")
    meeting = new_meeting(
        "发布协调会",
        clock,
        SequentialIds("w"),
        attendees=PEOPLE,
        topics=[{"title": "发布日期", "planned_minutes": 20}],
        note_taker="Sam Carter",
        timezone="Asia/Shanghai",
    )
    live = LiveMeeting(meeting, clock, SequentialIds("n"))
    live.start()
    live.queue_speaker("Alice Wang")
    live.queue_speaker("王芳")
    live.next_speaker()
    clock.advance(seconds=93)
    live.add_note("研发：支付 SDK 升级延期两周")
    live.add_note("两种意见：先发布 vs 等 SDK", NoteKind.DISAGREEMENT)
    live.add_note("预算可能不足", NoteKind.RISK)
    live.next_speaker()
    clock.advance(seconds=40)
    live.end()
    return live


def test_notes_typed_by_the_note_taker_credit_nobody_and_the_queue_says_who_spoke(live: LiveMeeting) -> None:
    assert {n.author for n in live.meeting.notes} == {"Sam Carter"}
    minutes = build_minutes(live.meeting, live.now())
    speakers = [(s.name, s.count, s.counted) for s in minutes.attendance.speakers]
    assert speakers == [("王芳", 40, "seconds"), ("Alice Wang", 93, "seconds")]
    text = render(minutes, "md", "en")
    assert "(Sam Carter)" not in text and "Sam Carter:" not in text
    assert "王芳 (0:40 with the floor)" in text and "Alice Wang (1:33 with the floor)" in text
    assert "两种意见：先发布 vs 等 SDK" in text and "unassigned: 两种意见" not in text
    assert "发言 1:33" in render(minutes, "md", "zh")


def test_notes_of_several_authors_are_credited(live: LiveMeeting) -> None:
    """A log's notes name who said them (MeetBot's nicks): then the credit is the record."""
    live.meeting.ended_at = None
    live.meeting.status = live.meeting.status.__class__("live")
    live.add_note("渠道培训需提前两周", author="王芳")
    minutes = build_minutes(live.meeting, live.now())
    text = render(minutes, "md", "en")
    assert "渠道培训需提前两周 (王芳)" in text.replace("\\", "")
