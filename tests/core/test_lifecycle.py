"""The action item's lifecycle: every allowed and every refused move, requirements, edits, the progress log."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from meetui.core.errors import MeetuiError
from meetui.core.lifecycle import ALLOWED, edit, move
from meetui.core.models import ActionItem, ActionStatus, Priority

S = ActionStatus
NOW = dt.datetime(2026, 11, 20, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))
DUE = dt.date(2026, 11, 25)

#: What each target status needs to be reached (a reason, a new due date).
NEEDS = {
    S.DELAYED: {"note": "供应商延迟交货", "due": dt.date(2026, 12, 5)},
    S.BLOCKED: {"note": "等待法务审核"},
    S.CANCELLED: {"note": "需求已取消"},
}


def item(status: ActionStatus = S.NOT_STARTED) -> ActionItem:
    return ActionItem(id="a1", meeting_id="m1", task="提交报价单", owner="陈刚", due=DUE, status=status, created_at=NOW)


def test_the_table_covers_every_status() -> None:
    assert set(ALLOWED) == set(ActionStatus)


@pytest.mark.parametrize(("start", "to"), [(a, b) for a, b in itertools.product(S, S) if b in ALLOWED[a]])
def test_every_allowed_move_changes_the_status_and_logs_it(start: ActionStatus, to: ActionStatus) -> None:
    action = item(start)
    entry = move(action, to, NOW, by="王芳", **NEEDS.get(to, {}))
    assert action.status is to
    assert action.progress == [entry] and (entry.status, entry.by, entry.at) == (to, "王芳", NOW)


@pytest.mark.parametrize(("start", "to"), [(a, b) for a, b in itertools.product(S, S) if b not in ALLOWED[a]])
def test_every_refused_move_names_the_allowed_ones_and_changes_nothing(start: ActionStatus, to: ActionStatus) -> None:
    action = item(start)
    before = action.model_dump()
    with pytest.raises(MeetuiError) as refused:
        move(action, to, NOW, **NEEDS.get(to, {}))
    options = ", ".join(s.value for s in ALLOWED[start])
    assert str(refused.value) == f"action item a1 is {start.value}: it can go to {options}, not {to.value}"
    assert action.model_dump() == before


@pytest.mark.parametrize(
    ("to", "missing", "message"),
    [
        (S.DELAYED, "note", "a delayed action item needs a note saying why it is delayed"),
        (S.DELAYED, "due", "a delayed action item needs its new due date (--due)"),
        (S.BLOCKED, "note", "a blocked action item needs a note saying what it is waiting on"),
        (S.CANCELLED, "note", "a cancelled action item needs a note saying why it is cancelled"),
    ],
)
def test_requirements_are_refused_when_missing(to: ActionStatus, missing: str, message: str) -> None:
    action = item()
    values = {k: v for k, v in NEEDS[to].items() if k != missing}
    with pytest.raises(MeetuiError, match=message.replace("(", r"\(").replace(")", r"\)")):
        move(action, to, NOW, **values)
    assert action.status is S.NOT_STARTED and action.progress == []


def test_delay_moves_the_due_date_forward_only() -> None:
    action = item()
    with pytest.raises(MeetuiError, match="must be after the current one"):
        move(action, S.DELAYED, NOW, note="人手不足", due=dt.date(2026, 11, 24))
    entry = move(action, S.DELAYED, NOW, note="人手不足", due=dt.date(2026, 12, 1))
    assert (action.due, action.reason) == (dt.date(2026, 12, 1), "人手不足")
    assert entry.note == "人手不足; due 2026-11-25 → 2026-12-01"


def test_done_records_deliverable_and_acceptance_by_the_requester_by_default() -> None:
    action = item(S.IN_PROGRESS)
    entry = move(action, S.DONE, NOW, by="陈刚", deliverable="https://example.com/报价单.pdf", requester="王芳")
    assert (action.deliverable, action.accepted_by) == ("https://example.com/报价单.pdf", "王芳")
    assert entry.note == "deliverable: https://example.com/报价单.pdf; accepted by 王芳"
    other = item(S.IN_PROGRESS)
    move(other, S.DONE, NOW, by="陈刚", accepted_by="李娜", requester="王芳")
    assert other.accepted_by == "李娜"


def test_reopen_clears_the_acceptance_and_says_so() -> None:
    action = item(S.IN_PROGRESS)
    move(action, S.DONE, NOW, requester="王芳")
    entry = move(action, S.IN_PROGRESS, NOW, note="客户提出修改", by="王芳")
    assert (action.status, action.accepted_by) == (S.IN_PROGRESS, "")
    assert entry.note == "reopened; 客户提出修改"
    assert [p.status for p in action.progress] == [S.DONE, S.IN_PROGRESS]


def test_reason_is_kept_only_while_it_applies() -> None:
    action = item()
    move(action, S.BLOCKED, NOW, note="等待法务审核")
    assert action.reason == "等待法务审核"
    move(action, S.IN_PROGRESS, NOW)
    assert action.reason == ""


def test_unknown_status_is_refused() -> None:
    with pytest.raises(MeetuiError, match="unknown status 'finished'"):
        move(item(), "finished", NOW)


def test_edit_changes_fields_and_logs_each_change() -> None:
    action = item()
    entry = edit(
        action,
        NOW,
        by="王芳",
        due=dt.date(2026, 12, 1),
        owner="李娜",
        co_owners=["陈刚", "赵磊"],
        priority="high",
        task="提交最终报价单",
        deliverable="报价单 v2",
    )
    assert (action.owner, action.co_owners, action.due, action.priority) == (
        "李娜",
        ["陈刚", "赵磊"],
        dt.date(2026, 12, 1),
        Priority.HIGH,
    )
    assert entry is not None and entry.by == "王芳" and entry.status is S.NOT_STARTED
    assert entry.note == (
        "task: 提交报价单 → 提交最终报价单; owner: 陈刚 → 李娜; co-owners: — → 陈刚, 赵磊; "
        "due: 2026-11-25 → 2026-12-01; deliverable: — → 报价单 v2; priority: medium → high"
    )
    assert edit(action, NOW, owner="李娜") is None  # nothing changed, nothing logged
    assert len(action.progress) == 1


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"owner": "  "}, "owner must not be empty"),
        ({"task": ""}, "task must not be empty"),
        ({"priority": "urgent"}, "priority must be one of high, medium, low"),
        ({"status": "done"}, "no field 'status'"),
    ],
)
def test_edit_refuses_bad_values_whole(fields: dict, message: str) -> None:
    action = item()
    before = action.model_dump()
    with pytest.raises(MeetuiError, match=message):
        edit(action, NOW, due=dt.date(2026, 12, 1), **fields)
    assert action.model_dump() == before


def test_a_progress_note_alone_logs_an_entry_and_changes_nothing_else() -> None:
    from meetui.core.clock import FrozenClock, SequentialIds
    from meetui.core.lifecycle import ActionUpdate, apply_update
    from meetui.core.meeting import LiveMeeting, new_meeting

    clock = FrozenClock("2026-11-20T09:30:00+08:00", tz="Asia/Shanghai")
    meeting = new_meeting("需求对接会", clock, SequentialIds("m"), attendees=[{"name": "陈刚"}])
    live = LiveMeeting(meeting, clock, SequentialIds("a"))
    action_id = live.add_action("提交报价单", "陈刚", due="+5d").records[0].id
    before = meeting.action(action_id).model_copy(deep=True)
    for status in (None, S.IN_PROGRESS):  # in whatever status the item is
        if status is not None:
            apply_update(meeting, ActionUpdate(action_id=action_id, at=NOW, status=status))
            before = meeting.action(action_id).model_copy(deep=True)
        update = ActionUpdate(action_id=action_id, at=NOW, note="  报价单完成一半 ", by="陈刚")
        assert not update.empty
        after = apply_update(meeting, update)
        assert after.progress[-1].note == "报价单完成一半" and after.progress[-1].by == "陈刚"
        assert after.progress[-1].status == before.status
        assert after.model_dump(exclude={"progress"}) == before.model_dump(exclude={"progress"})
        assert after.progress[:-1] == before.progress
    with pytest.raises(MeetuiError, match="nothing to change"):
        apply_update(meeting, ActionUpdate(action_id=action_id, at=NOW, note="   "))


def test_shown_minutes_are_never_negative_zero() -> None:
    from meetui.core.stats import held, tenths

    assert str(tenths(-0.04)) == "0.0" and f"{tenths(-0.04):+.1f}" == "+0.0"
    assert tenths(-0.06) == -0.1 and tenths(2.349) == 2.3
    assert (held(0), held(1), held(2)) == ("0 meetings held", "1 meeting held", "2 meetings held")
