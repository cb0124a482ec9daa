"""An SVG snapshot of the plan screen: the demo meeting (Chinese and English) at 120×40, checks beside it.

Looked at by eye before it was accepted. Regenerate with
``pytest tests/ui/test_plan_snapshot.py --snapshot-update`` and look again.
"""

from __future__ import annotations

from textual.pilot import Pilot

from meetui.ui.screens.plan import PlanScreen

from .helpers import until


async def _planned(pilot: Pilot) -> None:
    await until(pilot, lambda: isinstance(pilot.app.screen, PlanScreen))
    await pilot.pause()
    await pilot.press("f4")
    pilot.app.clear_notifications()
    await pilot.pause()


def test_plan_screen(snap_compare, make_app, demo_id) -> None:
    assert snap_compare(make_app(demo_id, plan=True), terminal_size=(120, 40), run_before=_planned)
