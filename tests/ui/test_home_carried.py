"""An item carried into a follow-up meeting: one row on the home screen, and one state whichever copy is updated
(the home screen, the live session during the review, an update queued for the live meeting)."""

from __future__ import annotations

from textual.widgets import DataTable, OptionList

from meetui.core.clock import FrozenClock, SequentialIds
from meetui.core.meeting import LiveMeeting, new_meeting
from meetui.core.planning import follow_up_fields
from meetui.store import Store
from meetui.ui.dialogs.ask import AskDialog
from meetui.ui.dialogs.pick import PickDialog

from .helpers import until

PEOPLE = [{"name": "王芳", "department": "产品部"}, {"name": "李娜", "department": "研发部"}]


def carried(store: Store, clock: FrozenClock) -> tuple[str, str]:
    """A held meeting with three open items of 李娜 and 王芳, and its follow-up carrying them; their ids."""
    earlier = new_meeting("Q3 发布协调会", clock, SequentialIds("e"), attendees=PEOPLE, host="王芳")
    live = LiveMeeting(earlier, clock, SequentialIds("e"))
    live.start()
    live.add_action("写测试报告", "李娜", due="+1d")
    live.add_action("确认渠道", "王芳")
    live.add_action("更新文档", "李娜")
    live.end()
    store.create(earlier)
    later = new_meeting("Q3 发布跟进会", clock, SequentialIds("f"), **follow_up_fields(earlier))
    store.create(later)
    return earlier.id, later.id


async def test_carried_items_are_one_row_each_and_an_update_reaches_both_copies(
    make_app, store: Store, clock: FrozenClock
) -> None:
    earlier_id, later_id = carried(store, clock)
    app = make_app(None)
    async with app.run_test(size=(120, 40)) as pilot:
        home = app.screen
        actions = home.query_one("#home-actions-table", DataTable)
        await until(pilot, lambda: actions.row_count == 5)  # two owners' headings and three items, not six
        assert home.sub_title == "2 meetings · 3 open action items"
        figures = str(home.query_one("#stats-figures").render())
        assert "actions 0/3 done" in figures
        assert "under by 60.0 min on average" in figures and "-60" not in figures  # it ended at once
        actions.focus()
        await pilot.press("f")
        await until(pilot, lambda: isinstance(app.screen, PickDialog))
        options = app.screen.query_one(OptionList)
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert "not started (3)" in labels
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is home)
        home.filters = home.filters.with_(meeting_id=later_id)  # the follow-up meeting holds the carried items
        home.show_actions()
        assert actions.row_count == 5
        home.filters = home.filters.with_(meeting_id=None)
        home.show_actions()
        doc = home._action_doc()  # noqa: SLF001 - the highlighted item
        await pilot.press("s")
        await until(pilot, lambda: isinstance(app.screen, PickDialog))
        await pilot.press("down", "enter")  # done
        await until(pilot, lambda: isinstance(app.screen, AskDialog))
        await pilot.press("enter")
        await until(pilot, lambda: store.load(earlier_id).action(doc["id"]).status.value == "done")
        assert store.load(later_id).action(doc["id"]).status.value == "done"
        await until(pilot, lambda: actions.row_count == 4 - (doc["owner"] == "王芳"))


def test_copies_written_apart_show_as_the_one_updated_last(store: Store, clock: FrozenClock) -> None:
    """Copies that drifted apart (written before the store kept them the same) show as the latest copy, even a
    closed one, which the open items alone would not hold."""
    from meetui.core.lifecycle import move

    earlier_id, later_id = carried(store, clock)
    earlier, later = store.load(earlier_id), store.load(later_id)
    report, channels, docs = (a.id for a in earlier.actions)
    clock.advance(minutes=30)
    move(earlier.action(report), "done", clock.now(), deliverable="测试报告.pdf")  # closed in the earlier meeting
    move(later.action(channels), "done", clock.now())  # closed in the follow-up meeting
    move(later.action(docs), "in-progress", clock.now())
    store.save(earlier)  # whole-meeting writes, as the files were left before: the copies are not touched
    store.save(later)
    shown = store.open_action_docs(store.entries("meeting", "open"))
    assert [(d["id"], d["status"]) for d in shown] == [(docs, "in-progress")]
    assert sorted(shown[0]["in_meetings"]) == sorted([earlier_id, later_id])


def test_the_live_session_of_the_follow_up_meeting_updates_the_earlier_copy(store: Store, clock: FrozenClock) -> None:
    """During the review, the live screen changes a carried item through its session: the earlier meeting's copy
    follows; and an update queued from the shell for the live meeting reaches it too."""
    from meetui.core.lifecycle import ActionUpdate, apply_update
    from meetui.core.meeting import Change
    from meetui.ui.session import MeetingSession

    earlier_id, later_id = carried(store, clock)
    report, channels, _ = (a.id for a in store.load(earlier_id).actions)
    session = MeetingSession(store, store.load(later_id), clock, ids=SequentialIds("s"))
    lock = store.hold_live(later_id)
    try:
        update = ActionUpdate(action_id=report, at=clock.now(), status="blocked", note="等测试环境", by="李娜")
        session.apply(lambda live: Change([apply_update(live.meeting, update)]))
        assert session.flush()
        copy = store.load(earlier_id).action(report)
        assert (copy.status.value, copy.reason) == ("blocked", "等测试环境")
        queued = ActionUpdate(action_id=channels, at=clock.now(), status="in-progress", by="王芳")
        store.queue.put(later_id, queued.model_dump(mode="json"))
        assert session.apply_queued()[0][1]
        assert session.flush()
        assert store.load(earlier_id).action(channels).status.value == "in-progress"
    finally:
        session.close()
        lock.release()
