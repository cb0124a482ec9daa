"""SVG snapshots of the live screen: 80×24 and 120×40, dark and light themes, and presentation mode.

Each was looked at by eye before it was accepted. Regenerate with
``pytest tests/ui/test_snapshots.py --snapshot-update`` and look again.
"""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from meetui.core.clock import FrozenClock
from meetui.core.models import NoteKind

from .helpers import live_screen


def meeting_in_progress(clock: FrozenClock, *, present: bool = False):  # noqa: ANN201
    """A run_before: topic 1 decided, notes (one private) and an action on topic 2, 14 minutes in."""

    async def run_before(pilot: Pilot) -> None:
        await pilot.pause()
        screen = await live_screen(pilot)
        quiet = {"announce": False}
        screen.apply(lambda live: live.start(), **quiet)
        screen.apply(lambda live: live.add_note("研发建议推迟两周：支付 SDK 升级延误", NoteKind.INFO), **quiet)
        proposal = screen.session.apply(lambda live: live.propose_decision("12月15日正式发布，11月30日代码冻结"))
        screen.session.apply(lambda live: live.no_objections(proposal.records[0].id))
        clock.advance(minutes=9)
        screen.apply(lambda live: live.next_topic(), **quiet)
        screen.apply(lambda live: live.add_note("性能测试下周一开始", NoteKind.INFO), **quiet)
        screen.apply(lambda live: live.add_note("砍掉离线模式？", NoteKind.QUESTION), **quiet)
        screen.apply(lambda live: live.add_note("预算只够一轮压测", NoteKind.RISK, private=True), **quiet)
        screen.apply(lambda live: live.apply_line("#action 李娜 整理支付SDK风险清单 by fri"), **quiet)
        screen.apply(lambda live: live.apply_line("#action Alice 确认广告排期 by 2026-12-01"), **quiet)
        clock.advance(minutes=5, seconds=30)
        screen.refresh_panes()
        screen.tick()
        if present:
            await pilot.press("f")
        pilot.app.clear_notifications()
        await pilot.pause()

    return run_before


@pytest.mark.parametrize(
    ("size", "theme"),
    [
        pytest.param((80, 24), "meetui-dark", id="80x24-dark"),
        pytest.param((120, 40), "meetui-dark", id="120x40-dark"),
        pytest.param((80, 24), "meetui-light", id="80x24-light"),
        pytest.param((120, 40), "meetui-light", id="120x40-light"),
    ],
)
def test_live_screen(snap_compare, make_app, demo_id, clock: FrozenClock, size, theme) -> None:
    app = make_app(demo_id)
    app.theme = theme
    assert snap_compare(app, terminal_size=size, run_before=meeting_in_progress(clock))


@pytest.mark.parametrize(
    ("size", "theme"),
    [
        pytest.param((120, 40), "meetui-dark", id="120x40-dark"),
        pytest.param((80, 24), "meetui-projector", id="80x24-projector"),
    ],
)
def test_presentation_mode(snap_compare, make_app, demo_id, clock: FrozenClock, size, theme) -> None:
    app = make_app(demo_id)
    app.theme = theme
    assert snap_compare(app, terminal_size=size, run_before=meeting_in_progress(clock, present=True))


def test_compact_layout_below_60_by_20(snap_compare, make_app, demo_id, clock: FrozenClock) -> None:
    """50×16: the clock line, the current topic's notes, the note field and the key line; no pane squeezed out."""
    app = make_app(demo_id)
    assert snap_compare(app, terminal_size=(50, 16), run_before=meeting_in_progress(clock))


def test_a_chinese_message_stays_in_its_own_line(snap_compare, make_app, demo_id, clock: FrozenClock) -> None:
    """Textual's toast leaves fragments of wide characters over the pane borders when it goes (Textual issue
    #6357); the live screen says things in a line of its own instead, and nothing is drawn over the panes."""
    app = make_app(demo_id)
    progress = meeting_in_progress(clock)

    async def run_before(pilot: Pilot) -> None:
        await progress(pilot)
        screen = pilot.app.screen
        for minutes in range(3):  # repeated messages replace one another, they do not stack
            screen.notify(f"时间盒延长到 {21 + minutes} 分钟：研发准备度讨论继续", timeout=0)
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
