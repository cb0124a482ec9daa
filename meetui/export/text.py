"""Minutes as plain text for email: headings underlined, tables with aligned, wrapped columns.

Widths are measured in terminal cells (:func:`meetui.core.text.cell_width`),
so columns stay aligned when names and notes are in Chinese: a wide
character counts two. Long cells wrap inside their column; Chinese wraps
between any two characters, other text at spaces, and a word longer than
its column is cut.
"""

from __future__ import annotations

import re

from ..core.text import cell_width, pad, wrap
from .document import Block, Break, Bullets, Heading, Link, Paragraph, Rich, Strong, Table, Text

#: The width tables aim for (cells); wide columns shrink to fit it.
PAGE_WIDTH = 100
GAP = "  "
_MIN_WIDE = 12
_MAX_NARROW = 28
_NEWLINES = re.compile(r"\r\n?|\n")
#: Unicode's control characters (category Cc: U+0000–U+001F and U+007F–U+009F), but the line break.
_CONTROLS = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")
_UNDERLINE = {1: "=", 2: "-", 3: "~"}


def clean(value: str) -> str:
    """Normalise line breaks and turn control characters (tabs…) into spaces, keeping widths honest."""
    return _CONTROLS.sub(" ", _NEWLINES.sub("\n", value))


def flatten(content: Rich) -> str:
    """Inline runs as plain text; a link shows its URL when its text differs."""
    out: list[str] = []
    for run in content:
        if isinstance(run, Text | Strong):
            out.append(clean(run.value))
        elif isinstance(run, Link):
            out.append(clean(run.text) if run.text.strip() == run.url else f"{clean(run.text)} <{clean(run.url)}>")
        elif isinstance(run, Break):
            out.append("\n")
    return "".join(out)


def _widths(block: Table, cells: list[list[str]]) -> list[int]:
    count = len(block.headers)
    natural = [max(cell_width(line) for row in cells for line in row[i].split("\n") or [""]) for i in range(count)]
    natural = [max(n, 1) for n in natural]
    widths = [min(n, _MAX_NARROW) if i not in block.wide else n for i, n in enumerate(natural)]
    spare = PAGE_WIDTH - len(GAP) * (count - 1) - sum(w for i, w in enumerate(widths) if i not in block.wide)
    wide = [i for i in range(count) if i in block.wide]
    if wide and sum(widths[i] for i in wide) > spare:
        share = max(spare // len(wide), _MIN_WIDE)
        for i in wide:
            widths[i] = min(widths[i], share)
    return widths


def table(block: Table) -> list[str]:
    """The table with every column aligned, wrapped cells spanning several lines."""
    rows = [[clean(h) for h in block.headers]]
    rows += [[flatten(c) for c in row] for row in block.rows]
    if block.footer:
        rows.append([flatten(c) for c in block.footer])
    widths = _widths(block, rows)
    rule = GAP.join("-" * w for w in widths)
    out: list[str] = []
    for index, row in enumerate(rows):
        if index == 1 or (block.footer and index == len(rows) - 1):
            out.append(rule)
        wrapped = [wrap(cell, widths[i]) for i, cell in enumerate(row)]
        for line_no in range(max(len(w) for w in wrapped)):
            parts = []
            for i, lines in enumerate(wrapped):
                piece = lines[line_no] if line_no < len(lines) else ""
                parts.append(pad(piece, widths[i], ">" if i in block.numeric and index else "<"))
            out.append(GAP.join(parts).rstrip())
    return out


def _indent(value: str, first: str, rest: str) -> list[str]:
    lines = value.split("\n")
    return [first + lines[0]] + [rest + line for line in lines[1:]]


def render_blocks(blocks: list[Block]) -> str:
    """The blocks as plain text, separated by blank lines."""
    chunks: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            title = " ".join(flatten(block.content).split())
            if block.level in _UNDERLINE:
                chunks.append(f"{title}\n{_UNDERLINE[block.level] * cell_width(title)}")
            else:
                chunks.append(f"» {title}")
        elif isinstance(block, Paragraph):
            chunks.append(flatten(block.content))
        elif isinstance(block, Bullets):
            chunks.append("\n".join(line for item in block.items for line in _indent(flatten(item), "- ", "  ")))
        elif isinstance(block, Table):
            chunks.append("\n".join(table(block)))
    text = "\n\n".join(chunks)
    return "\n".join(line.rstrip() for line in text.split("\n")) + "\n"
