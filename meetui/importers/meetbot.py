"""MeetBot meeting logs: an IRC log recorded by MeetBot (or a supybot channel log) as an ended meeting.

The rules are MeetBot's (openstack-infra/meetbot ``doc/Manual.txt`` and its ``meeting.py``):

- Log lines ``HH:MM:SS <nick> text`` and ``HH:MM:SS * nick text`` (``/me``), and the looser forms MeetBot's
  replay reads: ``[HH:MM:SS] <@nick> text``, ``HH:MM <+nick> text``; supybot's ``2021-03-15T19:01:02  <nick>
  text`` too. UTF-8, with or without a byte-order mark, CRLF or LF, with or without a final newline.
- The meeting runs from ``#startmeeting TITLE`` (whoever says it owns and chairs it) to ``#endmeeting``;
  lines outside are ignored. A command is ``#word`` at the start of a line, case-insensitive; ``/me`` lines
  are never commands. Chairs only: ``#topic``, ``#agreed``/``#agree``, ``#accepted``, ``#rejected``,
  ``#undo``, ``#chair``/``#unchair``, ``#meetingtopic``, ``#endmeeting``; from anyone else they are
  ignored, as MeetBot ignores them. A relay bot's lines (``<relaybot> <realnick> text``) are the relay
  bot's, as in MeetBot.
- Items are read by the note-line parser the live note field uses (:mod:`meetui.core.commands`), so a line
  means the same in both. ``#undo`` removes the newest item of any kind (a topic too), again each time.
- Action owners: the people the line names first, as in the note field (``#action alice, bob: …``), then,
  as MeetBot assigns them, every person who spoke in the meeting or was added with
  ``#nick``/``#chair`` and whose nick appears as a whole word in the action (case-insensitive), in the
  order they appear: the first is the owner, the others co-owners; an action naming nobody belongs to
  :data:`UNASSIGNED`. One word ended by a colon at the start (``#action dave: …``, IRC's way of addressing
  someone) names the owner even if dave never spoke; dave then is a person of the meeting with 0 lines.
- Action items are confirmed: one named in the meeting's log is as confirmed as the log can say (the
  practice's 2-hour confirmation by the owner happened, or not, outside the log).
- Decisions: MeetBot's ``#agreed`` (``#agree``) and ``#accepted`` are the meeting's decision on the current
  topic. The newest still standing on a topic (after ``#undo``) becomes the topic's locked decision: its
  text as written after the command, proposed and locked at its line's time by the chair who said it (who is
  also its decision-maker), with the people of the meeting so far as present. Every such line also stays an
  agreed note, as the note field records it, so the minutes keep what was agreed on the way. ``#rejected``
  is no decision (an agreed note labelled "Rejected: "); an ``#agreed`` before any ``#topic`` stays a note.
- Times are in ``zone`` (UTC unless told), on ``date`` or the date in the file name
  (``channel.2021-03-15-19.01.log.txt``); a log passing midnight moves on a day.
- A log without ``#endmeeting`` ends at its last line, and ``warnings`` hears of it.

The result is an ended meeting: topics with their actual minutes from the timestamps, notes by kind,
decisions, action items, and the people present with the number of lines each said.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..core.clock import FrozenClock, IdSource, zone_checked, zone_info
from ..core.commands import URL_PREFIXES as URLS
from ..core.commands import ActionLine, parse_action_line, parse_note_line
from ..core.errors import MeetuiError
from ..core.meeting import LiveMeeting, new_meeting
from ..core.models import UNASSIGNED, Attendance, Attendee, Meeting, Topic

__all__ = ["UNASSIGNED", "import_meetbot", "looks_like_meetbot", "meeting_from_log", "owners_in"]

#: MeetBot's commands that record the meeting's decision on the current topic (``#rejected`` is none).
DECIDING = {"agreed", "agree", "accepted", "accept"}

#: Commands only a chair may give; MeetBot ignores them from anyone else.
CHAIR_ONLY = {
    "topic",
    "agreed",
    "agree",
    "accepted",
    "accept",
    "rejected",
    "undo",
    "chair",
    "unchair",
    "meetingtopic",
    "endmeeting",
    "save",
    "restrictlogs",
    "lurk",
    "unlurk",
}

#: The largest log meetui reads (a MeetBot log of a long meeting is well under a megabyte).
MAX_BYTES = 32 * 1024 * 1024

_STAMP = r"\[?(?:(?P<date>\d{4}-\d{2}-\d{2})[T ])?(?P<time>\d{1,2}:\d{2}(?::\d{2})?)\]?"
_SAID = re.compile(_STAMP + r"\s+<[@+%&~]?(?P<nick>[^>\s]+)>[ \t]?(?P<text>.*)$")
_ME = re.compile(_STAMP + r"\s+\*[ \t]+(?P<nick>[^\s*]\S*)[ \t]?(?P<text>.*)$")
_COMMAND = re.compile(r"^#(\w+)[ \t]*(.*)$", re.DOTALL)
_DATE_IN_NAME = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


@dataclass
class LogLine:
    """One line of the log: when, who, what; ``me`` for ``/me``; ``number`` counts from 1."""

    number: int
    time: dt.time
    day: dt.date | None
    nick: str
    text: str
    me: bool = False


@dataclass
class _Item:
    """An item of the minutes, newest last, for ``#undo``: its kind, its record, and for a topic where it was."""

    kind: str
    record_id: str
    previous_topic: str | None = None
    inserted: bool = True


