"""The one table of date phrases: due dates people say out loud, and start times with a clock time.

:data:`DATE_PHRASES` lists every phrase meetui reads (the README shows it); :func:`parse_due` reads a due
date for the action form, the note line (``#action … by fri``) and ``--due``; :func:`parse_when` reads a
date with a time for ``meetui new --at``. A due date in the past is refused (:class:`PastDue`) unless the
caller allows it (imports of past meetings do). A bare ``MM-DD`` is the nearest such day: one less than half a
year back is a past date (refused like ``yesterday``), one further back means next year, and :func:`due_remark`
says so.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from .errors import MeetuiError
from .text import LazyPattern

if TYPE_CHECKING:
    import pendulum

_WEEKDAYS = {
    "mon": 0, "monday": 0, "tue": 1, "tues": 1, "tuesday": 1, "wed": 2, "wednesday": 2,
    "thu": 3, "thur": 3, "thurs": 3, "thursday": 3, "fri": 4, "friday": 4,
    "sat": 5, "saturday": 5, "sun": 6, "sunday": 6,
}  # fmt: skip
_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4, "may": 5,
    "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9,
    "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip
_CN_DAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_RELATIVE = LazyPattern(r"^\+(\d{1,3})\s*(d|w|m|天|周|个月)?$")
_BARE_RELATIVE = LazyPattern(r"^\d{1,3}\s*(?:d|w|m)$")
_CN_RELATIVE = LazyPattern(r"^(\d{1,3}|[一两二三四五六七八九十])\s*(天|日|周|个星期|星期|个月)后$")
_CN_NUMBERS = {c: i for i, c in enumerate("一二三四五六七八九十", start=1)} | {"两": 2}
_CN_WEEKDAY = LazyPattern(r"^(下|本|这)?(?:周|星期|礼拜)([一二三四五六日天])$")
_EN_WEEKDAY = LazyPattern(r"^(?:(next|this)\s+)?([a-z]+)\.?$")
_MONTH_DAY = LazyPattern(r"^(\d{1,2})[-/.月](\d{1,2})[日号]?$")
_FULL_DATE = LazyPattern(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})[日号]?$")
_NAMED_MONTH = LazyPattern(
    r"^(?:([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?|(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?)"
    r"(?:,?\s+(\d{4}))?$"
)
_CLOCK = LazyPattern(
    r"^(?P<date>.*?)\s*(?:\bat\s+)?(?P<part>上午|下午|晚上)?\s*(?P<h>\d{1,2})(?::(?P<m>\d{2}))?\s*(?P<ampm>am|pm)?$"
)
_CN_CLOCK = LazyPattern(
    r"^(?P<date>.*?)\s*(?P<part>上午|下午|晚上)?\s*(?P<h>\d{1,2})[点:：时](?:(?P<m>\d{1,2})分?|半)?$"
)

#: A Chinese or numeric date written straight after other Chinese text, with no space: "周五", "下周一", "明天",
#: "12月1日", "2026年12月1号", "12-01", "月底". Used to find a deadline at the end of a task ("提交报价单周五前").
CJK_DATE = (
    r"(?:下|本|这)?(?:周|星期|礼拜)[一二三四五六日天]|今天|今日|明天|明日|后天|本周末|月底|本月底"
    r"|\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}[日号]?|\d{1,2}月\d{1,2}[日号]?|\d{1,2}[-/]\d{1,2}"
)

#: The date phrases meetui reads, as (examples, meaning); one table for the action form, the note line,
#: ``--due`` and ``--at``. Weeks start on Monday.
DATE_PHRASES: list[tuple[str, str]] = [
    ("today, tomorrow, tmr · 今天, 明天, 后天", "today, the next day, the day after"),
    ("fri, friday · 周五, 星期五, 礼拜五", "the next such day after today (on a Friday, `fri` is a week later)"),
    ("this fri · 本周五, 这周五", "that day of the current week (refused once it has passed)"),
    ("next mon, next fri · 下周一, 下周五", "that day of next week (on a Friday, `mon` and `next mon` agree)"),
    ("next week · 下周", "a week from today"),
    ("eow, end of week · 本周末, 周末", "the Sunday of this week"),
    ("eom, end of month · 月底, 本月底", "the last day of this month"),
    ("+3d, +2w, +1m, 2w · +3天, +2周, 3天后, 两周后, 1个月后", "so many days, weeks or months from today"),
    (
        "12-01, 12/01, 12月1日, 12月1号",
        "1 December: the one just gone if at most half a year ago (it has passed: refused like `yesterday`), "
        "else the next one (next year's, and meetui says so)",
    ),
    ("Dec 24, 24 Dec, December 24 2027", "24 December, read as above, or that year's"),
    ("2026-12-01, 2026/12/01, 2026年12月1日", "that date"),
    (
        "… 10:00, … 3pm, … 下午3点, … 10点半",
        "with a time of day, e.g. `fri 10:00`, `明天 下午3点`: `--at` keeps it; an action item is due on the day "
        "(meetui says the time is not kept)",
    ),
]

DUE_HELP = (
    'use a date such as "fri", "next mon", "tomorrow", "+3d", "12-01", "Dec 24", "eow", "2026-12-01", '
    '"周五", "下周一", "12月1号" or "两周后"'
)


class PastDue(MeetuiError):
    """A due date that has already passed; ``due`` is the date read. The caller may confirm and pass the date."""

    def __init__(self, due: dt.date, today: dt.date, raw: str) -> None:
        self.due = due
        super().__init__(
            f"the due date {raw!r} ({due.isoformat()}) has passed (today is {today.isoformat()}): give a later date"
        )


def parse_due(text: str, today: dt.date, *, past_ok: bool = False) -> dt.date:
    """Read a due date relative to ``today`` (see :data:`DATE_PHRASES`), as a plain date.

    Raises :class:`MeetuiError` for text it cannot read, :class:`PastDue` for a date before ``today`` unless
    ``past_ok`` (imports of past meetings).
    """
    try:
        try:
            due = _parse_due(text, today)
        except MeetuiError:
            # "fri 3pm", "明天下午3点": an action item is due on a day; the time of day is not kept (due_remark says so)
            clock = _clock_time(text.strip())
            if clock is None or not clock[0]:
                raise
            due = _parse_due(clock[0], today)
    except MeetuiError:
        raise
    except (OverflowError, ValueError):  # a day or month added past the year 9999
        raise MeetuiError(f"{text!r} falls outside the calendar's range") from None
    due = dt.date(due.year, due.month, due.day)
    if due < today and not past_ok:
        raise PastDue(due, today, text.strip())
    return due


def due_remark(text: str, today: dt.date, due: dt.date) -> str:
    """What a user should be told about how ``text`` was read: a bare month and day more than half a year past
    this year is next year's ("11-01 has passed this year: read as 2027-11-01"); a time of day is dropped ("due
    on 2026-12-04: the time of day is not kept"); else ``""``."""
    word = text.strip().casefold()
    clock = _clock_time(text.strip())
    if clock is not None and clock[0]:
        try:
            _parse_due(text, today)
        except MeetuiError:  # read through its day alone (parse_due)
            return f"due on {due.isoformat()}: the time of day is not kept"
    bare = (_MONTH_DAY.match(word) or _NAMED_MONTH.match(word)) and not re.search(r"\d{4}", word)
    if bare and due.year > today.year and due.replace(year=today.year) < today:
        return f"{text.strip()} has passed this year: read as {due.isoformat()}"
    return ""


