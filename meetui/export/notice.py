"""The meeting notice (会议通知): the invitation sent before the meeting, as Markdown, plain text or iCalendar.

What the practice puts in a notice (domain.md, "Notice"): subject, time to the minute with its zone, place
or link, attendees with their roles, topics with owners and timeboxes, materials, the goal, and what each
attendee should bring. :func:`notice` renders it; the ICS is a calendar request (``METHOD:REQUEST``) with
the host as organizer and each attendee with their RSVP state (invited → ``NEEDS-ACTION``, confirmed →
``ACCEPTED``, declined → ``DECLINED``), built with the ``icalendar`` library (:mod:`.calendar`).
"""

from __future__ import annotations

import datetime as dt

from ..core.clock import in_zone
from ..core.errors import MeetuiError
from ..core.models import Attendance, Meeting, Role
from ..core.text import cell_width
from .labels import Labels

FORMATS = ("md", "txt", "ics")

WORDS = {
    "en": {
        "subject": "Meeting notice: {title}",
        "when": "Time",
        "where": "Place / link",
        "goal": "Goal",
        "kind": "Kind",
        "host": "Host",
        "note_taker": "Note-taker",
        "attendees": "Attendees",
        "agenda": "Agenda",
        "materials": "Materials (please read beforehand)",
        "notes": "Notes",
        "bring": "Please bring",
        "not_scheduled": "not scheduled yet",
        "none": "—",
        "minutes": "{n} min",
        "owner": "owner",
        "output": "expected output",
        "present": "present {topic}",
        "rsvp": "Please confirm, or name a proxy if you cannot attend.",
        "proxy": "proxy: {name}",
        "urgent": "URGENT",
        "rsvp_invited": "invited",
        "rsvp_confirmed": "confirmed",
        "rsvp_declined": "declined",
        "for": "{proxy} (for {name})",
        "no_one": "no one yet ({name} declined, no proxy named)",
    },
    "zh": {
        "subject": "会议通知：{title}",
        "when": "会议时间",
        "where": "会议地点/链接",
        "goal": "会议目标",
        "kind": "会议类型",
        "host": "主持人",
        "note_taker": "记录人",
        "attendees": "参会人员",
        "agenda": "会议议程",
        "materials": "会议材料（请提前阅读）",
        "notes": "会前须知",
        "bring": "请各位准备",
        "not_scheduled": "尚未确定",
        "none": "—",
        "minutes": "{n} 分钟",
        "owner": "负责人",
        "output": "预期产出",
        "present": "介绍「{topic}」",
        "rsvp": "请确认是否参会；如不能参加，请指定代理人。",
        "proxy": "代理人：{name}",
        "urgent": "紧急",
        "rsvp_invited": "待确认",
        "rsvp_confirmed": "已确认",
        "rsvp_declined": "已拒绝",
        "for": "{proxy}（代 {name}）",
        "no_one": "待定（{name} 已拒绝，未指定代理人）",
    },
}
#: An attendee's answer as an iCalendar ``PARTSTAT``.
PARTSTAT = {
    Attendance.INVITED: "NEEDS-ACTION",
    Attendance.CONFIRMED: "ACCEPTED",
    Attendance.PRESENT: "ACCEPTED",
    Attendance.DECLINED: "DECLINED",
    Attendance.ABSENT: "DECLINED",
    Attendance.PROXY: "DELEGATED",
}
#: An attendee's role as an iCalendar ``ROLE``: observers are informed only.
ICAL_ROLE = {
    Role.DECISION_MAKER: "REQ-PARTICIPANT",
    Role.EXECUTOR: "REQ-PARTICIPANT",
    Role.SUPPORT: "OPT-PARTICIPANT",
    Role.EXPERT: "OPT-PARTICIPANT",
    Role.OBSERVER: "NON-PARTICIPANT",
}