@dataclass
class _Agreed:
    """An ``#agreed``/``#accepted`` line: the decision's text, who said it, when, and who had joined by then."""

    text: str
    nick: str
    at: dt.datetime
    present: list[str]


@dataclass
class _State:
    owner: str = ""
    chairs: set[str] = field(default_factory=set)
    lines: dict[str, int] = field(default_factory=dict)  # nick → lines said, in order of appearance
    items: list[_Item] = field(default_factory=list)
    actions: dict[str, tuple[tuple[str, ...], str]] = field(default_factory=dict)  # id → (people named, text)
    agreed: dict[str, _Agreed] = field(default_factory=dict)  # note id → the decision it makes
    title: str = ""
    name: str = ""


def parse_log_line(number: int, raw: str) -> LogLine | None:
    """A log line in one of MeetBot's forms, or ``None`` for anything else (joins, blank lines, server notices)."""
    match = _SAID.match(raw) or _ME.match(raw)
    if match is None:
        return None
    parts = [int(p) for p in match.group("time").split(":")]
    hour, minute, second = (parts + [0])[:3]
    if hour > 23 or minute > 59 or second > 59 or len(match.group("nick")) > 200:
        return None
    day = None
    if match.group("date"):
        try:
            day = dt.date.fromisoformat(match.group("date"))
        except ValueError:
            return None
    return LogLine(
        number, dt.time(hour, minute, second), day, match.group("nick"), match.group("text").strip(), me=match.re is _ME
    )


def looks_like_meetbot(text: str) -> bool:
    """Whether ``text`` clearly is an IRC log in MeetBot's forms: most of its first 200 non-blank lines are."""
    lines = [line for line in text.lstrip("\ufeff").splitlines()[:400] if line.strip()][:200]
    if not lines:
        return False
    said = sum(1 for number, line in enumerate(lines, 1) if parse_log_line(number, line) is not None)
    return said * 2 > len(lines)


def read_text(path: Path) -> str:
    """A log file's text: UTF-8, a byte-order mark dropped; refused (naming the file) if it cannot be read."""
    from ..store.files import StoreError, read_file

    if not path.exists() and not path.is_symlink():
        raise MeetuiError(f"{path}: no such file")
    try:  # only a regular file of bounded size: a FIFO or /dev/zero must not hang the import
        data = read_file(path, limit=MAX_BYTES)[0]
    except StoreError as exc:
        raise MeetuiError(f"{exc} (a MeetBot log)") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise MeetuiError(f"{path}: not UTF-8 text, so not a MeetBot log") from None


