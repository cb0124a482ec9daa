"""Text helpers that respect wide (CJK) characters: display width, padding, slugs."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache


def cell_width(text: str) -> int:
    """How many terminal cells ``text`` takes: wide and full-width characters take two."""
    if text.isascii():  # every ASCII character takes one cell: the common case, at C speed
        return len(text)
    return sum(map(_char_width, text))


@lru_cache(maxsize=8192)
def _char_width(char: str) -> int:
    if unicodedata.combining(char) or char in "\u200b\u200d\ufe0f":
        return 0
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def pad(text: str, width: int, align: str = "<") -> str:
    """Pad ``text`` with spaces to ``width`` cells (``<`` left, ``>`` right)."""
    gap = max(width - cell_width(text), 0)
    return " " * gap + text if align == ">" else text + " " * gap


def truncate(text: str, width: int, ellipsis: str = "…") -> str:
    """Cut ``text`` to at most ``width`` cells, marking the cut."""
    if cell_width(text) <= width:
        return text
    out, used = [], 0
    for char in text:
        w = cell_width(char)
        if used + w > width - cell_width(ellipsis):
            break
        out.append(char)
        used += w
    return "".join(out) + ellipsis


def table(rows: list[list[str]], headers: list[str]) -> str:
    """A plain-text table with columns aligned by display width."""
    widths = [max(cell_width(str(row[i])) for row in [headers, *rows]) for i in range(len(headers))]
    lines = ["  ".join(pad(str(c), w) for c, w in zip(headers, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(pad(str(c), w) for c, w in zip(row, widths, strict=True)).rstrip() for row in rows]
    return "\n".join(lines)


def slugify(text: str, max_length: int = 48) -> str:
    """A file-name-safe slug; Chinese characters are kept, punctuation becomes dashes."""
    normal = unicodedata.normalize("NFKC", text).casefold()
    slug = re.sub(r"[^\w]+", "-", normal, flags=re.UNICODE).strip("-_")
    return slug[:max_length].rstrip("-") or "meeting"
