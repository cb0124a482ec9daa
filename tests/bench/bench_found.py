"""Benchmark: finding a query's hits in a meeting on the screen (``h`` / ``H`` after a search), as it grows.

Run it directly (it is not part of the test run)::

    python tests/bench/bench_found.py [--notes 3000] [--actions 500] [--rounds 15]

It builds one meeting in memory with ``--notes`` notes over 25 topics and
``--actions`` action items, 预算 in every one, and times
:func:`meetui.store.search.meeting_hits` (which reads only the searched fields
of the records) against the same search over the meeting's whole tables
(``tables_of``, a full dump of every record), taking turns round by round. It
prints the median of each and their ratio, measured in this one run. The hit
keys run it once per keypress, so its median is what a keypress costs beyond
drawing.
"""

from __future__ import annotations

import argparse
import statistics
import time

from meetui.core.clock import FrozenClock, SequentialIds
from meetui.core.meeting import LiveMeeting, new_meeting
from meetui.core.models import Meeting
from meetui.store.files import tables_of
from meetui.store.search import meeting_hits, search, text_entries


def big_meeting(notes: int, actions: int) -> Meeting:
    clock = FrozenClock("2026-11-20T09:30:00+08:00", tz="Asia/Shanghai")
    ids = SequentialIds("b")
    topics = [{"title": f"议题 {n}", "planned_minutes": 5} for n in range(25)]
    meeting = new_meeting("年度预算评审", clock, ids, topics=topics, attendees=[{"name": "李娜"}])
    live = LiveMeeting(meeting, clock, ids)
    live.start()
    per_topic = max(notes // 25, 1)
    for n in range(notes):
        live.add_note(f"第 {n} 条：预算与人力安排需要再评估")
        if n % per_topic == per_topic - 1 and n < notes - 1 and live.meeting.current_topic_id != meeting.agenda[-1].id:
            live.next_topic()
    for n in range(actions):
        live.add_action(f"核算第 {n} 项预算", "李娜")
    return meeting


def whole_tables(query: str, meeting: Meeting) -> int:
    return len(search(query, [(meeting.id, meeting.title, text_entries(tables_of(meeting)))], limit=1_000_000))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=3000)
    parser.add_argument("--actions", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    meeting = big_meeting(args.notes, args.actions)
    fields, whole = [], []
    for _ in range(args.rounds):
        start = time.perf_counter()
        found = len(meeting_hits("预算", meeting))
        fields.append(time.perf_counter() - start)
        start = time.perf_counter()
        assert whole_tables("预算", meeting) == found
        whole.append(time.perf_counter() - start)
    fast, slow = statistics.median(fields), statistics.median(whole)
    print(f"{found} hits in a meeting of {args.notes} notes and {args.actions} action items")
    print(f"meeting_hits (searched fields): median {fast * 1000:.1f} ms")
    print(f"whole tables (tables_of):       median {slow * 1000:.1f} ms")
    print(f"ratio whole / searched fields:  {slow / fast:.1f}×")


if __name__ == "__main__":
    main()
