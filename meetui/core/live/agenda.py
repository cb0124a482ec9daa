"""Timekeeping and the agenda: the meeting clock, moving between topics, timeboxes, the parking lot."""

from __future__ import annotations

from typing import Any

from ..change import Change, build
from ..dates import parse_due
from ..errors import MeetuiError
from ..models import (
    DecisionState,
    MeetingStatus,
    ParkingLotItem,
    Segment,
    Topic,
    TopicState,
)
from ..timekeeping import is_running, topics_to_park, trim_plan
from .people import PeopleOps

#: A topic left sooner than this, with no note, decision or action item on it, is marked skipped.
SKIP_SECONDS = 10

#: The shortest timebox, in minutes: a topic is planned for at least this.
MIN_TIMEBOX_MINUTES = 1


class AgendaOps(PeopleOps):
    """The clock and the topics: start, pause, next, extend, insert, defer, re-plan, park."""

    # -- the clock -----------------------------------------------------------

    def start(self) -> Change:
        """Start (or resume) the meeting clock; the first start opens the first topic."""
        self._require_open()
        if is_running(self.meeting):
            return Change(message="the clock is already running")
        now = self.now()
        change = Change(meeting=True, message="clock started" if not self.meeting.clock else "clock resumed")
        self.meeting.status = MeetingStatus.LIVE
        self.meeting.clock.append(Segment(start=now))
        topic = self.meeting.current_topic
        if topic is None:
            topic = next((t for t in self.meeting.agenda if t.state is TopicState.PENDING), None)
            if topic is not None:
                self.meeting.current_topic_id = topic.id
                topic.state = TopicState.ACTIVE
        if topic is not None and topic.state is TopicState.ACTIVE:
            topic.segments.append(Segment(start=now))
            change.records.append(topic)
        return change

    def pause(self) -> Change:
        """Pause the meeting clock (and the current topic's)."""
        if not is_running(self.meeting):
            return Change(message="the clock is not running")
        now = self.now()
        self.meeting.clock[-1].end = now
        change = Change(meeting=True, message="clock paused")
        topic = self.meeting.current_topic
        if topic is not None and topic.segments and topic.segments[-1].end is None:
            topic.segments[-1].end = now
            change.records.append(topic)
        self._end_speaker(change, now)
        return change

    def toggle_clock(self) -> Change:
        """Start the clock if it is stopped, pause it if it runs."""
        return self.pause() if is_running(self.meeting) else self.start()

    # -- topics --------------------------------------------------------------

    def goto_topic(self, topic_id: str) -> Change:
        """Make a topic current; the one left is done unless it was deferred (or left untouched: see
        :meth:`_left_state`)."""
        self._require_open()
        target = self._topic(topic_id)
        current = self.meeting.current_topic
        if current is target:
            return Change(message=f"already on {target.title}")
        now = self.now()
        change = Change(meeting=True)
        if current is not None:
            if current.segments and current.segments[-1].end is None:
                current.segments[-1].end = now
            if current.state is TopicState.ACTIVE:
                current.state = self._left_state(current, target)
            change.records.append(current)
        self._end_speaker(change, now)
        target.state = TopicState.ACTIVE
        if is_running(self.meeting):
            target.segments.append(Segment(start=now))
        self.meeting.current_topic_id = target.id
        change.records.append(target)
        change.message = f"topic: {target.title}"
        return change

    def _left_state(self, left: Topic, going_to: Topic) -> TopicState:
        """A topic left is done once discussed; left untouched, it was skipped if the meeting went on past it, and
        is still to come (pending) if the meeting went back to an earlier topic (``n`` then ``p``)."""
        if not self._untouched(left):
            return TopicState.DONE
        agenda = self.meeting.agenda
        return TopicState.PENDING if agenda.index(going_to) < agenda.index(left) else TopicState.SKIPPED

    def _untouched(self, topic: Topic) -> bool:
        """A topic left within :data:`SKIP_SECONDS` with nothing recorded on it was skipped, not discussed."""
        spent = sum(((s.end or self.now()) - s.start).total_seconds() for s in topic.segments)
        if spent >= SKIP_SECONDS:
            return False
        meeting = self.meeting
        return not (
            any(n.topic_id == topic.id and not n.withdrawn for n in meeting.notes)
            or any(d.topic_id == topic.id for d in meeting.decisions)
            or any(a.topic_id == topic.id for a in meeting.actions)
        )

    def _step(self, offset: int) -> Change:
        agenda = self.meeting.agenda
        if not agenda:
            raise MeetuiError("the agenda is empty")
        current = self.meeting.current_topic
        if current is None:
            return self.goto_topic(agenda[0 if offset > 0 else -1].id)
        index = agenda.index(current) + offset
        if not 0 <= index < len(agenda):
            raise MeetuiError("this is the last topic" if offset > 0 else "this is the first topic")
        return self.goto_topic(agenda[index].id)

    def next_topic(self) -> Change:
        return self._step(1)

    def previous_topic(self) -> Change:
        return self._step(-1)

    def extend(self, minutes: int) -> Change:
        """Add (or with a negative number remove) minutes on the current topic's timebox."""
        self._require_open()
        topic = self._topic()
        if topic.timebox_minutes + minutes < MIN_TIMEBOX_MINUTES:
            raise MeetuiError(f"a timebox is at least {MIN_TIMEBOX_MINUTES} minute")
        topic.extra_minutes += minutes
        return Change([topic], message=f"{topic.title}: timebox {topic.timebox_minutes} min")

    def add_topic(self, title: str, **fields: Any) -> Change:
        """Add a topic to the end of the agenda."""
        self._require_open()
        order = max((t.order for t in self.meeting.topics), default=-1) + 1
        topic = build(Topic, "topic", id=self.ids.new(), title=title, order=order, **fields)
        self.meeting.topics.append(topic)
        return Change([topic], message=f"topic added: {topic.title}")

    def insert_topic_after_current(self, title: str, **fields: Any) -> Change:
        """Add a topic right after the current one (MeetBot's ``#topic``) and move to it.

        A title the agenda has already is a move to that topic, and so is the first part of exactly one
        bilingual title ("风险与资源" for "风险与资源 Risks and resources"): a new topic is made only for a
        title the agenda does not hold.
        """
        existing = self._topic_named(title)
        if existing is not None:
            return self.goto_topic(existing.id)
        current = self.meeting.current_topic
        after = current.order if current else max((t.order for t in self.meeting.topics), default=-1)
        added = self.add_topic(title, **fields)  # refused (ended meeting, bad title) before any order changes
        new = added.records[0]
        assert isinstance(new, Topic)
        change = Change()
        for topic in self.meeting.topics:
            if topic is not new and topic.order > after:
                topic.order += 1
                change.records.append(topic)
        new.order = after + 1
        change += added
        change += self.goto_topic(new.id)
        return change

    def _topic_named(self, title: str) -> Topic | None:
        """The topic called ``title`` (case-insensitive), or the one topic whose title starts with it and a space or
        a slash (a bilingual title named by one of its languages' first part)."""
        folded = title.strip().casefold()
        if not folded:
            return None
        exact = next((t for t in self.meeting.topics if t.title.casefold() == folded), None)
        if exact is not None:
            return exact
        starting = [
            t for t in self.meeting.topics if t.title.casefold().startswith((f"{folded} ", f"{folded}/", f"{folded} /"))
        ]
        return starting[0] if len(starting) == 1 else None

    def rename_topic(self, topic_id: str, title: str) -> Change:
        """Give a topic a new title (its notes, decisions and time stay with it)."""
        self._require_open()
        topic = self._topic(topic_id)
        if not title.strip():
            raise MeetuiError("a topic needs a title")
        folded = title.strip().casefold()
        clash = next((t for t in self.meeting.topics if t is not topic and t.title.casefold() == folded), None)
        if clash is not None:
            raise MeetuiError(f"there is already a topic {clash.title!r}")
        old = topic.title
        values = {**topic.model_dump(), "title": title}
        topic.title = build(Topic, "topic", **values).title
        return Change([topic], message=f"topic renamed: {old} → {topic.title}")

    def delete_topic(self, topic_id: str) -> Change:
        """Take a topic off the agenda: only one nothing was recorded on (else defer it to the parking lot)."""
        self._require_open()
        topic = self._topic(topic_id)
        meeting = self.meeting
        recorded = (
            any(n.topic_id == topic.id and not n.withdrawn for n in meeting.notes)
            or any(d.topic_id == topic.id for d in meeting.decisions)
            or any(a.topic_id == topic.id for a in meeting.actions)
        )
        if recorded:
            raise MeetuiError(f"{topic.title} has notes or decisions: defer it to the parking lot instead")
        if topic.id == meeting.current_topic_id:
            raise MeetuiError("this is the current topic: move to another one first")
        meeting.topics.remove(topic)
        change = Change(deleted=[topic], message=f"topic deleted: {topic.title}")
        for number, other in enumerate(meeting.agenda):
            if other.order != number:
                other.order = number
                change.records.append(other)
        return change

    def move_topic(self, topic_id: str, offset: int) -> Change:
        """Move a topic ``offset`` places up (negative) or down the agenda."""
        self._require_open()
        topic = self._topic(topic_id)
        agenda = list(self.meeting.agenda)
        index = agenda.index(topic)
        target = min(max(index + offset, 0), len(agenda) - 1)
        if target == index:
            return Change(message=f"{topic.title} is already {'first' if offset < 0 else 'last'}")
        agenda.insert(target, agenda.pop(index))
        change = Change(message=f"{topic.title} is now topic {target + 1}")
        for number, other in enumerate(agenda):
            if other.order != number:
                other.order = number
                change.records.append(other)
        return change

    def defer_topic(self, topic_id: str | None = None, reason: str = "") -> Change:
        """Move a topic to the parking lot (its open decision, if any, is deferred)."""
        self._require_open()
        topic = self._topic(topic_id)
        now = self.now()
        change = Change()
        if topic.segments and topic.segments[-1].end is None:
            topic.segments[-1].end = now
        latest = self.meeting.latest_decision(topic.id)
        if latest is not None and not latest.locked and latest.state not in {DecisionState.REJECTED}:
            latest.state = DecisionState.DEFERRED
            for objection in latest.objections:
                objection.resolution = objection.resolution or "deferred to the parking lot"
            change.records.append(latest)
        topic.state = TopicState.DEFERRED
        change.records.append(topic)
        text = topic.title + (f" — {reason}" if reason else "")
        change += self.park(text, topic_id=topic.id)
        if self.meeting.current_topic_id == topic.id:
            following = next((t for t in self.meeting.agenda if t.state is TopicState.PENDING), None)
            self.meeting.current_topic_id = None
            change.meeting = True
            if following is not None:
                change += self.goto_topic(following.id)
        change.message = f"deferred to the parking lot: {topic.title}"
        return change

    def trim_remaining(self) -> Change:
        """Shrink the pending topics' timeboxes proportionally so the meeting ends on time."""
        self._require_open()
        plan = trim_plan(self.meeting, self.now())
        if not plan:
            return Change(message="the remaining topics already fit")
        change = Change(message=f"trimmed {len(plan)} topics to end on time")
        for topic_id, minutes in plan.items():
            topic = self._topic(topic_id)
            topic.extra_minutes = minutes - topic.planned_minutes
            change.records.append(topic)
        return change

    def park_last_topics(self) -> Change:
        """Move the last pending topics to the parking lot so the meeting ends on time."""
        ids = topics_to_park(self.meeting, self.now())
        if not ids:
            return Change(message="the remaining topics already fit")
        change = Change()
        for topic_id in ids:
            change += self.defer_topic(topic_id, reason="out of time")
        change.message = f"moved {len(ids)} topics to the parking lot"
        return change

    # -- parking lot -----------------------------------------------------------

    def _parked_topic(self, item: ParkingLotItem) -> bool:
        """Whether ``item`` is a whole topic deferred to the parking lot (not a point raised during it)."""
        topic = self.meeting.topic(item.topic_id) if item.topic_id else None
        return topic is not None and (item.text == topic.title or item.text.startswith(f"{topic.title} — "))

    def _parked(self, item_id: str) -> ParkingLotItem:
        item = next((i for i in self.meeting.parking_lot if i.id == item_id), None)
        if item is None:
            raise MeetuiError(f"no parking-lot item {item_id!r}")
        return item

    def _still_parked(self, item_id: str) -> ParkingLotItem:
        """The parked item ``item_id`` if nothing has become of it yet; else a refusal saying what did."""
        item = self._parked(item_id)
        if item.action_id:
            raise MeetuiError(f"this parked item already became action item {item.action_id}")
        if item.follow_up:
            raise MeetuiError(
                "this parked item is already for the follow-up meeting: take it back to the parking lot first"
            )
        if item.resolved:
            raise MeetuiError("this parked item is resolved already")
        return item

    def parked_to_follow_up(self, item_id: str) -> Change:
        """Mark a parked item as a topic of the follow-up meeting (it stays unresolved: that meeting settles it).

        :func:`meetui.core.planning.follow_up_fields` puts such items first among the topics it carries over.
        Allowed after the meeting ended too: the end review is when the host sorts the parking lot
        (domain.md, "Last 10 minutes"). Raises :class:`MeetuiError` for an item already resolved, already an
        action item or already marked.
        """
        item = self._still_parked(item_id)
        item.follow_up = True
        return Change([item], message=f"for the follow-up meeting: {item.text}")

    def update_parked(self, item_id: str, **fields: Any) -> Change:
        """Give a parked item an owner or a due date (text or date), edit its text, or mark it resolved."""
        item = self._parked(item_id)
        if isinstance(fields.get("due"), str):
            fields["due"] = parse_due(fields["due"], self.today()) if fields["due"].strip() else None
        values = {**item.model_dump(), **fields}
        updated = build(ParkingLotItem, "parking-lot item", **values)
        for name in fields:
            setattr(item, name, getattr(updated, name))
        return Change([item], message="parking lot updated")

    def park(self, text: str, *, raised_by: str = "", topic_id: str | None = None, owner: str = "") -> Change:
        """Take something offline: it goes to the parking lot to be followed up later."""
        self._require_open()
        item = build(
            ParkingLotItem,
            "parking-lot item",
            id=self.ids.new(),
            text=text.strip(),
            topic_id=topic_id or self.meeting.current_topic_id,
            raised_by=raised_by,
            owner=owner,
            at=self.now(),
        )
        self.meeting.parking_lot.append(item)
        return Change([item], message="parked")
