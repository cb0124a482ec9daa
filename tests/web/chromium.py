"""Headless Chromium driven over the DevTools protocol (a websocket, with aiohttp): open, look, type.

Only for the browser tests: :func:`chromium_path` finds the browser,
:class:`Chromium` starts it on a fresh profile with everything that would reach
the network switched off, and :class:`Page` talks to its one tab.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import itertools
import json
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

import aiohttp

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-extensions",
    "--mute-audio",
    "--window-size=1000,720",
    "--remote-debugging-address=127.0.0.1",
    "--remote-debugging-port=0",
]


def chromium_path() -> str | None:
    """The Chromium to use: ``$MEETUI_CHROMIUM``, else ``/usr/bin/chromium`` or one on the PATH."""
    for candidate in (
        os.environ.get("MEETUI_CHROMIUM"),
        "/usr/bin/chromium",
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
    ):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


class Page:
    """One tab, over its DevTools websocket: commands answered by id, events kept in order."""

    def __init__(self, socket: aiohttp.ClientWebSocketResponse) -> None:
        self.socket = socket
        self.events: list[dict[str, Any]] = []
        self._ids = itertools.count(1)
        self._waiting: dict[int, asyncio.Future[dict[str, Any]]] = {}
        self._reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        async for message in self.socket:
            if message.type is not aiohttp.WSMsgType.TEXT:
                break
            data = json.loads(message.data)
            if "id" in data and data["id"] in self._waiting:
                self._waiting.pop(data["id"]).set_result(data)
            else:
                self.events.append(data)

    async def send(self, method: str, timeout: float = 15.0, **params: Any) -> dict[str, Any]:
        number = next(self._ids)
        future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self._waiting[number] = future
        await self.socket.send_json({"id": number, "method": method, "params": params})
        answer = await asyncio.wait_for(future, timeout)
        if "error" in answer:
            raise RuntimeError(f"{method}: {answer['error']}")
        return answer.get("result", {})

    async def evaluate(self, expression: str) -> Any:
        result = await self.send("Runtime.evaluate", expression=expression, returnByValue=True)
        return result["result"].get("value")

    async def screenshot(self) -> bytes:
        return base64.b64decode((await self.send("Page.captureScreenshot", format="png"))["data"])

    def received_text(self) -> str:
        """Everything the page's websockets received (the terminal's output), escape sequences removed."""
        chunks = []
        for event in self.events:
            if event.get("method") == "Network.webSocketFrameReceived":
                response = event["params"]["response"]
                payload = response["payloadData"]
                chunks.append(payload.encode() if response["opcode"] == 1 else base64.b64decode(payload))
        raw = b"".join(chunks).decode("utf-8", "replace")
        return strip_escapes(raw)

    def sent_text(self) -> str:
        """Everything the page's websockets sent (keys typed, sizes), as text."""
        return "".join(
            event["params"]["response"]["payloadData"]
            for event in self.events
            if event.get("method") == "Network.webSocketFrameSent"
        )

    async def close(self) -> None:
        self._reader.cancel()
        with contextlib.suppress(BaseException):
            await self._reader
        await self.socket.close()


def strip_escapes(text: str) -> str:
    """Terminal output as plain text: CSI and OSC sequences removed."""
    import re

    return re.sub(r"\x1b\[[0-9;?<=>]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)|\x1b[()][A-Za-z0-9]|\x1b.", "", text)


class Chromium:
    """A headless Chromium on a fresh profile, listening for DevTools on 127.0.0.1 only."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.profile = Path(tempfile.mkdtemp(prefix="meetui-chromium-"))
        self.process: subprocess.Popen[bytes] | None = None
        self.session: aiohttp.ClientSession | None = None

    async def start(self, timeout: float = 30.0) -> None:
        self.process = subprocess.Popen(
            [self.path, *FLAGS, f"--user-data-dir={self.profile}", "about:blank"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        port_file = self.profile / "DevToolsActivePort"
        deadline = time.monotonic() + timeout
        while not port_file.exists() or not port_file.read_text().strip():
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise RuntimeError("Chromium did not start")
            await asyncio.sleep(0.1)
        self.port = int(port_file.read_text().split()[0])
        self.session = aiohttp.ClientSession()

    async def page(self) -> Page:
        assert self.session is not None
        async with self.session.get(f"http://127.0.0.1:{self.port}/json/list") as response:
            targets = await response.json(content_type=None)
        target = next(t for t in targets if t.get("type") == "page")
        socket = await self.session.ws_connect(target["webSocketDebuggerUrl"], max_msg_size=0)
        return Page(socket)

    async def stop(self) -> None:
        if self.session is not None:
            await self.session.close()
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.profile, ignore_errors=True)
