"""The Help menu: the keyboard shortcuts, the log, About Desk."""

from __future__ import annotations

import html

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desk import __version__
from desk.core.log import recent
from desk.ui.shell.actions import shortcut_table
from desk.ui.widgets.a11y import named


def show_shortcuts(parent: QWidget) -> None:
    rows = "".join(
        f"<tr><td>{html.escape(name)}</td><td>&nbsp;&nbsp;<b>{html.escape(keys)}</b></td></tr>"
        for name, keys in shortcut_table()
    )
    extra = (
        "<tr><td>Delete the selected entry (in the timeline)</td>"
        "<td>&nbsp;&nbsp;<b>Delete</b></td></tr>"
    )
    QMessageBox.information(parent, "Keyboard shortcuts", f"<table>{rows}{extra}</table>")


def show_about(parent: QWidget) -> None:
    QMessageBox.about(
        parent,
        "About Desk",
        f"<b>Desk {__version__}</b><p>Draft, arrange and export newsroom live blogs offline.</p>",
    )


class LogDialog(QDialog):
    """Help → Show log: the last lines Desk logged in this run, to copy into a bug report."""

    def __init__(self, parent: QWidget | None, lines: list[str]) -> None:
        super().__init__(parent)
        self.setWindowTitle("Desk's log")
        self.resize(760, 420)
        about = QLabel(
            f"The last {len(lines)} lines Desk logged since it started (Desk {__version__}). "
            "Copy them into a bug report; they hold file names, never an entry's words."
        )
        about.setWordWrap(True)
        self.text = named(QPlainTextEdit(), "Log lines")
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setPlainText("\n".join(lines) or "Nothing logged yet.")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = buttons.addButton("Copy all", QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(self.copy)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text.toPlainText())


def show_log(parent: QWidget) -> None:
    dialog = LogDialog(parent, recent())
    dialog.exec()
    dialog.deleteLater()
