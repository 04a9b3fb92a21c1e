"""Insert → Post: a post on X, Telegram, Bluesky, YouTube or Instagram, from its address or
its embed code. What the address or the code holds fills the fields; the journalist adds
the rest (text, author, date: what the export's offline fallback shows)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desk.core.embeds import (
    PLATFORM_NAMES,
    POST_TYPES,
    Embed,
    date_from_post_id,
    embed_from_url,
    embed_warnings,
    iso_date,
    parse_embed_code,
    parse_post_url,
)
from desk.core.errors import DeskError
from desk.ui.insert.dialogs import InsertDialog, plain_text
from desk.ui.widgets.a11y import named

WARNING_STYLE = "color: #b3261e;"
MUTED_STYLE = "color: #57606a;"
# Fields that embed code may hold; each fills its widget only when the code has it.
CODE_FIELDS = ("author", "handle", "date", "text")


def _under(field: QWidget, note: QLabel) -> QWidget:
    """A field with a note below it that takes no room while hidden."""
    pair = QWidget()
    layout = QVBoxLayout(pair)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(field)
    layout.addWidget(note)
    return pair


def _beside(field: QWidget, note: QLabel) -> QWidget:
    """A field with a note on its right, which keeps its room while empty."""
    pair = QWidget()
    layout = QHBoxLayout(pair)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(field, 1)
    layout.addWidget(note, 1)
    return pair


def id_date(url: str) -> str:
    """The date a post's address carries in its id, or ""."""
    ref = parse_post_url(url)
    return date_from_post_id(ref.platform, ref.post_id) if ref is not None else ""


def _canonical(url: str) -> str:
    ref = parse_post_url(url)
    return ref.url if ref is not None else url.strip()