def date_from_name(path: Path) -> dt.date | None:
    """The date in a MeetBot file name (``channel.2021-03-15-19.01.log.txt``), if it holds a real one."""
    for match in _DATE_IN_NAME.finditer(path.name):
        try:
            return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        except ValueError:
            continue
    return None


def import_meetbot(
    path: str | Path,
    *,
    zone: str = "UTC",
    date: dt.date | None = None,
    ids: IdSource | None = None,
    warnings: Callable[[str], None] | None = None,
) -> Meeting:
    """Read a MeetBot log file into an ended meeting (see the module's rules).

    ``warnings`` hears, in one line naming the file, what was read but is worth saying (a log without
    ``#endmeeting``). Raises :class:`MeetuiError` with one line naming the file when it is not a MeetBot log,
    has no ``#startmeeting``, or has no date (give ``date``, or keep the date in the file name).
    """
    path = Path(path)
    text = read_text(path)
    if not looks_like_meetbot(text):
        raise MeetuiError(f"{path}: not a MeetBot log (expected lines such as '19:01:02 <nick> text')")
    told = None if warnings is None else (lambda message: warnings(f"{path}: {message}"))
    try:
        return meeting_from_log(
            text,
            zone=zone,
            date=date or date_from_name(path),
            ids=ids,
            fallback_title=path.name.split(".")[0] or "MeetBot meeting",
            warnings=told,
        )
    except MeetuiError as error:
        raise MeetuiError(f"{path}: {error}") from None


def meeting_from_log(
    text: str,
    *,
    zone: str = "UTC",
    date: dt.date | None = None,
    ids: IdSource | None = None,
    fallback_title: str = "MeetBot meeting",
    warnings: Callable[[str], None] | None = None,
) -> Meeting:
    """Read the text of a MeetBot log into an ended meeting; see :func:`import_meetbot`."""
    zone = zone_checked(zone)
    lines = [
        parsed
        for number, raw in enumerate(text.lstrip("\ufeff").splitlines(), 1)
        if (parsed := parse_log_line(number, raw)) is not None
    ]
    start_index = next(
        (i for i, line in enumerate(lines) if not line.me and _keyword(line.text) == "startmeeting"), None
    )
    if start_index is None:
        raise MeetuiError("no #startmeeting: not a MeetBot meeting log")
    lines = lines[start_index:]
    day = lines[0].day or date
    if day is None:
        raise MeetuiError("no date in the log or its file name: give --date YYYY-MM-DD")
    moments = _moments(lines, day, zone)

    first = lines[0]
    title = _command(first.text)[1] or fallback_title
    clock = FrozenClock(moments[0], zone)
    meeting = new_meeting(
        title, clock, ids, timezone=zone, scheduled_start=moments[0], host=first.nick, note_taker=first.nick
    )
    live = LiveMeeting(meeting, clock, ids, actor=first.nick)
    live.start()
    state = _State(owner=first.nick, chairs={first.nick}, title=_command(first.text)[1])
    end = moments[-1]
    ended = False
    for line, moment in zip(lines, moments, strict=True):
        state.lines[line.nick] = state.lines.get(line.nick, 0) + 1
        if line.me or line is first or not line.text.startswith("#") and not line.text.casefold().startswith(URLS):
            continue  # chat: the log, not the minutes
        clock.set(moment)
        try:
            if _act(live, state, line, moment):
                end, ended = moment, True
                break
        except MeetuiError as error:
            raise MeetuiError(f"line {line.number}: {error}") from None
    if not ended and warnings is not None:
        last = lines[-1]
        warnings(f"no #endmeeting: the meeting was ended at its last line (line {last.number}, {last.time})")
    clock.set(end)
    _finish(live, state, end, clock)
    return meeting


def _keyword(text: str) -> str:
    match = _COMMAND.match(text)
    return match.group(1).casefold() if match else ""


