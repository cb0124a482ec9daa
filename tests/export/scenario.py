"""A realistic run of the demo meeting, deterministic to the second, for golden files and other tests.

:func:`run_demo_meeting` takes the demo meeting (``data/demo.json``) through a
whole session with a :class:`FrozenClock` that only moves when the scenario
says so: roll call with one absentee and one proxy, notes of every kind in
Chinese and English (plus a private note and an undone one, which the
minutes must leave out), an objection that gets the decision revised, a
vote, an amendment, a deferred topic, the parking lot (one item for the follow-up meeting), action items with due
dates and statuses, risks with contingency owners, and the end with the next
checkpoint.
"""

from __future__ import annotations

from meetui.core.clock import FrozenClock, SequentialIds
from meetui.core.meeting import LiveMeeting
from meetui.core.models import Meeting, NoteKind
from meetui.importers.demo import demo_meeting

#: When the demo meeting starts (a Friday, in Shanghai).
START = "2026-11-20T10:00:00+08:00"
ZONE = "Asia/Shanghai"


def demo_live(start: str = START) -> LiveMeeting:
    """The demo meeting, not yet started, ready to be driven with its frozen clock."""
    clock = FrozenClock(start, tz=ZONE)
    ids = SequentialIds("d")
    meeting = demo_meeting(clock, ids)
    return LiveMeeting(meeting, clock, ids, actor="Sam Carter")


