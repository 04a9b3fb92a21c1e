"""The export commands in the window: the copies for the CMS, key events and pinning, the
export dialog, blog properties and the end of coverage."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desk.ui.blog.properties import edit_properties, end_coverage
from desk.ui.export.cms_copy import Copier
from desk.ui.export.dialog import ExportDialog

if TYPE_CHECKING:
    from desk.ui.shell.window import MainWindow


def install(window: MainWindow) -> Copier:
    """Connect the actions to their commands; the copier keeps the render cache."""
    copier = Copier(window)
    window.desk_actions.connect({
        "export_dialog": lambda: ExportDialog.run(window, copier.cache),
        "blog_properties": lambda: edit_properties(window),
        "end_coverage": lambda: end_coverage(window),
    })  # fmt: skip
    return copier