def _parse_due(text: str, today: dt.date) -> dt.date:
    """Read a due date; refuse anything unclear with a helpful message."""
    raw = text.strip()
    word = " ".join(raw.casefold().split())
    if not word:
        raise MeetuiError(f"the due date is empty: {DUE_HELP}")
    import pendulum  # for its calendar arithmetic; imported here, as only dates need it

    base = pendulum.date(today.year, today.month, today.day)
    if _BARE_RELATIVE.match(word):  # "3d", "2w": as "+3d", "+2w"
        word = "+" + word
    if word in {"today", "今天", "今日"}:
        return today
    if word in {"tomorrow", "tmr", "明天", "明日"}:
        return base.add(days=1)
    if word in {"yesterday", "昨天"}:
        return base.subtract(days=1)
    if word in {"后天"}:
        return base.add(days=2)
    if word in {"next week", "下周"}:
        return base.add(weeks=1)
    if word in {"eow", "end of week", "end of the week", "本周末", "周末", "这周末"}:
        return base.add(days=6 - base.weekday())
    if word in {"eom", "end of month", "end of the month", "月底", "本月底", "这个月底"}:
        return base.end_of("month")
    if (match := _EN_WEEKDAY.match(word)) and match.group(2) in _WEEKDAYS:
        return _weekday(base, _WEEKDAYS[match.group(2)], match.group(1) or "")
    if match := _CN_WEEKDAY.match(word):
        which = {"下": "next", "本": "this", "这": "this"}.get(match.group(1) or "", "")
        return _weekday(base, _CN_DAYS[match.group(2)], which)
    if match := _RELATIVE.match(word):
        count, unit = int(match.group(1)), match.group(2) or "d"
        if unit in {"d", "天"}:
            return base.add(days=count)
        if unit in {"w", "周"}:
            return base.add(weeks=count)
        return base.add(months=count)
    if match := _CN_RELATIVE.match(word):
        raw_count, unit = match.group(1), match.group(2)
        count = int(raw_count) if raw_count.isdigit() else _CN_NUMBERS[raw_count]
        if unit in {"天", "日"}:
            return base.add(days=count)
        if unit == "个月":
            return base.add(months=count)
        return base.add(weeks=count)
    if match := _FULL_DATE.match(word):
        return _checked_date(int(match.group(1)), int(match.group(2)), int(match.group(3)), raw)
    if match := _MONTH_DAY.match(word):
        return _coming(today, int(match.group(1)), int(match.group(2)), raw)
    if (match := _NAMED_MONTH.match(word)) and (match.group(1) or match.group(4)) in _MONTHS:
        month = _MONTHS[match.group(1) or match.group(4)]
        day = int(match.group(2) or match.group(3))
        if match.group(5):
            return _checked_date(int(match.group(5)), month, day, raw)
        return _coming(today, month, day, raw)
    raise MeetuiError(f"cannot read the due date {raw!r}: {DUE_HELP}")


