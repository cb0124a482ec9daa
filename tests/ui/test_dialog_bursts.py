"""Keys typed into dialogs faster than the screen draws land where they were meant to, in the order typed.

Each burst is posted to the app in one go, as Textual's driver posts the keys it reads together (tmux
send-keys, a paste, a fast typist): nothing waits for the app between two keys. (``pilot.press`` waits for the
app to go idle after each key, which hides these faults.)
"""

from __future__ import annotations

from textual import events
from textual.widgets import DataTable, Input

from meetui.ui.dialogs.action_form import ActionForm
from meetui.ui.dialogs.ask import ConfirmDialog
from meetui.ui.dialogs.parking import ParkingLotDialog

from .helpers import live_screen, stored, until

#: Named keys, with the character the driver gives each.
NAMED = {"tab": "\t", "shift+tab": None, "enter": "\r", "escape": "\x1b", "ctrl+s": "\x13", "space": " "}


def keys(*parts: str) -> list[events.Key]:
    """Key events: named keys as they are, other strings character by character (a space is "space")."""
    found: list[events.Key] = []
    for part in parts:
        if part in NAMED:
            found.append(events.Key(part, NAMED[part]))
        else:
            found.extend(events.Key("space" if char == " " else char, char) for char in part)
    return found


async def burst(pilot, *parts: str) -> None:  # noqa: ANN001
    """Post every key at once, then let the app act on them."""
    for key in keys(*parts):
        pilot.app.post_message(key)
    await settle(pilot)


def value(app, widget_id: str) -> str:  # noqa: ANN001
    return app.screen.query_one(f"#{widget_id}", Input).value


async def settle(pilot) -> None:  # noqa: ANN001
    for _ in range(6):
        await pilot.pause()


async def test_tab_in_a_burst_moves_to_the_next_field_before_the_keys_behind_it(make_app, demo_id) -> None:
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await live_screen(pilot)
        await burst(pilot, "space", "a", "tab2 test", "tab", "Ali", "tab", "fri")
        await settle(pilot)
        assert isinstance(app.screen, ActionForm)
        assert (value(app, "action-task"), value(app, "action-owner"), value(app, "action-due")) == (
            "tab2 test",
            "Alice Wang",  # a unique prefix is the whole name once focus leaves the field
            "fri",
        )
        await burst(pilot, "shift+tab", "shift+tab", "!")
        await settle(pilot)
        assert value(app, "action-task") == "tab2 test!"


async def test_the_park_form_takes_tab_in_order_and_completes_the_names(make_app, demo_id) -> None:
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        await burst(pilot, "space", "k", "测试停车 parking test", "tab", "Ali", "tab", "陈", "tab", "fri")
        await settle(pilot)
        assert isinstance(app.screen, ParkingLotDialog)
        fields = ("parking-text", "parking-raised-by", "parking-owner", "parking-due")
        assert [value(app, f) for f in fields] == ["测试停车 parking test", "Alice Wang", "陈刚", "fri"]
        await pilot.press("ctrl+s")
        await until(pilot, lambda: app.screen is screen)
        [item] = stored(screen).parking_lot
        assert (item.text, item.raised_by, item.owner) == ("测试停车 parking test", "Alice Wang", "陈刚")


async def test_ctrl_s_in_a_burst_saves_before_the_next_keys(make_app, demo_id) -> None:
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        await burst(
            pilot,
            *("space", "a", "task", "enter", "Alice", "enter", "fri", "ctrl+s"),
            *("a", "task2", "enter", "陈刚", "enter", "fri", "ctrl+s"),
        )
        await until(pilot, lambda: len(screen.meeting.actions) == 2 and app.screen is screen)
        assert [(a.task, a.owner) for a in stored(screen).actions] == [("task", "Alice Wang"), ("task2", "陈刚")]


async def test_escape_in_a_burst_leaves_the_step_before_the_next_key_acts(make_app, demo_id) -> None:
    """The decision dialog: ``o`` (objection), a name, escape back to the question, ``v`` (vote) — in one burst."""
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await live_screen(pilot)
        await burst(pilot, "space", "d", "下周发布", "enter", "o", "陈刚", "tab", "风险太高", "enter")
        await settle(pilot)
        await burst(pilot, "o", "Sam", "escape", "v", "3", "tab", "1", "tab", "0")
        await settle(pilot)
        dialog = app.screen
        assert dialog.stage.value == "stage-vote"
        assert [value(app, f) for f in ("vote-for", "vote-against", "vote-abstain")] == ["3", "1", "0"]
        assert value(app, "objector") == "Sam Carter"  # typed before the escape, completed as focus left it


async def test_the_speaker_queue_takes_every_name_of_a_burst(make_app, demo_id) -> None:
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        await burst(pilot, "space", "s", "a", "Sam", "enter", "a", "陈刚", "enter", "a", "Pri", "enter")
        await settle(pilot)
        assert [t.name for t in screen.session.live.waiting_speakers()] == ["Sam Carter", "陈刚", "Priya Nair"]


