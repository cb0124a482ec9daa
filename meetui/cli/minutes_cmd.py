"""The ``minutes`` command (rendering lives in :mod:`meetui.export`)."""

from __future__ import annotations

import argparse


def register(commands: argparse._SubParsersAction) -> None:
    """Registered by the minutes exporter once it exists."""
