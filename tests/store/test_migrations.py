"""Schema 2 → 3: a meeting's materials, plain names before, become name + link records."""

from __future__ import annotations

import json

from meetui.core.clock import SequentialIds
from meetui.core.meeting import LiveMeeting
from meetui.core.models import Material
from meetui.store import Store, migrations


def test_the_step_turns_names_into_records() -> None:
    data = {
        "_meta": {"1": {"schema": 2}},
        "meeting": {"1": {"title": "Q3", "materials": ["202611-q3-plan_v1.2", {"name": "x", "link": "y"}]}},
    }
    upgraded = migrations.migrate(data, 2)
    assert upgraded["meeting"]["1"]["materials"] == [
        {"name": "202611-q3-plan_v1.2", "link": ""},
        {"name": "x", "link": "y"},
    ]
    assert upgraded["_meta"]["1"]["schema"] == migrations.SCHEMA_VERSION == 3


def test_a_schema_2_file_loads_and_is_written_as_schema_3(store: Store, clock, make_meeting) -> None:
    meeting = make_meeting()
    meeting.materials = [Material(name="202603-发布-计划_v1.0")]
    store.create(meeting)
    path = store.meeting_path(meeting.id)
    old = json.loads(path.read_bytes())
    old["_meta"]["1"]["schema"] = 2
    old["meeting"]["1"]["materials"] = ["202603-发布-计划_v1.0"]
    path.write_bytes(json.dumps(old, ensure_ascii=False).encode())
    before = path.read_bytes()
    loaded = Store(store.root).load(meeting.id)
    assert loaded.materials == [Material(name="202603-发布-计划_v1.0", link="")]
    assert path.read_bytes() == before  # reading never rewrites
    live = LiveMeeting(loaded, clock, SequentialIds("u"))
    store.commit(live.meeting, live.start())
    written = json.loads(path.read_bytes())
    assert written["_meta"]["1"]["schema"] == 3
    assert written["meeting"]["1"]["materials"] == [{"name": "202603-发布-计划_v1.0", "link": ""}]
