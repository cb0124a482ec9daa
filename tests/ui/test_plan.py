"""The plan screen: details, attendees and agenda by keyboard, saved as made, the checks following live."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Select, TextArea

from meetui.core.clock import FrozenClock, SequentialIds
from meetui.core.meeting import new_meeting
from meetui.core.models import Attendance, Role
from meetui.store import Store
from meetui.ui.dialogs.widgets import InlineError
from meetui.ui.planning.forms import AttendeeDialog, TopicDialog, planned
from meetui.ui.planning.tables import AgendaTable, AttendeeTable
from meetui.ui.screens.live import LiveScreen
from meetui.ui.screens.plan import PlanScreen

from .conftest import AppFactory
from .helpers import until


@pytest.fixture
def draft_id(store: Store, clock: FrozenClock) -> str:
    meeting = new_meeting("需求对接会", clock, SequentialIds("p"))
    store.create(meeting)
    return meeting.id


async def plan_screen(pilot: Pilot) -> PlanScreen:
    await until(pilot, lambda: isinstance(pilot.app.screen, PlanScreen))
    await pilot.pause()
    return pilot.app.screen  # type: ignore[return-value]


async def type_text(pilot: Pilot, text: str) -> None:
    """Type into the focused field: ASCII key by key, other characters (Chinese) inserted as an IME does."""
    field = pilot.app.focused
    for char in text:
        if char.isascii() and char.isprintable():
            await pilot.press("space" if char == " " else char)
        else:
            assert isinstance(field, Input)
            field.insert_text_at_cursor(char)
    await pilot.pause()


async def fill(pilot: Pilot, field_id: str, text: str) -> None:
    """Replace one field's text (in the screen on top) and type ``text``."""
    field = pilot.app.screen.query_one(f"#{field_id}", Input)
    pilot.app.screen.set_focus(field)
    field.value = ""
    await pilot.pause()
    await type_text(pilot, text)


def stored(screen: PlanScreen):
    assert screen.session.flush()
    return screen.session.store.load(screen.meeting.id)


def codes(screen: PlanScreen) -> list[str]:
    return [f.code for f in screen.findings]


async def test_details_are_saved_as_typed_and_the_checks_follow(make_app: AppFactory, draft_id: str) -> None:
    async with make_app(draft_id, plan=True).run_test(size=(120, 40)) as pilot:
        screen = await plan_screen(pilot)
        assert codes(screen)[0] == "no-goal" and "no-host" in codes(screen)
        await pilot.press("f4")
        await pilot.press("f6")  # jumps to the field that fixes the first check
        assert pilot.app.focused is screen.query_one("#detail-goal", Input)
        await fill(pilot, "detail-goal", "讨论")
        assert "no-goal" not in codes(screen) and "vague-goal" in codes(screen)  # live, as typed
        await type_text(pilot, "：本周五前确定一期范围")
        assert "vague-goal" not in codes(screen)
        await fill(pilot, "detail-host", "王芳")
        await fill(pilot, "detail-note_taker", "赵磊")
        await fill(pilot, "detail-planned_minutes", "120")
        assert "too-long" in codes(screen)
        await fill(pilot, "detail-planned_minutes", "60")
        await fill(pilot, "detail-start", "2026-12-01 1")  # half typed: kept, marked, not saved
        assert screen.query_one("#detail-start", Input).has_class("-invalid-value")
        await type_text(pilot, "0:00")
        assert not screen.query_one("#detail-start", Input).has_class("-invalid-value")
        await fill(pilot, "detail-place", "5F 会议室")
        screen.query_one("#detail-kind", Select).value = "requirements-handoff"
        await pilot.pause()
        saved = stored(screen)
        assert (saved.goal, saved.host, saved.note_taker, saved.planned_minutes, saved.place) == (
            "讨论：本周五前确定一期范围",
            "王芳",
            "赵磊",
            60,
            "5F 会议室",
        )
        assert saved.scheduled_start.isoformat() == "2026-12-01T10:00:00+08:00"
        assert saved.kind.value == "requirements-handoff"
        assert codes(screen) == ["no-topics", "no-decision-maker", "host-not-invited", "note-taker-not-invited"]


