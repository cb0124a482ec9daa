"""The parsers people feed by hand, fuzzed: agenda files, due dates and note lines either work or raise
:class:`MeetuiError` with one line; nothing else escapes, and a refused note line changes nothing."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import tempfile
from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st

from meetui.core.clock import FrozenClock, SequentialIds
from meetui.core.commands import parse_note_line
from meetui.core.dates import parse_due
from meetui.core.errors import MeetuiError
from meetui.core.meeting import LiveMeeting, new_meeting
from meetui.importers.agenda import read_agenda

from .conftest import CASES, FUZZ

FIELDS = [
    "title",
    "kind",
    "goal",
    "urgent",
    "planned_minutes",
    "place",
    "host",
    "note_taker",
    "timezone",
    "scheduled_start",
    "materials",
    "attendees",
    "topics",
    "颜色",
]
SCALARS = st.none() | st.booleans() | st.integers(-(10**20), 10**20) | st.floats(allow_nan=False) | st.text(max_size=30)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.sampled_from(["title", "name", "planned_minutes", "owner", "x"]), inner, max_size=3)
    ),
    max_leaves=10,
)
AGENDAS = st.dictionaries(st.sampled_from(FIELDS), VALUES, max_size=6)


def _import(name: str, raw: bytes) -> None:
    """Read an agenda file and build its meeting as ``meetui new --agenda`` does; only MeetuiError may escape."""
    with tempfile.TemporaryDirectory(prefix="meetui-fuzz-agenda-") as folder:
        path = Path(folder) / name
        path.write_bytes(raw)
        clock = FrozenClock("2026-11-20T09:30:00+08:00", tz="Asia/Shanghai")
        try:
            fields = read_agenda(path)
            title = fields.pop("title", "周会")
            new_meeting(title if isinstance(title, str) else "周会", clock, **fields)
        except MeetuiError as error:
            assert "\n" not in str(error).strip() or str(error).count("\n") <= 1


@FUZZ
@given(AGENDAS)
@example({"title": "周会", "attendees": False})
@example({"title": "周会", "topics": [{"title": "一期\n范围"}]})
@example({"title": "周会", "timezone": "Asia/Shanghaj"})
@example({"title": "周会", "scheduled_start": "9999-12-31T23:59:00-12:00"})
def test_agenda_json(agenda: dict) -> None:
    CASES["agenda json"] += 1
    _import("agenda.json", json.dumps(agenda, ensure_ascii=False).encode())


@FUZZ
@given(st.binary(max_size=300) | st.text(max_size=200).map(str.encode))
@example(('title = "x"\nplanned_minutes = ' + "7" * 5000).encode())
@example(b'title = "x"\ngoal = ' + b"[" * 100_000)
@example('title = "周会"\nattendees = false\n'.encode())
def test_agenda_toml_text(raw: bytes) -> None:
    CASES["agenda toml"] += 1
    _import("agenda.toml", raw)


@FUZZ
@given(st.text(max_size=40), st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)))
@example("+999d", dt.date(9999, 12, 30))
@example("+999个月", dt.date(9999, 1, 1))
@example("下周日", dt.date(9999, 12, 31))
@example("tomorrow", dt.date(9999, 12, 31))
@example("2026-02-30", dt.date(2026, 11, 20))
def test_due_dates(text: str, today: dt.date) -> None:
    CASES["due dates"] += 1
    try:
        due = parse_due(text, today)
    except MeetuiError:
        return
    assert isinstance(due, dt.date)


WORDS = st.sampled_from(
    [
        "#action",
        "#info",
        "#idea",
        "#agreed",
        "#topic",
        "#undo",
        "#risk",
        "#link",
        "#",
        "##",
        "李娜",
        "王芳",
        "by",
        "fri",
        "+3d",
        "周五前",
        "by 99-99",
        "[b]",
        "\n",
        " ",
        "：",
        ":",
    ]
)
LINES = st.lists(WORDS | st.text(max_size=12), max_size=8).map(" ".join)


@FUZZ
@given(st.lists(LINES, min_size=1, max_size=5))
@example(["#action 李娜 整理清单 by 9999-12-31"])
@example(["#undo", "#undo"])
@example(["#topic " + "议" * 201])
@example(["#action " + "长" * 10_001])
def test_note_lines(lines: list[str]) -> None:
    CASES["note lines"] += 1
    clock = FrozenClock("2026-11-20T09:30:00+08:00", tz="Asia/Shanghai")
    ids = SequentialIds("n")
    meeting = new_meeting(
        "周会", clock, ids, attendees=[{"name": "李娜"}, {"name": "王芳"}], topics=[{"title": "一期范围"}]
    )
    live = LiveMeeting(meeting, clock, ids, actor="赵磊")
    live.start()
    for line in lines:
        with contextlib.suppress(MeetuiError):
            parse_note_line(line)
        before = live.meeting.model_dump()
        try:
            live.apply_line(line)
        except MeetuiError:
            assert live.meeting.model_dump() == before  # a refused line changes nothing
