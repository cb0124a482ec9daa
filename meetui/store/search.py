"""Full-text search over the index's ``text`` part: case-insensitive substrings, so Chinese needs no word breaks.

One meeting's searchable text is a list of entries ``[kind, topic id, text,
record id]`` (:func:`text_entries`): the title (record id: the meeting's),
each topic's title and goal, each note not withdrawn, each decision (every
version), each action item's task and deliverable, each parking-lot item. The
index keeps them (see :mod:`meetui.store.index`); :func:`meeting_hits` finds a
query in a meeting already loaded, with exactly the same entries and matching,
so a screen can step through the hits of the search that opened it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .files import Tables

if TYPE_CHECKING:
    from ..core.models import Meeting

__all__ = ["KINDS", "SearchHit", "fold", "locate", "meeting_hits", "search", "searchable_tables", "text_entries"]

#: Where text can be found, in the order a meeting shows them.
KINDS = ("title", "topic", "note", "decision", "action", "parking")


@dataclass(frozen=True)
class SearchHit:
    """One place where the query occurs.

    ``kind`` is one of :data:`KINDS`; ``topic_id`` the topic it belongs to (or
    ``None``); ``record_id`` the id of the record the text is from (the note,
    decision, action item, parking-lot item or topic; the meeting's own id for
    its title); ``start`` and ``end`` the hit's character offsets in ``text``.
    """

    meeting_id: str
    meeting_title: str
    kind: str
    topic_id: str | None
    text: str
    start: int
    end: int
    record_id: str

    @property
    def found(self) -> str:
        """The matched characters, as written in the record (``"FAQ"`` for a search of ``faq``)."""
        return self.text[self.start : self.end]


def fold(query: str) -> str:
    """What a query matches: without surrounding spaces, case folded (``str.casefold``); ``""`` finds nothing."""
    return query.strip().casefold()


def locate(needle: str, text: str) -> tuple[int, int] | None:
    """Where the folded ``needle`` (see :func:`fold`) first occurs in ``text``: ``(start, end)`` offsets in ``text``
    itself, or ``None``.

    Casefolding can lengthen a character (``ß`` → ``ss``): the offsets are then
    mapped back, so that ``start:end`` covers the characters that matched.
    """
    if not needle:
        return None
    folded = text.casefold()
    at = folded.find(needle)
    if at < 0:
        return None
    if len(folded) == len(text):
        return at, at + len(needle)
    owner: list[int] = []  # the character of `text` each character of `folded` comes from
    for index, char in enumerate(text):
        owner.extend([index] * len(char.casefold()))
    return owner[at], owner[at + len(needle) - 1] + 1


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _id(value: Any) -> str:
    return value if isinstance(value, str) else ""


def text_entries(data: Tables) -> list[list[Any]]:
    """The searchable text of a meeting's checked tables: ``[kind, topic id or None, text, record id]`` each.

    Empty texts are left out; a topic's title and goal are one entry (joined by
    a space), and so are an action item's task and deliverable.
    """
    header = data["meeting"]["1"]
    entries: list[list[Any]] = [["title", None, _text(header.get("title")), _id(header.get("id"))]]
    for t in data.get("topics", {}).values():
        words = " ".join(_text(t.get(k)) for k in ("title", "goal") if _text(t.get(k)))
        entries.append(["topic", t.get("id"), words, _id(t.get("id"))])
    for n in data.get("notes", {}).values():
        if not n.get("withdrawn"):
            entries.append(["note", n.get("topic_id"), _text(n.get("text")), _id(n.get("id"))])
    for d in data.get("decisions", {}).values():
        entries.append(["decision", d.get("topic_id"), _text(d.get("text")), _id(d.get("id"))])
    for a in data.get("actions", {}).values():
        words = " ".join(x for x in (_text(a.get("task")), _text(a.get("deliverable"))) if x)
        entries.append(["action", a.get("topic_id"), words, _id(a.get("id"))])
    for p in data.get("parking_lot", {}).values():
        entries.append(["parking", p.get("topic_id"), _text(p.get("text")), _id(p.get("id"))])
    return [
        [kind, topic if isinstance(topic, str) else None, words, record]
        for kind, topic, words, record in entries
        if words
    ]


def search(query: str, meetings: list[tuple[str, str, list[list[Any]]]], *, limit: int = 500) -> list[SearchHit]:
    """Hits of ``query`` in ``(meeting id, title, text entries)``, in the order given, at most ``limit``.

    Matching folds case (``str.casefold``) and ignores surrounding spaces; a
    blank query finds nothing. One hit per entry (its first occurrence).
    """
    needle = fold(query)
    hits: list[SearchHit] = []
    if not needle:
        return hits
    for meeting_id, title, entries in meetings:
        if needle not in "\x00".join(entry[2] for entry in entries).casefold():
            continue  # one search in C per meeting: most meetings do not have it
        for kind, topic_id, text, record_id in entries:
            where = locate(needle, text)
            if where is None:
                continue
            hits.append(SearchHit(meeting_id, title, kind, topic_id, text, where[0], where[1], record_id))
            if len(hits) >= limit:
                return hits
    return hits


#: The fields :func:`text_entries` reads, by table (``meeting`` is the header).
SEARCHED_FIELDS = {
    "meeting": ("id", "title"),
    "topics": ("id", "title", "goal"),
    "notes": ("id", "topic_id", "text", "withdrawn"),
    "decisions": ("id", "topic_id", "text"),
    "actions": ("id", "topic_id", "task", "deliverable"),
    "parking_lot": ("id", "topic_id", "text"),
}


def searchable_tables(meeting: Meeting) -> Tables:
    """The part of a meeting's tables that :func:`text_entries` reads, taken from the model without dumping it
    whole (a meeting of thousands of records costs a few milliseconds, not tens)."""
    data: Tables = {"meeting": {"1": {key: getattr(meeting, key) for key in SEARCHED_FIELDS["meeting"]}}}
    for table, fields in SEARCHED_FIELDS.items():
        if table != "meeting":
            records = getattr(meeting, table)
            data[table] = {str(n): {key: getattr(r, key) for key in fields} for n, r in enumerate(records, 1)}
    return data


def meeting_hits(query: str, meeting: Meeting) -> list[SearchHit]:
    """Every hit of ``query`` in one meeting as it is now (in memory), in the order :func:`search` gives them."""
    if not fold(query):
        return []
    return search(query, [(meeting.id, meeting.title, text_entries(searchable_tables(meeting)))], limit=1_000_000)
