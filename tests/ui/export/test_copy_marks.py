"""Every copy says what it marked published, one Ctrl+Z takes the marks off (and says the
CMS still holds the paste), and every copy's plain-text flavour is the page as text."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox
from pytestqt.qtbot import QtBot

from desk.core.export.assemble import export_blog
from desk.core.export.options import ExportOptions
from desk.core.export.plaintext import export_plain_text
from desk.core.storage.store import BlogStore
from desk.ui.export.dialog import ExportDialog
from desk.ui.shell.window import MainWindow
from desk.ui.timeline.model import Role

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


def press(qtbot: QtBot, window: MainWindow, key: Qt.Key, modifiers: Qt.KeyboardModifier) -> None:
    window.timeline.setFocus()
    qtbot.keyClick(window.timeline, key, modifiers)


def published_on_disk(blog_path: Path) -> set[str]:
    return {e.id for e in BlogStore.open(blog_path)[1].entries.values() if e.published}


def marks(window: MainWindow, entry_id: str) -> list[str]:
    assert window.model is not None
    return list(window.model.index_of(entry_id).data(Role.MARKS))


def test_copy_for_cms_says_what_it_marked_and_one_undo_unmarks_it(
    qtbot: QtBot, window: MainWindow, blog_path: Path
) -> None:
    window.select_entry("upd1958")
    press(qtbot, window, Qt.Key.Key_C, CTRL | ALT)  # one entry out first
    assert window.status.currentMessage() == "Copied UPDATE 1258 GMT; marked 1 published"

    press(qtbot, window, Qt.Key.Key_C, CTRL | SHIFT)
    assert window.status.currentMessage() == (
        "Copied 3 ready entries; marked 2 published; 1 draft left out"
    )
    qtbot.waitUntil(lambda: published_on_disk(blog_path) == {"orig001", "upd1530", "upd1958"})
    pasted = QApplication.clipboard().text()

    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(
        lambda: (
            window.status.currentMessage()
            == "Unmarked 2 entries published; the CMS still holds what was pasted"
        )
    )
    assert marks(window, "upd1530") == [] and marks(window, "orig001") == []
    assert marks(window, "upd1958") == ["published"]  # the earlier copy's mark stays
    qtbot.waitUntil(lambda: published_on_disk(blog_path) == {"upd1958"})
    assert QApplication.clipboard().text() == pasted  # nothing taken back from the paste

    press(qtbot, window, Qt.Key.Key_Z, CTRL | SHIFT)
    assert marks(window, "upd1530") == ["published"]
    qtbot.waitUntil(lambda: published_on_disk(blog_path) == {"orig001", "upd1530", "upd1958"})


def test_copy_new_is_one_undo_step_too(qtbot: QtBot, window: MainWindow, blog_path: Path) -> None:
    press(qtbot, window, Qt.Key.Key_N, CTRL | ALT)
    assert window.status.currentMessage() == (
        "Copied 3 new entries; marked 3 published; 1 draft left out"
    )
    assert window.undo_stack.undoText() == "Mark 3 entries published"
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: published_on_disk(blog_path) == set())
    press(qtbot, window, Qt.Key.Key_N, CTRL | ALT)  # new again, so copied again
    assert window.status.currentMessage().startswith("Copied 3 new entries; marked 3")


def test_copying_what_is_already_out_marks_nothing_new(qtbot: QtBot, window: MainWindow) -> None:
    window.select_entry("upd1958")
    press(qtbot, window, Qt.Key.Key_C, CTRL | ALT)
    steps = window.undo_stack.count()
    press(qtbot, window, Qt.Key.Key_C, CTRL | ALT)
    assert window.status.currentMessage() == "Copied UPDATE 1258 GMT; already marked published"
    assert window.undo_stack.count() == steps


def test_every_copy_has_the_page_as_plain_text(qtbot: QtBot, window: MainWindow) -> None:
    assert window.model is not None
    blog = window.model.blog
    window.select_entry("upd1958")
    press(qtbot, window, Qt.Key.Key_C, CTRL | ALT)
    assert QApplication.clipboard().text() == (
        "UPDATE 1258 GMT:\n\nIlse Varga\n\nThe regional governor has rejected calls to evacuate.\n"
    )
    press(qtbot, window, Qt.Key.Key_C, CTRL | SHIFT)
    whole = QApplication.clipboard().text()
    assert whole == export_plain_text(blog, ExportOptions())
    assert "<" not in whole and "desk:entry" not in whole
    assert whole.rstrip().endswith(
        "ORIGINAL ENTRY: Storm Maren has flooded the lower town of Port Elvan."
    )


@pytest.mark.parametrize("fmt", ["html", "page", "md"])
def test_the_export_dialogs_copy_follows_the_same_rule(
    qtbot: QtBot, window: MainWindow, fmt: str
) -> None:
    dialog = ExportDialog.for_window(window.desk)
    qtbot.addWidget(dialog)
    box: QComboBox = dialog.format_box
    box.setCurrentIndex(box.findData(fmt))
    dialog.copy()
    data = QApplication.clipboard().mimeData()
    assert window.model is not None
    blog = window.model.blog
    html_format = "html" if fmt == "md" else fmt
    assert data.html() == export_blog(blog, ExportOptions(format=html_format)).text
    assert data.text() == export_plain_text(blog, ExportOptions())
    assert "<" not in data.text()
    assert window.status.currentMessage() == "Copied 3 entries; marked 3 published"
    assert window.undo_stack.undoText() == "Mark 3 entries published"
