"""MeetBot-style commands typed into the note field: ``#info``, ``#action``, ``#undo``…

Parsing is separate from acting: :func:`parse_note_line` turns a line into a
:class:`NoteCommand`; :meth:`meetui.core.meeting.LiveMeeting.apply_line` acts on it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from .dates import CJK_DATE, parse_due
from .errors import MeetuiError
from .models import Attendee, NoteKind

CommandName = Literal["note", "action", "topic", "undo"]

#: MeetBot keywords that create a note of a kind.
NOTE_KEYWORDS: dict[str, NoteKind] = {
    "info": NoteKind.INFO,
    "idea": NoteKind.IDEA,
    "agreed": NoteKind.AGREED,
    "agree": NoteKind.AGREED,
    "disagree": NoteKind.DISAGREEMENT,
    "disagreement": NoteKind.DISAGREEMENT,
    "question": NoteKind.QUESTION,
    "help": NoteKind.QUESTION,
    "risk": NoteKind.RISK,
    "link": NoteKind.LINK,
}

_COMMAND = re.compile(r"^#(\w+)\b\s*(.*)$", re.DOTALL)
_DUE_TAIL = re.compile(r"^(?P<task>.*?)\s*(?:\bby\s|\bdue\s|截止(?:到|于)?)\s*(?P<due>(?:next\s+)?\S+)\s*$",
                       re.IGNORECASE)
_DUE_BEFORE = re.compile(r"^(?P<task>.*?)[\s，,]+(?P<due>\S+?)(?:之前|前)(?:完成)?[。.]?$")
_DUE_LEAD = re.compile(r"^(?:在|于)?(?P<due>\S+?)(?:之前|前)[\s，,]*(?P<task>.+)$")
#: "提交报价单周五前": a date written right after the task, as Chinese is written (no space), then 前 or 之前.
_DUE_BEFORE_UNSPACED = re.compile(
    rf"^(?P<task>.*?\S)(?:在|于)?(?P<due>{CJK_DATE})(?:之前|前)(?:完成|提交|交付)?[。.!！]?$")


@dataclass(frozen=True)
class NoteCommand:
    """One parsed line from the note field."""

    name: CommandName
    text: str = ""
    kind: NoteKind = NoteKind.INFO


@dataclass(frozen=True)
class ActionLine:
    """The parts of ``#action OWNER TASK by WHEN``."""

    owner: str
    task: str
    due: dt.date | None


def parse_note_line(line: str) -> NoteCommand:
    """Parse a line typed into the note field; plain text is an ``#info`` note."""
    text = line.strip()
    if not text:
        raise MeetuiError("the note is empty")
    match = _COMMAND.match(text)
    if not match:
        return NoteCommand("note", text, NoteKind.INFO)
    keyword, rest = match.group(1).casefold(), match.group(2).strip()
    if keyword == "undo":
        return NoteCommand("undo")
    if keyword in NOTE_KEYWORDS:
        if not rest:
            raise MeetuiError(f"#{keyword} needs some text after it")
        return NoteCommand("note", rest, NOTE_KEYWORDS[keyword])
    if keyword == "action":
        if not rest:
            raise MeetuiError("#action needs an owner and a task: #action NAME TASK by WHEN")
        return NoteCommand("action", rest)
    if keyword == "topic":
        if not rest:
            raise MeetuiError("#topic needs a title")
        return NoteCommand("topic", rest)
    known = ", ".join(f"#{k}" for k in ["info", "idea", "agreed", "action", "link", "topic", "undo"])
    raise MeetuiError(f"unknown command #{keyword}: try {known}")


def match_owner(words: str, attendees: list[Attendee]) -> tuple[Attendee, str]:
    """Find the attendee a line starts with; return them and the rest of the line.

    Full names match first (longest wins, so "Li Na" beats "Li"), then a first
    name ("alice" for "Alice Wang"). Chinese names need no space after them:
    "李娜整理清单" matches 李娜.
    """
    folded = words.casefold()
    for attendee in sorted(attendees, key=lambda a: len(a.name), reverse=True):
        name = attendee.name.casefold()
        if folded.startswith(name):
            rest = words[len(name):]
            if not rest or not rest[0].isascii() or rest[0] in " :,\t" or not name[-1].isascii():
                return attendee, rest.strip(" :,，：")
    first, _, rest = words.partition(" ")
    first_folded = first.casefold().rstrip(":,")
    candidates = [a for a in attendees if a.name.casefold().split()[0] == first_folded]
    if len(candidates) == 1:
        return candidates[0], rest.strip()
    if len(candidates) > 1:
        names = ", ".join(a.name for a in candidates)
        raise MeetuiError(f"{first!r} could be {names}: write the full name")
    raise MeetuiError(f"{first!r} is not an attendee: #action NAME TASK by WHEN, with NAME from the attendees")


def parse_action_line(rest: str, attendees: list[Attendee], today: dt.date) -> ActionLine:
    """Parse what follows ``#action``: owner (an attendee), task, optional due date."""
    owner, remainder = match_owner(rest, attendees)
    task, due = remainder, None
    if (match := _DUE_TAIL.match(remainder)) and match.group("task").strip():
        task, due = match.group("task").strip(), parse_due(match.group("due"), today)
    else:
        # "…周五前" / "周五前…" is a deadline only when it reads as one; otherwise it is part of the task
        for pattern in (_DUE_BEFORE, _DUE_BEFORE_UNSPACED, _DUE_LEAD):
            if (match := pattern.match(remainder)) and match.group("task").strip():
                try:
                    task, due = match.group("task").strip(), parse_due(match.group("due"), today)
                    break
                except MeetuiError:
                    continue
    if not task.strip():
        raise MeetuiError(f"#action {owner.name} needs a task")
    return ActionLine(owner.name, task.strip(), due)