def _weekday(base: pendulum.Date, weekday: int, which: str) -> dt.date:
    """``fri``: the next Friday after today; ``this fri``: this week's; ``next fri``: next week's (as 下周五)."""
    if which == "this":
        return base.add(days=weekday - base.weekday())
    if which == "next":
        return base.add(days=7 - base.weekday() + weekday)
    return base.add(days=(weekday - base.weekday()) % 7 or 7)


#: How far back a bare month and day may be and still mean the recent past (half a year, in days); one further back
#: is next year's. Said out loud, "11-30" on 1 December is the day before yesterday, not eleven months ahead.
RECENT_DAYS = 183


def _coming(today: dt.date, month: int, day: int, raw: str) -> dt.date:
    """A bare month and day: the one just gone if it was at most half a year ago (:data:`RECENT_DAYS`; a past
    date, which :func:`parse_due` refuses unless allowed), else the next one to come, today included.

    On 1 December, "11-30" is the day before (refused like "yesterday"); on 20 November, "05-01" is next year's.
    """
    found: list[dt.date] = []
    first_error: MeetuiError | None = None
    for year in (today.year - 1, today.year, today.year + 1):
        try:
            found.append(_checked_date(year, month, day, raw))
        except MeetuiError as error:  # 29 February of a year that has none
            first_error = first_error or error
    recent = [c for c in found if 0 < (today - c).days <= RECENT_DAYS]
    coming = [c for c in found if c >= today]
    if recent or coming:
        return (recent or coming)[0]
    assert first_error is not None  # three years in a row without this day: only 29 February, never for two
    raise first_error


def _checked_date(year: int, month: int, day: int, raw: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise MeetuiError(f"{raw!r} is not a real date ({exc})") from exc


def parse_when(text: str, today: dt.date, zone: str) -> dt.datetime:
    """Read a start time: a phrase of :data:`DATE_PHRASES` with a time ("fri 10:00", "明天 下午3点"), or an ISO
    8601 date and time ("2026-12-01 10:00", "2026-12-01T10:00+08:00"). Without an offset it is local time in
    ``zone`` (an IANA name). Returns an aware datetime; raises :class:`MeetuiError` for text it cannot read.
    """
    import pendulum

    from .clock import to_pendulum, zone_checked

    zone = zone_checked(zone)
    raw = " ".join(text.strip().split())
    if not raw:
        raise MeetuiError(f"the start time is empty: {_WHEN_HELP}")
    clock = _clock_time(raw)
    if clock is not None and clock[0]:  # a bare time ("10:00") is refused: which day is not said
        date_text, hour, minute = clock
        try:
            day: dt.date | None = parse_due(date_text, today, past_ok=True)
        except MeetuiError:
            day = None
        if day is not None:
            return to_pendulum(pendulum.datetime(day.year, day.month, day.day, hour, minute, tz=zone), zone)
    moment = None
    if re.match(r"^\d{4}-\d{1,2}-\d{1,2}[T ]", raw):  # ISO 8601; pendulum's lenient parser would read "fri"
        try:
            moment = pendulum.parse(raw, tz=zone, strict=False, exact=True)  # exact: a bare date stays a date
        except Exception:  # pendulum's parser raises several kinds of error for text it cannot read
            moment = None
    if not isinstance(moment, dt.datetime):  # unreadable, or a date, a time or a duration ("P1D")
        raise MeetuiError(f"cannot read the start time {text!r}: {_WHEN_HELP}")
    return to_pendulum(moment, zone)


_WHEN_HELP = 'use a date and a time, e.g. "2026-12-01 10:00", "fri 10:00", "next mon 9:30" or "明天 下午3点"'


def _clock_time(raw: str) -> tuple[str, int, int] | None:
    """Split "fri 10:30" / "tomorrow 3pm" / "Dec 24 at 18:45" / "明天 下午3点半" into date phrase, hour, minute."""
    folded = raw.casefold()
    match = _CLOCK.match(folded)
    if match and (match.group("m") or match.group("ampm")):
        hour, minute = int(match.group("h")), int(match.group("m") or 0)
        if match.group("ampm"):
            if not 1 <= hour <= 12:
                return None
            hour = hour % 12 + (12 if match.group("ampm") == "pm" else 0)
        elif match.group("part") in {"下午", "晚上"} and hour < 12:
            hour += 12
    elif match := _CN_CLOCK.match(folded):
        hour = int(match.group("h"))
        minute = 30 if folded.endswith("半") else int(match.group("m") or 0)
        if match.group("part") in {"下午", "晚上"} and hour < 12:
            hour += 12
    else:
        return None
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        return None
    return match.group("date").strip(), hour, minute
