"""The templates: every kind of the practice, in English and Chinese, passes the checks once people are named."""

from __future__ import annotations

from pathlib import Path

import pytest

from meetui.core.checks import check
from meetui.core.clock import FrozenClock, SequentialIds
from meetui.core.errors import MeetuiError
from meetui.core.meeting import new_meeting
from meetui.core.models import MeetingKind
from meetui.importers.templates import all_templates, find_template, read_template, save_template, shipped_dir

KINDS = [
    "kickoff",
    "stage-review",
    "problem-solving",
    "requirements-handoff",
    "alignment",
    "retrospective",
    "weekly-sync",
]


@pytest.fixture(autouse=True)
def _own_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MEETUI_CONFIG", str(tmp_path / "config"))
    return tmp_path / "config"


def test_one_template_per_kind_of_the_practice() -> None:
    templates, problems = all_templates()
    assert problems == []
    assert sorted(t.name for t in templates) == sorted(KINDS)
    assert {t.kind for t in templates} == {MeetingKind(k) for k in KINDS}
    assert all(set(t.langs) == {"en", "zh"} for t in templates)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("kind", KINDS)
def test_each_template_passes_the_checks_once_people_are_named(kind: str, lang: str, clock: FrozenClock) -> None:
    template = find_template(kind)
    roles = template.roles_to_invite(lang)
    assert roles and all(r["who"] for r in roles)
    people = [{"name": f"{r['role']}-{i}", "role": r["role"], "attendance": "confirmed"} for i, r in enumerate(roles)]
    fields = template.meeting_fields(lang, people)
    meeting = new_meeting(
        "Q3 发布协调" if lang == "zh" else "Q3 launch",
        clock,
        SequentialIds("t"),
        attendees=people,
        host=people[0]["name"],
        note_taker=people[-1]["name"],
        place="3F / https://meet.example.com",
        scheduled_start=clock.now().add(days=5),
        **fields,
    )
    assert all(t.owner for t in meeting.agenda)  # each topic's owner_role found someone
    assert check(meeting, clock.now(), lang) == []


def test_a_user_template_saved_from_a_meeting_reads_back(clock: FrozenClock, _own_config: Path) -> None:
    meeting = new_meeting(
        "积分需求对接",
        clock,
        SequentialIds("s"),
        kind="requirements-handoff",
        planned_minutes=45,
        goal="本周内确定一期范围",
        attendees=[{"name": "王芳", "role": "decision-maker"}],
        topics=[{"title": '范围 "一期"', "owner": "王芳", "expected_output": "清单"}],
    )
    path = save_template(meeting, "积分对接", "zh")
    assert path == _own_config / "templates" / "积分对接.toml"
    template = find_template("积分对接")
    assert template.user and template.minutes == 45 and template.kind is MeetingKind.REQUIREMENTS_HANDOFF
    fields = template.meeting_fields("en")  # the only language it has
    assert fields["topics"] == [
        {"title": '范围 "一期"', "expected_output": "清单", "planned_minutes": 10, "priority": "medium"}
    ]
    with pytest.raises(MeetuiError, match="cannot be a template name"):
        save_template(meeting, "../evil", "zh")


def test_a_broken_template_is_refused_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text('kind = "kickoff"\n[en]\n[[en.topics]]\ntitle = "x"\nowner_role = "boss"\n', encoding="utf-8")
    with pytest.raises(MeetuiError, match=r"bad.toml: \[en\] topic 1: unknown owner_role 'boss'"):
        read_template(path)
    assert (shipped_dir() / "kickoff.toml").is_file()
