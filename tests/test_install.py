"""A non-editable install finds its themes and data: build the wheel, install it elsewhere, run from there.

The repository keeps ``themes/`` and ``data/`` at its top level; the wheel must
carry them inside the package. The installed copy is run with ``python -S`` and
an explicit path (the wheel's target folder, then the dependencies'
site-packages), so the editable install of the checkout cannot be what answers.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHIPPED = ("themes", "data")


def shipped_files(folder: str) -> dict[str, str]:
    """Every file the repository ships from ``folder``, by relative path, with its digest."""
    root = REPO / folder
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    # offline when the build backend is already here; otherwise pip fetches hatchling into an isolated build env
    isolation = ["--no-build-isolation"] if importlib.util.find_spec("hatchling") else []
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            str(REPO),
            "--no-deps",
            "-q",
            "--disable-pip-version-check",
            "-w",
            str(out),
            *isolation,
        ],
        check=True,
        cwd=out,
        timeout=180,
    )
    [built] = out.glob("meetui-*.whl")
    return built


@pytest.fixture(scope="module")
def target(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("installed")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            str(wheel),
            "--no-deps",
            "--no-index",
            "-q",
            "--disable-pip-version-check",
            "--target",
            str(folder),
        ],
        check=True,
        cwd=folder,
        timeout=180,
    )
    return folder


def run_installed(target: Path, code: str, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run ``code`` with only the installed meetui and its dependencies importable."""
    paths = sysconfig.get_paths()
    dependencies = list(dict.fromkeys([paths["purelib"], paths["platlib"]]))
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTHON")}
    env |= {
        "PYTHONPATH": os.pathsep.join([str(target), *dependencies]),
        "PYTHONIOENCODING": "utf-8",
        "TZ": "Asia/Shanghai",
        "MEETUI_DATA": str(cwd / "never-used"),
    }
    return subprocess.run(
        [sys.executable, "-S", "-c", code, *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=cwd,
        timeout=60,
    )


def test_wheel_carries_themes_and_data_inside_the_package(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for folder in SHIPPED:
        expected = {f"meetui/{folder}/{name}" for name in shipped_files(folder)}
        assert expected and expected <= names, sorted(expected - names)
        assert not any(name.startswith(f"{folder}/") for name in names)  # not at the top of site-packages
    assert "meetui/data/demo.json" in names
    assert any(name.startswith("meetui/themes/") and name.endswith(".tcss") for name in names)
    assert not any(name.endswith(".pyc") or name.startswith("tests/") for name in names)


PROBE = """
import json, sys
import meetui, meetui.resources as resources
print(json.dumps({
    "package": meetui.__file__,
    "themes": str(resources.themes_dir()),
    "data": str(resources.data_dir()),
    "path": sys.path,
}))
"""


def test_installed_package_finds_its_own_themes_and_data(target: Path, tmp_path: Path) -> None:
    result = run_installed(target, PROBE, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    installed = target.resolve() / "meetui"
    assert Path(found["package"]).resolve().parent == installed
    assert str(REPO) not in found["path"]
    for folder in SHIPPED:
        location = Path(found[folder])
        assert location == installed / folder
        copied = {
            path.relative_to(location).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in location.rglob("*")
            if path.is_file()
        }
        assert shipped_files(folder).items() <= copied.items()


DEMO = """
import sys
from pathlib import Path
from meetui.core.clock import FrozenClock
from meetui.importers.demo import demo_meeting
from meetui.store import Store
from meetui.ui.themes import meetui_themes, stylesheets
from meetui.cli.main import main

clock = FrozenClock("2026-11-20T09:30:00+08:00", tz="Asia/Shanghai")
meeting = demo_meeting(clock)
Store(Path(sys.argv[1])).create(meeting)
for sheet in stylesheets():
    print("sheet", sheet)
for theme in meetui_themes():
    print("theme", theme.name)
sys.stdout.flush()
sys.exit(main(["--data", sys.argv[1], "show", meeting.id]))
"""


def test_installed_demo_builds_its_meeting_and_loads_its_stylesheets(target: Path, tmp_path: Path) -> None:
    store = tmp_path / "演示数据"
    result = run_installed(target, DEMO, str(store), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    sheets = [Path(line.removeprefix("sheet ")) for line in lines if line.startswith("sheet ")]
    assert {p.name for p in sheets} == {p.name for p in (REPO / "themes").glob("*.tcss")}
    assert all(p.parent == target.resolve() / "meetui" / "themes" for p in sheets)
    assert {line.removeprefix("theme ") for line in lines if line.startswith("theme ")}
    demo = json.loads((REPO / "data" / "demo.json").read_text(encoding="utf-8"))
    assert any(line.startswith(demo["title"]) for line in lines)
    assert list(store.glob("meetings/*/*/*.json"))


def test_installed_console_script(target: Path, tmp_path: Path) -> None:
    scripts = list((target / "bin").glob("meetui")) + list((target / "Scripts").glob("meetui*"))
    assert scripts, "the wheel declares no meetui console script"
    code = "import runpy, sys; sys.argv = ['meetui', *sys.argv[1:]]; runpy.run_path(%r, run_name='__main__')"
    result = run_installed(
        target, code % str(scripts[0]), "--data", str(tmp_path / "库"), "new", "季度规划会", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    listed = run_installed(target, code % str(scripts[0]), "--data", str(tmp_path / "库"), "list", cwd=tmp_path)
    assert result.stdout.strip() in listed.stdout and "季度规划会" in listed.stdout
