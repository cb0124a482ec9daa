"""Parsing the due dates people say out loud: "fri", "tomorrow", "+3d", "12-01", "周五"."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from .errors import MeetuiError

if TYPE_CHECKING:
    import pendulum

_WEEKDAYS = {
    "mon": 0, "monday": 0, "tue": 1, "tues": 1, "tuesday": 1, "wed": 2, "wednesday": 2,
    "thu": 3, "thur": 3, "thurs": 3, "thursday": 3, "fri": 4, "friday": 4,
    "sat": 5, "saturday": 5, "sun": 6, "sunday": 6,
}  # fmt: skip
_CN_DAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_RELATIVE = re.compile(r"^\+(\d{1,3})\s*(d|w|m|天|周|个月)?$")
_CN_RELATIVE = re.compile(r"^(\d{1,3}|[一两二三四五六七八九十])\s*(天|日|周|个星期|星期|个月)后$")
_CN_NUMBERS = {c: i for i, c in enumerate("一二三四五六七八九十", start=1)} | {"两": 2}
_CN_WEEKDAY = re.compile(r"^(下)?(?:周|星期|礼拜)([一二三四五六日天])$")
_MONTH_DAY = re.compile(r"^(\d{1,2})[-/.月](\d{1,2})[日号]?$")
_FULL_DATE = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})[日号]?$")

#: A Chinese or numeric date written straight after other Chinese text, with no space: "周五", "下周一", "明天",
#: "12月1日", "2026年12月1号", "12-01". Used to find a deadline at the end of a task ("提交报价单周五前").
CJK_DATE = (r"(?:下)?(?:周|星期|礼拜)[一二三四五六日天]|今天|今日|明天|明日|后天"
            r"|\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}[日号]?|\d{1,2}月\d{1,2}[日号]?|\d{1,2}[-/]\d{1,2}")

DUE_HELP = 'use a date such as "fri", "tomorrow", "+3d", "12-01", "2026-12-01", "周五", "12月1号" or "两周后"'


def parse_due(text: str, today: dt.date) -> dt.date:
    """Read a due date relative to ``today`` (see :func:`_parse_due`), as a plain date."""
    try:
        due = _parse_due(text, today)
    except MeetuiError:
        raise
    except (OverflowError, ValueError):  # a day or month added past the year 9999
        raise MeetuiError(f"{text!r} falls outside the calendar's range") from None
    return dt.date(due.year, due.month, due.day)


def _parse_due(text: str, today: dt.date) -> dt.date:
    """Read a due date; refuse anything unclear with a helpful message.

    Weekday names mean the next such day after today ("fri" on a Friday is
    the Friday a week later); "next fri" skips one more week. A month and day
    without a year means the next time that date comes round.
    """
    raw = text.strip()
    word = raw.casefold()
    if not word:
        raise MeetuiError(f"the due date is empty: {DUE_HELP}")
    import pendulum  # for its calendar arithmetic; imported here, as only due dates need it

    base = pendulum.date(today.year, today.month, today.day)
    if word in {"today", "今天", "今日"}:
        return today
    if word in {"tomorrow", "tmr", "明天", "明日"}:
        return base.add(days=1)
    if word in {"后天"}:
        return base.add(days=2)
    if word in {"next week", "下周"}:
        return base.add(weeks=1)
    skip_week = False
    if word.startswith("next "):
        skip_week, word = True, word[5:].strip()
    if word in _WEEKDAYS:
        return _next_weekday(base, _WEEKDAYS[word], skip_week)
    if match := _CN_WEEKDAY.match(word):
        weekday = _CN_DAYS[match.group(2)]
        if match.group(1):  # 下周X is day X of the next calendar week (weeks start on Monday)
            return base.add(days=7 - base.weekday() + weekday)
        return _next_weekday(base, weekday, False)
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
        month, day = int(match.group(1)), int(match.group(2))
        candidate = _checked_date(today.year, month, day, raw)
        if candidate < today:
            candidate = _checked_date(today.year + 1, month, day, raw)
        return candidate
    raise MeetuiError(f"cannot read the due date {raw!r}: {DUE_HELP}")


def _next_weekday(base: pendulum.Date, weekday: int, skip_week: bool) -> dt.date:
    days = (weekday - base.weekday()) % 7 or 7
    if skip_week:
        days += 7
    return base.add(days=days)


def _checked_date(year: int, month: int, day: int, raw: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise MeetuiError(f"{raw!r} is not a real date ({exc})") from exc
