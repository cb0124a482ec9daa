"""The parking lot's follow-through: a parked item becomes an action item or a topic of the follow-up meeting."""

from __future__ import annotations

import datetime as dt

import pytest

from meetui.core.clock import FrozenClock, SequentialIds
from meetui.core.dates import PastDue
from meetui.core.errors import MeetuiError
from meetui.core.meeting import LiveMeeting, new_meeting
from meetui.core.models import ActionItem, ActionStatus, ParkingLotItem
from meetui.core.planning import follow_up_fields


@pytest.fixture
def room(live: LiveMeeting) -> LiveMeeting:
    live.start()
    return live


def park(live: LiveMeeting, text: str, **fields) -> ParkingLotItem:
    item = live.park(text, raised_by=fields.pop("raised_by", ""), owner=fields.pop("owner", "")).records[0]
    assert isinstance(item, ParkingLotItem)
    if fields:
        live.update_parked(item.id, **fields)
    return item


def test_a_parked_item_becomes_an_action_item_with_its_text_owner_and_due(room: LiveMeeting) -> None:
    item = park(room, "渠道培训排期", owner="陈刚", due="2026-12-04")
    topic_id = item.topic_id
    room.next_topic()
    change = room.parked_to_action(item.id, deliverable="培训日程表")
    action = room.meeting.actions[-1]
    assert (action.task, action.owner, action.due, action.deliverable) == (
        "渠道培训排期",
        "陈刚",
        dt.date(2026, 12, 4),
        "培训日程表",
    )
    assert action.department == "销售部"  # the attendee's, as add_action gives it
    assert action.topic_id == topic_id  # the topic it was parked from, not the current one
    assert (item.action_id, item.resolved, item.follow_up) == (action.id, True, False)
    assert action in change.records and item in change.records
    assert change.message.startswith(f"parked item → action {action.id} for 陈刚")


def test_what_is_given_replaces_the_items_owner_and_due(room: LiveMeeting) -> None:
    item = park(room, "预算口径不一致", owner="陈刚", due="2026-12-04")
    room.parked_to_action(item.id, task="统一预算口径", owner="王芳", due="+3d")
    action = room.meeting.actions[-1]
    assert (action.task, action.owner, action.due) == ("统一预算口径", "王芳", dt.date(2026, 11, 23))
    item2 = park(room, "合同模板", owner="李娜", due="2026-12-04")
    room.parked_to_action(item2.id, due="")  # "" is "no due date", not "the item's"
    assert room.meeting.actions[-1].due is None


def test_an_action_item_needs_an_owner_and_a_due_date_not_past(room: LiveMeeting) -> None:
    item = park(room, "渠道培训排期")
    with pytest.raises(MeetuiError, match="needs an owner"):
        room.parked_to_action(item.id)
    with pytest.raises(PastDue):
        room.parked_to_action(item.id, owner="陈刚", due="2026-11-01")
    with pytest.raises(MeetuiError, match="deliverable"):
        room.parked_to_action(item.id, owner="陈刚", deliverable="x" * 100_000)
    assert room.meeting.actions == []
    assert (item.action_id, item.resolved) == ("", False)


def test_an_item_turned_into_something_is_refused_a_second_time(room: LiveMeeting) -> None:
    item = park(room, "渠道培训排期", owner="陈刚")
    room.parked_to_action(item.id)
    with pytest.raises(MeetuiError, match=f"already became action item {item.action_id}"):
        room.parked_to_action(item.id)
    with pytest.raises(MeetuiError, match="already became action item"):
        room.parked_to_follow_up(item.id)
    other = park(room, "预算口径不一致", owner="王芳")
    room.parked_to_follow_up(other.id)
    with pytest.raises(MeetuiError, match="already for the follow-up meeting"):
        room.parked_to_follow_up(other.id)
    with pytest.raises(MeetuiError, match="already for the follow-up meeting"):
        room.parked_to_action(other.id)
    settled = park(room, "合同模板")
    room.update_parked(settled.id, resolved=True)
    with pytest.raises(MeetuiError, match="resolved already"):
        room.parked_to_action(settled.id, owner="李娜")
    with pytest.raises(MeetuiError, match="no parking-lot item"):
        room.parked_to_follow_up("nope")
    assert len(room.meeting.actions) == 1


def test_for_the_follow_up_meeting_is_not_resolved(room: LiveMeeting) -> None:
    item = park(room, "预算口径不一致", owner="王芳")
    change = room.parked_to_follow_up(item.id)
    assert (item.follow_up, item.resolved, item.action_id) == (True, False, "")
    assert change.records == [item] and "follow-up meeting" in change.message