def notice(meeting: Meeting, fmt: str = "md", lang: str = "en", now: dt.datetime | None = None) -> str:
    """The notice as text: ``fmt`` is md, txt or ics; ``lang`` en or zh; ``now`` stamps the ICS (DTSTAMP).

    Raises :class:`MeetuiError` for an unknown format, and for an ICS of a meeting without a start time.
    """
    if fmt not in FORMATS:
        raise MeetuiError(f"unknown notice format {fmt!r}: use one of {', '.join(FORMATS)}")
    labels = Labels(lang)
    if fmt == "ics":
        return _ics(meeting, labels, now or meeting.created_at)
    return _text(meeting, labels, markdown=fmt == "md")


def when(meeting: Meeting, lang: str) -> str:
    """The time to the minute with its zone: "Tuesday, December 1, 2026 10:00–11:00 (Asia/Shanghai, UTC+08:00)"."""
    if meeting.scheduled_start is None:
        return WORDS[lang]["not_scheduled"]
    start = in_zone(meeting.scheduled_start, meeting.timezone)
    end = in_zone(meeting.scheduled_start + dt.timedelta(minutes=meeting.planned_minutes), meeting.timezone)
    offset = start.strftime("%z")
    return f"{Labels(lang).stamp(start)}–{end.strftime('%H:%M')} ({meeting.timezone}, UTC{offset[:3]}:{offset[3:]})"


#: Answers that mean the attendee will not be in the room.
NOT_COMING = {Attendance.DECLINED, Attendance.ABSENT, Attendance.PROXY}


def bring_list(meeting: Meeting, lang: str) -> list[tuple[str, list[str]]]:
    """What each attendee should bring, as (who, items): their own ``bring`` note, and a presentation of each
    topic they own.

    Someone who declined is not asked to prepare: their items go to their proxy (代理人), on a line of its own
    after those of the people attending ("Carol (for Bob)"); with no proxy named they are listed as "no one
    yet (Bob declined, no proxy named)", so the host sees what still needs someone (domain.md,
    "Confirmation": anyone absent names a proxy).
    """
    words = WORDS[lang]
    coming: list[tuple[str, list[str]]] = []
    taken_over: list[tuple[str, list[str]]] = []
    for attendee in meeting.attendees:
        items = [attendee.bring.strip()] if attendee.bring.strip() else []
        items += [
            words["present"].format(topic=t.title)
            for t in meeting.agenda
            if t.owner.strip().casefold() == attendee.name.casefold()
        ]
        if not items:
            continue
        if attendee.attendance not in NOT_COMING:
            coming.append((attendee.name, items))
        elif attendee.proxy.strip():
            taken_over.append((words["for"].format(proxy=attendee.proxy.strip(), name=attendee.name), items))
        else:
            taken_over.append((words["no_one"].format(name=attendee.name), items))
    return coming + taken_over


