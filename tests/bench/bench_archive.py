"""Benchmark of the follow-through on a years-long archive: ``python tests/bench/bench_archive.py``.

Two stores are built in one run: 1,000 past meetings and 10 (each 5 topics, 50
notes, 20 action items; in all but the newest 10 meetings 18 of the 20 items
are done). Every figure is the median of ``--runs`` runs, measured the same
way on both stores in the same run, and printed with the ratio:

1. ``meetui actions --format json``, ``meetui list``, ``meetui show last`` and
   ``meetui minutes last``: process spawn to exit (output to a pipe, read whole).
2. A copied store's first ``meetui list`` against a warm one (same store): the
   copy made with ``cp -r`` (new inodes and new modification times: the worst
   case, entries checked by digest) and with ``cp -a`` (times kept).
3. Search for a word that occurs in 1 % of the notes: in-process (a fresh
   ``Store`` and ``search``, reading the text pack), in seconds; and as a
   process (start, import, search, exit), the ratio.
4. The home screen (``meetui`` with no argument) in tmux at 120×40: process
   spawn until the open items are on screen (the key line and the sub-title's
   "open action items"), against a minimal Textual app (Header and Footer) in
   the same way, and against the floor with this stack (the same data read
   through meetui's store into Textual's own widgets, no meetui screen code);
   and the peak resident memory (``VmHWM``) of the home screen process once it
   shows them.

Targets (the issue): ``actions`` ratio ≤ 2; home first frame ratio ≤ 1.3 and
≤ 2× a minimal app on 1,000 meetings; ``list``, ``show last``, ``minutes last``
≤ 1.3; a copied store's first ``list`` ≤ 1.5× a warm one; search ≤ 1 s and
ratio ≤ 2; home peak memory ≤ 1.5× the 10-meeting store's.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import uuid
from pathlib import Path

from meetui.core.clock import FrozenClock, SequentialIds
from meetui.core.meeting import LiveMeeting, new_meeting
from meetui.core.models import Meeting
from meetui.store import Store

ZONE = "Asia/Shanghai"
START = dt.datetime(2022, 1, 3, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
TOPICS = ["发布日期与里程碑", "研发就绪度", "市场推广计划", "销售渠道培训", "风险与资源"]
PEOPLE = ["王芳", "李娜", "陈刚", "赵磊", "Priya Nair"]
#: In note 7 of every other meeting: 1 % of all notes.
RARE = "量子加密"
WIDTH, HEIGHT = 120, 40

BASELINE_APP = textwrap.dedent("""
    from textual.app import App
    from textual.widgets import Footer, Header

    class Baseline(App):
        TITLE = "BASELINE-READY"

        def compose(self):
            yield Header()
            yield Footer()

    Baseline().run()
""")


#: The floor of the home screen's first frame with this stack: the same data read the same way (the index's meeting
#: and open-item packs, through meetui's store), shown in Textual's own widgets (a header, two DataTables of the
#: rows that fit, a footer) with none of meetui's screen code. It waits for the data before its first frame, as the
#: figure waits for the open items.
FLOOR_APP = textwrap.dedent("""
    import os
    import sys

    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    from meetui import startup

    startup.pause()
    from meetui.store import Store

    rows = Store(os.environ["MEETUI_DATA"]).entries("meeting", "open")
    meetings = sorted((r.parts["meeting"] for r in rows), key=lambda m: m.get("created_at") or "", reverse=True)
    items = sorted((a for r in rows for a in r.parts["open"]), key=lambda a: (a["owner"], a["due"] or ""))

    from textual.app import App
    from textual.widgets import DataTable, Footer, Header

    class Floor(App):
        TITLE = "FLOOR"

        def compose(self):
            yield Header()
            yield DataTable(id="meetings")
            yield DataTable(id="items")
            yield Footer()

        def on_mount(self):
            self.sub_title = f"{len(meetings)} meetings · {len(items)} open action items"
            table = self.query_one("#meetings", DataTable)
            table.add_columns("When", "Meeting")
            table.add_rows([m.get("scheduled_start") or "", m["title"]] for m in meetings[:80])
            table = self.query_one("#items", DataTable)
            table.add_columns("ID", "Task", "Due", "Status")
            table.add_rows([a["id"], a["task"], a["due"] or "", a["status"]] for a in items[:80])

    Floor().run()
