"""Unreadable files are refused with one line naming them, and left byte-for-byte untouched.

Cases: corrupt JSON, a truncated file, an empty file, JSON that is not ours,
a schema newer than this meetui, damaged tables, a file holding another
meeting. Each goes through the store (load, commit, save) and through the
command line (`meetui --data DIR show ID`, exit status 1, one stderr line).
Also: the migration hook upgrades an old file on read.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from meetui.core.clock import SequentialIds
from meetui.core.meeting import LiveMeeting
from meetui.store import Store, StoreError, migrations


def damage_corrupt(raw: bytes) -> bytes:
    return raw.replace(b'"notes":', b'"notes" ', 1)


def damage_truncated(raw: bytes) -> bytes:
    return raw[: len(raw) * 2 // 3]


def damage_empty(raw: bytes) -> bytes:
    return b""


def damage_foreign(raw: bytes) -> bytes:
    return json.dumps({"_default": {"1": {"名称": "别的程序的数据"}}}, ensure_ascii=False).encode()


def damage_newer(raw: bytes) -> bytes:
    data = json.loads(raw)
    data["_meta"]["1"]["schema"] = migrations.SCHEMA_VERSION + 1
    return json.dumps(data, ensure_ascii=False).encode()


def damage_tables(raw: bytes) -> bytes:
    data = json.loads(raw)
    data["notes"] = ["不是表"]
    return json.dumps(data, ensure_ascii=False).encode()


def damage_records(raw: bytes) -> bytes:
    data = json.loads(raw)
    next(iter(data["notes"].values()))["at"] = "不是时间"
    return json.dumps(data, ensure_ascii=False).encode()


def damage_other_meeting(raw: bytes) -> bytes:
    data = json.loads(raw)
    data["meeting"]["1"]["id"] = "someoneelse"
    return json.dumps(data, ensure_ascii=False).encode()


DAMAGES = {
    "corrupt": (damage_corrupt, "corrupt or truncated"),
    "truncated": (damage_truncated, "corrupt or truncated"),
    "empty": (damage_empty, "empty"),
    "foreign": (damage_foreign, "not a meetui file"),
    "newer-schema": (damage_newer, "newer meetui"),
    "damaged-tables": (damage_tables, "damaged"),
    "invalid-record": (damage_records, "notes"),
    "other-meeting": (damage_other_meeting, "holds meeting 'someoneelse'"),
}

STORE_DAMAGES = [name for name in DAMAGES if name != "invalid-record"]  # commit checks shape, not every record


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def snapshot(root: Path) -> dict[str, str]:
    """Every file under the store and its hash (lock files are empty and excluded)."""
    return {str(p.relative_to(root)): sha256(p) for p in sorted(root.rglob("*")) if p.is_file() and p.suffix != ".lock"}


@pytest.fixture
def stored(store, make_meeting, clock):
    """A stored meeting with one note, and its live wrapper."""
    meeting = make_meeting()
    store.create(meeting)
    live = LiveMeeting(meeting, clock, SequentialIds("n"))
    store.commit(meeting, live.add_note("会前已发材料"))
    return live


def damage(store: Store, live: LiveMeeting, name: str) -> Path:
    path = store.meeting_path(live.meeting.id)
    path.write_bytes(DAMAGES[name][0](path.read_bytes()))
    return path


@pytest.mark.parametrize("name", DAMAGES)
def test_load_refuses_with_one_line_naming_the_file(store, stored, name):
    path = damage(store, stored, name)
    before = sha256(path)
    with pytest.raises(StoreError) as caught:
        Store(store.root).load(stored.meeting.id)
    message = str(caught.value)
    assert message.startswith(f"{path}: ") and "\n" not in message
    assert DAMAGES[name][1] in message
    assert sha256(path) == before


@pytest.mark.parametrize("name", STORE_DAMAGES)
def test_writes_refuse_and_touch_nothing(store, stored, name):
    path = damage(store, stored, name)
    before = snapshot(store.root)
    for writer in (store, Store(store.root)):
        with pytest.raises(StoreError, match="^" + str(path)):
            writer.commit(stored.meeting, stored.add_note("不该写进去的记录"))
        with pytest.raises(StoreError, match="^" + str(path)):
            writer.commit(stored.meeting, stored.add_action("不该写进去的行动项", "王芳"))
        with pytest.raises(StoreError, match="^" + str(path)):
            writer.save(stored.meeting)
    assert snapshot(store.root) == before
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]


def test_listing_skips_an_unreadable_meeting_and_says_which(store, stored, make_meeting):
    other = make_meeting("另一个会议")
    store.create(other)
    path = damage(store, stored, "truncated")
    fresh = Store(store.root)
    assert [s.id for s in fresh.summaries()] == [other.id]
    assert len(fresh.unreadable) == 1 and fresh.unreadable[0].startswith(str(path))
    assert fresh.resolve(stored.meeting.id) == stored.meeting.id  # still found, so `show` can name the file


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("MEETUI_DATA", None)
    return subprocess.run(
        [sys.executable, "-m", "meetui.cli.main", *args], capture_output=True, text=True, env=env, timeout=60
    )


@pytest.mark.parametrize("name", ["corrupt", "truncated", "empty", "foreign", "newer-schema"])
def test_cli_show_exits_1_with_one_line_and_leaves_the_file_alone(store, stored, name):
    path = damage(store, stored, name)
    before = snapshot(store.root)
    for ref in (stored.meeting.id, stored.meeting.id[:3]):
        result = run_cli("--data", str(store.root), "show", ref)
        assert result.returncode == 1, result.stderr
        lines = result.stderr.splitlines()
        assert len(lines) == 1 and str(path) in lines[0] and DAMAGES[name][1] in lines[0]
        assert "Traceback" not in result.stderr and result.stdout == ""
    assert snapshot(store.root) == before


def test_cli_show_reads_a_healthy_meeting(store, stored):
    result = run_cli("--data", str(store.root), "show", stored.meeting.id)
    assert result.returncode == 0, result.stderr
    assert "Q3 产品发布跨部门协调会" in result.stdout


def test_an_old_schema_is_upgraded_through_the_migration_hook(store, stored, monkeypatch):
    path = store.meeting_path(stored.meeting.id)
    seen: list[int] = []

    def rename_author(data):
        """Schema N → N + 1 (pretend): notes' ``author`` was called ``speaker`` in schema N."""
        seen.append(data["_meta"]["1"]["schema"])
        for note in data["notes"].values():
            note["author"] = note.pop("speaker")
        return data

    old = json.loads(path.read_bytes())
    for note in old["notes"].values():
        note["speaker"] = "王芳（旧格式）"
        del note["author"]
    path.write_bytes(json.dumps(old, ensure_ascii=False).encode())
    before = sha256(path)
    current = migrations.SCHEMA_VERSION
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", current + 1)
    monkeypatch.setitem(migrations.MIGRATIONS, current, rename_author)

    fresh = Store(store.root)
    assert [n.author for n in fresh.load(stored.meeting.id).notes] == ["王芳（旧格式）"]
    assert seen == [current] and sha256(path) == before  # reading never rewrites the file

    live = LiveMeeting(fresh.load(stored.meeting.id), stored.clock, SequentialIds("u"))
    fresh.commit(live.meeting, live.add_note("升级后的第一条记录", author="李娜"))
    upgraded = json.loads(path.read_bytes())
    assert upgraded["_meta"]["1"]["schema"] == current + 1
    assert sorted(n["author"] for n in upgraded["notes"].values()) == ["李娜", "王芳（旧格式）"]


