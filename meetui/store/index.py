"""The derived index: what listings, ``actions``, search and the home screen read instead of every meeting.

The meeting files are the truth; the index is derived from them and rebuilt
whenever in doubt. It has two levels:

* **Shards**, ``index/<id>.json``: one meeting's *entry*, written by the same
  locked write that changes the meeting whenever the entry changes (a note
  does not change it, see below). An entry has three parts: ``meeting`` (the
  header fields listings show, counts and the figures of ``meetui stats``),
  ``actions`` (every action item with its whole progress log) and ``text``
  (the title, topics, notes, decisions, action items and parking lot, for search:
  ``[kind, topic id, text, record id]`` entries packed into four strings, see
  :func:`meetui.store.search.pack`).
* **Packs**, ``index/<part>.pack.json``: one part of every entry in one file,
  so that ``meetui list`` reads one small file (the ``meeting`` part),
  ``actions`` one more, and search the ``text`` part, whatever the number of
  meetings. Readers refresh a pack from the shards when it is behind.

Each entry carries the identity of the meeting file it was taken from: its
size and modification time (not its inode: a copied or restored store keeps
both when copied with its times, ``cp -a``, ``rsync -a``, ``shutil.copytree``),
and a BLAKE2 digest of its bytes. An entry is used while size and time match;
when they do not, the file's bytes are hashed and the entry is still used if
the digest matches (a copy that lost its times costs one read per file, not a
parse); otherwise the meeting file is parsed and the shard rewritten. A note
written live thus leaves the shard behind until the meeting's next summary
change, and readers take that one meeting from its file meanwhile, which keeps
a second file write off the path of every note.

Every part read from disk is checked before use, in bulk and without pydantic
(20,000 action items are checked in a few tens of milliseconds; validating
each with pydantic took seconds): exact keys, JSON types, enum values. An
entry that fails is skipped with one warning and rebuilt from its meeting file.
Index files are written atomically but without fsync: they are a cache.
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import itertools
import json
import os
import types
import typing
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..core.models import ActionItem, ActionStatus, ProgressEntry
from . import migrations
from .atomic import dump_json, ensure_dir, write_atomic
from .files import (
    INDEX_FORMAT,
    StoreError,
    Tables,
    is_meeting_file_name,
    meeting_of,
    meeting_tables,
    read_file,
    unreadable_file,
)
from .layout import MeetingFiles
from .locks import StoreLocks
from .search import fits_packed, pack, text_entries

__all__ = ["PARTS", "Index", "IndexRow", "digest", "entry_of", "read_shard"]

#: The parts of an entry, each kept in its own pack. ``open`` is the open action items alone (what the home
#: screen shows), so that its cost follows the items still to do, not the archive; and the copies carried from
#: an earlier meeting even once closed, so that a listing of open items sees when a copy was closed (see
#: :meth:`meetui.store.Store.open_action_docs`).
PARTS = ("meeting", "actions", "open", "text")

#: Action item statuses that count as closed (not open) in counts and listings.
CLOSED = frozenset({ActionStatus.DONE.value, ActionStatus.CANCELLED.value})


def digest(raw: bytes) -> str:
    """The digest of a meeting file's bytes that an entry was taken from."""
    return hashlib.blake2b(raw, digest_size=16).hexdigest()


# -- entries -------------------------------------------------------------------------------------


