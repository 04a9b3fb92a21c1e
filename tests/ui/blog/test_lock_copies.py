"""The lock names the folder it was taken for: a blog folder copied with its lock in it
is not held by anybody, and Desk takes the lock over and says so; SIGTERM and a normal
quit remove the lock."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desk.core.clock import FrozenClock
from desk.core.storage.front_matter import dump_yaml, load_yaml
from desk.core.storage.lock import LOCK_FILE, BlogLock
from desk.ui.shell.app import build_window
from tests.desk_run import RunDesk
from tests.ui.helpers import FAST, show

HOLD = (
    "import sys, pathlib\n"
    "from desk.core.storage.lock import BlogLock\n"
    "assert BlogLock(pathlib.Path(sys.argv[1])).acquire() is None\n"
    "print('locked', flush=True)\n"
    "sys.stdin.read()\n"
)


@pytest.fixture
def held(blog_path: Path) -> Iterator[Path]:
    """The blog, its lock held by another live Desk until the test ends."""
    process = subprocess.Popen([sys.executable, "-c", HOLD, str(blog_path)],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)  # fmt: skip
    assert process.stdout is not None and process.stdout.readline() == "locked\n"
    yield blog_path
    process.kill()
    process.wait()


def test_the_lock_names_its_folder(blog_path: Path) -> None:
    lock = BlogLock(blog_path)
    assert lock.acquire() is None
    data = load_yaml((blog_path / LOCK_FILE).read_text(), blog_path / LOCK_FILE)
    assert data["folder"] == str(blog_path.resolve())
    assert data["inode"] == blog_path.stat().st_ino
    lock.release()
    assert not (blog_path / LOCK_FILE).exists()


def test_a_live_lock_still_holds_its_own_folder(held: Path) -> None:
    lock = BlogLock(held)
    holder = lock.acquire()
    assert holder is not None and not lock.held
    assert holder.folder == str(held.resolve())


def test_a_copied_lock_is_taken_over_by_the_command_line(
    held: Path, tmp_path: Path, desk: RunDesk
) -> None:
    copy = tmp_path / "copy-of-the-blog"
    shutil.copytree(held, copy)
    assert (copy / LOCK_FILE).exists()
    run = desk("add", copy, stdin="From the copy.")
    assert run.code == 0, run.err
    (warning,) = run.err.splitlines()
    assert warning.startswith("desk: warning: took over a lock copied from ")
    assert str(held.resolve()) in warning and "not a lock of this blog" in warning
    assert not (copy / LOCK_FILE).exists()  # the command let its own lock go
    assert (held / LOCK_FILE).exists()  # the original's live lock is untouched
    assert "is open in another Desk" in desk("add", held, stdin="x").err


def test_a_copied_lock_is_taken_over_by_the_window(
    qtbot: QtBot, held: Path, tmp_path: Path, clock: FrozenClock
) -> None:
    copy = tmp_path / "copy-of-the-blog"
    shutil.copytree(held, copy)
    window = show(qtbot, build_window(copy, clock, **FAST))
    assert not window.safety.read_only
    message = window.status.currentMessage()
    assert message.startswith("Took over a lock copied from ") and str(held.resolve()) in message
    holder = BlogLock(copy).holder()
    assert holder is not None and holder.pid == os.getpid()
    assert holder.inode == copy.stat().st_ino
    window.close()
    assert not (copy / LOCK_FILE).exists()


def test_a_moved_folder_keeps_its_live_lock(held: Path, tmp_path: Path) -> None:
    """Same inode, another path: the same folder, still held."""
    moved = tmp_path / "moved"
    held.rename(moved)
    try:
        assert BlogLock(moved).acquire() is not None
    finally:
        moved.rename(held)


def test_a_stale_copied_lock_from_another_computer_is_taken_over(
    blog_path: Path, clock: FrozenClock
) -> None:
    data = {"host": f"not-{socket.gethostname()}", "pid": 4242, "user": "ilse",
            "time": clock.now() - timedelta(hours=2), "folder": "/home/ilse/blogs/harbour",
            "inode": blog_path.stat().st_ino + 1}  # fmt: skip
    (blog_path / LOCK_FILE).write_text(dump_yaml(data), encoding="utf-8")
    lock = BlogLock(blog_path, clock)
    assert lock.acquire() is None  # no question to ask: it is not this folder's lock
    assert "/home/ilse/blogs/harbour" in lock.takeover_message()
    # a fresh lock from another computer is still respected, whatever it names
    data["time"] = clock.now()
    (blog_path / LOCK_FILE).write_text(dump_yaml(data), encoding="utf-8")
    assert BlogLock(blog_path, clock).acquire() is not None


def test_sigterm_closes_the_window_and_removes_the_lock(blog_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "DESK_NOW": "2025-03-14T13:03:00Z"}
    desk = Path(sys.executable).with_name("desk")
    process = subprocess.Popen([str(desk), "open", str(blog_path)], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
    try:
        lock = BlogLock(blog_path)
        for _ in range(600):  # waiting for the window to take the lock, not timing it
            holder = lock.holder()
            if holder is not None and holder.pid == process.pid:
                break
            assert process.poll() is None, process.communicate()
            time.sleep(0.1)
        else:
            pytest.fail("the window never took the lock")
        process.send_signal(signal.SIGTERM)
        _, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 0, err
    assert not (blog_path / LOCK_FILE).exists()
    assert "Traceback" not in err
