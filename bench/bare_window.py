"""The floor for `desk open`: a bare PySide6 window with the same widgets as Desk's
(QMainWindow, QSplitter, QListView, QPlainTextEdit, QTextBrowser) at 1200×800, and nothing
else. Prints `desk: first paint <ms> ms` on stderr when its list view first paints, timed
the way `desk.ui.shell.app` times it, so bench/run.py launches and measures both the same way.

It imports nothing from Desk: the point is what Qt and Python cost on their own."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import (
    QApplication,
    QListView,
    QMainWindow,
    QPlainTextEdit,
    QSplitter,
    QTextBrowser,
    QWidget,
)

_IMPORTED_AT = time.perf_counter()
ROWS = 50


def ms_since_start() -> float:
    """Milliseconds since the process started, from /proc (as desk.ui.shell.app measures)."""
    try:
        stat = Path("/proc/self/stat").read_text()
        started_ticks = int(stat.rsplit(")", 1)[1].split()[19])
        started = started_ticks / os.sysconf("SC_CLK_TCK")
        return (time.clock_gettime(time.CLOCK_BOOTTIME) - started) * 1000
    except (OSError, ValueError, IndexError, AttributeError):
        return (time.perf_counter() - _IMPORTED_AT) * 1000


class ListView(QListView):
    """Announces its first paint with rows, once."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._painted = False

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted and self.model() is not None and self.model().rowCount() > 0:
            self._painted = True
            print(f"desk: first paint {ms_since_start():.0f} ms", file=sys.stderr, flush=True)


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("Bare window")
    split = QSplitter(Qt.Orientation.Horizontal)
    rows = ListView()
    rows.setModel(QStringListModel([f"Update {i:02d}00 GMT" for i in range(ROWS)], rows))
    split.addWidget(rows)
    split.addWidget(QPlainTextEdit("The body of an entry."))
    split.addWidget(QTextBrowser())
    split.setSizes([360, 420, 420])
    window.setCentralWidget(split)
    window.resize(1200, 800)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
