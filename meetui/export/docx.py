"""Minutes as a Word document (``.docx``), written with python-docx.

The people who receive minutes in the practice this product encodes keep
them in office documents built around three tables (domain.md, "The three
record tables"): basic information (会议基本信息), agenda and discussion
(议程与讨论记录) and action tracking (行动项跟踪表). This renderer lays out
the same document tree as the other formats (:func:`~meetui.export.document.layout`),
so the summary comes first and every table is a real Word table with its
header row repeated on each page. The page header carries the meeting's
name and date, the footer the page number. Every style names an East Asian
font (``w:eastAsia``), so Chinese shows in Word and in LibreOffice, whatever
the language of the minutes.

User text goes into runs as text only; characters that XML 1.0 cannot hold
(control characters other than tab and line breaks) are dropped, since
Word would refuse the file.
"""

from __future__ import annotations

import io
import re

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from .document import Block, Break, Bullets, Heading, Link, Paragraph, Rich, Strong, Table, Text, layout
from .labels import Labels
from .minutes_model import Minutes

#: The East Asian font named in every style: Word on Windows has it; LibreOffice substitutes a CJK font it has.
EAST_ASIAN_FONT = "Microsoft YaHei"
LATIN_FONT = "Calibri"
#: A4 with 2 cm margins: 17 cm of text width in portrait, 25.7 cm in landscape (the action tracking table).
TEXT_WIDTH_CM = 17.0
LANDSCAPE_WIDTH_CM = 25.7
TABLE_FONT = Pt(9.5)
#: Column widths (cm) by table kind, as the practice's forms lay them out; other tables share the width evenly.
WIDTHS: dict[str, list[float]] = {
    "facts": [3.4, 13.6],
    "attendance": [2.6, 3.2, 1.8, 2.6, 6.8],
    "agenda": [1.3, 6.1, 2.2, 2.8, 2.4, 2.2],
    "actions": [1.3, 1.8, 4.7, 3.4, 3.2, 3.0, 1.6, 2.6, 4.1],
    "parking": [1.3, 6.9, 1.6, 2.4, 2.4, 2.4],
    "risks": [1.3, 7.9, 2.8, 2.6, 2.4],
}
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_STYLES = ["Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "Heading 4", "List Bullet", "Table Grid",
           "Header", "Footer"]


def clean(value: str) -> str:
    """Text Word accepts: line breaks normalised, characters XML cannot hold dropped."""
    return _NOT_XML.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))


def _fonts(rpr_parent, *, size: float | None = None) -> None:
    """Name the Latin and East Asian fonts explicitly (no theme fonts, which have no Chinese in LibreOffice)."""
    rpr = rpr_parent.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    fonts.set(qn("w:ascii"), LATIN_FONT)
    fonts.set(qn("w:hAnsi"), LATIN_FONT)
    fonts.set(qn("w:eastAsia"), EAST_ASIAN_FONT)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:eastAsia"), "zh-CN")


def _setup(document, minutes: Minutes, words: Labels) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2)
    section.top_margin = section.bottom_margin = Cm(2)
    for name in _STYLES:
        style = document.styles[name]
        _fonts(style.element)
    document.styles["Normal"].font.size = Pt(10.5)
    for level, size in ((1, 14), (2, 12), (3, 11), (4, 10.5)):
        style = document.styles[f"Heading {level}"]
        style.font.size = Pt(size)
        style.font.color.rgb = RGBColor(0x1B, 0x1F, 0x24)
    header = section.header.paragraphs[0]
    date = words.date(minutes.date) if minutes.date else words("none")
    header.text = clean(f"{minutes.title}  ·  {date}")
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    footer._p.append(field)
    properties = document.core_properties
    properties.title = clean(words("title", title=minutes.title))[:255]
    properties.subject = clean(minutes.goal)[:255]
    properties.author = "meetui"
    properties.language = "zh-CN" if words.lang == "zh" else "en"
    properties.created = properties.modified = minutes.generated_at.replace(tzinfo=None)


def _hyperlink(paragraph, text: str, url: str) -> None:
    """A real hyperlink (w:hyperlink with an external relationship), underlined in the link colour."""
    rel = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel)
    run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    colour = OxmlElement("w:color")
    colour.set(qn("w:val"), "0B57D0")
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    rpr.append(colour)
    rpr.append(underline)
    run.append(rpr)
    node = OxmlElement("w:t")
    node.text = clean(text)
    node.set(qn("xml:space"), "preserve")
    run.append(node)
    link.append(run)
    paragraph._p.append(link)


