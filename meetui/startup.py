"""Start-up shortcuts: the cyclic garbage collector paused, pydantic's plugin scan skipped.

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

:func:`skip_plugin_scan` spares start-up pydantic's plugin loader, which
imports ``importlib.metadata`` (about 10 ms, on the way to the live screen's
first frame) even when every plugin is disabled.
"""

from __future__ import annotations

import gc
import os
import sys
import types
from collections.abc import Iterable

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


#: The module pydantic looks for plugins with (pydantic 2.x, ``pydantic/plugin/_loader.py``).
PLUGIN_LOADER = "pydantic.plugin._loader"

#: The values of ``PYDANTIC_DISABLE_PLUGINS`` that disable every plugin (as pydantic's loader reads them).
ALL_PLUGINS_DISABLED = ("__all__", "1", "true")


def skip_plugin_scan() -> None:
    """With every pydantic plugin disabled, let pydantic find none without importing ``importlib.metadata``.

    pydantic builds each model's validator through its plugin loader, whose
    module imports ``importlib.metadata`` (and with it ``email``, ``zipfile``,
    ``csv``…) at import time, before it reads ``PYDANTIC_DISABLE_PLUGINS``
    (pydantic 2.14; its import time is pydantic issue 7409). When that
    variable disables every plugin, the loader would answer "no plugins"
    anyway: this puts a module of that one function in the loader's place
    before pydantic first imports it. If the variable has changed by the time
    pydantic asks, the stand-in hands over to pydantic's own loader. A no-op
    when plugins are enabled or the loader is already imported.
    """
    if os.environ.get("PYDANTIC_DISABLE_PLUGINS") not in ALL_PLUGINS_DISABLED or PLUGIN_LOADER in sys.modules:
        return
    loader = types.ModuleType(PLUGIN_LOADER, "meetui's stand-in for pydantic's plugin loader: every plugin is off.")

    def get_plugins() -> Iterable[object]:
        if os.environ.get("PYDANTIC_DISABLE_PLUGINS") in ALL_PLUGINS_DISABLED:
            return ()
        if sys.modules.get(PLUGIN_LOADER) is loader:
            del sys.modules[PLUGIN_LOADER]
        from importlib import import_module

        real: Iterable[object] = import_module(PLUGIN_LOADER).get_plugins()
        return real

    loader.get_plugins = get_plugins  # type: ignore[attr-defined]
    sys.modules[PLUGIN_LOADER] = loader
