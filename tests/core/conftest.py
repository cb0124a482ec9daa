"""Fixtures for the core tests: a Chinese cross-department meeting, ready to run live."""

from __future__ import annotations

import pytest

from meetui.core.clock import FrozenClock, SequentialIds
from meetui.core.meeting import LiveMeeting, new_meeting
from meetui.core.models import Meeting

ATTENDEES = [
    {"name": "王芳", "department": "产品部", "role": "decision-maker", "attendance": "confirmed"},
    {"name": "李娜", "department": "研发部", "role": "executor", "attendance": "confirmed"},
    {"name": "陈刚", "department": "销售部", "role": "executor", "attendance": "confirmed"},
    {"name": "赵磊", "department": "销售部", "role": "support", "attendance": "confirmed"},
    {"name": "Priya Nair", "department": "研发部", "role": "expert", "attendance": "confirmed"},
]

TOPICS = [
    {"title": "发布日期", "owner": "王芳", "planned_minutes": 10, "goal": "定下发布日期", "expected_output": "日期"},
    {"title": "渠道准备", "owner": "陈刚", "planned_minutes": 20, "goal": "确认渠道", "expected_output": "清单"},
    {
        "title": "风险与应对",
        "owner": "李娜",
        "planned_minutes": 15,
        "goal": "每个风险有负责人",
        "expected_output": "风险表",
    },
]


def make_meeting(clock: FrozenClock, ids: SequentialIds, **fields) -> Meeting:
    """The Q3 launch coordination meeting, 60 minutes, hosted by 王芳."""
    values = {
        "planned_minutes": 60,
        "host": "王芳",
        "note_taker": "赵磊",
        "attendees": ATTENDEES,
        "topics": TOPICS,
        "goal": "三天内确定 Q3 发布计划与各部门分工",
    }
    return new_meeting("Q3 发布协调会", clock, ids, **{**values, **fields})


@pytest.fixture
def ids() -> SequentialIds:
    return SequentialIds("t")


@pytest.fixture
def meeting(clock: FrozenClock, ids: SequentialIds) -> Meeting:
    return make_meeting(clock, ids)


@pytest.fixture
def live(meeting: Meeting, clock: FrozenClock, ids: SequentialIds) -> LiveMeeting:
    return LiveMeeting(meeting, clock, ids, actor="赵磊")
