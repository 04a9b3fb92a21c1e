"""Closing and reopening the window brings back the blog, the selected entry, the size."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desk.core.clock import FrozenClock
from desk.core.storage.store import BlogStore
from desk.ui.shell.app import build_window
from desk.ui.shell.window import MainWindow
from tests.ui.helpers import FAST, show


def test_reopening_restores_blog_and_selected_entry(
    qtbot: QtBot, window: MainWindow, blog_path: Path, clock: FrozenClock
) -> None:
    window.select_entry("upd1530")
    window.resize(760, 540)  # within the offscreen screen (800×600)
    window.split.setSizes([300, 460])
    sizes = window.split.sizes()
    assert window.close()

    again = show(qtbot, build_window(None, clock, **FAST))  # `desk` with no blog named
    assert again.model is not None
    assert again.model.store.root == blog_path
    entry = again.selected_entry()
    assert entry is not None and entry.id == "upd1530"
    assert again.editor.headline.text() == "Fishermen found"
    assert (again.width(), again.height()) == (760, 540)
    assert again.split.sizes() == sizes


def test_the_new_update_survives_closing_without_saving_by_hand(
    qtbot: QtBot, window: MainWindow, blog_path: Path, clock: FrozenClock
) -> None:
    qtbot.keyClick(window.timeline, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    window.editor.body.insertPlainText("Written just before closing.")
    assert window.close()  # no autosave delay waited for: closing saves

    blog = BlogStore.open(blog_path)[1]
    top = blog.timeline()[0]
    assert top.body == "Written just before closing."
    assert blog.label(top) == "UPDATE 1303 GMT:"
    again = show(qtbot, build_window(None, clock, **FAST))
    entry = again.selected_entry()
    assert entry is not None and entry.id == top.id


def test_first_run_opens_the_sample_blog(qtbot: QtBot, clock: FrozenClock) -> None:
    fresh = show(qtbot, build_window(None, clock, **FAST))
    assert fresh.model is not None
    assert fresh.model.blog.timeline()  # the sample has entries
    assert (fresh.model.store.root / "blog.yaml").is_file()
