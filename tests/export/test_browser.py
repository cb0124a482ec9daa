"""The HTML minutes opened in a real browser: Debian's chromium, headless.

The page's DOM (``--dump-dom``) must contain the decisions and the action
items, in both languages, and a screenshot of it must not be blank.
"""

from __future__ import annotations

import json
import re
import shutil
import struct
import subprocess
import zlib
from html import unescape
from pathlib import Path

import pytest

from meetui.export import build_minutes, render

from .scenario import run_demo_meeting

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")


def chromium(profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        *args,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def demo_minutes():
    meeting, clock = run_demo_meeting()
    return build_minutes(meeting, clock.now())


def png_pixels(data: bytes) -> tuple[int, int, int, list[bytes]]:
    """Decode an 8-bit RGB or RGBA PNG (what chromium writes): width, height, channels, rows of raw pixels."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    position, chunks, header = 8, [], b""
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position : position + 8])
        body = data[position + 8 : position + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            chunks.append(body)
        position += 12 + length
    width, height, depth, colour = struct.unpack(">IIBB", header[:10])
    assert depth == 8 and colour in (2, 6), f"unexpected PNG format (depth {depth}, colour type {colour})"
    channels = 3 if colour == 2 else 4
    raw = zlib.decompress(b"".join(chunks))
    stride = width * channels
    rows: list[bytes] = []
    previous = bytearray(stride)
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for x in range(stride):
            left = line[x - channels] if x >= channels else 0
            up = previous[x]
            corner = previous[x - channels] if x >= channels else 0
            if kind == 1:
                line[x] = (line[x] + left) & 0xFF
            elif kind == 2:
                line[x] = (line[x] + up) & 0xFF
            elif kind == 3:
                line[x] = (line[x] + (left + up) // 2) & 0xFF
            elif kind == 4:
                guess = left + up - corner
                pa, pb, pc = abs(guess - left), abs(guess - up), abs(guess - corner)
                best = left if pa <= pb and pa <= pc else up if pb <= pc else corner
                line[x] = (line[x] + best) & 0xFF
        rows.append(bytes(line))
        previous = line
    return width, height, channels, rows


@needs_chromium
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_dom_holds_the_decisions_and_the_actions(demo_minutes, tmp_path: Path, lang: str) -> None:
    page = tmp_path / f"minutes.{lang}.html"
    page.write_text(render(demo_minutes, "html", lang), encoding="utf-8")
    result = chromium(tmp_path / "profile", "--dump-dom", page.as_uri())
    assert result.returncode == 0, result.stderr[-2000:]
    dom = unescape(result.stdout)
    decisions = [t.decision.text for t in demo_minutes.topics if t.decision is not None]
    assert len(decisions) == 4
    for text in decisions + [a.task for a in demo_minutes.actions]:
        assert text in dom
    assert ("行动项跟踪表" if lang == "zh" else "Action items") in dom
    assert "<script" not in result.stdout


@needs_chromium
def test_a_screenshot_of_the_minutes_is_not_blank(demo_minutes, tmp_path: Path) -> None:
    page = tmp_path / "minutes.html"
    page.write_text(render(demo_minutes, "html", "zh"), encoding="utf-8")
    shot = tmp_path / "minutes.png"
    result = chromium(
        tmp_path / "profile", "--hide-scrollbars", "--window-size=1000,1400", f"--screenshot={shot}", page.as_uri()
    )
    assert result.returncode == 0 and shot.is_file(), result.stderr[-2000:]
    width, height, channels, rows = png_pixels(shot.read_bytes())
    assert (width, height) == (1000, 1400)
    sample = [row[x : x + 3] for row in rows[::7] for x in range(0, len(row), channels * 11)]
    colours = set(sample)
    dark = sum(1 for p in sample if sum(p) < 200)
    assert len(colours) > 20, "the screenshot has almost no colours: blank page?"
    assert dark > len(sample) // 200, "hardly any dark (text) pixels on the page"


#: Measures, in the laid-out page, every word of the action table: a word whose characters sit on more than one
#: line was broken. Short cells (ids, dates, priorities) must sit on one line. The result goes into the DOM.
PROBE = r"""
<script>
(function () {
  const broken = [], wrapped = [];
  const lineCount = (range) => new Set(Array.from(range.getClientRects()).filter(r => r.width > 0)
                                            .map(r => Math.round(r.top))).size;
  for (const table of document.querySelectorAll("table.actions")) {
    for (const cell of table.querySelectorAll("th, td")) {
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const match of node.data.matchAll(/[^\s\u2e80-\u9fff\uff00-\uffef\u3000-\u303f]+/g)) {
          const range = document.createRange();
          range.setStart(node, match.index);
          range.setEnd(node, match.index + match[0].length);
          if (lineCount(range) > 1) broken.push(match[0]);
        }
      }
      if (cell.tagName === "TH" || cell.classList.contains("short")) {
        const range = document.createRange();
        range.selectNodeContents(cell);
        if (lineCount(range) > 1) wrapped.push(cell.textContent);
      }
    }
  }
  const out = document.createElement("pre");
  out.id = "probe";
  out.textContent = JSON.stringify({broken, wrapped, tables: document.querySelectorAll("table.actions").length,
                                    width: document.documentElement.clientWidth});
  document.body.appendChild(out);
})();
</script>
"""


def probed(page: str) -> str:
    """The page without its CSP (which forbids scripts, as it should) and with :data:`PROBE` at the end."""
    page = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>\n', "", page)
    return page.replace("</body>", PROBE + "</body>")


@needs_chromium
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_action_table_breaks_no_word_at_1200_px(demo_minutes, tmp_path: Path, lang: str) -> None:
    page = tmp_path / f"minutes.{lang}.html"
    page.write_text(probed(render(demo_minutes, "html", lang)), encoding="utf-8")
    result = chromium(tmp_path / "profile", "--window-size=1200,2000", "--hide-scrollbars", "--dump-dom", page.as_uri())
    assert result.returncode == 0, result.stderr[-2000:]
    found = re.search(r'<pre id="probe">(.*?)</pre>', result.stdout, re.DOTALL)
    assert found, "the probe did not run"
    report = json.loads(unescape(found.group(1)))
    assert report["tables"] == 1 and report["width"] == 1200
    assert report["broken"] == [], f"words broken across lines: {report['broken']}"
    assert report["wrapped"] == [], f"short cells wrapped: {report['wrapped']}"


@needs_chromium
def test_the_probe_sees_a_broken_word(demo_minutes, tmp_path: Path) -> None:
    """The probe itself: with the old style (break anywhere) in a narrow window, it reports broken words."""
    page = tmp_path / "minutes.html"
    html = probed(render(demo_minutes, "html", "en")).replace(
        "</style>", "td, th { overflow-wrap: anywhere; white-space: normal !important; }</style>"
    )
    page.write_text(html, encoding="utf-8")
    result = chromium(tmp_path / "profile", "--window-size=500,2000", "--dump-dom", page.as_uri())
    report = json.loads(unescape(re.search(r'<pre id="probe">(.*?)</pre>', result.stdout, re.DOTALL).group(1)))
    assert report["broken"] and report["wrapped"]
