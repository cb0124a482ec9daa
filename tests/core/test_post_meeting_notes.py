"""Post-meeting notes: after ``e`` the note field still takes notes, on the meeting, listed apart."""

from __future__ import annotations

import pytest

from meetui.core.clock import FrozenClock
from meetui.core.errors import MeetuiError
from meetui.core.live.notes import post_meeting_notes
from meetui.core.meeting import LiveMeeting
from meetui.core.models import NoteKind
from meetui.export.minutes_model import Discussion, build_minutes


def texts(discussion: Discussion) -> list[str]:
    return [n.text for n in (*discussion.points, *discussion.disagreements, *discussion.questions)]


@pytest.fixture
def ended(live: LiveMeeting, clock: FrozenClock) -> LiveMeeting:
    live.start()
    live.add_note("会上：发布日期待定")
    clock.advance(minutes=30)
    live.end()
    clock.advance(minutes=5)
    return live


def test_a_line_after_the_end_is_a_post_meeting_note_on_the_meeting(ended: LiveMeeting) -> None:
    change = ended.apply_line("会后补充：市场部确认 12 月 5 日可以发布")
    note = change.records[0]
    assert note.topic_id is None and note.kind is NoteKind.INFO
    assert ended.meeting.ended_at is not None and note.at > ended.meeting.ended_at
    ended.apply_line("#link https://example.com/纪要 会后补充的链接")
    assert [n.text for n in post_meeting_notes(ended.meeting)] == [
        "会后补充：市场部确认 12 月 5 日可以发布",
        "https://example.com/纪要 会后补充的链接",
    ]
    assert [n.text for n in ended.meeting.notes if n not in post_meeting_notes(ended.meeting)] == ["会上：发布日期待定"]


@pytest.mark.parametrize(
    ("line", "named"),
    [
        ("#action 王芳 补充材料", "#action"),
        ("#topic 新议题", "#topic"),
        ("#agreed 十二月发布", "agreed in the meeting"),
    ],
)
def test_after_the_end_only_notes_are_taken_and_a_refusal_says_why(ended: LiveMeeting, line: str, named: str) -> None:
    before = ended.meeting.model_dump()
    with pytest.raises(MeetuiError, match="the meeting has ended") as refused:
        ended.apply_line(line)
    assert named in str(refused.value)
    assert ended.meeting.model_dump() == before


def test_undo_after_the_end_takes_back_post_meeting_notes_only(ended: LiveMeeting) -> None:
    with pytest.raises(MeetuiError, match="only a note added after it"):
        ended.apply_line("#undo")  # the notes taken during the meeting are its record
    ended.apply_line("会后补充一")
    ended.apply_line("会后补充二")
    ended.apply_line("#undo")
    assert [n.text for n in post_meeting_notes(ended.meeting)] == ["会后补充一"]


def test_private_post_meeting_notes_are_listed_only_when_asked(ended: LiveMeeting) -> None:
    ended.add_note("只给记录人看的会后补充", private=True)
    assert post_meeting_notes(ended.meeting) == []
    assert [n.text for n in post_meeting_notes(ended.meeting, include_private=True)] == ["只给记录人看的会后补充"]


def test_the_minutes_list_post_meeting_notes_apart(ended: LiveMeeting, clock: FrozenClock) -> None:
    ended.apply_line("会后补充：预算已批准")
    minutes = build_minutes(ended.meeting, clock.now())
    assert texts(minutes.after_end) == ["会后补充：预算已批准"]
    in_topics = [text for topic in minutes.topics for text in texts(topic.discussion)] + texts(minutes.general)
    assert "会后补充：预算已批准" not in in_topics and "会上：发布日期待定" in in_topics


@pytest.mark.parametrize(
    ("fmt", "lang", "heading"), [("md", "en", "Added after the meeting"), ("txt", "zh", "会后补充")]
)
def test_every_minutes_format_heads_post_meeting_notes(
    ended: LiveMeeting, clock: FrozenClock, fmt: str, lang: str, heading: str
) -> None:
    from meetui.export.render import render

    assert heading not in render(build_minutes(ended.meeting, clock.now()), fmt, lang)
    ended.apply_line("会后补充：预算已批准")
    text = render(build_minutes(ended.meeting, clock.now()), fmt, lang)
    assert heading in text and text.index(heading) < text.index("会后补充：预算已批准")
