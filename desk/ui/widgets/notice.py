"""A warning that does not block, in its own small module: the window's start needs it
(a blog that cannot be opened, one opened read-only) and not the dialogs beside it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox


def notify(parent: QWidget, title: str, text: str, detail: str = "") -> QMessageBox:
    """A warning that does not block (autosave failures, files that could not be read):
    the writer keeps typing while it is open."""
    from PySide6.QtWidgets import QMessageBox  # named on first use (see desk.ui)

    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if detail:
        box.setInformativeText(detail)
    box.setWindowModality(Qt.WindowModality.NonModal)
    box.show()
    return box