def _command(text: str) -> tuple[str, str]:
    match = _COMMAND.match(text)
    return (match.group(1).casefold(), match.group(2).strip()) if match else ("", "")


def _moments(lines: list[LogLine], day: dt.date, zone: str) -> list[dt.datetime]:
    """Each line's aware time: on its own date if it has one, else on ``day``, a day later past each midnight."""
    tz = zone_info(zone)
    moments = []
    previous: dt.datetime | None = None
    for line in lines:
        if line.day is not None:
            day = line.day
        moment = dt.datetime.combine(day, line.time, tzinfo=tz)
        if previous is not None and moment < previous and line.day is None:
            if previous - moment > dt.timedelta(hours=12):  # past midnight
                day = day + dt.timedelta(days=1)
                moment = dt.datetime.combine(day, line.time, tzinfo=tz)
            else:  # a clock stepping back a little: keep the order of the log
                moment = previous
        moments.append(moment)
        previous = moment
    return moments


def _act(live: LiveMeeting, state: _State, line: LogLine, moment: dt.datetime) -> bool:
    """Act on one line said in the meeting; ``True`` at ``#endmeeting``."""
    keyword, rest = _command(line.text)
    if keyword in CHAIR_ONLY and line.nick not in state.chairs and line.nick != state.owner:
        return False  # MeetBot ignores a chair's command from anyone else
    if keyword == "endmeeting":
        return True
    if keyword in {"chair", "unchair", "nick"}:
        for nick in (n for n in re.split(r"[,\s]+", rest) if n):
            if keyword == "unchair":
                state.chairs.discard(nick)
                continue
            state.lines.setdefault(nick, 0)
            if keyword == "chair":
                state.chairs.add(nick)
        return False
    if keyword == "meetingtopic":  # the meeting's own topic, which #startmeeting TITLE sets too
        state.title = rest or state.title
        return False
    if keyword == "meetingname":
        state.name = rest
        return False
    if keyword in {"startmeeting", "save", "restrictlogs", "lurk", "unlurk", "commands"}:
        return False
    if keyword == "undo":
        _undo(live, state)
        return False
    if not line.text.strip():
        return False
    try:
        command = parse_note_line(line.text)
    except MeetuiError:  # a command with nothing after it ("#info"): MeetBot records nothing worth keeping
        return False
    if command.name == "topic":
        previous = live.meeting.current_topic_id
        existed = any(t.title.casefold() == command.text.casefold() for t in live.meeting.topics)
        live.insert_topic_after_current(command.text)
        if live.meeting.current_topic_id != previous:
            state.items.append(_Item("topic", live.meeting.current_topic_id or "", previous, inserted=not existed))
    elif command.name == "action":
        _action(live, state, command.text, line.nick)
    elif command.name == "note" and (command.keyword or command.kind.value == "link"):
        change = live.add_note(command.text, command.kind, author=line.nick, private=command.private)
        state.items.append(_Item("note", change.records[0].id))
        if command.keyword in DECIDING:
            state.agreed[change.records[0].id] = _Agreed(rest, line.nick, moment, list(state.lines))
    return False  # plain chat, and unknown #words, are the log, not the minutes


def _action(live: LiveMeeting, state: _State, text: str, nick: str) -> None:
    people = [Attendee(id=f"n{i}", name=name) for i, name in enumerate(state.lines)]
    try:
        parsed = parse_action_line(text, people, live.today(), strict=False, past_ok=True)
    except MeetuiError:  # a due date it cannot read stays in the task, as MeetBot keeps the whole line
        parsed = ActionLine("", text, None)
    for name in parsed.people:  # "dave: …" names dave even if he never spoke: a person of the meeting from now
        state.lines.setdefault(name, 0)
    change = live.add_action(parsed.task, UNASSIGNED, due=parsed.due)
    item = change.records[0]
    state.actions[item.id] = (parsed.people, text)
    state.items.append(_Item("action", item.id))