""")


def past_meeting(number: int, total: int) -> Meeting:
    clock = FrozenClock(START + dt.timedelta(days=number * 1.4), ZONE)
    ids = SequentialIds(f"a{number:04d}x")
    meeting = new_meeting(
        f"第 {number} 次跨部门协调会",
        clock,
        ids,
        scheduled_start=clock.now(),
        planned_minutes=40,
        topics=[{"title": title, "owner": PEOPLE[i]} for i, title in enumerate(TOPICS)],
        attendees=[{"name": name, "department": f"部门{i}"} for i, name in enumerate(PEOPLE)],
    )
    live = LiveMeeting(meeting, clock, ids)
    live.start()
    for n in range(50):
        if n and n % 10 == 0:
            live.next_topic()
        clock.advance(seconds=55)
        rare = f" {RARE}方案待评估" if n == 7 and number % 2 == 0 else ""
        live.add_note(f"第 {n} 条记录：渠道培训需在发布前两周完成，研发确认支付 SDK 进度。{rare}", author=PEOPLE[n % 5])
    for n in range(20):
        item = live.add_action(
            f"整理第 {n} 项跟进材料并同步各部门", PEOPLE[n % 5], due="+7d", deliverable="会议纪要附件"
        ).records[0]
        if number < total - 10 and n >= 2:
            live.set_action_status(item.id, "done")
    live.end()
    return meeting


def build(root: Path, count: int) -> Store:
    store = Store(root)
    for number in range(count):
        store.create(past_meeting(number, count))
    return store


def env_for(root: Path, config: Path) -> dict[str, str]:
    return {
        **os.environ,
        "MEETUI_DATA": str(root),
        "MEETUI_CONFIG": str(config),
        "LANG": "C.UTF-8",
        "TERM": "xterm-256color",
    }


def timed(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "meetui.cli.main", *args], env=env, capture_output=True)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise RuntimeError(f"meetui {' '.join(args)} failed: {done.stderr.decode()}")
    return elapsed


FLOOR = (
    "import json, sys\n"
    "head, _, body = open(sys.argv[1], 'rb').read().partition(b'\\n')\n"
    "items = [a for e in json.loads(body).values() for a in e['value']]\n"
    "sys.stdout.write(json.dumps(items, ensure_ascii=False))\n"
)


def json_floor(root: Path) -> float:
    """The floor under ``actions --format json``: a bare interpreter decoding the actions pack and encoding the
    items again, nothing else (no meetui import, no checks, no sorting)."""
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", FLOOR, str(root / "index" / "actions.pack.json")], check=True, capture_output=True
    )
    return time.perf_counter() - start


def median(runs: int, measure) -> float:  # noqa: ANN001
    return statistics.median(measure() for _ in range(runs))


class Tmux:
    def __init__(self, command: list[str], env: dict[str, str]) -> None:
        self.name = f"meetui-archive-{uuid.uuid4().hex[:8]}"
        self.tmux = ["tmux", "-L", self.name]
        exports = " ".join(
            f"{k}='{v}'"
            for k, v in env.items()
            if k in {"MEETUI_DATA", "MEETUI_CONFIG", "LANG", "TERM", "PATH", "HOME"}
        )
        line = f"exec env {exports} " + " ".join(f"'{c}'" for c in command)
        self.started = time.perf_counter()
        subprocess.run(
            [*self.tmux, "new-session", "-d", "-s", self.name, "-x", str(WIDTH), "-y", str(HEIGHT), line], check=True
        )

    def wait_for(self, *texts: str, timeout: float = 60.0) -> float:
        while time.perf_counter() - self.started < timeout:
            shown = subprocess.run(
                [*self.tmux, "capture-pane", "-p", "-t", self.name], capture_output=True, text=True
            ).stdout
            if all(t in shown for t in texts):
                return time.perf_counter() - self.started
        raise RuntimeError(f"never saw {texts}")

    def peak_memory_kib(self) -> int:
        pid = int(
            subprocess.run(
                [*self.tmux, "display-message", "-p", "-t", self.name, "#{pane_pid}"],
                capture_output=True,
                text=True,
                check=True,
            ).stdout.strip()
        )
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
        return 0

    def close(self) -> None:
        subprocess.run([*self.tmux, "kill-server"], capture_output=True)


def home_frame(env: dict[str, str]) -> tuple[float, int]:
    terminal = Tmux([sys.executable, "-m", "meetui.cli.main"], env)
    try:
        seconds = terminal.wait_for("open action items", "search")
        time.sleep(0.3)
        return seconds, terminal.peak_memory_kib()
    finally:
        terminal.close()


def baseline_frame(work: Path, env: dict[str, str]) -> float:
    script = work / "baseline.py"
    script.write_text(BASELINE_APP, encoding="utf-8")
    terminal = Tmux([sys.executable, str(script)], env)
    try:
        return terminal.wait_for("BASELINE-READY", "^p")
    finally:
        terminal.close()


def floor_frame(work: Path, env: dict[str, str]) -> float:
    script = work / "floor.py"
    script.write_text(FLOOR_APP, encoding="utf-8")
    terminal = Tmux([sys.executable, str(script)], env)
    try:
        return terminal.wait_for("open action items", "^p")
    finally:
        terminal.close()


def search_seconds(root: Path) -> tuple[float, int]:
    """In-process: a fresh store, then the search (reading the text pack)."""
    start = time.perf_counter()
    hits = Store(root).search(RARE, limit=100_000)
    return time.perf_counter() - start, len(hits)


SEARCH = "import sys\nfrom meetui.store import Store\nprint(len(Store(sys.argv[1]).search(sys.argv[2], limit=100_000)))"


def search_process(root: Path) -> float:
    """As a command would: a process that imports the store, searches and exits."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", SEARCH, str(root), RARE], check=True, capture_output=True)
    return time.perf_counter() - start


