"""The status bar: the save state, the counts, and a live clock in GMT with local time."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QStatusBar, QWidget

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
    """The save state, the counts and the notes features put there on the left, the clock
    on the right; a message covers the left part.

    The left part is one strip, shown and hidden by the bar itself as messages come and
    go. QStatusBar hides its parts for a message, but shows them again under it whenever it
    lays itself out anew (a part added, a text grown taller) or a part's owner shows it (the
    Problems note, as a long blog's load finishes)."""

    def __init__(self, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.clock = clock
        self.setAccessibleName("Status bar")
        self._strip = named(QWidget(self), "Save state and counts")
        self._row = QHBoxLayout(self._strip)
        self._row.setContentsMargins(0, 0, 0, 0)
        self._row.addStretch(1)  # the parts to the left, whichever of them are shown
        super().addWidget(self._strip, 1)
        self.messageChanged.connect(lambda text: self._strip.setVisible(not text))
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
        self.addWidget(self.shown)
        self.addPermanentWidget(self.time)
        self._ticker = QTimer(self, interval=1000)
        self._ticker.timeout.connect(self.tick)
        self._ticker.start()
        self.tick()

    def addWidget(self, widget: QWidget, stretch: int | None = 0) -> None:
        """A part on the left, after the others: a message covers it with them."""
        self._row.insertWidget(self._row.count() - 1, widget, stretch or 0)

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
