"""Undo where the focus is: in a text field it undoes typing (the field's own history);
anywhere else it undoes the last structural change on the window's QUndoStack. The Edit
menu's items say which, by name ("Undo Typing", "Undo Move entry")."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit

TextField = QPlainTextEdit | QLineEdit


def focused_text_field() -> TextField | None:
    widget = QApplication.focusWidget()
    if isinstance(widget, QPlainTextEdit | QLineEdit) and not widget.isReadOnly():
        return widget
    return None


def _can(field: TextField, redo: bool) -> bool:
    if isinstance(field, QPlainTextEdit):
        document = field.document()
        return document.isRedoAvailable() if redo else document.isUndoAvailable()
    return field.isRedoAvailable() if redo else field.isUndoAvailable()


class FocusUndo(QObject):
    def __init__(self, stack: QUndoStack, undo: QAction, redo: QAction, parent: QObject) -> None:
        super().__init__(parent)
        self.stack = stack
        self.undo_action = undo
        self.redo_action = redo
        stack.indexChanged.connect(self.refresh)
        stack.cleanChanged.connect(self.refresh)

    def undo(self) -> None:
        field = focused_text_field()
        if field is not None:
            field.undo()
        else:
            self.stack.undo()
        self.refresh()

    def redo(self) -> None:
        field = focused_text_field()
        if field is not None:
            field.redo()
        else:
            self.stack.redo()
        self.refresh()

    def refresh(self) -> None:
        """Name and enable the Undo and Redo items for where the focus is now."""
        field = focused_text_field()
        if field is not None:
            # The field takes Ctrl+Z itself; the menu items only follow its state.
            self.undo_action.setText("&Undo Typing")
            self.redo_action.setText("&Redo Typing")
            self.undo_action.setEnabled(_can(field, redo=False))
            self.redo_action.setEnabled(_can(field, redo=True))
            return
        self.undo_action.setText(f"&Undo {self.stack.undoText()}".rstrip())
        self.redo_action.setText(f"&Redo {self.stack.redoText()}".rstrip())
        self.undo_action.setEnabled(self.stack.canUndo())
        self.redo_action.setEnabled(self.stack.canRedo())
