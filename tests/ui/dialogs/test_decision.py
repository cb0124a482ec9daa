"""The decision lock dialog: no objections, objections, vote, escalation, deferral, amendment."""

from __future__ import annotations

from textual import events
from textual.pilot import Pilot
from textual.widgets import ContentSwitcher, Input, Static

from meetui.core.models import DecisionState, NoteKind, TopicState
from meetui.ui.dialogs.decision import DecisionDialog, Stage
from meetui.ui.session import MeetingSession

from .harness import DialogHarness, demo_session, reloaded

DECISION = "发布日期定为 12 月 1 日"


def roll_call(session: MeetingSession) -> None:
    """王芳 (decision-maker), 李娜 and 陈刚 are present; 赵磊 is represented by 陈刚."""
    for name in ("王芳", "李娜", "陈刚"):
        session.apply(lambda live, name=name: live.mark(name, "present"))


def stage(app: DialogHarness) -> str:
    return app.screen.query_one("#decision-stages", ContentSwitcher).current or ""


async def type_into(pilot: Pilot, app: DialogHarness, widget_id: str, text: str) -> None:
    """Put (Chinese) text into a field and press Enter in it."""
    field = app.screen.query_one(f"#{widget_id}", Input)
    assert app.screen.focused is field, f"{widget_id} should have focus, {app.screen.focused} has"
    field.value = text
    await pilot.press("enter")
    await pilot.pause()


async def propose(pilot: Pilot, app: DialogHarness, text: str = DECISION) -> None:
    await pilot.pause()
    await type_into(pilot, app, "decision-text", text)


async def object_to(pilot: Pilot, app: DialogHarness, who: str, why: str) -> None:
    await pilot.press("o")
    await pilot.pause()
    await type_into(pilot, app, "objector", who)
    await type_into(pilot, app, "objection-why", why)


async def test_enter_in_the_text_field_asks_the_question_before_anything_is_locked(session):
    roll_call(session)
    topic = session.meeting.current_topic
    app = DialogHarness(session, DecisionDialog)
    async with app.run_test() as pilot:
        await propose(pilot, app)
        decision = session.meeting.latest_decision(topic.id)
        assert decision.state is DecisionState.PROPOSED
        assert stage(app) == Stage.STATUS
        question = str(app.screen.query_one("#decision-question", Static).content)
        assert f"Regarding {topic.title}, the decision is {DECISION}. Any objections?" in question
        assert "有异议吗" in question

        await pilot.press("enter")
        await pilot.pause()
        assert decision.state is DecisionState.LOCKED
        assert decision.present == ["王芳", "李娜", "陈刚 (for 赵磊)"], "each name once"
        assert decision.decision_maker == "王芳"
        assert decision.locked_at == session.clock.now()
        assert app.dismissed, "locking closes the dialog at once: the host's next keys reach the screen"
    assert app.result is not None and decision in app.result.records
    stored = reloaded(session).latest_decision(topic.id)
    assert stored.state is DecisionState.LOCKED
    assert stored.text == DECISION
    assert stored.decision_maker == "王芳"
    assert sorted(stored.present) == sorted(decision.present)


async def test_the_text_is_prefilled_from_the_newest_agreed_note(session):
    session.apply(lambda live: live.add_note("上线日期延后一周", NoteKind.AGREED))
    app = DialogHarness(session, DecisionDialog)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.screen.query_one("#decision-text", Input).value == "上线日期延后一周"


async def test_an_objection_is_recorded_then_the_revised_decision_is_asked_again_and_locked(session):
    roll_call(session)
    topic = session.meeting.current_topic
    app = DialogHarness(session, DecisionDialog)
    async with app.run_test() as pilot:
        await propose(pilot, app)
        await object_to(pilot, app, "李娜", "支付 SDK 升级还需两周")
        decision = session.meeting.latest_decision(topic.id)
        assert decision.state is DecisionState.OBJECTED
        assert [(o.who, o.why) for o in decision.objections] == [("李娜", "支付 SDK 升级还需两周")]
        assert stage(app) == Stage.STATUS

        await pilot.press("r")
        await pilot.pause()
        assert app.screen.query_one("#decision-text", Input).value == DECISION
        await type_into(pilot, app, "decision-text", "发布日期定为 12 月 8 日")
        assert decision.state is DecisionState.PROPOSED
        assert "12 月 8 日. Any objections?" in str(app.screen.query_one("#decision-question", Static).content)

        await pilot.press("enter")
        await pilot.pause()
        assert decision.state is DecisionState.LOCKED
        await pilot.press("enter")  # closes the dialog showing the locked decision
        await pilot.pause()
    assert app.result is not None and decision in app.result.records
    stored = reloaded(session).latest_decision(topic.id)
    assert stored.state is DecisionState.LOCKED
    assert stored.text == "发布日期定为 12 月 8 日"
    assert stored.objections[0].who == "李娜"
    assert stored.objections[0].resolution == "decision revised: 发布日期定为 12 月 8 日"


