"""Fixtures for the browser tests of ``meetui follow --web``: a stored meeting, the server, a terminal client.

The server is the real command line in a subprocess (``--port 0``: a free
port), on 127.0.0.1 only; stopping it is ctrl+c (SIGINT), as a user would.
"""

from __future__ import annotations

import asyncio
import importlib.util
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from meetui.core.clock import FrozenClock, SequentialIds
from meetui.core.meeting import LiveMeeting
from meetui.importers.demo import demo_meeting
from meetui.store import Store

from .chromium import chromium_path, strip_escapes

HAS_WEB = importlib.util.find_spec("textual_serve") is not None
needs_web = pytest.mark.skipif(not HAS_WEB, reason="the web extra is not installed: pip install 'meetui[web]'")
needs_chromium = pytest.mark.skipif(
    chromium_path() is None, reason="chromium is not installed (apt-get install chromium)"
)

#: How long the server may take to print its link (a loaded machine starts Python slowly).
START_SECONDS = 30.0


@dataclass
class Served:
    """A running ``meetui follow MEETING --web`` and what it printed."""

    process: subprocess.Popen[str]
    url: str = ""
    err_lines: list[str] = field(default_factory=list)
    out_lines: list[str] = field(default_factory=list)

    @property
    def base(self) -> str:
        return self.url.split("/?", 1)[0].rstrip("/")

    @property
    def token(self) -> str:
        return self.url.split("token=", 1)[1]

    @property
    def port(self) -> int:
        return int(self.base.rsplit(":", 1)[1])

    def stop(self, timeout: float = 20.0) -> int:
        """ctrl+c, then wait; returns the exit status."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            raise


def meetui_command(data: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "meetui.cli.main", "--data", str(data), *args]


def start_server(data: Path, meeting_id: str, *args: str, env: dict[str, str] | None = None) -> Served:
    """Start the server and wait for its link (or for it to exit)."""
    process = subprocess.Popen(
        meetui_command(data, "follow", meeting_id, "--web", "--port", "0", *args),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    served = Served(process)
    assert process.stdout is not None and process.stderr is not None

    def pump(stream, lines: list[str]) -> None:  # noqa: ANN001
        for line in stream:
            lines.append(line.rstrip("\n"))

    threading.Thread(target=pump, args=(process.stdout, served.out_lines), daemon=True).start()
    threading.Thread(target=pump, args=(process.stderr, served.err_lines), daemon=True).start()
    deadline = time.monotonic() + START_SECONDS
    while not served.out_lines and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    if served.out_lines:
        served.url = served.out_lines[0]
    return served


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Store:
    monkeypatch.setenv("MEETUI_CONFIG", str(tmp_path / "config" / "config.toml"))
    return Store(tmp_path / "data")


@pytest.fixture
def meeting_id(store: Store, clock: FrozenClock) -> str:
    """The demo meeting (Chinese and English), stored, started, with one public note."""
    meeting = demo_meeting(clock, SequentialIds("m"))
    store.create(meeting)
    live = LiveMeeting(meeting, clock, SequentialIds("w"))
    store.commit(live.meeting, live.start())
    store.commit(live.meeting, live.add_note("研发：支付 SDK 升级延期两周"))
    return meeting.id


@pytest.fixture
def served(store: Store, meeting_id: str) -> Iterator[Served]:
    served = start_server(store.root, meeting_id)
    assert served.url.startswith("http://127.0.0.1:"), (served.out_lines, served.err_lines)
    yield served
    served.stop()


def view_processes(data: Path) -> list[int]:
    """The view processes serving meetings of the store at ``data`` (found by their command lines)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"meetui.ui.web.view" in command and str(data).encode() in command:
            found.append(int(entry.name))
    return found


class TerminalClient:
    """What a browser's terminal does, without the browser: the websocket, its output as text, keys sent."""

    def __init__(self, served: Served, width: int = 100, height: int = 32) -> None:
        self.url = f"ws://127.0.0.1:{served.port}/s/{served.token}/ws?width={width}&height={height}"
        self.raw = bytearray()

    async def __aenter__(self) -> TerminalClient:
        import aiohttp

        self._session = aiohttp.ClientSession()
        self.socket = await self._session.ws_connect(self.url, origin=self.url.split("/s/")[0].replace("ws", "http"))
        self._reader = asyncio.create_task(self._read())
        return self

    async def _read(self) -> None:
        import aiohttp

        async for message in self.socket:
            if message.type is aiohttp.WSMsgType.BINARY:
                self.raw.extend(message.data)

    @property
    def text(self) -> str:
        return strip_escapes(self.raw.decode("utf-8", "replace"))

    async def wait_for(self, pattern: str, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if re.search(pattern, self.text):
                return True
            await asyncio.sleep(0.05)
        return bool(re.search(pattern, self.text))

    async def type(self, text: str) -> None:
        await self.socket.send_json(["stdin", text])

    async def __aexit__(self, *exc: object) -> None:
        await self.socket.close()
        self._reader.cancel()
        await self._session.close()