async def test_attendees_added_edited_pasted_and_removed(make_app: AppFactory, draft_id: str) -> None:
    async with make_app(draft_id, plan=True).run_test(size=(120, 40)) as pilot:
        screen = await plan_screen(pilot)
        await pilot.press("f3", "a")
        assert isinstance(pilot.app.screen, AttendeeDialog)
        await type_text(pilot, "王芳")
        await pilot.press("enter")
        await type_text(pilot, "产品部")
        pilot.app.screen.query_one("#form-role", Select).value = "decision-maker"
        pilot.app.screen.query_one("#form-attendance", Select).value = "confirmed"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: pilot.app.screen is screen)
        assert "no-decision-maker" not in codes(screen)
        await pilot.press("v")
        pilot.app.screen.query_one(TextArea).insert("李娜，研发部，执行层\n陈刚, 销售部, observer\n")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: pilot.app.screen is screen)
        table = screen.query_one(AttendeeTable)
        assert table.row_count == 3 and table.has_focus
        await pilot.press("down", "enter")  # 李娜
        assert isinstance(pilot.app.screen, AttendeeDialog)
        pilot.app.screen.query_one("#form-attendance", Select).value = "declined"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: pilot.app.screen is screen)
        assert "no-proxy" in codes(screen)
        await pilot.press("f5")
        checks = screen.query_one("#plan-checks")
        assert checks.has_focus
        checks.highlighted = codes(screen).index("no-proxy")
        await pilot.press("enter")  # jumps to the field that fixes it: 李娜's proxy
        await until(pilot, lambda: isinstance(pilot.app.screen, AttendeeDialog))
        assert pilot.app.focused.id == "form-proxy"
        await type_text(pilot, "孙丽")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "孙丽 is not an attendee" in pilot.app.screen.query_one(InlineError).message  # asked once
        await pilot.press("ctrl+s")  # take the name as typed
        await until(pilot, lambda: pilot.app.screen is screen)
        assert "no-proxy" not in codes(screen)
        screen.set_focus(table)
        table.move_cursor(row=2)
        await pilot.press("x")
        saved = stored(screen)
        assert [(a.name, a.department, a.role, a.attendance, a.proxy) for a in saved.attendees] == [
            ("王芳", "产品部", Role.DECISION_MAKER, Attendance.CONFIRMED, ""),
            ("李娜", "研发部", Role.EXECUTOR, Attendance.DECLINED, "孙丽"),
        ]


async def test_agenda_added_edited_reordered_and_deleted(make_app: AppFactory, draft_id: str) -> None:
    async with make_app(draft_id, plan=True).run_test(size=(120, 40)) as pilot:
        screen = await plan_screen(pilot)
        for title, minutes in (("一期范围", "25"), ("验收标准", "15"), ("其他事项", "5")):
            await pilot.press("f4", "a")
            assert isinstance(pilot.app.screen, TopicDialog)
            await type_text(pilot, title)
            await fill(pilot, "form-planned_minutes", minutes)
            await pilot.press("ctrl+s")
            await until(pilot, lambda: pilot.app.screen is screen)
        table = screen.query_one(AgendaTable)
        assert [t.title for t in screen.meeting.agenda] == ["一期范围", "验收标准", "其他事项"]
        assert "topic-owner" in codes(screen)
        table.move_cursor(row=1)
        await pilot.press("shift+up")
        assert [t.title for t in screen.meeting.agenda] == ["验收标准", "一期范围", "其他事项"]
        assert table.current_id == screen.meeting.agenda[0].id  # the cursor follows the topic
        await pilot.press("shift+down", "shift+down")
        assert [t.title for t in screen.meeting.agenda] == ["一期范围", "其他事项", "验收标准"]
        await pilot.press("x")  # 验收标准
        table.move_cursor(row=0)
        await pilot.press("enter")
        await fill(pilot, "form-owner", "李娜")
        await fill(pilot, "form-expected_output", "范围清单")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "李娜 is not an attendee" in pilot.app.screen.query_one(InlineError).message  # asked once
        await pilot.press("ctrl+s")  # add her
        await until(pilot, lambda: pilot.app.screen is screen)
        saved = stored(screen)
        assert [(t.title, t.owner, t.planned_minutes, t.expected_output, t.order) for t in saved.agenda] == [
            ("一期范围", "李娜", 25, "范围清单", 0),
            ("其他事项", "", 5, "", 1),
        ]


async def test_a_refused_value_keeps_what_was_typed(make_app: AppFactory, draft_id: str) -> None:
    async with make_app(draft_id, plan=True).run_test(size=(120, 40)) as pilot:
        screen = await plan_screen(pilot)
        await pilot.press("f4", "a")
        await type_text(pilot, "[b]预算[/]")
        await fill(pilot, "form-planned_minutes", "很久")
        await pilot.press("ctrl+s")
        dialog = pilot.app.screen
        assert isinstance(dialog, TopicDialog)
        assert dialog.query_one("#form-title", Input).value == "[b]预算[/]"
        await fill(pilot, "form-planned_minutes", "10")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: pilot.app.screen is screen)
        assert screen.meeting.agenda[0].title == "[b]预算[/]"  # literal, never markup


