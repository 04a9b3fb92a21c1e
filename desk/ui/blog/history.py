"""File → Entry history…: the earlier versions the store kept of an entry (one per typing
session), each shown side by side with the entry as it is now, the words that differ
marked; one is restored as a single undoable command."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desk.core.compare import word_changes
from desk.core.model import Entry
from desk.ui.commands.entries import RESTORED_FIELDS, RestoreVersionCommand
from desk.ui.widgets.a11y import named
from desk.ui.widgets.form_keys import form_keys, ok_cancel
from desk.ui.widgets.marks import mark_spans

if TYPE_CHECKING:
    from desk.ui.door import Desk, Handlers

REMOVED = "#fbe3e1"  # only in the chosen version
ADDED = "#e0f2e3"  # only in the entry now
FIRST_WORDS = 10


def version_title(when: datetime, entry: Entry, sep: str = " — ") -> str:
    """14 Mar 13:03 GMT — The regional governor has rejected calls…"""
    words = entry.words()
    text = entry.headline.strip() or " ".join(words[:FIRST_WORDS])
    if not entry.headline.strip() and len(words) > FIRST_WORDS:
        text += "…"
    return f"{when:%d %b %H:%M} GMT{sep}{text or '(empty)'}"


def _lines(entry: Entry) -> list[str]:
    head = [f"Headline: {entry.headline}", f"Author: {entry.author}", ""]
    return head + entry.body.splitlines()


def version_text(entry: Entry) -> str:
    """An entry as the history shows it: headline and author, then the body."""
    return "\n".join(_lines(entry))


class HistoryDialog(QDialog):
    """The versions (newest first) on the left; the chosen one and the entry now side by
    side, the words only in one of them marked."""

    def __init__(
        self, parent: QWidget | None, label: str, versions: list[tuple[datetime, Entry]],
        current: Entry,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.setWindowTitle(f"Entry history — {label}")
        self.resize(900, 520)
        self.versions = versions
        self.current = current
        self.list = named(QListWidget(), "Earlier versions")
        self.list.setWordWrap(True)
        self.list.setSpacing(2)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        palette = self.list.palette()  # the style sheet's selection is light: dark text
        palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#1d1d1b"))
        self.list.setPalette(palette)
        for when, entry in versions:
            item = QListWidgetItem(version_title(when, entry, "\n"))
            item.setToolTip(f"Kept {when:%d %B %Y %H:%M} GMT")
            self.list.addItem(item)
        self.version_pane = self._pane("The chosen version")
        self.now_pane = self._pane("The entry now")
        self.version_title = named(QLabel("<b>This version</b>"), "Chosen version heading")
        now_title = named(QLabel("<b>Now</b>"), "Entry now heading")
        compare = named(QWidget(), "The version and the entry now")
        grid = QGridLayout(compare)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.version_title, 0, 0)
        grid.addWidget(now_title, 0, 1)
        grid.addWidget(self.version_pane, 1, 0)
        grid.addWidget(self.now_pane, 1, 1)
        for one, other in ((self.version_pane, self.now_pane), (self.now_pane, self.version_pane)):
            one.verticalScrollBar().valueChanged.connect(other.verticalScrollBar().setValue)
        split = named(QSplitter(Qt.Orientation.Horizontal), "Versions and changes")
        split.addWidget(self.list)
        split.addWidget(compare)
        split.setSizes([260, 760])
        split.setChildrenCollapsible(False)
        hint = QLabel(
            "Words marked red are in the chosen version only; words marked green are in the "
            "entry now only. Restore puts the chosen version back (Undo takes it back)."
            if versions
            else "Desk has kept no earlier version of this entry yet. A version is kept at the "
            "start of each session of work on it: after a pause of five minutes or more, or "
            "after working on another entry."
        )
        hint.setWordWrap(True)
        hint.setAccessibleName("How to read the history")
        self.box = ok_cancel(self, "Restore")
        self.restore = self.box.button(QDialogButtonBox.StandardButton.Ok)
        self.restore.setEnabled(bool(versions))
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addWidget(hint)
        layout.addWidget(self.box)
        self.list.currentRowChanged.connect(self._show)
        self.list.itemActivated.connect(lambda _item: self.accept())
        form_keys(self, [self.list, self.version_pane, self.now_pane], self.box)
        if versions:
            self.list.setCurrentRow(0)

    def _pane(self, name: str) -> QPlainTextEdit:
        pane = named(QPlainTextEdit(), name)
        pane.setReadOnly(True)
        pane.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        pane.setTabChangesFocus(True)
        return pane

    def _show(self, row: int) -> None:
        now = version_text(self.current)
        self.now_pane.setPlainText(now)
        if not 0 <= row < len(self.versions):
            self.version_pane.clear()
            self.version_title.setText("<b>This version</b>")
            self.now_pane.setExtraSelections([])
            return
        when, version = self.versions[row]
        then = version_text(version)
        self.version_pane.setPlainText(then)
        same = then == now
        self.version_title.setText(
            f"<b>{when:%d %b %H:%M} GMT</b>" + (" — the same as now" if same else "")
        )
        only_then, only_now = word_changes(then, now)
        mark_spans(self.version_pane, only_then, QColor(REMOVED))
        mark_spans(self.now_pane, only_now, QColor(ADDED))

    @classmethod
    def ask(
        cls, parent: QWidget | None, label: str, versions: list[tuple[datetime, Entry]],
        current: Entry, *, can_restore: bool = True,
    ) -> tuple[datetime, Entry] | None:  # fmt: skip
        """The version to restore (when it was kept, the entry), or None."""
        dialog = cls(parent, label, versions, current)
        dialog.restore.setEnabled(bool(versions) and can_restore)
        if dialog.exec() != QDialog.DialogCode.Accepted or not can_restore:
            return None
        row = dialog.list.currentRow()
        return versions[row] if 0 <= row < len(versions) else None


class History:
    """File → Entry history…"""

    def __init__(self, desk: Desk) -> None:
        self.desk = desk

    def handlers(self) -> Handlers:
        return {"entry_history": lambda: show_history(self.desk)}


def show_history(desk: Desk) -> None:
    """File → Entry history… for the selected entry."""
    model, entry = desk.model, desk.selected_entry()
    if model is None or entry is None:
        return
    desk.saving.flush()  # the diff compares with what is saved and shown
    versions = model.store.history(entry.id)
    read_only = model.store.read_only
    chosen = HistoryDialog.ask(
        desk.window, model.blog.label(entry), versions, entry, can_restore=not read_only
    )
    if chosen is None:
        return
    when, version = chosen
    if all(getattr(version, f) == getattr(entry, f) for f in RESTORED_FIELDS):
        desk.say("That version is the same as the entry now", 5000)
        return
    desk.undo_stack.push(RestoreVersionCommand(model, entry.id, version, when))
