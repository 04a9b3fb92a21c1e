"""The status bar: a message shown before the window is (the lock taken over as the blog
opened), or before a feature adds its part to the bar, covers the labels as any message
does, and they come back when it goes."""

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
