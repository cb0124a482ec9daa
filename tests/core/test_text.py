"""Text helpers that respect wide characters: widths, padding, tables and slugs."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from meetui.core.text import LazyPattern, cell_width, pad, slugify, table, truncate


def test_cell_width_counts_wide_characters_twice() -> None:
    assert cell_width("李娜") == 4
    assert cell_width("Q3 发布") == 7
    assert cell_width("ＡＢ") == 4  # full-width letters
    assert cell_width("e\u0301") == 1  # a combining accent takes no cell
    assert cell_width("") == 0


def test_pad_aligns_by_cells() -> None:
    assert pad("李娜", 6) == "李娜  "
    assert pad("李娜", 6, ">") == "  李娜"
    assert pad("发布日期", 3) == "发布日期"  # never cuts


def test_truncate_respects_cells() -> None:
    assert truncate("跨部门协调会议纪要", 9) == "跨部门协…"
    assert cell_width(truncate("跨部门协调会议纪要", 9)) <= 9
    assert truncate("短", 9) == "短"


def test_table_columns_line_up_in_cells() -> None:
    text = table(
        [["李娜", "研发部", "整理需求清单"], ["Priya Nair", "R&D", "send the draft"]], ["OWNER", "DEPT", "TASK"]
    )
    lines = text.splitlines()
    assert lines[0] == "OWNER       DEPT    TASK"
    assert lines[1] == "----------  ------  --------------"
    assert lines[2] == "李娜        研发部  整理需求清单"
    assert lines[3] == "Priya Nair  R&D     send the draft"
    # the third column starts at the same cell on every line
    starts = {cell_width(line[: line.index(word)]) for line, word in zip(lines[2:], ["整理", "send"], strict=True)}
    assert starts == {20}


def test_slugify_keeps_chinese() -> None:
    assert (
        slugify("Q3 产品发布跨部门协调会 / Q3 launch coordination") == "q3-产品发布跨部门协调会-q3-launch-coordination"
    )
    assert slugify("需求对接会：会员积分！") == "需求对接会-会员积分"
    assert slugify("！！！") == "meeting"
    assert len(slugify("长" * 100)) == 48


wide_text = st.text(alphabet=st.sampled_from(list("李娜陈刚发布会议ab c-1：，ＡＺ")), max_size=20)


@given(wide_text, st.integers(0, 60), st.sampled_from(["<", ">"]))
def test_padded_text_has_exactly_the_width(text: str, width: int, align: str) -> None:
    padded = pad(text, width, align)
    assert cell_width(padded) == max(width, cell_width(text))
    assert padded.strip(" ") == text.strip(" ")


@given(wide_text, st.integers(1, 40))
def test_truncated_text_fits(text: str, width: int) -> None:
    assert cell_width(truncate(text, width)) <= width


PATTERNS = [
    (r"^#(\w+)(?:[ \t]+|$|(?=\W))(.*)$", re.DOTALL),
    (r"(?:(?<=\s)|^)(?:by|due)\s+|截止(?:到|于)?[:：]?\s*", re.IGNORECASE),
    (r"^(\d{1,2})[-/.月](\d{1,2})[日号]?$", 0),
]


def spans(match: re.Match[str] | None) -> tuple[tuple[int, int], ...] | None:
    return None if match is None else tuple(match.span(n) for n in range(match.re.groups + 1))


@given(
    st.sampled_from(PATTERNS),
    st.text(alphabet="#截止到于:：by due 12月3日号/-.\t\n王芳Ab", max_size=30),
    st.integers(0, 35),
    st.integers(0, 35),
)
def test_a_lazy_pattern_answers_as_the_compiled_one(pattern: tuple[str, int], text: str, pos: int, end: int) -> None:
    lazy, compiled = LazyPattern(*pattern), re.compile(*pattern)
    assert spans(lazy.match(text)) == spans(compiled.match(text))
    assert spans(lazy.match(text, pos, end)) == spans(compiled.match(text, pos, end))
    assert spans(lazy.fullmatch(text, pos)) == spans(compiled.fullmatch(text, pos))
    assert spans(lazy.search(text, pos, end)) == spans(compiled.search(text, pos, end))
    assert [spans(m) for m in lazy.finditer(text)] == [spans(m) for m in compiled.finditer(text)]


def test_a_lazy_pattern_is_compiled_once_at_its_first_use() -> None:
    lazy = LazyPattern(r"^(\d+)天后$")
    assert "compiled" not in vars(lazy)
    assert lazy.match("3天后")[1] == "3"  # type: ignore[index]
    first = lazy.compiled
    assert lazy.search("过了 10天后") is None and lazy.compiled is first


def test_a_broken_lazy_pattern_fails_where_it_is_used() -> None:
    lazy = LazyPattern(r"(未闭合")  # no error when it is defined
    with pytest.raises(re.error):
        lazy.match("未闭合")
