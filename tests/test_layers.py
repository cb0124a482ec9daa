"""The layer rule, checked on the source: core → store → export/importers → ui → cli.

Every module under ``meetui/`` is parsed with :mod:`ast`; its imports (anywhere in
the file, relative ones resolved) must stay within its layer's allowance. The core
must not read "now" except through ``SystemClock``. And the commands that do not
open the UI must not import Textual at run time, which a subprocess proves.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "meetui"

#: For each layer (a package under meetui), the top-level names its modules must not import.
FORBIDDEN: dict[str, set[str]] = {
    "core": {
        "textual",
        "tinydb",
        "rich",
        "meetui.store",
        "meetui.ui",
        "meetui.cli",
        "meetui.export",
        "meetui.importers",
    },
    "store": {"textual", "meetui.ui", "meetui.cli", "meetui.export", "meetui.importers"},
    "export": {"textual", "meetui.ui", "meetui.cli"},
    "importers": {"textual", "meetui.ui", "meetui.cli"},
    "ui": {"meetui.cli"},
}

#: Calls that read the wall clock: (the name the attribute is taken from, the attribute).
NOW_CALLS = {
    ("datetime", "now"),
    ("datetime", "utcnow"),
    ("datetime", "today"),
    ("date", "today"),
    ("time", "time"),
    ("time", "time_ns"),
    ("pendulum", "now"),
    ("pendulum", "today"),
    ("DateTime", "now"),
    ("DateTime", "today"),
    ("Date", "today"),
}
NOW_IMPORTS = {("time", "time"), ("time", "time_ns"), ("pendulum", "now"), ("pendulum", "today")}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_names(source: str, module: str, is_package: bool) -> set[str]:
    """Every module name ``source`` imports (also inside functions), relative imports made absolute."""
    names: set[str] = set()
    package = module.split(".") if is_package else module.split(".")[:-1]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                stem = ".".join([*base, node.module] if node.module else base)
            else:
                stem = node.module or ""
            names.add(stem)
            names.update(f"{stem}.{alias.name}" for alias in node.names)  # `from meetui import ui`
        elif (
            isinstance(node, ast.Call)
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
            and dotted(node.func) in {"importlib.import_module", "import_module", "__import__"}
        ):
            names.add(node.args[0].value)
    return names


def dotted(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{dotted(node.value)}.{node.attr}"
    return ""


def violations(names: set[str], forbidden: set[str]) -> list[str]:
    return sorted(n for n in names if any(n == f or n.startswith(f + ".") for f in forbidden))


def reads_of_now(source: str, *, allowed_class: str | None = None) -> list[str]:
    """Lines of ``source`` that read the wall clock, outside the class ``allowed_class``."""
    tree = ast.parse(source)
    allowed: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and node.name == allowed_class:
            allowed.update(id(child) for child in ast.walk(node))
    found = []
    for node in ast.walk(tree):
        if id(node) in allowed:
            continue
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            owner = dotted(node.func.value).rsplit(".", 1)[-1]
            if (owner, node.func.attr) in NOW_CALLS:
                found.append(f"line {node.lineno}: {dotted(node.func)}()")
        if isinstance(node, ast.ImportFrom) and node.level == 0:
            for alias in node.names:
                if (node.module, alias.name) in NOW_IMPORTS:
                    found.append(f"line {node.lineno}: from {node.module} import {alias.name}")
    return found


MODULES = sorted(PACKAGE.rglob("*.py"))


def test_the_package_has_every_layer() -> None:
    layers = {path.relative_to(PACKAGE).parts[0] for path in MODULES if len(path.relative_to(PACKAGE).parts) > 1}
    assert {"core", "store", "importers", "ui", "cli"} <= layers


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(REPO)))
def test_layer_rule(path: Path) -> None:
    layer = path.relative_to(PACKAGE).parts[0]
    if layer not in FORBIDDEN:
        return
    names = imported_names(path.read_text(encoding="utf-8"), module_name(path), path.name == "__init__.py")
    assert violations(names, FORBIDDEN[layer]) == [], f"{path.relative_to(REPO)} breaks the {layer} layer"


@pytest.mark.parametrize("path", sorted((PACKAGE / "core").rglob("*.py")), ids=lambda p: p.name)
def test_core_never_reads_now_directly(path: Path) -> None:
    allowed = "SystemClock" if path.name == "clock.py" else None
    assert reads_of_now(path.read_text(encoding="utf-8"), allowed_class=allowed) == []


def test_the_checks_catch_what_they_look_for() -> None:
    source = (
        "import datetime as dt\nimport pendulum\nfrom time import time\nfrom ..store import Store\n"
        "from .. import ui\n"
        "def f():\n    import textual.app\n    return dt.datetime.now(), dt.date.today(), pendulum.now('UTC')\n"
        "class SystemClock:\n    def now(self):\n        return pendulum.now()\n"
    )
    names = imported_names(source, "meetui.core.meeting", False)
    assert violations(names, FORBIDDEN["core"]) == ["meetui.store", "meetui.store.Store", "meetui.ui", "textual.app"]
    assert reads_of_now(source, allowed_class="SystemClock") == [
        "line 3: from time import time",
        "line 8: dt.datetime.now()",
        "line 8: dt.date.today()",
        "line 8: pendulum.now()",
    ]
    assert len(reads_of_now(source)) == 5
    assert imported_names("from . import actions_cmd\n", "meetui.cli", True) >= {"meetui.cli.actions_cmd"}


# -- no Textual at run time for commands that do not open the UI ------------------------------------------

WRAPPER = """
import sys
from meetui.cli.main import main
try:
    rc = main(sys.argv[1:])
