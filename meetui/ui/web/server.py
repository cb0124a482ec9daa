"""Serving the read-only follow view to browsers, with textual-serve, behind an access token.

One aiohttp application: ``/`` (the page; it needs ``?token=…``), and under
``/s/<token>/`` the page's static files (textual-serve's terminal) and its
websocket. Each websocket gets its own view process (:mod:`meetui.ui.web.view`)
through textual-serve's :class:`~textual_serve.app_service.AppService`, so
browsers share nothing and none can reach the store except by reading; when
the page closes or serving stops, the process is asked to quit, and killed if
it does not. Requests without the token get
403. Bound to a loopback address, only the ``Host`` names of that address
are answered (a page elsewhere cannot reach the view by DNS rebinding); a
websocket must come from the page's own origin.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import hmac
import html
import json
import secrets
import shlex
import signal
import sys
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path

import textual_serve
from aiohttp import WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.download_manager import DownloadManager

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
#: How long a view process is given to quit when its browser leaves or serving stops, in seconds.
STOP_SECONDS = 5.0
#: textual-serve's page files: its terminal (xterm.js), styles and fonts.
STATIC_DIR = Path(textual_serve.__file__).parent / "static"
#: The largest terminal a page may ask for, in cells.
MAX_CELLS = 1000

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def new_token() -> str:
    """A random access token: 128 bits, URL-safe."""
    return secrets.token_urlsafe(16)


def is_loopback(host: str) -> bool:
    """Whether ``host`` is reachable only from this machine."""
    return host in LOOPBACK_HOSTS or host.startswith("127.")


@dataclass
class WebFollow:
    """What to serve: one meeting of one store, where, and with which token (None: no token)."""

    data_dir: Path
    meeting_id: str
    title: str = "meetui"
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    token: str | None = field(default_factory=new_token)

    @property
    def prefix(self) -> str:
        """The path under which the page's files and websocket live (it carries the token)."""
        return f"/s/{self.token}" if self.token else "/s"

    def url(self, port: int | None = None) -> str:
        """The address to open, with the token."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        query = f"?token={self.token}" if self.token else ""
        return f"http://{host}:{port or self.port}/{query}"

    def command(self) -> str:
        """The shell command of one browser's view process."""
        return shlex.join([sys.executable, "-m", "meetui.ui.web.view", str(self.data_dir), self.meeting_id])

    def allows(self, request: web.Request) -> bool:
        """Whether the request carries the token (in the query of ``/``, in the path of everything else)."""
        if self.token is None:
            return True
        if request.path == "/":
            return hmac.compare_digest(request.query.get("token", "").encode(), self.token.encode())
        parts = request.path.split("/")
        return len(parts) > 3 and parts[1] == "s" and hmac.compare_digest(parts[2].encode(), self.token.encode())

    def host_allowed(self, request: web.Request, port: int) -> bool:
        """Bound to loopback, only this machine's own names for it are answered (no DNS rebinding)."""
        if not is_loopback(self.host):
            return True
        return request.host in {f"{DEFAULT_HOST}:{port}", f"localhost:{port}", f"[::1]:{port}", f"{self.host}:{port}"}


def page(follow: WebFollow, title: str) -> str:
    """The HTML page: textual-serve's terminal, the meeting's title, and what to say when the view closes."""
    static = f"{follow.prefix}/static/"
    name = html.escape(title)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>{name} · meetui</title>
