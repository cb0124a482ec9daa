"""``meetui follow MEETING --web``: the read-only view served to browsers behind a token.

The server is the real command (a subprocess on 127.0.0.1, a free port);
the browser is Debian's headless Chromium driven over the DevTools protocol,
or, where only the terminal's output matters, a websocket client doing what
the page's terminal does. Each test is bounded: waits have deadlines.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import re
import shlex
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from meetui.core.clock import FrozenClock
from meetui.core.meeting import LiveMeeting
from meetui.store import Store

from .chromium import Chromium, Page, chromium_path
from .conftest import Served, TerminalClient, meetui_command, needs_chromium, needs_web, start_server, view_processes

pytestmark = [pytest.mark.browser, needs_web]

TITLE = "Q3 产品发布跨部门协调会"


def fetch(url: str, headers: dict[str, str] | None = None) -> tuple[int, str]:
    """GET ``url``: the status and the body."""
    import urllib.error
    import urllib.request

    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - 127.0.0.1 only
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


def commit(store: Store, meeting_id: str, clock: FrozenClock, operation) -> None:  # noqa: ANN001
    """Change the stored meeting as a host's process would."""
    live = LiveMeeting(store.load(meeting_id), clock)  # random ids: each commit is a new process
    store.commit(live.meeting, operation(live))


# -- the token and the address -------------------------------------------------------------------------------


def test_the_page_needs_its_token(served: Served) -> None:
    status, body = fetch(served.url)
    assert status == 200 and f"<title>{TITLE}" in body
    assert fetch(served.base + "/")[0] == 403
    assert fetch(served.base + "/?token=" + "x" * len(served.token))[0] == 403
    assert fetch(f"{served.base}/s/{served.token}/static/js/textual.js")[0] == 200
    assert fetch(f"{served.base}/s/wrong-token-here/static/js/textual.js")[0] == 403
    assert fetch(f"{served.base}/static/js/textual.js")[0] == 403
    assert fetch(f"{served.base}/ws")[0] == 403


def test_it_prints_the_link_and_the_ssh_forwarding_and_listens_on_loopback_only(served: Served) -> None:
    assert served.url == f"http://127.0.0.1:{served.port}/?token={served.token}" and len(served.token) >= 16
    assert any(f"ssh -L {served.port}:127.0.0.1:{served.port} " in line for line in served.err_lines)
    listening = served_addresses(served.process.pid)
    assert listening == {("127.0.0.1", served.port)}


def served_addresses(pid: int) -> set[tuple[str, int]]:
    """The TCP addresses process ``pid`` listens on (from /proc)."""
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        target = str(fd.readlink()) if fd.is_symlink() else ""
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if fields[3] == "0A" and fields[9] in inodes:  # 0A: LISTEN
                address, port = fields[1].split(":")
                host = ".".join(str(int(address[i : i + 2], 16)) for i in (6, 4, 2, 0)) if len(address) == 8 else "v6"
                found.add((host, int(port, 16)))
    return found


def test_a_page_from_elsewhere_cannot_reach_the_view(served: Served) -> None:
    """DNS rebinding (another Host name) and a websocket from another site's page are refused."""
    assert fetch(served.url, {"Host": f"attacker.example:{served.port}"})[0] == 403
    assert fetch(served.url, {"Host": f"localhost:{served.port}"})[0] == 200

    async def connect(origin: str) -> int:
        import aiohttp

        async with aiohttp.ClientSession() as session:
            try:
                socket_ = await session.ws_connect(f"ws://127.0.0.1:{served.port}/s/{served.token}/ws", origin=origin)
            except aiohttp.WSServerHandshakeError as error:
                return error.status
            await socket_.close()
            return 101

    assert asyncio.run(connect("http://attacker.example")) == 403
    assert asyncio.run(connect(f"http://127.0.0.1:{served.port}")) == 101


def test_a_token_can_be_chosen(store: Store, meeting_id: str) -> None:
    served = start_server(store.root, meeting_id, "--token", "chosen-token-2026")
    try:
        assert served.url.endswith("?token=chosen-token-2026"), served.err_lines
        assert fetch(served.url)[0] == 200
    finally:
        assert served.stop() == 0


