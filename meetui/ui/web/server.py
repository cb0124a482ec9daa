"""Serving the read-only follow view to browsers, with textual-serve, behind an access token.

One aiohttp application: ``/`` (the page; it needs ``?token=…``), and under
``/s/<token>/`` the page's static files and its websocket. Each websocket gets
its own view process (:mod:`meetui.ui.web.view`) through textual-serve's
:class:`~textual_serve.app_service.AppService`, so browsers share nothing and
none can reach the store except by reading. Requests without the token get
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
import secrets
import shlex
import signal
import sys
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path

from aiohttp import web
from textual_serve.server import Server

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
#: How long stopping waits for the browsers' view processes to quit, in seconds.
STOP_SECONDS = 5.0

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


class FollowServer:
    """The aiohttp application serving one meeting's follow view; :meth:`run` serves until stopped."""

    def __init__(self, follow: WebFollow, *, read_title: Callable[[], str] | None = None) -> None:
        self.follow = follow
        self._read_title = read_title
        # textual-serve's server, for its websocket handler (one AppService, so one process, per socket).
        self._textual = Server(follow.command(), host=follow.host, port=follow.port, title=follow.title)
        self._sockets: set[asyncio.Task[object]] = set()
        self.port = follow.port

    def make_app(self) -> web.Application:
        app = web.Application(middlewares=[self._guard])
        prefix = self.follow.prefix
        app.router.add_get("/", self._index)
        app.router.add_get(f"{prefix}/ws", self._websocket)
        app.router.add_static(f"{prefix}/static", self._textual.statics_path)
        app.on_shutdown.append(self._close_sockets)
        return app

    @web.middleware
    async def _guard(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        if not self.follow.allows(request):
            raise web.HTTPForbidden(text="meetui: this page needs the link with its token, as "
                                         "`meetui follow --web` printed it\n")
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
        task = asyncio.current_task()
        assert task is not None
        self._sockets.add(task)
        try:
            return await self._textual.handle_websocket(request)
        finally:
            self._sockets.discard(task)

    async def _close_sockets(self, app: web.Application) -> None:
        """On stopping: end every browser's view process (textual-serve tells each to quit) and close its page."""
        for task in list(self._sockets):
            task.cancel()
        if self._sockets:
            await asyncio.wait(list(self._sockets), timeout=STOP_SECONDS)

    async def run(self, started: Callable[[int], None], stop: asyncio.Event) -> None:
        """Listen (raising :class:`OSError` when the address cannot be had), call ``started(port)``, serve until
        ``stop`` is set, then close every view."""
        runner = web.AppRunner(self.make_app(), handle_signals=False, access_log=None)
        await runner.setup()
        try:
            site = web.TCPSite(runner, self.follow.host, self.follow.port, shutdown_timeout=STOP_SECONDS)
            await site.start()
            self.port = port_of(runner, self.follow.port)
            started(self.port)
            await stop.wait()
        finally:
            await runner.cleanup()


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
