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

import datetime as dt
import io
import re

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from lxml import etree

from .document import Block, Break, Bullets, Heading, Link, Paragraph, Rich, Strong, Table, Text, layout
from .labels import Labels
from .minutes_model import Minutes

#: The East Asian font named in every style: Word on Windows has it; LibreOffice substitutes a CJK font it has.
EAST_ASIAN_FONT = "Microsoft YaHei"
LATIN_FONT = "Calibri"
#: A4 with 2 cm margins: 17 cm of text width in portrait, 25.7 cm in landscape (the action tracking table).
TEXT_WIDTH_CM = 17.0
LANDSCAPE_WIDTH_CM = 25.7
TABLE_HALF_POINTS = 19  # 9.5 pt
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
#: Column widths (cm) by table kind, as the practice's forms lay them out; other tables share the width evenly.
WIDTHS: dict[str, list[float]] = {
    "facts": [3.4, 13.6],
    "attendance": [2.6, 3.2, 1.8, 2.6, 6.8],
    "agenda": [1.3, 6.1, 2.2, 2.8, 2.4, 2.2],
    "actions": [1.3, 1.8, 4.7, 3.4, 3.2, 3.0, 1.6, 2.6, 4.1],
    "parking": [1.1, 5.4, 1.3, 2.0, 2.0, 2.2, 3.0],
    "risks": [1.3, 7.9, 2.8, 2.6, 2.4],
}
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_STYLES = [
    "Normal",
    "Title",
    "Heading 1",
    "Heading 2",
    "Heading 3",
    "Heading 4",
    "List Bullet",
    "Table Grid",
    "Header",
    "Footer",
]


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
    # Core properties hold UTC (W3CDTF, "…Z"); python-docx takes naive datetimes as UTC.
    properties.created = properties.modified = minutes.generated_at.astimezone(dt.UTC).replace(tzinfo=None)


def _el(parent, tag: str, **attrs: str):
    """A child element ``w:<tag>`` (attributes in the w namespace), appended to ``parent``."""
    element = etree.SubElement(parent, qn(f"w:{tag}"))
    for name, value in attrs.items():
        element.set(qn(f"w:{name}"), value)
    return element


def _run(paragraph, text: str, *, bold: bool = False, size: int = 0, colour: str = "", underline: bool = False):
    """A run of text (line breaks become ``w:br``); ``size`` in half-points."""
    run = _el(paragraph, "r")
    if bold or size or colour or underline:
        properties = _el(run, "rPr")
        if bold:
            _el(properties, "b")
        if colour:
            _el(properties, "color", val=colour)
        if size:
            _el(properties, "sz", val=str(size))
        if underline:
            _el(properties, "u", val="single")
    for index, line in enumerate(clean(text).split("\n")):
        if index:
            _el(run, "br")
        if line:
            node = _el(run, "t")
            node.text = line
            node.set(XML_SPACE, "preserve")
    return run


def runs(paragraph, content: Rich, part, *, bold: bool = False, size: int = 0, colour: str = "") -> None:
    """Add inline content to a ``w:p`` element: text, bold labels, hyperlinks, line breaks."""
    for item in content:
        if isinstance(item, Text):
            _run(paragraph, item.value, bold=bold, size=size, colour=colour)
        elif isinstance(item, Strong):
            _run(paragraph, item.value, bold=True, size=size, colour=colour)
        elif isinstance(item, Link):
            if item.url.lower().startswith(("http://", "https://")):
                link = _el(paragraph, "hyperlink")
                link.set(qn("r:id"), part.relate_to(item.url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True))
                _run(link, item.text, size=size, colour="0B57D0", underline=True)
            else:
                _run(paragraph, item.text, bold=bold, size=size, colour=colour)
        elif isinstance(item, Break):
            _el(_el(paragraph, "r"), "br")


def _widths(block: Table) -> list[float]:
    """Column widths (cm): the kind's layout, else wide columns twice the others, over the text width."""
    weights = WIDTHS.get(block.kind) or [2.0 if i in block.wide else 1.0 for i in range(len(block.headers))]
    if len(weights) != len(block.headers):
        weights = [1.0] * len(block.headers)
    total = sum(weights)
    width = LANDSCAPE_WIDTH_CM if block.kind == "actions" else TEXT_WIDTH_CM
    return [width * w / total for w in weights]


