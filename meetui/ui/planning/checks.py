"""The plan screen's checks: the practice's findings, updated as the plan changes, each with its reason.

Each finding is wrapped as Chinese is written (:func:`meetui.core.text.wrap`, as the notes pane does): between
any two characters, never with closing punctuation such as "，" at a line's start, English at spaces; the
message hangs under its mark and the reason follows in full, dimmed, so nothing is cut at a narrow width.
"""

from __future__ import annotations

from rich.text import Text
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...core.checks import Finding
from ...core.text import cell_width, wrap
from ..panes.wrapping import Hanging

#: The reason's indent: deeper than the message's own lines, so the two read apart.
REASON_INDENT = "    "


class FindingPrompt(Hanging):
    """One finding: the mark, the message hanging under itself (bold for a warning), the reason under it."""

    def __init__(self, finding: Finding) -> None:
        mark = "⚠ " if finding.level == "warning" else "· "
        super().__init__(mark, finding.message)
        self.reason = finding.reason
        self.bold = finding.level == "warning"

    def __str__(self) -> str:
        return f"{self.lead}{self.body}\n{REASON_INDENT}{self.reason}"

    def lines(self, width: int) -> Content:
        """The message and the reason broken into lines of at most ``width`` cells."""
        if self._wrapped is not None and self._wrapped[0] == width:
            return self._wrapped[1]
        message = super().lines(width)  # remembered under this width: replaced below
        indent = len(REASON_INDENT)
        reason = wrap(self.reason, width - indent) if width - indent >= 8 else wrap(self.reason, width)
        pad = REASON_INDENT if width - indent >= 8 else ""
        content = Content.assemble(
            message.stylize("bold") if self.bold else message,
            *(Content.styled("\n" + pad + line, "dim") for line in reason),
        )
        self._wrapped = (width, content)
        return content

    def get_optimal_width(self, rules, container_width: int) -> int:  # type: ignore[no-untyped-def]
        return max(
            super().get_optimal_width(rules, container_width),
            len(REASON_INDENT) + max(cell_width(line) for line in self.reason.split("\n")),
        )


class ChecksList(OptionList):
    """Warnings then hints; ``enter`` on one (or the jump key anywhere) goes to the field that fixes it."""

    HELP = """## Checks
The practice's checks of the plan, each with its reason. `enter` jumps to the field that fixes the
highlighted one; `f6` anywhere jumps to the first. Warnings make `meetui check` exit 1; hints do not."""

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id, markup=False)
        self.findings: list[Finding] = []

    def show(self, findings: list[Finding]) -> None:
        """Show ``findings`` (an empty list says the plan passes every check)."""
        if findings == self.findings and self.option_count:
            return
        highlighted = self.highlighted
        self.findings = list(findings)
        self.clear_options()
        if not findings:
            self.add_option(Option(Text("✓ the plan passes every check"), id="ok", disabled=True))
            return
        for number, finding in enumerate(findings):
            self.add_option(Option(FindingPrompt(finding), id=f"finding-{number}"))
        if highlighted is not None:
            self.highlighted = min(highlighted, len(findings) - 1)

    @property
    def current(self) -> Finding | None:
        index = self.highlighted
        return self.findings[index] if index is not None and index < len(self.findings) else None
