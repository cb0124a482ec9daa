"""One table of note lines and what each must record, run against the live note field (tests/ui) and the
MeetBot importer (tests/importers): the note line means the same typed live and read from a log.

Every person in :data:`PEOPLE` is an attendee live and a nick who spoke in the log. "Today" is Friday
2026-11-20 in both.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from meetui.core.models import ActionItem, Meeting, Note, NoteKind, Topic

TODAY = dt.date(2026, 11, 20)
PEOPLE = ["alice", "bob", "李娜", "欧阳明月", "Weiß", "İlker"]

#: (line, what it records): ("note", kind, text, private) · ("action", owner, co-owners, task, due) · ("topic", title)
CASES: list[tuple[str, tuple[Any, ...]]] = [
    ("#info 渠道商已确认库存", ("note", NoteKind.INFO, "渠道商已确认库存", False)),
    ("#INFO 大写也可以", ("note", NoteKind.INFO, "大写也可以", False)),
    ("#idea 先在华东试点", ("note", NoteKind.IDEA, "先在华东试点", False)),
    ("#agreed 12 月 15 日发布", ("note", NoteKind.AGREED, "12 月 15 日发布", False)),
    ("#agree 预热提前一周", ("note", NoteKind.AGREED, "预热提前一周", False)),
    ("#accepted 方案 A", ("note", NoteKind.AGREED, "Accepted: 方案 A", False)),
    ("#rejected 方案 B [b]不要[/]", ("note", NoteKind.AGREED, "Rejected: 方案 B [b]不要[/]", False)),
    ("#help 需要法务支持", ("note", NoteKind.QUESTION, "Help wanted: 需要法务支持", False)),
    ("#link https://wiki.example.com/q3 计划", ("note", NoteKind.LINK, "https://wiki.example.com/q3 计划", False)),
    ("https://example.com/plan", ("note", NoteKind.LINK, "https://example.com/plan", False)),
    ("#risk 预算可能超支", ("note", NoteKind.RISK, "预算可能超支", False)),
    ("#question 法务何时确认？", ("note", NoteKind.QUESTION, "法务何时确认？", False)),
    ("#disagree 销售认为太早", ("note", NoteKind.DISAGREEMENT, "销售认为太早", False)),
    ("#private 预算数字先不公开", ("note", NoteKind.INFO, "预算数字先不公开", True)),
    ("#action alice, bob: joint review by fri", ("action", "alice", ["bob"], "joint review", dt.date(2026, 11, 27))),
    (
        "#action 李娜、欧阳明月 整理渠道名单 周五前",
        ("action", "李娜", ["欧阳明月"], "整理渠道名单", dt.date(2026, 11, 27)),
    ),
    (
        "#action alice and bob to update the FAQ by next mon",
        ("action", "alice", ["bob"], "update the FAQ", dt.date(2026, 11, 23)),
    ),
    ("#action WEISS: 检查德语文案 by Dec 24", ("action", "Weiß", [], "检查德语文案", dt.date(2026, 12, 24))),
    ("#action ilker 复核合同 by eow", ("action", "İlker", [], "复核合同", dt.date(2026, 11, 22))),
    ("#action bob 提交报价单 by 12月1日", ("action", "bob", [], "提交报价单", dt.date(2026, 12, 1))),
    ("#action 欧阳明月 月度报告 by eom", ("action", "欧阳明月", [], "月度报告", dt.date(2026, 11, 30))),
    ("#action alice 发出纪要 by this sun", ("action", "alice", [], "发出纪要", dt.date(2026, 11, 22))),
    ("#topic 价格策略", ("topic", "价格策略")),
]


def recorded(meeting: Meeting, record: Note | ActionItem | Topic) -> tuple[Any, ...]:
    """A record in the shape of :data:`CASES`' expectations."""
    if isinstance(record, Note):
        return ("note", record.kind, record.text, record.private)
    if isinstance(record, ActionItem):
        return ("action", record.owner, list(record.co_owners), record.task, record.due)
    return ("topic", record.title)


def records(meeting: Meeting) -> dict[str, Note | ActionItem | Topic]:
    """Every note still standing, action item and topic of a meeting, by id."""
    return {r.id: r for r in [*(n for n in meeting.notes if not n.withdrawn), *meeting.actions, *meeting.topics]}


def made(before: dict[str, Any], meeting: Meeting) -> list[tuple[Any, ...]]:
    """What a line added to ``meeting`` since ``before`` (from :func:`records`), as :data:`CASES` shows it."""
    return [recorded(meeting, r) for key, r in records(meeting).items() if key not in before]
