"""The order and content a reader of the next morning relies on, asserted on the structure of every format.

Summary first (decisions, action items, counts), action items by person, then
the practice's sections; discussion outside the agenda table; every note
credited to its author; private notes only with ``private=True``; items not
confirmed by their owner flagged in the summary and the tables.
"""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from meetui.core.models import NoteKind, TopicState
from meetui.export import LANGS, build_minutes, render
from meetui.export.labels import WORDS

from .scenario import demo_live, run_demo_meeting

SECTIONS = {
    "en": [
        "Summary",
        "Action items by person",
        "1. Basic information",
        "2. Agenda and discussion",
        "3. Action tracking",
        "4. Parking lot",
        "5. Risks",
        "6. Next checkpoint",
    ],
    "zh": [
        "会议摘要",
        "按人员列出的行动项",
        "一、会议基本信息",
        "二、议程与讨论记录",
        "三、行动项跟踪表",
        "四、遗留事项（停车场）",
        "五、风险与应对",
        "六、下次检查点",
    ],
}


@pytest.fixture(scope="module")
def demo():
    meeting, clock = run_demo_meeting()
    return meeting, build_minutes(meeting, clock.now())


def markdown_headings(page: str, level: int) -> list[str]:
    tokens = MarkdownIt("gfm-like").parse(page)
    return [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag == f"h{level}"]


