"""One writer per blog: the window takes `.desk.lock`, keeps it fresh and lets it go; a blog
that another live Desk holds opens read-only and writes nothing; a dead process's lock is
taken over; a stale lock from another computer is broken only when the user says so."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from desk.core.clock import FrozenClock
from desk.core.storage.front_matter import dump_yaml
from desk.core.storage.lock import LOCK_FILE, BlogLock
from desk.ui.blog.lock import BreakLockDialog
from desk.ui.shell.app import build_window
from desk.ui.shell.window import MainWindow
from tests.ui.helpers import FAST, make_blog, show, snapshot

HOLD = (
    "import sys\n"
    "from desk.core.storage.lock import BlogLock\n"
    "lock = BlogLock(__import__('pathlib').Path(sys.argv[1]))\n"
    "assert lock.acquire() is None\n"
    "print('locked', flush=True)\n"
    "sys.stdin.read()\n"
)


@pytest.fixture
def other_desk(blog_path: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process that holds the blog's lock until its stdin closes."""
    process = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(blog_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None and process.stdout.readline() == "locked\n"
    yield process
    if process.poll() is None:
        process.kill()
    process.wait()


def open_window(qtbot: QtBot, blog: Path, clock: FrozenClock) -> MainWindow:
    return show(qtbot, build_window(blog, clock, **FAST))


def read_only_boxes() -> list[QMessageBox]:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QMessageBox) and w.isVisible() and w.windowTitle() == "Opened read-only"
    ]


def test_the_window_holds_the_lock_refreshes_it_and_lets_it_go(
    qtbot: QtBot, window: MainWindow, blog_path: Path, clock: FrozenClock, isolated_home: Path
) -> None:
    holder = BlogLock(blog_path).holder()
    assert holder is not None and holder.pid == os.getpid()
    assert holder.time == clock.now()
    assert window.safety._refresher.interval() == 60_000
    assert window.safety._refresher.isActive()

    clock.advance(minutes=1)
    window.safety._refresher.timeout.emit()
    holder = BlogLock(blog_path).holder()
    assert holder is not None and holder.time == clock.now()

    other = make_blog(isolated_home / "elsewhere")
    assert window.open_blog(other)  # switching blogs moves the lock
    assert not (blog_path / LOCK_FILE).exists()
    assert (other / LOCK_FILE).exists()
    assert not window.safety.read_only

    window.close()
    assert not (other / LOCK_FILE).exists()


