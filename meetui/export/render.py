"""One entry point for every minutes format: :func:`render` and the file name to write."""

from __future__ import annotations

from typing import Literal

from ..core.clock import to_pendulum
from ..core.errors import MeetuiError
from ..core.models import Meeting
from ..core.text import slugify
from .labels import LANGS, Labels
from .minutes_model import Minutes

Format = Literal["md", "html", "txt", "json"]
FORMATS: tuple[Format, ...] = ("md", "html", "txt", "json")

__all__ = ["FORMATS", "LANGS", "Format", "minutes_filename", "render"]


def render(minutes: Minutes, fmt: str = "md", lang: str = "en") -> str:
    """The minutes in format ``fmt`` and language ``lang`` (JSON is the same in every language)."""
    words = Labels(lang)
    if fmt == "json":
        from .json_schema import render_json

        return render_json(minutes)
    from .document import layout

    if fmt == "md":
        from .markdown import render_blocks

        return render_blocks(layout(minutes, words))
    if fmt == "html":
        from .html import render_blocks as render_html

        return render_html(layout(minutes, words), title=words("title", title=minutes.title), lang=lang)
    if fmt == "txt":
        from .text import render_blocks as render_text

        return render_text(layout(minutes, words, plain_text=True))
    raise MeetuiError(f"unknown minutes format {fmt!r}: use one of {', '.join(FORMATS)}")


def minutes_filename(meeting: Meeting, fmt: str) -> str:
    """``YYYY-MM-DD-<slug>-minutes.<ext>``, dated by the meeting's start in its own zone."""
    if fmt not in FORMATS:
        raise MeetuiError(f"unknown minutes format {fmt!r}: use one of {', '.join(FORMATS)}")
    start = meeting.clock[0].start if meeting.clock else meeting.scheduled_start or meeting.created_at
    day = to_pendulum(start, meeting.timezone).format("YYYY-MM-DD")
    return f"{day}-{slugify(meeting.title)}-minutes.{fmt}"