class Outline(HTMLParser):
    """The text of each h2 and h3, and of each table's header cells, in document order."""

    def __init__(self) -> None:
        super().__init__()
        self.items: list[tuple[str, str]] = []
        self._open: str | None = None

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in {"h2", "h3", "th", "td"}:
            self._open = tag
            self.items.append((tag, ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == self._open:
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open:
            tag, text = self.items[-1]
            self.items[-1] = (tag, text + data)


def html_outline(page: str) -> Outline:
    parser = Outline()
    parser.feed(page)
    return parser


def text_headings(page: str, rule: str) -> list[str]:
    lines = page.split("\n")
    return [
        lines[i - 1]
        for i, line in enumerate(lines)
        if i and re.fullmatch(re.escape(rule) + "+", line) and len(line) >= 3
    ]


@pytest.mark.parametrize("lang", LANGS)
def test_the_summary_comes_first_then_actions_by_person_then_the_practices_sections(demo, lang: str) -> None:
    _, minutes = demo
    assert markdown_headings(render(minutes, "md", lang), 2) == SECTIONS[lang]
    assert [text for tag, text in html_outline(render(minutes, "html", lang)).items if tag == "h2"] == SECTIONS[lang]
    assert text_headings(render(minutes, "txt", lang), "-") == SECTIONS[lang]


@pytest.mark.parametrize("fmt", ["md", "html", "txt"])
@pytest.mark.parametrize("lang", LANGS)
def test_the_summary_holds_every_decision_and_action_before_the_basic_information(demo, fmt: str, lang: str) -> None:
    _, minutes = demo
    page = unescape(render(minutes, fmt, lang))
    summary = page[: page.index(SECTIONS[lang][1])]
    for topic in minutes.topics:
        if topic.decision is not None:
            assert topic.decision.text in summary
            assert topic.title in summary
    for action in minutes.actions:
        assert action.id in summary and action.task in summary
    words = WORDS[lang]
    locked = words["locked_meta"].format(by="Sam Carter", version=2)
    assert locked in summary  # the amended decision of topic 2: locked by, version
    counts = words["topics_count"].format(decided=4, deferred=1, skipped=0, open=0)
    assert counts in summary
    assert summary.count(words["to_confirm"]) == 2  # d00029 and d00040 were not confirmed by their owner


def test_counts_follow_the_topics_outcomes(demo) -> None:
    _, minutes = demo
    assert [t.outcome for t in minutes.topics] == ["decided", "decided", "decided", "deferred", "decided"]
    counts = minutes.summary
    assert (counts.topics_decided, counts.topics_deferred, counts.topics_skipped, counts.topics_open) == (4, 1, 0, 0)
    assert (counts.actions, counts.actions_to_confirm, counts.topics_overrun) == (4, 2, 1)
    assert counts.overrun_minutes == 0


def test_a_skipped_topic_and_an_overrun_meeting_are_counted() -> None:
    live = demo_live()
    live.start()
    live.clock.advance(minutes=100)
    live.meeting.topics[0].state = TopicState.SKIPPED  # as the live screen's "skip" leaves a topic
    minutes = build_minutes(live.meeting, live.clock.now())
    assert minutes.topics[0].outcome == "skipped"
    assert minutes.summary.topics_skipped == 1
    assert minutes.summary.overrun_minutes == 10  # 100 minutes run of 90 planned
    assert "the meeting ran 10 minutes over plan" in render(minutes, "md", "en")
    assert "已跳过" in render(minutes, "md", "zh")


@pytest.mark.parametrize("lang", LANGS)
def test_actions_by_person_list_owners_and_co_owners(demo, lang: str) -> None:
    _, minutes = demo
    page = render(minutes, "md", lang)
    section = page[page.index(SECTIONS[lang][1]) : page.index(SECTIONS[lang][2])]
    assert markdown_headings(section, 3) == ["李娜", "Priya Nair", "Alice Wang", "Tom Becker"]
    li_na = section[section.index("### 李娜") : section.index("### Priya Nair")]
    assert "d00028" in li_na and "d00029" in li_na and WORDS[lang]["co_owner_tag"] in li_na


def test_items_naming_no_attendee_are_unassigned_as_in_meetbot() -> None:
    live = demo_live()
    live.start()
    live.add_action("联系外部审计", "外部顾问", due="fri")
    live.add_action("准备预算", "李娜", due="fri")
    minutes = build_minutes(live.meeting, live.clock.now())
    page = render(minutes, "md", "zh")
    section = page[page.index("按人员列出的行动项") : page.index("一、会议基本信息")]
    assert markdown_headings(section, 3) == ["李娜", "未分配"]
    assert section.index("联系外部审计") > section.index("### 未分配")


@pytest.mark.parametrize("lang", LANGS)
def test_the_agenda_table_holds_short_cells_and_each_topic_has_its_own_section(demo, lang: str) -> None:
    _, minutes = demo
    outline = html_outline(render(minutes, "html", lang)).items
    start = outline.index(("h2", SECTIONS[lang][3]))
    headers = [text for tag, text in outline[start:] if tag == "th"][:6]
    expected = {
        "en": ["No.", "Topic", "Owner", "Planned", "Actual", "Outcome"],
        "zh": ["序号", "议题名称", "负责人", "预计时长", "实际时长", "结果"],
    }
    assert headers == expected[lang]
    cells = [text for tag, text in outline[start : outline.index(("h2", SECTIONS[lang][4]))] if tag == "td"]
    assert max(len(cell) for cell in cells) < 60  # no discussion inside the table
    topic_sections = [text for tag, text in outline[start:] if tag == "h3"]
    assert len(topic_sections) == len(minutes.topics)
    page = render(minutes, "md", lang)
    first = page[page.index(topic_sections[0]) : page.index(topic_sections[1])]
    for note in minutes.topics[0].discussion.disagreements + minutes.topics[0].discussion.questions:
        assert note.text in first
    assert "陈刚" in first and minutes.topics[0].decision.objections[0].why in first


@pytest.mark.parametrize("fmt", ["md", "html", "txt"])
@pytest.mark.parametrize("lang", LANGS)
def test_every_note_is_credited_to_its_author_not_the_note_taker(demo, fmt: str, lang: str) -> None:
    _, minutes = demo
    page = render(minutes, fmt, lang).replace("&#x27;", "'")
    aside = WORDS[lang]["aside"]
    idea = minutes.topics[0].discussion.points[2]
    assert idea.author == "Alice Wang"
    assert idea.text + aside.format(text="Alice Wang") in page
    question = minutes.topics[0].discussion.questions[0]
    assert question.text + aside.format(text="王芳") in page


def test_people_who_spoke_count_their_notes_or_the_lines_a_log_counted(demo) -> None:
    meeting, minutes = demo
    counts = {s.name: (s.count, s.counted) for s in minutes.attendance.speakers}
    assert counts["Alice Wang"] == (4, "notes") and counts["陈刚"] == (2, "notes")
    assert "赵磊" not in counts
    meeting = meeting.model_copy(deep=True)
    meeting.attendees[0].lines_said = 17
    minutes = build_minutes(meeting, meeting.ended_at)
    assert minutes.attendance.speakers[0].name == meeting.attendees[0].name
    assert (minutes.attendance.speakers[0].count, minutes.attendance.speakers[0].counted) == (17, "lines")
    assert f"{meeting.attendees[0].name}（发言 17 行）" in render(minutes, "txt", "zh")


def test_private_notes_come_in_only_when_asked_and_marked() -> None:
    live = demo_live()
    live.start()
    live.add_note("私下：王芳倾向 12 月 15 日", NoteKind.INFO, author="Sam Carter", private=True)
    live.add_note("公开记录", NoteKind.INFO, author="李娜")
    public = build_minutes(live.meeting, live.clock.now())
    assert not public.private and "私下" not in render(public, "md", "zh")
    private = build_minutes(live.meeting, live.clock.now(), private=True)
    assert private.private
    page = render(private, "md", "zh")
    assert "- 【私密】私下：王芳倾向 12 月 15 日（Sam Carter）" in page.splitlines()
    assert "含私密记录" in page
    assert [s.name for s in private.attendance.speakers] == ["李娜"]  # private notes are not counted


@pytest.mark.parametrize("lang", LANGS)
def test_the_action_table_has_co_owners_departments_the_flag_and_the_whole_progress_log(demo, lang: str) -> None:
    meeting, minutes = demo
    first = meeting.actions[0]
    assert len(first.progress) >= 1
    for fmt in ["md", "html", "txt"]:
        page = render(minutes, fmt, lang)
        table = page[page.index(SECTIONS[lang][4]) : page.index(SECTIONS[lang][5])]
        assert "研发部 R&D" in table.replace("&amp;", "&")
        assert WORDS[lang]["co_owners"] in table
        assert table.count(WORDS[lang]["to_confirm"].split()[0]) >= 2
        for entry in [p for a in meeting.actions for p in a.progress if p.note]:
            assert "".join(entry.note.split()) in "".join(table.split()), (fmt, entry.note)


def test_document_layout_takes_punctuation_from_the_labels() -> None:
    source = (Path(__file__).parents[2] / "meetui" / "export" / "document.py").read_text(encoding="utf-8")
    assert "lang ==" not in source and 'lang=="' not in source


def test_progress_notes_come_from_the_whole_log_oldest_first() -> None:
    live = demo_live()
    live.start()
    live.add_action("整理发布范围清单", "李娜", due="fri", confirmed=True)
    item = live.meeting.actions[0]
    live.set_action_status(item.id, "in-progress", note="初稿完成 30%", by="李娜")
    live.clock.advance(minutes=5)
    live.set_action_status(item.id, "delayed", note="等待法务意见", by="李娜", due="2026-12-11")
    minutes = build_minutes(live.meeting, live.clock.now())
    assert [p.note for p in minutes.actions[0].progress_log] == [
        "初稿完成 30%",
        "等待法务意见; due 2026-11-27 → 2026-12-11",
    ]
    for fmt in ["md", "html", "txt"]:
        page = "".join(render(minutes, fmt, "zh").split())
        table = page[page.index("三、行动项跟踪表") :]
        assert table.index("初稿完成30%") < table.index("等待法务意见"), fmt
        assert table.count("等待法务意见") == 1, fmt  # the delay's reason is its log entry, not repeated


@pytest.mark.parametrize("lang", LANGS)
def test_every_bold_label_renders_as_bold_on_github(demo, lang: str) -> None:
    """CommonMark's flanking rules: a ``**`` next to CJK punctuation can stay literal; none may."""
    _, minutes = demo
    for page in (render(minutes, "md", lang), render(build_minutes(*_draft()), "md", lang)):
        tokens = MarkdownIt("gfm-like").parse(page)
        texts = [child.content for t in tokens for child in t.children or [] if child.type == "text"]
        assert not [t for t in texts if "**" in t]
        assert sum(1 for t in tokens for c in t.children or [] if c.type == "strong_open") > 20


def _draft():
    meeting, clock = run_demo_meeting(finish=False)
    return meeting, clock.now()
