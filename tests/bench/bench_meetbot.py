"""Benchmark: importing a 10,000-line MeetBot log, against ``meetui list`` on an empty store, in one run.

Run it directly (it is not part of the test run)::

    python tests/bench/bench_meetbot.py [--lines 10000] [--runs 7]

It writes a generated MeetBot log (``--lines`` lines: 12 people chatting, a topic every 400 lines, an
``#info``/``#idea``/``#agreed``/``#action``/link every few lines, ``/me`` lines, relay-bot lines, the odd
``#undo``) and runs, alternately, ``meetui import LOG --format meetbot`` into a fresh store and ``meetui
list`` on an empty store, each as its own process (``python -m meetui.cli.main``, as a user runs it). It
prints the median wall time of each and their ratio: the import's cost over the fixed cost of starting
meetui at all.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PEOPLE = ["alice", "bob", "李娜", "欧阳明月", "carol", "dan", "ops_kim", "Weiß", "eve", "frank", "王芳", "陈刚"]


def generate(lines: int) -> str:
    """A MeetBot log of ``lines`` lines, deterministic."""
    out = ["09:00:00 <alice> #startmeeting 压测会议 load test", "09:00:01 <alice> #chair bob 李娜"]
    topic = 0
    for n in range(len(out), lines - 1):
        seconds = 2 + n  # one line every second, from 09:00:02
        stamp = f"{9 + seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
        who = PEOPLE[n * 7 % len(PEOPLE)]
        if n % 400 == 2:
            topic += 1
            out.append(f"{stamp} <alice> #topic 议题 {topic}: release readiness")
        elif n % 50 == 7:
            out.append(f"{stamp} <{who}> #action {PEOPLE[n % 12]} and {PEOPLE[(n + 3) % 12]} to 整理第 {n} 项 by fri")
        elif n % 25 == 3:
            out.append(f"{stamp} <{who}> #info 第 {n} 条：支付 SDK 升级延期两周")
        elif n % 25 == 11:
            out.append(f"{stamp} <{who}> #idea ship item {n} behind a feature flag")
        elif n % 100 == 13:
            out.append(f"{stamp} <bob> #agreed 第 {n} 项按计划发布")
        elif n % 60 == 17:
            out.append(f"{stamp} <{who}> https://wiki.example.com/q3/{n}")
        elif n % 200 == 19:
            out.append(f"{stamp} <alice> #undo")
        elif n % 30 == 23:
            out.append(f"{stamp} * {who} nods")
        elif n % 45 == 29:
            out.append(f"{stamp} <relaybot> <matrix_{n % 5}> relayed from the bridge, line {n}")
        else:
            out.append(f"{stamp} <{who}> 普通聊天 line {n}: channel partners want the deck by Thursday")
    seconds = 2 + lines
    out.append(f"{9 + seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d} <alice> #endmeeting")
    return "\n".join(out) + "\n"


def timed(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    completed = subprocess.run(
        [sys.executable, "-m", "meetui.cli.main", *args], env=env, capture_output=True, text=True, check=False
    )
    elapsed = time.perf_counter() - start
    if completed.returncode != 0:
        raise SystemExit(f"meetui {' '.join(args)} failed: {completed.stderr.strip()}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    options = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="meetui-bench-meetbot-"))
    try:
        log = folder / "loadtest.2026-11-20-09.00.log.txt"
        log.write_text(generate(options.lines), encoding="utf-8")
        env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
        (folder / "empty").mkdir()  # `list --data` refuses a folder that does not exist (a typo is not a store)
        imports, lists = [], []
        for run in range(options.runs):
            imports.append(timed(["import", str(log), "--format", "meetbot", "--data", str(folder / f"s{run}")], env))
            lists.append(timed(["list", "--data", str(folder / "empty")], env))
        from meetui.store import Store

        meeting = Store(folder / "s0").load(Store(folder / "s0").summaries()[0].id)
        print(
            f"log: {options.lines} lines, {log.stat().st_size / 1024:.0f} KiB -> {len(meeting.topics)} topics, "
            f"{len(meeting.notes)} notes, {len(meeting.actions)} action items, {len(meeting.attendees)} people"
        )
        median_import, median_list = statistics.median(imports), statistics.median(lists)
        print(f"meetui import (meetbot): median {median_import * 1000:.0f} ms over {options.runs} runs")
        print(f"meetui list (empty store): median {median_list * 1000:.0f} ms over {options.runs} runs")
        print(f"ratio import / list: {median_import / median_list:.2f}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
