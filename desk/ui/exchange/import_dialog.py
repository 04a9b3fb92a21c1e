"""File → Import…: a live blog copied out of a CMS page (or a Desk export) becomes a new
blog folder in the drafts folder, opened at once. The core reads it; this asks where the
text comes from and how to read its stamps."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from desk.core.errors import DeskError
from desk.core.importers.options import ImportOptions
from desk.ui.widgets.a11y import named
from desk.ui.widgets.date_field import DateField
from desk.ui.widgets.form_keys import form_keys, layout_fields, ok_cancel
from desk.ui.widgets.notice import notify

if TYPE_CHECKING:
    from desk.ui.door import Desk, Handlers

FORMATS = (
    ("Detect from the file name or the text", None),
    ("Plain text copied from a CMS page", "text"),
    ("Markdown", "md"),
    ("HTML", "html"),
)
FILE_FILTER = "Live blogs (*.txt *.md *.markdown *.html *.htm);;All files (*)"


@dataclass
class ImportRequest:
    path: Path | None  # None: the clipboard
    options: ImportOptions
    date_given: bool = True  # False: the date was left alone, the text's own dates decide


def clipboard_text() -> tuple[str, str | None]:
    """The clipboard's text and its format: HTML when it holds HTML (a copied web page keeps
    its paragraphs and links there), else its plain text with the format left to sniff."""
    data = QApplication.clipboard().mimeData()
    if data is None:
        return "", None
    if data.hasHtml() and data.html().strip():
        return data.html(), "html"
    if data.hasText():
        return data.text(), None
    return "", None


class ImportDialog(QDialog):
    def __init__(self, parent: QWidget | None, today: date, start: Path, clipboard: bool) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import a live blog")
        self._start = start
        self.from_file = named(QRadioButton("From a &file"), "Import from a file")
        self.from_clipboard = named(
            QRadioButton("From the c&lipboard"), "Import from the clipboard"
        )
        self.from_clipboard.setEnabled(clipboard)
        if not clipboard:
            self.from_clipboard.setToolTip("The clipboard holds no text")
        group = QButtonGroup(self)
        group.addButton(self.from_file)
        group.addButton(self.from_clipboard)
        self.from_file.setChecked(True)
        self.path = named(QLineEdit(placeholderText="The page copied as text, or an export"),
                          "File to import")  # fmt: skip
        self.browse = named(QPushButton("&Browse…"), "Choose the file to import")
        self.browse.clicked.connect(self._browse)
        file_row = QHBoxLayout()
        file_row.addWidget(self.from_file)
        file_row.addWidget(self.path, 1)
        file_row.addWidget(self.browse)

        self.format = named(QComboBox(), "Format")
        for text, value in FORMATS:
            self.format.addItem(text, value)
        self.date = DateField(today, "Coverage date")
        self.date.setToolTip(
            "The day of the oldest update; later ones past midnight move on. Left alone, "
            "Desk reads it from the text's own dates and says so in the preview"
        )
        self.date_given = False
        self.date.day_changed.connect(lambda _day: setattr(self, "date_given", True))
        self.original_set = named(QCheckBox("at"), "Set the original entry's time")
        self.original_at = named(QTimeEdit(QTime(9, 0)), "Original entry time (UTC)")
        self.original_at.setDisplayFormat("HH:mm")
        self.original_at.setEnabled(False)
        self.original_set.toggled.connect(self.original_at.setEnabled)
        original_row = QHBoxLayout()
        original_row.addWidget(self.original_set)
        original_row.addWidget(self.original_at)
        original_row.addWidget(QLabel("GMT (else one minute before the oldest update)"), 1)
        self.label = named(QLineEdit(placeholderText="UPDATE {HH}{MM} GMT:"), "Label format")
        self.label.setToolTip("How the page writes a stamp line; fields {HH} {MM}")
        self.title = named(QLineEdit(placeholderText="From the page or the file's name"), "Title")

        form = QFormLayout()
        form.addRow("F&ormat", self.format)
        form.addRow("Coverage &date (UTC)", self.date)
        form.addRow("Original entry", original_row)
        form.addRow("&Label format", self.label)
        form.addRow("&Title", self.title)
        self.box = ok_cancel(self, "Import")
        layout = QVBoxLayout(self)
        layout.addLayout(file_row)
        layout.addWidget(self.from_clipboard)
        layout.addLayout(form)
        layout.addWidget(self.box)
        for signal in (self.path.textChanged, self.from_file.toggled):
            signal.connect(self._check)
        self._check()
        fields = [w for w in layout_fields(layout) if not self.box.isAncestorOf(w)]
        form_keys(self, fields, self.box, self.path)

    def _browse(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self, "Import", str(self._start), FILE_FILTER)
        if chosen:
            self.path.setText(chosen)
            self.from_file.setChecked(True)

    def _check(self) -> None:
        ok = self.from_clipboard.isChecked() or bool(self.path.text().strip())
        self.box.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def request(self) -> ImportRequest:
        moment = self.original_at.time()
        options = ImportOptions(
            format=self.format.currentData(),
            date=self.date.day(),
            original_at=time(moment.hour(), moment.minute())
            if self.original_set.isChecked()
            else None,
            label=self.label.text().strip() or None,
            title=self.title.text().strip() or None,
        )
        path = None if self.from_clipboard.isChecked() else Path(self.path.text().strip())
        return ImportRequest(path.expanduser() if path else None, options, self.date_given)

    @classmethod
    def ask(
        cls, parent: QWidget | None, today: date, start: Path, clipboard: bool
    ) -> ImportRequest | None:
        dialog = cls(parent, today, start, clipboard)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.request()


class ImportBlog:
    """File → Import…"""

    def __init__(self, desk: Desk) -> None:
        self.desk = desk

    def handlers(self) -> Handlers:
        return {"import_blog": lambda: import_blog(self.desk)}


def import_blog(desk: Desk) -> Path | None:
    """Ask, import into a new folder in the drafts folder, open it. Returns its path."""
    # The importers are loaded when first used, not with the window.
    from desk.core.importers.importing import (
        import_to_folder,
        preview_file,
        preview_import,
        sniff_format,
    )
    from desk.ui.exchange.import_preview import ImportPreviewDialog

    text, _ = clipboard_text()
    drafts = desk.prefs.drafts()
    today = desk.clock.now().date()
    request = ImportDialog.ask(desk.window, today, Path.home(), bool(text.strip()))
    if request is None:
        return None
    options = request.options if request.date_given else replace(request.options, date=None)
    try:
        if request.path is None:
            text, hint = clipboard_text()
            if not text.strip():
                raise DeskError("the clipboard holds no text to import")
            fmt = options.format or hint or sniff_format(text)
            preview = preview_import(text, replace(options, format=fmt), today_is=today)
            source = "the clipboard"
        else:
            preview = preview_file(request.path, options, today_is=today)
            source = request.path.name
    except DeskError as error:
        notify(desk.window, "Import failed", "Nothing was imported.", str(error))
        return None
    blog = ImportPreviewDialog.ask(desk.window, preview)
    if blog is None:
        return None
    try:
        root = import_to_folder(blog, drafts)
    except DeskError as error:
        notify(desk.window, "Import failed", "Nothing was imported.", str(error))
        return None
    if not desk.open_blog(root):
        return None
    count = len(blog.entries)
    desk.say(
        f"Imported {count} entr{'y' if count == 1 else 'ies'} from {source} into {root}", 10000
    )
    return root
