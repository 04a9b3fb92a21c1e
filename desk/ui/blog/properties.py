"""File → Blog properties… (title, the published page's address, placeholders, the language
spelling uses) and File → End coverage…
Both change blog.yaml through undoable commands; the autosave writes it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimeZone, QUrl
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk.core.checks import PLACEHOLDERS
from desk.core.clock import to_minute
from desk.core.export.text import long_date
from desk.core.model import Blog
from desk.core.spelling import available_languages
from desk.ui.commands.entries import SetBlogFieldCommand
from desk.ui.widgets.a11y import named
from desk.ui.widgets.dates import from_qdatetime, to_qdatetime
from desk.ui.widgets.form_keys import form_keys, ok_cancel

if TYPE_CHECKING:
    from desk.ui.door import Desk, Handlers


_BARE_SITE = re.compile(r"[\w-]+(\.[\w-]+)+(:\d+)?([/?]|$)")


def with_scheme(url: str) -> str:
    """`url` with https:// in front when it was typed without a scheme
    (`example.com/live` → `https://example.com/live`); anything else as it is."""
    url = url.strip()
    bare = url.removeprefix("//")
    return "https://" + bare if _BARE_SITE.match(bare) and "://" not in url else url


def url_problem(url: str) -> str:
    """Why `url` cannot be the page's address ("" when it can, or when it is empty)."""
    if not url:
        return ""
    parsed = QUrl(url, QUrl.ParsingMode.StrictMode)
    if not parsed.isValid() or parsed.scheme() not in ("http", "https") or not parsed.host():
        return "An address starts with https:// (or http://) and names a site"
    if parsed.hasFragment():
        return "Leave out the part from #: Desk adds #entry-… for each entry"
    return ""


def ended_text(ended: datetime | None) -> str:
    if ended is None:
        return "Coverage has not ended (File → End coverage…)"
    return f"Coverage ended at {ended:%H%M} GMT, {long_date(ended.date())}"


@dataclass
class BlogProperties:
    title: str
    url: str
    placeholders: list[str] = field(default_factory=list)
    language: str = ""  # '' the preferences' default


def placeholder_words(text: str) -> list[str]:
    """The placeholders typed in Blog properties: separated by commas, each once."""
    return list(dict.fromkeys(w.strip() for w in text.split(",") if w.strip()))


class BlogPropertiesDialog(QDialog):
    def __init__(self, parent: QWidget | None, blog: Blog, default_language: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle("Blog properties")
        self.setMinimumWidth(520)
        self.title = named(QLineEdit(blog.title), "Title")
        self.url = named(
            QLineEdit(blog.url, placeholderText="https://example.com/news/live/harbour-storm"),
            "Page address",
            "Where the blog is published; labels in HTML exports link to it",
        )
        self.url.setClearButtonEnabled(True)
        self.hint = named(QLabel(), "Page address hint")
        self.hint.setWordWrap(True)
        self.hint.setObjectName("counts")
        self.placeholders = named(
            QLineEdit(", ".join(blog.placeholders), placeholderText="e.g. FIXME, [photo]"),
            "Placeholders",
            "Words that must not go out in a ready entry, besides "
            + ", ".join(PLACEHOLDERS)
            + " and @name to … notes",
        )
        placeholders_hint = named(
            QLabel(f"Checks always look for {', '.join(PLACEHOLDERS)} and “@name to …” notes"),
            "Placeholders hint",
        )
        placeholders_hint.setWordWrap(True)
        placeholders_hint.setObjectName("counts")
        self.language = named(
            QComboBox(), "Language", "The language its entries are written in, for spelling"
        )
        self.language.setEditable(True)
        self.language.addItem(f"Preferences' default ({default_language})", "")
        for tag in available_languages():
            self.language.addItem(tag, tag)
        if blog.language:
            found = self.language.findData(blog.language)
            if found < 0:
                self.language.addItem(blog.language, blog.language)
                found = self.language.count() - 1
            self.language.setCurrentIndex(found)
        coverage = named(QLabel(long_date(blog.date)), "Coverage date")
        ended = named(QLabel(ended_text(blog.ended)), "Coverage end")
        form = QFormLayout()
        form.addRow("&Title", self.title)
        form.addRow("Page &address", self.url)
        form.addRow("", self.hint)
        form.addRow("&Placeholders", self.placeholders)
        form.addRow("", placeholders_hint)
        form.addRow("&Language", self.language)
        form.addRow("Coverage date", coverage)
        form.addRow("Ended", ended)
        self.box = named(ok_cancel(self), "Buttons")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.box)
        self.title.textChanged.connect(self._check)
        self.url.textChanged.connect(self._check)
        self.url.editingFinished.connect(self._add_scheme)
        self._check()
        form_keys(self, [self.title, self.url], self.box)

    def _check(self) -> None:
        typed = self.url.text().strip()
        problem = url_problem(with_scheme(typed))
        default = "Each label in HTML exports links to this address + #entry-<id>"
        if not problem and typed and with_scheme(typed) != typed:
            default = f"Desk saves it as {with_scheme(typed)}"
        self.hint.setText(problem or default)
        ok = self.box.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.title.text().strip()) and not problem)

    def _add_scheme(self) -> None:
        # Shown in the field as soon as the writer leaves it, so what is saved is what is seen.
        full = with_scheme(self.url.text())
        if full != self.url.text().strip() and not url_problem(full):
            self.url.setText(full)

    def chosen(self) -> BlogProperties:
        return BlogProperties(
            self.title.text().strip(),
            with_scheme(self.url.text()),
            placeholder_words(self.placeholders.text()),
            self._language(),
        )

    def _language(self) -> str:
        typed = self.language.currentText().strip()
        index = self.language.findText(typed)
        if index >= 0:
            return str(self.language.itemData(index) or "")
        return typed.replace("_", "-")

    @classmethod
    def ask(
        cls, parent: QWidget | None, blog: Blog, default_language: str = ""
    ) -> BlogProperties | None:
        dialog = cls(parent, blog, default_language)
        return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None


