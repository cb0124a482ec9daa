"""The linter and the type checker, run by the test suite (so the README's one test command runs them too).

``ruff check meetui tests`` with the settings in ``pyproject.toml``, and
``mypy`` with its settings there (the whole package; the strict settings on
the core, the store and the modules listed with them). Each is skipped, with
the reason, when it is not installed (it comes with the ``test`` extra).
``ruff format --check`` is not run: the code keeps its own layout (aligned
continuation lines), which the formatter would rewrite in most files.
"""

from __future__ import annotations

import hashlib
import importlib.util
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
#: mypy's cache lives outside the repository and outlives a run: a warm run takes a second, a cold one many.
#: One cache per checkout and interpreter: a cache shared by two checkouts mixes their modules up.
MYPY_CACHE = Path(tempfile.gettempdir()) / (
    "meetui-tests-mypy-cache-" + hashlib.sha256(f"{REPO}|{sys.prefix}".encode()).hexdigest()[:12]
)


def tool(module: str) -> None:
    if importlib.util.find_spec(module) is None:
        pytest.skip(f"{module} is not installed (pip install -e '.[test]')")


def run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *command], cwd=REPO, capture_output=True, text=True, timeout=600)


def test_ruff_finds_nothing() -> None:
    tool("ruff")
    result = run("ruff", "check", "--no-cache", "meetui", "tests")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_nothing() -> None:
    tool("mypy")
    result = run("mypy", "--cache-dir", str(MYPY_CACHE))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success: no issues found" in result.stdout


def test_the_code_is_formatted() -> None:
    tool("ruff")
    result = run("ruff", "format", "--check", "--no-cache", "meetui", "tests")
    assert result.returncode == 0, result.stdout + result.stderr
