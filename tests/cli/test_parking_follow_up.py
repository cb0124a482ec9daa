"""``meetui new --follow-up``: the parked items marked for the follow-up meeting come first, as stored."""

from __future__ import annotations

from pathlib import Path

from meetui.core.clock import SequentialIds
from meetui.core.meeting import LiveMeeting
from meetui.store import Store

from .conftest import Runner


def test_the_marked_items_come_first_and_the_one_turned_into_an_action_is_carried_as_one(
    cli: Runner, data_dir: Path, clock
) -> None:
    earlier_id = cli("new", "渠道协调会", "--host", "王芳").out.strip()
    store = Store(data_dir)
    meeting = store.load(earlier_id)
    live = LiveMeeting(meeting, clock, SequentialIds("l"))
    store.commit(meeting, live.start())
    parked = []
    for text, owner in (("合同模板要不要统一", ""), ("预算口径不一致", "陈刚"), ("培训排期", "李娜")):
        change = live.park(text, owner=owner)
        store.commit(meeting, change)
        parked.append(change.records[0].id)
    store.commit(meeting, live.update_parked(parked[1], due="2026-12-04"))
    store.commit(meeting, live.parked_to_follow_up(parked[1]))
    store.commit(meeting, live.end())
    store.commit(meeting, live.parked_to_action(parked[2]))  # after the end: sorting the parking lot

    result = cli("new", "渠道跟进会", "--follow-up", earlier_id)
    assert result.code == 0, result.err
    later = Store(data_dir).load(result.out.strip())
    assert [t.title for t in later.agenda] == [
        "回顾「渠道协调会」的未完成行动项",
        "预算口径不一致",
        "合同模板要不要统一",
    ]
    budget = later.agenda[1]
    assert (budget.owner, budget.goal) == ("陈刚", "2026-12-04 前定下来")
    assert "定为本次跟进会议题" in budget.background
    assert [(a.task, a.owner) for a in later.actions] == [("培训排期", "李娜")]
