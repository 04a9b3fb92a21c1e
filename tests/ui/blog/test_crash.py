"""A real crash: Desk runs under Xvfb as a user would start it, text is typed into it with
xdotool, and the process is killed with SIGKILL 2.5 s after the last keystroke. The text
must be on disk, no temporary file may be left, and the next Desk takes over the dead
one's lock. Skipped without Xvfb and xdotool, unless DESK_REQUIRE_X=1 (CI), which fails."""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from desk.core.storage.atomic import TEMP_PREFIX
from desk.core.storage.lock import LOCK_FILE, BlogLock
from desk.core.storage.store import BlogStore
from tests.desk_run import DESK
from tests.ui.helpers import make_blog

pytestmark = pytest.mark.slow

SENTENCE = "The sea wall held overnight and the pumps kept the lower town dry."
NOW = "2025-03-14T13:03:00Z"
PR_SET_PDEATHSIG = 1


def no_x(reason: str) -> None:
    if os.environ.get("DESK_REQUIRE_X") == "1":
        pytest.fail(f"DESK_REQUIRE_X=1 but {reason}")
    pytest.skip(reason)


def die_with_parent() -> None:
    """In the child: end when the test process ends, even if it is killed (a timeout),
    so that no Xvfb outlives the run."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def free_display() -> int:
    for number in range(90, 200):
        if (
            not Path(f"/tmp/.X{number}-lock").exists()
            and not Path(f"/tmp/.X11-unix/X{number}").exists()
        ):
            return number
    no_x("no free X display number")
    raise AssertionError("unreachable")


@pytest.fixture
def display() -> Iterator[str]:
    """A running Xvfb server's display name."""
    for tool in ("Xvfb", "xdotool"):
        if shutil.which(tool) is None:
            no_x(f"{tool} is not installed")
    number = free_display()
    server = subprocess.Popen(
        ["Xvfb", f":{number}", "-screen", "0", "1280x900x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        preexec_fn=die_with_parent,
    )
    socket = Path(f"/tmp/.X11-unix/X{number}")
    deadline = time.monotonic() + 10
    while not socket.exists() and server.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    if not socket.exists():
        server.kill()
        error = server.communicate()[1].decode(errors="replace").strip()
        no_x(f"Xvfb could not start on :{number}: {error[-300:]}")
    try:
        yield f":{number}"
    finally:
        server.terminate()
        try:
            server.wait(5)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def start_desk(blog: Path, display: str) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "DISPLAY": display,
        "QT_QPA_PLATFORM": "xcb",
        "DESK_NOW": NOW,
        "DESK_TRACE_STARTUP": "1",
    }
    env.pop("WAYLAND_DISPLAY", None)
    return subprocess.Popen(
        [str(DESK), "open", str(blog)],
        preexec_fn=die_with_parent,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def xdotool(display: str, *args: str, timeout: float = 20) -> str:
    result = subprocess.run(
        ["xdotool", *args],
        env={**os.environ, "DISPLAY": display},
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, f"xdotool {' '.join(args)}: {result.stderr}"
    return result.stdout


def wait_for_paint(process: subprocess.Popen[str]) -> None:
    """Until Desk says it painted its window (DESK_TRACE_STARTUP), or fail with its stderr."""
    assert process.stderr is not None
    seen = []
    for line in process.stderr:
        seen.append(line)
        if "desk: first paint" in line:
            return
    process.wait()
    raise AssertionError(f"Desk exited ({process.returncode}) before painting: {''.join(seen)}")


def window_of(display: str, process: subprocess.Popen[str]) -> str:
    found = xdotool(display, "search", "--sync", "--onlyvisible", "--pid", str(process.pid))
    return found.split()[0]


def kill(process: subprocess.Popen[str]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGKILL)
    process.wait(10)


def test_text_typed_survives_sigkill_and_the_next_desk_takes_over(
    display: str, isolated_home: Path
) -> None:
    blog = make_blog(isolated_home / "drafts")
    desk = start_desk(blog, display)
    try:
        wait_for_paint(desk)
        window = window_of(display, desk)
        xdotool(display, "windowfocus", "--sync", window)
        xdotool(display, "key", "--clearmodifiers", "ctrl+n")  # a new update, cursor in its body
        time.sleep(0.3)
        xdotool(display, "type", "--delay", "15", SENTENCE)
        time.sleep(2.5)
        assert desk.poll() is None, "Desk exited by itself"
        desk.send_signal(signal.SIGKILL)
        desk.wait(10)
    finally:
        kill(desk)
    assert desk.returncode == -signal.SIGKILL

    store, reopened = BlogStore.open(blog)
    bodies = [e.body for e in reopened.entries.values()]
    assert SENTENCE in bodies, bodies
    assert store.problems == []
    assert [p.name for p in blog.rglob(f"{TEMP_PREFIX}*")] == []
    assert BlogLock(blog).holder() is not None  # the dead process's lock is still there

    again = start_desk(blog, display)
    try:
        wait_for_paint(again)
        holder = BlogLock(blog).holder()
        assert holder is not None and holder.pid == again.pid  # taken over, not read-only
        title = xdotool(display, "getwindowname", window_of(display, again))
        assert "read-only" not in title
    finally:
        kill(again)
    assert (blog / LOCK_FILE).exists()
