"""Text the panes show, wrapped as Chinese is written: between any two characters, with a hanging indent.

Textual breaks lines at spaces only. A note such as "16:09 ✔ 发布日期定为12月15日，
代码冻结…" (a long run of Chinese with no space in it) therefore went to the
next line whole, leaving "16:09 ✔" alone on the first. :class:`Hanging` wraps
with :func:`meetui.core.text.wrap` instead (Chinese between any two characters,
never before closing punctuation; English at spaces) and indents the lines
after the first under the text, so the time and symbol stand out.

A :class:`Hanging` can mark a stretch of its body (a search hit) with a style:
the mark follows the characters through the wrapping, so it covers exactly
them wherever the lines break.
"""

from __future__ import annotations

from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

from ...core.text import cell_width, wrap

#: Below this many cells for the text, a hanging indent wastes more than it helps: the lead wraps with the text.
MIN_HANGING_WIDTH = 12


class Hanging(Visual):
    """A ``lead`` (such as a time and a symbol) and a ``body``, wrapped to the width the widget gives.

    ``mark``: ``(start, end)`` character offsets in ``body`` drawn in ``mark_style`` (never markup).
    """

    def __init__(
        self, lead: str, body: str, *, mark: tuple[int, int] | None = None, mark_style: Style | str = ""
    ) -> None:
        self.lead = lead
        self.body = body
        self.mark = mark if mark is not None and mark_style and mark[0] < mark[1] else None
        self.mark_style = mark_style
        self._wrapped: tuple[int, Content] | None = None

    def __str__(self) -> str:
        return self.lead + self.body

    def lines(self, width: int) -> Content:
        """The text broken into lines of at most ``width`` cells (remembered for the last width asked)."""
        if self._wrapped is not None and self._wrapped[0] == width:
            return self._wrapped[1]
        indent = cell_width(self.lead)
        if width - indent < MIN_HANGING_WIDTH:
            source, shift = self.lead + self.body, len(self.lead)
            pieces = wrap(source, width)
            prefixes = [""] * len(pieces)
        else:
            source, shift = self.body, 0
            pieces = wrap(self.body, width - indent)
            prefixes = [self.lead] + [" " * indent] * (len(pieces) - 1)
        content = Content("\n".join(prefix + piece for prefix, piece in zip(prefixes, pieces, strict=True)))
        if self.mark is not None:
            start, end = self.mark[0] + shift, self.mark[1] + shift
            for first, last in _runs(_shown_at(source, prefixes, pieces, start, end)):
                content = content.stylize(self.mark_style, first, last + 1)
        self._wrapped = (width, content)
        return content

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        inner = width - options.rules.get("line_pad", 0) * 2
        return self.lines(inner).render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        widest = max(cell_width(line) for line in self.body.split("\n"))
        return cell_width(self.lead) + widest + rules.get("line_pad", 0) * 2

    def get_height(self, rules: RulesMap, width: int) -> int:
        inner = width - rules.get("line_pad", 0) * 2
        return self.lines(inner).get_height(rules, width)


def _shown_at(source: str, prefixes: list[str], pieces: list[str], start: int, end: int) -> list[int]:
    """Where the characters ``start:end`` of ``source`` are in the wrapped text (prefixes and pieces joined by
    line breaks): wrapping only breaks lines and drops or collapses spaces, so each character shown is the next
    one of ``source`` that equals it (a space: the next blank)."""
    shown: list[int] = []
    at, line_start = 0, 0
    for prefix, piece in zip(prefixes, pieces, strict=True):
        offset = line_start + len(prefix)
        for index, char in enumerate(piece):
            while at < len(source) and source[at] != char and not (char == " " and source[at].isspace()):
                at += 1
            if at >= len(source):
                return shown
            if start <= at < end:
                shown.append(offset + index)
            at += 1
        line_start = offset + len(piece) + 1
    return shown


def _runs(offsets: list[int]) -> list[tuple[int, int]]:
    """Consecutive offsets as ``(first, last)`` runs."""
    runs: list[tuple[int, int]] = []
    for offset in offsets:
        if runs and runs[-1][1] == offset - 1:
            runs[-1] = (runs[-1][0], offset)
        else:
            runs.append((offset, offset))
    return runs
