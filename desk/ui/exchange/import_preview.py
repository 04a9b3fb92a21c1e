"""The import's preview, before the blog is made: what Desk read and what it guessed (the
title, the coverage date), the header, and each entry with its label and stamp, all
editable. Changing the coverage date reads the text again, so the stamps follow it."""

from __future__ import annotations

import copy
import html
import logging
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk.core.errors import DeskError
from desk.core.importers.common import StampMatcher, Unit
from desk.core.model import Blog, Entry, summary
from desk.ui.widgets.a11y import named
from desk.ui.widgets.date_field import DateField
from desk.ui.widgets.form_keys import ok_cancel

if TYPE_CHECKING:
    from desk.core.importers.importing import ImportPreview

log = logging.getLogger(__name__)

LABEL, STAMP, WORDS = 0, 1, 2
STAMP_FORMAT = "%Y-%m-%d %H:%M"
GUESS_STYLE = "QLabel { background: #fff4ce; border: 1px solid #e0c97a; padding: 6px; }"


def stamp_text(entry: Entry) -> str:
    return f"{entry.stamp:{STAMP_FORMAT}}"


def read_stamp(text: str) -> datetime | None:
    """'2025-03-14 21:41' (UTC), or None."""
    try:
        return datetime.strptime(" ".join(text.split()), STAMP_FORMAT).replace(tzinfo=UTC)
    except ValueError:
        return None


def stamp_from_label(blog: Blog, entry: Entry, text: str) -> datetime | None:
    """The stamp a label typed in the blog's own form names ('UPDATE 2150 GMT:'), on the
    entry's day unless the label names another; None when it is no label of an update."""
    found = StampMatcher(blog.labels.update).match(Unit(text.strip(), text.strip()))
    if found is None or found.kind != "update":
        return None
    day = entry.stamp.date()
    if found.day is not None and found.month is not None:
        try:
            day = date(found.year or day.year, found.month, found.day)
        except ValueError:
            return None
    return datetime(day.year, day.month, day.day, found.hour, found.minute, tzinfo=UTC)


