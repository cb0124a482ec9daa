"""Benchmark of the live screen, three figures in one run: ``python tests/bench/bench_ui.py``.

How each figure is measured (all in a real terminal: tmux at 120×40, TERM=xterm-256color):

1. **Start-up.** Process spawn to the first *complete* frame of ``meetui run`` on
   the demo meeting, against a minimal Textual app with a Header and a Footer.
   "Complete" means the text that is drawn last is on the tmux screen: for
   meetui, the footer, the agenda's last topic and the actions table's header;
   for the minimal app, its title and the footer. Both are measured by the same
   poll loop (``tmux capture-pane`` as fast as it returns, about 2–4 ms), so the
   polling cost is in both and the ratio is fair. Median of several runs each.
2. **Keypress to frame.** A meeting of 50 topics, 2,000 notes and 300 action
   items, opened with ``meetui run``; the note field is focused, a line is
   typed, then the clock starts at ``tmux send-keys Enter`` and stops when the
   new note shows in the notes list (``HH:MM · <text>``). This includes tmux's
   own delivery and capture latency (a few ms), so it overstates meetui's part.
   p50/p95 over many notes.
3. **Memory.** Resident set size (``VmRSS``) of that meetui process after the
   notes were added.
"""

from __future__ import annotations

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

from meetui.core.clock import FrozenClock, SequentialIds, SystemClock
from meetui.core.meeting import LiveMeeting, new_meeting
from meetui.core.models import NoteKind
from meetui.importers.demo import demo_meeting
from meetui.store import Store

MEETUI = Path(sys.executable).with_name("meetui")
WIDTH, HEIGHT = 120, 40
STARTUP_RUNS = 7
KEYPRESSES = 80

BASELINE_APP = textwrap.dedent('''
    from textual.app import App
    from textual.widgets import Footer, Header

    class Baseline(App):
        TITLE = "BASELINE-READY"
        def compose(self):
            yield Header()
            yield Footer()

    Baseline().run()
''')


class Tmux:
    """A tmux session running one command (exec'd, so the pane's pid is the program's)."""

    def __init__(self, command: list[str], env: dict[str, str]) -> None:
        self.name = f"meetui-bench-{uuid.uuid4().hex[:8]}"
        exports = " ".join(f"{k}='{v}'" for k, v in env.items())
        line = f"exec env {exports} " + " ".join(f"'{c}'" for c in command)
        self.started = time.perf_counter()
        subprocess.run(["tmux", "new-session", "-d", "-s", self.name, "-x", str(WIDTH), "-y", str(HEIGHT), line],
                       check=True)

    def screen(self) -> str:
        return subprocess.run(["tmux", "capture-pane", "-p", "-t", self.name], capture_output=True,
                              text=True).stdout

    def wait_for(self, *texts: str, timeout: float = 30.0) -> float:
        """Seconds from now until every text is on screen."""
        start = time.perf_counter()
        while time.perf_counter() - start < timeout:
            shown = self.screen()
            if all(t in shown for t in texts):
                return time.perf_counter() - start
        raise RuntimeError(f"never saw {texts}:\n{self.screen()}")

    def keys(self, *keys: str, literal: bool = False) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.name, *(["-l"] if literal else []), *keys], check=True)

    def pid(self) -> int:
        out = subprocess.run(["tmux", "display-message", "-p", "-t", self.name, "#{pane_pid}"],
                             capture_output=True, text=True, check=True).stdout
        return int(out.strip())

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True)


def environment(config: Path) -> dict[str, str]:
    return {"TERM": "xterm-256color", "LANG": "C.UTF-8", "MEETUI_CONFIG": str(config),
            "PATH": os.environ.get("PATH", "")}


def time_to_frame(command: list[str], markers: tuple[str, ...], env: dict[str, str]) -> float:
    terminal = Tmux(command, env)
    try:
        terminal.wait_for(*markers)
        return time.perf_counter() - terminal.started
    finally:
        terminal.close()


