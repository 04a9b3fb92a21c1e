"""Keys and menu texts as people read them."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence


def plain(text: str) -> str:
    """A menu text without its mnemonic and ellipsis."""
    return text.replace("&", "").rstrip("…")


def native(keys: str) -> str:
    """Keys as this platform writes them (Ctrl+N, ⌘N)."""
    return QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)