except SystemExit as stop:
    rc = stop.code if isinstance(stop.code, int) else 0
leaked = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))
assert not leaked, "textual imported: " + ", ".join(leaked[:3])
sys.exit(rc)
"""


def run_wrapped(args: list[str], data: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MEETUI_DATA": str(data), "TZ": "Asia/Shanghai", "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-c", WRAPPER, *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=REPO,
        timeout=60,
    )


def registered_commands() -> set[str]:
    from meetui.cli.main import build_parser

    parser = build_parser()
    return {name for action in parser._subparsers._group_actions for name in action.choices}


def test_commands_without_ui_never_import_textual(tmp_path: Path) -> None:
    data = tmp_path / "数据"
    agenda = REPO / "data" / "agendas" / "requirements-handoff.zh.toml"
    # on the real clock: a start of its own, as the file's fixed date will one day have passed (and be refused)
    created = run_wrapped(["new", "会员积分需求对接会", "--agenda", str(agenda), "--at", "next tue 10:00"], data)
    assert created.returncode == 0, created.stderr
    meeting_id = created.stdout.strip()
    bare = run_wrapped(["new", "临时碰头会"], data)
    assert bare.returncode == 0, bare.stderr
    # (arguments, expected exit status): the sample agenda passes `check`, a meeting with no agenda does not; the
    # unknown action is refused
    commands = [
        (["--version"], 0),
        (["--help"], 0),
        (["list"], 0),
        (["list", "--json"], 0),
        (["show", meeting_id], 0),
        (["show", "last", "--json"], 0),
        (["check", bare.stdout.strip()], 1),
        (["check", meeting_id], 0),
        (["check", meeting_id, "--json", "--lang", "en"], 0),
        (["templates"], 0),
        (["edit", meeting_id, "--minutes", "60"], 0),
        (["attendee", "add", meeting_id, "周敏"], 0),
        (["topic", "add", meeting_id, "其他"], 0),
        (["actions"], 0),
        (["actions", "--format", "ics"], 0),
        (["import", str(agenda)], 0),
        (["action", "nothing", "--status", "done"], 1),
        (["new", "--help"], 0),
    ]
    registered = registered_commands()
    if "minutes" in registered:
        commands += [(["minutes", meeting_id], 0), (["minutes", meeting_id, "--format", "html", "--lang", "zh"], 0)]
    if "notice" in registered:
        commands.append((["notice", meeting_id], 0))
    for args, status in commands:
        result = run_wrapped(args, data)
        assert "textual imported" not in result.stderr, (args, result.stderr)
        assert result.returncode == status, (args, result.stderr)


def test_the_wrapper_notices_textual(tmp_path: Path) -> None:
    """The check above can fail: importing Textual before running a command is reported."""
    code = "import textual.app\n" + WRAPPER
    result = subprocess.run(
        [sys.executable, "-c", code, "--version"],
        capture_output=True,
        text=True,
        env={**os.environ, "MEETUI_DATA": str(tmp_path)},
        timeout=60,
    )
    assert result.returncode != 0 and "textual imported" in result.stderr
