"""Benchmark of the live screen, three figures in one run: ``python tests/bench/bench_ui.py``.

How each figure is measured (all in a real terminal: tmux at 120×40, TERM=xterm-256color):

1. **Start-up.** Process spawn to the first *complete* frame of ``meetui run`` on
   the demo meeting, against a minimal Textual app with a Header and a Footer.
   "Complete" means the text that is drawn last is on the tmux screen: for
   meetui, the footer, the agenda's last topic and the actions table's header;
   for the minimal app, its title and the footer. Both are measured by the same
   poll loop (``tmux capture-pane`` as fast as it returns, about 2–4 ms), so the
   polling cost is in both and the ratio is fair. The runs go in rounds, each timing every app once, back to
   back; a ratio is the median over the rounds of that round's time over the minimal app's in the same round.
   This machine's speed drifts by 10–20 % from one minute to the next (a shared virtual machine): timed
   seconds apart, the two runs of a round share that drift, where the medians of times taken over the
   whole run would not (three runs of the same code gave 1.35, 1.51 and 1.60 that way). The spread of the
   rounds' ratios (first to third quartile) is printed with it. Two more apps are timed in the
   same runs: the minimal app after loading the meeting through meetui's store (the data layer's share), and
   the floor with this stack: the live screen's widgets, filled from the same meeting, with no meetui code.
2. **Keypress to frame.** A meeting of 50 topics, 2,000 notes and 300 action
   items, opened with ``meetui run`` (the real command line, through a probe
   described below); the note field is focused, a line is typed, and after a
   short pause (``--pause``, as a person would take before pressing ``enter``)
   ``enter`` adds it as a note. Two figures per note, p50/p95/max over
   ``--notes`` notes:

   * **end to end**: from handing ``enter`` to tmux until tmux hands on the
     app's output that draws the new note (``· <text>``). Both ends go through
     one ``tmux -C`` control-mode client: keys are sent as commands on its
     stdin (no process spawned per key), and the pane's output arrives as
     ``%output`` lines, timestamped by a reader thread the moment they arrive.
     Nothing is polled, so there is no sampling granularity; tmux's own
     delivery (a millisecond or two) is included. (The first version of this
     script polled ``tmux capture-pane``, a process spawn of 2–4 ms per poll,
     and spawned ``tmux send-keys`` for the key; reading the control client's
     output unbuffered, byte by byte, also added several milliseconds. Each
     overstated latency and added jitter.)
   * **in the app**: from the moment Textual's input thread has parsed the
     ``enter`` key to the moment the frame drawing the note has been written
     and flushed to the terminal by Textual's output thread. The probe gets
     these times by wrapping ``LinuxDriver.process_message`` and the file
     handed to Textual's ``WriterThread`` (private Textual API, used only in
     this harness, never in meetui). Run with ``--probe``, this script is that
     probe: it installs the wrappers and then runs ``meetui.cli.main.main``
     with the given arguments, exactly as the ``meetui`` command does.

   The difference between the two is tmux and the pipes between them.
3. **Memory.** Resident set size (``VmRSS``) of that meetui process after the
   notes were added.

``--skip-startup`` runs only (2) and (3); ``--startup-only`` only (1).
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import threading
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
STARTUP_RUNS = 21
KEYPRESSES = 120
PAUSE = 0.25
NOTE_PREFIX = "新笔记"
NOTE_SHOWN = re.compile(f"· {NOTE_PREFIX}(\\d{{4}})".encode())

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

#: The minimal app, after loading the meeting through meetui's store as ``meetui run`` does (pydantic validation
#: included, with meetui's start-up settings: no pydantic plugin scan, the collector paused until the end): the part of
#: the start-up that is the data layer's, not the screen's.
LOADED_BASELINE_APP = textwrap.dedent("""
    import os
    import sys
    from pathlib import Path

    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")  # as meetui does
    from meetui import startup

    startup.skip_plugin_scan()  # as meetui does
    startup.pause()
    from meetui.store import Store

    meeting = Store(Path(sys.argv[1])).load(sys.argv[2])
