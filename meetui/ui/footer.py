"""The compact footer of the live screen, built without restyling each key as it mounts."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey  # not exported by textual.widgets; tests catch a rename


class CompactFooter(Footer):
    """Textual's ``Footer(compact=True)``, with each key given the ``-compact`` class before it mounts.

    Textual's footer composes its keys without the class and adds it as each key mounts, which styles
    every key a second time: about 0.4 ms a key, and the footer builds its keys anew at every change of
    focus (three times before the live screen's first frame). A key that already has the class is left
    alone.
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(compact=True, **kwargs)  # type: ignore[arg-type]

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                widget.set_class(True, "-compact", update=False)
            yield widget
