"""Helpers shared by the command modules: the store, meeting lookup, output."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the command modules import these lazily, so `meetui --help` starts fast
    from ..core.clock import SystemClock
    from ..core.models import Meeting
    from ..store import Store


def store_from(args: argparse.Namespace) -> Store:
    """The store named by ``--data`` or ``$MEETUI_DATA``, else the user data dir."""
    from ..store import Store, default_data_dir

    return Store(Path(args.data).expanduser() if getattr(args, "data", None) else default_data_dir())


def load_meeting(store: Store, ref: str) -> Meeting:
    """Load the meeting named by an id, a unique prefix or ``last``."""
    return store.load(store.resolve(ref))


def clock() -> SystemClock:
    """The wall clock in the local zone."""
    from ..core.clock import SystemClock

    return SystemClock()


def add_meeting_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("meeting", metavar="MEETING", help="a meeting id, a unique prefix of one, or `last`")


def add_data_arg(parser: argparse.ArgumentParser) -> None:
    """Accept ``--data`` after the command too (``meetui list --data DIR``)."""
    parser.add_argument("--data", metavar="DIR", default=argparse.SUPPRESS, help="the store folder")


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def say(message: str) -> None:
    """A message for the user (stderr; stdout is for data)."""
    print(message, file=sys.stderr)
