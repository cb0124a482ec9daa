"""Property tests: whatever people type, the HTML escapes it and the Markdown and text tables stay intact.

Hostile text (``<script>``, ``&``, quotes, ``|``, newlines, very long words,
emoji, Chinese, Markdown punctuation) goes into every field the minutes show.
The rendered structure must then be exactly that of the same meeting with
harmless text, and every piece of user text must come back out unchanged.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from meetui.core.clock import FrozenClock, SequentialIds
from meetui.core.meeting import LiveMeeting, new_meeting
from meetui.core.models import _LINE_BREAKS, NoteKind
from meetui.core.text import cell_width
from meetui.export import build_minutes, render
from meetui.export.text import wrap

FRAGMENTS = [
    "<script>alert('x')</script>",
    "<img src=x onerror=alert(1)>",
    "&",
    "&amp;",
    "&#60;",
    '"',
    "'",
    "|",
    "||",
    "\n",
    "\r\n",
    "\\",
    "`",
    "**",
    "_",
    "~~",
    "[a](javascript:alert(1))",
    "# ",
    "- ",
    "1. ",
    "> ",
    "---",
    "<br>",
    "</td>",
    "-->",
    "x" * 120,
    "😀",
    "👩‍💻",
    "会议纪要",
    "负责人：王芳",
    "（",
    "）",
    "\t",
    " ",
]
ALPHABET = st.characters(blacklist_categories=("Cs", "Cc"))
HOSTILE = (
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(ALPHABET, max_size=8)), min_size=1, max_size=6)
    .map("".join)
    .map(lambda s: s[:150])
    .filter(lambda s: s.strip() != "")
)


def meeting_with(texts: list[str]):
    """An ended meeting whose every user-typed field holds one of ``texts`` (names made unique)."""

    def t(i: int) -> str:
        return texts[i % len(texts)]

    def line(i: int) -> str:  # titles and names are one line (meetui.core.models.Title, Name)
        return "".join(" " if char in _LINE_BREAKS else char for char in t(i)).strip() or "x"

    clock = FrozenClock("2026-11-20T10:00:00+08:00", tz="Asia/Shanghai")
    ids = SequentialIds("h")
    people = [f"{line(i)}·{i}" for i in range(4)]
    meeting = new_meeting(
        line(0),
        clock,
        ids,
        timezone="Asia/Shanghai",
        scheduled_start="2026-11-20T10:00:00+08:00",
        goal=t(1),
        place=t(2),
        host=people[0],
        note_taker=people[1],
        attendees=[{"name": name, "department": line(i + 3)} for i, name in enumerate(people)],
        topics=[
            {"title": line(5), "owner": people[0], "goal": t(6), "planned_minutes": 10},
            {"title": line(7), "owner": people[1], "planned_minutes": 5},
        ],
    )
    live = LiveMeeting(meeting, clock, ids, actor=people[1])
    live.mark(people[0], "present")
    live.mark(people[1], "present")
    live.mark(people[2], "absent", reason=t(8))
    live.mark(people[3], "proxy", proxy=line(9)[:100], reason=t(10))
    live.start()
    for index, kind in enumerate(NoteKind):
        clock.advance(minutes=1)
        live.add_note(t(11 + index), kind, author=people[index % 2], owner=people[2])
    clock.advance(minutes=1)
    live.add_note("https://example.com/a?b=1&c=<2> " + t(20), NoteKind.LINK, author=people[0])
    decision = live.propose_decision(t(21)).records[0]
    live.object(decision.id, people[2], t(22))
    live.revise(decision.id, t(23))
    live.vote(decision.id, 2, 1, 0)  # the room holds 3 votes: two present, one by proxy
    live.amend(decision.id, t(24), reason=t(25))
    live.add_action(t(26), people[2], due="2026-12-01", deliverable=t(27), priority="high")
    live.set_action_status(live.meeting.actions[0].id, "blocked", note=t(28))
    live.park(t(29), raised_by=people[1], owner=people[0])
    clock.advance(minutes=3)
    live.next_topic()
    clock.advance(minutes=2)
    live.end(next_checkpoint="2026-12-04")
    return build_minutes(live.meeting, clock.now())


def harmless(texts: list[str]) -> list[str]:
    return [f"x{i}" for i in range(len(texts))]


def lines_of(text: str) -> str:
    return re.sub(r"\r\n?", "\n", text)


# -- HTML ---------------------------------------------------------------------------------

ALLOWED_TAGS = {
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "p",
    "strong",
    "br",
    "ul",
    "li",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
    "a",
}
ALLOWED_ATTRS = {"lang", "charset", "http-equiv", "content", "name", "class", "scope", "href", "rel"}


class Structure(HTMLParser):
    """Records the tags (without ``br``) and the text, ``br`` read as a newline."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attrs += attrs
        if tag == "br":
            self.text.append("\n")
        else:
            self.tags.append(tag)

    def handle_endtag(self, tag: str) -> None:
        self.tags.append("/" + tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse_html(page: str) -> Structure:
    parser = Structure()
    parser.feed(page)
    parser.close()
    return parser


#: Each example builds and renders two whole meetings: no per-example deadline on a shared, busy machine.
@settings(deadline=None)
@given(st.lists(HOSTILE, min_size=3, max_size=8), st.sampled_from(["en", "zh"]))
def test_html_escapes_everything_people_type(texts: list[str], lang: str) -> None:
    page = render(meeting_with(texts), "html", lang)
    parsed = parse_html(page)
    assert set(t.lstrip("/") for t in parsed.tags) <= ALLOWED_TAGS
    assert {name for name, _ in parsed.attrs} <= ALLOWED_ATTRS
    assert all(value.startswith("https://") for name, value in parsed.attrs if name == "href" and value)
    assert parsed.tags == parse_html(render(meeting_with(harmless(texts)), "html", lang)).tags
    shown = "".join(parsed.text)
    for text in texts:
        for line in lines_of(text.strip()).split("\n"):
            assert line in shown


# -- Markdown -------------------------------------------------------------------------------


def markdown_shape(page: str) -> tuple[list[str], list[str]]:
    """Block token types, and inline token types other than text and ``<br>`` (raw HTML is refused)."""
    tokens = MarkdownIt("gfm-like", {"linkify": False}).parse(page)
    blocks = [token.type for token in tokens]
    inline: list[str] = []
    for token in tokens:
        for child in token.children or []:
            if child.type == "html_inline":
                assert child.content == "<br>", f"raw HTML got through: {child.content!r}"
            elif child.type != "text":
                inline.append(child.type)
    return blocks, inline


def markdown_text(page: str) -> str:
    out: list[str] = []
    for token in MarkdownIt("gfm-like", {"linkify": False}).parse(page):
        for child in token.children or []:
            out.append("\n" if child.type in {"html_inline", "softbreak", "hardbreak"} else child.content)
        out.append("\n")
    return "".join(out)


@settings(deadline=None)
@given(st.lists(HOSTILE, min_size=3, max_size=8), st.sampled_from(["en", "zh"]))
def test_markdown_structure_survives_anything_people_type(texts: list[str], lang: str) -> None:
    page = render(meeting_with(texts), "md", lang)
    assert markdown_shape(page) == markdown_shape(render(meeting_with(harmless(texts)), "md", lang))
    shown = markdown_text(page)
    for text in texts:
        for line in lines_of(text.strip()).split("\n"):
            assert line.strip() in shown


# -- plain text ------------------------------------------------------------------------------


def column_starts(rule: str) -> list[int]:
    """Cell offsets where each column starts, read from a table's ``----  ----`` rule."""
    return [m.start() for m in re.finditer(r"-+", rule)]


def starts_at(line: str, offset: int) -> bool:
    """Whether a character begins exactly at cell ``offset`` (no wide character straddles it)."""
    position = 0
    for char in line:
        if position >= offset:
            break
        position += cell_width(char)
    return position == offset or position < offset  # past the end of a right-stripped line is fine


@settings(deadline=None)
@given(st.lists(HOSTILE, min_size=3, max_size=8), st.sampled_from(["en", "zh"]))
def test_plain_text_columns_stay_aligned(texts: list[str], lang: str) -> None:
    page = render(meeting_with(texts), "txt", lang)
    assert "\t" not in page and "\r" not in page  # they would break the columns in a real terminal
    lines = page.split("\n")
    for index, line in enumerate(lines):
        if not re.fullmatch(r"-+(  -+)+", line):
            continue
        starts = column_starts(line)
        block = []
        for other in lines[index - 1 :]:
            if not other.strip():
                break
            block.append(other)
        for row in block:
            for start in starts[1:]:
                assert starts_at(row, start), f"column at {start} is broken in {row!r}"
                prefix = _prefix(row, start)
                assert prefix is None or prefix.endswith("  ") or prefix.strip() == "", row


def _prefix(line: str, offset: int) -> str | None:
    position, out = 0, []
    for char in line:
        if position >= offset:
            return "".join(out)
        out.append(char)
        position += cell_width(char)
    return None


@given(st.text(ALPHABET, max_size=80), st.integers(min_value=2, max_value=30))
def test_wrapping_never_loses_text_or_overflows(text: str, width: int) -> None:
    wrapped = wrap(text, width)
    assert all(cell_width(line) <= width for line in wrapped)
    assert "".join("".join(wrapped).split()) == "".join(text.split())


def test_plain_text_turns_every_control_character_into_a_space_and_keeps_line_breaks() -> None:
    import unicodedata

    from meetui.export.text import clean

    controls = [chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) == "Cc" and chr(c) not in "\r\n"]
    assert clean("会议" + "".join(controls) + "纪要") == "会议" + " " * len(controls) + "纪要"
    assert clean("第一行\r\n第二行\r第三行\n第四行") == "第一行\n第二行\n第三行\n第四行"
    assert clean("零宽\u200b连接\u200d表情\ufe0f") == "零宽\u200b连接\u200d表情\ufe0f"  # not controls: kept


@given(st.text())
def test_cell_width_counts_each_character_as_its_own_width(text: str) -> None:
    assert cell_width(text) == sum(cell_width(char) for char in text)
    assert cell_width(text.encode("ascii", "ignore").decode()) == len(text.encode("ascii", "ignore"))
