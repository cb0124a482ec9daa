"""Decisions: "any objections?", objections with who and why, votes, escalation, deferral, amendments."""

from __future__ import annotations

import pytest

from meetui.core.clock import FrozenClock
from meetui.core.errors import MeetuiError
from meetui.core.meeting import LiveMeeting, decision_question
from meetui.core.models import Attendee, Decision, DecisionState, TopicState


@pytest.fixture
def room(live: LiveMeeting) -> LiveMeeting:
    """The meeting after roll call: 赵磊 is absent, 陈刚 is represented by 孙丽."""
    for name in ("王芳", "李娜", "Priya Nair"):
        live.mark(name, "present")
    live.mark("赵磊", "absent", reason="出差")
    live.mark("陈刚", "proxy", proxy="孙丽", reason="客户拜访")
    live.start()
    return live


def propose(live: LiveMeeting, text: str = "12 月 12 日发布") -> Decision:
    change = live.propose_decision(text)
    decision = change.records[0]
    assert isinstance(decision, Decision)
    return decision


def test_propose_asks_the_question_and_nothing_is_locked_yet(room: LiveMeeting) -> None:
    change = room.propose_decision("12 月 12 日发布")
    decision = change.records[0]
    assert decision.state is DecisionState.PROPOSED
    assert change.message == "Regarding 发布日期, the decision is 12 月 12 日发布. Any objections?"
    assert (
        decision_question(room.meeting.current_topic, decision.text, "zh")
        == "关于「发布日期」，决定是：12 月 12 日发布。有异议吗？"
    )
    assert room.meeting.locked_decision(decision.topic_id) is None


def test_no_objections_locks_with_who_was_present_and_the_decision_maker(room: LiveMeeting, clock: FrozenClock) -> None:
    decision = propose(room)
    clock.advance(minutes=1)
    room.no_objections(decision.id)
    assert decision.state is DecisionState.LOCKED
    assert decision.locked_at == clock.now()
    assert decision.locked_by == "赵磊"
    assert decision.decision_maker == "王芳"
    assert decision.present == ["王芳", "李娜", "孙丽 (for 陈刚)", "Priya Nair"]
    assert room.meeting.locked_decision(decision.topic_id) is decision


def test_objection_is_recorded_then_revised_and_locked(room: LiveMeeting, clock: FrozenClock) -> None:
    decision = propose(room)
    clock.advance(seconds=30)
    room.object(decision.id, "李娜", "研发需要多两周做回归测试")
    assert decision.state is DecisionState.OBJECTED
    objection = decision.objections[0]
    assert (objection.who, objection.why, objection.at) == ("李娜", "研发需要多两周做回归测试", clock.now())

    change = room.revise(decision.id, "12 月 26 日发布")
    assert decision.state is DecisionState.PROPOSED
    assert "12 月 26 日发布" in change.message and "Any objections?" in change.message
    room.no_objections(decision.id)
    assert decision.state is DecisionState.LOCKED
    assert decision.text == "12 月 26 日发布"
    assert decision.objections[0].resolution == "decision revised: 12 月 26 日发布"


def test_an_objection_needs_who_and_why(room: LiveMeeting) -> None:
    decision = propose(room)
    with pytest.raises(MeetuiError, match="why"):
        room.object(decision.id, "李娜", "  ")
    with pytest.raises(MeetuiError, match="who"):
        room.object(decision.id, "", "太赶了")
    assert decision.objections == []


def test_vote_carried_locks_and_settles_the_objection(room: LiveMeeting) -> None:
    decision = propose(room)
    room.object(decision.id, "Priya Nair", "性能数据还不够")
    change = room.vote(decision.id, in_favour=3, against=1)
    assert decision.state is DecisionState.LOCKED
    assert (decision.vote.in_favour, decision.vote.against, decision.vote.abstain) == (3, 1, 0)
    assert decision.objections[0].resolution == "outvoted (3 for, 1 against, 0 abstaining)"
    assert "vote carried" in change.message


