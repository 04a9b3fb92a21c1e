"""Words marked in a text pane: the differences the history and the conflict view show."""

from __future__ import annotations

from PySide6.QtGui import QColor, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit


def mark_spans(pane: QPlainTextEdit, spans: list[tuple[int, int]], colour: QColor) -> None:
    """Colour the characters of `spans` (start, end), on whichever line they wrap."""
    selections = []
    for start, end in spans:
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(pane.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor  # type: ignore[attr-defined]
        selection.format.setBackground(colour)  # type: ignore[attr-defined]
        selections.append(selection)
    pane.setExtraSelections(selections)
