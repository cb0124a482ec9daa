"""Helpers for the importer tests: write a MeetBot log to a file and import it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from meetui.core.clock import SequentialIds
from meetui.core.models import Meeting
from meetui.importers.meetbot import import_meetbot

Importer = Callable[..., Meeting]


@pytest.fixture
def log_file(tmp_path: Path) -> Callable[..., Path]:
    """Write ``lines`` as a log (``name`` holds the date MeetBot puts in its file names); CRLF, BOM on request."""

    def write(
        lines: list[str],
        name: str = "launch.2026-11-20-09.30.log.txt",
        *,
        crlf: bool = False,
        bom: bool = False,
        final_newline: bool = True,
    ) -> Path:
        ending = "\r\n" if crlf else "\n"
        text = ending.join(lines) + (ending if final_newline else "")
        path = tmp_path / name
        path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
        return path

    return write


@pytest.fixture
def imported(log_file: Callable[..., Path]) -> Importer:
    """Import ``lines`` as a MeetBot log (dated 2026-11-20 by its file name, UTC unless ``zone``)."""

    def run(lines: list[str], *, zone: str = "UTC", date: dt.date | None = None, **file_options: object) -> Meeting:
        return import_meetbot(log_file(lines, **file_options), zone=zone, date=date, ids=SequentialIds("i"))

    return run