def _twips(cm: float) -> str:
    return str(round(cm / 2.54 * 1440))


def table(document, ids: dict[str, str], block: Table) -> None:
    """A real Word table: grid style, fixed column widths, header row bold, shaded and repeated on every page."""
    part = document.part
    widths = [_twips(w) for w in _widths(block)]
    grid = etree.Element(qn("w:tbl"))
    properties = _el(grid, "tblPr")
    _el(properties, "tblStyle", val=ids["Table Grid"])
    _el(properties, "tblW", w=str(sum(int(w) for w in widths)), type="dxa")
    _el(properties, "jc", val="center")
    _el(properties, "tblLayout", type="fixed")
    _el(
        properties,
        "tblLook",
        val="04A0",
        firstRow="1",
        lastRow="0",
        firstColumn="1",
        lastColumn="0",
        noHBand="0",
        noVBand="1",
    )
    columns = _el(grid, "tblGrid")
    for width in widths:
        _el(columns, "gridCol", w=width)
    rows: list[tuple[list[Rich], str]] = [([[Strong(h)] for h in block.headers], "EEF1F5")]
    rows += [(row, "") for row in block.rows]
    if block.footer:
        rows.append((block.footer, "F6F7F9"))
    for number, (cells, fill) in enumerate(rows):
        row = _el(grid, "tr")
        if number == 0:
            _el(_el(row, "trPr"), "tblHeader", val="true")
        for index, content in enumerate(cells):
            cell = _el(row, "tc")
            cell_properties = _el(cell, "tcPr")
            _el(cell_properties, "tcW", w=widths[index], type="dxa")
            if fill:
                _el(cell_properties, "shd", val="clear", color="auto", fill=fill)
            paragraph = _el(cell, "p")
            if index in block.numeric:
                _el(_el(paragraph, "pPr"), "jc", val="right")
            runs(paragraph, content, part, bold=bool(fill), size=TABLE_HALF_POINTS)
    document.element.body.sectPr.addprevious(grid)
    _paragraph(document, ids)


def _paragraph(document, ids: dict[str, str], style: str = ""):
    """A new ``w:p`` at the end of the body, in the style named (its id looked up once per document).

    python-docx's object layer looks the style up by name and finds the end
    of the body again for every paragraph and run, which costs seconds for
    the minutes of a long meeting; the elements are built directly instead.
    """
    element = etree.Element(qn("w:p"))
    if style:
        _el(_el(element, "pPr"), "pStyle", val=ids[style])
    document.element.body.sectPr.addprevious(element)
    return element


def style_ids(document) -> dict[str, str]:
    """Style ids by style name ("List Bullet" → "ListBullet"), read once per document."""
    return {style.name: style.style_id for style in document.styles if style.name}


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
    ids = style_ids(document)
    for index, block in enumerate(blocks):
        after = blocks[index + 1] if index + 1 < len(blocks) else None
        if isinstance(after, Table) and after.kind == "actions" and isinstance(block, Heading):
            _section(document, landscape=True)
        if isinstance(block, Heading):
            level = min(block.level - 1, 3)
            runs(_paragraph(document, ids, f"Heading {level}" if level else "Title"), block.content, document.part)
        elif isinstance(block, Paragraph):
            colour = {"draft": "B3261E", "footer": "59636E"}.get(block.style, "")
            size = 17 if block.style == "footer" else 0  # 8.5 pt
            runs(_paragraph(document, ids), block.content, document.part, colour=colour, size=size)
        elif isinstance(block, Bullets):
            for item in block.items:
                runs(_paragraph(document, ids, "List Bullet"), item, document.part)
        elif isinstance(block, Table):
            table(document, ids, block)
            if block.kind == "actions":
                _section(document, landscape=False)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def render_docx(minutes: Minutes, words: Labels) -> bytes:
    """The minutes as a .docx file's bytes: the summary first, then the practice's tables as Word tables."""
    return render_blocks(layout(minutes, words), minutes, words)
