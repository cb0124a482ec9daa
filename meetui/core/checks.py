"""The practice's agenda checks, as plain warnings (``meetui check``)."""

from __future__ import annotations

import re

from .models import Attendance, Meeting, Role

MAX_TOPICS = 5
MAX_MINUTES = 90
MAX_MINUTES_URGENT = 60
SLACK_MINUTES = 10
VAGUE_GOALS = {"discuss", "discussion", "sync", "update", "讨论", "沟通", "同步", "讨论问题"}


def agenda_warnings(meeting: Meeting) -> list[str]:
    """Everything in the meeting's preparation that the practice would flag."""
    warnings: list[str] = []
    goal = meeting.goal.strip()
    if not goal:
        warnings.append("the meeting has no goal: state a specific, measurable, time-bound outcome")
    elif goal.casefold() in VAGUE_GOALS or len(goal) < 8:
        warnings.append(f"the goal {goal!r} is vague: say what will be decided, by whom, by when")
    elif not re.search(r"\d|within|by |before|until|前|内|之前|截止|结束", goal, re.IGNORECASE):
        warnings.append("the goal has no measure or deadline (SMART: measurable and time-bound)")
    limit = MAX_MINUTES_URGENT if meeting.urgent else MAX_MINUTES
    if meeting.planned_minutes > limit:
        kind = "an urgent meeting" if meeting.urgent else "a meeting"
        warnings.append(f"{meeting.planned_minutes} minutes is too long for {kind} (at most {limit})")
    topics = meeting.agenda
    if not topics:
        warnings.append("the agenda has no topics")
    if len(topics) > MAX_TOPICS:
        warnings.append(f"{len(topics)} topics: keep to at most {MAX_TOPICS} core topics")
    planned = sum(t.planned_minutes for t in topics)
    if topics and planned > meeting.planned_minutes - SLACK_MINUTES:
        warnings.append(
            f"the topics take {planned} of {meeting.planned_minutes} minutes: "
            f"leave about {SLACK_MINUTES} minutes of slack"
        )
    for number, topic in enumerate(topics, 1):
        missing = [name for name, value in (("owner", topic.owner), ("goal", topic.goal),
                                            ("expected output", topic.expected_output)) if not value.strip()]
        if topic.planned_minutes == 0:
            missing.append("planned minutes")
        if missing:
            warnings.append(f"topic {number} ({topic.title}) has no {', '.join(missing)}")
    if not meeting.host:
        warnings.append("no host (主持人) is named")
    if not meeting.note_taker:
        warnings.append("no note-taker (记录人) is named")
    if not any(a.role is Role.DECISION_MAKER for a in meeting.attendees):
        warnings.append("no decision-maker (决策层) is invited: book their time first")
    for attendee in meeting.attendees:
        if attendee.attendance in {Attendance.DECLINED, Attendance.ABSENT} and not attendee.proxy \
                and attendee.role is not Role.OBSERVER:
            warnings.append(f"{attendee.name} will be absent and has named no proxy (代理人)")
        if attendee.attendance is Attendance.INVITED:
            warnings.append(f"{attendee.name} has not confirmed")
    if meeting.scheduled_start is None:
        warnings.append("the meeting has no start time")
    if not meeting.place:
        warnings.append("no place or link is given")
    return warnings
