"""Stamp now, the status toggle, delete and its undo, and the trash view, each through
the window's real actions."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desk.core.clock import FrozenClock
from desk.core.storage.store import BlogStore
from desk.ui.blog.dialogs import TrashDialog
from desk.ui.shell.window import MainWindow
from desk.ui.timeline.entry_kind import DeleteQuestion
from tests.ui.helpers import FAST, at, show

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture(autouse=True)
def delete_ready_entries(monkeypatch: pytest.MonkeyPatch) -> None:
    """Deleting a ready entry asks first (tests/ui/shell/test_window_undo.py); here: yes."""
    monkeypatch.setattr(DeleteQuestion, "ask", classmethod(lambda cls, *a: True))


def on_disk(blog_path: Path, entry_id: str) -> tuple[str, str]:
    entry = BlogStore.open(blog_path)[1].entries[entry_id]
    return entry.stamp.strftime("%H%M"), entry.status


def test_stamp_now_restamps_the_selected_entry(
    qtbot: QtBot, window: MainWindow, blog_path: Path
) -> None:
    window.select_entry("upd1712")
    window.timeline.setFocus()
    qtbot.keyClick(window.timeline, Qt.Key.Key_T, CTRL)
    assert window.model is not None
    assert window.model.blog.entries["upd1712"].stamp == at(13, 3)
    assert window.editor.label.text() == "UPDATE 1303 GMT:"
    assert (
        window.timeline.currentIndex().data(Qt.ItemDataRole.DisplayRole).startswith("UPDATE 1303")
    )
    qtbot.waitUntil(lambda: on_disk(blog_path, "upd1712")[0] == "1303")
    qtbot.keyClick(window.timeline, Qt.Key.Key_Z, CTRL)
    assert window.editor.label.text() == "UPDATE 1212 GMT:"
    qtbot.waitUntil(lambda: on_disk(blog_path, "upd1712")[0] == "1212")


def test_stamp_now_button_and_typed_time(
    qtbot: QtBot, window: MainWindow, clock: FrozenClock
) -> None:
    window.select_entry("upd1530")
    clock.advance(minutes=10)
    qtbot.mouseClick(window.editor.stamp_now, Qt.MouseButton.LeftButton)
    assert window.model is not None
    assert window.model.blog.entries["upd1530"].stamp == at(13, 13)
    window.editor.time_edit.setTime(window.editor.time_edit.time().addSecs(60 * 60))
    assert window.model.blog.entries["upd1530"].stamp == at(14, 13)
    assert window.editor.label.text() == "UPDATE 1413 GMT:"


def test_ctrl_r_toggles_the_status(qtbot: QtBot, window: MainWindow, blog_path: Path) -> None:
    window.select_entry("upd1712")
    window.timeline.setFocus()
    qtbot.keyClick(window.timeline, Qt.Key.Key_R, CTRL)
    assert window.editor.status.currentData() == "ready"
    qtbot.waitUntil(lambda: on_disk(blog_path, "upd1712")[1] == "ready")
    assert window.status.counts.text() == "4 entries (4 ready, 0 drafts)"
    window.desk_actions["toggle_status"].trigger()
    qtbot.waitUntil(lambda: on_disk(blog_path, "upd1712")[1] == "draft")
    assert window.status.counts.text() == "4 entries (3 ready, 1 draft)"


def test_delete_moves_to_trash_and_undo_brings_it_back(
    qtbot: QtBot, window: MainWindow, blog_path: Path
) -> None:
    window.select_entry("upd1712")
    window.timeline.setFocus()
    qtbot.keyClick(window.timeline, Qt.Key.Key_Delete)
    assert window.model is not None and "upd1712" not in window.model.blog.entries
    assert (blog_path / "trash" / "upd1712.md").is_file()
    assert not (blog_path / "entries" / "upd1712.md").exists()
    qtbot.waitUntil(lambda: "upd1712" not in BlogStore.open(blog_path)[1].order)

    qtbot.keyClick(window.timeline, Qt.Key.Key_Z, CTRL)
    assert window.model.blog.order == ["upd1958", "upd1712", "upd1530", "orig001"]
    qtbot.waitUntil(lambda: BlogStore.open(blog_path)[1].order == window.model.blog.order)  # type: ignore[union-attr]
    assert not (blog_path / "trash" / "upd1712.md").exists()
    entry = window.selected_entry()
    assert entry is not None and entry.id == "upd1712"


def test_delete_action_works_from_the_menu(
    qtbot: QtBot, window: MainWindow, blog_path: Path
) -> None:
    window.select_entry("upd1958")
    window.desk_actions["delete"].trigger()
    assert (blog_path / "trash" / "upd1958.md").is_file()
    assert window.undo_stack.undoText() == "Delete UPDATE 1258 GMT"


def test_trash_view_restores_after_a_restart(
    qtbot: QtBot,
    window: MainWindow,
    blog_path: Path,
    clock: FrozenClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window.select_entry("upd1530")
    window.desk_actions["delete"].trigger()
    window.close()

    again = show(qtbot, MainWindow(clock, **FAST))
    assert again.open_blog(blog_path)
    assert again.model is not None and "upd1530" not in again.model.blog.entries
    offered: list[list[str]] = []

    def choose(parent: object, blog: object, entries: list, **_kw: object) -> str:  # type: ignore[type-arg]
        offered.append([e.id for e in entries])
        return "upd1530"

    monkeypatch.setattr(TrashDialog, "ask", classmethod(lambda cls, *a, **kw: choose(*a, **kw)))
    again.desk_actions["trash"].trigger()
    assert offered == [["upd1530"]]
    assert again.model.blog.order == ["upd1958", "upd1712", "upd1530", "orig001"]
    qtbot.waitUntil(lambda: (blog_path / "entries" / "upd1530.md").is_file())
    qtbot.waitUntil(lambda: BlogStore.open(blog_path)[1].order == again.model.blog.order)  # type: ignore[union-attr]
    entry = again.selected_entry()
    assert entry is not None and entry.id == "upd1530"
