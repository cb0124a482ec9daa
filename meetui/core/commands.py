"""The note-line language: MeetBot's commands typed into the note field or read from an IRC log.

One parser serves both (the same line means the same thing live and imported): :func:`parse_note_line`
turns a line into a :class:`NoteCommand`; :func:`parse_action_line` reads what follows ``#action``
(people, task, due date). :meth:`meetui.core.meeting.LiveMeeting.apply_line` acts on a line live;
:mod:`meetui.importers.meetbot` acts on a log. The commands and their meaning follow MeetBot's manual
(openstack-infra/meetbot ``doc/Manual.txt``): a command is ``#word`` at the start of a line, case-insensitive;
an unknown ``#word`` is an ordinary line (here: a plain note); a line starting with a URL is a link.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Literal, NamedTuple

from .dates import CJK_DATE, due_remark, parse_due
from .errors import MeetuiError, UnknownPeople
from .models import Attendee, NoteKind
from .text import LazyPattern

CommandName = Literal["note", "action", "topic", "undo"]

#: MeetBot keywords that make a note, with the note's kind and a prefix kept in its text (MeetBot's minutes
#: label accepted and rejected items and calls for help; meetui records them as agreed and question notes).
NOTE_KEYWORDS: dict[str, tuple[NoteKind, str]] = {
    "info": (NoteKind.INFO, ""),
    "private": (NoteKind.INFO, ""),
    "idea": (NoteKind.IDEA, ""),
    "agreed": (NoteKind.AGREED, ""),
    "agree": (NoteKind.AGREED, ""),
    "accepted": (NoteKind.AGREED, "Accepted: "),
    "accept": (NoteKind.AGREED, "Accepted: "),
    "rejected": (NoteKind.AGREED, "Rejected: "),
    "disagree": (NoteKind.DISAGREEMENT, ""),
    "disagreement": (NoteKind.DISAGREEMENT, ""),
    "question": (NoteKind.QUESTION, ""),
    "help": (NoteKind.QUESTION, "Help wanted: "),
    "risk": (NoteKind.RISK, ""),
    "link": (NoteKind.LINK, ""),
}

#: Every command of the note field, with what it does (shown in the note field's help and the README).
COMMANDS_HELP: list[tuple[str, str]] = [
    ("#info TEXT", "an info note (plain text is one too)"),
    ("#idea TEXT", "an idea"),
    ("#agreed TEXT (#agree)", "something agreed; it prefills the decision"),
    ("#accepted TEXT / #rejected TEXT", "a proposal accepted / rejected (an agreed note so labelled)"),
    (
        "#action NAME TASK by WHEN",
        "an action item; with several names (`alice, bob:`) the first owns it, the rest co-own it",
    ),
    ("#help TEXT", "a call for help (a question note, listed in the minutes)"),
    ("#link URL (or a bare URL)", "a link"),
    ("#topic TITLE", "go to (or insert after the current one) a topic"),
    ("#undo", "take back the last thing the note field did (repeatable)"),
    ("#risk TEXT / #question TEXT / #disagree TEXT", "a risk / an open question / a disagreement"),
    ("#private TEXT", "a note hidden in presentation mode"),
]

#: How MeetBot recognises a link without a command (its ``UrlProtocols``, plus ``mailto:``).
URL_PREFIXES = ("http://", "https://", "irc://", "ftp://", "ssh://", "mailto:")

_COMMAND = LazyPattern(r"^#(\w+)(?:[ \t]+|$|(?=\W))(.*)$", re.DOTALL)
_BY = LazyPattern(r"(?:(?<=\s)|^)(?:by|due|before|until)\s+|截止(?:到|于|日期)?[:：]?\s*", re.IGNORECASE)
_DUE_BEFORE = LazyPattern(r"^(?P<task>.*?)[\s，,]+(?P<due>\S+?)(?:之前|前)(?:完成)?[。.]?$")
_DUE_LEAD = LazyPattern(r"^(?:在|于)?(?P<due>\S+?)(?:之前|前)[\s，,]*(?P<task>.+)$")
#: "提交报价单周五前": a date written right after the task, as Chinese is written (no space), then 前 or 之前.
_DUE_BEFORE_UNSPACED = LazyPattern(
    rf"^(?P<task>.*?\S)(?:在|于)?(?P<due>{CJK_DATE})(?:之前|前)(?:完成|提交|交付)?[。.!！]?$"
)
#: Between two names: a comma, 、, &, /, "and", 和/与/及 (the last only between two known names).
_SEPARATOR = LazyPattern(r"^\s*(?:(?P<mark>[,，、&/;；])|(?P<word>and)\b|(?P<cjk>和|与|及))\s*", re.IGNORECASE)
_TOKEN = LazyPattern(r"^[^\s,，、:：;；&/]+")
_COLON = LazyPattern(r"[:：](?!//)(?!\d)")  # not the colon of a URL ("https://") or a time ("10:30")
_ENDS_NAME = set(" \t:：,，、;；&/")
#: A nick addressed with a colon in a log (``dave:``): one word with a letter or digit in it.
#: A version or a decimal ("1.5", "2.0.1"), which the date reader would take for a month and day.
_VERSION = LazyPattern(r"^\d+(?:\.\d+)+$")
_ADDRESSED = LazyPattern(r"[^\s,，、:：;；&/]*\w[^\s,，、:：;；&/]*")


class NoteCommand(NamedTuple):
    """One parsed line: ``name`` is what to do; ``text`` the rest of the line; ``kind`` a note's kind."""

    name: CommandName
    text: str = ""
    kind: NoteKind = NoteKind.INFO
    private: bool = False
    keyword: str = ""  # the command as typed, folded ("" for plain text and bare links)


