"""Injected clocks and identifiers, so the core never reads "now" by itself.

Clocks hand out aware :class:`datetime.datetime` values. pendulum is imported
only where its calendar arithmetic, parsing or local-zone lookup is needed:
importing it costs more than ten milliseconds, and the live screen's first
frame needs none of it.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import TYPE_CHECKING, Protocol
from zoneinfo import ZoneInfo

from .errors import MeetuiError

if TYPE_CHECKING:
    import pendulum


class Clock(Protocol):
    """Anything that can tell the current, timezone-aware time, and the name of the zone it tells it in."""

    @property
    def tz(self) -> str: ...

    def now(self) -> dt.datetime: ...


class SystemClock:
    """The real wall clock, in a given zone (the machine's local zone by default)."""

    def __init__(self, tz: str | None = None) -> None:
        self._tz = tz

    @property
    def tz(self) -> str:
        """The zone's IANA name; the local zone's is looked up the first time it is asked for."""
        if self._tz is None:
            self._tz = local_zone_name()
        return self._tz

    def now(self) -> dt.datetime:
        if self._tz is None:  # the local time and offset need no zone name
            return dt.datetime.now().astimezone()
        return dt.datetime.now(zone_info(self._tz))


class FrozenClock:
    """A clock that only moves when told to: for tests, demos and benchmarks."""

    def __init__(self, at: dt.datetime | str, tz: str = "UTC") -> None:
        self._now = to_pendulum(at, tz)

    @property
    def tz(self) -> str:
        return self._now.timezone_name or "UTC"

    def now(self) -> pendulum.DateTime:
        return self._now

    def advance(self, seconds: float = 0, minutes: float = 0) -> pendulum.DateTime:
        self._now = self._now.add(seconds=seconds + minutes * 60)
        return self._now

    def set(self, at: dt.datetime | str) -> None:
        """Jump to ``at`` (kept in the clock's zone)."""
        self._now = to_pendulum(at, self.tz)


def local_zone_name() -> str:
    """The name of the machine's local time zone (e.g. ``Asia/Shanghai``)."""
    import pendulum

    try:
        return pendulum.local_timezone().name
    except Exception:  # pragma: no cover - unusual system configuration
        return "UTC"


@lru_cache(maxsize=16)
def zone_info(name: str) -> ZoneInfo:
    """A time zone by IANA name, looked up once (a lookup reads the zone database, many times a frame otherwise)."""
    return ZoneInfo(name)


def to_pendulum(value: dt.datetime | str, tz: str | None = None) -> pendulum.DateTime:
    """Convert an aware datetime (or ISO 8601 text) to pendulum, in zone ``tz``.

    Naive datetimes are refused: meetui never guesses a time zone silently.
    """
    import pendulum

    if isinstance(value, str):
        try:
            parsed = pendulum.parse(value, tz=None)
        except Exception as exc:
            raise MeetuiError(f"cannot read the time {value!r}: use ISO 8601, e.g. 2026-12-01T10:00+08:00") from exc
        if not isinstance(parsed, dt.datetime):
            raise MeetuiError(f"{value!r} is not a date and time")
        value = parsed
    if value.tzinfo is None or value.utcoffset() is None:
        raise MeetuiError(f"the time {value.isoformat()} has no time zone")
    try:
        moment = pendulum.instance(value)
        return moment.in_timezone(tz) if tz else moment
    except (OverflowError, ValueError):  # the year 9999 or 1 shifted out of the calendar by the zone
        raise MeetuiError(f"the time {value.isoformat()} is out of the calendar's range") from None


def in_zone(moment: dt.datetime, zone: str) -> dt.datetime:
    """The same instant as wall time in ``zone`` (a plain aware datetime; pendulum is not needed for this)."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise MeetuiError(f"the time {moment.isoformat()} has no time zone")
    return moment.astimezone(zone_info(zone))


def zone_checked(name: str) -> str:
    """Return ``name`` if it is a known IANA time zone, else refuse it."""
    try:
        zone_info(name)
    except Exception as exc:  # ZoneInfoNotFoundError, or ValueError for a malformed key
        raise MeetuiError(f"unknown time zone {name!r} (use a name such as Asia/Shanghai)") from exc
    return name


_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"


class IdSource(Protocol):
    """Anything that hands out fresh short identifiers."""

    def new(self, length: int = 6) -> str: ...


class RandomIds:
    """Random, readable ids (no 0/o/1/l/i), long enough not to collide in practice."""

    def new(self, length: int = 6) -> str:
        import secrets  # only needed when ids are made, not by read-only commands

        return "".join(secrets.choice(_ALPHABET) for _ in range(length))


class SequentialIds:
    """Predictable ids for tests and the demo meeting: ``<prefix>01``, ``<prefix>02``…"""

    def __init__(self, prefix: str = "x") -> None:
        self.prefix = prefix
        self.count = 0

    def new(self, length: int = 6) -> str:
        self.count += 1
        return f"{self.prefix}{self.count:0{max(length - len(self.prefix), 1)}d}"
