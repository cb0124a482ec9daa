"""An action item carried into a follow-up meeting is one item with one status, wherever it is shown or updated.

The earlier meeting (held) records three open items and one done; ``meetui new --follow-up`` carries the three
open ones. Today is 2026-11-20 (the frozen clock)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from meetui.core.clock import FrozenClock, SequentialIds
from meetui.core.lifecycle import ActionUpdate, apply_update, move
from meetui.core.meeting import Change, LiveMeeting
from meetui.store import Store

from .conftest import Runner, seed

PEOPLE = [{"name": "王芳", "department": "产品部"}, {"name": "李娜", "department": "研发部"}]


@pytest.fixture
def carried(cli: Runner, data_dir: Path, clock: FrozenClock) -> dict[str, str]:
    """The earlier meeting (held, three open items and one done) and its follow-up; ids by name."""
    made: dict[str, str] = {}

    def build(live: LiveMeeting) -> None:
        live.start()
        for task, owner, due in [
            ("写测试报告", "李娜", "11-21"),
            ("确认渠道", "王芳", "11-26"),
            ("更新文档", "李娜", None),
        ]:
            made[task] = live.add_action(task, owner, due=due).records[0].id
        done = live.add_action("发送纪要", "王芳").records[0]
        move(done, "done", clock.now())
        live.end()

    seed(data_dir, clock, "Q3 发布协调会", meeting_id="q3first1", attendees=PEOPLE, build=build, host="王芳")
    result = cli("new", "Q3 发布跟进会", "--follow-up", "q3first1", "--at", "2026-11-23 10:00")
    assert result.code == 0, result.err
    made["earlier"], made["later"] = "q3first1", result.out.strip()
    return made


def statuses(data_dir: Path, meeting_id: str) -> dict[str, str]:
    return {a.task: a.status.value for a in Store(data_dir).load(meeting_id).actions}


def test_every_listing_shows_a_carried_item_once(cli: Runner, carried: dict[str, str]) -> None:
    listed = json.loads(cli("actions", "--format", "json").out)
    assert sorted(a["task"] for a in listed) == sorted(["发送纪要", "写测试报告", "更新文档", "确认渠道"])
    rows = list(csv.reader(io.StringIO(cli("actions", "--format", "csv").out)))
    assert len(rows) == 1 + 4
    table = cli("actions").out
    assert table.count("写测试报告") == 1
    assert cli("actions", "--format", "ics").out.count("写测试报告") == 1
    assert cli("remind").out.count("写测试报告") == 1
    # the follow-up meeting holds the carried items: its filter shows them, once
    held = json.loads(cli("actions", "--meeting", carried["later"], "--format", "json").out)
    assert sorted(a["task"] for a in held) == sorted(["写测试报告", "更新文档", "确认渠道"])
    assert all("in_meetings" not in a for a in held)


def test_stats_count_a_carried_item_once(cli: Runner, data_dir: Path, carried: dict[str, str]) -> None:
    store = Store(data_dir)
    later = store.load(carried["later"])
    live = LiveMeeting(later, FrozenClock("2026-11-20T15:00:00+08:00"), SequentialIds("f"))
    store.commit(later, live.start())
    store.commit(later, live.end())
    figures = json.loads(cli("stats", "--format", "json").out)
    assert (figures["meetings_held"], figures["total"]["actions"], figures["total"]["done"]) == (2, 4, 1)


def test_an_update_from_the_shell_reaches_every_copy(cli: Runner, data_dir: Path, carried: dict[str, str]) -> None:
    assert cli("action", carried["写测试报告"], "--status", "进行中").code == 0
    assert statuses(data_dir, carried["earlier"])["写测试报告"] == "in-progress"
    assert statuses(data_dir, carried["later"])["写测试报告"] == "in-progress"
    assert cli("action", carried["确认渠道"], "--status", "done", "--deliverable", "渠道名单.xlsx").code == 0
    earlier, later = (Store(data_dir).load(carried[m]).action(carried["确认渠道"]) for m in ("earlier", "later"))
    assert earlier.model_dump(exclude={"meeting_id", "carried_from"}) == later.model_dump(
        exclude={"meeting_id", "carried_from"}
    )
    assert (later.status.value, later.deliverable) == ("done", "渠道名单.xlsx")
    shown = [cli("show", carried[m]).out for m in ("earlier", "later")]
    assert all("确认渠道" not in text or "done" in text for text in shown)
    listed = {a["task"]: a["status"] for a in json.loads(cli("actions", "--format", "json").out)}
    assert listed["写测试报告"] == "in-progress" and listed["确认渠道"] == "done"
    assert "确认渠道" not in cli("actions", "--status", "open").out


def test_an_update_in_the_follow_up_meeting_reaches_the_earlier_one(
    data_dir: Path, clock: FrozenClock, carried: dict[str, str]
) -> None:
    """The live screen's writes (and the updates it applies from its queue) go through the store like this."""
    store = Store(data_dir)
    later = store.load(carried["later"])
    update = ActionUpdate(action_id=carried["更新文档"], at=clock.now(), status="blocked", note="等法务意见")
    store.commit(later, Change([apply_update(later, update)]))
    copy = store.load(carried["earlier"]).action(carried["更新文档"])
    assert (copy.status.value, copy.reason) == ("blocked", "等法务意见")
    assert copy.meeting_id == carried["earlier"] and copy.carried_from is None


def test_a_copy_in_a_meeting_run_live_elsewhere_is_queued_for_it(
    cli: Runner, data_dir: Path, carried: dict[str, str]
) -> None:
    store = Store(data_dir)
    lock = store.hold_live(carried["later"])  # as if another process ran the follow-up meeting live
    try:
        assert store.locks.live_held(carried["later"])
        assert cli("action", carried["写测试报告"], "--status", "blocked", "--note", "等待测试环境").code == 0
        # the earlier meeting is written at once; the live meeting gets the update through its queue
        assert statuses(data_dir, carried["earlier"])["写测试报告"] == "blocked"
        queued = [doc for _, doc in store.queue.pending(carried["later"])]
        assert len(queued) == 1
        assert (queued[0]["status"], queued[0]["note"]) == ("blocked", "等待测试环境")
    finally:
        lock.release()
    later = store.load(carried["later"])
    apply_update(later, ActionUpdate.model_validate(queued[0]))
    assert later.action(carried["写测试报告"]).reason == "等待测试环境"