class PostDialog(InsertDialog):
    def __init__(self, parent: QWidget | None, initial: Embed | None = None) -> None:
        editing = initial is not None
        super().__init__(parent, *(("Edit post", "OK") if editing else ("Insert post", "Insert")))
        self.setMinimumWidth(560)
        self._base = initial if initial is not None and initial.is_post else Embed(type="x")
        self.url = named(
            QLineEdit(self._base.url, placeholderText="Paste the post's address"), "Post address"
        )
        self.found = named(QLabel(), "What the address holds")
        self.found.setStyleSheet(MUTED_STYLE)
        self.code = named(plain_text(QPlainTextEdit(), 3), "Embed code")
        self.code.setPlaceholderText("…or paste the platform's embed code: it fills the fields")
        self.code_status = named(QLabel(), "What the embed code holds")
        self.code_status.setWordWrap(True)
        self.code_status.hide()
        self.platform = named(QComboBox(), "Platform")
        for kind in POST_TYPES:
            self.platform.addItem(PLATFORM_NAMES[kind], kind)
        self.platform.setCurrentIndex(self.platform.findData(self._base.type))
        self.author = named(QLineEdit(self._base.author, placeholderText="Name"), "Author")
        self.handle = named(
            QLineEdit(self._base.handle, placeholderText="handle or channel"), "Handle"
        )
        self.date = named(QLineEdit(self._base.date, placeholderText="2025-03-14"), "Date")
        self.date_source = named(QLabel(), "Where the date comes from")
        self.date_source.setStyleSheet(MUTED_STYLE)
        # A date that the address gives is the address's until the journalist types one.
        self.date_typed = bool(self._base.date) and self._base.date != id_date(self._base.url)
        self.text = named(plain_text(QPlainTextEdit(self._base.text), 5), "Text of the post")
        self.warnings = named(QLabel(), "Warnings")
        self.warnings.setObjectName("postWarnings")
        self.warnings.setStyleSheet(WARNING_STYLE)
        self.warnings.setWordWrap(True)

        rows: tuple[tuple[str, QWidget, QWidget], ...] = (
            ("&Address", self.url, _under(self.url, self.found)),
            ("Embed &code", self.code, _under(self.code, self.code_status)),
            ("&Platform", self.platform, self.platform), ("A&uthor", self.author, self.author),
            ("&Handle", self.handle, self.handle),
            ("&Date", self.date, _beside(self.date, self.date_source)),
            ("&Text", self.text, self.text),
        )  # fmt: skip
        for caption, buddy, field in rows:
            label = QLabel(caption)
            label.setBuddy(buddy)
            self.form.addRow(label, field)
        self.form.addRow(self.warnings)
        note = QLabel("Text, author and date are what readers see where the platform's embed "
                      "does not load.")  # fmt: skip
        note.setStyleSheet(MUTED_STYLE)
        note.setWordWrap(True)
        self.form.addRow(note)

        self.url.textEdited.connect(self._url_edited)
        self.url.textChanged.connect(self._date_from_url)
        self.date.textEdited.connect(self._date_edited)
        self.url.editingFinished.connect(self._url_finished)
        self.code.textChanged.connect(self._code_changed)
        self.platform.currentIndexChanged.connect(self.check)
        for line in (self.url, self.author, self.handle, self.date):
            line.textChanged.connect(self.check)
        self.text.textChanged.connect(self.check)
        self._show_found(self.url.text())
        if self._base.date and not self.date_typed:
            self.date_source.setText("from the post's id")
        self.check()
        (self.text if self._base.url and not self._base.text else self.url).setFocus()

    # -- what the address and the code hold -----------------------------------------------

    def _url_edited(self, text: str) -> None:
        if "<" in text:  # embed code pasted into the address field
            self.code.setPlainText(text)
            return
        found = embed_from_url(text)
        if found is not None:
            self.platform.setCurrentIndex(self.platform.findData(found.type))
            if found.handle:
                self.handle.setText(found.handle)
        self._show_found(text)

    def _date_from_url(self, url: str) -> None:
        """The date the address's id gives, for as long as the journalist has typed none."""
        if self.date_typed:
            return
        found = id_date(url)
        self.date.setText(found)
        if found:
            self.date_source.setText("from the post's id")
        elif parse_post_url(url) is not None:
            self.date_source.setText("the address gives no date: type it")
        else:
            self.date_source.setText("")

    def _date_edited(self, text: str) -> None:
        """A date typed is the journalist's; emptied, the address gives it again."""
        self.date_typed = bool(text.strip())
        if self.date_typed:
            self.date_source.setText("")
        else:
            self._date_from_url(self.url.text())

    def _url_finished(self) -> None:
        """Tracking parameters off, once the writer is done with the address."""
        canonical = _canonical(self.url.text())
        if canonical != self.url.text():
            self.url.setText(canonical)
            self._show_found(canonical)

    def _show_found(self, text: str) -> None:
        ref = parse_post_url(text)
        if ref is None:
            self.found.setText("")
            self.found.hide()
            return
        parts = [PLATFORM_NAMES[ref.platform]]
        if ref.handle:
            parts.append(ref.handle if ref.handle.startswith("did:") else f"@{ref.handle}")
        parts.append(f"post {ref.post_id}")
        self.found.setText(" · ".join(parts) + f"\n{ref.url}")
        self.found.show()

    def _code_changed(self) -> None:
        code = self.code.toPlainText()
        if not code.strip():
            self._code_said("", MUTED_STYLE)
            return
        try:
            embed = parse_embed_code(code)
        except DeskError as error:
            self._code_said(str(error), WARNING_STYLE)
            return
        if embed is None:
            self._code_said("Desk does not know this as a platform's embed code.", WARNING_STYLE)
            return
        self.fill(embed)
        held = [name for name in ("url", *CODE_FIELDS) if getattr(embed, name)]
        what = ", ".join("address" if name == "url" else name for name in held)
        self._code_said(f"Read a {PLATFORM_NAMES[embed.type]} post: {what}.", MUTED_STYLE)

    def _code_said(self, text: str, style: str) -> None:
        self.code_status.setText(text)
        self.code_status.setStyleSheet(style)
        self.code_status.setVisible(bool(text))

    def fill(self, embed: Embed) -> None:
        """Take a post read from embed code: its address, and each field it holds."""
        self._base = embed
        self.platform.setCurrentIndex(self.platform.findData(embed.type))
        self.url.setText(embed.url)
        self._show_found(embed.url)
        for name in CODE_FIELDS:
            value = getattr(embed, name)
            if not value or (name == "date" and self.date_typed):
                continue
            widget = getattr(self, name)
            if isinstance(widget, QPlainTextEdit):
                widget.setPlainText(value)
            else:
                widget.setText(value)
        if embed.date and not self.date_typed and embed.date != id_date(embed.url):
            self.date_source.setText("from the embed code")

    # -- the result -----------------------------------------------------------------------

    def value(self) -> Embed:
        url = _canonical(self.url.text())
        base = self._base
        if url != _canonical(base.url):  # another post now: its old Bluesky URI is not its
            base = replace(base, uri="", extra={k: v for k, v in base.extra.items() if k != "cid"})
        date = self.date.text().strip()
        return replace(
            base,
            type=str(self.platform.currentData()),
            url=url,
            author=self.author.text().strip(),
            handle=self.handle.text().strip().lstrip("@"),
            date=iso_date(date) or date,
            text=self.text.toPlainText().strip(),
        )

    def missing(self) -> str:
        if not self.url.text().strip() and not self.text.toPlainText().strip():
            return "Paste the post's address or its embed code."
        return ""

    def check(self) -> None:
        super().check()
        shown = bool(self.url.text().strip() or self.text.toPlainText().strip())
        warnings = embed_warnings(self.value()) if shown else []
        self.warnings.setText("\n".join(f"⚠ {w}" for w in warnings))
        self.warnings.setVisible(bool(warnings))

    @classmethod
    def ask(cls, parent: QWidget | None, initial: Embed | None = None) -> Embed | None:
        dialog = cls(parent, initial)
        return dialog.value() if dialog.exec() == QDialog.DialogCode.Accepted else None
