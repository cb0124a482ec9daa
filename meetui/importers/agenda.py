"""Agenda files: a meeting's details, attendees and topics written in TOML, JSON, YAML or Markdown.

The format follows the file's extension (``.toml``, ``.json``, ``.yaml``/``.yml``, ``.md``/``.markdown``).
A byte-order mark and CRLF line ends are accepted. TOML, JSON and YAML use the model's field names::

    title = "会员积分需求对接会"          # the meeting: title, kind, goal, urgent, planned_minutes,
    kind = "requirements-handoff"        # scheduled_start, timezone, place, host, note_taker,
    planned_minutes = 60                 # materials, notes_to_attendees
    [[attendees]]                        # name, department, role, contact, attendance, proxy,
    name = "王芳"                         # written_input, absence_reason, bring
    role = "decision-maker"
    [[topics]]                           # title, goal, background, owner, planned_minutes,
    title = "一期范围"                    # expected_output, priority, materials
    planned_minutes = 25

Markdown: a ``#`` heading is the title; ``- key: value`` lines give the details; a section headed
Attendees (参会人员) and one headed Agenda (议程) hold a table, or list items with ``|`` between the cells
(``- 王芳 | 产品部 | decision-maker``, ``- 一期范围 | 李娜 | 25 | 范围清单``); a topic's other fields go
in ``- key: value`` items indented under it. Sections Materials (会议材料) and Notes (会前须知) are optional.

Every refusal is one :class:`~meetui.core.errors.MeetuiError` naming the file, the line (and column where
known), the topic or attendee, and what was expected, e.g.
``agenda.json line 4, column 7, topic "Budget": planned_minutes is null; write a whole number of minutes,
or leave it out for 10``. Unknown keys are refused by name, never ignored.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
import unicodedata
from pathlib import Path
from typing import Any

from ..core.errors import MeetuiError
from ..core.models import MeetingKind, Priority
from ..core.planning import ATTENDEE_FIELDS, TOPIC_FIELDS

#: The largest agenda file read, in bytes (1 MiB).
MAX_AGENDA_BYTES = 1024 * 1024

MEETING_KEYS = (
    "title",
    "kind",
    "goal",
    "urgent",
    "planned_minutes",
    "scheduled_start",
    "timezone",
    "place",
    "host",
    "note_taker",
    "materials",
    "notes_to_attendees",
    "attendees",
    "topics",
)
#: A topic's and an attendee's keys: the fields a plan may set (one list, :mod:`meetui.core.planning`'s).
TOPIC_KEYS = TOPIC_FIELDS
ATTENDEE_KEYS = ATTENDEE_FIELDS
FORMATS = {".toml": "toml", ".json": "json", ".yaml": "yaml", ".yml": "yaml", ".md": "md", ".markdown": "md"}

Path_ = tuple[Any, ...]
Where = dict[Path_, tuple[int, int | None]]


class _Refusal(Exception):
    """A problem at a place in the file, turned into one line by :func:`read_agenda`."""

    def __init__(self, message: str, path: Path_ = (), line: int | None = None, column: int | None = None) -> None:
        super().__init__(message)
        self.message, self.path, self.line, self.column = message, path, line, column


def read_agenda(path: str | Path, zone: str = "UTC", now: dt.datetime | None = None) -> dict[str, Any]:
    """Read and check an agenda file into fields for :func:`~meetui.core.meeting.new_meeting`.

    A start time without an offset is wall time in the file's ``timezone``, else in ``zone``. With ``now``
    (creating a meeting to hold), a start that has passed is refused where it is written
    (:func:`~meetui.core.planning.refuse_past_start`); without it (importing a meeting already held) it is
    taken.

    Raises :class:`MeetuiError` (one line: file, line, column, topic, what was expected).
    """
    from ..store.files import StoreError, read_file

    path = Path(path)
    if not path.exists() and not path.is_symlink():
        raise MeetuiError(f"{path}: no such agenda file")
    try:  # only a regular file of bounded size: a FIFO or /dev/zero given as an agenda must not hang
        raw = read_file(path, limit=MAX_AGENDA_BYTES)[0]
    except StoreError as exc:
        raise MeetuiError(f"{exc} (an agenda file)") from None
    try:
        text = raw.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError as exc:
        raise MeetuiError(f"{path}: not UTF-8 text (byte {exc.start}); save the agenda as UTF-8") from None
    fmt = FORMATS.get(path.suffix.casefold(), "toml")
    data: Any = None
    where: Where = {}
    try:
        data, where = {"toml": _toml, "json": _json, "yaml": _yaml, "md": _markdown}[fmt](text)
        return _checked(data, zone, now)
    except _Refusal as refusal:
        raise MeetuiError(_locate(path, refusal, data, where)) from None
    except RecursionError:
        raise MeetuiError(f"{path}: not a valid agenda file (nested too deeply)") from None
    except MeetuiError:
        raise
    except ValueError as exc:  # a number of more than 4,300 digits, which the parsers do not turn into their error
        raise MeetuiError(f"{path}: not a valid agenda file ({str(exc)[:120]})") from None


def _locate(path: Path, refusal: _Refusal, data: Any, where: Where) -> str:
    """One line: ``file line L, column C, topic "X": message``."""
    line, column = refusal.line, refusal.column
    probe = refusal.path
    while line is None and probe:
        line, column = where.get(probe, (None, None))
        probe = probe[:-1]
    parts = [path.name if line is not None else str(path)]
    if line is not None:
        parts[0] += f" line {line}" + (f", column {column}" if column else "")
    if len(refusal.path) >= 2 and refusal.path[0] in {"topics", "attendees"} and isinstance(data, dict):
        items = data.get(refusal.path[0])
        item = items[refusal.path[1]] if isinstance(items, list) and refusal.path[1] < len(items) else None
        label = "topic" if refusal.path[0] == "topics" else "attendee"
        name = item.get("title" if label == "topic" else "name") if isinstance(item, dict) else None
        parts.append(
            f'{label} "{_visible(name)}"'
            if isinstance(name, str) and name.strip()
            else f"{label} {refusal.path[1] + 1}"
        )
    return ", ".join(parts) + f": {refusal.message}"


def _visible(text: str) -> str:
    """``text`` with control characters written as escapes, so that a refusal stays one line."""
    return "".join(c if unicodedata.category(c) != "Cc" else repr(c)[1:-1] for c in text)


# -- the formats -----------------------------------------------------------------------------


def _toml(text: str) -> tuple[Any, Where]:
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise _Refusal(
            f"not valid TOML ({message})",
            line=int(found[1]) if found else None,
            column=int(found[2]) if found else None,
        ) from None
    return data, _toml_where(text)


def _toml_where(text: str) -> Where:
    """Where each key is, by reading the lines: top-level keys, and keys inside ``[[topics]]``/``[[attendees]]``."""
    where: Where = {}
    prefix: Path_ = ()
    counts: dict[str, int] = {}
    for number, line in enumerate(text.split("\n"), 1):
        stripped = line.strip()
        header = re.fullmatch(r"\[\[\s*([A-Za-z_]+)\s*\]\]\s*(#.*)?", stripped)
        if header:
            name = header[1]
            counts[name] = counts.get(name, -1) + 1
            prefix = (name, counts[name])
            where.setdefault((name,), (number, None))
            where[prefix] = (number, None)
            continue
        if re.fullmatch(r"\[[^\[].*\]\s*(#.*)?", stripped):
            prefix = (stripped.strip("[] "),)
            where[prefix] = (number, None)
            continue
        key = re.match(r'\s*("?)([A-Za-z_][\w-]*)\1\s*=', line)
        if key:
            where.setdefault((*prefix, key[2]), (number, len(line) - len(line.lstrip()) + 1))
    return where


def _json(text: str) -> tuple[Any, Where]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _Refusal(f"not valid JSON ({exc.msg})", line=exc.lineno, column=exc.colno) from None
    where: Where = {}
    with contextlib.suppress(ValueError, IndexError):  # only positions are lost; the data is valid JSON
        _JsonPositions(text, where).value(0, ())
    return data, where


def _scanstring(text: str, end: int) -> tuple[str, int]:
    """A JSON string's value and where it ends, given the index just after its opening quote."""
    from json.decoder import scanstring  # type: ignore[attr-defined]  # public, though not in the stubs

    value, after = scanstring(text, end)
    return str(value), int(after)


