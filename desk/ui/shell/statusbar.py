"""The status bar: the save state, the counts, and a live clock in GMT with local time."""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from desk.core.clock import Clock
from desk.ui.widgets.a11y import named


def clock_text(clock: Clock) -> str:
    """21:47:42 GMT · 22:47 local."""
    now = clock.now()
    return f"{now.strftime('%H:%M:%S')} GMT · {now.astimezone().strftime('%H:%M')} local"


def counts_text(entries: int, ready: int, drafts: int) -> str:
    """6 entries (5 ready, 1 draft)."""
    noun = "entry" if entries == 1 else "entries"
    return f"{entries} {noun} ({ready} ready, {drafts} draft{'s' if drafts != 1 else ''})"


class DeskStatusBar(QStatusBar):
    def __init__(self, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.clock = clock
        self._message_until: float | None = None  # when the message shown now goes
        self.setAccessibleName("Status bar")
        self.save_state = named(QLabel(), "Save state")
        self.save_state.setObjectName("saveState")
        self.counts = named(QLabel(), "Entry counts")
        self.time = named(QLabel(), "Clock")
        self.time.setObjectName("clock")
        self.addWidget(self.save_state)
        self.addWidget(named(QLabel("·"), "Separator"))
        self.shown = named(QLabel(), "Entries shown")
        self.shown.hide()
        self.addWidget(self.counts)
        self.addWidget(self.shown, 1)
        self.addPermanentWidget(self.time)
        self._ticker = QTimer(self, interval=1000)
        self._ticker.timeout.connect(self.tick)
        self._ticker.start()
        self.tick()

    def showMessage(self, text: str, timeout: int | None = 0) -> None:
        self._message_until = time.monotonic() + timeout / 1000 if timeout else None
        super().showMessage(text, timeout or 0)

    def addWidget(self, widget: QWidget, stretch: int | None = 0) -> None:
        super().addWidget(widget, stretch or 0)
        self._cover_again_soon()

    def addPermanentWidget(self, widget: QWidget, stretch: int | None = 0) -> None:
        super().addPermanentWidget(widget, stretch or 0)
        self._cover_again_soon()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._cover_again()  # a message shown before the bar was hid labels not yet shown

    def _cover_again_soon(self) -> None:
        # A widget added lays the bar out anew, and Qt then shows (in a moment) the labels
        # a message hid: the features placed after the first paint uncovered them under
        # the message the opening of the blog left (the lock taken over).
        if self.currentMessage():
            QTimer.singleShot(0, self, self._cover_again)

    def _cover_again(self) -> None:
        """The message shown now, shown again over the labels, for the time it has left."""
        text = self.currentMessage()
        if not text:
            return
        until = self._message_until
        left = 0 if until is None else max(1, round((until - time.monotonic()) * 1000))
        self.clearMessage()  # the same text again would change nothing
        self.showMessage(text, left)

    def tick(self) -> None:
        self.time.setText(clock_text(self.clock))

    def set_save_state(self, state: str, text: str) -> None:
        label = self.save_state
        if label.text() != text:
            label.setText(text)
        if label.property("state") != state:  # each keystroke says "unsaved" again
            label.setProperty("state", state)
            # The stylesheet colours the label by its state; re-polish to apply the new one.
            label.style().unpolish(label)
            label.style().polish(label)

    def set_shown(self, text: str) -> None:
        """What the timeline filter shows ("2 of 8 shown"), or "" when it shows all."""
        self.shown.setText(f"· {text}" if text else "")
        self.shown.setVisible(bool(text))

    def set_counts(self, entries: int, ready: int, drafts: int) -> None:
        self.counts.setText(counts_text(entries, ready, drafts))