@dataclass
class CoverageEnd:
    ended: datetime | None  # None: coverage goes on


class EndCoverageDialog(QDialog):
    """When coverage ended, in UTC: now by default, or the time already set; it can be
    cleared when the story comes back to life."""

    def __init__(self, parent: QWidget | None, ended: datetime | None, now: datetime) -> None:
        super().__init__(parent)
        self.setWindowTitle("End coverage")
        moment = to_minute(ended or now)
        self.when = named(
            QDateTimeEdit(to_qdatetime(moment)),
            "Coverage ended at (UTC)",
        )
        self.when.setTimeZone(QTimeZone.utc())
        self.when.setDisplayFormat("HH:mm 'GMT,' d MMMM yyyy")
        self.when.setCalendarPopup(True)
        note = named(QLabel("Exports close with “Coverage ended at …”."), "What it does")
        form = QFormLayout()
        form.addRow("Coverage &ended at", self.when)
        form.addRow("", note)
        self.box = named(QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel), "Buttons")
        end = QPushButton("End coverage" if ended is None else "Change")
        self.box.addButton(end, QDialogButtonBox.ButtonRole.AcceptRole)
        end.setDefault(True)
        self.cleared = False
        if ended is not None:
            clear = QPushButton("Coverage goes on")
            clear.setToolTip("Clear the end: the blog is live again")
            self.box.addButton(clear, QDialogButtonBox.ButtonRole.DestructiveRole)
            clear.clicked.connect(self.clear)
        self.box.accepted.connect(self.accept)
        self.box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.box)
        form_keys(self, [self.when], self.box)

    def clear(self) -> None:
        self.cleared = True
        self.accept()

    def chosen(self) -> CoverageEnd:
        if self.cleared:
            return CoverageEnd(None)
        return CoverageEnd(to_minute(from_qdatetime(self.when.dateTime())))

    @classmethod
    def ask(
        cls, parent: QWidget | None, ended: datetime | None, now: datetime
    ) -> CoverageEnd | None:
        dialog = cls(parent, ended, now)
        return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None


class Properties:
    """File → Blog properties… and File → End coverage…"""

    def __init__(self, desk: Desk) -> None:
        self.desk = desk

    def handlers(self) -> Handlers:
        return {
            "blog_properties": lambda: edit_properties(self.desk),
            "end_coverage": lambda: end_coverage(self.desk),
        }


def edit_properties(desk: Desk) -> None:
    model = desk.model
    if model is None:
        return
    chosen = BlogPropertiesDialog.ask(desk.window, model.blog, desk.prefs.language)
    if chosen is None:
        return
    changes = [
        SetBlogFieldCommand(model, name, value)
        for name, value in (
            ("title", chosen.title),
            ("url", chosen.url),
            ("placeholders", chosen.placeholders),
            ("language", chosen.language),
        )
        if getattr(model.blog, name) != value
    ]
    if len(changes) == 1:
        desk.undo_stack.push(changes[0])
    elif changes:
        desk.undo_stack.beginMacro("Blog properties")
        for command in changes:
            desk.undo_stack.push(command)
        desk.undo_stack.endMacro()


def end_coverage(desk: Desk) -> None:
    model = desk.model
    if model is None:
        return
    chosen = EndCoverageDialog.ask(desk.window, model.blog.ended, desk.clock.now())
    if chosen is None or chosen.ended == model.blog.ended:
        return
    command = SetBlogFieldCommand(model, "ended", chosen.ended)
    if chosen.ended is None:
        command.setText("Clear the end of coverage")
    desk.undo_stack.push(command)
