"""A search hit shown in the meeting it opened: the record selected, the matched characters marked.

The home screen's search (``/``) opens a meeting at a hit
(:class:`~meetui.store.SearchHit`, which names the record it was found in);
the live screen then shows it where the meeting shows that record:

* a note: the notes pane shows the notes of the note's topic, the note
  highlighted and the matched characters marked;
* a decision: the notes pane shows its topic, the decision line marked;
* an action item: its row selected in the actions pane, the match marked in
  its task;
* a topic: its agenda row selected, the match marked in its title;
* a parking-lot item: the parking list opened on it, the match marked in its
  text (``escape`` closes the list); behind it the agenda's count of parked
  items marked and the row of the topic it was parked from selected;
* the meeting's title: marked in the header.

The message line says where ("found 预算 in note 3 of topic 2 · esc
clears · 3/6, h next"). ``h`` / ``H`` go to the next and previous hit of the same query in
this meeting, matched as the index matches
(:func:`meetui.store.search.meeting_hits`); ``escape`` clears the mark and the
search. Going to the note field or a change to the meeting (a note typed, the
next topic) clears the mark as well, and the notes pane goes back to the
current topic; moving around the panes does not. Marks are styles
from ``themes/app.tcss`` put on the characters (user text is never markup).

Nothing is written. In a meeting run live the current topic stays where it is
and the note field keeps its focus and its text; only a read-only review of an
ended meeting moves its (unsaved) current topic to the hit's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import events

from ...core.live.notes import post_meeting_notes
from ...core.models import Meeting
from ...store.search import SearchHit, fold, locate, meeting_hits
from ..keys import LIVE_BY_ID, key_display
from ..panes.actions import ActionsPane
from ..panes.agenda import AgendaPane
from ..panes.message import MessageLine
from ..panes.notes import NotesMark, NotesPane

if TYPE_CHECKING:
    from textual.widget import Widget

#: The actions of :class:`FoundHits`, for the live screen's ``available``.
FOUND_ACTIONS = frozenset({"next_hit", "previous_hit", "clear_hit"})


def where_found(meeting: Meeting, hit: SearchHit, *, shows_private: bool = True) -> str:
    """Where a hit is, in words: "note 3 of topic 2", "the title of topic 1", "the decision of topic 2"…

    Topics are numbered in agenda order, notes in their topic's list (as the
    notes pane numbers them), action items and parking-lot items as their lists
    do; a record the screen does not show says why.
    """
    order = [t.id for t in meeting.agenda]
    of_topic = f" of topic {order.index(hit.topic_id) + 1}" if hit.topic_id in order else ""
    if hit.kind == "title":
        return "the meeting's title"
    if hit.kind == "topic":
        topic = meeting.topic(hit.record_id)
        field = "title" if topic is not None and locate(fold(hit.found), topic.title) else "goal"
        return f"the {field}{of_topic}"
    if hit.kind == "note":
        after = [n.id for n in post_meeting_notes(meeting, include_private=shows_private)]
        if hit.record_id in after:
            return f"post-meeting note {after.index(hit.record_id) + 1} (会后补充)"
        notes = [n for n in meeting.notes_for(hit.topic_id, include_private=shows_private) if n.id not in after]
        number = next((n for n, note in enumerate(notes, 1) if note.id == hit.record_id), None)
        if number is None:
            return f"a private note{of_topic} (hidden in this view)"  # the follow view and a review hide them
        return f"note {number}{of_topic or ' (before the agenda)'}"
    if hit.kind == "decision":
        latest = meeting.latest_decision(hit.topic_id) if hit.topic_id else None
        decision = next((d for d in meeting.decisions if d.id == hit.record_id), None)
        if latest is not None and decision is not None and latest.id != decision.id:
            return f"decision v{decision.version}{of_topic} (amended since: the line shows v{latest.version})"
        return f"the decision{of_topic}"
    if hit.kind == "action":
        number = next((n for n, a in enumerate(meeting.actions, 1) if a.id == hit.record_id), 0)
        item = meeting.actions[number - 1] if number else None
        field = "" if item is None or locate(fold(hit.found), item.task) else " (its deliverable)"
        return f"action item {number}{field}"
    number = next((n for n, p in enumerate(meeting.parking_lot, 1) if p.id == hit.record_id), 0)
    parked_from = f" (from topic {order.index(hit.topic_id) + 1})" if hit.topic_id in order else ""
    return f"parking-lot item {number}{parked_from}"


class FoundHits:
    """The part of the live screen that shows search hits (mixed into
    :class:`~meetui.ui.screens.live.LiveScreen`, whose panes and session it uses)."""

    #: The query of the search that opened the meeting (``""``: none, the hit keys are hidden).
    found_query: str = ""
    #: The hit marked now, if any.
    found_hit: SearchHit | None = None
    #: The hit marked last (still after its mark went): ``h`` goes on from there.
    _found_at: SearchHit | None = None
    _found_said: str = ""

    def show_hit(self, hit: SearchHit, query: str = "") -> None:
        """Show ``hit`` (found with ``query``) where this meeting shows its record, marked until cleared."""
        screen = self._screen
        self.found_query = query.strip() or hit.found
        hits = self._hits()
        here = next((h for h in hits if (h.kind, h.record_id) == (hit.kind, hit.record_id)), None)
        if here is None and not hits:  # changed since it was indexed (another process, between search and open)
            self._say(f"{self.found_query} is no longer found in this meeting", severity="warning")
            screen.refresh_bindings()
            return
        here = here or hits[0]  # that record no longer has it: the first place that does
        if screen.read_only and screen.ended and screen.meeting.topic(here.topic_id) is not None:
            screen.session.live.meeting.current_topic_id = here.topic_id  # a review: a view only, never saved
            screen.refresh_panes()
        self._mark_hit(here, hits)
        screen.refresh_bindings()

    def found_available(self, action: str) -> bool:
        """The hit keys apply while there is a search; otherwise they are hidden."""
        if action == "clear_hit":
            return self.found_hit is not None or bool(self.found_query)
        return bool(self.found_query)

    def found_moved_on(self) -> None:
        """The meeting changed: the mark goes (the search stays, for ``h``)."""
        if self.found_hit is not None:
            self._unmark()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Going to type a note is moving on: the mark goes (and the notes pane shows the current topic again) when
        the note field takes focus; the field's text and the search stay."""
        if self.found_hit is not None and event.widget.id == "note-input":
            self._unmark()

    def action_next_hit(self) -> None:
        self._step(1)

    def action_previous_hit(self) -> None:
        self._step(-1)

    def action_clear_hit(self) -> None:
        """``escape``: clear the mark and the search."""
        self._unmark()
        self.found_query, self._found_at = "", None
        self._say("")
        self._screen.refresh_bindings()

    # -- inside -------------------------------------------------------------------------------

    @property
    def _screen(self) -> Any:
        """This, as the live screen it is mixed into (its panes, message line and focus)."""
        return self

    def _hits(self) -> list[SearchHit]:
        return meeting_hits(self.found_query, self._screen.meeting)

    def _step(self, by: int) -> None:
        hits = self._hits()
        if not hits:
            self._unmark()
            self._say(f"{self.found_query} is no longer found in this meeting", severity="warning")
            return
        keys = [(h.kind, h.record_id) for h in hits]
        here = self.found_hit or self._found_at
        if here is not None and (here.kind, here.record_id) in keys:
            index = (keys.index((here.kind, here.record_id)) + by) % len(hits)
        else:
            index = 0 if by > 0 else len(hits) - 1
        wrapped = here is not None and (index == 0 if by > 0 else index == len(hits) - 1)
        self._mark_hit(hits[index], hits, wrapped=wrapped)

    def _mark_hit(self, hit: SearchHit, hits: list[SearchHit] | None = None, *, wrapped: bool = False) -> None:
        """Mark ``hit`` and say where it is among ``hits`` (the query's hits in this meeting, found if not given)."""
        screen = self._screen
        meeting = screen.meeting
        needle = fold(self.found_query)
        self._unmark()
        self.found_hit = self._found_at = hit
        agenda = screen.query_one(AgendaPane)
        notes = screen.query_one(NotesPane)
        target: Widget | None = None
        if hit.kind == "title":
            screen.query_one("LiveHeader").mark_title(locate(needle, meeting.title))
        elif hit.kind == "topic":
            agenda.mark(meeting, hit.record_id, needle)
            target = agenda.focus_target
        elif hit.kind == "parking":
            agenda.mark(meeting, hit.topic_id, parking=True)
            target = agenda.focus_target
            if not self._note_field_focused():  # the list opened on it (not over a note being typed)
                from ..dialogs.parking import ParkingLotDialog

                screen.call_after_refresh(
                    screen._open_dialog, ParkingLotDialog(screen.session, found=(hit.record_id, needle))
                )
        elif hit.kind == "action":
            screen.query_one(ActionsPane).mark(meeting, hit.record_id, needle)
            target = screen.query_one(ActionsPane).focus_target
        elif hit.kind in {"note", "decision"}:  # the notes of its topic (or of none: before the agenda started)
            topic_id = hit.topic_id if meeting.topic(hit.topic_id) is not None else None
            notes.mark(meeting, NotesMark(topic_id, hit.record_id, needle))
            agenda.mark(meeting, topic_id)  # the topic's row selected, nothing marked in it
            target = notes.query_one("#note-list") if hit.kind == "note" else None
        if target is not None and not self._note_field_focused():
            screen.set_focus(target)
        hits = self._hits() if hits is None else hits
        number = next((n for n, h in enumerate(hits, 1) if (h.kind, h.record_id) == (hit.kind, hit.record_id)), 0)
        keys = key_display(screen.app, LIVE_BY_ID["live.next_hit"])
        count = f"{number}/{len(hits)}" + (" (from the top)" if wrapped and len(hits) > 1 else "")
        where = where_found(meeting, hit, shows_private=notes.show_private)
        more = f", {keys} next" if len(hits) > 1 else ""
        if hit.kind == "parking":
            more += f", {key_display(screen.app, LIVE_BY_ID['live.parking_list'])} lists it"
        # Where first and how to clear it: what a narrow line cuts is the count and the keys.
        self._say(f"found {hit.found} in {where} · esc clears · {count}{more}")

    def _note_field_focused(self) -> bool:
        """Whether the note field has focus (then it keeps it: a hit never takes the typist's field)."""
        focused = self._screen.focused
        return focused is not None and focused.id == "note-input"

    def _unmark(self) -> None:
        screen = self._screen
        hit, self.found_hit = self.found_hit, None
        if hit is None:
            return
        meeting = screen.meeting
        screen.query_one("LiveHeader").mark_title(None)
        screen.query_one(AgendaPane).mark(meeting, None)
        screen.query_one(ActionsPane).mark(meeting, None)
        screen.query_one(NotesPane).mark(meeting, None)
        if self._found_said:
            self._say("")

    def _say(self, message: str, *, severity: str = "information") -> None:
        """Say ``message`` in the message line until replaced; ``""`` takes back what this said, if still shown."""
        line = self._screen.query_one(MessageLine)
        if message:
            line.say(message, severity=severity, timeout=0)
        elif self._found_said and line.message == self._found_said:
            line.clear()
        self._found_said = message
