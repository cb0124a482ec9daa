"""``meetui follow MEETING --web``: serve the read-only follow view to browsers (the ``web`` extra).

:func:`add_web_args` adds ``--web``, ``--host``, ``--port``, ``--token`` and
``--no-token`` to ``follow``; :func:`follow_web` checks them, prints the link
(stdout) and how to reach it through SSH (stderr), and serves until ctrl+c.
Textual is not imported here: the server only starts view processes.
"""

from __future__ import annotations

import argparse
import re
import socket
import sys

from .. import startup
from .common import resolve, say, store_from

EXIT_REFUSED, EXIT_USAGE = 1, 2
INSTALL_HINT = "--web needs the web extra: pip install 'meetui[web]'"
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{8,128}")
#: The options that only make sense with --web.
WEB_ONLY = ("host", "port", "token", "no_token")


def _token(text: str) -> str:
    if not TOKEN_PATTERN.fullmatch(text):
        raise argparse.ArgumentTypeError("a token is 8 to 128 letters, digits, '-' or '_'")
    return text


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        port = -1
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r} (0 to 65535; 0 picks a free one)")
    return port


def add_web_args(parser: argparse.ArgumentParser) -> None:
    """The options of ``follow --web``."""
    group = parser.add_argument_group("serving to browsers (needs `pip install 'meetui[web]'`)")
    group.add_argument("--web", action="store_true", help="serve the view to browsers instead of this terminal")
    group.add_argument(
        "--host", metavar="H", default=None, help="the address to listen on (default 127.0.0.1: this machine only)"
    )
    group.add_argument("--port", metavar="P", type=_port, default=None, help="the port (default 8000)")
    group.add_argument(
        "--token",
        metavar="T",
        type=_token,
        default=None,
        help="the access token the link must carry (default: a new random one)",
    )
    group.add_argument(
        "--no-token",
        action="store_true",
        default=None,
        help="no token (only with 127.0.0.1: anyone on this machine can watch)",
    )


def web_only_options(args: argparse.Namespace) -> list[str]:
    """The --web options given without --web."""
    return [f"--{name.replace('_', '-')}" for name in WEB_ONLY if getattr(args, name, None) not in (None, False)]


def follow_web(args: argparse.Namespace) -> int:
    """Serve the meeting's read-only view until ctrl+c; returns the exit status."""
    try:
        from ..ui.web import server as web
    except ImportError:
        say(f"meetui: {INSTALL_HINT}")
        return EXIT_REFUSED
    host = args.host or web.DEFAULT_HOST
    port = web.DEFAULT_PORT if args.port is None else args.port
    if args.no_token and args.token:
        say("meetui: --token and --no-token exclude each other")
        return EXIT_USAGE
    if args.no_token and not web.is_loopback(host):
        say("meetui: --no-token is only allowed with --host 127.0.0.1 (this machine only)")
        return EXIT_USAGE
    store = store_from(args)
    meeting_id = resolve(store, args.meeting)
    title = store.load(meeting_id).title  # refuses an unreadable meeting now, in one line
    if not web.is_loopback(host):
        say(
            f"meetui: warning: listening on {host}: anyone who can reach it and has the link can watch this "
            f"meeting. Prefer the default 127.0.0.1 with SSH port forwarding."
        )
    follow = web.WebFollow(
        store.root,
        meeting_id,
        title=title,
        host=host,
        port=port,
        token=None if args.no_token else args.token or web.new_token(),
    )
    server = web.FollowServer(follow, read_title=lambda: store.load(meeting_id).title)

    def started(bound: int) -> None:
        print(follow.url(bound), flush=True)
        say(
            f"meetui: serving the read-only view of “{title}”; open the link above in a browser "
            f"(each browser gets its own view)."
        )
        if web.is_loopback(host):
            say(
                f"meetui: from another computer: ssh -L {bound}:127.0.0.1:{bound} {socket.gethostname()} "
                f"then open the link there. ctrl+c stops serving."
            )
        else:
            say("meetui: ctrl+c stops serving.")
        sys.stderr.flush()

    startup.resume()  # a server runs for hours: the collector the command line paused comes back on
    try:
        web.serve(server, started)
    except OSError as error:
        say(f"meetui: {web.address_error(error, host, port)}")
        return EXIT_REFUSED
    say("meetui: stopped serving; every browser's view was closed.")
    return 0
