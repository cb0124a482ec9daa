"""Writing minutes files: atomically, so a reader never sees half a file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ..core.errors import MeetuiError


def current_umask() -> int:
    """The process umask, read without changing it (``os.umask`` would race with other threads)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    return 0o022


def write_text(path: Path, text: str) -> Path:
    """Write ``text`` (UTF-8) to ``path`` via a temporary file and a rename; return the absolute path."""
    return write_bytes(path, text.encode("utf-8"))


def write_bytes(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` via a temporary file and a rename; return the absolute path.

    The new file gets the usual permissions for the user's umask (minutes are
    meant to be shared), unlike the store's private files.
    """
    path = path.expanduser().absolute()
    folder = path.parent
    if not folder.is_dir():
        raise MeetuiError(f"cannot write {path}: the folder {folder} does not exist")
    if path.is_dir():
        raise MeetuiError(f"cannot write {path}: it is a folder")
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise MeetuiError(f"cannot write in {folder}: {error.strerror or error}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, 0o666 & ~current_umask())
        os.replace(temp, path)
    except OSError as error:
        Path(temp).unlink(missing_ok=True)
        raise MeetuiError(f"cannot write {path}: {error.strerror or error}") from None
    return path
