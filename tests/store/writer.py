"""A writer process for the crash and concurrency tests (not a test module).

    python writer.py DATA MEETING PREFIX [--count N] [--wait] [--clock]

Loads meeting MEETING from the store in DATA and commits records to it one at a
time through :meth:`Store.commit`, as the live screen does: mostly notes, every
fifth an action item (which also rewrites the meeting's index entry), and with
``--clock`` every seventh a start/pause of the clock (a change of the meeting's
own fields). Each record's id is printed on its own line, and flushed, only
after ``commit`` has returned: a printed id is a committed id. Runs until
killed, or for ``--count`` records. ``--wait`` waits for a line on stdin
first, so that several writers can be started together.
"""

from __future__ import annotations

import argparse
import sys

from meetui.core.clock import FrozenClock, SequentialIds
from meetui.core.meeting import LiveMeeting
from meetui.store import Store


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("data")
    parser.add_argument("meeting")
    parser.add_argument("prefix")
    parser.add_argument("--count", type=int, default=0, help="stop after this many records (0: never)")
    parser.add_argument("--wait", action="store_true", help="wait for a line on stdin before writing")
    parser.add_argument("--clock", action="store_true", help="also start and pause the clock")
    args = parser.parse_args()

    store = Store(args.data)
    meeting = store.load(args.meeting)
    clock = FrozenClock(meeting.created_at, meeting.timezone)
    live = LiveMeeting(meeting, clock, SequentialIds(args.prefix))
    if args.wait:
        sys.stdin.readline()
    written = steps = 0
    while not args.count or written < args.count:
        clock.advance(seconds=1)
        steps += 1
        if args.clock and steps % 7 == 0:
            store.commit(live.meeting, live.toggle_clock())
            continue
        if written % 5 == 4:
            change = live.add_action(f"{args.prefix} 的第 {written} 项跟进任务", "李娜", due="+3d")
        else:
            change = live.add_note(f"{args.prefix} 写入的第 {written} 条会议记录：研发确认进度。")
        store.commit(live.meeting, change)
        print(change.records[0].id, flush=True)
        written += 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