""") + BASELINE_APP.replace("BASELINE-READY", "LOADED-READY")

#: The floor of figure (1) with this stack: the live screen's layout built from the same Textual widgets (a header,
#: a bordered clock, the agenda and actions as DataTables, the notes as an OptionList and an Input, a footer), filled
#: from the same meeting loaded the same way, with none of meetui's own code on screen. meetui cannot start faster
#: than this without dropping widgets or the validation of what it reads.
FLOOR_APP = textwrap.dedent("""
    import os
    import sys
    from pathlib import Path

    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    from meetui import startup

    startup.skip_plugin_scan()  # as meetui does
    startup.pause()
    from meetui.store import Store

    meeting = Store(Path(sys.argv[1])).load(sys.argv[2])

    from textual.app import App
    from textual.containers import Horizontal, Vertical
    from textual.widgets import DataTable, Footer, Header, Input, Label, OptionList, Static

    class Floor(App):
        CSS = \"""
        #top { height: 1fr; }
        #left { width: 1fr; }
        #clock { height: 6; border: round $primary; }
        #agenda, #notes, #actions { border: round $primary; }
        #agenda { height: 1fr; }
        #notes { width: 1fr; }
        #note-list { height: 1fr; }
        #actions { height: 12; }
        \"""

        def compose(self):
            yield Header()
            with Horizontal(id="top"):
                with Vertical(id="left"):
                    yield Static(meeting.title, id="clock")
                    yield DataTable(id="agenda", cursor_type="row")
                with Vertical(id="notes"):
                    yield Label("")
                    yield OptionList(id="note-list")
                    yield Input(placeholder="note")
            yield DataTable(id="actions", cursor_type="row")
            yield Footer()

        def on_mount(self):
            self.title = meeting.title
            agenda = self.query_one("#agenda", DataTable)
            agenda.add_columns("", "Topic", "Act/Plan")
            agenda.add_rows(["", f"{n}. {t.title}", f"—/{t.planned_minutes}"] for n, t in enumerate(meeting.agenda, 1))
            agenda.border_subtitle = f"0/{len(meeting.topics)} done"
            actions = self.query_one("#actions", DataTable)
            actions.add_columns("ID", "Task", "Owner", "Due", "Status")
            actions.add_rows([a.id, a.task, a.owner, str(a.due or ""), a.status.value] for a in meeting.actions)

    Floor().run()
""")