async def test_a_start_that_has_passed_is_refused_and_kept_in_its_field(make_app: AppFactory, draft_id: str) -> None:
    # the frozen clock says Friday 2026-11-20 09:30 in Shanghai, as `meetui new --at` and `edit --at` see it
    async with make_app(draft_id, plan=True).run_test(size=(120, 40)) as pilot:
        screen = await plan_screen(pilot)
        await fill(pilot, "detail-start", "2026-11-19 10:00")
        field = screen.query_one("#detail-start", Input)
        assert field.value == "2026-11-19 10:00" and field.has_class("-invalid-value")
        error = str(screen.query_one("#details-error").render())
        assert "has passed" in error and "2026-11-19 10:00" in error
        assert stored(screen).scheduled_start is None
        details = screen.query_one("#plan-details")
        assert details._border_subtitle.plain == error  # noqa: SLF001 - seen when the form is too short for the line
        await fill(pilot, "detail-start", "[b]下个月")  # what was typed is shown literally, never as markup
        assert "'[b]下个月'" in details._border_subtitle.plain  # noqa: SLF001
        await fill(pilot, "detail-start", "明天 10:00")
        assert not field.has_class("-invalid-value") and details.border_subtitle is None
        assert stored(screen).scheduled_start.isoformat() == "2026-11-21T10:00:00+08:00"


async def test_check_reasons_wrap_whole_at_80_columns_never_opening_on_a_comma(
    make_app: AppFactory, draft_id: str
) -> None:
    from textual.widgets import OptionList

    from meetui.core.checks import REASONS
    from meetui.core.text import cell_width

    async with make_app(draft_id, plan=True).run_test(size=(80, 24)) as pilot:
        screen = await plan_screen(pilot)
        await fill(pilot, "detail-goal", "三天内确定一期范围")
        screen.session.apply(planned(lambda plan: plan.add_topic("验收标准，以及上线时间和灰度范围")))
        screen.changed()
        await pilot.pause()
        checks = screen.query_one("#plan-checks", OptionList)
        width = checks.region.width - checks.styles.scrollbar_size_vertical  # the lines, less the scrollbar
        shown: list[str] = []  # every line of the list, page by page as it scrolls
        while len(shown) < checks.virtual_size.height:
            checks.scroll_to(y=len(shown), animate=False, immediate=True)
            await pilot.pause()
            page = [strip.crop(0, width).text.rstrip() for strip in checks.render_lines(checks.region.reset_offset)]
            shown += page[len(shown) - round(checks.scroll_y) :]
        text = "".join(line.strip() for line in shown)
        for code in ("topic-owner", "topic-output", "no-decision-maker"):
            assert REASONS[code][1] in text  # every reason whole, nothing cut
        assert "⚠ 议题 1（验收标准，以及上线时间和灰度范围）没有负责人" in text
        assert not any(line.lstrip().startswith(("，", "。", "）", "、", "；")) for line in shown), shown
        assert all(cell_width(line) <= width for line in shown)
        first = next(line for line in shown if "⚠" in line)
        assert first.strip().startswith("⚠ 议题 1（验收") and cell_width(first) >= width - 6  # filled, not "⚠ 议题"


async def test_start_notice_and_template_from_the_plan(
    make_app: AppFactory, draft_id: str, tmp_path: Path, config_dir: Path
) -> None:
    async with make_app(draft_id, plan=True).run_test(size=(120, 40)) as pilot:
        screen = await plan_screen(pilot)
        screen.out_dir = tmp_path
        await fill(pilot, "detail-start", "2026-12-01 10:00")
        await pilot.press("f4", "a")
        await type_text(pilot, "一期范围")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: pilot.app.screen is screen)
        await pilot.press("ctrl+n")
        notice = tmp_path / "2026-12-01-需求对接会-notice.md"
        await until(pilot, lambda: notice.exists() and notice.with_suffix(".ics").exists())
        assert "一期范围" in notice.read_text(encoding="utf-8")
        await pilot.press("ctrl+t")
        await pilot.pause()
        await fill(pilot, "template-name", "积分对接")
        await pilot.press("enter")
        template = config_dir / "templates" / "积分对接.toml"
        await until(pilot, template.exists)
        assert 'title = "一期范围"' in template.read_text(encoding="utf-8")
        await pilot.press("ctrl+r")
        await until(pilot, lambda: isinstance(pilot.app.screen, LiveScreen))
        assert pilot.app.screen.session is screen.session