<link rel="stylesheet" href="{static}css/xterm.css">
<script src="{static}js/textual.js"></script>
<style>
  @font-face {{ font-family: "Roboto Mono"; src: url("{static}fonts/RobotoMono-VariableFont_wght.ttf"); }}
  html, body {{ margin: 0; height: 100%; background: #0c181f; color: #f0f0f0; font-family: "Roboto Mono", monospace; }}
  .only-for-readers {{ position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }}
  .textual-terminal {{ width: 100vw; height: 100vh; opacity: 0; }}
  body.-first-byte .textual-terminal {{ opacity: 1; }}
  .notice {{ position: absolute; inset: 0; display: flex; align-items: center; justify-content: center;
            text-align: center; background: #0c181f; z-index: 10; }}
  .notice p {{ max-width: 40em; margin: 0 2em; line-height: 1.6; }}
  body.-first-byte #connecting, #closed {{ display: none; }}
  body.-closed #closed {{ display: flex; }}
</style>
</head>
<body>
<h1 class="only-for-readers">{name}: the meeting, followed live (read-only)</h1>
<div id="connecting" class="notice" role="status"><p>Connecting to “{name}”…</p></div>
<div id="closed" class="notice" role="alert"><p>This view has closed: the host stopped sharing the meeting,
  or the connection was lost. <a href="" style="color: inherit">Reload</a> to watch again.</p></div>
<div id="terminal" class="textual-terminal" data-session-websocket-url="{follow.prefix}/ws" data-font-size="16"></div>
<script>
  // textual.js wants an absolute websocket address: this page's own host and port.
  const terminal = document.getElementById("terminal");
  const scheme = location.protocol === "https:" ? "wss://" : "ws://";
  terminal.dataset.sessionWebsocketUrl = scheme + location.host + terminal.dataset.sessionWebsocketUrl;
</script>
</body>
</html>
"""


class ViewService(AppService):
    """textual-serve's service for one browser's view process, which also makes sure the process has ended."""

    process: asyncio.subprocess.Process | None = None

    async def _open_app_process(self, width: int = 80, height: int = 24) -> asyncio.subprocess.Process:
        self.process = await super()._open_app_process(width, height)
        return self.process

    async def end(self) -> None:
        """Ask the view to quit and wait for it; one that does not quit in :data:`STOP_SECONDS` is killed."""
        with contextlib.suppress(TimeoutError, ConnectionError, RuntimeError):
            await asyncio.wait_for(self.stop(), STOP_SECONDS)
        process = self.process
        if process is None:
            return
        try:
            await asyncio.wait_for(process.wait(), STOP_SECONDS)
        except TimeoutError:
            with contextlib.suppress(ProcessLookupError):
                process.kill()
            await process.wait()


class FollowServer:
    """The aiohttp application serving one meeting's follow view; :meth:`run` serves until stopped."""

    def __init__(self, follow: WebFollow, *, read_title: Callable[[], str] | None = None) -> None:
        self.follow = follow
        self._read_title = read_title
        self._downloads = DownloadManager()  # textual-serve wants one; the view offers no downloads
        self._sockets: dict[web.WebSocketResponse, asyncio.Task[object]] = {}
        self.port = follow.port

    def make_app(self) -> web.Application:
        app = web.Application(middlewares=[self._guard])
        prefix = self.follow.prefix
        app.router.add_get("/", self._index)
        app.router.add_get(f"{prefix}/ws", self._websocket)
        app.router.add_static(f"{prefix}/static", STATIC_DIR)
        app.on_shutdown.append(self._close_sockets)
        return app

    @web.middleware
    async def _guard(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        if not self.follow.allows(request):
            raise web.HTTPForbidden(
                text="meetui: this page needs the link with its token, as `meetui follow --web` printed it\n"
            )
        if not self.follow.host_allowed(request, self.port):
            raise web.HTTPForbidden(text="meetui: unexpected Host header\n")
        origin = request.headers.get("Origin")
        if request.path.endswith("/ws") and origin is not None and origin != f"{request.scheme}://{request.host}":
            raise web.HTTPForbidden(text="meetui: the view's websocket is for its own page only\n")
        response = await handler(request)
        response.headers.setdefault("Cache-Control", "no-store")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        return response

    async def _index(self, request: web.Request) -> web.Response:
        title = self.follow.title
        if self._read_title is not None:
            with contextlib.suppress(Exception):  # the page still opens; the view itself says what is wrong
                title = await asyncio.to_thread(self._read_title)
        return web.Response(text=page(self.follow, title), content_type="text/html")

    async def _websocket(self, request: web.Request) -> web.StreamResponse:
        """One browser: its own view process, fed the keys and sizes the page sends, its output sent back.

        The messages are textual-serve's (``["stdin", text]``, ``["resize", {...}]``, ``["ping", x]``,
        ``["focus"]``, ``["blur"]``); anything else is ignored.
        """
        socket = web.WebSocketResponse(heartbeat=15)
        await socket.prepare(request)
        task = asyncio.current_task()
        assert task is not None
        self._sockets[socket] = task

        async def close() -> None:
            await socket.close()

        service = ViewService(
            self.follow.command(),
            write_bytes=socket.send_bytes,
            write_str=socket.send_str,
            close=close,
            download_manager=self._downloads,
        )
        try:
            await service.start(cells(request.query.get("width"), 80), cells(request.query.get("height"), 24))
            async for message in socket:
                if message.type is WSMsgType.TEXT:
                    await self._forward(socket, service, message.data)
        finally:
            await service.end()
            self._sockets.pop(socket, None)
            await socket.close()
        return socket

    @staticmethod
    async def _forward(socket: web.WebSocketResponse, service: ViewService, data: str) -> None:
        try:
            envelope = json.loads(data)
        except ValueError:
            return
        if not isinstance(envelope, list) or not envelope:
            return
        kind, payload = envelope[0], envelope[1] if len(envelope) > 1 else None
        if kind == "stdin" and isinstance(payload, str):
            await service.send_bytes(payload.encode("utf-8"))
        elif kind == "resize" and isinstance(payload, dict):
            await service.set_terminal_size(cells(payload.get("width"), 80), cells(payload.get("height"), 24))
        elif kind == "ping":
            await socket.send_json(["pong", payload])
        elif kind == "focus":
            await service.focus()
        elif kind == "blur":
            await service.blur()

    async def _close_sockets(self, app: web.Application) -> None:
        """On stopping: close every page's websocket, which ends its view process (see :meth:`ViewService.end`)."""
        for socket in list(self._sockets):
            await socket.close(code=1001, message=b"the host stopped serving the meeting")
        tasks = list(self._sockets.values())
        if tasks:
            await asyncio.wait(tasks, timeout=3 * STOP_SECONDS)

    async def run(self, started: Callable[[int], None], stop: asyncio.Event) -> None:
        """Listen (raising :class:`OSError` when the address cannot be had), call ``started(port)``, serve until
        ``stop`` is set, then close every view."""
        runner = web.AppRunner(self.make_app(), handle_signals=False, access_log=None)
        await runner.setup()
        try:
            site = web.TCPSite(runner, self.follow.host, self.follow.port, shutdown_timeout=3 * STOP_SECONDS)
            await site.start()
            self.port = port_of(runner, self.follow.port)
            started(self.port)
            await stop.wait()
        finally:
            await runner.cleanup()


def cells(value: object, default: int) -> int:
    """A terminal size the page sent, as a number of cells between 1 and :data:`MAX_CELLS`."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return default
    try:
        number = int(value)
    except (ValueError, OverflowError):
        return default
    return min(max(number, 1), MAX_CELLS)


def port_of(runner: web.AppRunner, asked: int) -> int:
    """The port actually bound (``asked`` unless it was 0)."""
    for address in runner.addresses:
        if isinstance(address, tuple) and len(address) >= 2:
            return int(address[1])
    return asked


def serve(server: FollowServer, started: Callable[[int], None]) -> None:
    """Serve until ctrl+c or SIGTERM; raises :class:`OSError` when the address cannot be had."""

    async def main() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError, RuntimeError):
                loop.add_signal_handler(signum, stop.set)
        await server.run(started, stop)

    asyncio.run(main())


def address_error(error: OSError, host: str, port: int) -> str:
    """One line saying why the address could not be had."""
    if error.errno == errno.EADDRINUSE:
        return f"port {port} on {host} is in use: choose another with --port"
    return f"cannot listen on {host}:{port}: {error.strerror or error}"
