"""The minutes' parking lot says what became of each item, in every format and both languages."""

from __future__ import annotations

import io
import json

import pytest
from docx import Document

from meetui.core.clock import FrozenClock, SequentialIds
from meetui.core.meeting import LiveMeeting, new_meeting
from meetui.export import build_minutes, render, render_bytes
from meetui.export.minutes_model import Minutes

#: What each format's parking lot must say, per language: the action item (id, owner, due), the follow-up
#: meeting, the decision, and an item still open.
WORDS = {
    "en": ["action item t0", "王芳, due 2026-12-04 Fri", "a topic of the follow-up meeting", "decided: 培训", "open"],
    "zh": ["转为行动项 t0", "王芳，2026-12-04 周五 截止", "列入跟进会议议题", "已决定：培训", "待跟进"],
}
SECTION = {"en": ("4. Parking lot", "5. Risks"), "zh": ("四、遗留事项（停车场）", "五、风险与应对")}


@pytest.fixture(scope="module")
def minutes() -> tuple[Minutes, str]:
    clock = FrozenClock("2026-11-20T10:00:00+08:00", tz="Asia/Shanghai")
    ids = SequentialIds("t")
    meeting = new_meeting(
        "渠道协调会",
        clock,
        ids,
        host="王芳",
        attendees=[{"name": "王芳"}, {"name": "陈刚"}],
        topics=[{"title": "发布日期"}, {"title": "渠道培训"}],
    )
    live = LiveMeeting(meeting, clock, ids)
    live.start()
    to_action = live.park("预算口径不一致", owner="陈刚").records[0]
    live.park("合同模板要不要统一", raised_by="陈刚")
    to_follow_up = live.park("海外发布节奏").records[0]
    live.next_topic()
    live.defer_topic(reason="等赵磊回来")
    live.goto_topic(meeting.agenda[1].id)
    decision = live.propose_decision("培训在发布前两周完成").records[0]
    live.no_objections(decision.id)
    live.end()
    action_id = live.parked_to_action(to_action.id, owner="王芳", due="2026-12-04").records[0].id
    live.parked_to_follow_up(to_follow_up.id)
    return build_minutes(meeting, clock.now()), action_id


def section(text: str, lang: str) -> str:
    start, end = SECTION[lang]
    return text[text.index(start) : text.index(end)]


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_markdown_and_html_say_what_became_of_each_item(minutes, fmt: str, lang: str) -> None:
    data, action_id = minutes
    part = section(render(data, fmt, lang), lang)
    for words in WORDS[lang]:
        assert words in part
    assert action_id in part


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_plain_text_says_what_became_of_each_item(minutes, lang: str) -> None:
    data, action_id = minutes
    part = " ".join(section(render(data, "txt", lang), lang).split())  # cells wrap: compare the words
    assert action_id in part
    for words in ["follow-up", "decided:", "open"] if lang == "en" else ["转为行动项", "列入跟进会议议题", "待跟进"]:
        assert words in part


def test_json_names_the_outcome_the_action_item_and_the_decision(minutes) -> None:
    data, action_id = minutes
    parked = json.loads(render(data, "json", "en"))["parking_lot"]
    assert [(p["outcome"], p["resolved"]) for p in parked] == [
        ("action", True),
        ("open", False),
        ("follow-up", False),
        ("decided", True),
    ]
    assert (parked[0]["action_id"], parked[0]["action_owner"], parked[0]["action_due"]) == (
        action_id,
        "王芳",
        "2026-12-04",
    )
    assert parked[3]["decision"] == "培训在发布前两周完成"
    assert Minutes.from_json(render(data, "json", "en")).parking_lot[2].outcome == "follow-up"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_docx_says_what_became_of_each_item(minutes, lang: str) -> None:
    data, action_id = minutes
    document = Document(io.BytesIO(render_bytes(data, "docx", lang)))
    table = next(t for t in document.tables if t.rows[0].cells[-1].text in {"What became of it", "处理结果"})
    became = [row.cells[-1].text for row in table.rows[1:]]
    assert action_id in became[0] and WORDS[lang][1] in became[0]
    assert became[1:] == [WORDS[lang][4], WORDS[lang][2], f"{WORDS[lang][3]}在发布前两周完成"]