def entry_of(data: Tables) -> dict[str, Any]:
    """A meeting's index entry (the three :data:`PARTS`) from the checked tables of its file.

    Action items are validated here, once per change of the meeting; one that
    does not validate makes the file unreadable, as it would for ``load``.
    """
    header = data["meeting"]["1"]
    actions = []
    for doc in data.get("actions", {}).values():
        try:
            actions.append(ActionItem.model_validate(doc).model_dump(mode="json"))
        except ValidationError as exc:
            first = exc.errors()[0]
            raise ValueError(f"actions.{'.'.join(str(p) for p in first['loc'])}: {first['msg']}") from None
    carried = [a for a in actions if a["carried_from"]]
    topics = list(data.get("topics", {}).values())
    decisions = list(data.get("decisions", {}).values())
    decided = {d.get("topic_id") for d in decisions if d.get("state") == "locked"}
    departments = sorted({str(a.get("department")) for a in data.get("attendees", {}).values() if a.get("department")})
    meeting = {
        "id": header["id"],
        "title": _text(header.get("title")),
        "kind": _text(header.get("kind"), "other"),
        "status": _text(header.get("status"), "draft"),
        "scheduled_start": header.get("scheduled_start") if isinstance(header.get("scheduled_start"), str) else None,
        "created_at": _text(header.get("created_at")),
        "ended_at": header.get("ended_at") if isinstance(header.get("ended_at"), str) else None,
        "timezone": _text(header.get("timezone"), "UTC"),
        "held_at": _held_at(header),
        "follow_up_of": header.get("follow_up_of") if isinstance(header.get("follow_up_of"), str) else None,
        "actions": len(actions),
        "open_actions": sum(1 for a in actions if a["status"] not in CLOSED),
        "done_actions": sum(1 for a in actions if a["status"] == ActionStatus.DONE.value),
        "done_on_time": sum(1 for a in actions if a["status"] == ActionStatus.DONE.value and _on_time(a)),
        # of which copies carried from an earlier meeting (counted there: one item, one count)
        "carried_actions": len(carried),
        "carried_open": sum(1 for a in carried if a["status"] not in CLOSED),
        "carried_done": sum(1 for a in carried if a["status"] == ActionStatus.DONE.value),
        "carried_done_on_time": sum(1 for a in carried if a["status"] == ActionStatus.DONE.value and _on_time(a)),
        "planned_minutes": header.get("planned_minutes") if type(header.get("planned_minutes")) is int else 0,
        "actual_minutes": round(_clock_minutes(header), 2),
        "topics": len(topics),
        "decided": sum(1 for t in topics if t.get("id") in decided),
        "deferred": sum(1 for t in topics if t.get("state") == "deferred"),
        "departments": departments,
    }
    return {
        "meeting": meeting,
        "actions": actions,
        "open": [a for a in actions if a["status"] not in CLOSED or a["carried_from"]],
        "text": pack(text_entries(data)),
    }


def _on_time(action: dict[str, Any]) -> bool:
    """Whether a done item was done by its due date (an item without one is on time)."""
    if not action["due"]:
        return True
    done = [p["at"] for p in action["progress"] if p["status"] == ActionStatus.DONE.value]
    return bool(done) and done[-1][:10] <= action["due"]


def _text(value: Any, default: str = "") -> str:
    return value if isinstance(value, str) else default


def _held_at(header: dict[str, Any]) -> str | None:
    """When the meeting was held: the first start of its clock, ``None`` if it never ran."""
    segments = header.get("clock")
    if isinstance(segments, list):
        for segment in segments:
            start = segment.get("start") if isinstance(segment, dict) else None
            if isinstance(start, str):
                return start
    return None


def _clock_minutes(header: dict[str, Any]) -> float:
    """Minutes the meeting clock ran (its segments; one still open counts up to the end, if ended)."""
    total = 0.0
    segments = header.get("clock")
    if not isinstance(segments, list):
        return total
    end_of_meeting = header.get("ended_at")
    for segment in segments:
        try:
            start = dt.datetime.fromisoformat(segment["start"])
            end = segment.get("end") or end_of_meeting
            if end:
                total += max((dt.datetime.fromisoformat(end) - start).total_seconds(), 0.0)
        except (TypeError, ValueError, KeyError, AttributeError):
            continue
    return total / 60


# -- checking parts in bulk ------------------------------------------------------------------------