class ActionLine(NamedTuple):
    """The parts of ``#action NAMES TASK by WHEN``: ``owner`` (``""`` when nobody is named), co-owners,
    task, due date, and a remark on how the due date was read (``""`` if there is nothing to say)."""

    owner: str
    task: str
    due: dt.date | None
    co_owners: tuple[str, ...] = ()
    remark: str = ""
    people: tuple[str, ...] = ()  # owner and co-owners, in the order named


def parse_note_line(line: str) -> NoteCommand:
    """Parse a line typed into the note field (or said in a MeetBot log).

    Plain text is an info note; a line starting with a URL is a link; ``#word`` commands are listed in
    :data:`COMMANDS_HELP`; an unknown ``#word`` is a plain note, kept whole. Raises :class:`MeetuiError` for
    an empty line or a command that needs text and has none.
    """
    text = line.strip()
    if not text:
        raise MeetuiError("the note is empty")
    match = _COMMAND.match(text)
    if not match:
        if text.casefold().startswith(URL_PREFIXES):
            return NoteCommand("note", text, NoteKind.LINK)
        return NoteCommand("note", text, NoteKind.INFO)
    keyword, rest = match.group(1).casefold(), match.group(2).strip()
    if keyword == "undo":
        return NoteCommand("undo", keyword=keyword)
    if keyword in NOTE_KEYWORDS:
        if not rest:
            raise MeetuiError(f"#{keyword} needs some text after it")
        kind, prefix = NOTE_KEYWORDS[keyword]
        return NoteCommand("note", prefix + rest, kind, private=keyword == "private", keyword=keyword)
    if keyword == "action":
        if not rest:
            raise MeetuiError("#action needs an owner and a task: #action NAME TASK by WHEN")
        return NoteCommand("action", rest, keyword=keyword)
    if keyword == "topic":
        if not rest:
            raise MeetuiError("#topic needs a title")
        return NoteCommand("topic", rest, keyword=keyword)
    return NoteCommand("note", text, NoteKind.INFO)  # an unknown #word is an ordinary line, as in MeetBot


# -- names -------------------------------------------------------------------------------------------


def _fold(text: str) -> str:
    """Case-folded for matching names; the dot of a capital İ (U+0307 once folded) is dropped, so "ilker" finds
    "İlker"."""
    return text.casefold().replace("\u0307", "")


def folded_prefix(text: str, name: str) -> int:
    """How many characters of ``text`` spell ``name``, compared case-folded; 0 if it does not start with it.

    Counted on ``text`` itself, so a name whose folded form has another length (``Weiß`` → ``weiss``,
    ``İlker``, the ligature ``ﬁ``) never cuts what follows it.
    """
    target = _fold(name)
    if not target:
        return 0
    folded = ""
    for index, char in enumerate(text):
        folded += _fold(char)
        if folded == target:
            return index + 1
        if not target.startswith(folded):
            return 0
    return 0


