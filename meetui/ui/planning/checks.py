"""The plan screen's checks: the practice's findings, updated as the plan changes, each with its reason."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...core.checks import Finding


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
            mark = "⚠ " if finding.level == "warning" else "· "
            text = Text(mark + finding.message, style="bold" if finding.level == "warning" else "")
            text.append("\n  " + finding.reason, style="dim")
            self.add_option(Option(text, id=f"finding-{number}"))
        if highlighted is not None:
            self.highlighted = min(highlighted, len(findings) - 1)

    @property
    def current(self) -> Finding | None:
        index = self.highlighted
        return self.findings[index] if index is not None and index < len(self.findings) else None
