"""Outputs built from a meeting: the minutes (会议纪要) in Markdown, HTML, plain text, JSON and Word.

:func:`build_minutes` turns a :class:`~meetui.core.models.Meeting` into a
language-neutral :class:`~meetui.export.minutes_model.Minutes`;
:func:`render` lays it out in one text format and language, and
:func:`render_bytes` in any format (Word included) as a file's bytes.
Nothing here imports Textual or TinyDB; python-docx is imported only for Word.
"""

from __future__ import annotations

from .minutes_model import Minutes, build_minutes
from .render import BINARY_FORMATS, FORMATS, LANGS, format_of, minutes_filename, render, render_bytes

__all__ = [
    "BINARY_FORMATS",
    "FORMATS",
    "LANGS",
    "Minutes",
    "build_minutes",
    "format_of",
    "minutes_filename",
    "render",
    "render_bytes",
]