def runs(paragraph, content: Rich, *, bold: bool = False, size: Pt | None = None) -> None:
    """Add inline content to a paragraph: text, bold labels, links, line breaks."""
    for item in content:
        run = None
        if isinstance(item, Text):
            run = paragraph.add_run(clean(item.value))
            run.bold = bold or None
        elif isinstance(item, Strong):
            run = paragraph.add_run(clean(item.value))
            run.bold = True
        elif isinstance(item, Link):
            if item.url.lower().startswith(("http://", "https://")):
                _hyperlink(paragraph, item.text, item.url)
            else:
                run = paragraph.add_run(clean(item.text))
        elif isinstance(item, Break):
            run = paragraph.add_run()
            run.add_break()
        if run is not None and size is not None:
            run.font.size = size


def _shade(cell, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _widths(block: Table) -> list[float]:
    """Column widths (cm): the kind's layout, else wide columns twice the others, over the text width."""
    weights = WIDTHS.get(block.kind) or [2.0 if i in block.wide else 1.0 for i in range(len(block.headers))]
    if len(weights) != len(block.headers):
        weights = [1.0] * len(block.headers)
    total = sum(weights)
    width = LANDSCAPE_WIDTH_CM if block.kind == "actions" else TEXT_WIDTH_CM
    return [width * w / total for w in weights]


def table(document, block: Table) -> None:
    """A real Word table: grid style, header row bold, shaded and repeated on every page."""
    rows = [*block.rows, *([block.footer] if block.footer else [])]
    grid = document.add_table(rows=1 + len(rows), cols=len(block.headers))
    grid.style = document.styles["Table Grid"]
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    widths = [Cm(w) for w in _widths(block)]
    for index, column in enumerate(grid.columns):
        column.width = widths[index]
    header = grid.rows[0]
    trpr = header._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    trpr.append(repeat)
    for index, text in enumerate(block.headers):
        cell = header.cells[index]
        cell.width = widths[index]
        runs(cell.paragraphs[0], [Strong(text)], size=TABLE_FONT)
        _shade(cell, "EEF1F5")
    for row_index, row in enumerate(rows, 1):
        cells = grid.rows[row_index].cells
        last = block.footer is not None and row_index == len(rows)
        for index, content in enumerate(row):
            cell = cells[index]
            cell.width = widths[index]
            paragraph = cell.paragraphs[0]
            runs(paragraph, content, bold=last, size=TABLE_FONT)
            if index in block.numeric:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            if last:
                _shade(cell, "F6F7F9")
    document.add_paragraph()


def _section(document, *, landscape: bool) -> None:
    """A new page in the other orientation; the header and footer carry over."""
    section = document.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    long, short = Cm(29.7), Cm(21)
    section.page_width, section.page_height = (long, short) if landscape else (short, long)


def render_blocks(blocks: list[Block], minutes: Minutes, words: Labels) -> bytes:
    """The blocks as a Word document (the bytes of a .docx file).

    The action tracking table, the widest, gets a landscape page of its own
    (with its heading); the rest is A4 portrait.
    """
    document = Document()
    _setup(document, minutes, words)
    for index, block in enumerate(blocks):
        after = blocks[index + 1] if index + 1 < len(blocks) else None
        if isinstance(after, Table) and after.kind == "actions" and isinstance(block, Heading):
            _section(document, landscape=True)
        if isinstance(block, Heading):
            runs(document.add_heading(level=min(block.level - 1, 3)), block.content)  # level 1 is the Title style
        elif isinstance(block, Paragraph):
            paragraph = document.add_paragraph()
            runs(paragraph, block.content)
            if block.style == "draft":
                for run in paragraph.runs:
                    run.font.color.rgb = RGBColor(0xB3, 0x26, 0x1E)
            elif block.style == "footer":
                for run in paragraph.runs:
                    run.font.size = Pt(8.5)
                    run.font.color.rgb = RGBColor(0x59, 0x63, 0x6E)
        elif isinstance(block, Bullets):
            for item in block.items:
                runs(document.add_paragraph(style="List Bullet"), item)
        elif isinstance(block, Table):
            table(document, block)
            if block.kind == "actions":
                _section(document, landscape=False)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def render_docx(minutes: Minutes, words: Labels) -> bytes:
    """The minutes as a .docx file's bytes: the summary first, then the practice's tables as Word tables."""
    return render_blocks(layout(minutes, words), minutes, words)
