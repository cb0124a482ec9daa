"""Text the panes show, wrapped as Chinese is written: between any two characters, with a hanging indent.

Textual breaks lines at spaces only. A note such as "16:09 ✔ 发布日期定为12月15日，
代码冻结…" (a long run of Chinese with no space in it) therefore went to the
next line whole, leaving "16:09 ✔" alone on the first. :class:`Hanging` wraps
with :func:`meetui.core.text.wrap` instead (Chinese between any two characters,
never before closing punctuation; English at spaces) and indents the lines
after the first under the text, so the time and symbol stand out.
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
    """A ``lead`` (such as a time and a symbol) and a ``body``, wrapped to the width the widget gives."""

    def __init__(self, lead: str, body: str) -> None:
        self.lead = lead
        self.body = body
        self._wrapped: tuple[int, Content] | None = None

    def __str__(self) -> str:
        return self.lead + self.body

    def lines(self, width: int) -> Content:
        """The text broken into lines of at most ``width`` cells (remembered for the last width asked)."""
        if self._wrapped is not None and self._wrapped[0] == width:
            return self._wrapped[1]
        indent = cell_width(self.lead)
        if width - indent < MIN_HANGING_WIDTH:
            lines = wrap(self.lead + self.body, width)
        else:
            first, *rest = wrap(self.body, width - indent)
            lines = [self.lead + first, *(" " * indent + line for line in rest)]
        content = Content("\n".join(lines))
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
