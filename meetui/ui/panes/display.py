"""How meeting facts read on screen: symbols and words for states, times in the meeting's zone.

Every state has a symbol *and* a word, so it reads in monochrome and for
colour-blind viewers; colour comes on top from the stylesheet.
"""

from __future__ import annotations

import datetime as dt

from ...core.clock import in_zone, to_pendulum
from ...core.models import ActionItem, ActionStatus, Decision, DecisionState, NoteKind, Topic, TopicState
from ...core.text import cell_width, truncate
from ...core.timekeeping import TIME_STATE_LABELS, TimeState

NOTE_SYMBOLS: dict[NoteKind, str] = {
    NoteKind.INFO: "·",
    NoteKind.IDEA: "✦",
    NoteKind.AGREED: "✔",
    NoteKind.DISAGREEMENT: "✘",
    NoteKind.QUESTION: "?",
    NoteKind.RISK: "!",
    NoteKind.LINK: "↗",
}

TOPIC_MARKS: dict[TopicState, str] = {
    TopicState.PENDING: " ",
    TopicState.ACTIVE: "▶",
    TopicState.DONE: "✓",
    TopicState.DEFERRED: "↷",
    TopicState.SKIPPED: "»",
}

ACTION_STATUS_WORDS: dict[ActionStatus, str] = {
    ActionStatus.NOT_STARTED: "○ open",
    ActionStatus.IN_PROGRESS: "◐ doing",
    ActionStatus.DONE: "● done",
    ActionStatus.DELAYED: "▲ late",
    ActionStatus.BLOCKED: "■ blocked",
    ActionStatus.CANCELLED: "✕ cancelled",
}


def state_label(state: TimeState) -> str:
    """``● on time``, ``◐ last 20%`` or ``▲ over``."""
    symbol, word = TIME_STATE_LABELS[state]
    return f"{symbol} {word}"


def decision_mark(decision: Decision | None) -> str:
    """◆ for a locked decision, ◇ for one still open, ✗ rejected, blank for none."""
    if decision is None:
        return " "
    if decision.state is DecisionState.LOCKED:
        return "◆"
    if decision.state is DecisionState.REJECTED:
        return "✗"
    return "◇"


def decision_word(decision: Decision) -> str:
    words = {
        DecisionState.PROPOSED: "proposed",
        DecisionState.OBJECTED: "objected",
        DecisionState.LOCKED: "locked",
        DecisionState.REJECTED: "rejected",
        DecisionState.ESCALATED: "escalated",
        DecisionState.DEFERRED: "deferred",
    }
    version = f" v{decision.version}" if decision.version > 1 else ""
    return f"{decision_mark(decision)} {words[decision.state]}{version}"


def local_time(moment: dt.datetime | None, zone: str, fmt: str = "HH:mm") -> str:
    """A time in the meeting's zone, ``HH:MM`` by default; ``—`` when unknown."""
    if moment is None:
        return "—"
    pattern = _STRFTIME.get(fmt)
    return in_zone(moment, zone).strftime(pattern) if pattern else to_pendulum(moment, zone).format(fmt)


#: The formats the live screen draws, as ``strftime`` patterns: they need no locale, so neither pendulum (a dozen
#: milliseconds to import, before the first frame) nor its locale machinery.
_STRFTIME = {"HH:mm": "%H:%M", "HH:mm:ss": "%H:%M:%S", "YYYY-MM-DD HH:mm": "%Y-%m-%d %H:%M"}


def minutes_text(seconds: float) -> str:
    """Whole minutes, rounded: ``12``."""
    return str(round(seconds / 60))


def overrun_text(topic: Topic, spent_seconds: float) -> str:
    """``▲+3`` when a topic ran over its timebox, else blank."""
    over = spent_seconds - topic.timebox_minutes * 60
    return f"▲+{round(over / 60)}" if over >= 30 else ""


def action_status(item: ActionItem) -> str:
    return ACTION_STATUS_WORDS[item.status]


def fit(text: str, width: int) -> str:
    """Cut ``text`` to ``width`` cells (an ellipsis marks the cut); wide characters count double."""
    return truncate(text.replace("\n", " "), max(width, 1))


def fill(text: str, width: int) -> str:
    """Cut or pad ``text`` to exactly ``width`` cells."""
    cut = fit(text, width)
    return cut + " " * max(width - cell_width(cut), 0)
