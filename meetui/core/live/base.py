"""The state every live operation shares: the meeting, its clock, its ids and who operates meetui."""

from __future__ import annotations

import datetime as dt

from ..change import Change
from ..clock import Clock, IdSource, RandomIds, in_zone
from ..errors import MeetuiError
from ..models import (
    Decision,
    DecisionState,
    Meeting,
    MeetingStatus,
    SpeakerTurn,
    Topic,
)


class LiveBase:
    """The meeting, its clock and id source, and who operates meetui (``actor``), with the lookups
    every layer of :class:`~meetui.core.live.LiveMeeting` uses."""

    def __init__(self, meeting: Meeting, clock: Clock, ids: IdSource | None = None, actor: str = "") -> None:
        self.meeting = meeting
        self.clock = clock
        self.ids = ids or RandomIds()
        self.actor = actor or meeting.note_taker or meeting.host

    # -- helpers -------------------------------------------------------------

    def now(self) -> dt.datetime:
        return self.clock.now()

    def today(self) -> dt.date:
        return in_zone(self.now(), self.meeting.timezone).date()

    @property
    def ended(self) -> bool:
        """Whether the meeting has ended (its live record is closed; post-meeting notes are still taken)."""
        return self.meeting.status is MeetingStatus.ENDED

    def _require_open(self) -> None:
        if self.meeting.status is MeetingStatus.ENDED:
            raise MeetuiError("the meeting has ended; its record can no longer be changed live")

    def _topic(self, topic_id: str | None = None) -> Topic:
        topic = self.meeting.topic(topic_id) if topic_id else self.meeting.current_topic
        if topic is None:
            raise MeetuiError(
                "there is no current topic: add one to the agenda first"
                if not topic_id
                else f"no topic with id {topic_id!r}"
            )
        return topic

    def _decision(self, decision_id: str) -> Decision:
        found = next((d for d in self.meeting.decisions if d.id == decision_id), None)
        if found is None:
            raise MeetuiError(f"no decision with id {decision_id!r}")
        return found

    def _open_decision(self, decision_id: str) -> Decision:
        """A decision still being decided, in a meeting still running; else a refusal saying why."""
        self._require_open()
        decision = self._decision(decision_id)
        if decision.locked:
            raise MeetuiError("this decision is locked and never changes: amend it to make a new version")
        if decision.state in {DecisionState.REJECTED, DecisionState.DEFERRED}:
            raise MeetuiError(f"this decision was {decision.state.value}; propose a new one")
        return decision

    def current_speaker(self) -> SpeakerTurn | None:
        return next((s for s in self.meeting.speakers if s.started_at and not s.ended_at), None)

    def waiting_speakers(self) -> list[SpeakerTurn]:
        return [s for s in self.meeting.speakers if s.started_at is None and s.ended_at is None]

    def _end_speaker(self, change: Change, now: dt.datetime) -> None:
        current = self.current_speaker()
        if current is not None:
            current.ended_at = now
            change.records.append(current)
