"""Editing keys typed in a burst act in the order typed, in every text field, with the characters around them.

A burst is posted to the app in one go, as Textual's driver posts the keys it reads together (tmux send-keys, a
paste, a slow SSH link): nothing waits for the app between two keys. Textual's Input and TextArea insert a
character in their own turn, but run a binding (``backspace``, ``ctrl+u``, ``home``…) only once the key has
bubbled up to the app: ``abc`` then ``ctrl+u Z`` left the field empty, ``backspace y`` gave ``abc``.
"""

from __future__ import annotations

import ast
from pathlib import Path

from textual import events
from textual.command import CommandInput, CommandPalette
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

import meetui
from meetui.core.clock import SequentialIds
from meetui.core.meeting import new_meeting
from meetui.core.models import DecisionState
from meetui.ui.config import Config, save_config
from meetui.ui.dialogs.action_form import ActionForm
from meetui.ui.dialogs.decision import DecisionDialog, Stage
from meetui.ui.screens.plan import PlanScreen
from meetui.ui.screens.search import SearchScreen

from .helpers import live_screen, stored, until

#: Keys with a name: posted as one key each (the others in a part are typed character by character).
NAMED = {
    "space": " ",
    "tab": "\t",
    "enter": "\r",
    "escape": "\x1b",
    "backspace": "\x7f",
    "delete": None,
    "left": None,
    "right": None,
    "home": None,
    "end": None,
    "ctrl+left": None,
    "ctrl+right": None,
    "ctrl+a": "\x01",
    "ctrl+b": "\x02",
    "ctrl+d": "\x04",
    "ctrl+e": "\x05",
    "ctrl+f": "\x06",
    "ctrl+g": "\x07",
    "ctrl+k": "\x0b",
    "ctrl+u": "\x15",
    "ctrl+w": "\x17",
    "ctrl+s": "\x13",
    "ctrl+t": "\x14",
}

#: (the field's text, the burst typed into it with the cursor at the end, the text it must end with).
EDITS = [
    ("会议纪要", ["ctrl+u", "发布推迟两周"], "发布推迟两周"),
    ("预算 审批", ["ctrl+w", "复核"], "预算 复核"),
    ("预算", ["ctrl+a", "年度"], "年度预算"),
    ("预算", ["home", "ctrl+e", "表"], "预算表"),
    ("预算", ["home", "end", "表"], "预算表"),
    ("数据迁移", ["backspace", "backspace", "备份"], "数据备份"),
    ("faq", ["backspace", "backspace", "backspace", "数据迁移"], "数据迁移"),
    ("预算", ["审", "backspace", "表"], "预算表"),
    ("数据迁移", ["left", "新"], "数据迁新移"),
    ("数据迁移", ["home", "新"], "新数据迁移"),
    ("数据迁移", ["home", "right", "ctrl+k", "字"], "数字"),
    ("数据迁移", ["home", "delete", "备"], "备据迁移"),
    ("数据迁移", ["home", "ctrl+d", "备"], "备据迁移"),
    ("数据迁移", ["ctrl+b", "ctrl+b", "ctrl+f", "新"], "数据迁新移"),
    ("数据 迁移", ["ctrl+left", "新"], "数据 新迁移"),
    ("数据 迁移", ["home", "ctrl+right", "新"], "数据 新迁移"),
]


def keys(*parts: str) -> list[events.Key]:
    found: list[events.Key] = []
    for part in parts:
        if part in NAMED:
            found.append(events.Key(part, NAMED[part]))
        else:
            found.extend(events.Key("space" if char == " " else char, char) for char in part)
    return found


async def burst(pilot: Pilot, *parts: str) -> None:
    """Post every key at once, then let the app act on them."""
    for key in keys(*parts):
        pilot.app.post_message(key)
    for _ in range(6):
        await pilot.pause()


async def edits_in(pilot: Pilot, field: Input) -> list[str]:
    """Run every edit of :data:`EDITS` in ``field`` (focused): the ones that went wrong, described."""
    wrong = []
    for before, typed, after in EDITS:
        field.value = ""
        await burst(pilot, before)
        assert field.value == before, "characters alone always went in"
        await burst(pilot, *typed)
        if field.value != after:
            wrong.append(f"{before!r} + {typed}: {field.value!r}, not {after!r}")
    return wrong


async def test_the_note_field_edits_in_the_order_typed(make_app, demo_id) -> None:
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        await pilot.press("i")
        field = screen.query_one("#note-input", Input)
        assert field.has_focus
        assert await edits_in(pilot, field) == []
        # The user's burst: what ctrl+u clears is gone before the new line is typed and committed.
        field.value = ""
        await burst(pilot, "abc 旧的", "ctrl+u", "渠道培训", "enter", "def 要点", "ctrl+w", "ctrl+a", "#idea ", "enter")
        await until(pilot, lambda: len(stored(screen).notes) == 2)
        assert [n.text for n in stored(screen).notes] == ["渠道培训", "def"]  # "#idea " made the second an idea
        assert not field.value


