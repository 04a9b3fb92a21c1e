"""A start that shows the blog sooner: the timeline paints first, and the entry editor is
made just after, showing the selected entry, with the preview, splitter and read-only
state the window had decided on meanwhile; so is the filter that gives every field's
Ctrl+Z to the window. Once the blog is read, its objects are kept out of the collector's
full passes."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from desk.core.clock import FrozenClock
from desk.core.storage.store import BlogStore
from desk.ui.door import Place
from desk.ui.editor.entry_editor import EntryEditor
from desk.ui.shell.app import build_window
from desk.ui.shell.window import MainWindow
from desk.ui.shell.window_state import open_settings
from tests.ui.blog.test_lock import other_desk  # noqa: F401  # a fixture
from tests.ui.helpers import FAST, show


def start(qtbot: QtBot, blog_path: Path, clock: FrozenClock) -> MainWindow:
    """The window as `desk open` makes it, shown; returns once the editor is made."""
    window = build_window(blog_path, clock, editor_after_paint=True, **FAST)
    assert not isinstance(window.split.widget(1), EntryEditor)  # an empty pane until painted
    window = show(qtbot, window)
    qtbot.waitUntil(lambda: isinstance(window.split.widget(1), EntryEditor))
    return window


def test_the_editor_comes_after_the_first_paint_on_the_selected_entry(
    qtbot: QtBot, blog_path: Path, clock: FrozenClock
) -> None:
    window = start(qtbot, blog_path, clock)
    assert window.timeline.painted
    assert window.split.count() == 2 and window.split.widget(1) is window.editor
    assert window.split.sizes()[1] > window.split.sizes()[0]  # where the empty pane was
    entry = window.selected_entry()
    assert entry is not None and window.editor.body.toPlainText() == entry.body
    body = entry.body
    assert window.editor.isEnabled() and window.editor.preview.isVisible()
    qtbot.waitUntil(lambda: window.editor.preview.renders > 0)

    window.editor.body.setFocus()
    window.editor.body.moveCursor(window.editor.body.textCursor().MoveOperation.End)
    qtbot.keyClicks(window.editor.body, " More soon.")
    assert window.model is not None
    assert window.model.blog.entries[entry.id].body == body + " More soon."
    window.undo_stack.undo()
    assert window.model.blog.entries[entry.id].body == body
    window.close()
    _, saved = BlogStore.open(blog_path)
    assert saved.entries[entry.id].body == body


def test_ctrl_z_in_a_field_undoes_the_window_step_after_the_first_paint(
    qtbot: QtBot, blog_path: Path, clock: FrozenClock
) -> None:
    window = start(qtbot, blog_path, clock)
    window.select_entry("upd1712")  # a draft: deleted without a question
    window.desk_actions["delete"].trigger()
    assert window.model is not None and "upd1712" not in window.model.blog.entries
    window.filter_box.setFocus()
    qtbot.keyClick(window.filter_box, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "upd1712" in window.model.blog.entries
    assert window.status.currentMessage() == "Undone: Delete UPDATE 1212 GMT"


def test_what_was_decided_before_the_editor_existed_holds(
    qtbot: QtBot, blog_path: Path, clock: FrozenClock
) -> None:
    open_settings().setValue("preview", False)  # hidden at the last close
    window = build_window(blog_path, clock, editor_after_paint=True, **FAST)
    window.select_entry("upd1530")  # chosen before the editor is there
    window = show(qtbot, window)
    qtbot.waitUntil(lambda: isinstance(window.split.widget(1), EntryEditor))
    assert not window.editor.preview.isVisible()
    assert not window.desk_actions["toggle_preview"].isChecked()
    assert window.editor.headline.text() == "Fishermen found"
    window.desk_actions["toggle_preview"].trigger()
    assert window.editor.preview.isVisible()


def test_asking_for_the_editor_early_makes_it_at_once(
    qtbot: QtBot, blog_path: Path, clock: FrozenClock
) -> None:
    window = build_window(blog_path, clock, editor_after_paint=True, **FAST)
    qtbot.addWidget(window)
    window.select_entry("upd1530")
    note = QLabel("placed before the first paint")
    window.desk.place(note, Place.ABOVE_EDITOR)  # a feature made early
    assert isinstance(window.split.widget(1), EntryEditor)
    assert note.parent() is window.editor
    assert window.editor.headline.text() == "Fishermen found"


@pytest.mark.usefixtures("other_desk")  # another Desk holds the blog's lock
def test_an_editor_made_on_a_read_only_blog_is_read_only(
    qtbot: QtBot, blog_path: Path, clock: FrozenClock
) -> None:
    window = start(qtbot, blog_path, clock)
    assert window.safety.read_only
    editor = window.editor
    assert editor.body.isReadOnly() and editor.headline.isReadOnly()
    assert not editor.status.isEnabled()
    editor.body.setFocus()
    qtbot.keyClicks(editor.body, "typed anyway")
    qtbot.keyClick(editor.body, Qt.Key.Key_Return)
    assert "typed anyway" not in editor.body.toPlainText()


def test_once_the_blog_is_read_the_collector_leaves_its_objects_alone(
    qtbot: QtBot, blog_path: Path, clock: FrozenClock
) -> None:
    gc.unfreeze()
    window = start(qtbot, blog_path, clock)
    assert window.model is not None
    qtbot.waitUntil(lambda: not window.model.loading)
    assert gc.get_freeze_count() > 0  # a full collection while typing walks none of them
