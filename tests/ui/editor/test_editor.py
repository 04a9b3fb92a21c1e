"""The entry editor: find and replace, counts, the preview, the header fields, labels."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QScrollBar, QSizeGrip, QWidget
from pytestqt.qtbot import QtBot

from desk.core.model import Labels
from desk.core.prefs import Preferences
from desk.core.storage.store import BlogStore
from desk.ui.blog.dialogs import ExportTargetDialog, PreferencesDialog, PreferencesResult
from desk.ui.shell.window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier


def test_find_and_replace_in_the_entry(qtbot: QtBot, window: MainWindow) -> None:
    window.select_entry("upd1958")
    window.editor.body.setFocus()
    qtbot.keyClick(window.editor.body, Qt.Key.Key_H, CTRL)
    bar = window.editor.find_bar
    assert bar.isVisible() and bar.replace_box.isVisible()
    assert QApplication.focusWidget() is bar.find_box
    bar.find_box.setText("the")
    bar.replace_box.setText("THE")
    assert bar.replace_all() == 1  # case-blind: "The" matches "the"
    assert (
        window.editor.body.toPlainText() == "THE regional governor has rejected calls to evacuate."
    )
    qtbot.keyClick(window.editor.body, Qt.Key.Key_Z, CTRL)  # one undo step for all
    assert (
        window.editor.body.toPlainText() == "The regional governor has rejected calls to evacuate."
    )
    qtbot.keyClick(bar.find_box, Qt.Key.Key_Escape)
    assert not bar.isVisible()


def test_counts_follow_typing(qtbot: QtBot, window: MainWindow) -> None:
    window.select_entry("upd1958")
    assert window.editor.counts.text() == "8 words · 53 characters"
    window.editor.body.setPlainText("Two words")
    qtbot.waitUntil(lambda: window.editor.counts.text() == "2 words · 9 characters")
    assert window.timeline.currentIndex().data(Qt.ItemDataRole.DisplayRole).endswith("Two words")


def test_preview_renders_only_the_selected_entry_debounced(
    qtbot: QtBot, window: MainWindow
) -> None:
    preview = window.editor.preview
    window.select_entry("upd1958")
    qtbot.waitUntil(lambda: "regional governor" in preview.toPlainText())
    assert "UPDATE 1258 GMT:" in preview.toPlainText()
    assert "fishermen" not in preview.toPlainText()
    before = preview.renders
    for word in ("One", " two", " three"):
        window.editor.body.insertPlainText(word)
    qtbot.waitUntil(lambda: "One two three" in preview.toPlainText())
    assert preview.renders == before + 1  # three keystrokes, one render


def test_preview_shows_the_header_row(qtbot: QtBot, window: MainWindow) -> None:
    window.select_entry("")
    qtbot.waitUntil(lambda: "Harbour storm" in window.editor.preview.toPlainText())


def test_preview_toggles_with_ctrl_p(qtbot: QtBot, window: MainWindow) -> None:
    assert window.editor.preview.isVisible()
    qtbot.keyClick(window.timeline, Qt.Key.Key_P, CTRL)
    assert not window.editor.preview.isVisible()
    qtbot.keyClick(window.timeline, Qt.Key.Key_P, CTRL)
    assert window.editor.preview.isVisible()


def test_header_row_edits_title_and_header_undoably(
    qtbot: QtBot, window: MainWindow, blog_path: Path
) -> None:
    window.select_entry("")
    assert window.editor.fields.currentIndex() == 1
    assert window.editor.title.text() == "Harbour storm"
    window.editor.title.selectAll()
    qtbot.keyClicks(window.editor.title, "Storm Maren")
    window.editor.body.setPlainText("Map: Northern Weather Office")
    qtbot.waitUntil(lambda: BlogStore.open(blog_path)[1].title == "Storm Maren")
    assert BlogStore.open(blog_path)[1].header == "Map: Northern Weather Office"
    assert window.windowTitle() == "Storm Maren — Desk"
    window.timeline.setFocus()
    # One history for the window: the header's text was the last change, then the title.
    qtbot.keyClick(window.timeline, Qt.Key.Key_Z, CTRL)
    assert window.editor.body.toPlainText() == ""
    assert window.editor.title.text() == "Storm Maren"
    qtbot.keyClick(window.timeline, Qt.Key.Key_Z, CTRL)  # the typed title is one step
    assert window.editor.title.text() == "Harbour storm"
    qtbot.waitUntil(lambda: BlogStore.open(blog_path)[1].title == "Harbour storm")


def test_headline_and_author_are_saved(qtbot: QtBot, window: MainWindow, blog_path: Path) -> None:
    window.select_entry("upd1712")
    qtbot.keyClicks(window.editor.headline, "Red warning extended")
    qtbot.keyClicks(window.editor.author, "Jane Doe")
    qtbot.waitUntil(lambda: BlogStore.open(blog_path)[1].entries["upd1712"].author == "Jane Doe")
    assert BlogStore.open(blog_path)[1].entries["upd1712"].headline == "Red warning extended"
    assert (
        window.timeline.currentIndex()
        .data(Qt.ItemDataRole.DisplayRole)
        .endswith("Red warning extended")
    )


def test_preferences_set_default_author_and_labels(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    labels = Labels(update="UPDATE {HH}:{MM} GMT")
    chosen = PreferencesResult(Preferences(default_author="Marta Kell"), labels)
    monkeypatch.setattr(PreferencesDialog, "ask", classmethod(lambda cls, *a: chosen))
    window.desk_actions["preferences"].trigger()
    assert Preferences.load().default_author == "Marta Kell"
    window.desk_actions["new_update"].trigger()
    entry = window.selected_entry()
    assert entry is not None and entry.author == "Marta Kell"
    assert window.editor.label.text() == "UPDATE 13:03 GMT"
    assert window.undo_stack.command(0).text() == "Change labels"


@pytest.mark.parametrize(
    ("action", "marker"), [("export_html", "<section"), ("export_md", "**UPDATE")]
)
def test_export_writes_the_chosen_file(
    qtbot: QtBot,
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    action: str,
    marker: str,
) -> None:
    target = tmp_path / "out.txt"
    monkeypatch.setattr(ExportTargetDialog, "ask", classmethod(lambda cls, *a: target))
    window.desk_actions[action].trigger()
    text = target.read_text()
    assert marker in text
    assert "extended its red warning" not in text  # drafts are left out
    assert "Exported 3 entries" in window.status.currentMessage()


def test_every_widget_has_an_accessible_name(window: MainWindow) -> None:
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window) or isinstance(widget, QScrollBar | QSizeGrip):
            continue
        # Qt's own inner parts (a spin box's line edit, a viewport) speak for their owner.
        assert widget.accessibleName() or widget.objectName().startswith("qt_"), widget


def test_every_action_has_a_shortcut_or_a_menu(window: MainWindow) -> None:
    in_menus = {a for menu in window.menus.values() for a in menu.actions()}
    for name in ("new_blog", "open_blog", "close_blog", "quit", "undo", "redo", "new_update", "stamp_now",
                 "toggle_status", "move_up", "move_down", "sort", "delete", "toggle_preview", "trash",
                 "export_html", "export_page", "export_md", "preferences", "find", "replace"):  # fmt: skip
        action = window.desk_actions[name]
        # The three exports are reached from the keyboard by the menu (Alt+X) and Ctrl+E.
        assert name.startswith("export_") or not action.shortcut().isEmpty(), name
        assert action in in_menus, name
