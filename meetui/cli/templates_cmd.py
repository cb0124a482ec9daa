"""``meetui templates``: the meeting kinds' templates, shipped ones and the user's own."""

from __future__ import annotations

import argparse

from .common import print_json, say

#: The commands :func:`register` adds.
COMMANDS = ("templates",)


def register(commands: argparse._SubParsersAction) -> None:
    templates = commands.add_parser("templates", help="the templates `meetui new --kind` seeds a meeting from")
    templates.add_argument("--lang", choices=["en", "zh"], default="en", help="language of the names")
    templates.add_argument("--json", action="store_true", help="machine-readable output")
    templates.set_defaults(handler=cmd_templates)


def cmd_templates(args: argparse.Namespace) -> int:
    from ..core.text import table
    from ..importers.templates import all_templates, user_dir

    found, problems = all_templates()
    for problem in problems:
        say(f"warning: skipped {problem}")
    if args.json:
        print_json(
            [
                {
                    "name": t.name,
                    "kind": t.kind.value,
                    "label": t.label(args.lang),
                    "minutes": t.minutes,
                    "topics": len(t.meeting_fields(args.lang)["topics"]),
                    "user": t.user,
                    "path": str(t.path),
                }
                for t in found
            ]
        )
        return 0
    rows = [
        [
            t.name,
            t.label(args.lang),
            str(t.minutes),
            str(len(t.meeting_fields(args.lang)["topics"])),
            "user" if t.user else "shipped",
        ]
        for t in found
    ]
    print(table(rows, ["NAME", "KIND", "MIN", "TOPICS", "SOURCE"]))
    say(f"your own templates go in {user_dir()}; `meetui new TITLE --kind NAME` uses one")
    return 0
