"""Fixtures for the UI tests: the demo meeting in a tmp_path store, an app with a frozen clock, no blinking.

The user's own config never leaks in: ``$MEETUI_CONFIG`` points into tmp_path.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from meetui.core.clock import FrozenClock, SequentialIds
from meetui.importers.demo import demo_meeting
from meetui.store import Store
from meetui.ui.app import MeetuiApp


@pytest.fixture(autouse=True)
def config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private config folder; ``$MEETUI_CONFIG`` points at its file so nothing reads the real one."""
    folder = tmp_path / "config"
    monkeypatch.setenv("MEETUI_CONFIG", str(folder / "config.toml"))
    return folder


@pytest.fixture(autouse=True)
def local_zone(monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201
    """This computer's zone is the meeting's (Asia/Shanghai) unless a test says otherwise: the clock pane
    names the meeting's zone only when they differ."""
    import time

    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "data")


@pytest.fixture
def demo_id(store: Store, clock: FrozenClock) -> str:
    """The demo meeting (Chinese and English titles and names), stored, not started."""
    meeting = demo_meeting(clock, SequentialIds("m"))
    store.create(meeting)
    return meeting.id


AppFactory = Callable[..., MeetuiApp]


@pytest.fixture
def make_app(store: Store, clock: FrozenClock, config_dir: Path) -> AppFactory:
    """Build an app on the test store with the frozen clock and predictable ids."""

    def factory(meeting_id: str | None = None, **kwargs: object) -> MeetuiApp:
        kwargs.setdefault("clock", clock)
        kwargs.setdefault("config_dir", config_dir)
        kwargs.setdefault("ids", SequentialIds("u"))
        return MeetuiApp(store, meeting_id, **kwargs)  # type: ignore[arg-type]

    return factory
