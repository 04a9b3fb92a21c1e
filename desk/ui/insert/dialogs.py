"""Insert's dialogs: a quote, an image, a link to earlier coverage, a subheading, and the
offer to make a pasted post address a post. The post dialog is in `insert_post`.

Each has one classmethod `ask(parent, initial=None)` returning the value or None, so a
test replaces one call; the OK button stays disabled until what is required is there."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk.core.blocks import Quote
from desk.core.embeds import LINK_LABEL, Embed, is_web_url, media_name
from desk.ui.widgets.a11y import named
from desk.ui.widgets.form_keys import form_keys, layout_fields, ok_cancel

IMAGE_FILTER = "Images (*.jpg *.jpeg *.png *.gif *.webp *.avif *.svg);;All files (*)"
HINT_STYLE = "color: #8a5a00;"


def plain_text(edit: QPlainTextEdit, height: int = 4) -> QPlainTextEdit:
    """A plain-text box of about `height` lines in which Tab moves on, as in a form."""
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * height + 12)
    return edit


class InsertDialog(QDialog):
    """A form, a hint saying what is missing, and OK / Cancel; `check` sets OK's state.
    It opens with the focus in the form's first field (or the one a subclass focused)."""

    def __init__(self, parent: QWidget | None, title: str, ok_text: str = "Insert") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(480)
        self.form = QFormLayout()
        self.hint = named(QLabel(), "What is missing")
        self.hint.setStyleSheet(HINT_STYLE)
        self.hint.setWordWrap(True)
        # Two lines kept for it, shown or not: the fields never move under the pointer.
        self.hint.setMinimumHeight(self.hint.fontMetrics().lineSpacing() * 2 + 4)
        self.box = ok_cancel(self, ok_text)
        self.ok = self.box.button(QDialogButtonBox.StandardButton.Ok)
        self._keys_set = False
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.hint)
        layout.addWidget(self.box)

    def missing(self) -> str:
        """What must still be given before OK, or '' when nothing is missing."""
        return ""

    def check(self) -> None:
        missing = self.missing()
        self.ok.setEnabled(not missing)
        self.hint.setText(missing)

    def showEvent(self, event: QShowEvent) -> None:
        if not self._keys_set:  # once the subclass has laid out its fields
            self._keys_set = True
            fields = layout_fields(self.form)
            chosen = self.focusWidget()
            form_keys(self, fields, self.box, chosen if chosen in fields else None)
        super().showEvent(event)

    def accept(self) -> None:
        if not self.missing():  # Enter in a field presses OK even while it is disabled
            super().accept()


def _row(form: QFormLayout, caption: str, widget: QWidget) -> None:
    label = QLabel(caption)
    label.setBuddy(widget)
    form.addRow(label, widget)


# ---------------------------------------------------------------- quote


class QuoteDialog(InsertDialog):
    def __init__(self, parent: QWidget | None, initial: Quote | None = None) -> None:
        super().__init__(parent, "Insert quote")
        initial = initial or Quote("")
        self.text = named(plain_text(QPlainTextEdit(initial.text), 5), "Quoted words")
        self.attribution = named(
            QLineEdit(initial.attribution, placeholderText="Ilse Varga, regional governor"),
            "Attribution",
        )
        self.source = named(
            QLineEdit(initial.source_url, placeholderText="https://… (optional)"), "Source link"
        )
        _row(self.form, "&Words", self.text)
        _row(self.form, "&Attribution", self.attribution)
        _row(self.form, "&Source link", self.source)
        for line in (self.attribution, self.source):
            line.textChanged.connect(self.check)
        self.text.textChanged.connect(self.check)
        self.check()

    def missing(self) -> str:
        if not self.text.toPlainText().strip():
            return "Type or paste the quoted words."
        if not self.attribution.text().strip():
            return "Say who said it."
        source = self.source.text().strip()
        if source and not is_web_url(source):
            return "The source link must be a web address (https://…)."
        return ""

    def value(self) -> Quote:
        return Quote(
            self.text.toPlainText().strip(),
            self.attribution.text().strip(),
            self.source.text().strip(),
        )

    @classmethod
    def ask(cls, parent: QWidget | None, initial: Quote | None = None) -> Quote | None:
        dialog = cls(parent, initial)
        return dialog.value() if dialog.exec() == QDialog.DialogCode.Accepted else None


# ---------------------------------------------------------------- image


@dataclass(frozen=True)
class ImageChoice:
    """An image embed; `file` is set when its source is a file to copy into media/ (the
    embed's `src` is then filled in by whoever copies it)."""

    embed: Embed
    file: Path | None = None