class ImportPreviewDialog(QDialog):
    """Drivable without its modal loop: build it, set its fields, read `blog()`."""

    def __init__(self, parent: QWidget | None, preview: ImportPreview) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import — check what Desk read")
        self.resize(860, 640)
        self.preview = preview
        self._blog = copy.deepcopy(preview.blog)
        self.title = named(QLineEdit(self._blog.title), "Title")
        self.date = DateField(self._blog.date, "Coverage date")
        self.date.day_changed.connect(self._date_changed)
        self.guesses = named(QLabel(), "What Desk guessed")
        self.guesses.setWordWrap(True)
        self.guesses.setStyleSheet(GUESS_STYLE)
        self.guesses.setTextFormat(Qt.TextFormat.RichText)
        self.header = named(QPlainTextEdit(self._blog.header), "Header",
                            "Markdown above the updates")  # fmt: skip
        self.header.setTabChangesFocus(True)
        self.header.setMaximumHeight(130)
        self.entries = named(QTableWidget(0, 3), "Entries")
        self.entries.setHorizontalHeaderLabels(["Label", "Stamp (UTC)", "Begins"])
        self.entries.verticalHeader().setVisible(False)
        self.entries.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.entries.horizontalHeader()
        header.setSectionResizeMode(LABEL, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(STAMP, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.entries.itemChanged.connect(self._item_changed)
        self.note = named(QLabel(), "Preview note")
        self.note.setObjectName("counts")
        self.note.setWordWrap(True)

        form = QFormLayout()
        form.addRow("&Title", self.title)
        form.addRow("Coverage &date (UTC)", self.date)
        form.addRow("&Header", self.header)
        self.box = ok_cancel(self, "Make the blog")
        entries_title = named(QLabel("&Entries (double-click a label or a stamp to change it)"),
                              "Entries heading")  # fmt: skip
        entries_title.setBuddy(self.entries)
        layout = QVBoxLayout(self)
        layout.addWidget(self.guesses)
        layout.addLayout(form)
        layout.addWidget(entries_title)
        layout.addWidget(self.entries, 1)
        layout.addWidget(self.note)
        layout.addWidget(self.box)
        self.title.textChanged.connect(self._check)
        self._show_guesses()
        self._fill()
        self._check()
        self.title.setFocus()

    # -- what is shown ---------------------------------------------------------------------

    def _show_guesses(self) -> None:
        said = [html.escape(sentence, quote=False) for _kind, sentence in self.preview.guesses]
        if not said:
            self.guesses.setText("Desk read the title and the date from the file itself.")
            return
        lines = "".join(f"<li>{line}</li>" for line in said)
        self.guesses.setText(f"<b>Desk guessed — check before making the blog:</b><ul>{lines}</ul>")

    def _fill(self) -> None:
        blog = self._blog
        self.entries.blockSignals(True)
        self.entries.setRowCount(0)
        for row, entry in enumerate(blog.timeline()):
            self.entries.insertRow(row)
            label = QTableWidgetItem(blog.label(entry))
            label.setData(Qt.ItemDataRole.UserRole, entry.id)
            stamp = QTableWidgetItem(stamp_text(entry))
            words = QTableWidgetItem(entry.headline or summary(entry.body, words=14))
            words.setFlags(words.flags() & ~Qt.ItemFlag.ItemIsEditable)
            if entry.is_original:  # its label is the blog's, not its time's
                label.setFlags(label.flags() & ~Qt.ItemFlag.ItemIsEditable)
            for column, item in ((LABEL, label), (STAMP, stamp), (WORDS, words)):
                self.entries.setItem(row, column, item)
        self.entries.blockSignals(False)
        count = len(blog.entries)
        self.note.setText(
            f"{count} entr{'y' if count == 1 else 'ies'}; nothing is written until you make "
            "the blog."
        )

    def _item_changed(self, item: QTableWidgetItem) -> None:
        row = item.row()
        first = self.entries.item(row, LABEL)
        if first is None:
            return
        entry = self._blog.entries.get(str(first.data(Qt.ItemDataRole.UserRole)))
        if entry is None:
            return
        if item.column() == STAMP:
            stamp = read_stamp(item.text())
            problem = f"“{item.text()}” is not a stamp: write it as 2025-03-14 21:41"
        else:
            stamp = stamp_from_label(self._blog, entry, item.text())
            problem = f"“{item.text()}” is not a label of this blog's form"
        if stamp is None:
            self.note.setText(problem)
        else:
            entry.stamp = stamp
            self.note.setText(f"{self._blog.label(entry).rstrip(':')}: stamp changed")
        self.entries.blockSignals(True)
        first.setText(self._blog.label(entry))
        stamp_item = self.entries.item(row, STAMP)
        if stamp_item is not None:
            stamp_item.setText(stamp_text(entry))
        self.entries.blockSignals(False)

    def _date_changed(self, day: date) -> None:
        try:
            again = self.preview.again(day)
        except DeskError as error:
            log.warning("the import could not be read again for %s: %s", day, error)
            self.note.setText(str(error))
            return
        again.title, again.header = self.title.text(), self.header.toPlainText()
        self._blog = again
        self._fill()
        self.note.setText(f"Read again for {self.date.edit.text()}: the stamps follow the date")

    def _check(self) -> None:
        ok = self.box.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.title.text().strip()))

    # -- the result --------------------------------------------------------------------------

    def blog(self) -> Blog:
        """The blog to make, as the preview now shows it."""
        blog = copy.deepcopy(self._blog)
        blog.title = self.title.text().strip()
        blog.date = self.date.day()
        blog.header = self.header.toPlainText().strip("\n")
        return blog

    @classmethod
    def ask(cls, parent: QWidget | None, preview: ImportPreview) -> Blog | None:
        dialog = cls(parent, preview)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.blog()