def test_an_old_schema_without_a_migration_step_is_refused(store, stored, monkeypatch):
    path = store.meeting_path(stored.meeting.id)
    current = migrations.SCHEMA_VERSION
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", current + 2)
    monkeypatch.setitem(migrations.MIGRATIONS, current, lambda data: data)
    before = sha256(path)
    with pytest.raises(StoreError, match=f"no upgrade from schema {current + 1} to {current + 2}"):
        Store(store.root).load(stored.meeting.id)
    assert sha256(path) == before


def test_a_schema_1_file_gains_empty_co_owners(store, stored):
    """Schema 1 → 2: action items written before co-owners existed load with none, and the file is not rewritten."""
    live = LiveMeeting(store.load(stored.meeting.id), stored.clock, SequentialIds("c"))
    store.commit(live.meeting, live.add_action("整理渠道名单", "李娜"))
    path = store.meeting_path(stored.meeting.id)
    old = json.loads(path.read_bytes())
    old["_meta"]["1"]["schema"] = 1
    for doc in old["actions"].values():
        del doc["co_owners"]
    path.write_bytes(json.dumps(old, ensure_ascii=False).encode())
    before = sha256(path)
    assert [a.co_owners for a in Store(store.root).load(stored.meeting.id).actions] == [[]]
    assert sha256(path) == before