class Tmux:
    """A tmux session running one command (exec'd, so the pane's pid is the program's).

    Each session has a tmux server of its own (``-L``): a new session on the shared default server could reach it
    while it was still shutting down after the previous one and fail.
    """

    def __init__(self, command: list[str], env: dict[str, str]) -> None:
        self.name = f"meetui-bench-{uuid.uuid4().hex[:8]}"
        self.tmux = ["tmux", "-L", self.name]
        exports = " ".join(f"{k}='{v}'" for k, v in env.items())
        line = f"exec env {exports} " + " ".join(f"'{c}'" for c in command)
        self.started = time.perf_counter()
        subprocess.run(
            [*self.tmux, "new-session", "-d", "-s", self.name, "-x", str(WIDTH), "-y", str(HEIGHT), line], check=True
        )

    def screen(self) -> str:
        return subprocess.run(
            [*self.tmux, "capture-pane", "-p", "-t", self.name], capture_output=True, text=True
        ).stdout

    def wait_for(self, *texts: str, timeout: float = 30.0) -> float:
        """Seconds from now until every text is on screen."""
        start = time.perf_counter()
        while time.perf_counter() - start < timeout:
            shown = self.screen()
            if all(t in shown for t in texts):
                return time.perf_counter() - start
        raise RuntimeError(f"never saw {texts}:\n{self.screen()}")

    def keys(self, *keys: str, literal: bool = False) -> None:
        subprocess.run([*self.tmux, "send-keys", "-t", self.name, *(["-l"] if literal else []), *keys], check=True)

    def pid(self) -> int:
        out = subprocess.run(
            [*self.tmux, "display-message", "-p", "-t", self.name, "#{pane_pid}"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        return int(out.strip())

    def close(self) -> None:
        subprocess.run([*self.tmux, "kill-server"], capture_output=True)


_OCTAL = re.compile(rb"\\([0-7]{3})")


class Control:
    """A ``tmux -C`` control-mode client of one session (on its own server, named like it): send keys, see the
    pane's output as it comes."""

    def __init__(self, session: str) -> None:
        self.session = session
        # Buffered: the pane's output comes as long lines, which an unbuffered pipe would read byte by byte.
        self.process = subprocess.Popen(
            ["tmux", "-L", session, "-C", "attach-session", "-t", session],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )
        self.output: queue.Queue[tuple[float, bytes]] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            arrived = time.perf_counter()
            if line.startswith(b"%output "):
                data = line.rstrip(b"\n").split(b" ", 2)[2] if line.count(b" ") >= 2 else b""
                self.output.put((arrived, _OCTAL.sub(lambda m: bytes([int(m[1], 8)]), data)))

    def send(self, *keys: str, literal: bool = False) -> float:
        """Send keys (no spaces or quotes in them); returns the moment the command was handed to tmux."""
        assert self.process.stdin is not None
        command = f"send-keys -t {self.session} {'-l ' if literal else ''}{' '.join(keys)}\n".encode()
        sent = time.perf_counter()
        self.process.stdin.write(command)
        self.process.stdin.flush()
        return sent

    def drain(self) -> None:
        while not self.output.empty():
            self.output.get_nowait()

    def wait_for(self, pattern: bytes, timeout: float = 10.0) -> float:
        """The arrival time of the first output containing ``pattern`` (chunks may split it)."""
        tail = b""
        deadline = time.perf_counter() + timeout
        while True:
            arrived, chunk = self.output.get(timeout=max(deadline - time.perf_counter(), 0.001))
            seen = tail + chunk
            if pattern in seen:
                return arrived
            tail = seen[-(len(pattern) + 16) :]

    def close(self) -> None:
        try:
            assert self.process.stdin is not None
            self.process.stdin.close()
        except OSError:
            pass
        self.process.terminate()
        self.process.wait(5)


def environment(config: Path) -> dict[str, str]:
    return {
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
        "MEETUI_CONFIG": str(config),
        "PATH": os.environ.get("PATH", ""),
    }


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
    meeting = new_meeting(
        "大型会议 Big meeting",
        clock,
        SequentialIds("b"),
        attendees=attendees,
        topics=topics,
        planned_minutes=100,
        timezone="Asia/Shanghai",
    )
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


# -- the probe: runs inside the tmux pane ------------------------------------------------------------


def probe(results: Path, argv: list[str]) -> int:
    """Run ``meetui`` with timing wrappers around Textual's input and output threads; save the times."""
    from textual import events
    from textual.drivers._writer_thread import WriterThread
    from textual.drivers.linux_driver import LinuxDriver

    from meetui.cli.main import main as meetui_main

    enters: list[float] = []
    shown: dict[int, float] = {}
    process_message = LinuxDriver.process_message

    def timed_process_message(self: LinuxDriver, message: object) -> None:
        if isinstance(message, events.Key) and message.key == "enter":
            enters.append(time.perf_counter())
        process_message(self, message)  # type: ignore[arg-type]

    class TimedFile:
        """The terminal file as Textual's output thread sees it; notes the flush that shows each note."""

        def __init__(self, file: object) -> None:
            self._file = file
            self._written: list[str] = []

        def write(self, text: str) -> None:
            self._file.write(text)  # type: ignore[attr-defined]
            self._written.append(text)

        def flush(self) -> None:
            self._file.flush()  # type: ignore[attr-defined]
            flushed = time.perf_counter()
            frame = "".join(self._written).encode()
            self._written.clear()
            for match in NOTE_SHOWN.finditer(frame):
                shown.setdefault(int(match[1]), flushed)

        def __getattr__(self, name: str) -> object:
            return getattr(self._file, name)

    writer_init = WriterThread.__init__

    def timed_writer_init(self: WriterThread, file: object) -> None:
        writer_init(self, TimedFile(file))  # type: ignore[arg-type]

    LinuxDriver.process_message = timed_process_message  # type: ignore[method-assign]
    WriterThread.__init__ = timed_writer_init  # type: ignore[method-assign]
    try:
        return meetui_main(argv)
    finally:
        results.write_text(json.dumps({"enters": enters, "shown": shown}), encoding="utf-8")


# -- the measurements ------------------------------------------------------------------------------


def percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[int(0.95 * (len(ordered) - 1))]
    return f"p50 {statistics.median(ordered) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms, max {ordered[-1] * 1000:.1f} ms"


def measure_startup(store: Store, work: Path, env: dict[str, str]) -> None:
    import compileall

    import meetui

    # Start from bytecode, as after `pip install`: in a shell with PYTHONDONTWRITEBYTECODE set, meetui's modules
    # would otherwise be compiled from source at every start, and that is what would be measured.
    compileall.compile_dir(Path(meetui.__file__).parent, quiet=1)
    demo = demo_meeting(FrozenClock("2026-11-20T09:30:00+08:00", tz="Asia/Shanghai"))
    store.create(demo)
    baseline = work / "baseline.py"
    baseline.write_text(BASELINE_APP, encoding="utf-8")

    # warm the file caches once, unmeasured
    time_to_frame([sys.executable, str(baseline)], ("BASELINE-READY", "palette"), env)
    time_to_frame([str(MEETUI), "--data", str(store.root), "run", demo.id], ("palette",), env)
    loaded = work / "loaded_baseline.py"
    loaded.write_text(LOADED_BASELINE_APP, encoding="utf-8")
    floor = work / "floor.py"
    floor.write_text(FLOOR_APP, encoding="utf-8")
    floor_markers = ("5. 风险与资源", "Status", "palette", "0/5 done")
    time_to_frame([sys.executable, str(floor), str(store.root), demo.id], floor_markers, env)
    base_times, meetui_times, loaded_times, floor_times = [], [], [], []
    for _ in range(STARTUP_RUNS):
        base_times.append(time_to_frame([sys.executable, str(baseline)], ("BASELINE-READY", "palette"), env))
        meetui_times.append(
            time_to_frame(
                [str(MEETUI), "--data", str(store.root), "run", demo.id],
                ("5. 风险与资源", "Status", "palette", "0/5 done"),
                env,
            )
        )
        loaded_times.append(
            time_to_frame([sys.executable, str(loaded), str(store.root), demo.id], ("LOADED-READY", "palette"), env)
        )
        floor_times.append(time_to_frame([sys.executable, str(floor), str(store.root), demo.id], floor_markers, env))
    base = statistics.median(base_times)
    ours, ours_spread = paired_ratio(meetui_times, base_times)
    with_data, _ = paired_ratio(loaded_times, base_times)
    same_widgets, floor_spread = paired_ratio(floor_times, base_times)
    print(
        f"(1) start-up to first complete frame ({STARTUP_RUNS} rounds): meetui run demo "
        f"{statistics.median(meetui_times) * 1000:.0f} ms, minimal Textual app {base * 1000:.0f} ms (medians); "
        f"ratio {ours:.2f} ({ours_spread}; target ≤ 1.5)"
    )
    print(
        f"    for reference, the minimal app after loading the demo meeting through meetui's store (pydantic "
        f"validation included): {statistics.median(loaded_times) * 1000:.0f} ms, ratio {with_data:.2f}"
    )
    print(
        f"    the floor with this stack, the same widgets filled from the same meeting with no meetui code on screen: "
        f"{statistics.median(floor_times) * 1000:.0f} ms, ratio {same_widgets:.2f} ({floor_spread}); "
        f"meetui is {paired_ratio(meetui_times, floor_times)[0]:.2f}× it"
    )


def paired_ratio(times: list[float], base_times: list[float]) -> tuple[float, str]:
    """The median over the rounds of ``times[i] / base_times[i]``, and the first and third quartiles as text."""
    ratios = sorted(ours / base for ours, base in zip(times, base_times, strict=True))
    quartiles = statistics.quantiles(ratios, n=4)
    return statistics.median(ratios), f"rounds {quartiles[0]:.2f}–{quartiles[2]:.2f}"


#: Other Textual apps, for figure (1): (name, the command in its own environment's bin/, its arguments, the text
#: its first complete frame shows). Each is installed by hand in a virtual environment of its own,
#: ``DIR/app-<name>`` (they cannot share one), and named with ``--others DIR``.
OTHERS = [
    ("toolong", "tl", ["{log}"], ("server started", "Tail")),
    ("frogmouth", "frogmouth", ["{markdown}"], ("会议纪要 Minutes", "Navigation")),
    ("harlequin", "harlequin", [], ("Data Catalog", "Run Query")),
    ("posting", "posting", ["--collection", "{work}"], ("Collection", "Send")),
]


def measure_others(folder: Path, work: Path, env: dict[str, str]) -> None:
    """Figure (1) for other Textual apps: the same poll loop, interleaved with the minimal app's runs."""
    log, markdown = work / "sample.log", work / "sample.md"
    log.write_text("2026-11-30 10:00:01 INFO 启动 server started\n2026-11-30 10:00:02 WARN disk low\n", "utf-8")
    markdown.write_text("# 会议纪要 Minutes\n\nSome text here.\n", encoding="utf-8")
    baseline = work / "baseline.py"
    baseline.write_text(BASELINE_APP, encoding="utf-8")
    for name, command, arguments, markers in OTHERS:
        program = folder / f"app-{name}" / "bin" / command
        if not program.exists():
            print(f"    {name}: not installed in {program.parent.parent}")
            continue
        line = [str(program), *(a.format(log=log, markdown=markdown, work=work) for a in arguments)]
        try:
            time_to_frame(line, markers, env)  # warm the file caches, unmeasured
            times, base_times = [], []
            for _ in range(7):
                times.append(time_to_frame(line, markers, env))
                base_times.append(time_to_frame([sys.executable, str(baseline)], ("BASELINE-READY", "palette"), env))
        except RuntimeError as error:
            print(f"    {name}: no first frame ({error})")
            continue
        ratio, spread = paired_ratio(times, base_times)
        print(
            f"    {name}: {statistics.median(times) * 1000:.0f} ms, minimal Textual app "
            f"{statistics.median(base_times) * 1000:.0f} ms, ratio {ratio:.2f} ({spread})"
        )


def measure_notes(
    store: Store,
    work: Path,
    env: dict[str, str],
    notes: int,
    pause: float,
    *,
    label: str = "",
    source: Path | None = None,
) -> None:
    """Figure (2) and (3); with ``source``, for the meetui whose package is in that folder (``PYTHONPATH``)."""
    big_id = big_meeting(store)
    results = work / f"probe-{uuid.uuid4().hex[:6]}.json"
    if source is not None:
        env = {**env, "PYTHONPATH": str(source)}
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--probe",
        str(results),
        "--",
        "--data",
        str(store.root),
        "run",
        big_id,
    ]
    terminal = Tmux(command, env)
    control = None
    try:
        terminal.wait_for("palette", "Status", "议题 49")
        control = Control(terminal.name)
        control.send("i")
        time.sleep(0.3)
        end_to_end = []
        for n in range(notes):
            text = f"{NOTE_PREFIX}{n:04d}"
            control.drain()
            control.send(text, literal=True)
            control.wait_for(text.encode())
            time.sleep(pause)
            control.drain()
            sent = control.send("Enter")
            end_to_end.append(control.wait_for(f"· {text}".encode()) - sent)
        pid = terminal.pid()
        status = Path(f"/proc/{pid}/status").read_text()
        rss_kb = int(next(line for line in status.splitlines() if line.startswith("VmRSS")).split()[1])
        control.send("C-q")
        deadline = time.perf_counter() + 15
        while not results.exists() and time.perf_counter() < deadline:
            time.sleep(0.05)
    finally:
        if control is not None:
            control.close()
        terminal.close()
    probed = json.loads(results.read_text(encoding="utf-8"))
    enters, shown = probed["enters"], {int(k): v for k, v in probed["shown"].items()}
    in_app = [shown[n] - enters[n] for n in range(min(notes, len(enters))) if n in shown]
    print(
        f"(2){label} keypress to frame, adding a note (50 topics, 2,000 notes, 300 actions; {notes} notes, "
        f"{pause * 1000:.0f} ms pause before each enter; target p95 ≤ 25 ms)"
    )
    print(f"    end to end through tmux: {percentiles(end_to_end)}")
    print(f"    in the app (enter parsed → frame flushed): {percentiles(in_app)} ({len(in_app)} matched)")
    print(f"(3) resident memory of that screen: {rss_kb / 1024:.0f} MiB")


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--probe":
        sys.exit(probe(Path(sys.argv[2]), sys.argv[4:] if sys.argv[3:4] == ["--"] else sys.argv[3:]))
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--notes", type=int, default=KEYPRESSES, help="notes added for figure (2)")
    parser.add_argument("--pause", type=float, default=PAUSE, help="seconds between typing a line and enter")
    parser.add_argument("--skip-startup", action="store_true", help="measure (2) and (3) only")
    parser.add_argument("--startup-only", action="store_true", help="measure (1) only")
    parser.add_argument(
        "--others",
        type=Path,
        default=None,
        help="a folder of virtual environments app-toolong, app-frogmouth, app-harlequin, app-posting: their start-up "
        "is measured as figure (1) is",
    )
    parser.add_argument(
        "--reference",
        type=Path,
        default=None,
        help="a folder holding another meetui package (e.g. `git archive COMMIT meetui | tar -x -C "
        "DIR`): figure (2) is measured for it too, in the same run, before this one",
    )
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        sys.exit("the benchmark needs tmux")
    work = Path(tempfile.mkdtemp(prefix="meetui-bench-"))
    try:
        env = environment(work / "config.toml")
        store = Store(work / "data")
        if not args.skip_startup:
            measure_startup(store, work, env)
            if args.others is not None:
                print("    other Textual apps, the same way (median of 7 runs each, interleaved with the minimal app):")
                measure_others(args.others.resolve(), work, env)
        if not args.startup_only:
            if args.reference is not None:
                measure_notes(
                    Store(work / "reference-data"),
                    work,
                    env,
                    args.notes,
                    args.pause,
                    label=" [reference]",
                    source=args.reference.resolve(),
                )
            measure_notes(store, work, env, args.notes, args.pause, label=" [this tree]" if args.reference else "")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
