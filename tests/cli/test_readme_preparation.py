"""The README's "Preparing a meeting" section: every shell example runs as written, the Markdown example reads."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from meetui.importers.agenda import read_agenda

from .conftest import REPO, Runner


def section() -> str:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    start = text.index("## Preparing a meeting")
    lines, fenced = [], False
    for line in text[start:].splitlines(keepends=True):
        fenced ^= line.startswith("```")
        if lines and line.startswith("## ") and not fenced:
            break  # the next section (a heading inside an example does not count)
        lines.append(line)
    return "".join(lines)


def blocks(kind: str) -> list[str]:
    return re.findall(rf"```{kind}\n(.*?)```", section(), re.DOTALL)


def test_the_shell_examples_run_as_written(sub: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shlex

    [script] = blocks("sh")
    for line in script.strip().splitlines():
        args = shlex.split(line)
        assert args[0] == "meetui"
        args = [str(tmp_path / a) if a.endswith(".ics") else a for a in args[1:]]
        result = sub(*args, env={"MEETUI_CONFIG": str(tmp_path / "config")})
        if args[0] == "check":  # the owners of the template's topics are still to be named
            assert result.code == 1 and "warning: topic 2 (未完成行动项) has no owner" in result.out
            assert "warning: topic 1 (发布风险) has no owner" not in result.out
        else:
            assert result.code == 0, (line, result.err)
    assert (tmp_path / "weekly.ics").read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")


def test_the_markdown_example_is_an_agenda(tmp_path: Path) -> None:
    [example] = blocks("markdown")
    path = tmp_path / "议程.md"
    path.write_text(example, encoding="utf-8")
    fields = read_agenda(path, "Asia/Shanghai")
    assert fields["title"] == "会员积分需求对接会" and fields["host"] == "王芳"
    assert [t["title"] for t in fields["topics"]] == ["一期范围", "验收标准"]
    assert fields["attendees"] == [
        {"name": "王芳", "department": "产品部", "role": "decision-maker", "attendance": "confirmed"}
    ]


def test_the_refusal_quoted_is_the_one_given(tmp_path: Path) -> None:
    quoted = re.search(r"`(agenda\.json line .*?)`", section(), re.DOTALL)[1].replace("\n", " ")
    path = tmp_path / "agenda.json"
    path.write_text(
        '{\n  "title": "Q3",\n  "topics": [{"title": "Budget",\n     "planned_minutes": null}]}\n', encoding="utf-8"
    )
    with pytest.raises(Exception) as caught:
        read_agenda(path)
    assert str(caught.value) == quoted