def nick_of(attendee: Attendee) -> str:
    """An attendee's chat nick, from their contact ("@alice", "alice", "alice@example.com" → "alice")."""
    contact = attendee.contact.strip().lstrip("@")
    handle = contact.split("@", 1)[0] if "@" in contact else contact
    return handle if handle and not any(c.isspace() for c in handle) else ""


def _name_ends(text: str, length: int, name: str) -> bool:
    rest = text[length:]
    return not rest or rest[0] in _ENDS_NAME or not rest[0].isascii() or not name[-1:].isascii()


def match_person(words: str, attendees: Sequence[Attendee]) -> tuple[Attendee, int] | None:
    """The attendee ``words`` starts with, and how many characters name them; ``None`` if nobody.

    Full names first (longest wins, so "Li Na" beats "Li"), then nicks, then a unique first name
    ("alice" for "Alice Wang"); all case-insensitive. Chinese names need no space after them ("李娜整理清单").
    Raises :class:`MeetuiError` when a first name fits several attendees.
    """
    for attendee in sorted(attendees, key=lambda a: len(a.name), reverse=True):
        length = folded_prefix(words, attendee.name)
        if length and _name_ends(words, length, attendee.name):
            return attendee, length
    for attendee in attendees:
        nick = nick_of(attendee)
        length = folded_prefix(words, nick) if nick else 0
        if length and _name_ends(words, length, nick):
            return attendee, length
    token = _TOKEN.match(words)
    if not token:
        return None
    first = _fold(token.group(0))
    candidates = [a for a in attendees if len(a.name.split()) > 1 and _fold(a.name.split()[0]) == first]
    if len(candidates) > 1:
        names = ", ".join(a.name for a in candidates)
        raise MeetuiError(f"{token.group(0)!r} could be {names}: write the full name")
    return (candidates[0], token.end()) if candidates else None


def _resolve(part: str, attendees: Sequence[Attendee]) -> Attendee | None:
    """The attendee a whole name names (full name, nick or unique first name), or ``None``."""
    found = match_person(part, attendees)
    if found is not None and found[1] == len(part):
        return found[0]
    return None


def _scan_names(text: str, attendees: Sequence[Attendee]) -> tuple[list[str], list[str], str, bool]:
    """Split the people an ``#action`` names from its task: (names in order, those not attendees, the rest, and
    whether the names were a list ended by a colon, ``alice, dave: …``)."""
    colon = _COLON.search(text)
    head = text[: colon.start()].strip() if colon else ""
    if head and len(head) <= 200:
        parts = [p.strip() for p in re.split(r"\s*(?:[,，、&/;；]|\band\b|和|与|及)\s*", head, flags=re.I)]
        parts = [p for p in parts if p]
        resolved = [_resolve(p, attendees) for p in parts]
        name_like = parts and all(len(p) <= 60 and len(p.split()) <= 4 for p in parts)
        if name_like and (all(resolved) or match_person(head, attendees) is None):
            listed = [r.name if r else p for p, r in zip(parts, resolved, strict=True)]
            missing = [p for p, r in zip(parts, resolved, strict=True) if r is None]
            return listed, missing, text[colon.end() :] if colon else "", True
    names: list[str] = []
    unknown: list[str] = []
    pos = 0
    allow_unknown = True
    while True:
        found = match_person(text[pos:], attendees)
        if found is not None:
            names.append(found[0].name)
            pos += found[1]
        elif allow_unknown and (token := _TOKEN.match(text[pos:])):
            names.append(token.group(0))
            unknown.append(token.group(0))
            pos += token.end()
        else:
            break
        separator = _SEPARATOR.match(text[pos:])
        if separator is None:
            break
        after = text[pos + separator.end() :]
        if separator.group("mark"):
            allow_unknown = True
        elif separator.group("word"):
            token = _TOKEN.match(after)  # "alice and bob to …", "alice and bob: …"
            allow_unknown = bool(token and re.match(r"^(?:\s+to\s|\s*[:：])", after[token.end() :]))
        else:
            allow_unknown = False
        if match_person(after, attendees) is None and not (allow_unknown and _TOKEN.match(after)):
            break
        pos += separator.end()
    rest = text[pos:].lstrip(" \t:：,，、")
    if names and re.match(r"^to\s", rest, re.IGNORECASE):
        rest = rest[3:]
    return names, unknown, rest, False