def big_meeting(store: Store) -> str:
    """50 topics, 2,000 notes (40 a topic, Chinese), 300 action items; the clock running on topic 50."""
    clock = SystemClock("Asia/Shanghai")
    attendees = [{"name": name} for name in ("王芳", "李娜", "陈刚", "Alice Wang", "Sam Carter")]
    topics = [{"title": f"议题 {n:02d} Topic {n}", "planned_minutes": 2} for n in range(50)]
    meeting = new_meeting("大型会议 Big meeting", clock, SequentialIds("b"), attendees=attendees, topics=topics,
                          planned_minutes=100, timezone="Asia/Shanghai")
    live = LiveMeeting(meeting, clock, SequentialIds("n"))
    live.start()
    for topic in meeting.agenda:
        live.goto_topic(topic.id)
        for n in range(40):
            live.add_note(f"{topic.title} 的第 {n} 条笔记：讨论内容", NoteKind.INFO)
        for n in range(6):
            live.add_action(f"{topic.title} 任务 {n}", attendees[n % 5]["name"], due="+7d")
    store.create(meeting)
    return meeting.id


def main() -> None:
    if shutil.which("tmux") is None:
        sys.exit("the benchmark needs tmux")
    work = Path(tempfile.mkdtemp(prefix="meetui-bench-"))
    try:
        env = environment(work / "config.toml")
        store = Store(work / "data")
        demo = demo_meeting(FrozenClock("2026-11-20T09:30:00+08:00", tz="Asia/Shanghai"))
        store.create(demo)
        baseline = work / "baseline.py"
        baseline.write_text(BASELINE_APP, encoding="utf-8")

        # warm the file caches once, unmeasured
        time_to_frame([sys.executable, str(baseline)], ("BASELINE-READY", "palette"), env)
        time_to_frame([str(MEETUI), "--data", str(store.root), "run", demo.id], ("palette",), env)
        base_times, meetui_times = [], []
        for _ in range(STARTUP_RUNS):
            base_times.append(time_to_frame([sys.executable, str(baseline)], ("BASELINE-READY", "palette"), env))
            meetui_times.append(time_to_frame([str(MEETUI), "--data", str(store.root), "run", demo.id],
                                              ("5. 风险与资源", "Status", "palette", "0/5 done"), env))
        base, ours = statistics.median(base_times), statistics.median(meetui_times)
        print(f"(1) start-up to first complete frame (median of {STARTUP_RUNS}): meetui run demo {ours * 1000:.0f} ms, "
              f"minimal Textual app {base * 1000:.0f} ms, ratio {ours / base:.2f} (target ≤ 1.3)")

        big_id = big_meeting(store)
        terminal = Tmux([str(MEETUI), "--data", str(store.root), "run", big_id], env)
        try:
            terminal.wait_for("palette", "Status", "议题 49")
            terminal.keys("i")
            time.sleep(0.3)
            latencies = []
            for n in range(KEYPRESSES):
                text = f"新笔记{n:04d}"
                terminal.keys(text, literal=True)
                terminal.wait_for(text)
                start = time.perf_counter()
                terminal.keys("Enter")
                terminal.wait_for(f"· {text}")
                latencies.append(time.perf_counter() - start)
            latencies.sort()
            p50 = statistics.median(latencies)
            p95 = latencies[int(0.95 * (len(latencies) - 1))]
            print(f"(2) keypress to frame, adding a note (50 topics, 2,000 notes, 300 actions; {KEYPRESSES} notes, "
                  f"through tmux): p50 {p50 * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms, max {latencies[-1] * 1000:.1f} ms "
                  f"(target p95 ≤ 33 ms)")
            status = Path(f"/proc/{terminal.pid()}/status").read_text()
            rss_kb = int(next(line for line in status.splitlines() if line.startswith("VmRSS")).split()[1])
            print(f"(3) resident memory of that screen: {rss_kb / 1024:.0f} MiB")
            terminal.keys("C-q")
        finally:
            terminal.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
