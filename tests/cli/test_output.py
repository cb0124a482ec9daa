"""``-o FILE``: writes through symlinks, refuses what is not a regular file or is read-only, keeps permissions,
``-`` is stdout, and the format follows the extension unless ``--format`` says otherwise."""

from __future__ import annotations

import os
import socket
import stat
from pathlib import Path

import pytest

from meetui.core.clock import FrozenClock
from meetui.store.atomic import write_atomic

from .conftest import Runner, seed

TITLE = "发布协调会"


@pytest.fixture
def meeting(data_dir: Path, clock: FrozenClock) -> str:
    seed(data_dir, clock, TITLE, meeting_id="mt0001")
    return "mt0001"


def test_a_symlink_is_written_through_to_its_target(cli: Runner, meeting: str, tmp_path: Path) -> None:
    target = tmp_path / "纪要.md"
    target.write_text("旧内容", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(target)
    assert cli("minutes", meeting, "-o", str(link)).code == 0
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert TITLE in target.read_text(encoding="utf-8")


def test_a_dangling_symlink_creates_its_target(cli: Runner, meeting: str, tmp_path: Path) -> None:
    link = tmp_path / "link.md"
    link.symlink_to(tmp_path / "新文件.md")
    assert cli("minutes", meeting, "-o", str(link)).code == 0
    assert link.is_symlink() and TITLE in (tmp_path / "新文件.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("kind", ["folder", "fifo", "socket", "device", "symlink to a fifo", "symlink loop"])
def test_what_is_not_a_regular_file_is_refused_and_left_alone(
    cli: Runner, meeting: str, tmp_path: Path, kind: str
) -> None:
    path = tmp_path / "out.md"
    held = None
    if kind == "folder":
        path.mkdir()
    elif kind in ("fifo", "symlink to a fifo"):
        fifo = tmp_path / "pipe"
        os.mkfifo(fifo)
        if kind == "fifo":
            path = fifo
        else:
            path.symlink_to(fifo)
    elif kind == "socket":
        path = tmp_path / "s.md"
        held = socket.socket(socket.AF_UNIX)
        held.bind(str(path))
    elif kind == "device":  # a node of our own (never a real one such as /dev/null: a regression would replace it)
        try:
            os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))
        except PermissionError:
            pytest.skip("creating a device node is not allowed here")
    else:
        path.symlink_to(tmp_path / "other.md")
        (tmp_path / "other.md").symlink_to(path)
    before = os.lstat(path)
    try:
        line = cli("minutes", meeting, "-o", str(path)).refused()
    finally:
        if held is not None:
            held.close()
    assert str(path) in line
    after = os.lstat(path)
    assert (after.st_ino, after.st_mode) == (before.st_ino, before.st_mode)


def test_an_existing_file_keeps_its_permission_bits(cli: Runner, meeting: str, tmp_path: Path) -> None:
    private = tmp_path / "私密.md"
    private.write_text("", encoding="utf-8")
    private.chmod(0o600)
    assert cli("minutes", meeting, "-o", str(private)).code == 0
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    assert TITLE in private.read_text(encoding="utf-8")


def test_a_read_only_file_is_not_overwritten(cli: Runner, meeting: str, tmp_path: Path) -> None:
    kept = tmp_path / "定稿.md"
    kept.write_text("定稿，不要覆盖", encoding="utf-8")
    kept.chmod(0o444)
    line = cli("minutes", meeting, "-o", str(kept)).refused()
    assert "read-only" in line and str(kept) in line
    assert kept.read_text(encoding="utf-8") == "定稿，不要覆盖"


def test_dash_is_stdout(cli: Runner, meeting: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli("minutes", meeting, "-o", "-")
    assert result.code == 0 and result.out.startswith(f"# Minutes: {TITLE}")
    assert not (tmp_path / "-").exists()


@pytest.mark.parametrize("args", [["-o", ""], ["--data", ""], ["-o", " "]])
def test_an_empty_name_is_a_usage_error(cli: Runner, meeting: str, args: list[str]) -> None:
    result = cli("minutes", meeting, *args)
    assert result.code == 2 and "must not be empty" in result.err_lines[-1]


def test_an_unknown_users_home_is_refused(cli: Runner, meeting: str) -> None:
    assert "no such user" in cli("minutes", meeting, "-o", "~nosuchuser-meetui/m.md").refused()


@pytest.mark.parametrize(("name", "start"), [("x.html", "<!DOCTYPE html>"), ("x.json", "{"), ("x.md", "# Minutes")])
def test_the_format_follows_the_extension(cli: Runner, meeting: str, tmp_path: Path, name: str, start: str) -> None:
    assert cli("minutes", meeting, "-o", str(tmp_path / name)).code == 0
    assert (tmp_path / name).read_text(encoding="utf-8").lstrip().startswith(start)


def test_format_wins_over_an_unknown_extension_and_a_contradiction_is_refused(
    cli: Runner, meeting: str, tmp_path: Path
) -> None:
    assert cli("minutes", meeting, "--format", "html", "-o", str(tmp_path / "x.out")).code == 0
    assert (tmp_path / "x.out").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    result = cli("minutes", meeting, "--format", "md", "-o", str(tmp_path / "x.html"))
    assert result.code == 2 and len(result.err_lines) == 1 and "contradicts" in result.err
    assert not (tmp_path / "x.html").exists()


def test_a_failed_write_names_the_file_not_the_temporary_one(tmp_path: Path) -> None:
    folder = tmp_path / "gone"
    folder.mkdir()
    target = folder / "会议.json"
    folder.rmdir()
    with pytest.raises(OSError) as caught:
        write_atomic(target, b"{}")
    assert caught.value.filename == str(target)
    assert ".tmp" not in str(caught.value)
