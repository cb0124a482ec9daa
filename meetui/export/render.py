"""One entry point for every minutes format: :func:`render`, :func:`render_bytes` and the file name to write."""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

from ..core.clock import to_pendulum
from ..core.errors import MeetuiError
from ..core.models import Meeting, MeetingStatus
from .labels import LANGS, Labels
from .minutes_model import Minutes

Format = Literal["md", "html", "txt", "json", "docx"]
FORMATS: tuple[Format, ...] = ("md", "html", "txt", "json", "docx")
#: Formats whose output is bytes, not text (see :func:`render_bytes`).
BINARY_FORMATS: tuple[Format, ...] = ("docx",)
#: File extensions that name a format (``-o minutes.markdown`` is Markdown).
EXTENSIONS: dict[str, Format] = {
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".txt": "txt",
    ".text": "txt",
    ".json": "json",
    ".docx": "docx",
}

__all__ = [
    "BINARY_FORMATS",
    "EXTENSIONS",
    "FORMATS",
    "LANGS",
    "Format",
    "format_of",
    "minutes_filename",
    "render",
    "render_bytes",
]


def _unknown(fmt: str) -> MeetuiError:
    return MeetuiError(f"unknown minutes format {fmt!r}: use one of {', '.join(FORMATS)}")


def render(minutes: Minutes, fmt: str = "md", lang: str = "en") -> str:
    """The minutes in text format ``fmt`` and language ``lang`` (JSON is the same in every language).

    Raises :class:`MeetuiError` for an unknown format or language, and for
    ``docx``, which is binary: use :func:`render_bytes`.
    """
    words = Labels(lang)
    if fmt == "json":
        from .json_schema import render_json

        return render_json(minutes)
    if fmt in BINARY_FORMATS:
        raise MeetuiError(f"the {fmt} minutes are binary: write them to a file")
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
    raise _unknown(fmt)


def render_bytes(minutes: Minutes, fmt: str = "md", lang: str = "en") -> bytes:
    """The minutes in any format as the bytes of a file (text formats in UTF-8)."""
    if fmt == "docx":
        from .docx import render_docx

        return render_docx(minutes, Labels(lang))
    return render(minutes, fmt, lang).encode("utf-8")


def format_of(filename: str) -> Format | None:
    """The format a file name's extension names (case-insensitive), or ``None``."""
    match = re.search(r"\.[^./\\]+$", filename)
    return EXTENSIONS.get(match.group(0).lower()) if match else None


def ascii_slug(text: str, max_length: int = 48) -> str:
    """An ASCII file-name slug: accents folded, anything else dropped, words joined by dashes."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")[:max_length].rstrip("-")


def minutes_filename(meeting: Meeting, fmt: str) -> str:
    """``YYYY-MM-DD-<slug>-minutes[-draft].<ext>``, dated by the meeting's start in its own zone.

    The slug is ASCII (file names travel through mail, zips and shares); a
    title without ASCII letters gives the meeting id instead (``…-meeting-<id>-…``).
    Minutes of a meeting that has not ended are marked ``-draft``.
    """
    if fmt not in FORMATS:
        raise _unknown(fmt)
    start = meeting.clock[0].start if meeting.clock else meeting.scheduled_start or meeting.created_at
    day = to_pendulum(start, meeting.timezone).format("YYYY-MM-DD")
    slug = ascii_slug(meeting.title)
    if not re.search(r"[a-z]", slug):
        slug = "-".join(filter(None, ["meeting", ascii_slug(meeting.id), slug]))
    draft = "" if meeting.status is MeetingStatus.ENDED else "-draft"
    return f"{day}-{slug}-minutes{draft}.{fmt}"
