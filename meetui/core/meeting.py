"""The meeting logic: creating meetings and running them live, as plain code.

:func:`new_meeting` builds a validated meeting. :class:`LiveMeeting` (in :mod:`meetui.core.live`) wraps a
meeting with a clock and an id source and offers every operation of the
practice: the clock, topics, notes, the "any objections?" decision lock,
action items, the parking lot, roll call and the speaker queue. Each
operation changes the meeting in memory and returns a :class:`Change`
naming exactly what it touched, which the store then writes.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel

from .change import Change, build, decision_question, friendly
from .clock import Clock, IdSource, RandomIds, to_pendulum, zone_checked
from .errors import MeetuiError
from .live import LiveMeeting
from .models import ActionStatus, Attendee, Meeting, MeetingStatus, Topic

__all__ = [
    "Change",
    "LiveMeeting",
    "build",
    "decision_question",
    "follow_up_review",
    "friendly",
    "new_meeting",
]


def new_meeting(title: str, clock: Clock, ids: IdSource | None = None, **fields: Any) -> Meeting:
    """Create a draft meeting (scheduled, if it has a start time) in the clock's zone."""
    ids = ids or RandomIds()
    now = clock.now()
    zone = zone_checked(fields.pop("timezone", None) or clock.tz or "UTC")
    start = fields.get("scheduled_start")
    if isinstance(start, str | dt.datetime):
        fields["scheduled_start"] = to_pendulum(start, zone)
    if fields.get("scheduled_start") is not None and "status" not in fields:
        fields["status"] = MeetingStatus.SCHEDULED
    topics = fields.pop("topics", [])
    attendees = fields.pop("attendees", [])
    meeting = build(
        Meeting,
        "meeting",
        id=fields.pop("id", None) or ids.new(8),
        title=title,
        timezone=zone,
        created_at=now,
        **fields,
    )
    for order, topic in enumerate(topics):
        values = _fields_of(topic, "topic")
        values = {**values, "order": order, "id": values.get("id") or ids.new()}
        meeting.topics.append(build(Topic, "topic", **values))
    for attendee in attendees:
        values = _fields_of(attendee, "attendee")
        meeting.attendees.append(build(Attendee, "attendee", **{**values, "id": values.get("id") or ids.new()}))
    for item in meeting.actions:  # carried over from an earlier meeting: this meeting holds it now
        item.meeting_id = meeting.id
    return meeting


def _fields_of(item: Any, what: str) -> dict[str, Any]:
    """The fields of a topic or attendee given as a mapping (e.g. from an agenda file) or a model."""
    if isinstance(item, BaseModel):
        return item.model_dump()
    if not isinstance(item, dict):
        example = "title and planned_minutes" if what == "topic" else "name and department"
        raise MeetuiError(f"each {what} needs a table of fields such as {example} (got {item!r})")
    return item


def follow_up_review(earlier: Meeting, lang: str = "en") -> dict[str, Any]:
    """The opening topic of a follow-up meeting: review the earlier meeting's open action items (``lang``: en, zh)."""
    open_items = [a for a in earlier.actions if a.status not in {ActionStatus.DONE, ActionStatus.CANCELLED}]
    if lang == "zh":
        return {
            "title": f"回顾「{earlier.title}」的未完成行动项",
            "goal": f"{len(open_items)} 个未完成行动项：逐项确认状态、阻碍和新日期",
            "owner": earlier.host,
            "planned_minutes": max(5, min(15, len(open_items) * 2)),
            "expected_output": "每个未完成行动项都有最新状态和日期",
        }
    return {
        "title": f"Review of open action items from {earlier.title}",
        "goal": f"{len(open_items)} open action items: confirm status, blockers and new dates",
        "owner": earlier.host,
        "planned_minutes": max(5, min(15, len(open_items) * 2)),
        "expected_output": "Every open action item has a current status and date",
    }