def test_back_to_the_parking_lot_reverses_both(room: LiveMeeting) -> None:
    item = park(room, "渠道培训排期", owner="陈刚")
    room.parked_to_action(item.id)
    action = room.meeting.actions[-1]
    change = room.back_to_parking_lot(item.id)
    assert room.meeting.actions == [] and change.deleted == [action]
    assert (item.action_id, item.resolved) == ("", False)
    room.parked_to_follow_up(item.id)
    room.back_to_parking_lot(item.id)
    assert item.follow_up is False
    with pytest.raises(MeetuiError, match="in the parking lot already"):
        room.back_to_parking_lot(item.id)
    room.parked_to_action(item.id)  # open again: it can become an action item after all
    assert room.meeting.actions[-1].task == "渠道培训排期"


def test_an_action_item_with_progress_is_not_taken_back(room: LiveMeeting) -> None:
    item = park(room, "渠道培训排期", owner="陈刚")
    room.parked_to_action(item.id)
    action = room.meeting.actions[-1]
    room.set_action_status(action.id, ActionStatus.IN_PROGRESS, note="已联系培训供应商")
    with pytest.raises(MeetuiError, match="cancel it instead"):
        room.back_to_parking_lot(item.id)
    assert room.meeting.actions == [action] and item.action_id == action.id


def test_a_decided_item_stays_decided(room: LiveMeeting) -> None:
    topic = room.meeting.current_topic
    assert topic is not None
    room.defer_topic(topic.id)
    item = room.meeting.parking_lot[-1]
    room.goto_topic(topic.id)
    decision = room.propose_decision("发布日期 12 月 15 日").records[0]
    room.no_objections(decision.id)
    assert item.resolved_by == decision.id
    with pytest.raises(MeetuiError, match="locked decision"):
        room.back_to_parking_lot(item.id)


def test_both_work_after_the_meeting_ended(room: LiveMeeting) -> None:
    first = park(room, "渠道培训排期", owner="陈刚")
    second = park(room, "预算口径不一致")
    room.end()
    with pytest.raises(MeetuiError, match="ended"):
        room.add_action("别的事", "李娜")  # new action items from scratch: not after the end
    room.parked_to_action(first.id)
    room.parked_to_follow_up(second.id)
    assert room.meeting.actions[-1].task == "渠道培训排期" and second.follow_up


def test_the_follow_up_meeting_takes_the_marked_items_first(room: LiveMeeting, clock: FrozenClock) -> None:
    park(room, "合同模板要不要统一", raised_by="李娜")
    marked = park(room, "预算口径不一致", owner="王芳", raised_by="陈刚", due="2026-12-04")
    to_action = park(room, "渠道培训排期", owner="陈刚")
    also_marked = park(room, "海外发布节奏")
    room.parked_to_follow_up(marked.id)
    room.parked_to_follow_up(also_marked.id)
    room.parked_to_action(to_action.id)
    room.end()
    later = new_meeting("Q3 发布跟进会", clock, SequentialIds("f"), **follow_up_fields(room.meeting))
    assert [t.title for t in later.agenda][:4] == [
        "回顾「Q3 发布协调会」的未完成行动项",
        "预算口径不一致",
        "海外发布节奏",
        "合同模板要不要统一",
    ]
    # then the topics the meeting did not get to
    assert [t.title for t in later.agenda][4:] == [t.title for t in room.meeting.agenda if t.state.value == "pending"]
    budget = later.agenda[1]
    assert budget.owner == "王芳"
    assert budget.background == "「Q3 发布协调会」停车场事项，会上定为本次跟进会议题（陈刚 提出）"
    assert budget.goal == "2026-12-04 前定下来"
    assert later.agenda[3].owner == "李娜"  # nobody owns it: who raised it
    assert later.agenda[3].background == "「Q3 发布协调会」的停车场事项（李娜 提出）"
    assert [a.task for a in later.actions] == ["渠道培训排期"]  # the item that became an action item is carried as one
    assert isinstance(later.actions[0], ActionItem)


def test_the_follow_up_topics_in_english(clock: FrozenClock, ids: SequentialIds) -> None:
    earlier = new_meeting("Launch sync", clock, ids, topics=[{"title": "Dates"}])
    live = LiveMeeting(earlier, clock, ids)
    live.start()
    item = park(live, "Second agency wave", owner="Alice", due="2026-12-04")
    live.parked_to_follow_up(item.id)
    topic = follow_up_fields(earlier)["topics"][0]
    assert topic["background"] == "Parked in Launch sync for this follow-up meeting"
    assert (topic["owner"], topic["goal"]) == ("Alice", "Settle it by 2026-12-04")
