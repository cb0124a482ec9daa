"""Calendar files (iCalendar, RFC 5545) built with the ``icalendar`` library: no calendar text by hand.

:func:`calendar` starts a ``VCALENDAR`` (with a ``METHOD`` for invitations); :func:`todo` makes an action
item's ``VTODO``; :func:`address` makes an organizer's or attendee's calendar address; :func:`ical` adds the
``VTIMEZONE`` of every zone used and returns the text (CRLF line ends, lines folded at 75 octets).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from icalendar import Calendar, Todo, vCalAddress

if TYPE_CHECKING:
    from ..core.models import ActionItem

PRODID = "-//meetui//meetui//EN"
#: An action item's status as a VTODO ``STATUS``.
TODO_STATUS = {"done": "COMPLETED", "in-progress": "IN-PROCESS", "cancelled": "CANCELLED"}
#: A priority as a VTODO ``PRIORITY`` (1 highest, 9 lowest).
PRIORITY = {"high": 1, "medium": 5, "low": 9}


def calendar(method: str | None = None) -> Calendar:
    """An empty ``VCALENDAR`` (version 2.0, meetui's PRODID), with ``METHOD`` when given (``REQUEST``)."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    if method:
        cal.add("method", method)
    return cal


def address(name: str, contact: str, fallback: str) -> vCalAddress:
    """A calendar address: ``mailto:`` the contact when it is an e-mail, else the URN ``fallback``; CN = name."""
    contact = contact.strip()
    uri = f"mailto:{contact}" if "@" in contact and " " not in contact else fallback
    found = vCalAddress(uri)
    found.params["CN"] = name
    return found


def todo(item: ActionItem, stamp: dt.datetime) -> Todo:
    """An action item as a ``VTODO``: task, owner and deliverable, status, priority, due date."""
    entry = Todo()
    entry.add("uid", f"{item.id}@{item.meeting_id}.meetui")
    entry.add("dtstamp", stamp.astimezone(dt.UTC))
    entry.add("summary", item.task)
    entry.add("description", f"Owner: {item.owner}. {item.deliverable}".strip())
    entry.add("status", TODO_STATUS.get(item.status.value, "NEEDS-ACTION"))
    entry.add("priority", PRIORITY[item.priority.value])
    if item.due:
        entry.add("due", item.due)
    return entry


def ical(cal: Calendar) -> str:
    """The calendar as text, with a ``VTIMEZONE`` for each zone its times use."""
    cal.add_missing_timezones()
    return cal.to_ical().decode("utf-8")
