"""Minutes as one self-contained, print-friendly HTML file.

Every piece of user text goes through :func:`html.escape` (quotes included);
links are emitted only for http(s) URLs, with the ``href`` escaped too. A
Content-Security-Policy forbids scripts and remote resources, so even a
mistake here could not run code or fetch anything.
"""

from __future__ import annotations

import re
from html import escape

from .document import Block, Break, Bullets, Heading, Link, Paragraph, Rich, Strong, Table, Text

_NEWLINES = re.compile(r"\r\n?|\n")

STYLE = """
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC", "PingFang SC",
       "Microsoft YaHei", sans-serif; color: #1b1f24; background: #fff; line-height: 1.5;
       max-width: 70rem; margin: 2rem auto; padding: 0 1.5rem; }
h1 { font-size: 1.6rem; border-bottom: 2px solid #1b1f24; padding-bottom: .3rem; }
h2 { font-size: 1.3rem; margin-top: 2rem; border-bottom: 1px solid #c9ced6; padding-bottom: .2rem; }
h3 { font-size: 1.1rem; margin-top: 1.5rem; }
h4 { font-size: 1rem; margin: 1.2rem 0 .4rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .92rem; }
th, td { border: 1px solid #aab1bb; padding: .35rem .5rem; text-align: left; vertical-align: top;
         overflow-wrap: break-word; word-break: normal; hyphens: manual; }
th { background: #eef1f5; white-space: nowrap; }
td.short { white-space: nowrap; }
table.facts td:first-child { white-space: nowrap; width: 1%; }
td.num, th.num { text-align: right; white-space: nowrap; }
tfoot td { font-weight: 600; background: #f6f7f9; }
ul { margin: .2rem 0 .8rem; padding-left: 1.4rem; }
p { margin: .4rem 0; overflow-wrap: anywhere; }
li { overflow-wrap: anywhere; }
.draft { border: 2px solid #b3261e; color: #b3261e; padding: .5rem .8rem; }
.footer { margin-top: 2rem; color: #59636e; font-size: .85rem; }
a { color: #0b57d0; }
@media print {
  @page { margin: 15mm; }
  body { max-width: none; margin: 0; padding: 0; font-size: 10.5pt; }
  h2, h3, h4 { break-after: avoid; }
  tr, li { break-inside: avoid; }
  thead { display: table-header-group; }
  a { color: inherit; text-decoration: none; }
  a::after { content: " (" attr(href) ")"; font-size: .85em; color: #59636e; }
}
"""

_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"


def text(value: str) -> str:
    """Escape user text for HTML; its line breaks become ``<br>``."""
    return _NEWLINES.sub("<br>", escape(value, quote=True))


def inline(content: Rich) -> str:
    out: list[str] = []
    for run in content:
        if isinstance(run, Text):
            out.append(text(run.value))
        elif isinstance(run, Strong):
            out.append(f"<strong>{text(run.value)}</strong>")
        elif isinstance(run, Link):
            if run.url.lower().startswith(("http://", "https://")):
                out.append(f'<a href="{escape(run.url, quote=True)}" rel="noopener noreferrer">{text(run.text)}</a>')
            else:
                out.append(text(run.text))
        elif isinstance(run, Break):
            out.append("<br>")
    return "".join(out)


def _classes(index: int, block: Table) -> str:
    names = [name for name, columns in (("num", block.numeric), ("short", block.short)) if index in columns]
    return f' class="{" ".join(names)}"' if names else ""


def _cells(tag: str, cells: list[str], block: Table) -> str:
    return "".join(f"<{tag}{_classes(i, block)}>{c}</{tag}>" for i, c in enumerate(cells))


def table(block: Table) -> str:
    """A table; headers and short columns (ids, dates, states) never wrap, and no column breaks inside a word."""
    head = (
        "<tr>"
        + "".join(
            f'<th scope="col" class="num">{text(h)}</th>' if i in block.numeric else f'<th scope="col">{text(h)}</th>'
            for i, h in enumerate(block.headers)
        )
        + "</tr>"
    )
    body = "\n".join(f"<tr>{_cells('td', [inline(c) for c in row], block)}</tr>" for row in block.rows)
    foot = ""
    if block.footer:
        foot = f"\n<tfoot><tr>{_cells('td', [inline(c) for c in block.footer], block)}</tr></tfoot>"
    kind = f' class="{block.kind}"' if block.kind else ""
    return f"<table{kind}>\n<thead>{head}</thead>\n<tbody>\n{body}\n</tbody>{foot}\n</table>"


def render_blocks(blocks: list[Block], *, title: str, lang: str) -> str:
    """The blocks as a complete HTML document."""
    parts: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            parts.append(f"<h{block.level}>{inline(block.content)}</h{block.level}>")
        elif isinstance(block, Paragraph):
            style = f' class="{block.style}"' if block.style else ""
            parts.append(f"<p{style}>{inline(block.content)}</p>")
        elif isinstance(block, Bullets):
            parts.append("<ul>\n" + "\n".join(f"<li>{inline(item)}</li>" for item in block.items) + "\n</ul>")
        elif isinstance(block, Table):
            parts.append(table(block))
    html_lang = "zh-CN" if lang == "zh" else "en"
    body = "\n".join(parts)
    return (
        f'<!DOCTYPE html>\n<html lang="{html_lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="meetui">\n'
        f"<title>{escape(' '.join(title.split()), quote=True)}</title>\n<style>{STYLE}</style>\n</head>\n"
        f"<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    )
