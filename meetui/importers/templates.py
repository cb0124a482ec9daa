"""Meeting templates, one per kind of the practice, and the user's own.

A template is a TOML file: the ``kind``, the planned ``minutes``, and per language (``[en]``, ``[zh]``) its
``name``, a ``goal``, ``notes`` to attendees, the ``roles`` to invite (``role`` and ``who``) and the
``topics`` (title, goal, ``owner_role``, planned_minutes, expected_output, priority, background)::

    kind = "kickoff"
    minutes = 60
    [en]
    name = "Project kickoff"
    goal = "By the end of the meeting, agree scope, milestones and an owner for every workstream"
    roles = [{ role = "decision-maker", who = "the sponsor, who approves scope and budget" }]
    [[en.topics]]
    title = "Scope and goals"
    owner_role = "decision-maker"
    planned_minutes = 15
    expected_output = "Agreed scope"

The shipped templates are in ``data/templates/`` (the seven kinds of domain.md, "Kinds of meeting", plus
the weekly sync); the user's own are ``*.toml`` files in the ``templates`` folder beside the config file
(``$MEETUI_CONFIG``'s folder, else the user config folder). A user's template of the same name comes first.
"""

from __future__ import annotations

import json
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..core.errors import MeetuiError
from ..core.models import Meeting, MeetingKind, Role
from ..resources import data_dir

TOP_KEYS = {"kind", "minutes", "urgent", "en", "zh"}
LANG_KEYS = {"name", "goal", "notes", "roles", "topics"}
TOPIC_KEYS = {"title", "goal", "owner_role", "planned_minutes", "expected_output", "priority", "background"}
ROLE_KEYS = {"role", "who"}


@dataclass
class Template:
    """One template: its name (the file's stem), kind, length and its words per language."""

    name: str
    kind: MeetingKind
    minutes: int
    urgent: bool
    langs: dict[str, dict[str, Any]]
    path: Path
    user: bool = False

    def lang(self, lang: str) -> str:
        """``lang`` if the template has it, else the language it has."""
        return lang if lang in self.langs else next(iter(self.langs))

    def label(self, lang: str = "en") -> str:
        return self.langs[self.lang(lang)].get("name", self.name)

    def meeting_fields(self, lang: str = "en", attendees: list[dict[str, Any]] | None = None) -> dict[str, Any]:
        """Fields for :func:`~meetui.core.meeting.new_meeting`: kind, minutes, goal, notes and topics.

        A topic's owner is the first of ``attendees`` (mappings with ``name`` and ``role``) with its
        ``owner_role``, if any.
        """
        words = self.langs[self.lang(lang)]
        topics = []
        for topic in words.get("topics", []):
            values = {k: v for k, v in topic.items() if k != "owner_role"}
            role = topic.get("owner_role")
            owner = next((a["name"] for a in attendees or [] if str(a.get("role", "")) == role), "")
            if owner:
                values["owner"] = owner
            topics.append(values)
        fields: dict[str, Any] = {"kind": self.kind, "planned_minutes": self.minutes, "topics": topics}
        if self.urgent:
            fields["urgent"] = True
        if words.get("goal"):
            fields["goal"] = words["goal"]
        if words.get("notes"):
            fields["notes_to_attendees"] = words["notes"]
        return fields

    def roles_to_invite(self, lang: str = "en") -> list[dict[str, str]]:
        return list(self.langs[self.lang(lang)].get("roles", []))


def shipped_dir() -> Path:
    return data_dir() / "templates"


def user_dir() -> Path:
    """The user's templates: ``templates`` beside the config file (``$MEETUI_CONFIG``), else in the config dir."""
    env = os.environ.get("MEETUI_CONFIG")
    if env:
        path = Path(env).expanduser()
        return (path if path.is_dir() or not path.suffix else path.parent) / "templates"
    from platformdirs import user_config_path

    return user_config_path("meetui", appauthor=False) / "templates"


