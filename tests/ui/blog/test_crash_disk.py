"""Disk trouble through the window: a write interrupted before its rename leaves the old file
whole (and the next open cleans up the temporary file); a blog folder deleted while open is
said clearly, never half-recreated, and Save blog as… carries the whole blog elsewhere."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from desk.core.clock import FrozenClock
from desk.core.storage.atomic import TEMP_PREFIX
from desk.core.storage.lock import LOCK_FILE, BlogLock
from desk.core.storage.store import BlogStore
from desk.ui.blog.dialogs import CloseChoice, UnsavedDialog
from desk.ui.blog.lock import SaveAsDialog
from desk.ui.shell.app import build_window
from desk.ui.shell.window import MainWindow
from tests.ui.helpers import FAST, show


def boxes(title: str) -> list[QMessageBox]:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QMessageBox) and w.isVisible() and w.windowTitle() == title
    ]


def type_at_end(window: MainWindow, text: str) -> None:
    body = window.editor.body
    body.setFocus()
    body.moveCursor(body.textCursor().MoveOperation.End)
    body.insertPlainText(text)


def temp_files(blog: Path) -> list[Path]:
    return list(blog.rglob(f"{TEMP_PREFIX}*"))


def test_an_interrupted_write_leaves_the_old_file_and_the_next_open_no_temporary_file(
    qtbot: QtBot,
    window: MainWindow,
    blog_path: Path,
    clock: FrozenClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    entry_file = blog_path / "entries" / "upd1958.md"
    before = entry_file.read_bytes()

    def interrupted(source: object, target: object, **dir_fds: object) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "replace", interrupted)
    window.select_entry("upd1958")
    type_at_end(window, " Half a sentence")
    qtbot.waitUntil(lambda: "Input/output error" in window.status.save_state.text())
    assert entry_file.read_bytes() == before  # the old version, whole
    assert len(boxes("Not saved")) == 1
    assert window.editor.body.toPlainText().endswith("Half a sentence")
    monkeypatch.setattr(UnsavedDialog, "ask", classmethod(lambda *a: CloseChoice.DISCARD))
    window.close()  # as if it had died: nothing more reaches the disk
    monkeypatch.undo()
    assert entry_file.read_bytes() == before

    # What a process killed between writing a temporary file and renaming it leaves.
    leftovers = [
        blog_path / f"{TEMP_PREFIX}dead-blog.yaml",
        blog_path / "entries" / f"{TEMP_PREFIX}dead-upd1958.md",
        blog_path / ".history" / "upd1958" / f"{TEMP_PREFIX}dead-20250314T130300Z.md",
    ]
    for leftover in leftovers:
        leftover.parent.mkdir(parents=True, exist_ok=True)
        leftover.write_text("half a")

    again = show(qtbot, build_window(blog_path, clock, **FAST))
    assert again.model is not None
    model = again.model
    qtbot.waitUntil(lambda: not model.loading)  # the load, done after the first paint, cleans
    assert temp_files(blog_path) == []
    assert again.model.blog.entries["upd1958"].body == (
        "The regional governor has rejected calls to evacuate."
    )
    assert entry_file.read_bytes() == before
    again.select_entry("upd1958")  # and the entry saves as usual again
    type_at_end(again, " Whole sentence.")
    assert again.autosave.flush()
    assert "Whole sentence." in entry_file.read_text()


def test_a_leftover_in_history_while_open_does_not_break_saving(
    qtbot: QtBot, window: MainWindow, blog_path: Path
) -> None:
    window.select_entry("upd1958")
    type_at_end(window, " First.")
    assert window.autosave.flush()  # .history/upd1958/ now holds the version first read
    folder = blog_path / ".history" / "upd1958"
    leftover = folder / f"{TEMP_PREFIX}dead-20250314T131000Z.md"
    leftover.write_text("half a")
    for path in folder.glob("2*.md"):
        path.unlink()  # only the leftover there, as after a first history write that died
    type_at_end(window, " Second.")
    try:
        window.autosave.flush()
    finally:
        leftover.unlink()  # so that closing the window can save
    assert "Second." in (blog_path / "entries" / "upd1958.md").read_text()


def test_the_retry_saves_once_the_write_works_again(
    qtbot: QtBot, window: MainWindow, blog_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(source: object, target: object, **dir_fds: object) -> None:
        raise OSError(5, "Input/output error")

    real_replace = os.replace
    monkeypatch.setattr(os, "replace", interrupted)
    window.select_entry("upd1958")
    type_at_end(window, " Kept.")
    qtbot.waitUntil(lambda: "Input/output error" in window.status.save_state.text())
    assert temp_files(blog_path) == []  # an error (not a crash) cleans up after itself
    monkeypatch.setattr(os, "replace", real_replace)
    qtbot.waitUntil(lambda: "Kept." in (blog_path / "entries" / "upd1958.md").read_text())


def test_a_deleted_blog_folder_is_said_clearly_and_save_as_rescues_the_blog(
    qtbot: QtBot,
    window: MainWindow,
    blog_path: Path,
    isolated_home: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window.select_entry("upd1958")
    shutil.rmtree(blog_path)
    type_at_end(window, " Written after the folder went.")
    qtbot.waitUntil(lambda: len(boxes("Not saved")) == 1)
    detail = boxes("Not saved")[0].informativeText()
    assert str(blog_path) in detail and "Save blog as" in detail
    assert "Save blog as" in window.status.save_state.text()
    qtbot.wait(200)  # retries
    assert not blog_path.exists()  # never a half blog of one entry recreated there

    window.safety.refresh()  # the minute's lock refresh notices too, once
    window.safety.refresh()
    assert len(boxes("Blog folder missing")) == 1

    rescue = isolated_home / "rescue"
    rescue.mkdir()
    (rescue / "something-else.txt").write_text("not empty")
    monkeypatch.setattr(SaveAsDialog, "ask", classmethod(lambda cls, parent, start: rescue))
    window.desk_actions["save_as"].trigger()

    target = rescue / blog_path.name  # a folder that was not empty: the blog goes inside
    assert window.model is not None and window.model.store.root == target
    assert not window.safety.read_only
    assert window.selected_entry() is not None
    assert window.selected_entry().id == "upd1958"  # type: ignore[union-attr]
    holder = BlogLock(target).holder()
    assert holder is not None and holder.pid == os.getpid()
    store, blog = BlogStore.open(target)
    assert blog.entries["upd1958"].body.endswith("Written after the folder went.")
    assert len(blog.entries) == 4 and store.problems == []
    assert (target / ".gitignore").exists()
    type_at_end(window, " And on.")
    qtbot.waitUntil(lambda: "And on." in (target / "entries" / "upd1958.md").read_text())
    assert not blog_path.exists()


def test_save_as_moves_the_lock_and_has_no_shortcut(
    qtbot: QtBot,
    window: MainWindow,
    blog_path: Path,
    isolated_home: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert window.desk_actions["save_as"].shortcuts() == []
    target = isolated_home / "copy"
    monkeypatch.setattr(SaveAsDialog, "ask", classmethod(lambda cls, parent, start: target))
    window.desk_actions["save_as"].trigger()
    assert window.model is not None and window.model.store.root == target
    assert not (blog_path / LOCK_FILE).exists()
    assert (target / LOCK_FILE).exists()


def test_save_as_into_a_folder_that_holds_the_blog_already_is_refused(
    qtbot: QtBot, window: MainWindow, blog_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        SaveAsDialog, "ask", classmethod(lambda cls, parent, start: blog_path.parent)
    )
    window.desk_actions["save_as"].trigger()
    assert len(boxes("Blog not saved")) == 1
    assert window.model is not None and window.model.store.root == blog_path
