"""What the live screen's first frame imports: pendulum only when a date has to be parsed or localised; not
Textual's TextArea (the plan screen's paste box), which costs it ten milliseconds; no frozen dataclass (each
costs half a millisecond to define, a NamedTuple a tenth); and no note-line or date pattern compiled yet.

pendulum takes more than ten milliseconds to import, so the first frame of
``meetui run`` draws times with the standard library. The check runs in a
fresh interpreter, since this test process has long imported pendulum.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from meetui.store import Store

SCRIPT = """
import asyncio, sys
from pathlib import Path
from meetui.store import Store
from meetui.ui.app import MeetuiApp
from meetui.ui.screens.live import LiveScreen

def frozen_dataclasses():
    import dataclasses
    return sorted(
        f"{name}.{cls.__name__}"
        for name, module in list(sys.modules.items()) if name.startswith("meetui.")
        for cls in vars(module).values()
        if isinstance(cls, type) and cls.__module__ == name and dataclasses.is_dataclass(cls)
        and cls.__dataclass_params__.frozen
        and cls.__name__ != "MeetingSummary"  # it caches its sort time, which a NamedTuple cannot hold
    )

def compiled_patterns():
    from meetui.core import commands, dates
    from meetui.core.text import LazyPattern
    patterns = [p for m in (commands, dates) for p in vars(m).values() if isinstance(p, LazyPattern)]
    assert len(patterns) >= 18, len(patterns)
    return sum("compiled" in vars(p) for p in patterns)

async def main():
    app = MeetuiApp(Store(Path(sys.argv[1])), sys.argv[2], config_dir=Path(sys.argv[3]))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LiveScreen), app.screen
        print("title:", app.screen.meeting.title)
        print("pendulum:", "pendulum" in sys.modules)
        print("text area:", "textual.widgets._text_area" in sys.modules)  # a heavy widget the plan screen needs
        print("frozen dataclasses:", frozen_dataclasses())
        print("patterns compiled:", compiled_patterns())
        await pilot.press("i", *sys.argv[4], "enter")
        await pilot.pause()
        item = app.screen.meeting.actions[-1]
        print("action:", item.owner, item.task, item.due.isoformat())
        print("after:", "pendulum" in sys.modules)
        print("patterns compiled after:", compiled_patterns() > 0)

asyncio.run(main())
"""


def first_frame(store: Store, meeting_id: str, tmp_path: Path, note: str) -> list[str]:
    env = {**os.environ, "TZ": "Asia/Shanghai", "PYTHONIOENCODING": "utf-8"}
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(store.root), meeting_id, str(tmp_path / "cfg"), note],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def test_the_live_screen_opens_without_pendulum_and_loads_it_for_a_due_date(
    store: Store, demo_id: str, tmp_path: Path
) -> None:
    lines = first_frame(store, demo_id, tmp_path, "#action 陈刚 提交报价单 due 2026-12-04")
    assert lines == [
        "title: Q3 产品发布跨部门协调会 / Q3 launch coordination",
        "pendulum: False",
        "text area: False",
        "frozen dataclasses: []",
        "patterns compiled: 0",
        "action: 陈刚 提交报价单 2026-12-04",
        "after: True",
        "patterns compiled after: True",
    ]
