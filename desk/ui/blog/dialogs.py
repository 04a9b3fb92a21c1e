"""Dialogs. Each exposes one classmethod `ask(parent, ...)` that returns the result or
None, so a test replaces one call instead of driving a modal window."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import ClassVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk.core.model import MONTHS, Blog, Entry, Labels
from desk.core.prefs import Preferences
from desk.ui.timeline.conflict_marks import trash_caption
from desk.ui.widgets.a11y import named
from desk.ui.widgets.date_field import DateField
from desk.ui.widgets.form_keys import form_keys
from desk.ui.widgets.form_keys import ok_cancel as _buttons


@dataclass
class NewBlog:
    title: str
    date: date
    drafts: Path


class NewBlogDialog(QDialog):
    def __init__(self, parent: QWidget | None, today: date, drafts: Path) -> None:
        super().__init__(parent)
        self.setWindowTitle("New blog")
        self.title = named(QLineEdit(placeholderText="Storm Maren hits the coast"), "Title")
        self.date = DateField(today, "Coverage date")  # takes a whole typed date
        self.drafts = named(QLineEdit(str(drafts)), "Drafts folder")
        browse = named(QPushButton("Browse…"), "Choose drafts folder")
        browse.clicked.connect(self._browse)
        folder = QHBoxLayout()
        folder.addWidget(self.drafts, 1)
        folder.addWidget(browse)
        form = QFormLayout()
        form.addRow("&Title", self.title)
        form.addRow("Coverage &date (UTC)", self.date)
        folder_caption = QLabel("Drafts &folder")  # a buddy, so & is the mnemonic, not text
        folder_caption.setBuddy(self.drafts)
        form.addRow(folder_caption, folder)
        self.box = _buttons(self, "Create")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.box)
        self.title.textChanged.connect(self._check)
        self._check()
        form_keys(self, [self.title, self.date, self.drafts, browse], self.box)

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "Drafts folder", self.drafts.text())
        if chosen:
            self.drafts.setText(chosen)

    def _check(self) -> None:
        ok = self.box.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.title.text().strip()))

    @classmethod
    def ask(cls, parent: QWidget | None, today: date, drafts: Path) -> NewBlog | None:
        dialog = cls(parent, today, drafts)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        chosen = dialog.date.day()
        return NewBlog(dialog.title.text().strip(), chosen, Path(dialog.drafts.text()).expanduser())


@dataclass
class PreferencesResult:
    preferences: Preferences
    labels: Labels | None  # None: no blog is open


class PreferencesDialog(QDialog):
    """Default author, drafts folder and spelling language (the user's), label formats (the
    open blog's)."""

    def __init__(self, parent: QWidget | None, prefs: Preferences, labels: Labels | None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self.author = named(QLineEdit(prefs.default_author), "Default author")
        self.drafts = named(QLineEdit(prefs.drafts_folder), "Drafts folder")
        self.drafts.setPlaceholderText(str(prefs.drafts()))
        form = QFormLayout()
        form.addRow("Default &author", self.author)
        form.addRow("&Drafts folder", self.drafts)
        self.language = named(
            QLineEdit(prefs.language, placeholderText="en-GB"),
            "Spelling language",
            "For blogs whose Blog properties name no language (en-GB, en-US, de-DE…)",
        )
        form.addRow("&Spelling language", self.language)
        self.label_edits: dict[str, QLineEdit] = {}
        if labels is not None:
            form.addRow(QLabel("<b>Labels of this blog</b>"))
            names = {
                "update": "&Update",
                "update_other_day": "Update, &other day",
                "original": "&Original entry",
                "pinned": "&Pinned line",
            }
            for key, value in labels.all_formats().items():
                edit = named(QLineEdit(value), f"Label format: {key.replace('_', ' ')}")
                self.label_edits[key] = edit
                form.addRow(names[key], edit)
            hint = QLabel("Fields: {HH} {MM} {day} {month}")
            hint.setAccessibleName("Label fields")
            form.addRow("", hint)
        box = _buttons(self, "Save")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(box)
        fields = [self.author, self.drafts, self.language, *self.label_edits.values()]
        form_keys(self, fields, box)

    @classmethod
    def ask(
        cls, parent: QWidget | None, prefs: Preferences, labels: Labels | None
    ) -> PreferencesResult | None:
        dialog = cls(parent, prefs, labels)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        chosen = replace(
            prefs,
            default_author=dialog.author.text().strip(),
            drafts_folder=dialog.drafts.text().strip(),
            language=dialog.language.text().strip().replace("_", "-") or prefs.language,
        )
        new_labels = None
        if labels is not None:
            new_labels = Labels.from_mapping({k: e.text() for k, e in dialog.label_edits.items()})
        return PreferencesResult(chosen, new_labels)


def deleted_text(when: datetime | None) -> str:
    """deleted 13:03 GMT, 14 Mar"""
    if when is None:
        return ""
    return f"deleted {when:%H:%M} GMT, {when.day} {MONTHS[when.month - 1][:3]}"


class TrashDialog(QDialog):
    """The trashed entries of the open blog, each with when it was deleted; one is chosen
    to restore."""

    def __init__(
        self,
        parent: QWidget | None,
        blog: Blog,
        entries: list[Entry],
        deleted: dict[str, datetime] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Trash")
        self.resize(560, 360)
        self.list = named(QListWidget(), "Trashed entries")
        self.list.setSpacing(1)
        palette = self.list.palette()  # the style sheet's selection is light: dark text
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            palette.setColor(group, QPalette.ColorRole.HighlightedText, QColor("#1d1d1b"))
        self.list.setPalette(palette)
        deleted = deleted or {}
        for entry in entries:
            words = " ".join(entry.words()[:10])
            when = deleted_text(deleted.get(entry.id))
            text = f"{trash_caption(blog, entry)}{blog.label(entry)}  {entry.headline or words}"
            text += f"\n{when}" if when else ""
            item = QListWidgetItem(text)
            item.setToolTip(when)
            item.setData(Qt.ItemDataRole.UserRole, entry.id)
            self.list.addItem(item)
        empty = named(QLabel("The trash is empty." if not entries else ""), "Trash state")
        self.list.setCurrentRow(0)
        self.list.itemActivated.connect(lambda _item: self.accept())
        box = _buttons(self, "Restore")
        box.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(entries))
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        if not entries:
            layout.addWidget(empty)
        layout.addWidget(box)
        form_keys(self, [self.list], box)

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        blog: Blog,
        entries: list[Entry],
        deleted: dict[str, datetime] | None = None,
    ) -> str | None:
        """The id of the entry to restore, or None."""
        dialog = cls(parent, blog, entries, deleted)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.list.currentItem() is None:
            return None
        return str(dialog.list.currentItem().data(Qt.ItemDataRole.UserRole))


class OpenBlogDialog:
    @classmethod
    def ask(cls, parent: QWidget | None, start: Path) -> Path | None:
        chosen = QFileDialog.getExistingDirectory(parent, "Open blog folder", str(start))
        return Path(chosen) if chosen else None


class ExportTargetDialog:
    FILTERS: ClassVar[dict[str, str]] = {
        "html": "HTML fragment (*.html)",
        "page": "HTML page (*.html)",
        "md": "Markdown (*.md)",
    }

    @classmethod
    def ask(cls, parent: QWidget | None, fmt: str, suggested: Path) -> Path | None:
        chosen, _ = QFileDialog.getSaveFileName(parent, "Export", str(suggested), cls.FILTERS[fmt])
        return Path(chosen) if chosen else None


class CloseChoice(Enum):
    RETRY = "retry"
    DISCARD = "discard"
    CANCEL = "cancel"


class UnsavedDialog:
    """Asked on close when a save failed: the text is still only in memory."""

    @classmethod
    def ask(cls, parent: QWidget | None, error: str) -> CloseChoice:
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Unsaved changes")
        box.setText("Some changes could not be saved.")
        box.setInformativeText(f"{error}\n\nClose anyway and lose them?")
        retry = box.addButton("Try again", QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton("Close without saving", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(retry)
        box.exec()
        if box.clickedButton() is retry:
            return CloseChoice.RETRY
        if box.clickedButton() is discard:
            return CloseChoice.DISCARD
        return CloseChoice.CANCEL