def _text(meeting: Meeting, labels: Labels, *, markdown: bool) -> str:
    words = WORDS[labels.lang]
    sep = "，" if labels.lang == "zh" else ", "
    colon = "：" if labels.lang == "zh" else ": "
    lines: list[str] = []

    def heading(text: str, level: int = 2) -> None:
        if lines:
            lines.append("")
        lines.append(f"{'#' * level} {esc(text)}" if markdown else text)
        if not markdown:
            lines.append(("=" if level == 1 else "-") * max(4, min(72, cell_width(text))))

    def esc(text: str) -> str:
        """Markdown that shows what the user typed literally."""
        if not markdown:
            return text
        return "".join("\\" + c if c in "\\`*_{}[]<>#|!" else c for c in text).replace("\n", " ")

    subject = words["subject"].format(title=meeting.title)
    heading((f"[{words['urgent']}] " if meeting.urgent else "") + subject, 1)
    lines.append("")
    rows = [
        (words["when"], when(meeting, labels.lang)),
        (words["where"], meeting.place or words["none"]),
        (words["kind"], labels.enum(meeting.kind)),
        (words["goal"], meeting.goal or words["none"]),
        (words["host"], meeting.host or words["none"]),
        (words["note_taker"], meeting.note_taker or words["none"]),
    ]
    for label, value in rows:
        lines.append(f"- **{label}**{colon}{esc(value)}" if markdown else f"{label}{colon}{value}")
    if meeting.attendees:
        heading(words["attendees"])
        for a in meeting.attendees:
            parts = [labels.enum(a.role)] + ([a.department] if a.department else [])
            parts.append(words.get(f"rsvp_{a.attendance.value}", a.attendance.value))
            if a.proxy:
                parts.append(words["proxy"].format(name=a.proxy))
            lines.append(f"- {esc(a.name)} ({esc(sep.join(parts))})")
    if meeting.topics:
        heading(words["agenda"])
        offset = 0
        for number, topic in enumerate(meeting.agenda, 1):
            begins = meeting.scheduled_start and in_zone(
                meeting.scheduled_start + dt.timedelta(minutes=offset), meeting.timezone
            )
            clock = f"{begins.strftime('%H:%M')} " if begins else ""
            details = [words["minutes"].format(n=topic.planned_minutes)]
            if topic.owner:
                details.append(f"{words['owner']}{colon}{topic.owner}")
            if topic.expected_output:
                details.append(f"{words['output']}{colon}{topic.expected_output}")
            lines.append(f"{number}. {clock}{esc(topic.title)} ({esc(sep.join(details))})")
            if topic.goal:
                lines.append(f"   {esc(topic.goal)}")
            offset += topic.planned_minutes
    materials = [*meeting.materials, *(m for t in meeting.agenda for m in t.materials)]
    if materials:
        heading(words["materials"])
        for m in materials:
            if markdown and m.link:
                lines.append(f"- [{esc(m.name)}](<{m.link.replace('>', '%3E')}>)")
            else:
                lines.append(f"- {esc(str(m))}")
    bring = bring_list(meeting, labels.lang)
    if bring:
        heading(words["bring"])
        for name, items in bring:
            lines.append(f"- {esc(name)}{colon}{esc(sep.join(items))}")
    if meeting.notes_to_attendees.strip():
        heading(words["notes"])
        lines.extend(esc(line) if line.strip() else "" for line in meeting.notes_to_attendees.strip().splitlines())
    lines += ["", words["rsvp"]]
    return "\n".join(lines) + "\n"


def _ics(meeting: Meeting, labels: Labels, now: dt.datetime) -> str:
    from icalendar import Event

    from ..core.clock import zone_info
    from .calendar import address, calendar, ical

    if meeting.scheduled_start is None:
        raise MeetuiError(
            f"{meeting.title} has no start time, so it cannot go in a calendar: "
            f"set one with `meetui edit {meeting.id} --at WHEN`"
        )
    cal = calendar("REQUEST")
    event = Event()
    event.add("uid", f"{meeting.id}@meetui")
    event.add("dtstamp", now.astimezone(dt.UTC))
    event.add("dtstart", meeting.scheduled_start.astimezone(zone_info(meeting.timezone)))
    event.add("duration", dt.timedelta(minutes=meeting.planned_minutes))
    event.add("summary", meeting.title)
    if meeting.place:
        event.add("location", meeting.place)
    event.add("description", _text(meeting, labels, markdown=False))
    event.add("status", "CONFIRMED")
    event.add("sequence", 0)
    if meeting.urgent:
        event.add("priority", 1)
    host = meeting.attendee(meeting.host) if meeting.host else None
    if meeting.host:
        event.add(
            "organizer",
            address(
                meeting.host, host.contact if host else "", f"urn:meetui:{meeting.id}:{host.id if host else 'host'}"
            ),
        )
    for attendee in meeting.attendees:
        who = address(attendee.name, attendee.contact, f"urn:meetui:{meeting.id}:{attendee.id}")
        who.params["ROLE"] = "CHAIR" if attendee.name == meeting.host else ICAL_ROLE[attendee.role]
        who.params["PARTSTAT"] = PARTSTAT[attendee.attendance]
        who.params["RSVP"] = "TRUE" if attendee.attendance is Attendance.INVITED else "FALSE"
        who.params["CUTYPE"] = "INDIVIDUAL"
        if attendee.department:
            who.params["X-DEPARTMENT"] = attendee.department
        event.add("attendee", who)
    cal.add_component(event)
    return ical(cal)
