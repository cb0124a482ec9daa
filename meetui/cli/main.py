"""The ``meetui`` command: parses arguments and dispatches to one module per command group.

Exit status: 0 done, 1 the user's input or data was refused (one line on
stderr, no traceback), 2 wrong usage. Commands that do not open the UI never
import Textual.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence

from .. import __version__, startup
from ..core.errors import MeetuiError

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2

Handler = Callable[[argparse.Namespace], int]


class Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors exit with status 2 and one clear line."""

    def error(self, message: str) -> None:  # type: ignore[override]
        from .common import one_line

        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"meetui: {one_line(message)}\n")


#: Which module defines each command. Only that module is imported for a command: importing the others (the
#: ``csv`` module, the UI's launcher…) costs every run milliseconds for nothing. A test checks this against each
#: module's own ``COMMANDS``.
COMMAND_MODULES = {
    "demo": "ui_cmd",
    "run": "ui_cmd",
    "follow": "ui_cmd",
    "new": "meetings_cmd",
    "list": "meetings_cmd",
    "show": "meetings_cmd",
    "check": "meetings_cmd",
    "import": "meetings_cmd",
    "minutes": "minutes_cmd",
    "actions": "actions_cmd",
    "action": "actions_cmd",
    "remind": "actions_cmd",
    "stats": "actions_cmd",
    "edit": "prepare_cmd",
    "attendee": "prepare_cmd",
    "topic": "prepare_cmd",
    "templates": "templates_cmd",
    "notice": "notice_cmd",
    "plan": "plan_cmd",
}


def build_parser(command: str | None = None) -> Parser:
    """The command-line parser, one sub-parser per command.

    Given the ``command`` the command line names, only the module defining it
    is imported and registers its sub-parsers. Without one (``--help``, a
    usage error, no command), every command is registered, in the order of
    :data:`COMMAND_MODULES`.
    """
    from importlib import import_module

    from .common import not_empty

    every_module = list(dict.fromkeys(COMMAND_MODULES.values()))
    names = [COMMAND_MODULES[command]] if command in COMMAND_MODULES else every_module
    parser = Parser(
        prog="meetui",
        description="Run cross-department meetings live from the keyboard and follow them through.",
        epilog="MEETING is a meeting id, a unique prefix of one, or `last`. Run `meetui COMMAND --help` for details.",
    )
    parser.add_argument("--version", action="version", version=f"meetui {__version__}")
    parser.add_argument(
        "--data",
        metavar="DIR",
        type=not_empty("--data"),
        help="the store folder (default: $MEETUI_DATA or the user data dir)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for name in names:
        import_module(f"{__package__}.{name}").register(commands)
    return parser


def named_command(argv: Sequence[str]) -> str | None:
    """The command the arguments name: the first one that is not an option (or ``--data``'s value)."""
    takes_value = False
    for arg in argv:
        if takes_value:
            takes_value = False
        elif arg.startswith("-"):
            # `--data DIR`, or an abbreviation argparse accepts (`--dat DIR`); `--data=DIR` holds its value
            takes_value = len(arg) > 2 and "--data".startswith(arg)
        else:
            return arg
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (also used by the console script)."""
    # meetui uses no pydantic plugin; looking for them reads every installed package's entry points (about 10 ms,
    # on the way to the first frame), and importing the loader that would look costs 10 ms more. A value the user
    # set is kept.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    startup.skip_plugin_scan()
    startup.pause()
    try:
        return _main(sys.argv[1:] if argv is None else list(argv))
    finally:
        startup.resume()


def _main(argv: list[str]) -> int:
    parser = build_parser(named_command(argv))
    args = parser.parse_args(argv)
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        from . import ui_cmd

        handler = ui_cmd.home
    from .common import UsageError, say

    try:
        return handler(args)
    except UsageError as error:
        say(f"meetui: {error}")
        return EXIT_USAGE
    except MeetuiError as error:
        say(f"meetui: {error}")
        return EXIT_REFUSED
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return EXIT_OK
    except OSError as error:  # an unusable --data folder, a full disk…: one line, not a traceback
        where = f"{error.filename}: " if error.filename else ""
        say(f"meetui: {where}{error.strerror or error}")
        return EXIT_REFUSED
    except RecursionError:  # input nested deeper than any parser can follow
        say("meetui: the input is nested too deeply to be read")
        return EXIT_REFUSED
    except Exception as error:  # the last line of defence: still one line, never a traceback
        if os.environ.get("MEETUI_DEBUG"):
            raise
        from ..core.text import truncate

        detail = truncate(" ".join(str(error).split()), 200)
        say(
            f"meetui: unexpected error ({type(error).__name__}: {detail}); nothing more was done "
            "(MEETUI_DEBUG=1 shows where)"
        )
        return EXIT_REFUSED


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())


if __name__ == "__main__":  # pragma: no cover
    run()