class _JsonPositions:
    """Records where each key of a JSON document starts (line, column)."""

    _TOKEN = re.compile(r"[\s]*")
    _SCALAR = re.compile(r"-?\d+(\.\d+)?([eE][-+]?\d+)?|true|false|null")

    def __init__(self, text: str, where: Where) -> None:
        self.text, self.where = text, where

    def _skip(self, i: int) -> int:
        return self._TOKEN.match(self.text, i).end()  # type: ignore[union-attr]

    def _position(self, i: int) -> tuple[int, int]:
        line = self.text.count("\n", 0, i) + 1
        return line, i - (self.text.rfind("\n", 0, i) + 1) + 1

    def value(self, i: int, path: Path_) -> int:
        i = self._skip(i)
        char = self.text[i]
        if char == "{":
            i = self._skip(i + 1)
            while self.text[i] != "}":
                key, end = _scanstring(self.text, i + 1)
                self.where[(*path, key)] = self._position(i)
                i = self._skip(end)
                i = self.value(i + 1, (*path, key))  # past the colon
                i = self._skip(i)
                if self.text[i] == ",":
                    i = self._skip(i + 1)
            return i + 1
        if char == "[":
            i = self._skip(i + 1)
            index = 0
            while self.text[i] != "]":
                self.where[(*path, index)] = self._position(i)
                i = self._skip(self.value(i, (*path, index)))
                index += 1
                if self.text[i] == ",":
                    i = self._skip(i + 1)
            return i + 1
        if char == '"':
            return _scanstring(self.text, i + 1)[1]
        match = self._SCALAR.match(self.text, i)
        if not match:
            raise ValueError(i)
        return match.end()


