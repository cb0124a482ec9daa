"""Whole-file writes that never leave a half-written file behind (the TinyDB storage in
:mod:`meetui.store.meeting_file` writes through them).

TinyDB's own JSONStorage truncates and rewrites its file in place, so a crash
mid-write leaves it unreadable. :func:`write_atomic` writes a temporary file in
the same folder, fsyncs it, renames it over the old file with ``os.replace`` and
fsyncs the folder, so a reader sees either the old file or the new one, whole.

:func:`write_output` is the same write for a file the user names (``-o FILE``:
minutes, exports): it writes *through* a symlink to the file it points to
(the link stays), refuses anything that is not a regular file (a folder, a
device, a FIFO, a socket) and a file the user may not write (read-only), and
keeps an existing file's permission bits; a new file gets the user's usual
permissions (``0666`` less the umask), since such files are meant to be shared.

Errors name the file written, never the temporary file.

A writer killed before the rename leaves its temporary file behind. The name
of a temporary file carries its writer's process id
(``.<name>.<pid>.<token>.tmp``), so :func:`clean_orphans` can tell the files of
dead writers from those of live ones.
"""

from __future__ import annotations

import errno
import json
import os
import re
import stat
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


def write_atomic(path: Path, data: bytes, *, durable: bool = True, mode: int = FILE_MODE) -> None:
    """Replace ``path`` with ``data`` so that it is either wholly old or wholly new.

    ``durable`` makes the new content survive a power loss once this returns
    (two fsyncs); without it the replacement is still atomic for every reader
    but may be lost, whole, by a power cut. Derived data (the index) is written
    so, since it is checked against its source on every read. ``mode`` is the
    new file's permission bits (the store's 0600 unless told).

    Raises :class:`OSError` whose ``filename`` is ``path`` (never the temporary file's name).
    """
    temp = temp_path_for(path)
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
        try:
            with os.fdopen(fd, "wb") as handle:
                os.fchmod(handle.fileno(), mode)  # os.open's mode is filtered by the umask
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
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror or str(exc), str(path)) from None


#: What :func:`write_output` calls the kinds of file it refuses to replace.
_NOT_REGULAR = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
)


class OutputRefused(ValueError):
    """A path :func:`write_output` will not write; the message is one line naming it."""


def current_umask() -> int:
    """The process umask, read without changing it (``os.umask`` would race with other threads)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    return 0o022


def output_target(path: Path) -> tuple[Path, int | None]:
    """Where writing the user's ``path`` really goes, and the mode of the file there (``None``: new file).

    A symlink is followed to its target (a dangling one names the file to create). Raises
    :class:`OutputRefused` for a home folder that does not exist (``~nosuchuser``), a target that is not a
    regular file, a read-only file, a missing folder or a symlink loop.
    """
    try:
        path = path.expanduser()
    except RuntimeError:  # ~user of no such user
        raise OutputRefused(f"{path}: no such user's home folder") from None
    path = path.absolute()
    try:
        target = Path(os.path.realpath(path, strict=False))
        status = os.stat(target)
    except FileNotFoundError:
        status = None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise OutputRefused(f"{path}: a symlink loop, not a file") from None
        raise OutputRefused(f"{path}: cannot be written ({exc.strerror or exc})") from None
    if status is None:
        if not target.parent.is_dir():
            raise OutputRefused(f"cannot write {path}: the folder {target.parent} does not exist")
        return target, None
    for test, kind in _NOT_REGULAR:
        if test(status.st_mode):
            raise OutputRefused(f"{path}: is {kind}, not a regular file; not replaced")
    if not status.st_mode & 0o222 or not os.access(target, os.W_OK):  # the bits too: root may write anything
        raise OutputRefused(f"{path}: the file is read-only; not overwritten")
    return target, stat.S_IMODE(status.st_mode)


def write_output(path: Path, data: bytes) -> Path:
    """Write a file the user named, atomically and durably; return the path written (a symlink's target).

    See :func:`output_target` for what is refused (:class:`OutputRefused`); a failing disk raises
    :class:`OSError` naming ``path``.
    """
    target, mode = output_target(path)
    write_atomic(target, data, mode=(0o666 & ~current_umask()) if mode is None else mode)
    return target


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
    except OSError:  # missing, not a folder, unreadable: nothing of ours to clean there
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
