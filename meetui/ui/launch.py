"""Run the terminal UI for the command line: ``meetui``, ``meetui demo``, ``run`` and ``follow``."""

from __future__ import annotations

import sys

from ..store import Store


def launch(store: Store, meeting_id: str | None, *, read_only: bool = False) -> int:
    """Open the home screen (no meeting) or one meeting live; returns the exit status.

    The app claims the meeting's one-writer lock (``Store.hold_live``) as it
    opens it; when another process holds it, the meeting opens read-only and
    the user is told why. Everything committed is flushed before returning.
    """
    from .app import MeetuiApp

    app = MeetuiApp(store, meeting_id, read_only=read_only)
    try:
        app.run()
    finally:
        app.close_sessions()
    if app.open_error:
        print(f"meetui: {app.open_error}", file=sys.stderr)
        return 1
    if app.return_code and app.return_code != 0:
        return app.return_code
    return 0
