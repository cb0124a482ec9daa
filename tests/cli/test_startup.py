"""Start-up shortcuts of the command line: only the named command's sub-parsers, the collector paused."""

from __future__ import annotations

import argparse
import gc
import os
import subprocess
import sys
from pathlib import Path

import pytest

from meetui import startup
from meetui.cli import (
    actions_cmd,
    meetings_cmd,
    minutes_cmd,
    notice_cmd,
    plan_cmd,
    prepare_cmd,
    templates_cmd,
    ui_cmd,
)
from meetui.cli.main import COMMAND_MODULES, build_parser, main, named_command

MODULES = [ui_cmd, meetings_cmd, minutes_cmd, actions_cmd, prepare_cmd, templates_cmd, notice_cmd, plan_cmd]


def commands_of(parser: argparse.ArgumentParser) -> set[str]:
    return {name for action in parser._subparsers._group_actions for name in action.choices}  # noqa: SLF001


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__.rsplit(".", 1)[-1])
def test_each_module_lists_exactly_the_commands_it_registers(module) -> None:  # noqa: ANN001
    parser = argparse.ArgumentParser()
    module.register(parser.add_subparsers())
    assert commands_of(parser) == set(module.COMMANDS)


def test_the_command_table_names_each_module_s_own_commands() -> None:
    owners = {name: module.__name__.rsplit(".", 1)[-1] for module in MODULES for name in module.COMMANDS}
    assert owners == COMMAND_MODULES


def test_a_named_command_imports_only_its_own_module() -> None:
    code = (
        "import sys; from meetui.cli.main import build_parser; build_parser('minutes'); "
        "print(sorted(m for m in sys.modules if m.startswith('meetui.cli.')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "meetui.cli.minutes_cmd" in out
    assert not {"meetui.cli.ui_cmd", "meetui.cli.actions_cmd", "meetui.cli.meetings_cmd"} & set(eval(out))  # noqa: S307


def test_a_named_command_gets_only_its_own_module() -> None:
    assert commands_of(build_parser("minutes")) == {"minutes"}
    assert commands_of(build_parser("action")) == {"actions", "action", "remind", "stats"}
    everything = {name for module in MODULES for name in module.COMMANDS}
    assert commands_of(build_parser()) == everything
    assert commands_of(build_parser("会议")) == everything  # not a command: the usage error lists them all


@pytest.mark.parametrize(
    ("argv", "command"),
    [
        (["minutes", "last"], "minutes"),
        (["--data", "minutes", "show", "last"], "show"),  # a data folder named like a command
        (["--dat", "run", "list"], "list"),  # argparse takes abbreviations of --data
        (["--data=数据", "actions"], "actions"),
        (["--version"], None),
        (["-h"], None),
        ([], None),
        (["周会", "last"], "周会"),
    ],
)
def test_the_named_command_is_the_first_argument_that_is_not_an_option(argv: list[str], command: str | None) -> None:
    assert named_command(argv) == command


def test_a_misspelt_command_is_refused_with_the_full_list(capsys) -> None:  # noqa: ANN001
    with pytest.raises(SystemExit) as stop:
        main(["minute", "last"])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert "invalid choice: 'minute'" in err and "'minutes'" in err and "'actions'" in err


def test_a_command_runs_with_the_collector_paused_and_ends_with_it_on(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    seen: list[bool] = []

    def listing(args: argparse.Namespace) -> int:
        seen.append(gc.isenabled())
        return 0

    monkeypatch.setattr(meetings_cmd, "cmd_list", listing)
    assert gc.isenabled()
    assert main(["--data", str(tmp_path / "数据"), "list"]) == 0
    assert seen == [False]
    assert gc.isenabled()


def test_a_collector_turned_off_before_stays_off(tmp_path: Path) -> None:
    (tmp_path / "数据").mkdir()  # `list` refuses a --data folder that does not exist
    gc.disable()
    try:
        assert main(["--data", str(tmp_path / "数据"), "list"]) == 0
        assert not gc.isenabled()
        startup.resume()  # nothing to resume: it was not paused here
        assert not gc.isenabled()
    finally:
        gc.enable()


PLUGIN_SCAN = """
import os, sys
{env}
from meetui import startup
startup.skip_plugin_scan()
from meetui.core.models import Attendee
print("name:", Attendee(id="a1", name="王芳").name)
print("importlib.metadata:", "importlib.metadata" in sys.modules)
print("stand-in:", getattr(sys.modules.get(startup.PLUGIN_LOADER), "__doc__", "") or "")
{after}
"""


def plugin_scan(env: str, after: str = "") -> list[str]:
    code = PLUGIN_SCAN.format(env=env, after=after)
    environment = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8", env=environment, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


@pytest.mark.parametrize("value", startup.ALL_PLUGINS_DISABLED)
def test_with_every_pydantic_plugin_off_models_validate_without_importing_importlib_metadata(value: str) -> None:
    lines = plugin_scan(f"os.environ['PYDANTIC_DISABLE_PLUGINS'] = {value!r}")
    assert lines[0] == "name: 王芳"
    assert lines[1] == "importlib.metadata: False"
    assert "stand-in" in lines[2] and "every plugin is off" in lines[2]


@pytest.mark.parametrize("env", ["", "os.environ['PYDANTIC_DISABLE_PLUGINS'] = 'logfire'"], ids=["unset", "one"])
def test_with_plugins_on_pydantic_s_own_loader_is_used(env: str) -> None:
    lines = plugin_scan(env)
    assert lines[0] == "name: 王芳"
    assert lines[1] == "importlib.metadata: True"
    assert lines[2] == "stand-in: "  # pydantic's own module, which has no docstring


def test_plugins_turned_on_after_the_stand_in_was_put_in_place_reach_pydantic_s_loader() -> None:
    after = """
os.environ["PYDANTIC_DISABLE_PLUGINS"] = "logfire"
from pydantic import BaseModel
class Late(BaseModel):
    x: int
print("late:", Late(x=1).x, "importlib.metadata" in sys.modules, sys.modules[startup.PLUGIN_LOADER].__doc__)
"""
    lines = plugin_scan("os.environ['PYDANTIC_DISABLE_PLUGINS'] = '__all__'", after)
    assert lines[-1] == "late: 1 True None"


def test_the_command_line_turns_every_pydantic_plugin_off_and_skips_the_scan(tmp_path: Path) -> None:
    code = (
        "import sys; from meetui.cli.main import main; "
        f"status = main(['--data', {str(tmp_path / '数据')!r}, 'new', '周会', '--at', '2026-12-08 10:00']); "
        "print(status, 'importlib.metadata' in sys.modules)"
    )
    environment = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=environment, check=True, timeout=60
    ).stdout
    assert out.split()[-2:] == ["0", "False"]
