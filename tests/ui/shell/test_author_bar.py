"""The journalist's name: asked once in a bar across the top of the window that takes
nothing typed elsewhere, skippable, kept in the preferences, filled into new entries from
the window and from `desk add`; the Author field offers the names already in the blog."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desk.core.clock import FrozenClock
from desk.core.prefs import Preferences
from desk.core.storage.store import BlogStore
from desk.ui.shell.app import build_window
from desk.ui.shell.window import MainWindow
from tests.desk_run import RunDesk
from tests.ui.helpers import FAST, show

CTRL = Qt.KeyboardModifier.ControlModifier


def type_here(qtbot: QtBot, text: str) -> None:
    """Type where the focus is, as the keyboard does."""
    widget = QApplication.focusWidget()
    assert widget is not None
    qtbot.keyClicks(widget, text)


def test_the_bar_asks_without_taking_what_is_typed_elsewhere(
    qtbot: QtBot, window: MainWindow
) -> None:
    bar = window.author_bar
    top = QPoint(0, 0)
    assert bar.isVisible() and bar.width() == window.centralWidget().width()
    assert bar.mapTo(window, top).y() < window.timeline.mapTo(window, top).y()
    assert not bar.name.hasFocus()
    window.select_entry("upd1958")
    window.editor.body.setFocus()
    window.editor.body.moveCursor(window.editor.body.textCursor().MoveOperation.End)
    type_here(qtbot, " More pumps arrive.")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert window.editor.body.toPlainText().endswith(" More pumps arrive.\n")
    assert bar.name.text() == "" and bar.isVisible()
    window.timeline.setFocus()
    type_here(qtbot, "Marta")  # keyboard search in the timeline, never the bar
    assert bar.name.text() == ""


def test_a_name_given_goes_on_new_entries_and_is_kept(
    qtbot: QtBot, window: MainWindow, blog_path: Path, clock: FrozenClock
) -> None:
    bar = window.author_bar
    assert not bar.use.isEnabled()
    qtbot.mouseClick(bar.name, Qt.MouseButton.LeftButton)
    type_here(qtbot, "  Marta   Kell ")
    qtbot.keyClick(bar.name, Qt.Key.Key_Return)
    assert not bar.isVisible()
    assert window.status.currentMessage().startswith("New entries carry “Marta Kell” as author")
    saved = Preferences.load()
    assert (saved.default_author, saved.author_asked) == ("Marta Kell", True)

    window.timeline.setFocus()
    qtbot.keyClick(window.timeline, Qt.Key.Key_N, CTRL)
    entry = window.selected_entry()
    assert entry is not None and entry.author == "Marta Kell"
    assert window.editor.author.text() == "Marta Kell"
    qtbot.waitUntil(lambda: BlogStore.open(blog_path)[1].entries[entry.id].author == "Marta Kell")

    again = show(qtbot, build_window(blog_path, clock, **FAST))
    assert not again.author_bar.isVisible()


def test_skipped_it_is_not_asked_again(
    qtbot: QtBot, window: MainWindow, blog_path: Path, clock: FrozenClock
) -> None:
    qtbot.mouseClick(window.author_bar.skip, Qt.MouseButton.LeftButton)
    assert not window.author_bar.isVisible()
    assert window.status.currentMessage() == "New entries carry no author; Preferences can set one"
    assert Preferences.load() == Preferences(author_asked=True)
    window.desk_actions["new_update"].trigger()
    entry = window.selected_entry()
    assert entry is not None and entry.author == ""
    window.close()
    again = show(qtbot, build_window(blog_path, clock, **FAST))
    assert not again.author_bar.isVisible()


def test_preferences_that_cannot_be_saved_keep_the_name_for_the_session(
    qtbot: QtBot, window: MainWindow, isolated_home: Path
) -> None:
    Preferences.path().mkdir(parents=True)  # a folder where the file should be
    qtbot.mouseClick(window.author_bar.name, Qt.MouseButton.LeftButton)
    type_here(qtbot, "Marta Kell")
    qtbot.mouseClick(window.author_bar.use, Qt.MouseButton.LeftButton)
    assert "cannot be saved" in window.status.currentMessage()
    window.desk_actions["new_update"].trigger()
    entry = window.selected_entry()
    assert entry is not None and entry.author == "Marta Kell"


def test_the_author_field_offers_the_names_in_the_blog(qtbot: QtBot, window: MainWindow) -> None:
    window.prefs = Preferences(default_author="Marta Kell", author_asked=True)
    window.select_entry("upd1530")  # an entry with no author
    window.editor.author.setFocus()
    completer = window.editor.author.completer()
    model = completer.model()
    names = [model.index(i, 0).data() for i in range(model.rowCount())]
    assert names == ["Ilse Varga", "Jane Doe", "Marta Kell"]
    qtbot.keyClicks(window.editor.author, "ja")
    assert completer.currentCompletion() == "Jane Doe"
    assert completer.popup().isVisible() and completer.completionCount() == 1
    # What the popup sends when a name is chosen in it (offscreen Qt routes no keys there).
    completer.activated.emit("Jane Doe")
    assert window.editor.author.text() == "Jane Doe"
    assert window.model is not None
    assert window.model.blog.entries["upd1530"].author == "Jane Doe"


def test_desk_add_fills_in_the_name_from_the_preferences(desk: RunDesk, blog_path: Path) -> None:
    Preferences(default_author="Marta Kell", author_asked=True).save()
    run = desk("add", blog_path, stdin="Pumps arrive from the mainland.\n")
    assert run.code == 0, run.err
    entry = BlogStore.open(blog_path)[1].entries[run.out.strip()]
    assert entry.author == "Marta Kell"
    named = desk("add", blog_path, "--author", "Ilse Varga", stdin="Another.\n")
    assert BlogStore.open(blog_path)[1].entries[named.out.strip()].author == "Ilse Varga"
