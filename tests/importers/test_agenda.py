"""Agenda files in TOML, JSON, YAML and Markdown: the samples, BOM and CRLF, and refusals that say where."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from meetui.core.checks import check
from meetui.core.clock import FrozenClock, SequentialIds
from meetui.core.errors import MeetuiError
from meetui.core.meeting import new_meeting
from meetui.importers.agenda import read_agenda

AGENDAS = Path(__file__).resolve().parents[2] / "data" / "agendas"
SAMPLES = sorted(p.name for p in AGENDAS.iterdir())


def test_there_are_samples_in_every_format_and_both_languages() -> None:
    assert {Path(s).suffix for s in SAMPLES} == {".toml", ".json", ".yaml", ".md"}
    assert {s.split(".")[1] for s in SAMPLES} == {"en", "zh"}


@pytest.mark.parametrize("name", SAMPLES)
def test_each_sample_is_complete_and_passes_every_check(name: str, clock: FrozenClock) -> None:
    fields = read_agenda(AGENDAS / name, "Asia/Shanghai")
    title = fields.pop("title")
    meeting = new_meeting(title, clock, SequentialIds("a"), **fields)
    assert check(meeting, clock.now()) == []
    assert meeting.host and meeting.note_taker and meeting.place and meeting.materials
    assert len(meeting.attendees) == 5 and len(meeting.topics) == 3  # the proxy who owns a topic is invited
    declined = [a for a in meeting.attendees if a.attendance.value == "declined"]
    assert len(declined) == 1 and declined[0].proxy


def test_the_same_meeting_in_every_format_reads_the_same() -> None:
    def essentials(name: str) -> tuple:
        f = read_agenda(AGENDAS / name)
        return (
            f["title"],
            f["goal"],
            f["scheduled_start"].isoformat(),
            f["host"],
            [(a["name"], a["role"], a["attendance"], a.get("proxy", "")) for a in f["attendees"]],
            [(t["title"], t["owner"], t["planned_minutes"], t["expected_output"]) for t in f["topics"]],
        )

    assert (
        essentials("launch-review.en.toml") == essentials("launch-review.en.md") == essentials("launch-review.en.yaml")
    )
    assert (
        essentials("requirements-handoff.zh.toml")
        == essentials("requirements-handoff.zh.md")
        == essentials("requirements-handoff.zh.json")
    )


@pytest.mark.parametrize(
    "name",
    ["requirements-handoff.zh.md", "requirements-handoff.zh.json", "launch-review.en.yaml", "launch-review.en.toml"],
)
def test_a_byte_order_mark_and_crlf_are_read(name: str, tmp_path: Path) -> None:
    copy = tmp_path / name
    copy.write_bytes(b"\xef\xbb\xbf" + (AGENDAS / name).read_bytes().replace(b"\n", b"\r\n"))
    assert read_agenda(copy) == read_agenda(AGENDAS / name)


def refusal(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(MeetuiError) as caught:
        read_agenda(path)
    return str(caught.value)


def test_json_refusals_name_line_column_and_topic(tmp_path: Path) -> None:
    text = '{\n  "title": "Q3",\n  "topics": [\n    {"title": "Budget",\n     "planned_minutes": null}\n  ]\n}\n'
    assert refusal(tmp_path, "agenda.json", text) == (
        'agenda.json line 5, column 6, topic "Budget": planned_minutes is null; write a whole number of minutes '
        "(0 to 1440), or leave it out for 10"
    )
    assert (
        refusal(tmp_path, "agenda.json", '{\n  "title": "Q3",\n  "topics": [}\n')
        == "agenda.json line 3, column 14: not valid JSON (Expecting value)"
    )
    assert refusal(tmp_path, "agenda.json", '{"title": "Q3", "colour": "red"}') == (
        "agenda.json line 1, column 17: unknown key 'colour'; the meeting has title, kind, goal, urgent, "
        "planned_minutes, scheduled_start, timezone, place, host, note_taker, materials, notes_to_attendees, "
        "attendees, topics"
    )


def test_toml_refusals_name_line_and_topic(tmp_path: Path) -> None:
    text = (
        'title = "周会"\n\n[[topics]]\ntitle = "一期范围"\n\n[[topics]]\ntitle = "验收"\nowner = "李娜"\nminutes = 20\n'
    )
    assert refusal(tmp_path, "议程.toml", text).startswith(
        "议程.toml line 9, column 1, topic \"验收\": unknown key 'minutes'; a topic has title, goal, background"
    )
    text = 'title = "周会"\n[[attendees]]\nname = "王芳"\nrole = "boss"\n'
    assert refusal(tmp_path, "议程.toml", text) == (
        '议程.toml line 4, column 1, attendee "王芳": role is "boss"; use decision-maker, executor, support, '
        "expert or observer (决策层, 执行层, 支持层, 专家, 观察员)"
    )
    assert (
        refusal(tmp_path, "议程.toml", 'title = "周会"\n[[topics]]\nowner = "李娜"\n')
        == '议程.toml line 2, topic 1: the topic has no title; write title = "…"'
    )
    assert refusal(tmp_path, "议程.toml", 'title = "周会"\nplanned_minutes = "一小时"\n') == (
        '议程.toml line 2, column 1: planned_minutes is "一小时"; write a whole number of minutes (0 to 1440), '
        "or leave it out for 60"
    )
    assert (
        refusal(tmp_path, "议程.toml", 'title = "周会"\nscheduled_start = "下周某天"\n')
        == '议程.toml line 2, column 1: scheduled_start is "下周某天"; write a date and time, e.g. "2026-12-01 10:00"'
    )


def test_a_title_or_name_on_two_lines_is_refused(tmp_path: Path) -> None:
    assert refusal(tmp_path, "a.json", '{"title": "周会",\n "topics": [{"title": "一期\\n范围"}]}') == (
        "a.json line 2, column 14, topic \"一期\\n范围\": title '一期\\n范围' holds a control character (U+000A): "
        "write it on one line"
    )


@pytest.mark.parametrize(
    ("name", "text", "where"),
    [
        (
            "议程.toml",
            '[[attendees]]\nname = "王芳"\n\n[[attendees]]\nname = "李娜"\n\n[[attendees]]\nname = "王芳"\n'
            'role = "executor"\n',
            "line 8, column 1",
        ),
        ("议程.json", '{"attendees": [\n  {"name": "Alice"},\n  {"name": "alice "}\n]}\n', "line 3, column 4"),
        ("议程.yaml", "attendees:\n  - name: 王芳\n  - name: 王芳\n", "line 3, column 5"),
        ("议程.md", "# 需求对接会\n\n## 参会人员\n\n- 王芳 | 产品部\n- 王芳 | 研发部\n", "line 6, column 1"),
    ],
)
def test_an_attendee_listed_twice_is_refused_where_the_second_is(
    tmp_path: Path, name: str, text: str, where: str
) -> None:
    message = refusal(tmp_path, name, text)
    assert message.startswith(f"{name} {where}, attendee ")
    assert message.endswith("is already attendee 1; list each attendee once")


def test_yaml_refusals_name_line_and_column(tmp_path: Path) -> None:
    text = "title: 周会\ntopics:\n  - title: 一期范围\n    priority: urgent\n"
    assert (
        refusal(tmp_path, "a.yaml", text)
        == 'a.yaml line 4, column 5, topic "一期范围": priority is "urgent"; use one of high, medium, low'
    )
    assert refusal(tmp_path, "a.yml", "title: [周会\n").startswith("a.yml line 2, column 1: not valid YAML")


def test_markdown_refusals_name_line_and_column(tmp_path: Path) -> None:
    base = "# 周会\n\n- 主持人: 王芳\n\n## 议程\n\n"
    assert refusal(tmp_path, "a.md", base + "| 议题 | 颜色 |\n|---|---|\n").startswith(
        "a.md line 7, column 2: unknown column '颜色'; the columns are"
    )
    assert refusal(tmp_path, "a.md", base + "- 一期范围 | 李娜 | 很久 | 清单\n") == (
        'a.md line 7, column 1, topic "一期范围": planned_minutes is "很久"; write a whole number of minutes '
        "(0 to 1440), or leave it out for 10"
    )
    assert refusal(tmp_path, "a.md", "# 周会\n- 心情: 好\n").startswith("a.md line 2, column 1: unknown key '心情'")
    assert refusal(tmp_path, "a.md", "# 周会\n## 闲聊\n").startswith("a.md line 2, column 1: unknown section '闲聊'")
    assert refusal(tmp_path, "a.md", "# 周会\n随便写一行\n").startswith(
        "a.md line 2, column 1: expected a heading, a `- key: value` line"
    )


def test_markdown_list_items_with_minutes_words_and_sub_items(tmp_path: Path) -> None:
    path = tmp_path / "周会.md"
    path.write_text(
        "# 周会\n- minutes: 45 min\n- urgent: 是\n## 议程\n- 阻碍事项 | 王芳 | 10分钟 | 阻碍清单\n"
        "  - 背景: 上周两个阻碍\n## 参会人员\n- 王芳，产品部，决策层\n",
        encoding="utf-8",
    )
    fields = read_agenda(path)
    assert fields["planned_minutes"] == 45 and fields["urgent"] is True
    assert fields["topics"] == [
        {
            "title": "阻碍事项",
            "owner": "王芳",
            "planned_minutes": 10,
            "expected_output": "阻碍清单",
            "background": "上周两个阻碍",
        }
    ]
    assert fields["attendees"] == [{"name": "王芳", "department": "产品部", "role": "decision-maker"}]


def test_a_start_without_offset_is_local_to_the_file_zone_or_the_given_one(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    path.write_text('title = "周会"\nscheduled_start = 2026-12-01T10:00:00\n', encoding="utf-8")
    assert read_agenda(path, "Asia/Shanghai")["scheduled_start"].isoformat() == "2026-12-01T10:00:00+08:00"
    path.write_text(
        'title = "周会"\nscheduled_start = 2026-12-01T10:00:00\ntimezone = "Asia/Tokyo"\n', encoding="utf-8"
    )
    assert read_agenda(path, "Asia/Shanghai")["scheduled_start"].isoformat() == "2026-12-01T10:00:00+09:00"


@pytest.mark.parametrize("suffix", [".toml", ".json", ".yaml", ".md"])
@given(text=st.text(max_size=200))
def test_any_text_is_read_or_refused_in_one_line(tmp_path_factory, suffix: str, text: str) -> None:
    path = tmp_path_factory.mktemp("fuzz") / f"agenda{suffix}"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        read_agenda(path)
    except MeetuiError as error:
        assert "\n" not in str(error) and path.name in str(error)
