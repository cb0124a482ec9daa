"""Fixtures for the dialog tests: a started demo session in a tmp_path store.

The event loop for ``async def`` tests and the steady cursor come from ``tests/ui/conftest.py``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from meetui.core.clock import FrozenClock
from meetui.ui.session import MeetingSession

from .harness import demo_session


@pytest.fixture
def session(tmp_path: Path, clock: FrozenClock) -> Iterator[MeetingSession]:
    """The demo meeting, started, in a store under ``tmp_path``; closed after the test."""
    started = demo_session(tmp_path / "data", clock)
    yield started
    started.close()
