"""Start-up without the cyclic garbage collector.

Starting meetui builds a couple of hundred thousand objects that live as long
as the process (modules, classes, pydantic schemas, Textual's styles) and
little else. With the collector on, Python scans those objects again and again
while they are being built: about 10 ms of ``meetui minutes`` and 25 ms
before the live screen's first frame. So the command line pauses the collector
while it starts (:func:`pause`), and :func:`resume` turns it back on when
start-up is over: once the UI has drawn its first screen, or at the end of a
command.

:func:`resume` first moves everything alive out of the collector's sight
(``gc.freeze``). Turning the collector on without that would only postpone the
work: its first collection would scan everything start-up built, in one go.
Frozen, those objects are never scanned again, which also keeps the
collections during a long meeting short. The price is that cyclic garbage made
during start-up (a few thousand objects, once) is never reclaimed.

Only a pause made here is ever resumed: code that never paused keeps the
collector exactly as it was.
"""

from __future__ import annotations

import gc

_paused = False


def pause() -> None:
    """Turn the cyclic collector off for the start-up (a no-op if it is already off)."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume() -> None:
    """Freeze what start-up built and turn the collector on again, if :func:`pause` turned it off."""
    global _paused
    if not _paused:
        return
    _paused = False
    gc.freeze()
    gc.enable()
