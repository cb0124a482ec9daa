"""Due dates as people say them: "fri", "+3d", "12-01", "周五", "下周一", "明天"."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from meetui.core.dates import parse_due
from meetui.core.errors import MeetuiError

FRIDAY = dt.date(2026, 11, 20)
MONDAY = dt.date(2026, 11, 16)


@pytest.mark.parametrize(
    ("text", "today", "expected"),
    [
        ("fri", FRIDAY, dt.date(2026, 11, 27)),  # on a Friday, "fri" is the Friday a week later
        ("Friday", MONDAY, dt.date(2026, 11, 20)),
        ("next fri", MONDAY, dt.date(2026, 11, 27)),
        ("mon", FRIDAY, dt.date(2026, 11, 23)),
        ("today", FRIDAY, FRIDAY),
        ("tomorrow", FRIDAY, dt.date(2026, 11, 21)),
        ("+3d", FRIDAY, dt.date(2026, 11, 23)),
        ("+2w", FRIDAY, dt.date(2026, 12, 4)),
        ("+1m", dt.date(2026, 1, 31), dt.date(2026, 2, 28)),
        ("12-01", FRIDAY, dt.date(2026, 12, 1)),
        ("11-01", FRIDAY, dt.date(2027, 11, 1)),  # already past this year: next year's
        ("12/01", FRIDAY, dt.date(2026, 12, 1)),
        ("2026-12-01", FRIDAY, dt.date(2026, 12, 1)),
        ("2026年12月1日", FRIDAY, dt.date(2026, 12, 1)),
        ("12月1日", FRIDAY, dt.date(2026, 12, 1)),
        ("12月1号", FRIDAY, dt.date(2026, 12, 1)),
        ("2026年12月4号", FRIDAY, dt.date(2026, 12, 4)),
        ("周五", FRIDAY, dt.date(2026, 11, 27)),
        ("周五", MONDAY, dt.date(2026, 11, 20)),
        ("星期三", FRIDAY, dt.date(2026, 11, 25)),
        ("next week", FRIDAY, dt.date(2026, 11, 27)),
        ("下周", FRIDAY, dt.date(2026, 11, 27)),
        ("下周一", FRIDAY, dt.date(2026, 11, 23)),  # next calendar week's Monday
        ("下周一", MONDAY, dt.date(2026, 11, 23)),
        ("下周五", MONDAY, dt.date(2026, 11, 27)),
        ("下周日", FRIDAY, dt.date(2026, 11, 29)),
        ("明天", FRIDAY, dt.date(2026, 11, 21)),
        ("后天", FRIDAY, dt.date(2026, 11, 22)),
        ("+3天", FRIDAY, dt.date(2026, 11, 23)),
        ("+2周", FRIDAY, dt.date(2026, 12, 4)),
        ("  Tomorrow ", FRIDAY, dt.date(2026, 11, 21)),
    ],
)
def test_parse_due(text: str, today: dt.date, expected: dt.date) -> None:
    due = parse_due(text, today)
    assert due == expected
    assert type(due) is dt.date


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2026-02-30", "'2026-02-30' is not a real date"),
        ("02-30", "'02-30' is not a real date"),
        ("13-01", "'13-01' is not a real date"),
        ("someday", "cannot read the due date 'someday'"),
        ("下下周", "cannot read the due date '下下周'"),
        ("", "the due date is empty"),
    ],
)
def test_invalid_due_dates_are_refused_with_help(text: str, message: str) -> None:
    with pytest.raises(MeetuiError) as caught:
        parse_due(text, FRIDAY)
    assert message in str(caught.value)


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 1, 1)), st.sampled_from(range(7)))
def test_weekday_names_land_on_that_weekday_within_a_week(today: dt.date, weekday: int) -> None:
    english = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"][weekday]
    chinese = "周" + "一二三四五六日"[weekday]
    for text in (english, chinese):
        due = parse_due(text, today)
        assert due.weekday() == weekday
        assert 1 <= (due - today).days <= 7
    next_week = parse_due("下" + chinese, today)
    assert next_week.weekday() == weekday
    this_monday = today - dt.timedelta(days=today.weekday())
    assert next_week - this_monday == dt.timedelta(days=7 + weekday)


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 1, 1)), st.integers(0, 400))
def test_relative_days(today: dt.date, days: int) -> None:
    assert parse_due(f"+{days}d", today) == today + dt.timedelta(days=days)
