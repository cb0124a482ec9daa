"""The demo meeting: a Q3 launch coordination built from ``data/demo.json``."""

from __future__ import annotations

import json

from ..core.clock import Clock, IdSource, in_zone
from ..core.meeting import new_meeting
from ..core.models import Meeting
from ..resources import data_dir


def demo_meeting(clock: Clock, ids: IdSource | None = None) -> Meeting:
    """The demo meeting, scheduled to start at the clock's current minute."""
    spec = json.loads((data_dir() / "demo.json").read_text(encoding="utf-8"))
    spec.pop("format", None)
    start = in_zone(clock.now(), spec["timezone"]).replace(second=0, microsecond=0)
    return new_meeting(spec.pop("title"), clock, ids, scheduled_start=start, **spec)