async def test_home_p_plans_the_highlighted_meeting(make_app: AppFactory, draft_id: str) -> None:
    from meetui.ui.screens.home import HomeScreen

    async with make_app().run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: isinstance(pilot.app.screen, HomeScreen))
        await until(pilot, lambda: pilot.app.screen.check_action("plan_meeting", ()) is True)
        await pilot.press("p")
        screen = await plan_screen(pilot)
        assert screen.meeting.id == draft_id


async def test_home_c_creates_a_meeting_from_a_template_and_plans_it(make_app: AppFactory, store: Store) -> None:
    from meetui.ui.planning.create import CreateMeetingDialog
    from meetui.ui.screens.home import HomeScreen

    async with make_app().run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: isinstance(pilot.app.screen, HomeScreen))
        await pilot.press("c")
        await until(pilot, lambda: isinstance(pilot.app.screen, CreateMeetingDialog))
        await type_text(pilot, "产品周例会")
        pilot.app.screen.query_one("#create-kind", Select).value = "weekly-sync"
        await pilot.press("enter")
        screen = await plan_screen(pilot)
        assert screen.meeting.title == "产品周例会" and screen.meeting.kind.value == "weekly-sync"
        assert [t.title for t in screen.meeting.agenda] == ["未完成行动项", "阻碍事项", "本周优先事项"]
        assert store.load(screen.meeting.id).planned_minutes == 30


async def test_help_and_palette_know_the_plan_keys(make_app: AppFactory, draft_id: str) -> None:
    from meetui.ui.keys import ScreenCommands
    from meetui.ui.screens.help import HelpScreen

    async with make_app(draft_id, plan=True).run_test(size=(120, 40)) as pilot:
        screen = await plan_screen(pilot)
        await pilot.press("f4")
        await pilot.press("question_mark")
        await until(pilot, lambda: isinstance(pilot.app.screen, HelpScreen))
        text = pilot.app.screen.text
        assert "## Agenda" in text and "`plan.move_up`" in text and "`plan.start`" in text
        await pilot.press("escape")
        await until(pilot, lambda: pilot.app.screen is screen)
        titles = [c.title for c in ScreenCommands(screen)._available()]  # noqa: SLF001 - what the palette lists
        assert "Start the meeting" in titles and "Add an attendee or a topic" in titles
        assert "Paste a list of attendees" not in titles  # greyed: the agenda has focus, not the attendees


async def test_a_meeting_run_elsewhere_is_planned_read_only(make_app: AppFactory, draft_id: str, store: Store) -> None:
    lock = store.hold_live(draft_id)
    try:
        async with make_app(draft_id, plan=True).run_test(size=(120, 40)) as pilot:
            screen = await plan_screen(pilot)
            assert screen.session.read_only
            assert screen.query_one("#detail-goal", Input).disabled
            await pilot.press("f4")
            assert screen.check_action("add", ()) is None and screen.check_action("start", ()) is None
    finally:
        lock.release()


async def test_the_roles_the_kind_invites_are_shown_until_someone_has_them(make_app: AppFactory, draft_id: str) -> None:
    async with make_app(draft_id, plan=True).run_test(size=(120, 40)) as pilot:
        screen = await plan_screen(pilot)
        people = screen.query_one("#plan-people")
        assert people.border_subtitle == ""  # kind "other": no template
        screen.query_one("#detail-kind", Select).value = "weekly-sync"
        await until(pilot, lambda: people.border_subtitle == "to invite: decision-maker, executor")
        await pilot.press("f3", "a")
        await type_text(pilot, "王芳")
        pilot.app.screen.query_one("#form-role", Select).value = "decision-maker"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: people.border_subtitle == "to invite: executor")


async def test_attendees_typed_into_the_paste_dialog_and_saved_at_once(make_app: AppFactory, draft_id: str) -> None:
    """ctrl+s acts as Textual reads it: the lines typed right before it must already be in the text."""
    from textual import events

    async with make_app(draft_id, plan=True).run_test(size=(120, 40)) as pilot:
        screen = await plan_screen(pilot)
        await pilot.press("f3", "v")
        await until(pilot, lambda: pilot.app.screen is not screen)
        for char in "李娜，研发部，执行层\n陈刚, 销售部, observerx":
            key = {"\n": "enter", " ": "space"}.get(char, char)
            pilot.app.post_message(events.Key(key, "\r" if char == "\n" else char))
        pilot.app.post_message(events.Key("backspace", "\x7f"))
        pilot.app.post_message(events.Key("ctrl+s", "\x13"))
        await until(pilot, lambda: pilot.app.screen is screen)
        assert [(a.name, a.department, a.role) for a in stored(screen).attendees] == [
            ("李娜", "研发部", Role.EXECUTOR),
            ("陈刚", "销售部", Role.OBSERVER),
        ]
