"""The home screen's keys for preparing meetings (``p`` plan, ``c`` create), defined once (ids for the keymap)."""

from __future__ import annotations

from ..keys import Command

#: The home screen's keys for preparing meetings (ids for the keymap).
HOME_PLAN_COMMANDS: tuple[Command, ...] = (
    Command(
        "home.plan",
        "p",
        "plan_meeting",
        "plan",
        "Prepare the highlighted meeting: details, attendees, agenda, checks.",
        palette="Plan the meeting",
    ),
    Command(
        "home.create", "c", "create_meeting", "create", "Create a meeting and prepare it.", palette="Create a meeting"
    ),
)
