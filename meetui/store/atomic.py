"""Whole-file writes that never leave a half-written file behind (the TinyDB storage in
:mod:`meetui.store.meeting_file` writes through them).

TinyDB's own JSONStorage truncates and rewrites its file in place, so a crash
mid-write leaves it unreadable. :func:`write_atomic` writes a temporary file in
the same folder, fsyncs it, renames it over the old file with ``os.replace`` and
fsyncs the folder, so a reader sees either the old file or the new one, whole.

A writer killed before the rename leaves its temporary file behind. The name
of a temporary file carries its writer's process id
(``.<name>.<pid>.<token>.tmp``), so :func:`clean_orphans` can tell the files of
dead writers from those of live ones.
"""

from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path
from typing import Any

FILE_MODE = 0o600
DIR_MODE = 0o700
TEMP_SUFFIX = ".tmp"
#: A temporary file older than this is an orphan even if its pid is alive again (pids get reused).
ORPHAN_AGE_SECONDS = 3600.0

_TEMP_NAME = re.compile(r"^\.(?P<target>.+)\.(?P<pid>\d+)\.[0-9a-f]+\.tmp$")


def ensure_dir(path: Path) -> Path:
    """Create ``path`` and any missing parents, each readable by the owner only.

    Folders that already exist keep their mode: they may be the user's own.
    """
    missing = []
    for folder in [path, *path.parents]:
        if folder.exists():
            break
        missing.append(folder)
    for folder in reversed(missing):
        folder.mkdir(mode=DIR_MODE, exist_ok=True)
        os.chmod(folder, DIR_MODE)  # mkdir's mode is filtered by the umask
        fsync_dir(folder.parent)  # so that a file fsynced inside it cannot outlive its folder
    return path


def fsync_dir(path: Path) -> None:
    """Make a rename inside ``path`` durable."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def temp_path_for(path: Path) -> Path:
    """A fresh temporary name beside ``path``, carrying this process's id."""
    return path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}{TEMP_SUFFIX}")


def write_atomic(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Replace ``path`` with ``data`` so that it is either wholly old or wholly new.

    ``durable`` makes the new content survive a power loss once this returns
    (two fsyncs); without it the replacement is still atomic for every reader
    but may be lost, whole, by a power cut. Derived data (the index) is written
    so, since it is checked against its source on every read.
    """
    temp = temp_path_for(path)
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), FILE_MODE)  # os.open's mode is filtered by the umask
            handle.write(data)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    if durable:
        fsync_dir(path.parent)


def temp_owner(name: str) -> tuple[str, int] | None:
    """``(target file name, writer pid)`` of a temporary file name, or ``None`` if it is not one."""
    match = _TEMP_NAME.match(name)
    return (match["target"], int(match["pid"])) if match else None


def pid_alive(pid: int) -> bool:
    """Whether a process with this id exists (as far as this process can see)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_orphans(folder: Path, *, target: str | None = None, writers_excluded: bool = False) -> int:
    """Remove temporary files left in ``folder`` by writers that died before renaming them.

    A temporary file is removed when its writer's process is gone or when it
    is older than :data:`ORPHAN_AGE_SECONDS`; the files of live writers (this
    process's other threads included) stay. ``target`` limits the cleaning to
    the temporary files of one file. ``writers_excluded`` says that the caller
    holds the lock every writer of ``target`` holds, so any temporary file of
    it is an orphan.
    """
    removed = 0
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except FileNotFoundError:
        return 0
    for entry in entries:
        owner = temp_owner(entry.name)
        if owner is None or (target is not None and owner[0] != target):
            continue
        if not (writers_excluded and target is not None):
            try:
                age = now - entry.stat(follow_symlinks=False).st_mtime
            except FileNotFoundError:
                continue
            writer_alive = owner[1] == os.getpid() or pid_alive(owner[1])
            if writer_alive and age < ORPHAN_AGE_SECONDS:
                continue
        try:
            os.unlink(entry.path)
        except FileNotFoundError:
            continue
        removed += 1
    return removed


def dump_json(data: Any) -> bytes:
    """The compact UTF-8 JSON the store writes (Chinese text stays readable)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
