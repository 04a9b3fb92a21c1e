"""The Help menu: the keyboard shortcuts, About Desk."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QMessageBox, QWidget

from desk import __version__
from desk.ui.shell.actions import shortcut_table


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