def _split_due(text: str, today: dt.date, past_ok: bool) -> tuple[str, dt.date | None, str]:
    """Find the due date in a task: "… by fri", "… due 12-01", "…截止周五", "…周五前", "周五前…"."""
    for match in reversed(list(_BY.finditer(text))):
        task, phrase = text[: match.start()].strip(" ，,;；"), text[match.end() :].strip().rstrip("。.!！")
        if phrase:  # with no task before it, a due date leaves nothing to do: refused by the caller
            word = match.group(0).strip().casefold()
            try:
                due = parse_due(phrase, today, past_ok=past_ok)
            except MeetuiError as error:
                surely_a_date = (word in {"by", "due"} or word.startswith("截止")) and _looks_like_date(phrase)
                if type(error) is not MeetuiError or surely_a_date:
                    raise
                continue
            return task, due, due_remark(phrase, today, due)
    # "…周五前" / "周五前…" is a deadline only when it reads as one; otherwise it is part of the task
    for pattern in (_DUE_BEFORE, _DUE_BEFORE_UNSPACED, _DUE_LEAD):
        if (before := pattern.match(text)) and before.group("task").strip():
            try:
                due = parse_due(before.group("due"), today, past_ok=past_ok)
            except MeetuiError as error:
                if type(error) is not MeetuiError:  # a date that has passed: say so, rather than keep it as text
                    raise
                continue
            return before.group("task").strip(), due, due_remark(before.group("due"), today, due)
    return text.strip(), None, _undated_remark(text, today)


def _undated_remark(text: str, today: dt.date) -> str:
    """What to tell a user whose task ends or starts with a date written without "by" or 前 ("整理名单 3天后",
    "approve budget fri"): it stays in the task, and the item has no due date; ``""`` when there is none."""
    words = text.split()
    if len(words) < 2:
        return ""
    for phrase in (" ".join(words[-2:]), words[-1], words[0]):
        if _VERSION.match(phrase) or phrase == " ".join(words):
            continue
        try:
            parse_due(phrase, today, past_ok=True)
        except MeetuiError:
            continue
        return f"no due date: “{phrase}” is read as part of the task; write “by {phrase}” at the end to set it"
    return ""


def _looks_like_date(phrase: str) -> bool:
    """A phrase after "by"/"due" that is surely meant as a date (so a typo in it is refused, not kept as task)."""
    words = phrase.split()
    return len(words) <= 3 and (any(c.isdigit() for c in phrase) or len(words) == 1)


def parse_action_line(
    rest: str,
    attendees: Sequence[Attendee],
    today: dt.date,
    *,
    strict: bool = True,
    past_ok: bool = False,
) -> ActionLine:
    """Parse what follows ``#action``: the people named, the task, an optional due date.

    People are named first, separated by ``,`` ``，`` ``、`` ``&`` ``/`` or "and" (和/与/及 between two
    attendees), ended by ``:``/``：``, "to" or the task: ``Alice Wang, Bob Li: review``, ``李娜、欧阳明月 整理名单``,
    ``alice and bob to review``. The first is the owner, the others co-owners. Each is matched against
    ``attendees`` (:func:`match_person`).

    ``strict`` (the note field): a name that is no attendee raises :class:`UnknownPeople` (``line`` is
    ``rest``); a past due date raises :class:`meetui.core.dates.PastDue` unless ``past_ok``. Not strict (an
    imported log): names not recognised stay in the task, and nobody named is an unassigned item — except
    single words ended by a colon at the start, ``dave: …`` or ``dave, 王五: …``, IRC's way of addressing
    someone, which are the people named even if they are no attendees (the note field offers to add them).
    """
    names, unknown, remainder, addressed = _scan_names(rest.strip(), attendees)
    if not strict and unknown and not (addressed and all(_ADDRESSED.fullmatch(name) for name in unknown)):
        names, remainder = [], rest.strip()
    task, due, remark = _split_due(remainder, today, past_ok)
    if not task.strip():
        if unknown:
            raise MeetuiError(f"{unknown[0]!r} is not an attendee: write #action NAME: TASK, NAME an attendee")
        raise MeetuiError(f"#action {' '.join(names)} needs a task".replace("  ", " "))
    if strict and unknown:
        raise UnknownPeople(unknown, rest)
    if strict and not names:
        raise MeetuiError("#action needs an owner: #action NAME TASK by WHEN")
    people = tuple(dict.fromkeys(names))
    return ActionLine(people[0] if people else "", task.strip(), due, people[1:], remark, people)