def test_vote_failed_rejects_and_a_new_proposal_is_a_new_version(room: LiveMeeting) -> None:
    decision = propose(room)
    room.object(decision.id, "李娜", "排期冲突")
    change = room.vote(decision.id, in_favour=1, against=2, abstain=1)
    assert decision.state is DecisionState.REJECTED
    assert decision.objections[0].resolution == "upheld by vote (1 for, 2 against, 1 abstaining)"
    assert "vote failed" in change.message
    with pytest.raises(MeetuiError, match="rejected"):
        room.no_objections(decision.id)
    second = propose(room, "1 月 9 日发布")
    assert second.version == 2 and second.id != decision.id


def test_a_vote_refuses_negative_counts(room: LiveMeeting) -> None:
    decision = propose(room)
    with pytest.raises(MeetuiError, match="0 or more"):
        room.vote(decision.id, in_favour=-1, against=0)
    assert decision.state is DecisionState.PROPOSED


def test_escalate_to_the_decision_maker_who_then_rules(room: LiveMeeting) -> None:
    decision = propose(room)
    room.object(decision.id, "孙丽", "销售渠道来不及")
    room.escalate(decision.id)
    assert decision.state is DecisionState.ESCALATED
    assert decision.escalated_to == "王芳"
    assert decision.objections[0].resolution == "escalated to 王芳"
    room.no_objections(decision.id, ruled_by="王芳")
    assert decision.state is DecisionState.LOCKED and decision.decision_maker == "王芳"


def test_defer_sends_the_topic_and_its_open_decision_to_the_parking_lot(room: LiveMeeting) -> None:
    topic = room.meeting.current_topic
    decision = propose(room)
    room.object(decision.id, "陈刚", "需要先问渠道商")
    room.defer_topic(reason="等渠道商回复")
    assert decision.state is DecisionState.DEFERRED
    assert decision.objections[0].resolution == "deferred to the parking lot"
    assert topic.state is TopicState.DEFERRED
    assert [p.text for p in room.meeting.parking_lot] == ["发布日期 — 等渠道商回复"]
    assert room.meeting.current_topic.title == "渠道准备"
    with pytest.raises(MeetuiError, match="deferred"):
        room.revise(decision.id, "先定渠道")


def test_a_locked_decision_refuses_every_change(room: LiveMeeting) -> None:
    decision = propose(room)
    room.no_objections(decision.id)
    before = decision.model_dump(mode="json")
    attempts = [
        lambda: room.object(decision.id, "李娜", "改主意了"),
        lambda: room.revise(decision.id, "改成 1 月发布"),
        lambda: room.vote(decision.id, 1, 5),
        lambda: room.escalate(decision.id),
        lambda: room.no_objections(decision.id),
        lambda: room.propose_decision("另一个决定"),
    ]
    for attempt in attempts:
        with pytest.raises(MeetuiError, match="locked"):
            attempt()
    room.defer_topic()
    assert decision.model_dump(mode="json") == before
    assert len(room.meeting.decisions) == 1


def test_amend_makes_version_two_and_leaves_the_original_untouched(room: LiveMeeting, clock: FrozenClock) -> None:
    original = propose(room)
    room.no_objections(original.id)
    before = original.model_dump(mode="json")
    clock.advance(minutes=20)
    amendment = room.amend(original.id, "12 月 19 日发布", reason="供应链延迟一周").records[0]
    assert (amendment.version, amendment.amends, amendment.amend_reason) == (2, original.id, "供应链延迟一周")
    assert amendment.state is DecisionState.PROPOSED and amendment.proposed_at == clock.now()
    assert room.meeting.locked_decision(original.topic_id) is original  # until the amendment is locked
    with pytest.raises(MeetuiError, match="already open"):
        room.amend(original.id, "12 月 20 日发布")
    room.no_objections(amendment.id)
    assert room.meeting.locked_decision(original.topic_id) is amendment
    assert amendment.locked_by == "赵磊" and amendment.locked_at == clock.now()
    assert original.model_dump(mode="json") == before
    assert [d.version for d in room.meeting.decisions_for(original.topic_id)] == [1, 2]


def test_only_a_locked_decision_can_be_amended(room: LiveMeeting) -> None:
    decision = propose(room)
    with pytest.raises(MeetuiError, match="only a locked decision"):
        room.amend(decision.id, "别的")
    room.no_objections(decision.id)
    with pytest.raises(MeetuiError, match="must not be empty"):
        room.amend(decision.id, "   ")


