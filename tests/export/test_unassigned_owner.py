"""An action item that names nobody: stored as the ``UNASSIGNED`` marker, shown in the minutes' language."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from docx import Document

from meetui.core.clock import FrozenClock, SequentialIds
from meetui.core.meeting import LiveMeeting, new_meeting
from meetui.core.models import UNASSIGNED
from meetui.export import build_minutes, render, render_bytes
from meetui.importers.meetbot import import_meetbot

SHOWN = {"en": "unassigned", "zh": "未指派"}


def text_of(fmt: str, lang: str, minutes) -> str:  # noqa: ANN001
    if fmt != "docx":
        return render(minutes, fmt, lang)
    document = Document(io.BytesIO(render_bytes(minutes, "docx", lang)))
    return "\n".join(
        [p.text for p in document.paragraphs]
        + [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    )


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory):
    log: Path = tmp_path_factory.mktemp("logs") / "周会.2026-11-20-10.00.log.txt"
    log.write_text(
        "\n".join(
            [
                "10:00 <alice> #startmeeting 周会",
                "10:01 <alice> #topic 渠道",
                "10:02 <alice> #action 有空的人整理渠道名单 by fri",
                "10:03 <alice> #action alice 发纪要",
                "10:04 <alice> #endmeeting",
            ]
        ),
        encoding="utf-8",
    )
    meeting = import_meetbot(log, ids=SequentialIds("m"))
    assert [a.owner for a in meeting.actions] == [UNASSIGNED, "alice"]  # the stored value is the marker
    return build_minutes(meeting, meeting.ended_at or dt.datetime(2026, 11, 20, tzinfo=dt.UTC))


@pytest.mark.parametrize("fmt", ["md", "html", "txt", "docx"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_owner_is_shown_in_the_minutes_language(imported, fmt: str, lang: str) -> None:  # noqa: ANN001
    text = text_of(fmt, lang, imported)
    assert UNASSIGNED not in text
    assert SHOWN[lang] in text
    assert "整理渠道名单" in text and "发纪要" in text


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_imported_action_items_are_not_flagged_to_confirm(imported, lang: str) -> None:  # noqa: ANN001
    text = render(imported, "md", lang)
    assert "owner to confirm within 2 hours" not in text and "未确认" not in text
    assert ("2 (0 awaiting their owner's confirmation)" if lang == "en" else "2 项（0 项待负责人确认）") in text


def test_the_unassigned_group_of_a_meeting_without_attendees() -> None:
    clock = FrozenClock(dt.datetime(2026, 11, 20, 10, 0, tzinfo=dt.UTC), "UTC")
    meeting = new_meeting("没有与会者", clock, SequentialIds("u"))
    live = LiveMeeting(meeting, clock, SequentialIds("v"), actor="王芳")
    live.start()
    live.add_action("整理渠道名单", UNASSIGNED)
    live.add_action("发纪要", "王芳")
    text = render(build_minutes(meeting, clock.now()), "md", "zh")
    by_person = text[text.index("## 按人员列出的行动项") : text.index("## 一、")]
    assert "### UNASSIGNED" not in by_person and "### 王芳" in by_person
    assert by_person.index("### 未分配") < by_person.index("整理渠道名单——未指派")
