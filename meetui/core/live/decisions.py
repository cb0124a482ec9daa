"""Decisions locked only after "any objections?": propose, object, revise, vote, escalate, amend."""

from __future__ import annotations

from ..change import Change, build, decision_question
from ..errors import MeetuiError
from ..models import (
    Decision,
    DecisionState,
    NoteKind,
    Objection,
    Vote,
)
from .agenda import AgendaOps


class DecisionOps(AgendaOps):
    """The practice's closing of a topic (domain.md, "Closing a topic")."""

    # -- decisions -----------------------------------------------------------

    def suggested_decision(self, topic_id: str | None = None) -> str:
        """Text to prefill the decision with: the topic's newest ``#agreed`` note."""
        topic = self._topic(topic_id)
        agreed = [n for n in self.meeting.notes_for(topic.id) if n.kind is NoteKind.AGREED]
        if agreed:
            return max(agreed, key=lambda n: n.at).text
        latest = self.meeting.latest_decision(topic.id)
        return latest.text if latest and not latest.locked else ""

    def propose_decision(self, text: str, topic_id: str | None = None) -> Change:
        """Put a decision to the room; returns the proposal, not yet locked."""
        self._require_open()
        topic = self._topic(topic_id)
        if self.meeting.locked_decision(topic.id) is not None:
            raise MeetuiError(f"{topic.title} already has a locked decision: amend it instead")
        latest = self.meeting.latest_decision(topic.id)
        if latest is not None and latest.state in {
            DecisionState.PROPOSED,
            DecisionState.OBJECTED,
            DecisionState.ESCALATED,
        }:
            return self.revise(latest.id, text)
        version = latest.version + 1 if latest else 1
        decision = build(
            Decision,
            "decision",
            id=self.ids.new(),
            topic_id=topic.id,
            text=text.strip(),
            proposed_at=self.now(),
            version=version,
        )
        self.meeting.decisions.append(decision)
        return Change([decision], message=decision_question(topic, decision.text))

    def no_objections(self, decision_id: str, *, ruled_by: str = "") -> Change:
        """Nobody objects (or the decision-maker rules): lock the decision."""
        decision = self._open_decision(decision_id)
        return self._lock(decision, ruled_by=ruled_by)

    def _lock(self, decision: Decision, *, ruled_by: str = "", resolution: str = "") -> Change:
        decision.state = DecisionState.LOCKED
        decision.locked_at = self.now()
        decision.locked_by = self.actor
        decision.present = self.present_names()
        decision.decision_maker = ruled_by or self.deciding()
        for objection in decision.objections:
            objection.resolution = objection.resolution or resolution or "withdrawn"
        change = Change([decision], message=f"decision locked: {decision.text}")
        for item in self.meeting.parking_lot:  # a deferred topic decided after all: its parked item is settled
            if item.topic_id == decision.topic_id and not item.resolved and self._parked_topic(item):
                item.resolved = True
                item.resolved_by = decision.id
                change.records.append(item)
        return change

    def object(self, decision_id: str, who: str, why: str) -> Change:
        """Record an objection: who raised it and why."""
        decision = self._open_decision(decision_id)
        if not who.strip():
            raise MeetuiError("say who objects")
        if not why.strip():
            raise MeetuiError("say why they object: the minutes record the reason")
        decision.objections.append(Objection(who=who.strip(), why=why.strip(), at=self.now(), text=decision.text))
        decision.state = DecisionState.OBJECTED
        return Change([decision], message=f"objection from {who.strip()} recorded")

    def revise(self, decision_id: str, text: str) -> Change:
        """Reword an unlocked decision after objections; the question is asked again."""
        decision = self._open_decision(decision_id)
        if not text.strip():
            raise MeetuiError("the decision text must not be empty")
        for objection in decision.objections:
            objection.resolution = objection.resolution or f"decision revised: {text.strip()}"
        decision.text = text.strip()
        decision.state = DecisionState.PROPOSED
        topic = self._topic(decision.topic_id)
        return Change([decision], message=decision_question(topic, decision.text))

    def vote(self, decision_id: str, in_favour: int, against: int, abstain: int = 0) -> Change:
        """Put a contested decision to a vote; a majority in favour locks it."""
        decision = self._open_decision(decision_id)
        votes, room = in_favour + against + abstain, self.voters()
        if votes > room:
            raise MeetuiError(
                f"{votes} votes, but the room holds {room} (each present attendee, and each one "
                "represented by a proxy, votes once)"
            )
        decision.vote = build(Vote, "vote", in_favour=in_favour, against=against, abstain=abstain)
        tally = f"{in_favour} for, {against} against, {abstain} abstaining"
        if decision.vote.carried:
            change = self._lock(decision, resolution=f"outvoted ({tally})")
            change.message = f"vote carried ({tally}): decision locked"
            return change
        decision.state = DecisionState.REJECTED
        for objection in decision.objections:
            objection.resolution = objection.resolution or f"upheld by vote ({tally})"
        return Change([decision], message=f"vote failed ({tally}): decision rejected")

    def escalate(self, decision_id: str, to: str = "") -> Change:
        """Hand a contested decision to the decision-maker to rule on."""
        decision = self._open_decision(decision_id)
        decision.state = DecisionState.ESCALATED
        decision.escalated_to = to.strip() or self.decision_maker()
        for objection in decision.objections:
            objection.resolution = objection.resolution or f"escalated to {decision.escalated_to}"
        return Change([decision], message=f"escalated to {decision.escalated_to}")

    def amend(self, decision_id: str, text: str, reason: str = "") -> Change:
        """Propose a new version of a locked decision; the old version stays as it was."""
        self._require_open()
        old = self._decision(decision_id)
        if not old.locked:
            raise MeetuiError("only a locked decision can be amended; revise an open one instead")
        if not text.strip():
            raise MeetuiError("the amended decision must not be empty")
        newest = self.meeting.latest_decision(old.topic_id)
        if newest is not None and not newest.locked:
            raise MeetuiError("an amendment of this decision is already open")
        version = (newest.version if newest else old.version) + 1
        decision = build(
            Decision,
            "decision",
            id=self.ids.new(),
            topic_id=old.topic_id,
            text=text.strip(),
            proposed_at=self.now(),
            version=version,
            amends=old.id,
            amend_reason=reason.strip(),
        )
        self.meeting.decisions.append(decision)
        return Change([decision], message=decision_question(self._topic(old.topic_id), decision.text))
