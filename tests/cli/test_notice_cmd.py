"""``meetui notice`` and the action items' ICS, both read back with icalendar."""

from __future__ import annotations

from pathlib import Path

from icalendar import Calendar

from .conftest import REPO, Runner


def test_notice_formats_languages_and_output_file(cli: Runner, tmp_path: Path) -> None:
    meeting_id = cli("import", str(REPO / "data" / "agendas" / "launch-review.en.md")).out.strip()
    md = cli("notice", meeting_id)
    assert md.code == 0 and md.out.startswith("# Meeting notice: Beta stage review\n")
    assert "(Europe/London, UTC+00:00)" in md.out
    assert cli("notice", meeting_id, "--lang", "zh").out.startswith("# 会议通知：Beta stage review\n")
    out = tmp_path / "通知.ics"
    result = cli("notice", meeting_id, "-o", str(out))
    assert result.code == 0 and result.err.startswith("notice written to ")
    event = Calendar.from_ical(out.read_text(encoding="utf-8")).walk("VEVENT")[0]
    assert sorted(str(a.params["CN"]) for a in event["ATTENDEE"]) == [
        "Chen Gang",
        "Li Na",
        "Priya Nair",
        "Sam Carter",
        "Wang Fang",
    ]
    assert cli("notice", meeting_id, "--format", "txt").out.startswith("Meeting notice: Beta stage review\n====")


def test_notice_ics_of_an_unscheduled_meeting_is_refused(cli: Runner) -> None:
    meeting_id = cli("new", "周会").out.strip()
    assert cli("notice", meeting_id, "--format", "ics").refused().startswith("meetui: 周会 has no start time")


def test_actions_ics_reads_back_with_icalendar(cli: Runner) -> None:
    meeting_id = cli("new", "周会").out.strip()
    from meetui.core.clock import SequentialIds
    from meetui.core.meeting import LiveMeeting
    from meetui.store import Store

    store = Store(Path(__import__("os").environ["MEETUI_DATA"]))
    meeting = store.load(meeting_id)
    live = LiveMeeting(
        meeting, __import__("meetui.core.clock", fromlist=["SystemClock"]).SystemClock(), SequentialIds("a")
    )
    store.commit(meeting, live.add_action("整理需求清单, 含接口", "李娜", due="2026-12-04"))
    cal = Calendar.from_ical(cli("actions", "--format", "ics").out)
    [todo] = cal.walk("VTODO")
    assert str(todo["SUMMARY"]) == "整理需求清单, 含接口"
    assert str(todo.decoded("DUE")) == "2026-12-04" and todo["STATUS"] == "NEEDS-ACTION"
