"""Benchmark: the minutes of a big meeting in every format, and the cost of the ``meetui minutes`` process.

Run it directly (it is not part of the test run)::

    python tests/bench/bench_minutes.py [--runs 7] [--starts 15]

It builds a meeting with 100 topics and 2,000 notes (every kind, Chinese and
English, 20 per topic), a decision per topic (some objected to, some voted
on), 200 action items, parking-lot items and risks, and prints:

* the median milliseconds to build the minutes model and to render each
  format in each language (Word included: the bytes of the .docx file);
* the median wall time of the whole ``meetui minutes MEETING`` process (the
  meeting read from a store in a temporary folder, Markdown to /dev/null)
  against ``python -c "import pydantic, tinydb, pendulum"`` measured in the
  same run, alternating the two, and their ratio. Target: ratio ≤ 1.3.
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import meetui
from meetui.core.clock import FrozenClock, SequentialIds
from meetui.core.meeting import LiveMeeting, new_meeting
from meetui.core.models import Meeting, NoteKind
from meetui.export import FORMATS, LANGS, build_minutes, render_bytes
from meetui.store import Store

ZONE = "Asia/Shanghai"
PEOPLE = ["王芳", "李娜", "陈刚", "赵磊", "Priya Nair", "Alice Wang", "Sam Carter", "Tom Becker"]
KINDS = list(NoteKind)


def big_meeting() -> tuple[Meeting, FrozenClock]:
    """An ended meeting: 100 topics, 2,000 notes, 100 decisions, 200 actions, parking lot and risks."""
    clock = FrozenClock("2026-11-20T09:00:00+08:00", tz=ZONE)
    ids = SequentialIds("b")
    meeting = new_meeting(
        "年度规划跨部门协调会 / Annual planning",
        clock,
        ids,
        timezone=ZONE,
        planned_minutes=600,
        scheduled_start="2026-11-20T09:00:00+08:00",
        host="王芳",
        note_taker="Sam Carter",
        place="3F 会议室",
        attendees=[{"name": name, "department": f"部门 {i % 4}"} for i, name in enumerate(PEOPLE)],
        topics=[
            {
                "title": f"议题 {n}：预算与排期 | Budget and schedule {n}",
                "owner": PEOPLE[n % 8],
                "planned_minutes": 5,
                "goal": "确定负责人和日期 & confirm the owners",
            }
            for n in range(100)
        ],
    )
    live = LiveMeeting(meeting, clock, ids, actor="Sam Carter")
    for i, name in enumerate(PEOPLE):
        if i == 3:
            live.mark(name, "proxy", proxy="陈刚", reason="出差")
        elif i == 7:
            live.mark(name, "absent", reason="Annual leave")
        else:
            live.mark(name, "present")
    live.start()
    for n in range(100):
        for k in range(20):
            clock.advance(seconds=15)
            kind = KINDS[k % len(KINDS)]
            text = (
                f"https://wiki.example.com/t{n}/{k} 文档"
                if kind is NoteKind.LINK
                else f"第 {n}.{k} 条：渠道培训需要两周 <b>&</b> the budget | is tight\n需要会后确认。"
            )
            live.add_note(text, kind, author=PEOPLE[k % 8], owner=PEOPLE[(k + 1) % 8])
        decision = live.propose_decision(f"议题 {n} 的决定：按计划推进，预算上限 {n} 万元。").records[0]
        if n % 3 == 0:
            live.object(decision.id, "陈刚", "销售资源不足 | need more people")
            live.vote(decision.id, 4, 2, 1)  # the room: 6 present and 1 represented by a proxy
        else:
            live.no_objections(decision.id)
        live.add_action(
            f"整理议题 {n} 的执行计划 and share it",
            PEOPLE[n % 8],
            due="+7d",
            deliverable=f"计划 v{n}.0",
            priority="high" if n % 2 else "low",
        )
        live.add_action(f"Follow up topic {n} with the agency", PEOPLE[(n + 3) % 8], due="+14d")
        if n % 10 == 0:
            live.park(f"议题 {n} 的长期问题", raised_by=PEOPLE[n % 8])
        if n < 99:
            live.next_topic()
    live.end(next_checkpoint="2026-12-04")
    return live.meeting, clock


def demo_meeting_run() -> tuple[Meeting, FrozenClock]:
    """The demo meeting run by the golden-file scenario (``tests/export/scenario.py``)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from export.scenario import run_demo_meeting

    return run_demo_meeting()


