"""Run the terminal UI for the command line: ``meetui``, ``meetui demo``, ``run`` and ``follow``."""

from __future__ import annotations

import sys

from ..store import Store


def launch(
    store: Store, meeting_id: str | None, *, read_only: bool = False, plan: bool = False, notice: str = ""
) -> int:
    """Open the home screen (no meeting) or one meeting live (its plan screen with ``plan``); returns the exit
    status.

    The app claims the meeting's one-writer lock (``Store.hold_live``) as it
    opens it; when another process holds it, the meeting opens read-only and
    the user is told why. Everything committed is flushed before returning; changes the
    disk still refused are named on stderr, and the status is then 1. ``notice``: a warning the command line
    printed before the screen took the terminal (it is shown on the screen too).
    """
    from .opening import MeetingOpener

    # Opening the meeting (a thread) overlaps importing Textual and building the app. The app is the opener's only
    # holder: the writer lock it claims is released when the app lets go of it.
    opened = [MeetingOpener(store, meeting_id, read_only=read_only)] if meeting_id is not None else []
    from .app import MeetuiApp

    refused = opened[0].result if opened else None
    if refused is not None and refused.error is not None:  # known already (an unreadable file): no screen at all
        print(f"meetui: {refused.error}", file=sys.stderr)
        return 1
    app = MeetuiApp(
        store, meeting_id, read_only=read_only, opener=opened.pop() if opened else None, plan=plan, notice=notice
    )
    try:
        app.run()
    finally:
        app.close_sessions()
    if app.open_error:
        print(f"meetui: {app.open_error}", file=sys.stderr)
        return 1
    for reason in app.unsaved.values():
        print(f"meetui: {reason}", file=sys.stderr)
    if app.unsaved:
        return 1
    if app.return_code and app.return_code != 0:
        return app.return_code
    return 0