def read_template(path: Path, *, user: bool = False) -> Template:
    """Read and check one template file; raises :class:`MeetuiError` naming the file and what is wrong."""
    from ..store.files import read_file

    try:  # read_file: only a regular file of bounded size, never a FIFO that would hang
        data = tomllib.loads(read_file(path, limit=1024 * 1024)[0].decode("utf-8-sig"))
    except RecursionError:
        raise MeetuiError(f"{path}: not a readable template (nested too deeply)") from None
    except (OSError, ValueError) as error:  # StoreError, UnicodeDecodeError and TOMLDecodeError are ValueErrors
        raise MeetuiError(f"{path}: not a readable template ({str(error)[:200]})") from None

    def refuse(message: str) -> MeetuiError:
        return MeetuiError(f"{path}: {message}")

    unknown = sorted(set(data) - TOP_KEYS)
    if unknown:
        raise refuse(f"unknown key(s) {', '.join(unknown)}; a template has {', '.join(sorted(TOP_KEYS))}")
    try:
        kind = MeetingKind(data.get("kind", "other"))
    except ValueError:
        raise refuse(f"unknown kind {data.get('kind')!r}") from None
    minutes = data.get("minutes", 60)
    if not isinstance(minutes, int) or isinstance(minutes, bool) or not 1 <= minutes <= 24 * 60:
        raise refuse(f"minutes must be a whole number from 1 to 1440 (got {minutes!r})")
    langs: dict[str, dict[str, Any]] = {lang: data[lang] for lang in ("en", "zh") if lang in data}
    if not langs:
        raise refuse("a template needs an [en] or a [zh] table")
    for lang, words in langs.items():
        if not isinstance(words, dict):
            raise refuse(f"[{lang}] must be a table")
        unknown = sorted(set(words) - LANG_KEYS)
        if unknown:
            raise refuse(f"[{lang}]: unknown key(s) {', '.join(unknown)}; allowed: {', '.join(sorted(LANG_KEYS))}")
        for number, topic in enumerate(words.get("topics", []), 1):
            if not isinstance(topic, dict) or not topic.get("title"):
                raise refuse(f"[{lang}] topic {number}: needs a title")
            unknown = sorted(set(topic) - TOPIC_KEYS)
            if unknown:
                raise refuse(f"[{lang}] topic {number} ({topic['title']}): unknown key(s) {', '.join(unknown)}")
            if topic.get("owner_role") is not None:
                try:
                    Role(topic["owner_role"])
                except ValueError:
                    raise refuse(f"[{lang}] topic {number}: unknown owner_role {topic['owner_role']!r}") from None
        for number, role in enumerate(words.get("roles", []), 1):
            if not isinstance(role, dict) or set(role) - ROLE_KEYS or role.get("role") not in {r.value for r in Role}:
                raise refuse(f'[{lang}] role {number}: write {{ role = "decision-maker", who = "…" }}')
    return Template(path.stem, kind, minutes, bool(data.get("urgent", False)), langs, path, user)


def all_templates() -> tuple[list[Template], list[str]]:
    """The user's templates, then the shipped ones not overridden by name; and what could not be read."""
    found: dict[str, Template] = {}
    problems: list[str] = []
    for folder, user in ((user_dir(), True), (shipped_dir(), False)):
        try:
            paths = sorted(folder.glob("*.toml"))
        except OSError:
            continue
        for path in paths:
            if path.stem in found:
                continue
            try:
                found[path.stem] = read_template(path, user=user)
            except MeetuiError as error:
                problems.append(str(error))
    return list(found.values()), problems


def template_names() -> list[str]:
    """The names of the templates found (user's and shipped), from the file names alone."""
    names: set[str] = set()
    for folder in (user_dir(), shipped_dir()):
        try:
            names.update(p.stem for p in folder.glob("*.toml"))
        except OSError:
            continue
    return sorted(names)


def find_template(name: str) -> Template:
    """The template called ``name`` (a kind such as ``kickoff``, or a user template's file name)."""
    wanted = name.strip().casefold()
    templates, _ = all_templates()
    for template in templates:
        if template.name.casefold() == wanted:
            return template
    names = ", ".join(t.name for t in templates)
    raise MeetuiError(f"no template {name.strip()!r}: use one of {names} (see `meetui templates`)")


def template_text(meeting: Meeting, lang: str) -> str:
    """A meeting's kind, length, goal, notes, roles and agenda as a template file (owners become roles)."""

    def q(value: object) -> str:
        return json.dumps(value, ensure_ascii=False)

    roles = {a.name: a.role.value for a in meeting.attendees}
    lines = [f"# {meeting.title}", f"kind = {q(meeting.kind.value)}", f"minutes = {meeting.planned_minutes}"]
    if meeting.urgent:
        lines.append("urgent = true")
    lines += ["", f"[{lang}]", f"name = {q(meeting.title)}"]
    if meeting.goal:
        lines.append(f"goal = {q(meeting.goal)}")
    if meeting.notes_to_attendees:
        lines.append(f"notes = {q(meeting.notes_to_attendees)}")
    invited = sorted({a.role.value for a in meeting.attendees}, key=[r.value for r in Role].index)
    if invited:
        lines.append("roles = [" + ", ".join(f"{{ role = {q(r)} }}" for r in invited) + "]")
    for topic in meeting.agenda:
        lines += ["", f"[[{lang}.topics]]", f"title = {q(topic.title)}"]
        for key in ("goal", "background", "expected_output"):
            if getattr(topic, key):
                lines.append(f"{key} = {q(getattr(topic, key))}")
        if topic.owner in roles:
            lines.append(f"owner_role = {q(roles[topic.owner])}")
        lines.append(f"planned_minutes = {topic.planned_minutes}")
        lines.append(f"priority = {q(topic.priority.value)}")
    return "\n".join(lines) + "\n"


def save_template(meeting: Meeting, name: str, lang: str, folder: Path | None = None) -> Path:
    """Write the meeting as the user's template ``name`` (a file name without ``.toml``); returns its path."""
    from ..export.files import write_text
    from ..store.atomic import ensure_dir

    stem = name.strip()
    if not stem or any(c in stem for c in '/\\:*?"<>|') or stem.startswith("."):
        raise MeetuiError(f"{name!r} cannot be a template name: use letters, digits, - and _")
    folder = folder or user_dir()
    ensure_dir(folder)
    path = folder / f"{stem}.toml"
    write_text(path, template_text(meeting, lang))
    read_template(path, user=True)  # what was written reads back
    return path
