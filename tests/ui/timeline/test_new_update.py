"""Ctrl+N: a new update at the top, stamped with the frozen UTC minute, typed and autosaved."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desk.core.storage.store import BlogStore
from desk.ui.shell.window import MainWindow
from tests.ui.helpers import snapshot


def test_ctrl_n_adds_a_stamped_update_at_the_top_with_focus_in_its_body(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.timeline.setFocus()
    qtbot.keyClick(window.timeline, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.model is not None
    new = window.model.entry_at(1)
    assert new is not None and new.kind == "update" and new.status == "draft"
    assert window.model.blog.label(new) == "UPDATE 1303 GMT:"
    assert window.selected_entry() is new
    assert window.editor.label.text() == "UPDATE 1303 GMT:"
    assert QApplication.focusWidget() is window.editor.body
    # Undo follows what was done, not where the focus is: the new update itself.
    assert window.desk_actions["undo"].text() == "&Undo New update"


def test_typing_then_autosave_writes_that_entry_file_and_no_other(
    qtbot: QtBot, window: MainWindow, blog_path: Path
) -> None:
    qtbot.keyClick(window.timeline, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    entry = window.selected_entry()
    assert entry is not None
    entry_file = blog_path / "entries" / f"{entry.id}.md"
    # Creating the entry writes it and blog.yaml; then typing must touch only the entry.
    qtbot.waitUntil(lambda: entry.id in BlogStore.open(blog_path)[1].order)
    before = snapshot(blog_path)

    qtbot.keyClicks(window.editor.body, "Ferry terminal reopens.")
    qtbot.waitUntil(lambda: "Ferry terminal reopens." in entry_file.read_text())

    after = snapshot(blog_path)
    changed = {p for p in after if after[p] != before.get(p)}
    assert changed == {entry_file}
    saved = BlogStore.open(blog_path)[1].entries[entry.id]
    assert saved.body == "Ferry terminal reopens."
    assert saved.stamp == window.clock.now()
    assert window.status.save_state.text().startswith("Saved 13:03")


def test_body_undo_is_typing_and_timeline_undo_is_structural(
    qtbot: QtBot, window: MainWindow
) -> None:
    qtbot.keyClick(window.timeline, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.editor.body, "Hello")
    qtbot.keyClick(window.editor.body, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.editor.body.toPlainText() == ""
    assert window.model is not None and len(window.model.blog.entries) == 5  # still there

    window.timeline.setFocus()
    window.focus_undo.refresh()
    assert window.desk_actions["undo"].text() == "&Undo New update"
    qtbot.keyClick(window.timeline, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(window.model.blog.entries) == 4
