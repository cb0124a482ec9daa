"""Benchmark: what one keystroke in the plan screen costs the UI thread, as the meeting grows.

Run it directly (it is not part of the test run)::

    python tests/bench/bench_plan.py [--keys 2000]

Each keystroke in a detail field runs :meth:`Plan.set_details`, the practice's checks
(:func:`meetui.core.checks.check`) and :meth:`Store.prepare` (the snapshot the writer thread takes to
disk). This measures that, key by key, for a small meeting (5 attendees, 3 topics) and a big one (200
attendees, 5 topics with materials), alternating between them so the load of the machine weighs on both
alike, and prints the median and 95th percentile of each and the ratio of the medians. Target: median
≤ 2 ms for the big meeting (well inside a 16 ms frame), ratio ≤ 5.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from meetui.core.checks import check
from meetui.core.clock import FrozenClock, SequentialIds
from meetui.core.meeting import new_meeting
from meetui.core.models import Meeting
from meetui.core.planning import Plan
from meetui.store import Store

CLOCK = FrozenClock("2026-11-20T09:30:00+08:00", tz="Asia/Shanghai")
GOAL = "本周五前确定一期范围、研发排期与验收标准，并为每个差距指定负责人"


def meeting(people: int, topics: int) -> Meeting:
    return new_meeting(
        "会员积分需求对接会",
        CLOCK,
        SequentialIds(f"b{people}"),
        scheduled_start="2026-12-01T10:00:00+08:00",
        host="王芳",
        note_taker="赵磊",
        place="5F 会议室",
        attendees=[
            {
                "name": f"参会人{i}",
                "department": f"部门{i % 7}",
                "role": "executor" if i else "decision-maker",
                "attendance": "declined" if i % 9 == 8 else "confirmed",
                "proxy": "代理人",
            }
            for i in range(people)
        ],
        topics=[
            {
                "title": f"议题{i}",
                "owner": f"参会人{i}",
                "planned_minutes": 10,
                "expected_output": "清单",
                "materials": [f"202611-议题{i}-材料_v1.{n}" for n in range(3)],
            }
            for i in range(topics)
        ],
    )


def keystroke(plan: Plan, store: Store, text: str) -> float:
    started = time.perf_counter()
    change = plan.set_details(goal=text)
    check(plan.meeting, CLOCK.now(), "zh")
    store.prepare(plan.meeting, change)
    return (time.perf_counter() - started) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--keys", type=int, default=2000)
    args = parser.parse_args()
    store = Store(Path(tempfile.mkdtemp(prefix="meetui-bench-")))
    small, big = Plan(meeting(5, 3)), Plan(meeting(200, 5))
    times: dict[str, list[float]] = {"small": [], "big": []}
    for n in range(args.keys):
        text = GOAL[: 1 + n % len(GOAL)]
        times["small"].append(keystroke(small, store, text))
        times["big"].append(keystroke(big, store, text))
    for name, values in times.items():
        values.sort()
        print(f"{name:>5}: median {statistics.median(values):.3f} ms, p95 {values[int(len(values) * 0.95)]:.3f} ms")
    print(f"ratio of medians (big / small): {statistics.median(times['big']) / statistics.median(times['small']):.2f}")


if __name__ == "__main__":
    main()