def test_unknown_decision_id_is_refused(room: LiveMeeting) -> None:
    with pytest.raises(MeetuiError, match="no decision with id 'nope'"):
        room.no_objections("nope")


def test_agreed_note_prefills_the_decision(room: LiveMeeting) -> None:
    room.apply_line("#agreed 12 月 12 日发布，市场部提前一周预热")
    assert room.suggested_decision() == "12 月 12 日发布，市场部提前一周预热"


def test_before_roll_call_only_proxies_arranged_beforehand_count_as_in_the_room(live: LiveMeeting) -> None:
    live.meeting.attendees.append(
        Attendee(id="dm2", name="赵总", role="decision-maker", attendance="proxy", proxy="陈刚", absence_reason="出差")
    )
    live.start()
    assert not live.roll_call_taken()
    decision = live.propose_decision("十二月八日发布").records[0]
    live.no_objections(decision.id)
    assert decision.present == ["陈刚 (for 赵总)"], "a confirmed invitation is not attendance"
    assert decision.decision_maker == "陈刚 (for 赵总)"
    live.mark("王芳", "absent", reason="临时请假")
    assert live.decision_maker() == "陈刚 (for 赵总)"


def test_attendance_at_locking_names_each_person_once(live: LiveMeeting) -> None:
    live.mark("王芳", "present")
    live.mark("陈刚", "present")
    live.mark("赵磊", "proxy", proxy="陈刚")
    live.meeting.attendees.append(Attendee(id="x1", name="钱伟", attendance="proxy", proxy="陈刚"))
    live.meeting.attendees.append(Attendee(id="x2", name="孙总", attendance="proxy", proxy="孙丽"))
    live.meeting.attendees.append(Attendee(id="x3", name="周总", attendance="proxy", proxy="孙丽"))
    live.start()
    decision = live.propose_decision("十二月八日发布").records[0]
    live.no_objections(decision.id)
    assert decision.present == ["王芳", "陈刚 (for 赵磊, 钱伟)", "孙丽 (for 孙总, 周总)"]


def test_with_no_decision_maker_in_the_room_none_is_recorded(live: LiveMeeting) -> None:
    live.mark("李娜", "present")
    live.mark("王芳", "absent", reason="出差")
    live.mark("赵磊", "absent", reason="出差")
    live.start()
    decision = live.propose_decision("十二月八日发布").records[0]
    live.no_objections(decision.id)
    assert decision.decision_maker == "", "an absent decision-maker is not recorded as having decided"
    assert decision.present == ["李娜"]


def test_a_vote_cannot_count_more_hands_than_the_room_holds(room: LiveMeeting) -> None:
    decision = propose(room)
    room.object(decision.id, "李娜", "排期冲突")
    with pytest.raises(MeetuiError, match="5 votes, but the room holds 4"):
        room.vote(decision.id, in_favour=3, against=1, abstain=1)
    assert decision.vote is None


def test_a_speaker_limit_is_at_least_ten_seconds_and_a_timebox_one_minute(room: LiveMeeting) -> None:
    with pytest.raises(MeetuiError, match="at least 10 seconds"):
        room.set_speaker_limit(5)
    room.set_speaker_limit(10)
    topic = room.meeting.current_topic
    with pytest.raises(MeetuiError, match="at least 1 minute"):
        room.extend(-topic.timebox_minutes)
    room.extend(1 - topic.timebox_minutes)
    assert topic.timebox_minutes == 1


def test_a_topic_passed_with_n_and_nothing_said_is_skipped_not_discussed(room: LiveMeeting, clock: FrozenClock) -> None:
    first = room.meeting.current_topic
    room.next_topic()
    assert first.state is TopicState.SKIPPED
    second = room.meeting.current_topic
    room.add_note("研发建议推迟两周")
    room.next_topic()
    assert second.state is TopicState.DONE
    third = room.meeting.current_topic
    clock.advance(minutes=3)
    room.previous_topic()
    assert third.state is TopicState.DONE, "three minutes spent on it: discussed, even with no note"