class ImageDialog(InsertDialog):
    def __init__(self, parent: QWidget | None, initial: Embed | None = None) -> None:
        editing = initial is not None
        super().__init__(parent, *(("Edit image", "OK") if editing else ("Insert image", "Insert")))
        self._base = initial or Embed(type="image")
        self.source = named(
            QLineEdit(self._base.src, placeholderText="A file, or https://…"), "Image file or URL"
        )
        browse = named(QPushButton("&Browse…"), "Choose an image file")
        browse.clicked.connect(self._browse)
        source_row = QHBoxLayout()
        source_row.addWidget(self.source, 1)
        source_row.addWidget(browse)
        self.alt = named(
            QLineEdit(self._base.alt, placeholderText="What the image shows, for those who "
                      "cannot see it"),
            "Alt text (required)",
        )  # fmt: skip
        self.caption = named(plain_text(QPlainTextEdit(self._base.caption), 2), "Caption")
        self.credit = named(
            QLineEdit(self._base.credit, placeholderText="Photo: Name / Agency"), "Credit"
        )
        source_label = QLabel("&File or URL")
        source_label.setBuddy(self.source)
        self.form.addRow(source_label, source_row)
        _row(self.form, "&Alt text", self.alt)
        _row(self.form, "&Caption", self.caption)
        _row(self.form, "C&redit", self.credit)
        for line in (self.source, self.alt, self.credit):
            line.textChanged.connect(self.check)
        self.check()

    def _browse(self) -> None:
        start = self.source.text().strip()
        chosen, _ = QFileDialog.getOpenFileName(self, "Image", start, IMAGE_FILTER)
        if chosen:
            self.source.setText(chosen)

    def _file(self) -> Path | None:
        """The local file named in the source field (not a URL, not media/ already)."""
        src = self.source.text().strip()
        if not src or is_web_url(src) or media_name(src):
            return None
        return Path(src).expanduser()

    def missing(self) -> str:
        src = self.source.text().strip()
        if not src:
            return "Choose an image file or give its web address."
        file = self._file()
        if file is not None and not file.is_file():
            return f"There is no file {file}."
        if not self.alt.text().strip():
            return "Alt text is required: say what the image shows."
        return ""

    def value(self) -> ImageChoice:
        file = self._file()
        embed = replace(
            self._base,
            type="image",
            src="" if file is not None else self.source.text().strip(),
            alt=self.alt.text().strip(),
            caption=self.caption.toPlainText().strip(),
            credit=self.credit.text().strip(),
        )
        return ImageChoice(embed, file)

    @classmethod
    def ask(cls, parent: QWidget | None, initial: Embed | None = None) -> ImageChoice | None:
        dialog = cls(parent, initial)
        return dialog.value() if dialog.exec() == QDialog.DialogCode.Accepted else None


# ---------------------------------------------------------------- link to earlier coverage


class LinkDialog(InsertDialog):
    def __init__(self, parent: QWidget | None, initial: Embed | None = None) -> None:
        editing = initial is not None
        super().__init__(
            parent,
            *(
                ("Edit link to earlier coverage", "OK")
                if editing
                else ("Insert link to earlier coverage", "Insert")
            ),
        )
        self._base = initial or Embed(type="link")
        self.label = named(QLineEdit(self._base.label, placeholderText=LINK_LABEL), "Label")
        self.title = named(
            QLineEdit(self._base.title, placeholderText="Storm Maren reaches the coast"),
            "Title of the earlier coverage",
        )
        self.url = named(QLineEdit(self._base.url, placeholderText="https://…"), "Its address")
        _row(self.form, "&Label", self.label)
        _row(self.form, "&Title", self.title)
        _row(self.form, "&Address", self.url)
        for line in (self.title, self.url):
            line.textChanged.connect(self.check)
        self.check()

    def missing(self) -> str:
        if not self.title.text().strip():
            return "Give the title of the earlier coverage."
        if not is_web_url(self.url.text().strip()):
            return "Give its web address (https://…)."
        return ""

    def value(self) -> Embed:
        return replace(
            self._base,
            type="link",
            label=self.label.text().strip() or LINK_LABEL,
            title=self.title.text().strip(),
            url=self.url.text().strip(),
        )

    @classmethod
    def ask(cls, parent: QWidget | None, initial: Embed | None = None) -> Embed | None:
        dialog = cls(parent, initial)
        return dialog.value() if dialog.exec() == QDialog.DialogCode.Accepted else None


# ---------------------------------------------------------------- subheading


class SubheadingDialog(InsertDialog):
    def __init__(self, parent: QWidget | None, initial: str | None = None) -> None:
        super().__init__(parent, "Insert subheading")
        self.text = named(QLineEdit(initial or "", placeholderText="Evacuation"), "Subheading")
        _row(self.form, "&Subheading", self.text)
        self.text.textChanged.connect(self.check)
        self.check()

    def missing(self) -> str:
        return "" if self.text.text().strip(" #") else "Type the subheading."

    @classmethod
    def ask(cls, parent: QWidget | None, initial: str | None = None) -> str | None:
        dialog = cls(parent, initial)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.text.text().strip()


# ---------------------------------------------------------------- a pasted post address


class PostOffer:
    """Asked after a post's address was pasted alone on a line: make it a post?"""

    @classmethod
    def ask(cls, parent: QWidget | None, url: str, platform: str) -> bool:
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("Insert post")
        box.setText(f"Make this {platform} address an embedded post?")
        box.setInformativeText(url)
        make = box.addButton("Make a post…", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Keep the address", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(make)
        box.exec()
        return box.clickedButton() is make