async def test_the_roll_call_takes_marks_and_reasons_typed_in_a_burst(make_app, demo_id) -> None:
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        await burst(pilot, "r", "p", "a", "出差", "enter", "p", "x", "Pri", "enter", "p")
        await settle(pilot)
        marks = [(a.name, a.attendance.value, a.absence_reason, a.proxy) for a in screen.meeting.attendees[:5]]
        assert marks == [
            ("王芳", "present", "", ""),
            ("Sam Carter", "absent", "出差", ""),
            ("李娜", "present", "", ""),
            ("Alice Wang", "proxy", "", "Priya Nair"),
            ("陈刚", "present", "", ""),
        ]


async def test_escape_then_a_key_read_as_alt_key_leaves_the_note_field_and_runs_the_key(make_app, demo_id) -> None:
    """A terminal sends escape as ESC; ESC and ``n`` read together arrive as alt+n: the escape is not lost."""
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        await burst(pilot, "space", "i", "草稿")
        first = screen.meeting.current_topic_id
        app.post_message(events.Key("alt+n", "n"))  # what Textual's driver makes of ESC n read in one go
        await settle(pilot)
        assert screen.query_one("#note-input", Input).value == "草稿"
        assert screen.meeting.current_topic_id != first
        assert not screen.query_one("#note-input", Input).has_focus


async def test_the_keys_behind_an_alt_key_stay_behind_the_key_it_stands_for(make_app, demo_id) -> None:
    """ESC d read as alt+d in the note field, then enter, enter and a note: the decision dialog opened after the
    keys behind it had run, and they locked a decision reading "i锁定后" nobody had asked the room about."""
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        await burst(pilot, "space", "i", "研发：延期两周", "enter")
        app.post_message(events.Key("alt+d", "d"))
        await burst(pilot, "enter", "enter", "i锁定后", "enter")
        assert [(d.text, d.state.value) for d in screen.meeting.decisions] == [("i锁定后", "proposed")]
        assert not any(d.locked for d in screen.meeting.decisions)


async def test_escape_and_a_key_in_one_burst_leave_the_note_field_first(make_app, demo_id) -> None:
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        await burst(pilot, "space", "i", "草稿", "escape", "n")
        await settle(pilot)
        assert screen.query_one("#note-input", Input).value == "草稿"
        assert screen.meeting.current_topic.title != screen.meeting.agenda[0].title


async def test_an_action_item_from_the_parking_lot_starts_in_the_owner_field(make_app, demo_id) -> None:
    """The task comes filled in from the parked item: the first key typed goes to the owner, and replaces nothing."""
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        await burst(pilot, "space", "k", "离线讨论定价", "enter")
        await until(pilot, lambda: app.screen is screen and len(screen.meeting.parking_lot) == 1)
        await burst(pilot, "l", "a", "陈", "enter", "fri", "ctrl+s")
        await until(pilot, lambda: len(screen.meeting.actions) == 1)
        [action] = stored(screen).actions
        assert (action.task, action.owner) == ("离线讨论定价", "陈刚")


async def test_no_dialog_field_selects_its_text_when_focused(make_app, demo_id) -> None:
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await live_screen(pilot)
        await pilot.press("space", "a")
        await settle(pilot)
        form = app.screen
        form.query_one("#action-task", Input).value = "已有的任务"
        await pilot.press("tab", "shift+tab")
        await settle(pilot)
        await pilot.press("x")
        assert value(app, "action-task") == "已有的任务x"
        for field in form.query(Input):
            assert not field.select_on_focus, field.id


async def test_b_on_an_open_item_says_why_in_the_dialog(make_app, demo_id) -> None:
    app = make_app(demo_id)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await live_screen(pilot)
        await burst(pilot, "space", "k", "离线讨论定价", "enter")
        await until(pilot, lambda: app.screen is screen and len(screen.meeting.parking_lot) == 1)
        await pilot.press("l", "b")
        await settle(pilot)
        assert "open" in app.screen.query_one("#parking-error").message


async def test_b_on_an_item_made_an_action_item_asks_before_deleting_it(make_app, demo_id) -> None:
    app = make_app(demo_id)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await live_screen(pilot)
        await burst(pilot, "space", "k", "离线讨论定价", "enter")
        await until(pilot, lambda: app.screen is screen and len(screen.meeting.parking_lot) == 1)
        await burst(pilot, "l", "a", "陈刚", "ctrl+s")
        await until(pilot, lambda: len(screen.meeting.actions) == 1 and isinstance(app.screen, ParkingLotDialog))
        dialog = app.screen
        await pilot.press("a")  # already an action item: says so, opens nothing
        await settle(pilot)
        assert app.screen is dialog and "already action item" in dialog.query_one("#parking-error").message
        await pilot.press("b")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog), "taking back an action item deletes it: asked first"
        await pilot.press("n")
        await settle(pilot)
        assert app.screen is dialog and len(screen.meeting.actions) == 1
        assert "kept" in dialog.query_one("#parking-error").message
        await pilot.press("b", "y")
        await settle(pilot)
        assert app.screen is dialog and screen.meeting.actions == []
        assert dialog.query_one("#parking-error").message  # said inside the dialog, which covers the message line
        assert dialog.query_one(DataTable).has_focus