def _json_types(annotation: Any) -> tuple[type, ...]:
    """The Python types a field's JSON value may have (its annotation, as ``model_dump(mode="json")`` writes it)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _json_types(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return tuple(t for arg in typing.get_args(annotation) for t in _json_types(arg))
    if annotation is type(None):
        return (type(None),)
    if origin is list or annotation is list:
        return (list,)
    if annotation is bool:
        return (bool,)
    if annotation is int:
        return (int,)
    if annotation is float:
        return (int, float)
    return (str,)  # text, enums, dates and times are strings in JSON


def _enum_values(annotation: Any) -> frozenset[str] | None:
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return frozenset(str(member.value) for member in annotation)
    return None


class _Shape:
    """The exact keys and value types of one kind of JSON object.

    The common case is checked at C speed: the keys in the order meetui writes
    them, and the tuple of the values' types among the few combinations the
    optional fields allow. Anything else takes the field-by-field path.
    """

    def __init__(self, types: dict[str, tuple[type, ...]], enums: dict[str, frozenset[str]]) -> None:
        self.types = types
        self.enums = enums
        self.order = tuple(types)
        combinations = 1
        for options in types.values():
            combinations *= len(options)
        self.combinations = frozenset(itertools.product(*types.values())) if combinations <= 256 else frozenset()

    @classmethod
    def of(cls, model: Any) -> _Shape:
        fields = model.model_fields
        return cls(
            {name: _json_types(f.annotation) for name, f in fields.items()},
            {name: values for name, f in fields.items() if (values := _enum_values(f.annotation)) is not None},
        )

    def fits(self, value: Any) -> bool:
        if type(value) is not dict:
            return False
        if tuple(value) == self.order and tuple(map(type, value.values())) in self.combinations:
            pass
        elif value.keys() != self.types.keys() or any(type(item) not in self.types[key] for key, item in value.items()):
            return False
        return all(value[key] in allowed for key, allowed in self.enums.items())


_ACTION = _Shape.of(ActionItem)
_PROGRESS = _Shape.of(ProgressEntry)
_MEETING = _Shape(
    {
        "id": (str,),
        "title": (str,),
        "kind": (str,),
        "status": (str,),
        "scheduled_start": (str, type(None)),
        "created_at": (str,),
        "ended_at": (str, type(None)),
        "timezone": (str,),
        "held_at": (str, type(None)),
        "follow_up_of": (str, type(None)),
        "actions": (int,),
        "open_actions": (int,),
        "done_actions": (int,),
        "done_on_time": (int,),
        "carried_actions": (int,),
        "carried_open": (int,),
        "carried_done": (int,),
        "carried_done_on_time": (int,),
        "planned_minutes": (int,),
        "actual_minutes": (int, float),
        "topics": (int,),
        "decided": (int,),
        "deferred": (int,),
        "departments": (list,),
    },
    {},
)


def _fits(part: str, value: Any, meeting_id: str) -> bool:
    """Whether one part of an entry has exactly the shape meetui writes."""
    if part == "meeting":
        return _MEETING.fits(value) and value["id"] == meeting_id and all(type(d) is str for d in value["departments"])
    if part in {"actions", "open"}:
        return type(value) is list and all(
            _ACTION.fits(a) and a["meeting_id"] == meeting_id and all(_PROGRESS.fits(p) for p in a["progress"])
            for a in value
        )
    return fits_packed(value)


# -- files ----------------------------------------------------------------------------------------


#: The layout of index files; files of another one are rebuilt silently (they are not damaged, only older).
#: 4: text entries carry the id of the record they are from. 5: text entries packed (search.pack), private
#: notes left out. 6: the meeting part says when it was held, what it follows up, and its carried copies; the
#: open part holds every carried copy.
LAYOUT = 6


def _meta(kind: str) -> dict[str, Any]:
    return {"format": INDEX_FORMAT, "schema": migrations.SCHEMA_VERSION, "layout": LAYOUT, "kind": kind}


def _read_json(path: Path, kind: str) -> dict[str, Any] | None:
    """The body of an index file of this kind, or ``None`` if it is missing, damaged or of another schema."""
    try:  # read_file: a regular file of bounded size, never a FIFO that would hang the listing
        data = json.loads(read_file(path)[0])
    except (OSError, ValueError, RecursionError):  # StoreError is a ValueError
        return None
    if type(data) is not dict or data.get("_meta") != _meta(kind) or type(data.get("body")) is not dict:
        return None
    body: dict[str, Any] = data["body"]
    return body


def read_shard(path: Path) -> dict[str, Any] | None:
    """A shard: ``{"key": [size, mtime_ns], "digest": str, "entry": {part: value}}``, or ``None`` if unusable."""
    body = _read_json(path, "shard")
    if body is None or not _is_stamp(body) or type(body.get("entry")) is not dict:
        return None
    if body["entry"].keys() != set(PARTS):
        return None
    return body


def _is_stamp(value: Any) -> bool:
    key = value.get("key") if type(value) is dict else None
    return type(key) is list and len(key) == 2 and all(type(k) is int for k in key) and type(value.get("digest")) is str


def _write(path: Path, kind: str, body: dict[str, Any]) -> None:
    ensure_dir(path.parent)
    write_atomic(path, dump_json({"_meta": _meta(kind), "body": body}), durable=False)


def file_key(status: os.stat_result) -> list[int]:
    """The identity of one version of a meeting file that survives copying with times: size and mtime."""
    return [status.st_size, status.st_mtime_ns]


# -- the index --------------------------------------------------------------------------------------


@dataclass
class IndexRow:
    """One meeting as the index knows it: its file (relative to the store) and the parts asked for."""

    id: str
    path: str
    parts: dict[str, Any]


class Index:
    """The index folder of one store: shards written with their meeting, packs read by listings."""

    def __init__(self, root: Path, files: MeetingFiles, locks: StoreLocks) -> None:
        self.root = root
        self.files = files
        self.locks = locks
        self._written: dict[str, dict[str, Any]] = {}
        #: One line per index entry the last :meth:`read` found damaged (and rebuilt).
        self.warnings: list[str] = []
        #: One line per meeting file the last :meth:`scan` could not use (a symlink loop, a duplicate copy).
        self.problems: list[str] = []

    @property
    def folder(self) -> Path:
        return self.root / "index"

    def path(self, meeting_id: str) -> Path:
        return self.folder / f"{meeting_id}.json"

    def pack_path(self, part: str) -> Path:
        return self.folder / f"{part}.pack.json"

    # -- writing (with the meeting) ----------------------------------------------------------------

    def record(self, meeting_id: str, path: Path, data: Tables, raw: bytes | None = None) -> None:
        """Write the shard of the meeting file just written (the caller holds the meeting's lock).

        An entry equal to the one this process last wrote is not written again.
        """
        if raw is None:
            raw, _ = read_file(path)
        try:
            entry = entry_of(data)
        except ValueError as exc:
            raise unreadable_file(path, exc) from None
        shard = self.path(meeting_id)
        if self._written.get(meeting_id) == entry:
            known = read_shard(shard)
            if known is not None and known["digest"] == digest(raw):
                return
        _write(shard, "shard", {"key": file_key(path.stat()), "digest": digest(raw), "entry": entry})
        self._written[meeting_id] = entry

    # -- reading ------------------------------------------------------------------------------------

    def scan(self) -> dict[str, tuple[str, list[int]]]:
        """Every meeting file by id: its path relative to the store (``meetings/YYYY/MM/<id>.json``) and its key.

        From the folders alone, one ``stat`` per file, with plain strings (pathlib would cost a listing of
        thousands of meetings more than the listing itself).
        """
        found: dict[str, tuple[str, list[int]]] = {}
        folder = self.files.folder
        if not folder.is_dir():
            return found
        for year in _subfolders(str(folder)):
            for month in _subfolders(os.path.join(str(folder), year)):
                with os.scandir(os.path.join(str(folder), year, month)) as entries:
                    for item in entries:
                        if not is_meeting_file_name(item.name):
                            continue
                        try:
                            status = item.stat()
                            key = [status.st_size, status.st_mtime_ns]
                        except FileNotFoundError:
                            continue  # removed while listing
                        except OSError:  # a symlink loop…: kept, so that reading it reports it by name
                            key = [-1, -1]
                        meeting_id = item.name[: -len(".json")]
                        relative = f"meetings/{year}/{month}/{item.name}"
                        if meeting_id in found:  # a copy in another month folder: the first one is the meeting
                            first, other = sorted([relative, found[meeting_id][0]])
                            self.problems.append(
                                f"{self.root / other}: a duplicate of meeting {meeting_id}, "
                                f"which is {self.root / first}"
                            )
                            if relative != first:
                                continue
                        found[meeting_id] = (relative, key)
        return found

    def read(
        self, parts: Iterable[str], unreadable: list[str], files: dict[str, tuple[str, list[int]]] | None = None
    ) -> list[IndexRow]:
        """The asked-for parts of every readable meeting's entry, refreshing what is behind.

        Unreadable meeting files are described in ``unreadable``; damaged index
        entries in :attr:`warnings` (they are rebuilt from their meeting file).
        ``files``: the :meth:`scan` the caller made just before (with its :attr:`problems`), not made again.
        """
        parts = tuple(parts)
        self.warnings = []
        if files is None:
            self.problems = []
            files = self.scan()
        unreadable.extend(self.problems)
        read = {part: self._read_pack(part) for part in parts}
        packs = {part: body for part, (body, _) in read.items()}
        # Parts of a pack whose digest matches were checked when it was written: checking them again would cost
        # most of the time of `meetui actions` on 20,000 items, for nothing.
        verified = tuple(part for part in parts if read[part][1])
        stale_packs: set[str] = {part for part in parts if packs[part].keys() != files.keys()}
        rows: list[IndexRow] = []
        for meeting_id, (relative, key) in files.items():
            found = [packs[part].get(meeting_id) for part in parts]
            checked: tuple[str, ...] = ()
            if all(type(f) is dict and f.get("key") == key and "value" in f for f in found):
                values = {part: f["value"] for part, f in zip(parts, found, strict=True)}  # type: ignore[index]
                checked = verified
            else:
                path = self.root / relative
                try:
                    values, stamp = self._entry(meeting_id, path, key, found, parts)
                except StoreError as error:
                    unreadable.append(str(error))
                    continue
                except FileNotFoundError:
                    continue  # removed while listing
                for part in parts:
                    packs[part][meeting_id] = {**stamp, "value": values[part]}
                stale_packs.update(parts)
            bad = [part for part in parts if part not in checked and not _fits(part, values[part], meeting_id)]
            if bad:
                self.warnings.append(
                    f"index entry of meeting {meeting_id} is damaged ({', '.join(bad)}): rebuilt from its meeting file"
                )
                try:
                    values, stamp = self._rebuild(meeting_id, self.root / relative, parts)
                except StoreError as error:
                    unreadable.append(str(error))
                    continue
                except FileNotFoundError:
                    continue
                for part in parts:
                    packs[part][meeting_id] = {**stamp, "value": values[part]}
                stale_packs.update(parts)
            rows.append(IndexRow(meeting_id, relative, values))
        if stale_packs:
            self._write_packs({part: {i: packs[part][i] for i in files if i in packs[part]} for part in stale_packs})
        return rows

    def _entry(
        self, meeting_id: str, path: Path, key: list[int], found: list[Any], parts: tuple[str, ...]
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        """The parts of a meeting whose pack entries are behind: from its shard, or by digest, or from its file."""
        if all(type(f) is dict for f in found):  # a copy that lost its times: one read and a digest, no parse
            raw, status = read_file(path)
            key, sums = file_key(status), digest(raw)
            if all(f.get("digest") == sums and "value" in f for f in found):
                return {part: f["value"] for part, f in zip(parts, found, strict=True)}, {"key": key, "digest": sums}
        else:
            raw = None
        shard = read_shard(self.path(meeting_id))
        if shard is not None and shard["key"] == key:
            return shard["entry"], {"key": key, "digest": shard["digest"]}
        if raw is None:
            raw, status = read_file(path)
            key, sums = file_key(status), digest(raw)
        if shard is not None and shard["digest"] == sums:  # the same bytes, with other times: a copy
            self._repair(meeting_id, {**shard, "key": key})
            return shard["entry"], {"key": key, "digest": sums}
        return self._parse(meeting_id, path, raw, key, sums)

    def _rebuild(self, meeting_id: str, path: Path, parts: tuple[str, ...]) -> tuple[dict[str, Any], dict[str, Any]]:
        raw, status = read_file(path)
        return self._parse(meeting_id, path, raw, file_key(status), digest(raw))

    def _parse(
        self, meeting_id: str, path: Path, raw: bytes, key: list[int], sums: str
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        tables = meeting_tables(path, raw, meeting_id)
        meeting_of(path, tables)  # a meeting `show` would refuse is not listed either
        try:
            entry = entry_of(tables)
        except ValueError as exc:
            raise unreadable_file(path, exc) from None
        self._repair(meeting_id, {"key": key, "digest": sums, "entry": entry})
        return entry, {"key": key, "digest": sums}

    def _repair(self, meeting_id: str, shard: dict[str, Any]) -> None:
        """Rewrite a stale or missing shard, unless a writer holds the meeting (it will)."""
        lock = self.locks.try_writing(meeting_id)
        if lock is None:
            return
        try:
            _write(self.path(meeting_id), "shard", shard)
        except OSError:
            pass  # a read-only store still lists; it just cannot cache
        finally:
            lock.release()

    def _read_pack(self, part: str) -> tuple[dict[str, Any], bool]:
        """A pack's entries by meeting id, and whether its bytes are exactly those meetui wrote (by digest).

        A pack is a line of JSON (its kind and the digest of the rest) and the
        JSON of its entries; anything else counts as no pack at all.
        """
        try:
            raw = read_file(self.pack_path(part))[0]  # never a FIFO, never unbounded
            head, _, body = raw.partition(b"\n")
            meta = json.loads(head)
            if type(meta) is not dict or {k: v for k, v in meta.items() if k != "digest"} != _meta(f"pack:{part}"):
                return {}, False
            entries = json.loads(body)
        except (OSError, ValueError, RecursionError):  # StoreError is a ValueError
            return {}, False
        if type(entries) is not dict:
            return {}, False
        return entries, meta.get("digest") == digest(body)

    def _write_packs(self, packs: dict[str, dict[str, Any]]) -> None:
        """Write refreshed packs, unless another reader is writing them right now."""
        lock = self.locks.try_lock("packs.index.lock")  # not a meeting id: ids have no dots
        if lock is None:
            return
        try:
            for part, body in packs.items():
                encoded = dump_json(body)
                head = dump_json({**_meta(f"pack:{part}"), "digest": digest(encoded)})
                ensure_dir(self.folder)
                write_atomic(self.pack_path(part), head + b"\n" + encoded, durable=False)
        except OSError:
            pass
        finally:
            lock.release()

    # -- upkeep -----------------------------------------------------------------------------------------

    def drop_vanished(self, indexed: set[str]) -> None:
        """Remove shards of meetings whose file is gone, and the packs (rebuilt by the next reader)."""
        if not self.folder.is_dir():
            return
        for entry in self.folder.glob("*.json"):
            pack = entry.name.endswith(".pack.json")
            gone = is_meeting_file_name(entry.name) and entry.stem not in indexed and not self.files.find(entry.stem)
            if pack or gone:
                entry.unlink(missing_ok=True)


def _subfolders(folder: str) -> list[str]:
    """Names of the folders in ``folder`` (symbolic links are not followed)."""
    try:
        with os.scandir(folder) as entries:
            return [e.name for e in entries if e.is_dir(follow_symlinks=False)]
    except OSError:
        return []