def _yaml(text: str) -> tuple[Any, Where]:
    import yaml

    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise _Refusal(
            f"not valid YAML ({problem})",
            line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
        ) from None
    where: Where = {}

    def walk(item: Any, path: Path_) -> None:
        if isinstance(item, yaml.MappingNode):
            for key, value in item.value:
                where[(*path, key.value)] = (key.start_mark.line + 1, key.start_mark.column + 1)
                walk(value, (*path, key.value))
        elif isinstance(item, yaml.SequenceNode):
            for index, value in enumerate(item.value):
                where[(*path, index)] = (value.start_mark.line + 1, value.start_mark.column + 1)
                walk(value, (*path, index))

    if node is not None:
        walk(node, ())
    if isinstance(data, dict):  # YAML reads a bare date or time itself; the checks below want text or datetimes
        for key, value in list(data.items()):
            if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
                data[key] = value.isoformat()
    return data, where


# -- Markdown ---------------------------------------------------------------------------------

_SECTIONS = {
    "attendees": "attendees", "participants": "attendees", "people": "attendees", "参会人员": "attendees",
    "与会人员": "attendees", "参会人": "attendees", "参会部门及人员": "attendees",
    "agenda": "topics", "topics": "topics", "议程": "topics", "议题": "topics", "会议议程": "topics",
    "details": "details", "basic information": "details", "基本信息": "details", "会议信息": "details",
    "materials": "materials", "会议材料": "materials", "材料": "materials",
    "notes": "notes", "notes to attendees": "notes", "会前须知": "notes", "备注": "notes", "注意事项": "notes",
}  # fmt: skip
_DETAIL_WORDS = {
    "title": "title", "kind": "kind", "类型": "kind", "会议类型": "kind", "goal": "goal", "目标": "goal",
    "会议目标": "goal", "urgent": "urgent", "紧急": "urgent", "minutes": "planned_minutes",
    "planned minutes": "planned_minutes", "planned_minutes": "planned_minutes", "length": "planned_minutes",
    "时长": "planned_minutes", "会议时长": "planned_minutes", "start": "scheduled_start", "at": "scheduled_start",
    "when": "scheduled_start", "scheduled_start": "scheduled_start", "时间": "scheduled_start",
    "开始时间": "scheduled_start", "会议时间": "scheduled_start", "zone": "timezone", "timezone": "timezone",
    "time zone": "timezone", "时区": "timezone", "place": "place", "link": "place", "地点": "place",
    "会议地点": "place", "host": "host", "主持人": "host", "note-taker": "note_taker", "note taker": "note_taker",
    "note_taker": "note_taker", "记录人": "note_taker", "notes": "notes_to_attendees",
    "notes to attendees": "notes_to_attendees", "notes_to_attendees": "notes_to_attendees",
    "会前须知": "notes_to_attendees", "materials": "materials", "会议材料": "materials",
}  # fmt: skip
_TOPIC_WORDS = {
    "topic": "title", "title": "title", "议题": "title", "议题名称": "title", "owner": "owner", "负责人": "owner",
    "minutes": "planned_minutes", "min": "planned_minutes", "planned minutes": "planned_minutes",
    "planned_minutes": "planned_minutes", "timebox": "planned_minutes", "时长": "planned_minutes",
    "预计时长": "planned_minutes", "分钟": "planned_minutes", "expected output": "expected_output",
    "output": "expected_output", "expected_output": "expected_output", "预期产出": "expected_output",
    "产出": "expected_output", "goal": "goal", "目标": "goal", "priority": "priority", "优先级": "priority",
    "background": "background", "背景": "background", "materials": "materials", "材料": "materials",
}  # fmt: skip
_ATTENDEE_WORDS = {
    "name": "name", "姓名": "name", "department": "department", "dept": "department", "部门": "department",
    "role": "role", "角色": "role", "contact": "contact", "联系方式": "contact", "rsvp": "attendance",
    "attendance": "attendance", "answer": "attendance", "回复": "attendance", "状态": "attendance",
    "proxy": "proxy", "代理人": "proxy", "written input": "written_input", "written_input": "written_input",
    "书面意见": "written_input", "bring": "bring", "需准备": "bring", "reason": "absence_reason",
    "原因": "absence_reason",
}  # fmt: skip
#: The cells of a list item, in order.
_TOPIC_CELLS = ("title", "owner", "planned_minutes", "expected_output")
_ATTENDEE_CELLS = ("name", "department", "role", "contact", "attendance")


