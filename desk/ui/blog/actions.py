"""The blog-level commands that go through a dialog: new, open, preferences, trash and
the quick exports. Each asks its dialog's `ask`, then calls the core."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desk.core.errors import DeskError
from desk.core.storage.store import BlogStore
from desk.ui.blog.dialogs import (
    ExportTargetDialog,
    NewBlogDialog,
    OpenBlogDialog,
    PreferencesDialog,
    TrashDialog,
)
from desk.ui.commands.entries import RestoreEntryCommand, SetBlogFieldCommand
from desk.ui.widgets.notice import notify

if TYPE_CHECKING:
    from desk.ui.door import Desk, Handlers

FORMAT_NAMES = {"html": "HTML fragment", "page": "HTML page", "md": "Markdown"}
SUFFIXES = {"html": ".html", "page": ".html", "md": ".md"}


class BlogActions:
    """New blog, Open blog, Preferences, Trash, and Export as HTML, page or Markdown."""

    def __init__(self, desk: Desk) -> None:
        self.desk = desk

    def handlers(self) -> Handlers:
        desk = self.desk
        return {
            "new_blog": lambda: new_blog(desk),
            "open_blog": lambda: open_blog(desk),
            "preferences": lambda: preferences(desk),
            "trash": lambda: show_trash(desk),
            "export_html": lambda: export(desk, "html"),
            "export_page": lambda: export(desk, "page"),
            "export_md": lambda: export(desk, "md"),
        }


def new_blog(desk: Desk) -> None:
    chosen = NewBlogDialog.ask(desk.window, desk.clock.now().date(), desk.prefs.drafts())
    if chosen is None:
        return
    try:
        store, _blog = BlogStore.create(chosen.drafts, chosen.title, chosen.date)
    except DeskError as error:
        notify(desk.window, "Cannot create blog", str(error))
        return
    desk.open_blog(store.root)


def open_blog(desk: Desk) -> None:
    start = desk.model.store.root.parent if desk.model is not None else desk.prefs.drafts()
    chosen = OpenBlogDialog.ask(desk.window, start)
    if chosen is not None:
        desk.open_blog(chosen)


def preferences(desk: Desk) -> None:
    labels = desk.model.blog.labels if desk.model is not None else None
    chosen = PreferencesDialog.ask(desk.window, desk.prefs, labels)
    if chosen is None:
        return
    desk.prefs = chosen.preferences
    try:
        chosen.preferences.save()
    except (OSError, DeskError) as error:
        notify(desk.window, "Preferences not saved", str(error))
    if desk.model is not None and chosen.labels is not None and chosen.labels != labels:
        desk.undo_stack.push(SetBlogFieldCommand(desk.model, "labels", chosen.labels))


def show_trash(desk: Desk) -> None:
    """The trash of the open blog; the chosen entry comes back, undoably."""
    model = desk.model
    if model is None:
        return
    trashed = model.store.trashed()
    deleted = {e.id: when for e in trashed if (when := model.store.trashed_at(e.id)) is not None}
    chosen = TrashDialog.ask(desk.window, model.blog, trashed, deleted=deleted)
    if chosen is None:
        return
    names = {e.id: model.blog.label(e).rstrip().rstrip(":") for e in trashed}
    desk.undo_stack.push(RestoreEntryCommand(model, chosen, names.get(chosen, "entry")))
    if chosen in model.blog.entries:
        desk.select_entry(chosen)


def export(desk: Desk, fmt: str) -> None:
    """Export the blog in `fmt` to a file the user picks, through the core writers."""
    from desk.core.export.assemble import export_blog, save_export  # loaded when used
    from desk.core.export.options import ExportOptions

    model = desk.model
    if model is None:
        return
    desk.saving.flush()
    suggested = model.store.root.parent / f"{model.store.root.name}{SUFFIXES[fmt]}"
    target = ExportTargetDialog.ask(desk.window, fmt, suggested)
    if target is None:
        return
    options = ExportOptions(format=fmt)
    try:
        result = export_blog(model.blog, options)
        save_export(result, options, model.store.root, target)
    except DeskError as error:
        notify(desk.window, "Export failed", str(error))
        return
    count = len(result.entries)
    desk.say(
        f"Exported {count} entr{'y' if count == 1 else 'ies'} as {FORMAT_NAMES[fmt]} to {target}",
        8000,
    )
    if result.warnings:
        said = "\n".join(check.in_window for check in result.checks(model.blog))
        notify(desk.window, "Exported, with warnings", f"Exported to {target}.", said)
