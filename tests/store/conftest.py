"""Fixtures for the store tests: a frozen clock, predictable ids, a store in tmp_path, and a full meeting."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from meetui.core.clock import FrozenClock, SequentialIds
from meetui.core.meeting import LiveMeeting, new_meeting
from meetui.core.models import Attendance, NoteKind
from meetui.store import Store

SHANGHAI = dt.timezone(dt.timedelta(hours=8))


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(dt.datetime(2026, 3, 9, 9, 55, tzinfo=SHANGHAI), "Asia/Shanghai")


@pytest.fixture
def ids() -> SequentialIds:
    return SequentialIds("m")


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "data")


def plan_meeting(clock: FrozenClock, ids: SequentialIds, title: str = "Q3 产品发布跨部门协调会"):
    """A scheduled meeting with attendees and a three-topic agenda, as `meetui new` would make it."""
    return new_meeting(
        title,
        clock,
        ids,
        scheduled_start="2026-03-09T10:00:00+08:00",
        goal="三天内确定发布计划、各部门职责与日期",
        place="3F 会议室 珠峰",
        host="王芳",
        note_taker="李娜",
        topics=[
            {"title": "发布日期与里程碑", "owner": "王芳", "planned_minutes": 20, "expected_output": "锁定发布日期"},
            {"title": "研发就绪度", "owner": "李娜", "planned_minutes": 15},
            {"title": "销售渠道培训", "owner": "陈刚", "planned_minutes": 10},
        ],
        attendees=[
            {"name": "王芳", "department": "产品部", "role": "decision-maker"},
            {"name": "李娜", "department": "研发部"},
            {"name": "陈刚", "department": "销售部"},
            {"name": "赵磊", "department": "销售部", "role": "decision-maker"},
        ],
    )


def run_full_meeting(store: Store, clock: FrozenClock, ids: SequentialIds) -> LiveMeeting:
    """Create a meeting and run it through every kind of record, committing each change as the UI does."""
    meeting = plan_meeting(clock, ids)
    store.create(meeting)
    live = LiveMeeting(meeting, clock, ids)

    def do(change) -> None:
        store.commit(live.meeting, change)
        clock.advance(seconds=30)

    do(live.mark("王芳", Attendance.PRESENT))
    do(live.mark("李娜", Attendance.PRESENT))
    do(live.mark("陈刚", Attendance.PRESENT))
    do(live.mark("赵磊", Attendance.PROXY, proxy="陈刚", reason="客户拜访（深圳）"))
    do(live.start())
    do(live.add_note("研发报告支付模块延期两周", NoteKind.INFO, author="李娜"))
    do(live.add_note("可以先发布不含新支付的版本", NoteKind.IDEA, author="陈刚"))
    do(live.add_note("私下备注：预算待确认", private=True))
    do(live.queue_speaker("陈刚"))
    do(live.next_speaker())
    decision = live.propose_decision("发布日期定为 11 月 20 日")
    do(decision)
    decision_id = decision.records[0].id
    do(live.object(decision_id, "李娜", "冻结代码时间不够"))
    do(live.revise(decision_id, "发布日期定为 11 月 27 日"))
    do(live.no_objections(decision_id))
    do(live.amend(decision_id, "发布日期定为 11 月 28 日（周五）", reason="避开周四的系统维护"))
    action = live.add_action("整理发布清单并发给各部门", "李娜", due="+3d", deliverable="发布清单 v1", priority="high")
    do(action)
    do(live.confirm_action(action.records[0].id))
    do(live.set_action_status(action.records[0].id, "in-progress", note="已开始整理", by="李娜"))
    do(live.next_topic())
    do(live.add_action("安排渠道培训", "陈刚", due="2026-03-20"))
    do(live.park("海外市场的定价策略", raised_by="陈刚"))
    do(live.extend(5))
    do(live.add_topic("其他事项"))
    do(live.apply_line("#agreed 培训在发布前两周完成"))
    do(live.undo())
    do(live.end(next_checkpoint="2026-03-16"))
    return live


@pytest.fixture
def full_run(store: Store, clock: FrozenClock, ids: SequentialIds) -> LiveMeeting:
    return run_full_meeting(store, clock, ids)


@pytest.fixture
def make_meeting(clock: FrozenClock, ids: SequentialIds):
    """Build (without storing) a planned meeting; call it with a title for another one."""
    return lambda title="Q3 产品发布跨部门协调会": plan_meeting(clock, ids, title)
