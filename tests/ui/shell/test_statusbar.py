"""The status bar: a message shown before the window is (the lock taken over as the blog
opened), before a feature adds its part to the bar, or while a part's owner shows it,
covers the labels as any message does, and they come back as they were when it goes."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMainWindow
from pytestqt.qtbot import QtBot

from desk.core.clock import FrozenClock
from desk.ui.shell.statusbar import DeskStatusBar
from tests.helpers import at


def test_a_message_shown_before_the_window_covers_the_labels(qtbot: QtBot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    bar = DeskStatusBar(FrozenClock(at(13, 3)))
    window.setStatusBar(bar)
    bar.set_save_state("saved", "Saved 13:03:00")
    bar.set_counts(4, 3, 1)
    bar.showMessage("Took over the lock left by a Desk no longer running", 500)
    window.show()
    qtbot.waitExposed(window)
    assert bar.currentMessage().startswith("Took over the lock")
    assert not bar.save_state.isVisible() and not bar.counts.isVisible()
    assert bar.time.isVisible()  # a permanent part of the bar stays
    bar.addWidget(QLabel("3 problems"))  # as the standing features do after the first paint
    bar.addPermanentWidget(QLabel("Synced"))
    qtbot.wait(20)
    assert not bar.save_state.isVisible() and not bar.counts.isVisible()
    qtbot.waitUntil(lambda: bar.currentMessage() == "", timeout=5000)  # it still goes
    assert bar.save_state.isVisible() and bar.counts.isVisible()


def test_a_part_its_owner_shows_or_hides_under_a_message_waits_for_its_end(
    qtbot: QtBot,
) -> None:
    """The Problems note, shown as a long blog's load finished, came up over the message
    the opening left (the lock taken over), and the labels with it."""
    window = QMainWindow()
    qtbot.addWidget(window)
    bar = DeskStatusBar(FrozenClock(at(13, 3)))
    window.setStatusBar(bar)
    note, gone = QLabel("8,405 things to check"), QLabel("Synced")
    note.hide()
    bar.addWidget(note)
    bar.addWidget(gone)
    window.show()
    qtbot.waitExposed(window)
    bar.showMessage("Took over the lock left by a Desk no longer running", 300)
    note.show()  # its owner has something to say
    gone.hide()  # and this one's owner has nothing more
    bar.set_counts(10_000, 9_022, 978)  # a longer text: the bar lays itself out anew
    qtbot.wait(50)
    assert bar.currentMessage().startswith("Took over the lock")
    assert not note.isVisible() and not bar.counts.isVisible()
    qtbot.waitUntil(lambda: bar.currentMessage() == "", timeout=5000)
    assert note.isVisible() and bar.counts.isVisible() and not gone.isVisible()
