"""Benchmark: the cost of committing one note, durable on disk, as the store grows.

Run it directly (it is not part of the test run)::

    python tests/bench/bench_store.py [--past 1000] [--commits 300]

It builds two stores in a temporary folder under /tmp (a real disk, not a RAM
disk, so fsync costs what it costs): one empty, one holding ``--past`` past
meetings with 50 notes and 20 action items each. In each store it then commits
notes one at a time with :meth:`Store.commit` (fsync included) to a fresh
meeting, alternating between the two stores commit by commit so that the load
of the machine and the state of the disk weigh on both alike, and prints the median and 95th-percentile latency of each
and the ratio of the medians. Target: ratio ≤ 1.1 and median ≤ 5 ms. The big
store is synced to disk before measuring, so that the kernel writing back the
freshly built store does not weigh on one side only. Absolute times depend on
what else the machine's disk is doing; the ratio does not, since both stores
take turns commit by commit.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from meetui.core.clock import FrozenClock, SequentialIds
from meetui.core.meeting import LiveMeeting, new_meeting
from meetui.core.models import Meeting
from meetui.store import Store

ZONE = "Asia/Shanghai"
START = dt.datetime(2022, 1, 3, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
TOPICS = ["发布日期与里程碑", "研发就绪度", "市场推广计划", "销售渠道培训", "风险与资源"]
PEOPLE = ["王芳", "李娜", "陈刚", "赵磊", "Priya Nair"]


def past_meeting(number: int) -> Meeting:
    """A finished meeting: five topics, 50 notes, 20 action items (about one a day from 2022)."""
    clock = FrozenClock(START + dt.timedelta(days=number * 1.4), ZONE)
    ids = SequentialIds(f"p{number:04d}x")
    meeting = new_meeting(
        f"第 {number} 次跨部门协调会",
        clock,
        ids,
        scheduled_start=clock.now(),
        topics=[{"title": title, "owner": PEOPLE[i]} for i, title in enumerate(TOPICS)],
        attendees=[{"name": name} for name in PEOPLE],
    )
    live = LiveMeeting(meeting, clock, ids)
    live.start()
    for n in range(50):
        if n and n % 10 == 0:
            live.next_topic()
        clock.advance(seconds=40)
        live.add_note(f"第 {n} 条记录：渠道培训需在发布前两周完成，研发确认支付 SDK 进度。", author=PEOPLE[n % 5])
        if n % 5 == 4 or n % 5 == 2:
            live.add_action(f"整理第 {n} 项跟进材料并同步各部门", PEOPLE[n % 5], due="+7d", deliverable="会议纪要附件")
    live.end()
    return meeting


def build_store(root: Path, past: int) -> Store:
    store = Store(root)
    for number in range(past):
        store.create(past_meeting(number))
    return store


def current_meeting(store: Store, tag: str) -> LiveMeeting:
    """A fresh live meeting, dated after every past one, ready to take notes."""
    clock = FrozenClock(START + dt.timedelta(days=1500), ZONE)
    ids = SequentialIds(f"now{tag}x")
    meeting = new_meeting(
        "本周发布协调会", clock, ids, scheduled_start=clock.now(), topics=[{"title": title} for title in TOPICS]
    )
    store.create(meeting)
    live = LiveMeeting(meeting, clock, ids)
    store.commit(meeting, live.start())
    return live


def commit_notes(store: Store, live: LiveMeeting, count: int, into: list[float]) -> None:
    for n in range(count):
        change = live.add_note(f"会上记录 {n}：市场部确认推广日期，销售部需要培训材料。")
        began = time.perf_counter()
        store.commit(live.meeting, change)
        into.append(time.perf_counter() - began)


def report(name: str, samples: list[float]) -> float:
    median = statistics.median(samples)
    p95 = statistics.quantiles(samples, n=20)[-1]
    print(f"{name:<28} median {median * 1000:6.2f} ms   p95 {p95 * 1000:6.2f} ms   ({len(samples)} commits)")
    return median


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--past", type=int, default=1000, help="past meetings in the big store")
    parser.add_argument("--commits", type=int, default=300, help="notes committed in each store")
    parser.add_argument("--block", type=int, default=1, help="commits in a row on one store before switching")
    parser.add_argument("--keep", action="store_true", help="keep the stores (their folder is printed)")
    args = parser.parse_args(argv)

    folder = Path(tempfile.mkdtemp(prefix="meetui-bench-", dir="/tmp"))
    try:
        began = time.perf_counter()
        big = build_store(folder / "big", args.past)
        files = sum(1 for _ in (folder / "big").rglob("*.json"))
        print(f"built a store of {args.past} past meetings ({files} files) in {time.perf_counter() - began:.1f} s")
        os.sync()  # measure a store at rest, not the kernel still writing back what was just built
        empty = Store(folder / "empty")
        live = {"empty": current_meeting(empty, "e"), "big": current_meeting(big, "b")}
        samples: dict[str, list[float]] = {"empty": [], "big": []}
        for block in range(max(args.commits // args.block, 1)):
            order = [("empty", empty), ("big", big)] if block % 2 == 0 else [("big", big), ("empty", empty)]
            for name, store in order:
                commit_notes(store, live[name], args.block, samples[name])
        median_empty = report("empty store", samples["empty"])
        median_big = report(f"store of {args.past} meetings", samples["big"])
        ratio = median_big / median_empty
        print(f"ratio of medians (big / empty): {ratio:.3f}")
        ok = ratio <= 1.1 and max(median_empty, median_big) <= 0.005
        print("target (ratio ≤ 1.1, median ≤ 5 ms):", "met" if ok else "MISSED")
        return 0 if ok else 1
    finally:
        if args.keep:
            print(f"stores kept in {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
