"""The window's blog-level commands that go through a dialog: new, open, preferences,
trash, export, help. Each asks its dialog's `ask`, then calls the core."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from desk import __version__
from desk.core.errors import DeskError
from desk.core.storage.store import BlogStore
from desk.ui.blog.dialogs import (
    ExportTargetDialog,
    NewBlogDialog,
    OpenBlogDialog,
    PreferencesDialog,
    TrashDialog,
    notify,
)
from desk.ui.commands.entries import RestoreEntryCommand, SetBlogFieldCommand

if TYPE_CHECKING:
    from desk.ui.shell.window import MainWindow

FORMAT_NAMES = {"html": "HTML fragment", "page": "HTML page", "md": "Markdown"}
SUFFIXES = {"html": ".html", "page": ".html", "md": ".md"}


def new_blog(window: MainWindow) -> None:
    chosen = NewBlogDialog.ask(window, window.clock.now().date(), window.prefs.drafts())
    if chosen is None:
        return
    try:
        store, _blog = BlogStore.create(chosen.drafts, chosen.title, chosen.date)
    except DeskError as error:
        notify(window, "Cannot create blog", str(error))
        return
    window.open_blog(store.root)


def open_blog(window: MainWindow) -> None:
    start = window.model.store.root.parent if window.model is not None else window.prefs.drafts()
    chosen = OpenBlogDialog.ask(window, start)
    if chosen is not None:
        window.open_blog(chosen)


def preferences(window: MainWindow) -> None:
    labels = window.model.blog.labels if window.model is not None else None
    chosen = PreferencesDialog.ask(window, window.prefs, labels)
    if chosen is None:
        return
    window.prefs = chosen.preferences
    window.author_bar.setVisible(window.author_bar.wanted())
    try:
        chosen.preferences.save()
    except (OSError, DeskError) as error:
        notify(window, "Preferences not saved", str(error))
    if window.model is not None and chosen.labels is not None and chosen.labels != labels:
        window.undo_stack.push(SetBlogFieldCommand(window.model, "labels", chosen.labels))


def show_trash(window: MainWindow) -> None:
    """The trash of the open blog; the chosen entry comes back, undoably."""
    model = window.model
    if model is None:
        return
    trashed = model.store.trashed()
    deleted = {e.id: when for e in trashed if (when := model.store.trashed_at(e.id)) is not None}
    chosen = TrashDialog.ask(window, model.blog, trashed, deleted=deleted)
    if chosen is None:
        return
    names = {e.id: model.blog.label(e).rstrip().rstrip(":") for e in trashed}
    window.undo_stack.push(RestoreEntryCommand(model, chosen, names.get(chosen, "entry")))
    if chosen in model.blog.entries:
        window.select_entry(chosen)


def export(window: MainWindow, fmt: str) -> None:
    """Export the blog in `fmt` to a file the user picks, through the core writers."""
    from desk.core.export.assemble import export_blog, save_export  # loaded when used
    from desk.core.export.options import ExportOptions

    model = window.model
    if model is None:
        return
    window.autosave.flush()
    suggested = model.store.root.parent / f"{model.store.root.name}{SUFFIXES[fmt]}"
    target = ExportTargetDialog.ask(window, fmt, suggested)
    if target is None:
        return
    options = ExportOptions(format=fmt)
    try:
        result = export_blog(model.blog, options)
        save_export(result, options, model.store.root, target)
    except DeskError as error:
        notify(window, "Export failed", str(error))
        return
    count = len(result.entries)
    window.status.showMessage(
        f"Exported {count} entr{'y' if count == 1 else 'ies'} as {FORMAT_NAMES[fmt]} to {target}",
        8000,
    )
    if result.warnings:
        said = "\n".join(check.in_window for check in result.checks(model.blog))
        notify(window, "Exported, with warnings", f"Exported to {target}.", said)


def show_shortcuts(window: MainWindow) -> None:
    rows = "".join(
        f"<tr><td>{html.escape(name)}</td><td>&nbsp;&nbsp;<b>{html.escape(keys)}</b></td></tr>"
        for name, keys in window.desk_actions.shortcut_table()
    )
    extra = (
        "<tr><td>Delete the selected entry (in the timeline)</td>"
        "<td>&nbsp;&nbsp;<b>Delete</b></td></tr>"
    )
    QMessageBox.information(window, "Keyboard shortcuts", f"<table>{rows}{extra}</table>")


def show_about(window: MainWindow) -> None:
    QMessageBox.about(
        window,
        "About Desk",
        f"<b>Desk {__version__}</b><p>Draft, arrange and export newsroom live blogs offline.</p>",
    )
