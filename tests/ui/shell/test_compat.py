"""Long sessions survive: PySide6 6.12 lost references to None and True on Python 3.11
until the interpreter aborted; the project pins a PySide6 without that bug there."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, QTimer, Signal


class Emitter(QObject):
    fired = Signal(str)


def test_many_void_calls_and_emits_keep_none_and_true_alive() -> None:
    emitter = Emitter()
    emitter.fired.connect(lambda _text: None)
    timer = QTimer()
    # Far more calls than None and True have references: an affected PySide6 aborts here.
    for _ in range(50_000):
        timer.stop()
        emitter.fired.emit("keystroke")
    assert sys.getrefcount(None) > 0 and sys.getrefcount(True) > 0
