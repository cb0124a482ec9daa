"""The command definitions, the user config file and the CJK-aware cell fitting, without running the app."""

from __future__ import annotations

from pathlib import Path

import pytest

from meetui.core.errors import MeetuiError
from meetui.core.text import cell_width
from meetui.ui.config import Config, config_path, load_config, save_config
from meetui.ui.keys import APP_COMMANDS, FOUND_COMMANDS, HOME_COMMANDS, LIVE_COMMANDS, PRESENTATION_COMMANDS
from meetui.ui.panes.display import fill, fit
from meetui.ui.screens.live import LiveScreen
from meetui.ui.themes import meetui_themes, stylesheets

CONTRACT_KEYS = {
    "space": "toggle_clock",
    "n": "next_topic",
    "p": "previous_topic",
    "plus": "extend",
    "minus": "shrink",
    "i": "focus_note",
    "enter": "enter",  # a note, as i; in the actions table, edit the highlighted item
    "d": "decision",
    "a": "add_action",
    "k": "parking_lot",
    "r": "roll_call",
    "s": "speakers",
    "m": "minutes",
    "f": "presentation",
    "e": "end_meeting",
}


def test_the_live_keys_are_the_contract_keys() -> None:
    by_key = {}
    for command in LIVE_COMMANDS:
        for key in command.key.split(","):
            by_key.setdefault(key, command.action)
    for key, action in CONTRACT_KEYS.items():
        assert by_key[key] == action, key
    assert {c.key for c in APP_COMMANDS} == {"question_mark,f1", "ctrl+q"}


def test_every_command_has_an_id_a_label_and_help_and_every_action_exists() -> None:
    for commands in ((*LIVE_COMMANDS, *FOUND_COMMANDS), PRESENTATION_COMMANDS, HOME_COMMANDS, APP_COMMANDS):
        ids = [c.id for c in commands]
        assert len(ids) == len(set(ids)), ids
        for command in commands:
            assert command.id and command.label and command.help.endswith((".", '"')), command.id
            assert command.binding().id == command.id
    for command in (*LIVE_COMMANDS, *FOUND_COMMANDS):
        assert hasattr(LiveScreen, "action_" + command.action.partition("(")[0]), command.action


def test_config_round_trips_with_chinese_and_quotes(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "config.toml"
    config = Config(theme="meetui-light", keymap={"live.next_topic": "j", "live.note": "i,enter", "说明": '"x"'})
    save_config(path, config)
    assert load_config(path) == config
    assert oct(path.stat().st_mode & 0o777) == "0o600"


def test_a_missing_config_is_the_defaults_and_a_bad_one_is_refused(tmp_path: Path) -> None:
    assert load_config(tmp_path / "none.toml") == Config()
    bad = tmp_path / "bad.toml"
    bad.write_text("theme = 3\n", encoding="utf-8")
    with pytest.raises(MeetuiError, match="theme must be a string"):
        load_config(bad)


def test_config_path_follows_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MEETUI_CONFIG", str(tmp_path / "mine.toml"))
    assert config_path() == tmp_path / "mine.toml"
    monkeypatch.setenv("MEETUI_CONFIG", str(tmp_path))
    assert config_path() == tmp_path / "config.toml"
    assert config_path(tmp_path / "given") == tmp_path / "given" / "config.toml"


def test_shipped_themes_and_stylesheets() -> None:
    names = {theme.name for theme in meetui_themes()}
    assert names == {"meetui-dark", "meetui-light", "meetui-projector"}
    assert stylesheets()[0].name == "app.tcss"


@pytest.mark.parametrize("text", ["发布日期与里程碑 Launch date and milestones", "研发就绪度", "abc", "混合 mixed"])
@pytest.mark.parametrize("width", [1, 5, 8, 13])
def test_fill_gives_exactly_the_width_in_cells(text: str, width: int) -> None:
    assert cell_width(fill(text, width)) == width
    assert cell_width(fit(text, width)) <= width


def test_the_minutes_folder_is_kept_in_the_config(tmp_path: Path) -> None:
    path = tmp_path / "配置" / "config.toml"
    save_config(path, Config(minutes_folder=str(tmp_path / "会议纪要")))
    assert load_config(path).minutes_folder == str(tmp_path / "会议纪要")
    assert load_config(path).theme == Config().theme
    bad = tmp_path / "bad.toml"
    bad.write_text("minutes_folder = 3\n", encoding="utf-8")
    with pytest.raises(MeetuiError, match="minutes_folder"):
        load_config(bad)


def test_saving_keeps_what_meetui_does_not_manage(tmp_path: Path) -> None:
    """The theme saved from the palette must not drop the user's name, comments or other tables."""
    path = tmp_path / "config.toml"
    path.write_text(
        '# 我的配置\nuser = "李娜"\ntheme = "meetui-light"\n\n[keymap]\n# 翻页\n"live.next_topic" = "j"\n\n'
        "[other]\nx = 1\n",
        encoding="utf-8",
    )
    config = load_config(path)
    config.theme = "meetui-projector"
    config.minutes_folder = str(tmp_path / "纪要")
    config.keymap["live.parking"] = "o"
    save_config(path, config)
    text = path.read_text(encoding="utf-8")
    assert text.startswith('# 我的配置\nuser = "李娜"\ntheme = "meetui-projector"\n')
    assert "# 翻页" in text and "[other]\nx = 1" in text
    again = load_config(path)
    assert (again.theme, again.keymap, again.minutes_folder) == (
        "meetui-projector",
        {"live.next_topic": "j", "live.parking": "o"},
        str(tmp_path / "纪要"),
    )
    from meetui.ui.user import configured_user

    assert configured_user(path) == "李娜"


def test_a_config_that_is_not_toml_is_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("user = [\n", encoding="utf-8")
    with pytest.raises(MeetuiError, match="not valid TOML, so it is not changed"):
        save_config(path, Config(theme="meetui-light"))
    assert path.read_text(encoding="utf-8") == "user = [\n"
