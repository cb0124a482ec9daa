"""Store files fuzzed: random bytes, a real file cut anywhere, the right shape with wrong values, bad header values,
and index files likewise. Whatever is on disk, listing never raises, the other meeting is always listed, and
``list`` and ``show`` agree on which meetings are readable."""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from meetui.core.clock import FrozenClock, SequentialIds
from meetui.core.errors import MeetuiError
from meetui.core.meeting import LiveMeeting, new_meeting
from meetui.store import Store

from .conftest import CASES, FUZZ

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
HEADER_KEYS = [
    "id",
    "title",
    "kind",
    "status",
    "timezone",
    "scheduled_start",
    "created_at",
    "ended_at",
    "planned_minutes",
    "clock",
    "current_topic_id",
    "materials",
    "urgent",
    "颜色",
]
TIMES = st.sampled_from(
    [
        "2026-11-20T09:30:00+08:00",
        "9999-12-31T23:59:00-12:00",
        "0001-01-01T00:00:00+14:00",
        "2026-11-20T09:30:00",
        "2026-02-30T10:00:00+08:00",
        "",
        "昨天",
        "1e9",
    ]
)
ZONES = st.sampled_from(["Asia/Shanghai", "Asia/Shanghaj", "", "../etc/passwd", "UTC", "Etc/GMT+14", "\x00"])


@pytest.fixture
def folder() -> Iterator[Path]:
    """A store with a healthy meeting ``keep0001`` and the meeting ``fuzz0001`` whose file is damaged."""
    with tempfile.TemporaryDirectory(prefix="meetui-fuzz-store-") as name:
        root = Path(name)
        clock = FrozenClock("2026-11-20T09:30:00+08:00", tz="Asia/Shanghai")
        for meeting_id in ("keep0001", "fuzz0001"):
            meeting = new_meeting(
                "周会", clock, SequentialIds(meeting_id[:2]), id=meeting_id, attendees=[{"name": "李娜"}]
            )
            live = LiveMeeting(meeting, clock, SequentialIds(meeting_id[:2]), actor="赵磊")
            live.add_action("整理清单", "李娜", due="fri")
            live.start()
            live.add_note("渠道培训必须在发布前两周完成")
            Store(root / "pristine").create(meeting)
        yield root


def fresh(folder: Path) -> tuple[Store, Path, bytes]:
    """A copy of the pristine store (with its index current), the damaged meeting's file and its bytes."""
    root = folder / "store"
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(folder / "pristine", root, symlinks=True)
    store = Store(root)
    path = store.meeting_path("fuzz0001")
    return store, path, path.read_bytes()


def agree(store: Store) -> None:
    """Listing works, keeps the healthy meeting, and lists ``fuzz0001`` exactly when ``show`` can load it."""
    listed = {s.id for s in store.summaries()}
    assert "keep0001" in listed
    store.all_actions()
    try:
        store.load("fuzz0001")
    except MeetuiError as error:
        assert "\n" not in str(error)
        assert "fuzz0001" not in listed, (str(error), listed)
    else:
        assert "fuzz0001" in listed, store.unreadable
    assert all("\n" not in line for line in store.unreadable)


@FUZZ
@given(st.binary(max_size=300))
@example(b"[" * 100_000)
@example(b'{"_meta":{"1":{"format":"meetui-meeting","schema":' + b"9" * 5000 + b"}}}")
def test_random_bytes(folder: Path, raw: bytes) -> None:
    CASES["store bytes"] += 1
    store, path, _ = fresh(folder)
    path.write_bytes(raw)
    agree(store)


@FUZZ
@given(st.data())
def test_a_real_file_cut_anywhere(folder: Path, data: st.DataObject) -> None:
    CASES["store truncated"] += 1
    store, path, raw = fresh(folder)
    cut = data.draw(st.integers(0, len(raw) - 1))
    path.write_bytes(raw[:cut])
    agree(store)


@FUZZ
@given(st.data())
def test_the_right_shape_with_a_wrong_value_anywhere(folder: Path, data: st.DataObject) -> None:
    CASES["store shape"] += 1
    store, path, raw = fresh(folder)
    tables = json.loads(raw)
    # walk down to a random place in the tables and put a random value there
    node = tables
    for _ in range(data.draw(st.integers(1, 5))):
        if not isinstance(node, dict) or not node:
            break
        key = data.draw(st.sampled_from(sorted(node)))
        if isinstance(node[key], dict) and node[key] and data.draw(st.booleans()):
            node = node[key]
            continue
        node[key] = data.draw(JSON)
        break
    path.write_text(json.dumps(tables, ensure_ascii=False), encoding="utf-8")
    agree(store)


@FUZZ
@given(st.dictionaries(st.sampled_from(HEADER_KEYS), JSON | TIMES | ZONES, min_size=1, max_size=4))
@example({"timezone": "Asia/Shanghaj"})
@example({"scheduled_start": 1_764_000_000})
@example({"created_at": None})
@example({"scheduled_start": "9999-12-31T23:30:00-05:00"})
def test_bad_header_values(folder: Path, values: dict) -> None:
    CASES["store header"] += 1
    store, path, raw = fresh(folder)
    tables = json.loads(raw)
    tables["meeting"]["1"].update(values)
    path.write_text(json.dumps(tables, ensure_ascii=False), encoding="utf-8")
    agree(store)


@FUZZ
@given(st.one_of(st.binary(max_size=200), JSON.map(lambda v: json.dumps(v).encode())), st.data())
@example(b"[" * 100_000, None)
def test_index_files(folder: Path, raw: bytes, data: st.DataObject | None) -> None:
    """Any index file (a meeting's shard, a pack) holding anything: listing still shows every meeting right."""
    CASES["index"] += 1
    store, path, _ = fresh(folder)
    store.summaries()  # the packs exist
    index_files = sorted(store.index_dir.glob("*.json"))
    chosen = index_files if data is None else data.draw(st.lists(st.sampled_from(index_files), min_size=1, unique=True))
    for index_file in chosen:
        index_file.write_bytes(raw)
    fresh_view = Store(store.root)
    assert {s.id for s in fresh_view.summaries()} == {"keep0001", "fuzz0001"}
    assert len(fresh_view.all_actions()) == 2
    assert all("\n" not in line for line in fresh_view.unreadable + fresh_view.warnings)