async def test_a_field_key_remapped_by_the_user_and_a_key_of_two_bindings_act_in_order(
    make_app, demo_id, config_dir
) -> None:
    """The field's own keys as the user's keymap has them; of ``ctrl+t``'s two bindings (private, public again)
    the one the field's check allows acts, before the note typed behind it is committed."""
    save_config(config_dir / "config.toml", Config(keymap={"field.backward_char": "ctrl+g"}))
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        await pilot.press("space", "i")
        field = screen.query_one("#note-input", Input)
        await burst(pilot, "数据迁移", "ctrl+g", "新", "ctrl+b", "表")
        assert field.value == "数据迁新表移"  # ctrl+b is no longer the field's: it moves nothing
        field.value = ""
        await burst(
            pilot, "ctrl+t", "私下的意见", "enter", "ctrl+t", "公开的结论", "enter", "ctrl+t", "又私下", "enter"
        )
        await until(pilot, lambda: len(stored(screen).notes) == 3)
        assert [(n.text, n.private) for n in stored(screen).notes] == [
            ("私下的意见", True),
            ("公开的结论", False),
            ("又私下", True),
        ]


async def test_the_home_search_field_edits_in_the_order_typed(make_app, demo_id) -> None:
    app = make_app(None)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: app.screen.query("#meetings-table"))
        await pilot.press("slash")
        await until(pilot, lambda: isinstance(app.screen, SearchScreen))
        field = app.screen.query_one("#search-input", Input)
        await until(pilot, lambda: field.has_focus)
        assert await edits_in(pilot, field) == []


async def test_what_is_typed_right_behind_slash_is_searched_for(make_app, demo_id) -> None:
    """``/`` and a query in one burst: the query went to the home screen (its tables, its letter keys) while the
    search was being opened, and the search field stayed empty."""
    app = make_app(None)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: app.screen.query("#meetings-table"))
        await pilot.pause()
        app.post_message(events.Key("slash", "/"))
        await burst(pilot, "数据迁移 faq", "backspace", "ctrl+w", "ctrl+b", "新")
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.query_one("#search-input", Input).value == "数据迁移新 "


async def test_the_command_palette_field_edits_in_the_order_typed(make_app, demo_id) -> None:
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await live_screen(pilot)
        await pilot.press("ctrl+p")
        await until(pilot, lambda: CommandPalette.is_open(app))
        field = app.screen.query_one(CommandInput)
        await until(pilot, lambda: field.has_focus)
        assert await edits_in(pilot, field) == []


async def test_a_dialog_field_edits_in_the_order_typed(make_app, demo_id) -> None:
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await live_screen(pilot)
        await burst(pilot, "space", "a")
        await until(pilot, lambda: isinstance(app.screen, ActionForm))
        field = app.screen.query_one("#action-task", Input)
        assert field.has_focus
        assert await edits_in(pilot, field) == []


async def test_the_revised_decision_is_what_was_typed_after_ctrl_u(make_app, demo_id) -> None:
    """The reported fault: ``r``, then ``ctrl+u``, the new text and Enter in one burst, then Enter locked the new
    text's last character(s) only ("成 slip two weeks"): ctrl+u cleared what had been typed behind it."""
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        await burst(pilot, "space", "d")
        await until(pilot, lambda: isinstance(app.screen, DecisionDialog))
        dialog = app.screen
        await burst(pilot, "ctrl+u", "发布日期定为 12 月 1 日", "enter")
        await burst(pilot, "o", "李娜", "enter", "支付 SDK 升级还需两周", "enter")
        assert dialog.stage is Stage.STATUS and dialog.decision.state is DecisionState.OBJECTED
        await burst(pilot, "r", "ctrl+u", "发布推迟两周 slip two weeks", "enter")
        assert dialog.decision.state is DecisionState.PROPOSED
        await burst(pilot, "enter")
        await until(pilot, lambda: app.screen is screen)
        [decision] = [d for d in stored(screen).decisions if d.state is DecisionState.LOCKED]
        assert decision.text == "发布推迟两周 slip two weeks"


async def test_the_pasted_attendee_list_edits_in_the_order_typed(make_app, store, clock) -> None:
    """The plan screen's paste dialog (a TextArea): ``ctrl+u`` and ``ctrl+w`` act before the text behind them."""
    meeting = new_meeting("需求对接会", clock, SequentialIds("p"))
    store.create(meeting)
    app = make_app(meeting.id, plan=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PlanScreen))
        plan = app.screen
        await pilot.pause()
        await pilot.press("f3", "v")
        await until(pilot, lambda: app.screen is not plan)
        area = app.screen.query_one("#import-text", TextArea)
        await burst(pilot, "王五，财务部", "ctrl+u", "李娜，研发部，执行层 x", "ctrl+w", "ctrl+b", "ctrl+f", "enter")
        await burst(pilot, "陈刚, 销售部", "home", "ctrl+k", "陈刚, 销售部, observer")
        assert area.text == "李娜，研发部，执行层 \n陈刚, 销售部, observer"


def test_every_text_field_meetui_makes_takes_keys_in_order() -> None:
    """No plain ``Input(…)`` or ``TextArea(…)`` is made anywhere in meetui: each text field is an
    :class:`~meetui.ui.panes.typeahead.InOrderInput` or :class:`~meetui.ui.panes.typeahead.InOrderTextArea` (or
    a subclass), whose editing keys act in the order typed."""
    root = Path(meetui.__file__).parent
    plain = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
                if name in {"Input", "TextArea"}:
                    plain.append(f"{path.relative_to(root)}:{node.lineno}")
            if isinstance(node, ast.ClassDef):
                bases = {b.id if isinstance(b, ast.Name) else getattr(b, "attr", "") for b in node.bases}
                if bases & {"Input", "TextArea"} and node.name not in {"InOrderInput", "InOrderTextArea"}:
                    plain.append(f"{path.relative_to(root)}:{node.lineno} class {node.name}")
    assert plain == []