def run_demo_meeting(*, finish: bool = True) -> tuple[Meeting, FrozenClock]:
    """Run the demo meeting; with ``finish=False`` it stops in the middle of topic 3, still live."""
    live = demo_live()
    clock = live.clock
    assert isinstance(clock, FrozenClock)

    # Opening: roll call.
    for name in ["王芳", "Sam Carter", "李娜", "Alice Wang", "陈刚", "Priya Nair"]:
        live.mark(name, "present")
    live.mark("赵磊", "proxy", proxy="陈刚", reason="客户拜访（深圳）")
    live.mark("Tom Becker", "absent", reason="Annual leave; sent written comments on the privacy terms")
    clock.advance(minutes=2)
    live.start()

    # Topic 1: launch date — an objection, a revision, then no objection.
    clock.advance(minutes=3)
    live.add_note("研发反馈：支付模块比计划晚两周，代码冻结最早 12 月 1 日。", NoteKind.INFO, author="李娜")
    clock.advance(minutes=2)
    live.add_note(
        "Split the launch: soft launch to partners first, public launch two weeks later.",
        NoteKind.IDEA,
        author="Alice Wang",
    )
    clock.advance(minutes=2)
    live.add_note("渠道需要至少两周培训，12 月 1 日公开发布太早。", NoteKind.DISAGREEMENT, author="陈刚")
    live.add_note(
        "The campaign slot is booked for Dec 1; moving it costs the agency deposit.",
        NoteKind.DISAGREEMENT,
        author="Alice Wang",
    )
    live.add_note("王芳 seems to lean towards Dec 15 — check with her after the meeting.", private=True)
    clock.advance(minutes=1)
    live.add_note("（误记，撤回）", NoteKind.INFO, author="Sam Carter")
    live.undo()
    clock.advance(minutes=3)
    proposal = live.propose_decision("公开发布日期 12 月 1 日，代码冻结 11 月 24 日。").records[0]
    live.object(proposal.id, "陈刚", "渠道培训来不及，合作伙伴要求发布前两周完成培训。")
    clock.advance(minutes=3)
    live.revise(proposal.id, "公开发布日期 12 月 15 日；代码冻结 12 月 1 日；12 月 1 日起对合作伙伴软发布。")
    live.no_objections(proposal.id)
    live.add_note("公开发布 12 月 15 日，代码冻结 12 月 1 日。", NoteKind.AGREED, author="王芳")
    live.add_note("支付 SDK 能否在 11 月 28 日前通过性能测试？", NoteKind.QUESTION, author="王芳")
    clock.advance(minutes=8)

    # Topic 2: R&D readiness — a vote, a risk, actions, a break, an amendment.
    live.next_topic()
    clock.advance(minutes=4)
    live.add_note(
        "https://wiki.example.com/payments/sdk-perf?run=42&env=staging 性能测试报告", NoteKind.LINK, author="Priya Nair"
    )
    live.add_note("积分模块只完成 60%，建议本次发布不包含。", NoteKind.INFO, author="李娜")
    decision = live.propose_decision("Ship without the loyalty module; it follows in January.").records[0]
    clock.advance(minutes=3)
    live.object(decision.id, "Alice Wang", "Marketing already promised loyalty points in the campaign brief.")
    live.vote(decision.id, 5, 1, 0)
    live.add_note(
        "支付 SDK 性能测试可能不通过，发布需回退到旧版 SDK。", NoteKind.RISK, author="Priya Nair", owner="李娜"
    )
    live.add_action(
        "整理发布范围清单并发给各部门",
        "李娜",
        due="fri",
        deliverable="发布范围清单 v1.0",
        priority="high",
        confirmed=True,
    )
    live.apply_line("#action Priya, 李娜: run the payment SDK load test against staging by 11-27")
    live.extend(5)
    clock.advance(minutes=6)
    live.pause()
    clock.advance(minutes=10)  # a ten-minute break: the clock is paused
    live.start()
    clock.advance(minutes=5)
    amended = live.amend(
        decision.id,
        "Ship without the loyalty module; a loyalty teaser page ships at launch.",
        reason="Marketing needs something to show for the promised points",
    ).records[0]
    live.no_objections(amended.id)
    clock.advance(minutes=6)

    # Topic 3: marketing — an action with a relative date, a parked item.
    live.next_topic()
    clock.advance(minutes=3)
    live.add_note(
        "Agency needs four weeks' notice | the teaser can go live on Dec 8.", NoteKind.INFO, author="Alice Wang"
    )
    live.add_action(
        "Move the campaign to Dec 15 and confirm the new dates with the agency",
        "Alice Wang",
        due="+3d",
        deliverable="Updated campaign calendar",
        priority="medium",
        confirmed=True,
    )
    live.park("Budget for a second agency wave in January", raised_by="Alice Wang", owner="王芳")
    if not finish:
        return live.meeting, clock
    clock.advance(minutes=4)
    campaign = live.propose_decision("Campaign starts Dec 15, with a teaser from Dec 8.").records[0]
    live.no_objections(campaign.id)
    clock.advance(minutes=5)

    # Topic 4: sales training — deferred until the decision-maker is back.
    live.next_topic()
    clock.advance(minutes=2)
    live.add_note("赵磊书面意见：渠道培训必须在发布前两周完成。", NoteKind.INFO, author="陈刚")
    live.defer_topic(reason="等赵磊出差回来再定培训排期")

    # Topic 5 (now current): risks and resources.
    clock.advance(minutes=3)
    live.add_note(
        "The agency may not confirm the new dates in time.", NoteKind.RISK, author="Alice Wang", owner="Alice Wang"
    )
    live.add_note("法务审核隐私条款可能需要额外一周。", NoteKind.RISK, author="Sam Carter", owner="王芳")
    live.add_note("Who signs off the privacy terms while Tom is on leave?", NoteKind.QUESTION, author="Priya Nair")
    live.add_action("法务审核新版隐私条款", "Tom Becker", due="2026-12-04", deliverable="审核意见书", priority="high")
    privacy = live.meeting.actions[-1]
    live.set_action_status(privacy.id, "blocked", note="等待 Tom 休假回来（12 月 1 日）")
    live.set_action_status(live.meeting.actions[0].id, "in-progress", note="初稿已完成 70%", by="李娜")
    risk_review = live.propose_decision("每周三召开 15 分钟风险例会，由 Priya Nair 主持。").records[0]
    live.no_objections(risk_review.id)
    clock.advance(minutes=6)

    # Closing: the deferred training topic goes to the follow-up meeting; the next checkpoint in two weeks.
    training = next(item for item in live.meeting.parking_lot if item.text.startswith("销售渠道培训"))
    live.parked_to_follow_up(training.id)
    live.end(next_checkpoint="2026-12-04")
    return live.meeting, clock
