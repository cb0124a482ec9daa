"""Writing minutes and other exports to a file the user names, with :func:`meetui.store.atomic.write_output`."""

from __future__ import annotations

from pathlib import Path

from ..core.errors import MeetuiError
from ..store.atomic import OutputRefused, write_output


def write_text(path: Path, text: str) -> Path:
    """Write ``text`` (UTF-8) to ``path`` atomically; return the absolute path written (see :func:`write_bytes`)."""
    return write_bytes(path, text.encode("utf-8"))


def write_bytes(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically and durably; return the absolute path written.

    A symlink is written through to its target; a folder, device, FIFO, socket
    or read-only file is refused; an existing file keeps its permission bits
    and a new one gets the user's usual ones (minutes are meant to be shared,
    unlike the store's private files). Refusals and disk errors raise
    :class:`MeetuiError` with one line naming ``path``.
    """
    try:
        return write_output(path, data)
    except OutputRefused as refused:
        raise MeetuiError(str(refused)) from None
    except OSError as error:
        raise MeetuiError(f"cannot write {path}: {error.strerror or error}") from None