def _undo(live: LiveMeeting, state: _State) -> None:
    """MeetBot's ``#undo``: remove the newest item of the minutes, whatever its kind."""
    if not state.items:
        return
    item = state.items.pop()
    meeting = live.meeting
    if item.kind == "note":
        meeting.notes = [n for n in meeting.notes if n.id != item.record_id]
    elif item.kind == "action":
        meeting.actions = [a for a in meeting.actions if a.id != item.record_id]
        state.actions.pop(item.record_id, None)
    else:
        topic = meeting.topic(item.record_id)
        if topic is None:
            return
        if item.previous_topic and meeting.topic(item.previous_topic) is not None:
            live.goto_topic(item.previous_topic)
        else:
            if topic.segments and topic.segments[-1].end is None:
                topic.segments[-1].end = live.now()
            meeting.current_topic_id = None
        if item.inserted:
            _drop_topic(meeting, topic)


def _drop_topic(meeting: Meeting, topic: Topic) -> None:
    meeting.topics.remove(topic)
    for note in meeting.notes:
        if note.topic_id == topic.id:
            note.topic_id = meeting.current_topic_id
    for action in meeting.actions:
        if action.topic_id == topic.id:
            action.topic_id = meeting.current_topic_id
    for order, other in enumerate(meeting.agenda):
        other.order = order


def owners_in(text: str, nicks: list[str]) -> list[str]:
    """MeetBot's owners of an action: the nicks that appear in ``text`` as whole words, case-insensitive, in
    the order they first appear (a longer nick first where two start at the same place)."""
    found: list[tuple[int, int, str]] = []
    for nick in nicks:
        match = re.search(rf"(?<!\w){re.escape(nick)}(?!\w)", text, re.IGNORECASE)
        if match:
            found.append((match.start(), -len(nick), nick))
    return [nick for _, _, nick in sorted(found)]


def _finish(live: LiveMeeting, state: _State, end: dt.datetime, clock: FrozenClock) -> None:
    meeting = live.meeting
    if state.title or state.name:
        meeting.title = (state.title or state.name)[:10_000]
    nicks = list(state.lines)
    for action in meeting.actions:
        named, text = state.actions.get(action.id, ((), action.task))
        owners = list(dict.fromkeys([*named, *owners_in(text, nicks)]))
        if owners:
            action.owner, action.co_owners = owners[0], owners[1:]
        action.confirmed = True  # named in the meeting: as confirmed as the log can say
    for topic in meeting.topics:
        topic.planned_minutes = min(max(round(_seconds(topic, end) / 60), 0), 24 * 60)
    meeting.planned_minutes = min(max(round((end - meeting.clock[0].start).total_seconds() / 60), 0), 24 * 60)
    for nick, said in state.lines.items():
        meeting.attendees.append(
            Attendee(id=live.ids.new(), name=nick, contact=nick, attendance=Attendance.PRESENT, lines_said=said)
        )
    _decide(live, state, clock)
    clock.set(end)
    live.end()


def _decide(live: LiveMeeting, state: _State, clock: FrozenClock) -> None:
    """Each topic's newest standing ``#agreed``/``#accepted`` becomes its locked decision (see the module)."""
    newest: dict[str, tuple[_Agreed, int]] = {}
    for order, note in enumerate(live.meeting.notes):
        agreed = state.agreed.get(note.id)
        if agreed is not None and note.topic_id is not None and live.meeting.topic(note.topic_id) is not None:
            newest[note.topic_id] = (agreed, order)
    operator = live.actor
    for topic_id, (agreed, _) in sorted(newest.items(), key=lambda item: item[1][1]):
        clock.set(agreed.at)
        live.actor = agreed.nick
        decision_id = live.propose_decision(agreed.text, topic_id).records[0].id
        live.no_objections(decision_id, ruled_by=agreed.nick)
        decision = next(d for d in live.meeting.decisions if d.id == decision_id)
        decision.present = agreed.present
    live.actor = operator


def _seconds(topic: Topic, end: dt.datetime) -> float:
    return sum(segment.seconds(end) for segment in topic.segments)
