"""Outputs built from a meeting: the minutes (会议纪要) in Markdown, HTML, plain text and JSON.

:func:`build_minutes` turns a :class:`~meetui.core.models.Meeting` into a
language-neutral :class:`~meetui.export.minutes_model.Minutes`;
:func:`render` lays it out in one format and language. Nothing here imports
Textual or TinyDB.
"""

from __future__ import annotations

from .minutes_model import Minutes, build_minutes
from .render import FORMATS, LANGS, minutes_filename, render

__all__ = ["FORMATS", "LANGS", "Minutes", "build_minutes", "minutes_filename", "render"]