def test_no_token_is_allowed_on_loopback_only(store: Store, meeting_id: str) -> None:
    served = start_server(store.root, meeting_id, "--no-token")
    try:
        assert served.url == f"http://127.0.0.1:{served.port}/"
        assert fetch(served.base + "/")[0] == 200
    finally:
        served.stop()
    refused = subprocess.run(
        meetui_command(store.root, "follow", meeting_id, "--web", "--host", "0.0.0.0", "--no-token"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert refused.returncode == 2 and refused.stderr.count("\n") == 1 and "--no-token" in refused.stderr


def test_another_address_needs_host_and_is_warned_about(store: Store, meeting_id: str) -> None:
    """The warning comes before listening; a bound, never-listening socket makes the port busy (nothing exposed)."""
    with socket.socket() as blocker:
        blocker.bind(("0.0.0.0", 0))
        port = blocker.getsockname()[1]
        result = subprocess.run(
            meetui_command(store.root, "follow", meeting_id, "--web", "--host", "0.0.0.0", "--port", str(port)),
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert "warning: listening on 0.0.0.0" in result.stderr
    assert result.returncode == 1 and f"port {port} on 0.0.0.0 is in use" in result.stderr.splitlines()[-1]


def test_a_port_in_use_is_one_line_and_status_1(store: Store, meeting_id: str) -> None:
    with socket.socket() as blocker:
        blocker.bind(("127.0.0.1", 0))
        blocker.listen()
        port = blocker.getsockname()[1]
        result = subprocess.run(
            meetui_command(store.root, "follow", meeting_id, "--web", "--port", str(port)),
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr == f"meetui: port {port} on 127.0.0.1 is in use: choose another with --port\n"


@pytest.mark.parametrize("args", [["--port", "9000"], ["--token", "abcdefgh12"], ["--no-token"]])
def test_web_options_need_web(store: Store, meeting_id: str, args: list[str]) -> None:
    result = subprocess.run(
        meetui_command(store.root, "follow", meeting_id, *args), capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2 and result.stderr.strip().endswith("only with --web")


def test_a_short_token_is_a_usage_error(store: Store, meeting_id: str) -> None:
    result = subprocess.run(
        meetui_command(store.root, "follow", meeting_id, "--web", "--token", "abc"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2 and "8 to 128" in result.stderr and "Traceback" not in result.stderr


# -- the view ----------------------------------------------------------------------------------------------


async def test_each_connection_gets_its_own_view_and_ctrl_c_ends_them_all(store: Store, meeting_id: str) -> None:
    served = start_server(store.root, meeting_id)
    try:
        async with TerminalClient(served) as first, TerminalClient(served) as second:
            assert await first.wait_for(TITLE, 20) and await second.wait_for(TITLE, 20)
            assert len(view_processes(store.root)) == 2
            status = await asyncio.to_thread(served.stop)
            assert status == 0
        assert served.err_lines[-1] == "meetui: stopped serving; every browser's view was closed."
        assert not [line for line in served.err_lines if "Error" in line or "Traceback" in line]
    finally:
        served.stop()
    assert view_processes(store.root) == []


async def test_the_view_says_when_the_host_leaves_and_when_the_meeting_ends(
    served: Served, store: Store, meeting_id: str, clock: FrozenClock
) -> None:
    host = store.hold_live(meeting_id)  # this test is the host's process
    async with TerminalClient(served) as view:
        assert await view.wait_for("Following live", 20)
        host.release()
        assert await view.wait_for("The host has left", 5)
        commit(store, meeting_id, clock, lambda live: live.end())
        assert await view.wait_for("The meeting has ended", 5)


async def test_the_served_view_cannot_write_whatever_it_is_sent(served: Served, store: Store, meeting_id: str) -> None:
    """Keys that add a note, start the clock, end the meeting… in the live screen change nothing here."""
    path = store.meeting_path(meeting_id)
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    async with TerminalClient(served) as view:
        assert await view.wait_for(TITLE, 20)
        for keys in (
            "i",
            "不应写入的笔记",
            "\r",
            " ",
            "n",
            "+",
            "e",
            "\r",
            "a",
            "任务\t李娜\r",
            "\x10",
            "\x1b",
            "d",
            "\r",
            "k",
            "\r",
            "\x11",
        ):
            await view.type(keys)
            await asyncio.sleep(0.05)
        await view.socket.send_json(["resize", {"width": 60, "height": 20}])
        await asyncio.sleep(2)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
    assert "不应写入的笔记" not in " ".join(n.text for n in store.load(meeting_id).notes)


# -- in the browser ----------------------------------------------------------------------------------------


@contextlib.asynccontextmanager
async def browser_page() -> AsyncIterator[Page]:
    """A fresh headless Chromium's one tab, recording its network events."""
    browser = Chromium(chromium_path() or "")
    await browser.start()
    try:
        tab = await browser.page()
        try:
            await tab.send("Network.enable")
            await tab.send("Page.enable")
            yield tab
        finally:
            await tab.close()
    finally:
        await browser.stop()


async def open_view(page: Page, url: str, timeout: float = 30.0) -> None:
    """Open the link and wait until the terminal has drawn."""
    await page.send("Page.navigate", url=url)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if await page.evaluate("document.body !== null && document.body.classList.contains('-first-byte')"):
            return
        await asyncio.sleep(0.1)
    raise AssertionError("the terminal never drew")


async def wait_for_text(page: Page, text: str, timeout: float) -> float:
    """Seconds until the page's terminal received ``text`` (the deadline passed: an AssertionError)."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if text in page.received_text():
            return time.monotonic() - started
        await asyncio.sleep(0.05)
    raise AssertionError(f"{text!r} did not appear within {timeout} s")


async def wait_for_sent(page: Page, text: str, timeout: float) -> bool:
    """Whether the page's terminal sent ``text`` to the view (as keys) within ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if text in page.sent_text():
            return True
        await asyncio.sleep(0.05)
    return False


def distinct_colours(png: bytes) -> int:
    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        colours = image.convert("RGB").getcolors(maxcolors=1 << 20)
    return len(colours or [])


@needs_chromium
async def test_the_browser_shows_the_meeting_and_a_new_note_within_2_seconds(
    served: Served, store: Store, meeting_id: str, clock: FrozenClock
) -> None:
    async with browser_page() as page:
        await showing_the_meeting(page, served, store, meeting_id, clock)


async def showing_the_meeting(page: Page, served: Served, store: Store, meeting_id: str, clock: FrozenClock) -> None:
    await open_view(page, served.url)
    assert TITLE in await page.evaluate("document.title")
    assert TITLE in await page.evaluate("document.body.innerText + document.querySelector('h1').textContent")
    await wait_for_text(page, TITLE, 10)
    await wait_for_text(page, "研发：支付 SDK 升级延期两周", 10)
    await asyncio.sleep(0.5)
    assert distinct_colours(await page.screenshot()) > 8  # text in several colours, not a blank page

    commit(store, meeting_id, clock, lambda live: live.add_note("私下：预算可能砍半", private=True))
    commit(store, meeting_id, clock, lambda live: live.add_note("市场：发布会场地已确认"))
    await wait_for_text(page, "市场：发布会场地已确认", 2.0)
    assert "预算可能砍半" not in page.received_text()


@needs_chromium
async def test_keys_typed_in_the_browser_change_nothing(served: Served, store: Store, meeting_id: str) -> None:
    path = store.meeting_path(meeting_id)
    before = path.read_bytes()
    async with browser_page() as page:
        await open_view(page, served.url)
        await page.evaluate("document.querySelector('.xterm-helper-textarea').focus()")
        for key in ("i", "e", "a", "n", " "):
            await page.send("Input.dispatchKeyEvent", type="keyDown", key=key, text=key)
            await page.send("Input.dispatchKeyEvent", type="keyUp", key=key)
        await page.send("Input.insertText", text="浏览器里输入的笔记")
        await page.send(
            "Input.dispatchKeyEvent", type="keyDown", key="Enter", code="Enter", text="\r", windowsVirtualKeyCode=13
        )
        sent = await wait_for_sent(page, "浏览器里输入的笔记", 5)
        await asyncio.sleep(2)
    assert sent, "the keys never reached the view"
    assert path.read_bytes() == before


@needs_chromium
async def test_the_page_says_so_when_the_host_stops_serving(store: Store, meeting_id: str) -> None:
    served = start_server(store.root, meeting_id)
    try:
        async with browser_page() as page:
            await says_so_when_stopped(page, served)
    finally:
        served.stop()


async def says_so_when_stopped(page: Page, served: Served) -> None:
    await open_view(page, served.url)
    assert await asyncio.to_thread(served.stop) == 0
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and not await page.evaluate("document.body.classList.contains('-closed')"):
        await asyncio.sleep(0.1)
    shown = await page.evaluate("document.getElementById('closed').innerText")
    assert "This view has closed" in shown
    assert await page.evaluate("getComputedStyle(document.getElementById('closed')).display") == "flex"


def test_without_the_extra_web_says_how_to_install_it(store: Store, meeting_id: str) -> None:
    hide = (
        "import sys; sys.modules['textual_serve'] = None; from meetui.cli.main import main; "
        f"sys.exit(main(['--data', {str(store.root)!r}, 'follow', {meeting_id!r}, '--web']))"
    )
    result = subprocess.run([sys.executable, "-c", hide], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stderr == "meetui: --web needs the web extra: pip install 'meetui[web]'\n"


def test_the_readme_example_runs_as_written(store: Store, meeting_id: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """`meetui follow last --web` from the README: it serves on 127.0.0.1:8000, or says in one line that the port
    is taken (another program may hold 8000 on this machine)."""
    text = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## Watching in a browser") :]
    section = section[: section.index("\n## ", 3)]
    assert "`pip install 'meetui[web]'`" in section
    example = next(code for code in re.findall(r"`([^`]+)`", section) if code.startswith("meetui "))
    assert example == "meetui follow last --web"
    monkeypatch.setenv("MEETUI_DATA", str(store.root))
    process = subprocess.Popen(
        [sys.executable, "-m", "meetui.cli.main", *shlex.split(example)[1:]],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    served = Served(process)
    try:
        assert process.stdout is not None
        first = process.stdout.readline().strip()
        if first:
            assert re.fullmatch(r"http://127\.0\.0\.1:8000/\?token=[A-Za-z0-9_-]{16,}", first)
            assert fetch(first)[0] == 200
            assert served.stop() == 0
        else:
            assert process.wait(60) == 1
            assert process.stderr is not None
            assert process.stderr.read() == "meetui: port 8000 on 127.0.0.1 is in use: choose another with --port\n"
    finally:
        served.stop()


def test_the_server_side_imports_no_textual() -> None:
    """The server only starts view processes: Textual is loaded by those, never by the server."""
    probe = (
        "import sys; import meetui.cli.web_cmd, meetui.ui.web.server; "
        "print(sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.')))"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stdout.strip() == "[]", result.stderr
