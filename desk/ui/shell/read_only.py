"""The editor of a read-only blog: every field read-only (the find bar aside, so that
searching still works), every button and choice inert, and back again."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

Editable = QLineEdit | QPlainTextEdit | QTextEdit | QAbstractSpinBox


def lock_editor(editor: QWidget) -> list[QWidget]:
    """Switch the editor's fields off; returns what was changed."""
    changed: list[QWidget] = []
    find_bar = getattr(editor, "find_bar", None)
    for widget in editor.findChildren(QWidget):
        if find_bar is not None and (widget is find_bar or find_bar.isAncestorOf(widget)):
            continue
        if isinstance(widget, Editable) and not widget.isReadOnly():
            widget.setReadOnly(True)
            changed.append(widget)
        elif isinstance(widget, QComboBox | QAbstractButton) and widget.isEnabled():
            widget.setEnabled(False)
            changed.append(widget)
    return changed


def unlock_editor(changed: list[QWidget]) -> None:
    for widget in changed:
        if isinstance(widget, Editable):
            widget.setReadOnly(False)
        else:
            widget.setEnabled(True)