def test_a_topic_entered_and_left_back_at_once_is_still_to_come(room: LiveMeeting, clock: FrozenClock) -> None:
    first = room.meeting.current_topic
    room.add_note("先过一下上周的行动项")
    room.next_topic()
    second = room.meeting.current_topic
    clock.advance(seconds=1)
    room.previous_topic()  # `n` pressed one time too many, then `p`
    assert second.state is TopicState.PENDING, "not skipped: the meeting has not gone past it"
    assert room.meeting.current_topic is first
    room.next_topic()
    room.next_topic()  # now passed over with nothing said
    assert second.state is TopicState.SKIPPED


def test_an_ended_meeting_takes_no_more_decisions_nor_re_planning(live: LiveMeeting) -> None:
    live.start()
    decision = live.propose_decision("发布日期定为12月15日").records[0]
    live.end()
    for operation in (
        lambda: live.no_objections(decision.id),
        lambda: live.object(decision.id, "陈刚", "太早"),
        lambda: live.vote(decision.id, 5, 1),
        lambda: live.revise(decision.id, "改为12月22日"),
        lambda: live.escalate(decision.id, "王芳"),
        lambda: live.trim_remaining(),
        lambda: live.set_speaker_limit(120),
    ):
        with pytest.raises(MeetuiError, match="ended"):
            operation()
    assert decision.state.value == "proposed"


def test_a_deferred_topic_decided_later_is_resolved_in_the_parking_lot(room: LiveMeeting) -> None:
    topic = room.meeting.current_topic
    room.defer_topic(topic.id, reason="等财务数据")
    [item] = room.meeting.parking_lot
    assert not item.resolved
    room.goto_topic(topic.id)
    decision = propose(room, "按财务数据定在 12 月 15 日")
    change = room.no_objections(decision.id)
    assert item.resolved and item.resolved_by == decision.id
    assert item in change.records


def test_topics_are_renamed_moved_and_only_empty_ones_deleted(room: LiveMeeting) -> None:
    first, second = room.meeting.agenda[:2]
    with pytest.raises(MeetuiError, match="already a topic"):
        room.rename_topic(second.id, first.title.upper())
    room.rename_topic(second.id, "渠道与培训")
    room.move_topic(second.id, -1)
    assert [t.id for t in room.meeting.agenda][:2] == [second.id, first.id]
    room.add_note("研发建议推迟两周")  # on the current topic, the first
    room.goto_topic(second.id)
    with pytest.raises(MeetuiError, match="defer it"):
        room.delete_topic(first.id)
    with pytest.raises(MeetuiError, match="current topic"):
        room.delete_topic(second.id)
    last = room.meeting.agenda[-1]
    change = room.delete_topic(last.id)
    assert last in change.deleted and last not in room.meeting.topics
    assert [t.order for t in room.meeting.agenda] == list(range(len(room.meeting.agenda)))


def test_a_proxy_marked_absent_represents_nobody(live: LiveMeeting, clock: FrozenClock) -> None:
    from meetui.export.minutes_model import build_minutes

    for name in ("王芳", "李娜", "Priya Nair"):
        live.mark(name, "present")
    live.mark("赵磊", "absent", reason="出差")
    live.mark("陈刚", "proxy", proxy="李娜", reason="客户拜访")
    assert "李娜 (for 陈刚)" in live.present_names()
    voters = live.voters()
    change = live.mark("李娜", "absent", reason="临时请假")
    assert change.message == "李娜: absent; 李娜 was the proxy of 陈刚, now represented by nobody"
    assert live.present_names() == ["王芳", "Priya Nair"]
    assert live.voters() == voters - 2  # 李娜, and 陈刚 through her
    chen = live.meeting.attendee("陈刚")
    assert chen is not None and live.meeting.proxy_away(chen) and not live.meeting.represented(chen)
    live.start()
    decision = propose(live)
    live.no_objections(decision.id)
    assert decision.present == ["王芳", "Priya Nair"]
    minutes = build_minutes(live.meeting, clock.now())
    assert "陈刚" not in [p.name for p in minutes.attendance.represented]
    absent = {p.name: p.reason for p in minutes.attendance.absent}
    assert absent["陈刚"] == "客户拜访; 李娜 (proxy) absent"
    live.mark("李娜", "present")  # back in the room: she represents him again
    assert "李娜 (for 陈刚)" in live.present_names()