def test_a_blog_held_by_another_desk_opens_read_only_and_writes_nothing(
    qtbot: QtBot,
    other_desk: subprocess.Popen[str],
    blog_path: Path,
    clock: FrozenClock,
) -> None:
    before = snapshot(blog_path)
    window = open_window(qtbot, blog_path, clock)

    assert window.safety.read_only
    assert window.model is not None and len(window.model.blog.entries) == 4  # all readable
    banner = window.safety.banner
    assert banner.isVisible()
    assert f"process {other_desk.pid}" in banner.text.text()
    assert "(read-only)" in window.windowTitle()
    assert window.status.save_state.text() == "Read-only"
    boxes = read_only_boxes()
    assert len(boxes) == 1 and f"process {other_desk.pid}" in boxes[0].text()

    actions = window.desk_actions
    window.select_entry("upd1958")
    for name in ("new_update", "stamp_now", "toggle_status", "delete", "move_up", "sort",
                 "trash", "preferences", "save_as", "entry_history"):  # fmt: skip
        assert actions[name].isEnabled() == (name in ("save_as", "entry_history")), name
    assert actions["export_html"].isEnabled() and actions["find"].isEnabled()
    editor = window.editor
    assert editor.body.isReadOnly() and editor.headline.isReadOnly()
    assert editor.time_edit.isReadOnly() and not editor.status.isEnabled()
    assert not window.timeline.dragEnabled()

    editor.body.setFocus()
    qtbot.keyClicks(editor.body, "typed anyway")
    qtbot.keyClick(window.timeline, Qt.Key.Key_Delete)  # not an action: the store refuses
    qtbot.keyClick(window.timeline, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(200)
    assert "typed anyway" not in editor.body.toPlainText()
    assert window.model.blog.order == ["upd1958", "upd1712", "upd1530", "orig001"]
    assert snapshot(blog_path) == before
    window.close()
    assert snapshot(blog_path) == before  # nor on close: the other Desk's lock stays
    holder = BlogLock(blog_path).holder()
    assert holder is not None and holder.pid == other_desk.pid


def test_try_again_opens_for_writing_once_the_other_desk_has_closed(
    qtbot: QtBot, other_desk: subprocess.Popen[str], blog_path: Path, clock: FrozenClock
) -> None:
    window = open_window(qtbot, blog_path, clock)
    assert window.safety.read_only
    qtbot.mouseClick(window.safety.banner.retry, Qt.MouseButton.LeftButton)
    assert window.safety.read_only  # still held

    assert other_desk.stdin is not None
    other_desk.stdin.close()
    other_desk.wait(10)
    qtbot.mouseClick(window.safety.banner.retry, Qt.MouseButton.LeftButton)
    assert not window.safety.read_only
    assert not window.safety.banner.isVisible()
    assert not window.editor.body.isReadOnly()
    assert window.desk_actions["new_update"].isEnabled()
    holder = BlogLock(blog_path).holder()
    assert holder is not None and holder.pid == os.getpid()


def test_a_dead_process_lock_is_taken_over(
    qtbot: QtBot, blog_path: Path, clock: FrozenClock
) -> None:
    subprocess.run([sys.executable, "-c", HOLD, str(blog_path)], input="", text=True,
                   capture_output=True, check=True)  # fmt: skip
    dead = BlogLock(blog_path).holder()
    assert dead is not None and dead.pid != os.getpid()  # it exited without letting go

    window = open_window(qtbot, blog_path, clock)
    assert not window.safety.read_only
    holder = BlogLock(blog_path).holder()
    assert holder is not None and holder.pid == os.getpid()
    assert read_only_boxes() == []


def write_foreign_lock(blog: Path, minutes_ago: int, clock: FrozenClock) -> None:
    data = {
        "host": f"not-{socket.gethostname()}",
        "pid": 4242,
        "user": "ilse",
        "time": clock.now() - timedelta(minutes=minutes_ago),
    }
    (blog / LOCK_FILE).write_text(dump_yaml(data), encoding="utf-8")


@pytest.mark.parametrize("break_it", [True, False])
def test_a_stale_lock_from_another_computer_is_broken_only_if_the_user_agrees(
    qtbot: QtBot,
    blog_path: Path,
    clock: FrozenClock,
    monkeypatch: pytest.MonkeyPatch,
    break_it: bool,
) -> None:
    write_foreign_lock(blog_path, 25, clock)
    asked: list[str] = []

    def answer(cls: object, parent: object, holder: str) -> bool:
        asked.append(holder)
        return break_it

    monkeypatch.setattr(BreakLockDialog, "ask", classmethod(answer))
    window = open_window(qtbot, blog_path, clock)
    assert len(asked) == 1 and "ilse on not-" in asked[0]
    assert window.safety.read_only is not break_it
    holder = BlogLock(blog_path).holder()
    assert holder is not None
    assert (holder.pid == os.getpid()) is break_it


def test_a_fresh_lock_from_another_computer_is_not_offered_for_breaking(
    qtbot: QtBot, blog_path: Path, clock: FrozenClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_foreign_lock(blog_path, 3, clock)
    monkeypatch.setattr(BreakLockDialog, "ask", classmethod(lambda *a: pytest.fail("asked")))
    window = open_window(qtbot, blog_path, clock)
    assert window.safety.read_only
    assert "ilse on not-" in window.safety.banner.text.text()
