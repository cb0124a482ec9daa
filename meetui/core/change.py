"""What a live operation returns, and how input is validated into models.

:class:`Change` names exactly what one operation touched, for the store to
write. :func:`build` validates values into a model and turns pydantic's
errors into one sentence (:func:`friendly`). An action item moves along its
lifecycle by :func:`meetui.core.lifecycle.move`, shared by the live screen
and ``meetui action``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .errors import MeetuiError
from .models import Record, Topic

M = TypeVar("M", bound=BaseModel)

_FIELD_NAMES = {
    "planned_minutes": "planned minutes",
    "scheduled_start": "start time",
    "extra_minutes": "extra minutes",
}


def friendly(error: ValidationError, what: str) -> MeetuiError:
    """Turn a pydantic error into one sentence a user can act on."""
    first = error.errors()[0]
    where = ".".join(str(p) for p in first["loc"] if not isinstance(p, int)) or what
    where = _FIELD_NAMES.get(where, where.replace("_", " "))
    message = first["msg"]
    if first["type"] == "timezone_aware":
        message = "needs a time zone (e.g. 2026-12-01T10:00+08:00)"
    elif first["type"] == "greater_than_equal":
        message = f"must be {first['ctx']['ge']} or more (got {first['input']})"
    elif first["type"] == "less_than_equal":
        message = f"must be {first['ctx']['le']} or less (got {first['input']})"
    elif first["type"] == "enum":
        message = f"must be one of {first['ctx']['expected']} (got {first['input']!r})"
    elif first["type"] in {"string_too_short", "missing"}:
        message = "must not be empty"
    elif first["type"] == "string_too_long":
        message = f"is too long: at most {first['ctx']['max_length']} characters (got {len(str(first['input']))})"
    elif first["type"] in {"int_parsing", "int_type", "int_from_float"}:
        message = f"must be a whole number (got {first['input']!r})"
    elif first["type"] == "extra_forbidden":
        message = "is not a field meetui knows"
    elif first["type"] == "string_type":
        message = f"must be text (got {first['input']!r})"
    elif message.startswith("Value error, "):
        message = message.removeprefix("Value error, ")
    return MeetuiError(f"{what} {where}: {message}" if where != what else f"{what}: {message}")


def build(model: type[M], what: str, **values: Any) -> M:
    """Validate ``values`` into ``model``, refusing bad input with a friendly message."""
    try:
        return model(**values)
    except ValidationError as error:
        raise friendly(error, what) from None


@dataclass
class Change:
    """What one operation touched: records to upsert and records to delete.

    ``meeting`` is set when the meeting's own fields (status, clock, current
    topic…) changed. ``message`` is a short confirmation for the user.
    """

    records: list[Record] = field(default_factory=list)
    deleted: list[Record] = field(default_factory=list)
    meeting: bool = False
    message: str = ""

    def __iadd__(self, other: Change) -> Change:
        self.records.extend(other.records)
        self.deleted.extend(other.deleted)
        self.meeting = self.meeting or other.meeting
        self.message = other.message or self.message
        return self

    @property
    def empty(self) -> bool:
        return not (self.records or self.deleted or self.meeting)


def decision_question(topic: Topic, text: str, lang: str = "en") -> str:
    """The host's closing question for a topic."""
    if lang == "zh":
        return f"关于「{topic.title}」，决定是：{text}。有异议吗？"
    return f"Regarding {topic.title}, the decision is {text}. Any objections?"
