"""Real disk faults, not stand-ins: a store on a small tmpfs that fills up, and a store folder remounted read-only.

The live screen says the change is not saved, keeps it and saves it when the disk recovers; the command line
refuses with one line naming the meeting file; no file is ever left unreadable. Mounting needs privileges: the
tests are skipped, saying so, where it is not allowed.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from meetui.store import Store

from .helpers import live_screen, stored, type_note, until

FILLER = "filler.bin"


def _mount(folder: Path, *options: str) -> bool:
    folder.mkdir(parents=True, exist_ok=True)
    if not sys.platform.startswith("linux") or os.geteuid() != 0:
        return False
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", ",".join(["size=2m", "mode=0700", *options]), "tmpfs", str(folder)],
        capture_output=True,
    )
    return result.returncode == 0


@pytest.fixture
def tmpfs(tmp_path: Path) -> Iterator[Path]:
    """A 2 MiB tmpfs of our own (skipped where mounting is not allowed)."""
    folder = tmp_path / "tmpfs"
    if not _mount(folder):
        pytest.skip("mounting a tmpfs is not allowed here (needs root on Linux): no real full or read-only disk")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


@pytest.fixture
def store(tmpfs: Path) -> Store:  # the store of make_app and demo_id, on the tmpfs
    return Store(tmpfs / "data")


def fill(folder: Path) -> Path:
    """Fill the file system holding ``folder`` until it refuses another byte."""
    filler = folder / FILLER
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        for size in (65536, 1):
            with contextlib.suppress(OSError):
                while True:
                    os.write(fd, b"\0" * size)
    finally:
        os.close(fd)
    return filler


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """``folder`` read-only for everyone, root included: a bind mount of itself, remounted read-only.

    (The whole tmpfs cannot be remounted read-only while the store's lock files are open for writing.)
    """
    subprocess.run(["mount", "--bind", str(folder), str(folder)], check=True, capture_output=True)
    try:
        subprocess.run(["mount", "-o", "remount,bind,ro", str(folder)], check=True, capture_output=True)
        yield
    finally:
        subprocess.run(["umount", str(folder)], check=True, capture_output=True)


def all_readable(store: Store) -> None:
    for path in store.meetings_dir.rglob("*.json"):
        store.load(path.stem)


async def test_a_full_disk_keeps_the_note_and_saves_it_when_space_returns(
    make_app, demo_id, store: Store, tmpfs: Path
) -> None:
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        filler = fill(tmpfs)
        await type_note(pilot, "磁盘满了也要记下：研发确认12月15日发布")
        await until(pilot, lambda: screen.sub_title == "▲ NOT SAVED")
        assert "No space left" in str(screen.session.last_error)
        all_readable(store)
        assert "磁盘满了" not in store.meeting_path(demo_id).read_text(encoding="utf-8")

        filler.unlink()
        await type_note(pilot, "空间已释放")
        await until(pilot, lambda: screen.sub_title == "✓ saved")
        assert [n.text for n in stored(screen).notes] == ["磁盘满了也要记下：研发确认12月15日发布", "空间已释放"]
    all_readable(store)
    assert not [p for p in store.root.rglob("*.tmp")]


async def test_a_read_only_store_keeps_the_note_and_saves_it_when_writable_again(
    make_app, demo_id, store: Store, tmpfs: Path
) -> None:
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        await type_note(pilot, "先记一条")
        await until(pilot, lambda: screen.sub_title == "✓ saved")
        with read_only(store.meetings_dir):
            await type_note(pilot, "只读时记下的")
            await until(pilot, lambda: screen.sub_title == "▲ NOT SAVED")
            assert "Read-only" in str(screen.session.last_error)
            all_readable(store)
        await type_note(pilot, "恢复可写")
        await until(pilot, lambda: screen.sub_title == "✓ saved")
        assert [n.text for n in stored(screen).notes][-3:] == ["先记一条", "只读时记下的", "恢复可写"]
    all_readable(store)


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "meetui.cli.main", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )


def test_the_command_line_on_a_full_and_a_read_only_disk(demo_id: str, store: Store, tmpfs: Path) -> None:
    data = str(store.root)
    meeting_file = store.meeting_path(demo_id)
    before = meeting_file.read_bytes()
    filler = fill(tmpfs)
    created = run_cli("--data", data, "new", "满盘时新建")
    assert created.returncode == 1 and len(created.stderr.splitlines()) == 1, created.stderr
    assert "No space left" in created.stderr and ".tmp" not in created.stderr
    assert "meetings" in created.stderr  # names the meeting file (or its folder), not a temporary file
    assert run_cli("--data", data, "list").returncode == 0
    filler.unlink()

    with read_only(store.meetings_dir):
        refused = run_cli("--data", data, "new", "只读时新建")
        assert refused.returncode == 1 and len(refused.stderr.splitlines()) == 1, refused.stderr
        assert "Read-only" in refused.stderr and ".tmp" not in refused.stderr
        listing = run_cli("--data", data, "list")
        assert listing.returncode == 0 and demo_id in listing.stdout
        assert meeting_file.read_bytes() == before
    all_readable(store)
