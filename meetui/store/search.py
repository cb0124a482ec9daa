"""Full-text search over the index's ``text`` part: case-insensitive substrings, so Chinese needs no word breaks."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["KINDS", "SearchHit", "search"]

#: Where text can be found, in the order a meeting shows them.
KINDS = ("title", "topic", "note", "decision", "action", "parking")


@dataclass(frozen=True)
class SearchHit:
    """One place where the query occurs.

    ``kind`` is one of :data:`KINDS`; ``topic_id`` the topic it belongs to (or
    ``None``); ``start`` and ``end`` the hit's character offsets in ``text``.
    """

    meeting_id: str
    meeting_title: str
    kind: str
    topic_id: str | None
    text: str
    start: int
    end: int


def search(query: str, meetings: list[tuple[str, str, list[list[Any]]]], *, limit: int = 500) -> list[SearchHit]:
    """Hits of ``query`` in ``(meeting id, title, text entries)``, in the order given, at most ``limit``.

    Matching folds case (``str.casefold``) and ignores surrounding spaces; a
    blank query finds nothing.
    """
    needle = query.strip().casefold()
    hits: list[SearchHit] = []
    if not needle:
        return hits
    for meeting_id, title, entries in meetings:
        for kind, topic_id, text in entries:
            folded = text.casefold()
            at = folded.find(needle)
            if at < 0:
                continue
            if len(folded) != len(text):  # casefold changed lengths (ß → ss): find the hit in the text itself
                at = max(text.lower().find(query.strip().lower()), 0)
            hits.append(SearchHit(meeting_id, title, kind, topic_id, text, at, at + len(query.strip())))
            if len(hits) >= limit:
                return hits
    return hits