def median_ms(action, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


#: The environment of the measured processes. Without PYTHONDONTWRITEBYTECODE (set in some shells): a
#: normal installation starts from bytecode, compiled by :func:`main` beforehand.
PROCESS_ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


#: Floors for reference: reading a meeting through meetui's store (pydantic validation included), with meetui's
#: own settings (no pydantic plugin scan, the collector paused) and nothing else; and validating a one-field model.
LOAD_ONLY = """
import os, sys
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
from meetui import startup
startup.pause()
import pydantic, tinydb, pendulum
from pathlib import Path
from meetui.store import Store
Store(Path(sys.argv[1])).load(sys.argv[2])
"""
ONE_MODEL = """
import os
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
import pydantic, tinydb, pendulum
class Point(pydantic.BaseModel):
    x: int
Point.model_validate({"x": 1})
"""


def process_seconds(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=PROCESS_ENV)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="renders per format (median taken)")
    parser.add_argument("--starts", type=int, default=15, help="process starts of each command (median taken)")
    args = parser.parse_args()

    meeting, clock = big_meeting()
    print(
        f"meeting: {len(meeting.topics)} topics, {len(meeting.notes)} notes, {len(meeting.decisions)} decisions, "
        f"{len(meeting.actions)} action items"
    )
    print(f"build_minutes: {median_ms(lambda: build_minutes(meeting, clock.now()), args.runs):8.1f} ms (median)")
    minutes = build_minutes(meeting, clock.now())
    for fmt in FORMATS:
        for lang in LANGS if fmt != "json" else ("en",):
            size = len(render_bytes(minutes, fmt, lang))
            ms = median_ms(lambda fmt=fmt, lang=lang: render_bytes(minutes, fmt, lang), args.runs)
            print(f"render {fmt:<4} {lang}: {ms:8.1f} ms (median)   {size / 1024:7.0f} KiB")

    compileall.compile_dir(Path(meetui.__file__).parent, quiet=1)  # as `pip install` does
    folder = Path(tempfile.mkdtemp(prefix="meetui-bench-minutes-"))
    try:
        Store(folder / "data").create(meeting)
        executable = shutil.which("meetui", path=str(Path(sys.executable).parent)) or shutil.which("meetui")
        minutes_cmd = [executable] if executable else [sys.executable, "-m", "meetui.cli.main"]
        minutes_cmd += ["minutes", meeting.id, "--data", str(folder / "data")]
        baseline_cmd = [sys.executable, "-c", "import pydantic, tinydb, pendulum"]
        process_seconds(minutes_cmd)  # warm the file cache and the bytecode
        process_seconds(baseline_cmd)
        small, _ = demo_meeting_run()
        Store(folder / "demo").create(small)
        demo_cmd = [*minutes_cmd[:-4], "minutes", small.id, "--data", str(folder / "demo")]
        for label, command in [("minutes md, 100 topics", minutes_cmd), ("minutes md, demo meeting", demo_cmd)]:
            ours, base = [], []
            for _ in range(args.starts):
                ours.append(process_seconds(command))
                base.append(process_seconds(baseline_cmd))
            ours_ms, base_ms = statistics.median(ours) * 1000, statistics.median(base) * 1000
            print(
                f"process {label}: {ours_ms:7.1f} ms   import pydantic, tinydb, pendulum: {base_ms:7.1f} ms   "
                f"ratio {ours_ms / base_ms:.2f} (target ≤ 1.3)"
            )
        # For reference, the floor under any minutes command that reads a meeting validated by pydantic: a process
        # that only loads the demo meeting through the store, and one that only validates a one-field model.
        floors = [
            (
                "loading the demo meeting, nothing else",
                [sys.executable, "-c", LOAD_ONLY, str(folder / "demo"), small.id],
            ),
            ("one pydantic model validated, nothing else", [sys.executable, "-c", ONE_MODEL]),
        ]
        for label, command in floors:
            ours, base = [], []
            for _ in range(args.starts):
                ours.append(process_seconds(command))
                base.append(process_seconds(baseline_cmd))
            ours_ms, base_ms = statistics.median(ours) * 1000, statistics.median(base) * 1000
            print(f"  reference, {label}: {ours_ms:7.1f} ms   ratio {ours_ms / base_ms:.2f}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
