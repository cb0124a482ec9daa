"""Minutes as GitHub-flavoured Markdown: tables that render on GitHub and GitLab and paste into Confluence.

User text can never break the structure: Markdown punctuation is escaped
with a backslash (``|`` becomes ``\\|``), raw HTML is impossible because ``<``
is escaped, and line breaks inside a cell or a bullet become ``<br>``.
"""

from __future__ import annotations

import re

from .document import Block, Break, Bullets, Heading, Link, Paragraph, Rich, Strong, Table, Text

# Escaped wherever they appear: they start emphasis, code, links, raw HTML, table cells, headings.
_ESCAPES = str.maketrans({char: "\\" + char for char in "\\`*_[]<>|~#"})
# "&amp;" or "&#60;" would be read as a character reference.
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# At the start of a paragraph or bullet these would open a list, a quote, a break or a heading.
_BLOCK_START = re.compile(r"^([-+=]|\d{1,9}(?=[.)]))")
_NEWLINES = re.compile(r"\r\n?|\n")


def escape(text: str, *, block_start: bool = False) -> str:
    """Make user text literal Markdown; newlines become ``<br>``."""
    text = text.translate(_ESCAPES)
    if "&" in text:
        text = _ENTITY.sub(r"\\&", text)
    if block_start:
        text = text.lstrip(" \t")
        text = _BLOCK_START.sub(lambda m: m.group(0) + "\\" if m.group(0).isdigit() else "\\" + m.group(0), text)
    return _NEWLINES.sub("<br>", text) if "\n" in text or "\r" in text else text


def _url(url: str) -> str:
    """A URL safe inside ``(...)`` and inside a table cell."""
    for char, code in {
        "\\": "%5C",
        " ": "%20",
        "(": "%28",
        ")": "%29",
        "<": "%3C",
        ">": "%3E",
        "|": "%7C",
        "\n": "",
        "\r": "",
        "\t": "%09",
    }.items():
        url = url.replace(char, code)
    return url


def inline(content: Rich, *, block_start: bool = False) -> str:
    """Serialise inline runs; only the first run can sit at the start of a block."""
    out: list[str] = []
    for index, run in enumerate(content):
        first = block_start and index == 0
        if isinstance(run, Text):
            out.append(escape(run.value, block_start=first))
        elif isinstance(run, Strong):
            out.append(f"**{escape(run.value)}**")
        elif isinstance(run, Link):
            out.append(f"[{escape(run.text)}]({_url(run.url)})")
        elif isinstance(run, Break):
            out.append("<br>")
    return "".join(out)


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cell or " " for cell in cells) + " |"


def table(block: Table) -> list[str]:
    lines = [_row([escape(h) for h in block.headers])]
    lines.append("|" + "|".join("---:" if i in block.numeric else "---" for i in range(len(block.headers))) + "|")
    lines += [_row([inline(cell) for cell in row]) for row in block.rows]
    if block.footer:
        lines.append(_row([inline(cell) for cell in block.footer]))
    return lines


def render_blocks(blocks: list[Block]) -> str:
    """The blocks as one Markdown document, blocks separated by blank lines."""
    chunks: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            chunks.append(f"{'#' * block.level} {inline(block.content)}")
        elif isinstance(block, Paragraph):
            text = inline(block.content, block_start=True)
            chunks.append(f"*{text}*" if block.style == "footer" else text)
        elif isinstance(block, Bullets):
            chunks.append("\n".join(f"- {inline(item, block_start=True)}" for item in block.items))
        elif isinstance(block, Table):
            chunks.append("\n".join(table(block)))
    return "\n\n".join(chunks) + "\n"
