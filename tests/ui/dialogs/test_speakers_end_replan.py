"""The speaker queue, the end-of-meeting review and the live re-planning dialogs."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.widgets import Input, Static

from meetui.core.errors import MeetuiError
from meetui.core.models import MeetingStatus, TopicState
from meetui.core.timekeeping import topics_to_park, trim_plan
from meetui.ui.dialogs.action_form import ActionForm
from meetui.ui.dialogs.end import EndMeetingDialog
from meetui.ui.dialogs.replan import ReplanDialog
from meetui.ui.dialogs.speakers import SpeakerQueueDialog, parse_limit

from .harness import DialogHarness, reloaded


async def add_speaker(pilot, app, name: str) -> None:
    await pilot.press("a")
    await pilot.pause()
    app.screen.query_one("#speakers-name", Input).value = name
    await pilot.press("enter")
    await pilot.pause()


def panel(app: DialogHarness) -> str:
    return str(app.screen.query_one("#speakers-current", Static).content)


async def test_speaker_queue_add_next_and_time_against_the_limit(session, clock):
    app = DialogHarness(session, SpeakerQueueDialog)
    async with app.run_test() as pilot:
        await pilot.pause()
        await add_speaker(pilot, app, "李娜")
        await add_speaker(pilot, app, "陈刚")
        assert [t.name for t in session.live.waiting_speakers()] == ["李娜", "陈刚"]
        await pilot.press("n")
        await pilot.pause()
        assert session.live.current_speaker().name == "李娜"
        clock.advance(seconds=150)
        app.screen.refresh_times()
        assert "李娜   2:30 / 3:00   ◐ last 20%" in panel(app)
        clock.advance(seconds=45)
        await pilot.pause(1.1)  # the once-a-second refresh, from the stored start and the clock
        assert "李娜   3:15 / 3:00   ▲ over" in panel(app)
        assert app.screen.query_one("#speakers-current").has_class("-over")
        await pilot.press("n")
        await pilot.pause()
        assert "陈刚   0:00 / 3:00" in panel(app)
        spoken = app.screen.query_one("#speakers-list", Static).content
        assert "3:15 / 3:00" in [str(c) for c in spoken.columns[2].cells]
        await pilot.press("escape")
        await pilot.pause()
    stored = reloaded(session)
    li_na, chen = stored.speakers
    assert (li_na.name, (li_na.ended_at - li_na.started_at).total_seconds()) == ("李娜", 195)
    assert chen.name == "陈刚" and chen.started_at == clock.now() and chen.ended_at is None


async def test_changing_the_speaker_limit(session):
    app = DialogHarness(session, SpeakerQueueDialog)
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        field = app.screen.query_one("#speakers-limit", Input)
        field.value = "两分钟"
        await pilot.press("enter")
        await pilot.pause()
        assert "cannot read the limit '两分钟'" in app.screen.query_one("#speakers-error").message
        field.value = "2:30"
        await pilot.press("enter")
        await pilot.pause()
        await add_speaker(pilot, app, "王芳")
    stored = reloaded(session)
    assert stored.speaker_limit_seconds == 150
    assert stored.speakers[0].limit_seconds == 150


@pytest.mark.parametrize("burst", [False, True])
async def test_a_limit_typed_replaces_the_one_shown(session, burst: bool):
    app = DialogHarness(session, SpeakerQueueDialog)
    async with app.run_test() as pilot:
        await pilot.pause()
        if burst:  # the keys behind l typed before the field had its focus event: kept, not replaced
            await pilot.press("l", "5", "enter")
        else:
            await pilot.press("l")
            await pilot.pause()
            assert app.screen.query_one("#speakers-limit", Input).value == "3:00"
            await pilot.press("5", "enter")
        await pilot.pause()
    assert reloaded(session).speaker_limit_seconds == 300


@pytest.mark.parametrize(("text", "seconds"), [("3", 180), ("2:30", 150), ("90s", 90), ("0", 0)])
def test_parse_limit(text, seconds):
    assert parse_limit(text) == seconds


@pytest.mark.parametrize("text", ["", "三分钟", "2:75", "-1"])
def test_parse_limit_refuses_unclear_text(text):
    with pytest.raises(MeetuiError):
        parse_limit(text)


def with_actions(session) -> list[str]:
    session.apply(lambda live: live.add_action("更新发布计划并发给各部门", "李娜", due="fri"))
    session.apply(lambda live: live.add_action("预订发布会场地", "Alice Wang", due="+3d"))
    session.apply(lambda live: live.park("渠道价格策略需要财务参与", raised_by="陈刚"))
    return [a.id for a in session.meeting.actions]


async def test_end_reviews_each_action_then_recaps_and_ends(session, clock):
    first, second = with_actions(session)
    app = DialogHarness(session, EndMeetingDialog)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert "更新发布计划并发给各部门" in str(app.screen.query_one("#end-task", Static).content)
        await pilot.press("enter")  # 李娜 confirms
        await pilot.pause()
        assert session.meeting.action(first).confirmed
        assert "预订发布会场地" in str(app.screen.query_one("#end-task", Static).content)

        await pilot.press("e")  # edit the second item in the action form
        await pilot.pause()
        assert isinstance(app.screen, ActionForm)
        app.screen.query_one("#action-task", Input).value = "预订发布会场地并确认预算"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, EndMeetingDialog)
        assert "预订发布会场地并确认预算" in str(app.screen.query_one("#end-task", Static).content)
        await pilot.press("enter")
        await pilot.pause()

        assert app.screen.focused is app.screen.query_one("#end-checkpoint", Input)
        recap = app.screen.query_one("#end-recap", Static).content
        assert "渠道价格策略需要财务参与" in str(recap.renderables[-1])
        checkpoint = app.screen.query_one("#end-checkpoint", Input)
        checkpoint.value = "下个季度"
        await pilot.press("enter")
        await pilot.pause()
        assert "cannot read the checkpoint date '下个季度'" in app.screen.query_one("#end-error").message
        assert session.meeting.status is MeetingStatus.LIVE
        checkpoint.value = "两周后"
        await pilot.pause()
        assert str(app.screen.query_one("#end-checkpoint-hint", Static).content) == "→ Fri 2026-12-04"
        await pilot.press("enter")
        await pilot.pause()
        assert app.dismissed
    stored = reloaded(session)
    assert stored.status is MeetingStatus.ENDED
    assert stored.ended_at == clock.now()
    assert stored.next_checkpoint == dt.date(2026, 12, 4)
    assert [a.confirmed for a in stored.actions] == [True, True]
    assert stored.action(second).task == "预订发布会场地并确认预算"
    assert app.result is not None and app.result.meeting


async def test_end_can_skip_an_item_and_says_how_many_are_unconfirmed(session):
    first, _ = with_actions(session)
    app = DialogHarness(session, EndMeetingDialog)
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("n", "p", "enter")  # skip the first, come back, confirm it
        await pilot.pause()
        assert "2 of 2" in str(app.screen.query_one("#end-title", Static).content)
        await pilot.press("s")  # straight to the recap, the second one unconfirmed
        await pilot.pause()
        assert "1 action item not confirmed" in str(app.screen.query_one("#end-title", Static).content)
        await pilot.press("escape")
        await pilot.pause()
    stored = reloaded(session)
    assert stored.status is MeetingStatus.LIVE
    assert [a.confirmed for a in stored.actions] == [True, False]


async def test_end_without_action_items_goes_straight_to_the_recap(session):
    session.apply(lambda live: live.park("下次讨论渠道返点"))
    app = DialogHarness(session, EndMeetingDialog)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert "recap" in str(app.screen.query_one("#end-title", Static).content)
        await pilot.press("ctrl+s")
        await pilot.pause()
    stored = reloaded(session)
    assert stored.status is MeetingStatus.ENDED
    assert stored.next_checkpoint is None


def run_late(session, clock) -> None:
    """An hour into the first topic (planned 20 minutes): the agenda no longer fits."""
    clock.advance(minutes=60)


async def test_replan_trims_the_remaining_topics_as_shown(session, clock):
    run_late(session, clock)
    expected = trim_plan(session.meeting, clock.now())
    assert expected, "the scenario must need trimming"
    app = DialogHarness(session, ReplanDialog)
    async with app.run_test() as pilot:
        await pilot.pause()
        shown = app.screen.query_one("#replan-trim", Static).content
        assert [str(c) for c in shown.columns[2].cells] == [f"{m} min" for m in expected.values()]
        assert "late" in str(app.screen.query_one("#replan-ends", Static).content)
        await pilot.press("1")
        await pilot.pause()
        assert app.dismissed
    stored = reloaded(session)
    assert {t.id: t.timebox_minutes for t in stored.topics if t.id in expected} == expected


async def test_replan_parks_the_last_topics_as_shown(session, clock):
    run_late(session, clock)
    expected = topics_to_park(session.meeting, clock.now())
    titles = [session.meeting.topic(t).title for t in expected]
    assert titles
    app = DialogHarness(session, ReplanDialog)
    async with app.run_test() as pilot:
        await pilot.pause()
        shown = str(app.screen.query_one("#replan-park", Static).content)
        assert all(title in shown for title in titles)
        await pilot.press("2")
        await pilot.pause()
    stored = reloaded(session)
    assert [t.id for t in stored.topics if t.state is TopicState.DEFERRED] == expected
    assert [p.text for p in stored.parking_lot] == [f"{title} — out of time" for title in titles]


async def test_replan_keys_are_greyed_out_when_the_agenda_fits(session):
    app = DialogHarness(session, ReplanDialog)
    async with app.run_test() as pilot:
        await pilot.pause()
        bindings = {b.binding.id: b.enabled for b in app.screen.active_bindings.values()}
        assert bindings["replan.trim"] is False and bindings["replan.park"] is False
        await pilot.press("1")
        await pilot.pause()
        assert not app.dismissed
    assert all(t.extra_minutes == 0 for t in session.meeting.topics)
