"""How every dialog of Desk takes the keyboard: it opens with the focus in its first field,
Tab goes from field to field (out of a multi-line field too) and then to the buttons,
Enter in a single-line field or Ctrl+Enter anywhere presses OK when OK may be pressed."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLayout,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QWidget,
)

ACCEPT_KEYS = ("Ctrl+Return", "Ctrl+Enter")


def ok_cancel(dialog: QDialog, ok_text: str = "OK") -> QDialogButtonBox:
    """OK (named `ok_text`) and Cancel, wired to accept and reject."""
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    box.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


def accept_button(box: QDialogButtonBox) -> QPushButton | None:
    ok = box.button(QDialogButtonBox.StandardButton.Ok)
    if ok is not None:
        return ok
    for button in box.buttons():
        if box.buttonRole(button) == QDialogButtonBox.ButtonRole.AcceptRole:
            return button if isinstance(button, QPushButton) else None
    return None


def layout_fields(layout: QLayout) -> list[QWidget]:
    """The widgets that take the keyboard in `layout`, in the order they are laid out."""
    found: list[QWidget] = []
    for i in range(layout.count()):
        item = layout.itemAt(i)
        if item is None:
            continue
        widget, inner = item.widget(), item.layout()
        if inner is not None:
            found += layout_fields(inner)
        elif widget is not None:
            found += widget_fields(widget)
    return found


def _tabs(widget: QWidget) -> bool:
    return bool(widget.focusPolicy().value & Qt.FocusPolicy.TabFocus.value)


def widget_fields(widget: QWidget) -> list[QWidget]:
    if _tabs(widget):
        return [widget]
    inner = widget.layout()
    return layout_fields(inner) if inner is not None else []


def form_keys(
    dialog: QDialog,
    fields: Sequence[QWidget],
    box: QDialogButtonBox,
    first: QWidget | None = None,
) -> None:
    """Give `dialog` the keyboard behaviour above. `fields` in tab order; `first` gets the
    focus on opening (default: the first field)."""
    for field in fields:
        if isinstance(field, QPlainTextEdit | QTextEdit):
            field.setTabChangesFocus(True)
    buttons = [b for b in box.buttons() if isinstance(b, QPushButton)]
    ok = accept_button(box)
    for button in buttons:
        button.setAutoDefault(False)  # Enter presses OK, never the button that has focus
    if ok is not None:
        ok.setDefault(True)
    for before, after in itertools.pairwise([*fields, *buttons]):
        QWidget.setTabOrder(before, after)
    start = first or (fields[0] if fields else None)
    if start is not None:
        start.setFocus()  # the dialog is not shown yet: it opens with the focus there

    def press_ok() -> None:
        if ok is not None and ok.isEnabled() and ok.isVisible():
            ok.click()

    for keys in ACCEPT_KEYS:
        QShortcut(QKeySequence(keys), dialog).activated.connect(press_ok)