async def test_a_name_matching_nobody_is_asked_about_before_anything_is_stored(make_app, demo_id) -> None:
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        await burst(pilot, "space", "k", "离线讨论定价", "tab", "小明", "tab")
        dialog = app.screen
        assert "小明 is not an attendee" in dialog.query_one("#parking-error").message
        assert dialog.focused is dialog.query_one("#parking-raised-by"), "asked, not moved on"
        assert screen.meeting.parking_lot == [] and screen.meeting.attendee("小明") is None
        await pilot.press("ctrl+s")  # asked once: the next key that moves on or saves takes the name
        await until(pilot, lambda: app.screen is screen)
        [item] = stored(screen).parking_lot
        assert item.raised_by == "小明" and screen.meeting.attendee("小明") is not None


async def test_saving_asks_about_a_new_name_in_any_field_first(make_app, demo_id) -> None:
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        await burst(pilot, "space", "a", "联系法务", "tab", "小红", "shift+tab", "ctrl+s")
        form = app.screen
        assert isinstance(form, ActionForm) and screen.meeting.actions == []
        assert "小红 is not an attendee" in form.query_one("#action-error").message
        assert form.focused is form.query_one("#action-owner")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: app.screen is screen)
        assert [(a.task, a.owner) for a in stored(screen).actions] == [("联系法务", "小红")]
        assert screen.meeting.attendee("小红") is not None


async def test_a_click_elsewhere_completes_a_name_prefix(make_app, demo_id) -> None:
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await live_screen(pilot)
        await burst(pilot, "space", "a", "核对报价", "tab", "Pri")
        await pilot.click("#action-due")
        await settle(pilot)
        assert value(app, "action-owner") == "Priya Nair"
        assert app.screen.focused is app.screen.query_one("#action-due")


async def test_escape_closes_an_open_drop_down_before_the_dialog(make_app, demo_id) -> None:
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        await burst(pilot, "space", "a", "核对报价")
        form = app.screen
        form.set_focus(form.query_one("#action-priority"))
        await burst(pilot, "enter")
        assert form.query_one("#action-priority").expanded
        await burst(pilot, "escape")
        assert app.screen is form and not form.query_one("#action-priority").expanded
        await burst(pilot, "escape")
        assert app.screen is screen


async def test_the_minutes_folder_field_types_the_dialog_letters_and_enter_writes(make_app, demo_id, tmp_path) -> None:
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await live_screen(pilot)
        (tmp_path / "clw").mkdir()
        await burst(pilot, "m")
        dialog = app.screen
        folder = dialog.query_one("#minutes-folder", Input)
        folder.value = str(tmp_path)
        folder.cursor_position = len(folder.value)
        dialog.set_focus(folder)
        await burst(pilot, "/clw", "enter")
        assert folder.value == f"{tmp_path}/clw"
        await until(pilot, lambda: any((tmp_path / "clw").glob("*-minutes-draft.md")))


async def test_escape_then_a_key_read_as_alt_key_outside_the_note_field_runs_the_key(make_app, demo_id) -> None:
    app = make_app(demo_id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await live_screen(pilot)
        await burst(pilot, "space")
        first = screen.meeting.current_topic_id
        assert not isinstance(app.focused, Input)
        app.post_message(events.Key("alt+n", "n"))
        await settle(pilot)
        assert screen.meeting.current_topic_id != first


def test_escape_keys_reads_alt_key_as_escape_then_the_key() -> None:
    from meetui.ui.panes.typeahead import escape_keys

    def read(key: str, character: str | None) -> list[tuple[str, str | None]]:
        return [(k.key, k.character) for k in escape_keys(events.Key(key, character))]

    assert read("alt+n", "n") == [("escape", "\x1b"), ("n", "n")]
    assert read("alt+shift+n", "N") == [("escape", "\x1b"), ("N", "N")]
    assert read("alt+plus", "+") == [("escape", "\x1b"), ("plus", "+")]
    assert read("escape", "\x1b") == [("escape", "\x1b")]
    assert read("alt+left", None) == []  # a real chord
    assert read("ctrl+alt+x", None) == []
    assert read("n", "n") == []


async def test_an_answer_typed_before_the_question_is_drawn_is_taken_in_order() -> None:
    from textual.app import App

    from meetui.ui.dialogs.ask import AskDialog

    answers: list[str | None] = []

    class Asking(App[None]):
        def on_mount(self) -> None:
            self.push_screen(AskDialog("新的截止日期", value="周"), answers.append)

    app = Asking()
    async with app.run_test() as pilot:
        for key in keys("五", "enter", "x"):  # all before the dialog has mounted
            app.post_message(key)
        await settle(pilot)
    assert answers == ["周五"]
