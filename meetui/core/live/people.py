"""Attendees, roll call and the speaker queue (签到表 and the per-speaker limit)."""

from __future__ import annotations

from typing import Any

from ..change import Change, build
from ..errors import MeetuiError
from ..models import (
    Attendance,
    Attendee,
    Role,
    SpeakerTurn,
)
from ..timekeeping import format_duration
from .base import LiveBase

#: The shortest per-speaker limit: less is no turn at all.
MIN_SPEAKER_SECONDS = 10


class PeopleOps(LiveBase):
    """Who is invited, who is in the room, and who has the floor."""

    def _here(self) -> set[Attendance]:
        """Attendance states that count as in the room: once the roll call has marked
        anyone present or absent, only ``present``; before that, ``confirmed`` too."""
        roll_taken = any(a.attendance in {Attendance.PRESENT, Attendance.ABSENT} for a in self.meeting.attendees)
        return {Attendance.PRESENT} if roll_taken else {Attendance.PRESENT, Attendance.CONFIRMED}

    def roll_call_taken(self) -> bool:
        """Whether the roll call has marked anyone present or absent (a confirmed RSVP, or a proxy arranged
        beforehand, is not a roll call)."""
        return any(a.attendance in {Attendance.PRESENT, Attendance.ABSENT} for a in self.meeting.attendees)

    def present_names(self) -> list[str]:
        """Who the roll call found in the room, each name once: present attendees, and proxies with whom they
        represent ("陈刚 (for 赵磊)", or "陈刚 (for 赵磊, 钱伟)"; a proxy who also attends in their own right is
        listed once, where they attend). Never the invitation list: ``[]`` before any roll call."""
        represented: dict[str, list[str]] = {}
        for attendee in self.meeting.attendees:
            if self.meeting.represented(attendee):
                represented.setdefault(attendee.proxy, []).append(attendee.name)
        present = {a.name for a in self.meeting.attendees if a.attendance is Attendance.PRESENT}
        names: list[str] = []
        for attendee in self.meeting.attendees:  # in the attendees' order
            if attendee.attendance is Attendance.PRESENT:
                who = attendee.name
            elif self.meeting.represented(attendee) and attendee.proxy not in present:
                who = attendee.proxy
            else:
                continue
            whom = represented.pop(who, None)
            if whom is None and who != attendee.name:
                continue  # a proxy for several, listed already
            names.append(f"{who} (for {', '.join(whom)})" if whom else who)
        return names

    def voters(self) -> int:
        """How many votes the room holds: each present attendee, and each attendee represented by a proxy.

        Before a roll call, every attendee who has not declined or been marked absent.
        """
        if not self.roll_call_taken():
            return sum(a.attendance not in {Attendance.DECLINED, Attendance.ABSENT} for a in self.meeting.attendees)
        return sum(a.attendance is Attendance.PRESENT or self.meeting.represented(a) for a in self.meeting.attendees)

    def deciding(self) -> str:
        """The decision-maker in the room, else one represented by a proxy; ``""`` when none is there
        (domain.md, "Closing a topic": the decision-maker rules; a missing one is stated, not invented)."""
        makers = [a for a in self.meeting.attendees if a.role is Role.DECISION_MAKER]
        present = [a.name for a in makers if a.attendance is Attendance.PRESENT]
        represented = [f"{a.proxy} (for {a.name})" for a in makers if self.meeting.represented(a)]
        return (present or represented or [""])[0]

    def decision_maker(self) -> str:
        """The decision-maker in the room, else one represented by a proxy, else any, else the host."""
        makers = [a for a in self.meeting.attendees if a.role is Role.DECISION_MAKER]
        here = self._here()
        present = [a.name for a in makers if a.attendance in here]
        represented = [f"{a.proxy} (for {a.name})" for a in makers if self.meeting.represented(a)]
        chosen = present or represented or [a.name for a in makers]
        return chosen[0] if chosen else self.meeting.host

    # -- attendees and roll call ---------------------------------------------------

    def add_attendee(self, name: str, **fields: Any) -> Change:
        """Add someone to the meeting (e.g. a new action owner)."""
        if self.meeting.attendee(name) is not None:
            raise MeetuiError(f"{name.strip()} is already an attendee")
        attendee = build(Attendee, "attendee", id=self.ids.new(), name=name, **fields)
        self.meeting.attendees.append(attendee)
        return Change([attendee], message=f"attendee added: {attendee.name}")

    def mark(self, name: str, attendance: Attendance | str, *, reason: str = "", proxy: str = "") -> Change:
        """Roll call: present, absent (with a reason) or represented by a proxy."""
        attendee = self.meeting.attendee(name)
        if attendee is None:
            raise MeetuiError(f"{name!r} is not an attendee")
        attendance = Attendance(attendance)
        if attendance is Attendance.PROXY and not proxy.strip():
            raise MeetuiError(f"name the proxy who represents {attendee.name}")
        attendee.attendance = attendance
        attendee.absence_reason = (
            reason.strip() if attendance in {Attendance.ABSENT, Attendance.PROXY, Attendance.DECLINED} else ""
        )
        attendee.proxy = proxy.strip() if attendance is Attendance.PROXY else ""
        message = f"{attendee.name}: {attendance.value}"
        meeting = self.meeting
        stranded = [
            other.name
            for other in meeting.attendees
            if meeting.proxy_away(other) and meeting.attendee(other.proxy) is attendee
        ]
        if stranded:
            message += f"; {attendee.name} was the proxy of {', '.join(stranded)}, now represented by nobody"
        return Change([attendee], message=message)

    # -- speaker queue ---------------------------------------------------------

    def queue_speaker(self, name: str) -> Change:
        """Add someone to the speaker queue."""
        self._require_open()
        if not name.strip():
            raise MeetuiError("say who wants to speak")
        waiting = [s for s in self.meeting.speakers if s.ended_at is None and s.name == name.strip()]
        if waiting:
            raise MeetuiError(f"{name.strip()} is already in the queue")
        turn = build(
            SpeakerTurn,
            "speaker",
            id=self.ids.new(),
            name=name.strip(),
            topic_id=self.meeting.current_topic_id,
            queued_at=self.now(),
            limit_seconds=self.meeting.speaker_limit_seconds,
        )
        self.meeting.speakers.append(turn)
        return Change([turn], message=f"{turn.name} is in the queue")

    def next_speaker(self) -> Change:
        """End the current turn and give the floor to the next in the queue."""
        self._require_open()
        now = self.now()
        change = Change()
        self._end_speaker(change, now)
        waiting = self.waiting_speakers()
        if not waiting:
            change.message = "the speaker queue is empty"
            return change
        turn = waiting[0]
        turn.started_at = now
        change.records.append(turn)
        change.message = f"{turn.name} has the floor"
        return change

    def set_speaker_limit(self, seconds: int) -> Change:
        """Change the per-speaker limit: for the speaker talking now, those waiting, and everyone queued later.

        Finished turns keep the limit they were held to.
        """
        self._require_open()
        if seconds < MIN_SPEAKER_SECONDS:
            raise MeetuiError(f"the speaker limit must be at least {MIN_SPEAKER_SECONDS} seconds")
        self.meeting.speaker_limit_seconds = seconds
        change = Change(meeting=True, message=f"speaker limit {format_duration(seconds)}")
        for turn in self.meeting.speakers:
            if turn.ended_at is None and turn.limit_seconds != seconds:
                turn.limit_seconds = seconds
                change.records.append(turn)
        return change
