"""`meetui action` from another process while the meeting runs live here: queued, applied by the live screen."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from meetui.store import Store

from .helpers import live_screen, said, stored, until


def run_meetui(store: Store, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "MEETUI_DATA": str(store.root), "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(
        [sys.executable, "-m", "meetui.cli.main", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


async def test_an_update_from_another_process_shows_on_the_live_screen(make_app, demo_id, store: Store) -> None:
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        screen.apply(lambda live: live.add_action("准备渠道培训材料", "陈刚", due="+5d"))
        item = screen.meeting.actions[-1]
        assert screen.session.flush()
        shell = run_meetui(
            store, "action", item.id, "--status", "blocked", "--note", "等待市场部的报价", "--by", "陈刚"
        )
        started = time.monotonic()
        await until(
            pilot,
            lambda: shell.poll() is not None and screen.meeting.action(item.id).status.value == "blocked",
            timeout=20,
        )
        out, err = shell.communicate(timeout=10)
        assert shell.returncode == 0, err
        assert "applied by the live meeting" in err
        assert time.monotonic() - started < 20
        assert screen.meeting.action(item.id).reason == "等待市场部的报价"
        assert "updated from the shell" in said(screen)  # the live screen says it in its message line
        await until(pilot, lambda: not store.queue.pending(demo_id))
        saved = stored(screen).action(item.id)
        assert (saved.status.value, saved.progress[-1].by) == ("blocked", "陈刚")
        await pilot.press("ctrl+q")


def test_two_action_processes_on_one_meeting_wait_for_each_other(store: Store, demo_id: str) -> None:
    from meetui.core.clock import SequentialIds, SystemClock
    from meetui.core.meeting import LiveMeeting

    live = LiveMeeting(store.load(demo_id), SystemClock(), SequentialIds("w"))
    store.commit(live.meeting, live.add_action("更新合同模板", "王芳"))
    item = live.meeting.actions[-1].id
    runs = [run_meetui(store, "action", item, "--status", "in-progress", "--note", f"第{n}次") for n in (1, 2)]
    results = [(r.wait(timeout=60), r.stderr.read()) for r in runs]
    codes = [code for code, _ in results]
    assert sorted(codes) == [0, 1], results  # one moved it; the other waited, then was refused by the rules alone
    refused = next(err for code, err in results if code == 1)
    assert "is in-progress: it can go to" in refused
    assert Store(store.root).load(demo_id).action(item).status.value == "in-progress"
