"""A meeting being run live, split along the practice's own lines.

:class:`LiveMeeting` is the one entry point the UI and the store use. Its
operations live in one module per concern, each a layer of the class:
``base`` (shared state), ``people`` (attendees, roll call, speakers),
``agenda`` (clock, topics, parking lot), ``decisions``, ``actions`` and
``notes`` (notes and the note-line commands).
"""

from __future__ import annotations

import datetime as dt

from ..change import Change
from ..dates import parse_due
from ..models import MeetingStatus, TopicState
from ..timekeeping import is_running
from .notes import NoteOps


class LiveMeeting(NoteOps):
    """A meeting being run: every operation of the live screen, without any UI.

    ``actor`` is who operates meetui (normally the host or note-taker); it is
    recorded as the author of notes and the one who locks decisions. Each
    operation changes the meeting in memory and returns a :class:`Change`.
    """

    # -- ending --------------------------------------------------------------

    def end(self, next_checkpoint: dt.date | str | None = None) -> Change:
        """End the meeting: stop the clock, close the current topic, set the next checkpoint."""
        self._require_open()
        if isinstance(next_checkpoint, str):
            next_checkpoint = parse_due(next_checkpoint, self.today()) if next_checkpoint.strip() else None
        change = self.pause() if is_running(self.meeting) else Change()
        now = self.now()
        current = self.meeting.current_topic
        if current is not None and current.state is TopicState.ACTIVE:
            current.state = TopicState.DONE
            change.records.append(current)
        self._end_speaker(change, now)
        self.meeting.next_checkpoint = next_checkpoint
        self.meeting.status = MeetingStatus.ENDED
        self.meeting.ended_at = now
        change.meeting = True
        change.message = "meeting ended"
        return change