async def test_an_objection_without_a_reason_is_refused_inline_and_kept(session):
    app = DialogHarness(session, DecisionDialog)
    async with app.run_test() as pilot:
        await propose(pilot, app)
        await object_to(pilot, app, "李娜", "")
        assert stage(app) == Stage.OBJECT
        assert "say why" in app.screen.query_one("#decision-error").message
        assert app.screen.query_one("#objector", Input).value == "李娜"
        assert session.meeting.latest_decision(session.meeting.current_topic_id).objections == []


async def test_an_objection_typed_in_one_burst_fills_who_and_why(session):
    """Keys arriving together (a paste, tmux send-keys): enter moves on before the next key lands."""
    app = DialogHarness(session, DecisionDialog)
    async with app.run_test() as pilot:
        await propose(pilot, app)
        await pilot.press("o")
        await pilot.pause()
        for key in [*"陈刚", "enter", *"销售培训来不及", "enter"]:
            app.post_message(events.Key(key, None if key == "enter" else key))
        await pilot.pause()
        await pilot.pause()
        decision = session.meeting.latest_decision(session.meeting.current_topic_id)
        assert [(o.who, o.why) for o in decision.objections] == [("陈刚", "销售培训来不及")]


async def vote(pilot: Pilot, app: DialogHarness, counts: tuple[str, str, str]) -> None:
    await pilot.press("v")
    await pilot.pause()
    for widget_id, count in zip(("vote-for", "vote-against", "vote-abstain"), counts, strict=True):
        await type_into(pilot, app, widget_id, count)


async def test_a_carried_vote_locks_with_the_tally(session):
    roll_call(session)
    topic = session.meeting.current_topic
    app = DialogHarness(session, DecisionDialog)
    async with app.run_test() as pilot:
        await propose(pilot, app)
        await object_to(pilot, app, "陈刚", "渠道来不及培训")
        await vote(pilot, app, ("3", "2", "0"))
        assert "5 votes, but the room holds 4" in app.screen.query_one("#decision-error").message
        for widget_id, count in (("vote-for", "2"), ("vote-against", "1")):
            app.screen.query_one(f"#{widget_id}", Input).value = count
        await type_into(pilot, app, "vote-abstain", "1")  # the counts stay: fix them and enter again
        assert app.dismissed, "a carried vote locks the decision, which closes the dialog"
    stored = reloaded(session).latest_decision(topic.id)
    assert stored.state is DecisionState.LOCKED
    assert (stored.vote.in_favour, stored.vote.against, stored.vote.abstain) == (2, 1, 1)
    assert stored.objections[0].resolution == "outvoted (2 for, 1 against, 1 abstaining)"


async def test_a_failed_vote_rejects_the_decision(session):
    topic = session.meeting.current_topic
    app = DialogHarness(session, DecisionDialog)
    async with app.run_test() as pilot:
        await propose(pilot, app)
        await object_to(pilot, app, "陈刚", "渠道来不及培训")
        await vote(pilot, app, ("2", "4", "0"))
        assert "REJECTED" in str(app.screen.query_one("#decision-badge", Static).content)
    stored = reloaded(session).latest_decision(topic.id)
    assert stored.state is DecisionState.REJECTED
    assert stored.objections[0].resolution == "upheld by vote (2 for, 4 against, 0 abstaining)"


async def test_escalation_goes_to_the_decision_maker_who_then_rules(session):
    roll_call(session)
    topic = session.meeting.current_topic
    app = DialogHarness(session, DecisionDialog)
    async with app.run_test() as pilot:
        await propose(pilot, app)
        await object_to(pilot, app, "李娜", "研发资源不足")
        await pilot.press("e")
        await pilot.pause()
        assert app.screen.query_one("#escalate-to", Input).value == "王芳"
        await type_into(pilot, app, "escalate-to", "王芳")
        decision = session.meeting.latest_decision(topic.id)
        assert decision.state is DecisionState.ESCALATED
        assert decision.escalated_to == "王芳"
        assert reloaded(session).latest_decision(topic.id).state is DecisionState.ESCALATED

        await pilot.press("enter")
        await pilot.pause()
    stored = reloaded(session).latest_decision(topic.id)
    assert stored.state is DecisionState.LOCKED
    assert stored.decision_maker == "王芳"
    assert stored.objections[0].resolution == "escalated to 王芳"


