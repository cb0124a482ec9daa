"""The Word minutes read back with python-docx, and opened by LibreOffice where it is installed."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from hypothesis import given, settings

from meetui.core.errors import MeetuiError
from meetui.export import build_minutes, render, render_bytes
from meetui.export.docx import EAST_ASIAN_FONT

from .scenario import run_demo_meeting
from .test_hostile_text import HOSTILE, meeting_with

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOTEXT = shutil.which("pdftotext")

#: The practice's three tables (domain.md), by their Chinese headings.
PRACTICE_TABLES = {
    "一、会议基本信息": ["项目", "内容"],
    "二、议程与讨论记录": ["序号", "议题名称", "负责人", "预计时长", "实际时长", "结果"],
    "三、行动项跟踪表": ["序号", "编号", "任务描述", "负责人", "截止日期", "交付物", "优先级", "状态", "进展说明"],
}


@pytest.fixture(scope="module")
def demo():
    meeting, clock = run_demo_meeting()
    return build_minutes(meeting, clock.now())


def read(data: bytes):
    return Document(io.BytesIO(data))


def body_items(document) -> list[tuple[str, object]]:
    """Paragraphs and tables in document order, as ("p", paragraph) and ("t", table)."""
    by_element = {p._p: ("p", p) for p in document.paragraphs} | {t._tbl: ("t", t) for t in document.tables}
    return [by_element[child] for child in document.element.body.iterchildren() if child in by_element]


def all_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def test_the_chinese_docx_has_the_practices_three_tables_with_their_headings(demo) -> None:
    document = read(render_bytes(demo, "docx", "zh"))
    items = body_items(document)
    headings = {}
    for index, (kind, item) in enumerate(items):
        if kind == "p" and item.style.name.startswith("Heading") and item.text in PRACTICE_TABLES:
            following = next(obj for k, obj in items[index + 1 :] if k == "t")
            headings[item.text] = [cell.text for cell in following.rows[0].cells]
    assert headings == PRACTICE_TABLES
    actions = next(
        obj
        for k, obj in items
        if k == "t" and obj.rows[0].cells[0].text == "序号" and obj.rows[0].cells[2].text == "任务描述"
    )
    assert len(actions.rows) == 1 + len(demo.actions)
    assert actions.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # header repeated on each page


def test_the_summary_comes_first_and_every_decision_and_action_reads_back(demo) -> None:
    document = read(render_bytes(demo, "docx", "en"))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading 1")]
    assert headings[:3] == ["Summary", "Action items by person", "1. Basic information"]
    text = all_text(document)
    summary = text[: text.index("Action items by person")]
    decisions = [t.decision.text for t in demo.topics if t.decision is not None]
    assert len(decisions) == 4
    for decision in decisions:
        assert decision in summary
    for action in demo.actions:
        assert action.task in summary and action.id in summary
    for version in [v.text for t in demo.topics for v in t.other_versions]:
        assert version in text
    actions_table = next(t for t in document.tables if [c.text for c in t.rows[0].cells][2:3] == ["Task"])
    assert [row.cells[2].text for row in actions_table.rows[1:]] == [a.task for a in demo.actions]
    assert [row.cells[1].text for row in actions_table.rows[1:]] == [a.id for a in demo.actions]


def test_the_page_header_names_the_meeting_and_its_date_and_chinese_has_a_font(demo) -> None:
    document = read(render_bytes(demo, "docx", "zh"))
    header = document.sections[0].header.paragraphs[0].text
    assert demo.title in header and "2026年11月20日" in header
    for name in ["Normal", "Heading 1", "Title", "List Bullet", "Table Grid"]:
        fonts = document.styles[name].element.rPr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:eastAsia")) == EAST_ASIAN_FONT, name
        assert fonts.get(qn("w:eastAsiaTheme")) is None, name
    assert document.core_properties.title == f"会议纪要：{demo.title}"


def test_links_are_real_hyperlinks(demo) -> None:
    document = read(render_bytes(demo, "docx", "en"))
    targets = [rel.target_ref for rel in document.part.rels.values() if rel.reltype.endswith("/hyperlink")]
    assert targets == ["https://wiki.example.com/payments/sdk-perf?run=42&env=staging"]


def test_docx_is_binary_and_render_refuses_it(demo) -> None:
    with pytest.raises(MeetuiError, match="binary"):
        render(demo, "docx", "zh")
    assert render_bytes(demo, "md", "zh") == render(demo, "md", "zh").encode("utf-8")


@settings(max_examples=15, deadline=None)
@given(st_texts=HOSTILE.flatmap(lambda first: HOSTILE.map(lambda second: [first, second, first + second])))
def test_any_text_people_type_gives_a_readable_docx(st_texts: list[str]) -> None:
    minutes = meeting_with(st_texts)
    document = read(render_bytes(minutes, "docx", "zh"))
    text = all_text(document)
    for action in minutes.actions:
        visible = "".join(ch for ch in action.task if ch >= " " or ch in "\n\t")
        assert " ".join(visible.split()) in " ".join(text.split())


@pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui"
)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_libreoffice_opens_it_and_converts_it_to_pdf(demo, tmp_path: Path, lang: str) -> None:
    source = tmp_path / f"纪要.{lang}.docx"
    source.write_bytes(render_bytes(demo, "docx", lang))
    profile = (tmp_path / "lo-profile").as_uri()
    result = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    pdf = tmp_path / f"纪要.{lang}.pdf"
    assert result.returncode == 0 and pdf.is_file(), result.stdout + result.stderr
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 10_000
    if PDFTOTEXT:
        text = subprocess.run([PDFTOTEXT, "-layout", str(pdf), "-"], capture_output=True, text=True, timeout=60).stdout
        assert ("三、行动项跟踪表" if lang == "zh" else "3. Action tracking") in text
        assert "整理发布范围清单并发给各部门" in text  # Chinese text survives, with a font that has it


def test_a_meeting_not_started_gives_a_docx_too() -> None:
    from .scenario import demo_live

    live = demo_live()
    document = read(render_bytes(build_minutes(live.meeting, live.clock.now()), "docx", "zh"))
    assert "草稿" in all_text(document) and "无行动项。" in all_text(document)


def test_the_documents_dates_are_the_minutes_time_in_utc(demo) -> None:
    properties = read(render_bytes(demo, "docx", "zh")).core_properties
    assert properties.created.replace(tzinfo=None) == demo.generated_at.astimezone(dt.UTC).replace(tzinfo=None)
    assert properties.created.strftime("%H:%M") == "03:21"  # 11:21 in Shanghai
