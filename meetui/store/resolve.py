"""Which meeting a command means: ``MEETING`` is an id, a unique prefix of one, or ``last`` (product.md)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..core.errors import MeetuiError

__all__ = ["resolve"]


def resolve(ref: str, ids: list[str], last: Callable[[], str], root: Path) -> str:
    """A meeting id from ``ref``.

    ``ids`` are those of the meeting files themselves (so an unreadable meeting is
    still found, then reported when loaded); ``last`` gives the most recently
    created readable meeting. Errors are :class:`MeetuiError` with one line.
    """
    ref = ref.strip().lower()
    if not ids:
        raise MeetuiError(f"there are no meetings in {root} yet: create one with `meetui new TITLE`")
    if ref == "last":
        return last()
    if ref in ids:
        return ref
    matches = [i for i in ids if i.startswith(ref)] if ref else []
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise MeetuiError(f"no meeting matches {ref!r} (see `meetui list`)")
    raise MeetuiError(f"{ref!r} matches {len(matches)} meetings ({', '.join(matches[:5])}…): type more")