async def test_deferring_moves_the_topic_to_the_parking_lot(session):
    topic = session.meeting.current_topic
    app = DialogHarness(session, DecisionDialog)
    async with app.run_test() as pilot:
        await propose(pilot, app)
        await object_to(pilot, app, "陈刚", "需要财务数据")
        await pilot.press("k")
        await pilot.pause()
        await type_into(pilot, app, "defer-reason", "等财务数据")
        assert app.dismissed
    stored = reloaded(session)
    assert stored.topic(topic.id).state is TopicState.DEFERRED
    assert stored.latest_decision(topic.id).state is DecisionState.DEFERRED
    assert [item.text for item in stored.parking_lot] == [f"{topic.title} — 等财务数据"]
    assert stored.current_topic_id != topic.id


async def test_amending_a_locked_decision_makes_version_two_and_leaves_version_one(session):
    roll_call(session)
    topic = session.meeting.current_topic
    app = DialogHarness(session, DecisionDialog)
    async with app.run_test() as pilot:
        await propose(pilot, app)
        await pilot.press("enter")
        await pilot.pause()
        assert app.dismissed
        first = session.meeting.latest_decision(topic.id)
        first_dump = first.model_dump()
        app.push_screen(DecisionDialog(session), app.results.append)  # d again: the locked decision, to amend
        await pilot.pause()
        assert "LOCKED" in str(app.screen.query_one("#decision-badge", Static).content)
        await pilot.press("m")
        await pilot.pause()
        await type_into(pilot, app, "decision-text", "发布日期改为 12 月 15 日")
        await type_into(pilot, app, "amend-reason", "支付 SDK 延期")
        assert "version 2, amends version 1" in str(app.screen.query_one("#decision-badge", Static).content)
        assert "v1 locked: " + DECISION in str(app.screen.query_one("#decision-history", Static).content)
        await pilot.press("enter")
        await pilot.pause()
    stored = reloaded(session)
    one, two = stored.decisions_for(topic.id)
    assert one.model_dump() == first_dump
    assert (one.version, one.state, one.text) == (1, DecisionState.LOCKED, DECISION)
    assert (two.version, two.state, two.amends) == (2, DecisionState.LOCKED, one.id)
    assert two.text == "发布日期改为 12 月 15 日" and two.amend_reason == "支付 SDK 延期"


async def test_escape_with_nothing_done_changes_nothing(session):
    app = DialogHarness(session, DecisionDialog)
    async with app.run_test() as pilot:
        await pilot.pause()
        app.screen.query_one("#decision-text", Input).value = "还没想好"
        await pilot.press("escape")
        await pilot.pause()
    assert app.result is None
    assert session.meeting.decisions == []


async def test_the_footer_offers_only_the_keys_of_the_stage(session):
    app = DialogHarness(session, DecisionDialog)
    async with app.run_test() as pilot:
        await propose(pilot, app)
        keys = {b.binding.id for b in app.screen.active_bindings.values()}
        assert {"decision.no_objections", "decision.object", "decision.revise", "decision.defer"} <= keys
        assert "decision.vote" not in keys
        await object_to(pilot, app, "李娜", "不同意")
        keys = {b.binding.id for b in app.screen.active_bindings.values()}
        assert {"decision.revise", "decision.vote", "decision.escalate", "decision.defer"} <= keys
        assert "decision.no_objections" not in keys


async def test_escape_in_a_step_goes_back_to_the_question_and_keeps_the_proposal(session):
    topic = session.meeting.current_topic
    app = DialogHarness(session, DecisionDialog)
    async with app.run_test() as pilot:
        await propose(pilot, app)
        await pilot.press("o")
        await pilot.pause()
        keys = {b.binding.id for b in app.screen.active_bindings.values()}
        assert "dialog.back" in keys and "dialog.close" not in keys
        assert str(app.screen.query_one("#decision-context", Static).content) == "Proposed: " + DECISION
        await pilot.press("escape")
        await pilot.pause()
        assert not app.dismissed and stage(app) == Stage.STATUS
        await pilot.press("escape")
        await pilot.pause()
    assert app.result is not None
    assert reloaded(session).latest_decision(topic.id).state is DecisionState.PROPOSED


async def test_without_a_current_topic_the_dialog_says_so_and_only_closes(tmp_path, clock):
    waiting = demo_session(tmp_path / "other", clock, start=False)
    app = DialogHarness(waiting, DecisionDialog)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert "there is no current topic" in app.screen.query_one("#decision-error").message
        keys = {b.binding.id for b in app.screen.active_bindings.values()}
        assert not {k for k in keys if k and k.startswith("decision.")}
        await pilot.press("enter", "o", "escape")
        await pilot.pause()
    waiting.close()
    assert app.result is None and waiting.meeting.decisions == []