def _fold(word: str) -> str:
    return " ".join(word.strip().strip("*_`").casefold().replace("_", " ").split())


def _cells(row: str) -> list[str]:
    row = row.strip().replace("｜", "|")
    if row.startswith("|"):
        row = row[1:]
    if row.endswith("|"):
        row = row[:-1]
    return [cell.strip() for cell in row.split("|")]


def _markdown(text: str) -> tuple[Any, Where]:
    data: dict[str, Any] = {}
    where: Where = {}
    section = "details"
    header: list[str] | None = None  # the current table's fields
    last_item: Path_ | None = None
    notes: list[str] = []
    for number, line in enumerate(text.split("\n"), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("<!--"):
            header = None if not stripped else header
            continue
        heading = re.fullmatch(r"(#{1,6})\s+(.*?)\s*#*", stripped)
        if heading:
            header, last_item = None, None
            if len(heading[1]) == 1 and "title" not in data:
                data["title"] = heading[2]
                where[("title",)] = (number, 1)
                continue
            name = _SECTIONS.get(_fold(re.sub(r"\s*[(（].*?[)）]\s*", "", heading[2])))
            if name is None:
                name = _SECTIONS.get(_fold(heading[2]))
            if name is None:
                known = (
                    "Attendees (参会人员), Agenda (议程), Materials (会议材料), Notes (会前须知), Details (基本信息)"
                )
                raise _Refusal(f"unknown section {heading[2]!r}; sections are {known}", line=number, column=1)
            section = name
            continue
        if section == "notes":
            notes.append(stripped)
            data["notes_to_attendees"] = "\n".join(notes)
            where.setdefault(("notes_to_attendees",), (number, 1))
            continue
        if stripped.startswith("|"):
            cells = _cells(stripped)
            if all(re.fullmatch(r":?-{2,}:?", c) for c in cells if c):
                continue  # the line under a table's header
            if header is None:
                header = _table_header(section, cells, number)
                continue
            if section not in {"topics", "attendees"}:
                raise _Refusal("a table belongs in the Attendees or the Agenda section", line=number, column=1)
            item = {key: value for key, value in zip(header, cells, strict=False) if value}
            if len(cells) > len(header):
                raise _Refusal(f"this row has {len(cells)} cells; the table's header has {len(header)}", line=number)
            _add_item(data, where, section, item, number)
            continue
        bullet = re.match(r"^(\s*)(?:[-*+]|\d+[.)])\s+(.*)$", line)
        if not bullet:
            raise _Refusal(
                "expected a heading, a `- key: value` line, a list item or a table row", line=number, column=1
            )
        indent, content = len(bullet[1].expandtabs(4)), bullet[2].strip()
        pair = re.fullmatch(r"([^:：|]{1,40}?)\s*[:：]\s*(.*)", content)
        if section in {"topics", "attendees"} and indent > 0 and pair and last_item is not None:
            words = _TOPIC_WORDS if section == "topics" else _ATTENDEE_WORDS
            key = words.get(_fold(pair[1]))
            if key is None:
                keys = ", ".join(sorted(set(words.values())))
                raise _Refusal(
                    f"unknown key {pair[1].strip()!r}; a {section[:-1]} has {keys}",
                    path=last_item,
                    line=number,
                    column=indent + 1,
                )
            data[last_item[0]][last_item[1]][key] = pair[2].strip()
            where[(*last_item, key)] = (number, indent + 1)
            continue
        if section == "topics":
            item = dict(zip(_TOPIC_CELLS, _cells(content), strict=False))
            last_item = _add_item(data, where, section, {k: v for k, v in item.items() if v}, number, indent + 1)
        elif section == "attendees":
            cells = (
                _cells(content)
                if "|" in content.replace("｜", "|")
                else [c.strip() for c in re.split(r"[,，]", content)]
            )
            item = dict(zip(_ATTENDEE_CELLS, cells, strict=False))
            last_item = _add_item(data, where, section, {k: v for k, v in item.items() if v}, number, indent + 1)
        elif section == "materials":
            link = re.fullmatch(r"\[(.+?)\]\((.*?)\)", content)
            data.setdefault("materials", []).append({"name": link[1], "link": link[2]} if link else content)
            where.setdefault(("materials",), (number, indent + 1))
        else:
            if not pair:
                raise _Refusal("expected `- key: value` (e.g. `- host: 王芳`)", line=number, column=indent + 1)
            key = _DETAIL_WORDS.get(_fold(pair[1]))
            if key is None:
                raise _Refusal(
                    f"unknown key {pair[1].strip()!r}; the details are "
                    f"{', '.join(sorted(set(_DETAIL_WORDS.values())))}",
                    line=number,
                    column=indent + 1,
                )
            data[key] = pair[2].strip()
            where[(key,)] = (number, indent + 1)
    if isinstance(data.get("urgent"), str):
        data["urgent"] = _fold(data["urgent"]) in {"yes", "true", "是", "紧急", "y"}
    if isinstance(data.get("materials"), str):
        from ..core.planning import parse_materials

        data["materials"] = [m.model_dump() for m in parse_materials(data["materials"])]
    return data, where


def _table_header(section: str, cells: list[str], number: int) -> list[str]:
    if section not in {"topics", "attendees"}:
        raise _Refusal("a table belongs in the Attendees or the Agenda section", line=number, column=1)
    words = _TOPIC_WORDS if section == "topics" else _ATTENDEE_WORDS
    fields = []
    for column, cell in enumerate(cells, 1):
        key = words.get(_fold(cell))
        if key is None:
            raise _Refusal(
                f"unknown column {cell!r}; the columns are {', '.join(sorted(set(words.values())))}",
                line=number,
                column=column,
            )
        fields.append(key)
    return fields


def _add_item(
    data: dict[str, Any], where: Where, section: str, item: dict[str, Any], number: int, column: int = 1
) -> Path_:
    items = data.setdefault(section, [])
    path: Path_ = (section, len(items))
    items.append(item)
    where.setdefault((section,), (number, column))
    where[path] = (number, column)
    for key in item:
        where[(*path, key)] = (number, column)
    return path


# -- checking ---------------------------------------------------------------------------------


def _checked(data: Any, zone: str, now: dt.datetime | None = None) -> dict[str, Any]:
    """The fields, each checked for its type and values, with the first problem refused where it is."""
    if not isinstance(data, dict):
        raise _Refusal("an agenda file holds a table of meeting fields (title, goal, topics…)")
    _no_unknown(data, MEETING_KEYS, (), "the meeting")
    fields: dict[str, Any] = {}
    for key, value in data.items():
        if key == "topics":
            fields[key] = [_topic(item, (key, i)) for i, item in enumerate(_list(value, (key,), "[[topics]]"))]
        elif key == "attendees":
            fields[key] = [_attendee(item, (key, i)) for i, item in enumerate(_list(value, (key,), "[[attendees]]"))]
            _no_duplicates(fields[key], key)
        elif key == "materials":
            fields[key] = _materials(value, (key,))
        elif key == "planned_minutes":
            fields[key] = _minutes(value, (key,), 60)
        elif key == "urgent":
            if not isinstance(value, bool):
                raise _Refusal(f"urgent is {_shown(value)}; write true or false", (key,))
            fields[key] = value
        elif key == "kind":
            kinds = [k.value for k in MeetingKind]
            if value not in kinds:
                raise _Refusal(f"kind is {_shown(value)}; use one of {', '.join(kinds)}", (key,))
            fields[key] = value
        elif key == "scheduled_start":
            if not isinstance(value, str | dt.datetime) or isinstance(value, dt.time):
                raise _Refusal(
                    f"scheduled_start is {_shown(value)}; write a date and time, "
                    'e.g. 2026-12-01T10:00:00+08:00 or "2026-12-01 10:00"',
                    (key,),
                )
            fields[key] = value
        elif key == "timezone":
            from ..core.clock import zone_checked

            try:
                fields[key] = zone_checked(_text(value, (key,)))
            except MeetuiError:
                raise _Refusal(
                    f"timezone is {_shown(value)}; write an IANA zone such as Asia/Shanghai", (key,)
                ) from None
        else:
            fields[key] = _text(value, (key,))
    if "scheduled_start" in fields:
        from ..core.planning import local_time

        value = fields["scheduled_start"]
        try:
            fields["scheduled_start"] = local_time(value, fields.get("timezone") or zone)
        except MeetuiError:
            raise _Refusal(
                f'scheduled_start is {_shown(value)}; write a date and time, e.g. "2026-12-01 10:00"',
                ("scheduled_start",),
            ) from None
        if now is not None:
            from ..core.planning import refuse_past_start

            try:
                refuse_past_start(fields["scheduled_start"], now, fields.get("timezone") or zone)
            except MeetuiError as error:
                raise _Refusal(
                    f"scheduled_start: {error}, or import the file with `meetui import` to keep it as a past meeting",
                    ("scheduled_start",),
                ) from None
    return fields


def _no_duplicates(attendees: list[dict[str, Any]], key: str) -> None:
    """Each person is invited once (names compared as ``meetui attendee add`` does: trimmed, any case)."""
    seen: dict[str, int] = {}
    for index, attendee in enumerate(attendees):
        folded = attendee["name"].strip().casefold()
        if folded in seen:
            raise _Refusal(
                f"{attendee['name'].strip()!r} is already attendee {seen[folded] + 1}; list each attendee once",
                (key, index, "name"),
            )
        seen[folded] = index


def _no_unknown(item: dict[str, Any], allowed: tuple[str, ...], path: Path_, what: str) -> None:
    for key in item:
        if key not in allowed:
            raise _Refusal(f"unknown key {key!r}; {what} has {', '.join(allowed)}", (*path, key))


def _list(value: Any, path: Path_, example: str) -> list[Any]:
    if not isinstance(value, list):
        raise _Refusal(f"{path[-1]} is {_shown(value)}; write a list of tables ({example})", path)
    return value


def _shown(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return json.dumps(value, ensure_ascii=False, default=str) if isinstance(value, list | dict | bool) else str(value)


def _text(value: Any, path: Path_) -> str:
    if not isinstance(value, str):
        raise _Refusal(f"{path[-1]} is {_shown(value)}; write text", path)
    return value


def _minutes(value: Any, path: Path_, default: int) -> int:
    if isinstance(value, str) and re.fullmatch(r"\s*\d{1,4}\s*(min|minutes|分钟|分)?\s*", value):
        value = int(re.sub(r"\D", "", value))
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 24 * 60:
        raise _Refusal(
            f"{path[-1]} is {_shown(value)}; write a whole number of minutes (0 to 1440), "
            f"or leave it out for {default}",
            path,
        )
    return value


def _materials(value: Any, path: Path_) -> list[dict[str, str]]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise _Refusal(f"materials is {_shown(value)}; write a list of names, or of {{name, link}} tables", path)
    found = []
    for index, item in enumerate(value):
        if isinstance(item, str) and item.strip():
            found.append({"name": item.strip(), "link": ""})
        elif (
            isinstance(item, dict)
            and isinstance(item.get("name"), str)
            and item["name"].strip()
            and set(item) <= {"name", "link"}
            and isinstance(item.get("link", ""), str)
        ):
            found.append({"name": item["name"].strip(), "link": item.get("link", "").strip()})
        else:
            raise _Refusal(
                f"material {index + 1} is {_shown(item)}; write a name, or a table with name and link", (*path, index)
            )
    return found


def _one_line(text: str, path: Path_) -> None:
    from ..core.planning import one_line

    try:
        one_line(text, str(path[-1]))
    except MeetuiError as error:
        raise _Refusal(str(error), path) from None


def _topic(item: Any, path: Path_) -> dict[str, Any]:
    if not isinstance(item, dict):
        raise _Refusal(f"{_shown(item)} is not a topic; write a table with title, owner, planned_minutes…", path)
    _no_unknown(item, TOPIC_KEYS, path, "a topic")
    if not isinstance(item.get("title"), str) or not item["title"].strip():
        raise _Refusal('the topic has no title; write title = "…"', (*path, "title"))
    _one_line(item["title"], (*path, "title"))
    topic: dict[str, Any] = {}
    for key, value in item.items():
        if key == "planned_minutes":
            topic[key] = _minutes(value, (*path, key), 10)
        elif key == "materials":
            topic[key] = _materials(value, (*path, key))
        elif key == "priority":
            choices = [p.value for p in Priority]
            if _fold(str(value)) not in choices:
                raise _Refusal(f"priority is {_shown(value)}; use one of {', '.join(choices)}", (*path, key))
            topic[key] = _fold(str(value))
        else:
            topic[key] = _text(value, (*path, key))
    return topic


def _attendee(item: Any, path: Path_) -> dict[str, Any]:
    from ..core.planning import parse_role, parse_rsvp

    if not isinstance(item, dict):
        raise _Refusal(f"{_shown(item)} is not an attendee; write a table with name, department, role…", path)
    _no_unknown(item, ATTENDEE_KEYS, path, "an attendee")
    if not isinstance(item.get("name"), str) or not item["name"].strip():
        raise _Refusal('the attendee has no name; write name = "…"', (*path, "name"))
    _one_line(item["name"], (*path, "name"))
    attendee: dict[str, Any] = {}
    for key, value in item.items():
        text = _text(value, (*path, key))
        try:
            if key == "role":
                attendee[key] = parse_role(text).value
            elif key == "attendance":
                attendee[key] = parse_rsvp(text).value
            else:
                attendee[key] = text
        except MeetuiError as error:
            raise _Refusal(f"{key} is {_shown(value)}; {str(error).split(': ', 1)[-1]}", (*path, key)) from None
    return attendee
