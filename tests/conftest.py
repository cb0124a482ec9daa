"""Fixtures shared by every test: a frozen clock, an isolated data folder, a guard on the real one,
and, for the Textual tests, ``async def`` tests without a plugin and a cursor that never blinks."""

from __future__ import annotations

import asyncio
import inspect
import tempfile
from pathlib import Path

import platformdirs
import pytest
from hypothesis import settings
from hypothesis.configuration import set_hypothesis_home_dir

from meetui.core.clock import FrozenClock

#: A Friday morning in Shanghai: every test's "now" unless it sets its own.
FROZEN_AT = "2026-11-20T09:30:00+08:00"
FROZEN_ZONE = "Asia/Shanghai"

# Deterministic property tests that leave no example database or cache in the repository.
# No deadline: a shared CI machine may be slow for a while, which says nothing about the code under test.
settings.register_profile("meetui", database=None, derandomize=True, deadline=None)
settings.load_profile("meetui")
set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "meetui-tests-hypothesis")


@pytest.fixture
def clock() -> FrozenClock:
    """A clock frozen at :data:`FROZEN_AT` in Asia/Shanghai; move it with ``advance``."""
    return FrozenClock(FROZEN_AT, tz=FROZEN_ZONE)


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh store folder, also named by ``$MEETUI_DATA`` for code (and subprocesses) that read it."""
    folder = tmp_path / "meetui-data"
    monkeypatch.setenv("MEETUI_DATA", str(folder))
    return folder


@pytest.fixture(autouse=True)
def _no_real_user_data(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point the default store (platformdirs and XDG) at a throwaway folder, never the user's own."""
    fake_home = tmp_path_factory.mktemp("user-data")
    monkeypatch.delenv("MEETUI_DATA", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(fake_home))

    def user_data_path(appname: str | None = None, *args: object, **kwargs: object) -> Path:
        return fake_home / (appname or "")

    monkeypatch.setattr(platformdirs, "user_data_path", user_data_path)


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run ``async def`` tests (Pilot needs an event loop) without an asyncio plugin."""
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    names = inspect.signature(pyfuncitem.obj).parameters
    asyncio.run(pyfuncitem.obj(**{name: pyfuncitem.funcargs[name] for name in names}))
    return True


@pytest.fixture(autouse=True)
def _steady_cursor(monkeypatch: pytest.MonkeyPatch) -> None:
    """Inputs do not blink in tests, so runs (and screenshots) are the same every time."""
    from textual.widgets import Input

    original = Input.__init__

    def init(self: Input, *args: object, **kwargs: object) -> None:
        original(self, *args, **kwargs)  # type: ignore[arg-type]
        self.cursor_blink = False

    monkeypatch.setattr(Input, "__init__", init)
