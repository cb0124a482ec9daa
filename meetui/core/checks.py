"""The practice's checks of a meeting's preparation (``meetui check``, and live in the plan screen).

Each rule comes from the practice (domain.md, "Before the meeting"): the whole meeting at most 90 minutes
(60 if urgent) with about 10 minutes of slack; at most 5 core topics, each with an owner, planned minutes and
an expected output; a decision-maker invited and confirmed; host and note-taker named; the host, the
note-taker and every topic's owner invited (domain.md, "Roles": the fixed roles and the owners are people in
the room, who get the notice); each declined attendee whose input the meeting needs represented by a proxy
(observers, informed only, are exempt: domain.md, "Roles" and "Confirmation"); a start time that has not
passed. Three heuristics are *hints* rather than warnings: a goal that looks
measurable and time-bound (SMART), materials named ``YYYYMM-topic-material_vX.Y``, and a notice sent at
least 2 working days ahead of the start.

:func:`check` returns :class:`Finding` records in English or Chinese, each with the practice's reason and
the field that fixes it (``field``: a detail name such as ``"host"``, or ``"topic:<id>:owner"``,
``"attendee:<id>:proxy"``, ``"topics"``, ``"attendees"``). Warnings make ``meetui check`` exit 1.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass
from typing import Literal

from .clock import in_zone
from .models import Attendance, Attendee, Meeting, MeetingStatus, Role

MAX_TOPICS = 5
MAX_MINUTES = 90
MAX_MINUTES_URGENT = 60
SLACK_MINUTES = 10
NOTICE_WORKING_DAYS = 2
#: ``YYYYMM-topic-material_vX.Y``, optionally with a file extension.
MATERIAL_NAME = re.compile(r"^(19|20)\d\d(0[1-9]|1[0-2])-\S.*_v\d+\.\d+(\.[A-Za-z0-9]{1,5})?$")
VAGUE_GOALS = {"discuss", "discussion", "sync", "update", "meeting", "讨论", "沟通", "同步", "讨论问题", "开会"}
_MEASURE = re.compile(
    r"\d|[一二两三四五六七八九十]+\s*[天周个月日项条]|within|by |before|until|deadline|end of|"
    r"前|内|之前|截止|结束|当场|会上",
    re.IGNORECASE,
)
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")

Level = Literal["warning", "hint"]


@dataclass(frozen=True)
class Finding:
    """One thing the practice would flag: ``code`` names the rule, ``field`` what fixes it."""

    code: str
    level: Level
    field: str
    message: str
    reason: str

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


#: Why the practice asks for each rule, in English and Chinese (domain.md, "Before the meeting").
REASONS: dict[str, tuple[str, str]] = {
    "no-goal": (
        "a meeting without a stated outcome drifts; the goal is what the room decides against",
        "没有明确目标的会议容易跑题，目标是全场决策的依据",
    ),
    "too-long": (
        "attention fades after 90 minutes (60 for an urgent meeting); split the agenda instead",
        "超过 90 分钟（紧急会议 60 分钟）注意力明显下降，应拆分议程",
    ),
    "no-slack": (
        "about 10 minutes of slack absorbs surprises so the last topics are not rushed",
        "预留约 10 分钟弹性时间应对突发情况，避免最后的议题被压缩",
    ),
    "no-topics": (
        "the agenda tells each department what to prepare and what will be decided",
        "议程让各部门知道要准备什么、要决定什么",
    ),
    "too-many-topics": (
        "at most 5 core topics, ordered by urgency and importance, keep the meeting decisive",
        "核心议题不超过 5 个，并按紧急和重要程度排序，会议才能形成决定",
    ),
    "topic-owner": (
        "a topic without an owner has nobody to present it or answer for its outcome",
        "没有负责人的议题无人介绍背景，也无人对结论负责",
    ),
    "topic-minutes": ("planned minutes make the timebox the host keeps to", "预计时长是主持人控场的时间盒"),
    "topic-output": (
        "the expected output says when the topic is done (a decision, a list, a date)",
        "预期产出说明议题何时算完成（决定、清单或日期）",
    ),
    "no-decision-maker": (
        "without a decision-maker the room can discuss but not rule; book their time first",
        "没有决策层，会议只能讨论不能拍板；应先确定决策层的时间",
    ),
    "decision-maker-unconfirmed": (
        "a decision-maker who has not confirmed may not come; confirm 3 days ahead",
        "决策层未确认可能缺席；应提前 3 天确认",
    ),
    "no-host": ("the host (facilitator) keeps the room on topic and on time", "主持人负责控场，让会议不跑题、不超时"),
    "no-note-taker": (
        "the note-taker records decisions and action items; the host cannot do both",
        "记录人记录决定和行动项，主持人无法兼顾",
    ),
    "no-proxy": (
        "anyone absent names a proxy, so their department is still heard and bound by decisions",
        "缺席者须指定代理人，使其部门的意见能被听到并受决定约束",
    ),
    "host-not-invited": (
        "the host keeps the room on topic and on time, so must be in it: invite them, so the "
        "notice and calendar request reach them",
        "主持人负责控场，必须在场：应将其列为参会人员，会议通知和日程邀请才能送达",
    ),
    "note-taker-not-invited": (
        "the note-taker takes the sign-in sheet and records decisions, so must be in the "
        "room: invite them, so the notice reaches them",
        "记录人负责签到和记录决定，必须在场：应将其列为参会人员，会议通知才能送达",
    ),
    "owner-not-invited": (
        "a topic's owner presents it and answers for its outcome; someone not invited gets no "
        "notice and cannot prepare",
        "议题负责人要介绍背景并对结论负责；未被邀请的人收不到通知，无法准备",
    ),
    "start-passed": (
        "a notice for a time that has passed invites nobody; set the new time before sending it",
        "开始时间已过的会议通知无法邀请任何人；发通知前应先设定新的时间",
    ),
    "vague-goal": (
        'a SMART goal (specific, measurable, time-bound) says what counts as success; "discuss problems" does not',
        '目标应符合 SMART（具体、可衡量、有时限），"讨论问题"不算目标',
    ),
    "material-name": (
        "materials named YYYYMM-topic-material_vX.Y are found and versioned without asking",
        "材料按 YYYYMM-议题-材料名_vX.Y 命名，便于查找和区分版本",
    ),
    "notice-late": (
        "the notice goes out at least 2 working days ahead so departments can answer and prepare",
        "会议通知至少提前 2 个工作日发出，各部门才来得及回复和准备",
    ),
    "no-start": ("the notice needs the time to the minute, with its zone", "会议通知须写明精确到分钟的时间和时区"),
    "no-place": ("the notice needs a place or a link", "会议通知须写明地点或会议链接"),
}


def meeting_lang(meeting: Meeting) -> str:
    """The meeting's language for messages: ``"zh"`` when its title or goal has Chinese characters, else ``"en"``."""
    return "zh" if _CJK.search(meeting.title + meeting.goal) else "en"


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days (Monday to Friday) from ``start`` (counted) up to ``end`` (not counted)."""
    days = 0
    day = start
    while day < end and days <= 30:
        if day.weekday() < 5:
            days += 1
        day += dt.timedelta(days=1)
    return days


def needs_proxy(attendee: Attendee) -> bool:
    """Whether ``attendee`` must name a proxy (代理人): they will not attend and the meeting needs their input.

    The practice asks anyone absent to name a proxy so that their department is still heard and bound by the
    decisions (domain.md, "Confirmation"); an observer (观察员) is informed only (domain.md, "Roles"), brings
    no input and is bound by nothing, so an observer who declines needs no proxy.
    """
    away = {Attendance.DECLINED, Attendance.ABSENT, Attendance.PROXY}  # PROXY: marked represented by one
    return attendee.role is not Role.OBSERVER and attendee.attendance in away


def goal_is_vague(goal: str) -> bool:
    """The SMART heuristic: a goal is vague when it is a stock word, very short, or has no measure or deadline."""
    goal = goal.strip()
    return goal.casefold() in VAGUE_GOALS or len(goal) < 6 or not _MEASURE.search(goal)


def check(meeting: Meeting, now: dt.datetime, lang: str | None = None) -> list[Finding]:
    """Everything in the meeting's preparation the practice would flag, warnings before hints.

    ``now`` (an aware datetime) times the notice hint and the start that has passed (a warning when it was
    on an earlier day, a hint when earlier today: the meeting may be starting late); observers are exempt
    from the proxy check (:func:`needs_proxy`); ``lang`` is ``"en"`` or ``"zh"`` (default: the
    meeting's language, :func:`meeting_lang`).
    """
    zh = (lang or meeting_lang(meeting)) == "zh"
    found: list[Finding] = []

    def flag(code: str, field: str, en: str, cn: str, level: Level = "warning") -> None:
        reason = REASONS[code][1 if zh else 0]
        found.append(Finding(code, level, field, cn if zh else en, reason))

    goal = meeting.goal.strip()
    if not goal:
        flag("no-goal", "goal", "the meeting has no goal", "会议没有目标")
    limit = MAX_MINUTES_URGENT if meeting.urgent else MAX_MINUTES
    if meeting.planned_minutes > limit:
        flag(
            "too-long",
            "planned_minutes",
            f"{meeting.planned_minutes} minutes is too long for {'an urgent' if meeting.urgent else 'a'} meeting "
            f"(at most {limit})",
            f"{'紧急会议' if meeting.urgent else '会议'}时长 {meeting.planned_minutes} 分钟过长（最多 {limit} 分钟）",
        )
    topics = meeting.agenda
    planned = sum(t.planned_minutes for t in topics)
    if topics and planned > meeting.planned_minutes - SLACK_MINUTES:
        flag(
            "no-slack",
            "planned_minutes",
            f"the topics take {planned} of {meeting.planned_minutes} minutes: leave {SLACK_MINUTES} minutes of slack",
            f"议题共 {planned} 分钟，会议 {meeting.planned_minutes} 分钟：请预留 {SLACK_MINUTES} 分钟弹性时间",
        )
    if not topics:
        flag("no-topics", "topics", "the agenda has no topics", "议程中没有议题")
    if len(topics) > MAX_TOPICS:
        flag(
            "too-many-topics",
            "topics",
            f"{len(topics)} topics: keep to at most {MAX_TOPICS} core topics",
            f"共 {len(topics)} 个议题：核心议题不超过 {MAX_TOPICS} 个",
        )
    for number, topic in enumerate(topics, 1):
        if not topic.owner.strip():
            flag(
                "topic-owner",
                f"topic:{topic.id}:owner",
                f"topic {number} ({topic.title}) has no owner",
                f"议题 {number}（{topic.title}）没有负责人",
            )
        if topic.planned_minutes == 0:
            flag(
                "topic-minutes",
                f"topic:{topic.id}:planned_minutes",
                f"topic {number} ({topic.title}) has no planned minutes",
                f"议题 {number}（{topic.title}）没有预计时长",
            )
        if not topic.expected_output.strip():
            flag(
                "topic-output",
                f"topic:{topic.id}:expected_output",
                f"topic {number} ({topic.title}) has no expected output",
                f"议题 {number}（{topic.title}）没有预期产出",
            )
    makers = [a for a in meeting.attendees if a.role is Role.DECISION_MAKER]
    if not makers:
        flag("no-decision-maker", "attendees", "no decision-maker is invited", "没有邀请决策层")
    elif not any(a.attendance in {Attendance.CONFIRMED, Attendance.PRESENT} for a in makers):
        names = ", ".join(a.name for a in makers)
        flag(
            "decision-maker-unconfirmed",
            f"attendee:{makers[0].id}:attendance",
            f"no decision-maker has confirmed ({names})",
            f"决策层尚未确认（{names}）",
        )
    if not meeting.host.strip():
        flag("no-host", "host", "no host is named", "没有指定主持人")
    if not meeting.note_taker.strip():
        flag("no-note-taker", "note_taker", "no note-taker is named", "没有指定记录人")
    host, note_taker = meeting.host.strip(), meeting.note_taker.strip()
    if host and meeting.attendee(host) is None:
        flag("host-not-invited", "host", f"the host {host} is not an attendee", f"主持人 {host} 不在参会人员中")
    if note_taker and meeting.attendee(note_taker) is None:
        flag(
            "note-taker-not-invited",
            "note_taker",
            f"the note-taker {note_taker} is not an attendee",
            f"记录人 {note_taker} 不在参会人员中",
        )
    for number, topic in enumerate(topics, 1):
        owner = topic.owner.strip()
        if owner and meeting.attendee(owner) is None:
            flag(
                "owner-not-invited",
                f"topic:{topic.id}:owner",
                f"the owner of topic {number} ({topic.title}), {owner}, is not an attendee",
                f"议题 {number}（{topic.title}）的负责人 {owner} 不在参会人员中",
            )
    for attendee in meeting.attendees:
        if needs_proxy(attendee) and not attendee.proxy.strip():
            flag(
                "no-proxy",
                f"attendee:{attendee.id}:proxy",
                f"{attendee.name} declined and has named no proxy",
                f"{attendee.name} 已拒绝参会，且未指定代理人",
            )
    # -- hints -------------------------------------------------------------------------------
    if goal and goal_is_vague(goal):
        flag(
            "vague-goal",
            "goal",
            f"the goal {goal!r} does not look measurable and time-bound",
            f"目标「{goal}」看起来不可衡量或没有时限",
            "hint",
        )
    materials = [(m, "materials") for m in meeting.materials]
    materials += [(m, f"topic:{t.id}:materials") for t in topics for m in t.materials]
    for material, field in materials:
        if not MATERIAL_NAME.match(material.name):
            flag(
                "material-name",
                field,
                f"the material {material.name!r} is not named YYYYMM-topic-material_vX.Y",
                f"材料「{material.name}」未按 YYYYMM-议题-材料名_vX.Y 命名",
                "hint",
            )
    if meeting.status in {MeetingStatus.DRAFT, MeetingStatus.SCHEDULED}:
        if meeting.scheduled_start is None:
            flag("no-start", "scheduled_start", "the meeting has no start time", "会议没有开始时间", "hint")
        else:
            today = in_zone(now, meeting.timezone).date()
            start = in_zone(meeting.scheduled_start, meeting.timezone)
            days = working_days_between(today, start.date())
            if meeting.scheduled_start < now.replace(second=0, microsecond=0):  # as a start being set is refused
                # earlier today the meeting may just be starting late (a hint); an earlier day is stale (a warning)
                shown = start.strftime("%H:%M" if start.date() == today else "%Y-%m-%d %H:%M")
                flag(
                    "start-passed",
                    "scheduled_start",
                    f"the start time has passed ({shown} {meeting.timezone}): set a new one",
                    f"开始时间已过（{shown} {meeting.timezone}）：请设定新的时间",
                    "hint" if start.date() == today else "warning",
                )
            elif days < NOTICE_WORKING_DAYS:
                flag(
                    "notice-late",
                    "scheduled_start",
                    f"the start leaves {days} working day(s) for the notice (at least {NOTICE_WORKING_DAYS})",
                    f"距开会只剩 {days} 个工作日发通知（至少 {NOTICE_WORKING_DAYS} 个）",
                    "hint",
                )
        if not meeting.place.strip():
            flag("no-place", "place", "no place or link is given", "没有会议地点或链接", "hint")
    return [f for f in found if f.level == "warning"] + [f for f in found if f.level == "hint"]


def warnings_of(findings: list[Finding]) -> list[Finding]:
    """The findings that make ``meetui check`` exit 1."""
    return [f for f in findings if f.level == "warning"]
