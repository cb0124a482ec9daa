"""Due dates as people say them: "fri", "+3d", "12-01", "周五", "下周一", "明天"."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from meetui.core.dates import DATE_PHRASES, PastDue, due_remark, parse_due, parse_when
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
        ("05-01", FRIDAY, dt.date(2027, 5, 1)),  # more than half a year past this year: next year's
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
        # next X is day X of next week, as 下周X: on a Friday "mon" and "next mon" agree; on a Monday they differ
        ("next mon", FRIDAY, dt.date(2026, 11, 23)),
        ("next mon", MONDAY, dt.date(2026, 11, 23)),
        ("mon", MONDAY, dt.date(2026, 11, 23)),
        ("next fri", FRIDAY, dt.date(2026, 11, 27)),
        ("this fri", MONDAY, dt.date(2026, 11, 20)),
        ("this fri", FRIDAY, FRIDAY),
        ("This Sunday", FRIDAY, dt.date(2026, 11, 22)),
        ("本周五", MONDAY, dt.date(2026, 11, 20)),
        ("这周日", FRIDAY, dt.date(2026, 11, 22)),
        ("Dec 24", FRIDAY, dt.date(2026, 12, 24)),
        ("24 Dec", FRIDAY, dt.date(2026, 12, 24)),
        ("december 24th", FRIDAY, dt.date(2026, 12, 24)),
        ("Dec. 24, 2027", FRIDAY, dt.date(2027, 12, 24)),
        ("May 1", FRIDAY, dt.date(2027, 5, 1)),  # more than half a year back: next year's
        ("12月24日", FRIDAY, dt.date(2026, 12, 24)),
        ("eow", FRIDAY, dt.date(2026, 11, 22)),
        ("End of week", MONDAY, dt.date(2026, 11, 22)),
        ("本周末", FRIDAY, dt.date(2026, 11, 22)),
        ("eom", FRIDAY, dt.date(2026, 11, 30)),
        ("end of month", dt.date(2026, 2, 3), dt.date(2026, 2, 28)),
        ("月底", FRIDAY, dt.date(2026, 11, 30)),
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
        ("Dec 32", "'Dec 32' is not a real date"),
        ("Smarch 3", "cannot read the due date 'Smarch 3'"),
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


@pytest.mark.parametrize("text", ["yesterday", "昨天", "2026-11-19", "this mon", "本周一"])
def test_a_due_date_in_the_past_is_refused_unless_allowed(text: str) -> None:
    with pytest.raises(PastDue) as caught:
        parse_due(text, FRIDAY)
    assert caught.value.due < FRIDAY
    assert "has passed (today is 2026-11-20)" in str(caught.value)
    assert parse_due(text, FRIDAY, past_ok=True) == caught.value.due


def test_a_month_and_day_already_past_says_which_year() -> None:
    assert due_remark("05-01", FRIDAY, parse_due("05-01", FRIDAY)) == "05-01 has passed this year: read as 2027-05-01"
    assert due_remark("May 1", FRIDAY, parse_due("May 1", FRIDAY)) == "May 1 has passed this year: read as 2027-05-01"
    assert due_remark("12-01", FRIDAY, parse_due("12-01", FRIDAY)) == ""


@pytest.mark.parametrize("text", ["11月30日", "11-30", "11/30", "Nov 30", "30 November", "11月30号"])
def test_a_month_and_day_in_the_recent_past_has_passed_like_yesterday(text: str) -> None:
    """The day after 30 November, "by 11月30日" is yesterday, not eleven months ahead."""
    day_after = dt.date(2026, 12, 1)
    with pytest.raises(PastDue) as caught:
        parse_due(text, day_after)
    assert caught.value.due == dt.date(2026, 11, 30)
    assert parse_due(text, day_after, past_ok=True) == dt.date(2026, 11, 30)
    assert due_remark(text, day_after, dt.date(2026, 11, 30)) == ""


@pytest.mark.parametrize(
    ("text", "today", "expected"),
    [
        ("12-30", dt.date(2027, 1, 5), dt.date(2026, 12, 30)),  # the one just gone, across the new year
        ("06-01", dt.date(2026, 12, 1), dt.date(2026, 6, 1)),  # 183 days back: still the recent past
        ("05-31", dt.date(2026, 12, 1), dt.date(2027, 5, 31)),  # 184 days back: next year's
        ("12-01", dt.date(2026, 12, 1), dt.date(2026, 12, 1)),  # today
    ],
)
def test_half_a_year_back_is_where_a_month_and_day_rolls_to_next_year(
    text: str, today: dt.date, expected: dt.date
) -> None:
    assert parse_due(text, today, past_ok=True) == expected
    assert due_remark("2027-11-01", FRIDAY, dt.date(2027, 11, 1)) == ""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("fri 10:00", "2026-11-27T10:00:00+08:00"),
        ("next mon 9:30", "2026-11-23T09:30:00+08:00"),
        ("tomorrow 3pm", "2026-11-21T15:00:00+08:00"),
        ("明天 下午3点", "2026-11-21T15:00:00+08:00"),
        ("下周一 上午10点半", "2026-11-23T10:30:00+08:00"),
        ("明天 下午3:30", "2026-11-21T15:30:00+08:00"),
        ("Dec 24 at 18:45", "2026-12-24T18:45:00+08:00"),
        ("2026-12-01 10:00", "2026-12-01T10:00:00+08:00"),
        ("2026-12-01T10:00+00:00", "2026-12-01T18:00:00+08:00"),
    ],
)
def test_parse_when_reads_a_date_phrase_with_a_time(text: str, expected: str) -> None:
    moment = parse_when(text, FRIDAY, "Asia/Shanghai")
    assert moment.isoformat() == expected
    assert moment.utcoffset() is not None


@pytest.mark.parametrize("text", ["10:00", "fri", "下周找个时间", "fri 25:00", "13pm", ""])
def test_parse_when_refuses_what_is_not_a_moment(text: str) -> None:
    with pytest.raises(MeetuiError):
        parse_when(text, FRIDAY, "Asia/Shanghai")


def test_every_example_in_the_table_of_date_phrases_is_read() -> None:
    for examples, _meaning in DATE_PHRASES:
        for example in examples.replace(" · ", ", ").split(", "):
            if example.startswith("…"):
                continue
            parse_due(example, FRIDAY, past_ok=True)


@given(st.text(max_size=30), st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 1, 1)))
def test_any_text_is_read_or_refused_with_a_message(text: str, today: dt.date) -> None:
    for read in (lambda: parse_due(text, today), lambda: parse_when(text, today, "UTC")):
        try:
            read()
        except MeetuiError as error:
            assert str(error)
