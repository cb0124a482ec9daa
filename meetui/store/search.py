"""Full-text search over the index's ``text`` part: case-insensitive substrings, so Chinese needs no word breaks.

One meeting's searchable text is a list of entries ``[kind, topic id, text,
record id]`` (:func:`text_entries`): the title (record id: the meeting's),
each topic's title and goal, each note neither withdrawn nor private (the home
screen is shared on screens too), each decision (every version), each action
item's task and deliverable, each parking-lot item. The index keeps them packed
(:func:`pack`): four strings per meeting, which read from disk in a fraction of
the time tens of thousands of small lists take, and are searched in C
(:func:`search`); :func:`meeting_hits` finds a query in a meeting already
loaded, with exactly the same entries and matching, so a screen can step
through the hits of the search that opened it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from .files import Tables

if TYPE_CHECKING:
    from ..core.models import Meeting

__all__ = [
    "KINDS",
    "SearchHit",
    "fits_packed",
    "fold",
    "locate",
    "meeting_hits",
    "pack",
    "search",
    "searchable_tables",
    "text_entries",
]

#: Where text can be found, in the order a meeting shows them.
KINDS = ("title", "topic", "note", "decision", "action", "parking")


class SearchHit(NamedTuple):
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


#: One letter per kind in a packed entry list, and back.
_LETTERS = {"title": "T", "topic": "o", "note": "n", "decision": "d", "action": "a", "parking": "p"}
_KINDS_OF = {letter: kind for kind, letter in _LETTERS.items()}

#: Separators of a packed entry list: between texts, and between ids (neither is ever in an id or a kept text).
_TEXTS, _IDS = "\x00", "\x1f"


def pack(entries: list[list[Any]]) -> dict[str, str]:
    """:func:`text_entries` as four strings: ``kinds`` (a letter each), ``topics`` and ``ids`` (joined by
    ``\\x1f``; no topic is ``""``) and ``text`` (joined by ``\\x00``, which a text cannot hold: it is a space
    there)."""
    return {
        "kinds": "".join(_LETTERS[kind] for kind, _topic, _text, _record in entries),
        "topics": _IDS.join((topic or "").replace(_IDS, " ") for _kind, topic, _text, _record in entries),
        "ids": _IDS.join(record.replace(_IDS, " ") for _kind, _topic, _text, record in entries),
        "text": _TEXTS.join(text.replace(_TEXTS, " ") for _kind, _topic, text, _record in entries),
    }


def fits_packed(value: Any) -> bool:
    """Whether ``value`` has exactly the shape :func:`pack` writes (checked before an index entry is used)."""
    if type(value) is not dict or value.keys() != {"kinds", "topics", "ids", "text"}:
        return False
    if not all(type(v) is str for v in value.values()):
        return False
    kinds, topics, ids, text = (str(value[k]) for k in ("kinds", "topics", "ids", "text"))
    if not kinds:
        return topics == ids == text == ""
    separators = {topics.count(_IDS), ids.count(_IDS), text.count(_TEXTS)}
    return all(letter in _KINDS_OF for letter in kinds) and separators == {len(kinds) - 1}


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
        if not n.get("withdrawn") and not n.get("private"):
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


def search(query: str, meetings: list[tuple[str, str, dict[str, str]]], *, limit: int = 500) -> list[SearchHit]:
    """Hits of ``query`` in ``(meeting id, title, packed entries)`` (see :func:`pack`), in the order given, at most
    ``limit``.

    Matching folds case (``str.casefold``) and ignores surrounding spaces; a
    blank query finds nothing. One hit per entry (its first occurrence).
    """
    needle = fold(query)
    hits: list[SearchHit] = []
    if not needle or _TEXTS in needle:
        return hits
    # A needle of uncased characters from the CJK blocks on (Chinese, Japanese kana, Korean…) matches the text as it
    # is: casefolding never turns another character into one of them, so the whole text need not be folded.
    uncased = all(ord(c) >= 0x2E80 and c.lower() == c == c.upper() for c in needle)
    for meeting_id, title, packed in meetings:
        whole = packed["text"]
        folded = whole if uncased else whole.casefold()
        at = folded.find(needle)
        if at < 0:
            continue  # one search in C per meeting: most meetings do not have it
        texts = whole.split(_TEXTS)
        topics, ids = packed["topics"].split(_IDS), packed["ids"].split(_IDS)
        if len(folded) == len(whole):  # the usual case: where a hit is in the whole text names its entry
            entry, scanned = 0, 0  # the entry that begins at `scanned`
            while at >= 0:
                entry += folded.count(_TEXTS, scanned, at)  # a needle never holds the separator: within one entry
                hit = _hit(needle, meeting_id, title, packed["kinds"][entry], topics[entry], texts[entry], ids[entry])
                if hit is not None:
                    hits.append(hit)
                    if len(hits) >= limit:
                        return hits
                ends = folded.find(_TEXTS, at)
                if ends < 0:
                    break
                entry, scanned = entry + 1, ends + 1  # one hit per entry: go on from the next one
                at = folded.find(needle, scanned)
            continue
        for index, text in enumerate(texts):  # casefolding changed lengths (ß → ss): entry by entry
            hit = _hit(needle, meeting_id, title, packed["kinds"][index], topics[index], text, ids[index])
            if hit is not None:
                hits.append(hit)
                if len(hits) >= limit:
                    return hits
    return hits


def _hit(needle: str, meeting_id: str, title: str, letter: str, topic: str, text: str, record: str) -> SearchHit | None:
    where = locate(needle, text)
    if where is None:
        return None
    return SearchHit(meeting_id, title, _KINDS_OF[letter], topic or None, text, where[0], where[1], record)


#: The fields :func:`text_entries` reads, by table (``meeting`` is the header).
SEARCHED_FIELDS = {
    "meeting": ("id", "title"),
    "topics": ("id", "title", "goal"),
    "notes": ("id", "topic_id", "text", "withdrawn", "private"),
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
    return search(query, [(meeting.id, meeting.title, pack(text_entries(searchable_tables(meeting))))], limit=1_000_000)
