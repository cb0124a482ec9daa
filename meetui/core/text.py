"""Text helpers that respect wide (CJK) characters: display width, padding, wrapping, slugs."""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Iterator
from functools import cached_property, lru_cache


class LazyPattern:
    """A regular expression compiled the first time it is used, then kept: ``LazyPattern(r"^#(\\w+)")``.

    The note-line and date parsers hold some twenty patterns, which take a
    few milliseconds to compile: as plain ``re.compile`` constants, every
    start of ``meetui run`` would pay for them before its first frame, though
    none is used until a line is typed. The methods are those of
    :class:`re.Pattern` that meetui uses, with the same arguments and results.
    """

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags

    @cached_property
    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern (compiled on first use; :class:`re.error` then if it is not valid)."""
        return re.compile(self.pattern, self.flags)

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.match(string, pos, endpos)

    def fullmatch(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.fullmatch(string, pos, endpos)

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.search(string, pos, endpos)

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        return self.compiled.finditer(string, pos, endpos)

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r}, {self.flags!r})"


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
    cells = [[str(c) for c in row] for row in [headers, *rows]]
    sizes = [[cell_width(c) for c in row] for row in cells]  # once per cell: `meetui list` prints thousands
    widths = [max(size[i] for size in sizes) for i in range(len(headers))]

    def line(row: list[str], size: list[int]) -> str:
        return "  ".join(c + " " * (w - n) for c, n, w in zip(row, size, widths, strict=True)).rstrip()

    lines = [line(cells[0], sizes[0]), "  ".join("-" * w for w in widths)]
    lines += [line(row, size) for row, size in zip(cells[1:], sizes[1:], strict=True)]
    return "\n".join(lines)


# Line breaking: a wide (CJK) character is a unit of its own, so Chinese breaks between any two characters;
# narrow runs (English words, numbers) break only at spaces.
_TOKENS = re.compile(r"\s+|\S")
_NO_LINE_START = set("，。、；：！？）」』》】〉”’…,.;:!?)]")
_NO_LINE_END = set("（「『《【〈“‘([")


def _words(line: str) -> list[str]:
    """Split a line into wrap units: runs of spaces, runs of narrow characters, single wide characters.

    Chinese punctuation stays with its neighbour: a line never starts with
    "，" or "）" nor ends with "（".
    """
    units: list[str] = []
    for match in _TOKENS.finditer(line):
        token = match.group(0)
        width = cell_width(token)
        after_word = bool(units) and not token.isspace() and not units[-1].isspace()
        narrow_run = after_word and width <= 1 and (width == 0 or cell_width(units[-1][-1]) <= 1)
        if narrow_run or (after_word and (token in _NO_LINE_START or units[-1][-1] in _NO_LINE_END)):
            units[-1] += token
        else:
            units.append(token)
    return units


def wrap(value: str, width: int) -> list[str]:
    """Wrap text to ``width`` cells; explicit line breaks are kept."""
    width = max(width, 2)
    lines: list[str] = []
    for paragraph in value.split("\n"):
        if cell_width(paragraph) <= width:
            lines.append(paragraph.rstrip())
            continue
        line = ""
        for unit in _words(paragraph):
            if unit.isspace():
                if line:
                    line += " "
                continue
            if cell_width(line + unit) <= width:
                line += unit
                continue
            if line.strip():
                lines.append(line.rstrip())
            line = ""
            while cell_width(unit) > width:
                head, used = "", 0
                for char in unit:
                    if used + cell_width(char) > width:
                        break
                    head += char
                    used += cell_width(char)
                lines.append(head)
                unit = unit[len(head) :]
            line = unit
        lines.append(line.rstrip())
    return lines


def slugify(text: str, max_length: int = 48) -> str:
    """A file-name-safe slug; Chinese characters are kept, punctuation becomes dashes."""
    normal = unicodedata.normalize("NFKC", text).casefold()
    slug = re.sub(r"[^\w]+", "-", normal, flags=re.UNICODE).strip("-_")
    return slug[:max_length].rstrip("-") or "meeting"
