"""What people type is shown as typed: square brackets are never read as Textual or Rich markup.

"[/]" read as markup is an error that ends the app; "[b]…[/b]" would vanish
into bold. Every screen and dialog that shows recorded text is opened on a
meeting full of it.
"""

from __future__ import annotations

from textual.content import Content

from meetui.core.clock import FrozenClock, SequentialIds
from meetui.core.meeting import Change, LiveMeeting
from meetui.store import Store

from .helpers import live_screen

TITLE = "[/] 周会 [b]Weekly[/b]"
TOPIC = "[/] 议题：[b]预算[/b]"
DECISION = "[bold]定了[/bold] 预算 [/]"
ACTION = "修复 [/] 问题 [red]"
PARKED = "看 [/] 之后 [i]再说"
REASON = "请假 [/] [dim]"
SPEAKER = "[王芳]"


def hostile_meeting(store: Store, demo_id: str, clock: FrozenClock) -> None:
    live = LiveMeeting(store.load(demo_id), clock, SequentialIds("h"))
    live.meeting.title = TITLE
    changes = [
        Change(meeting=True),
        live.mark("Tom Becker", "absent", reason=REASON),
        live.add_attendee(SPEAKER, department="[部门]"),
        live.start(),
        live.insert_topic_after_current(TOPIC),
        live.add_note(f"#agreed {DECISION}"),
        live.propose_decision(DECISION),
        live.add_action(ACTION, SPEAKER, due="fri", deliverable="[v1]"),
        live.park(PARKED, raised_by=SPEAKER),
        live.queue_speaker(SPEAKER),
        live.next_speaker(),
    ]
    for change in changes:
        store.commit(live.meeting, change)


async def test_every_screen_and_dialog_shows_bracketed_text_as_typed(make_app, demo_id, store, clock) -> None:
    hostile_meeting(store, demo_id, clock)
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        assert screen.title == TITLE
        assert str(screen.query_one("#note-list").get_option_at_index(0).prompt).endswith(DECISION)
        assert Content.from_markup(screen.query_one("#notes").border_title).plain == f"Notes · {TOPIC}"
        for key, dialog in [
            ("r", "RollCallDialog"),
            ("k", "ParkingLotDialog"),
            ("s", "SpeakerQueueDialog"),
            ("d", "DecisionDialog"),
            ("a", "ActionForm"),
            ("e", "EndMeetingDialog"),
            ("m", "MinutesDialog"),
        ]:
            await pilot.press(key)
            await pilot.pause()
            assert type(app.screen).__name__ == dialog, key
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is screen
        await pilot.press("f")
        await pilot.pause()
        assert type(app.screen).__name__ == "PresentationScreen"
        await pilot.press("f")
        await pilot.pause()
    assert app.return_code in (None, 0)