def line(name: str, big: float, small: float, target: str, unit: str = "s") -> None:
    print(f"{name:<34} {big:8.3f}{unit}  vs {small:8.3f}{unit}   ratio {big / small:5.2f}   (target {target})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--meetings", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="keep the stores (printed) for another run")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="meetui-archive-"))
    config = work / "config.toml"
    try:
        began = time.perf_counter()
        big, small = work / "big", work / "small"
        build(big, args.meetings)
        build(small, 10)
        print(f"built {args.meetings} + 10 meetings in {time.perf_counter() - began:.0f} s ({work})")
        for root in (big, small):  # warm: every pack written once
            Store(root).search(RARE)
            Store(root).action_docs()
            Store(root).summaries()
        envs = {"big": env_for(big, config), "small": env_for(small, config)}
        print(f"\n{'figure':<34} {args.meetings:>5} meetings  vs   10 meetings")
        measured = {}
        for name, command, target in [
            ("actions --format json", ["actions", "--format", "json"], "≤ 2"),
            ("list", ["list"], "≤ 1.3"),
            ("show last", ["show", "last"], "≤ 1.3"),
            ("minutes last", ["minutes", "last"], "≤ 1.3"),
        ]:
            measured[name] = (
                median(args.runs, lambda c=command: timed(c, envs["big"])),
                median(args.runs, lambda c=command: timed(c, envs["small"])),
            )
            line(name, *measured[name], target)

        floor_big = median(args.runs, lambda: json_floor(big))
        floor_small = median(args.runs, lambda: json_floor(small))
        line("  floor: decode + encode the JSON", floor_big, floor_small, "reference")
        # `actions --format json` prints every item: on 1,000 meetings 100 times the items of 10. Whatever meetui
        # does, it starts as it does on 10 meetings and then at least decodes and encodes the extra items: the
        # best ratio reachable is that sum over its 10-meeting time.
        ours_small = measured["actions --format json"][1]
        best = (ours_small + floor_big - floor_small) / ours_small
        print(
            f"  floor of the ratio: the 10-meeting run plus the bare decode + encode of the extra items: {best:.2f} "
            f"(meetui: {measured['actions --format json'][0] / ours_small:.2f})"
        )

        warm = median(args.runs, lambda: timed(["list"], envs["big"]))
        copies = []
        for how, flags in (("cp -r", ["-r"]), ("cp -a", ["-a"])):
            firsts = []
            for _ in range(max(args.runs // 2, 1)):
                copy = work / f"copy-{uuid.uuid4().hex[:6]}"
                subprocess.run(["cp", *flags, str(big), str(copy)], check=True)
                firsts.append(timed(["list"], env_for(copy, config)))
                shutil.rmtree(copy)
            copies.append((how, statistics.median(firsts)))
        for how, first in copies:
            line(f"copied store ({how}) first list", first, warm, "≤ 1.5 × warm")

        big_search = [search_seconds(big) for _ in range(args.runs)]
        small_search = [search_seconds(small) for _ in range(args.runs)]
        seconds = statistics.median(s for s, _ in big_search)
        line(
            f"search {RARE!r} in-process ({big_search[0][1]} hits)",
            seconds,
            statistics.median(s for s, _ in small_search),
            "≤ 1 s",
        )
        line(
            "search as a process",
            median(args.runs, lambda: search_process(big)),
            median(args.runs, lambda: search_process(small)),
            "≤ 2",
        )

        if shutil.which("tmux"):
            homes = {name: [home_frame(env) for _ in range(args.runs)] for name, env in envs.items()}
            baseline = median(args.runs, lambda: baseline_frame(work, envs["small"]))
            first_big = statistics.median(s for s, _ in homes["big"])
            first_small = statistics.median(s for s, _ in homes["small"])
            line("home: first frame with open items", first_big, first_small, "≤ 1.3")
            line("home vs a minimal Textual app", first_big, baseline, "≤ 2")
            floor = median(args.runs, lambda: floor_frame(work, envs["big"]))
            line("  floor: the same data in Textual's widgets", floor, baseline, "reference")
            print(f"  home on 1,000 meetings is {first_big / floor:.2f}× that floor")
            memory_big = statistics.median(m for _, m in homes["big"]) / 1024
            memory_small = statistics.median(m for _, m in homes["small"]) / 1024
            line("home: peak memory (VmHWM)", memory_big, memory_small, "≤ 1.5", unit="MB")
        else:
            print("tmux not found: home screen figures skipped")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
