"""Copying text to the user's clipboard through the terminal: OSC 52, which also works over SSH.

The terminal, not this process, owns the clipboard: the escape sequence
``ESC ] 52 ; c ; <base64> BEL`` asks it to set it. Most modern terminals
honour it (some only once allowed in their settings). tmux does not pass it
on from programs unless its ``set-clipboard`` option is ``on`` (the default,
``external``, drops it), so :func:`tmux_advice` says how to enable it.
Nothing here imports Textual; the UI uses Textual's own ``copy_to_clipboard``
and the same advice.
"""

from __future__ import annotations

import base64
import os
import subprocess
from collections.abc import Mapping

from ..core.errors import MeetuiError

#: Terminals cap OSC 52 payloads (xterm: 100,000 bytes by default; others 1 MB or more).
LARGE = 100_000


def osc52(text: str) -> str:
    """The OSC 52 sequence that puts ``text`` (UTF-8) on the system clipboard."""
    return f"\x1b]52;c;{base64.b64encode(text.encode('utf-8')).decode('ascii')}\x07"


def tmux_clipboard(env: Mapping[str, str] | None = None) -> str | None:
    """tmux's ``set-clipboard`` value when running inside tmux (``on``, ``external``, ``off``), else ``None``.

    An unreadable value (tmux not on the PATH, a server that does not answer) gives ``"unknown"``.
    """
    env = os.environ if env is None else env
    if not env.get("TMUX"):
        return None
    try:
        result = subprocess.run(
            ["tmux", "show-options", "-gv", "set-clipboard"], capture_output=True, text=True, timeout=2, env=dict(env)
        )
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    value = result.stdout.strip()
    return value if result.returncode == 0 and value else "unknown"


def tmux_advice(setting: str | None) -> str:
    """What to tell the user about tmux's ``set-clipboard`` (an empty string when nothing is needed)."""
    if setting is None or setting == "on":
        return ""
    state = "is not on" if setting == "unknown" else f"is {setting!r}"
    return (
        f"inside tmux, whose set-clipboard {state}, tmux may drop the copy: enable it with "
        "`tmux set -g set-clipboard on` (and `set -g set-clipboard on` in ~/.tmux.conf)"
    )


def send(text: str, terminal: str = "/dev/tty") -> None:
    """Write the OSC 52 sequence for ``text`` to the controlling terminal.

    Raises :class:`MeetuiError` when there is no terminal to write to (a
    cron job, a pipe without a TTY): the clipboard belongs to a terminal.
    """
    try:
        with open(terminal, "w", encoding="ascii") as tty:
            tty.write(osc52(text))
            tty.flush()
    except OSError as error:
        raise MeetuiError(
            f"cannot copy to the clipboard: no terminal to send it through ({error.strerror or error})"
        ) from None
