"""The export dialog (Ctrl+E): format, the CMS it is for, entries, order, embed style and the
key events list;
the output as it will be, a moment after each change; the checks; then Save… or Copy.
Its choices are the blog's (`export:` in blog.yaml), kept when it closes."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desk.core.errors import DeskError
from desk.core.export.assemble import (
    ExportResult,
    export_blog,
    renderer_for,
    save_export,
    structured_data,
)
from desk.core.export.cache import RenderCache
from desk.core.export.options import ExportOptions
from desk.core.export.plaintext import export_plain_text
from desk.core.model import Blog
from desk.ui.blog import dialogs
from desk.ui.commands.published import entries_text, mark_copied
from desk.ui.export.cms_copy import Copier, export_pair, put_on_clipboard
from desk.ui.export.view import ReaderView
from desk.ui.widgets.a11y import named
from desk.ui.widgets.notice import notify

if TYPE_CHECKING:
    from desk.ui.door import Desk, Handlers

PREVIEW_DELAY_MS = 250
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
SUFFIXES = {"html": ".html", "page": ".html", "md": ".md"}

FORMATS = (("HTML fragment, to paste into a CMS", "html"), ("HTML page", "page"),
           ("Markdown", "md"))  # fmt: skip
CMS = (("Any CMS: plain HTML", "generic"), ("WordPress block editor", "wordpress"))
WORDPRESS_NOTE = (
    "ℹ Structured data is left out of a WordPress paste: Copy structured data copies it, "
    "for an SEO plugin or a Custom HTML block"
)
ENTRIES = (("Ready entries", False), ("All entries, drafts too", True))
ORDERS = (("Newest first, as the timeline", "newest"),
          ("Oldest first, the original entry first", "oldest"))  # fmt: skip
EMBEDS = (
    ("As suits the format", None),  # full code in HTML, plain in Markdown
    ("Platforms' embed code", "full"),
    ("The post's address only", "url"),
    ("Quoted text with a link", "plain"),
)


def _combo(name: str, choices: tuple[tuple[str, Any], ...], current: Any) -> QComboBox:
    box = named(QComboBox(), name)
    for text, value in choices:
        box.addItem(text, value)
    box.setCurrentIndex(next((i for i, (_t, v) in enumerate(choices) if v == current), 0))
    return box


class ExportDialog(QDialog):
    """Drivable without a modal loop: build it, set its widgets, call `refresh`, `save`
    or `copy`; `run` is what the window calls."""

    copied = Signal(list)  # the entries that went out to the clipboard
    saved = Signal(str)  # a sentence for the status bar
    entry_requested = Signal(str)  # a check was activated: the id of its entry

    def __init__(
        self,
        parent: QWidget | None,
        blog: Blog,
        blog_root: Path,
        options: ExportOptions,
        cache: RenderCache | None = None,
    ) -> None:
        super().__init__(parent)
        self.blog = blog
        self.blog_root = blog_root
        self.cache = cache
        self.initial = options
        self.last_export: ExportResult | None = None
        self.setWindowTitle(f"Export — {blog.title}")
        self.resize(1000, 640)
        self._build(options)
        self._timer = QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        boxes = (self.format_box, self.cms_box, self.entries_box, self.order_box, self.embeds_box)
        for box in boxes:
            box.currentIndexChanged.connect(self.schedule)
        self.key_events_box.toggled.connect(self.schedule)
        self.refresh()

    def _build(self, options: ExportOptions) -> None:
        self.format_box = _combo("Format", FORMATS, options.format)
        self.cms_box = _combo("For", CMS, options.cms)
        self.cms_box.setToolTip(
            "WordPress: the block editor's own blocks, with anchors, citations and embeds"
        )
        self.entries_box = _combo("Entries", ENTRIES, options.include_drafts)
        self.order_box = _combo("Order", ORDERS, options.order)
        self.embeds_box = _combo("Embeds", EMBEDS, options.embeds)
        self.key_events_box = named(QCheckBox("Open with a “Key events” list"), "Key events list")
        self.key_events_box.setChecked(options.key_events)
        form = QFormLayout()
        form.addRow("&Format", self.format_box)
        form.addRow("Fo&r", self.cms_box)
        form.addRow("&Entries", self.entries_box)
        form.addRow("&Order", self.order_box)
        form.addRow("E&mbeds", self.embeds_box)
        form.addRow("", self.key_events_box)
        self.checks = named(QListWidget(), "Checks before export")
        self.checks.setWordWrap(True)
        self.checks.itemActivated.connect(self._check_activated)
        checks_title = named(QLabel("&Checks"), "Checks heading")
        checks_title.setBuddy(self.checks)
        checks_title.setObjectName("paneTitle")
        left = QVBoxLayout()
        left.addLayout(form)
        left.addSpacing(8)
        left.addWidget(checks_title)
        left.addWidget(self.checks, 1)

        # What readers will see, rendered; the source text (`preview`) one switch away.
        self.rendered = named(
            ReaderView(self.blog_root), "Export preview", "The export as readers will see it"
        )
        self.preview = named(QPlainTextEdit(), "Export source", "The output text, read-only")
        self.preview.setReadOnly(True)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setStyleHint(QFont.StyleHint.Monospace)
        self.preview.setFont(font)
        self.views = named(QStackedWidget(), "Preview or source")
        self.views.addWidget(self.rendered)
        self.views.addWidget(self.preview)
        self.source_box = named(QCheckBox("Show the &source"), "Show the source text")
        self.source_box.toggled.connect(self._show_source)
        self.info = named(QLabel(), "Export size")
        self.info.setObjectName("counts")
        preview_title = named(QLabel("&Preview"), "Preview heading")
        preview_title.setBuddy(self.rendered)
        preview_title.setObjectName("paneTitle")
        heading = QHBoxLayout()
        heading.addWidget(preview_title)
        heading.addStretch(1)
        heading.addWidget(self.source_box)
        right = QVBoxLayout()
        right.addLayout(heading)
        right.addWidget(self.views, 1)
        right.addWidget(self.info)

        columns = QHBoxLayout()
        columns.addLayout(left, 2)
        columns.addLayout(right, 3)
        self.buttons = named(QDialogButtonBox(QDialogButtonBox.StandardButton.Close), "Buttons")
        self.save_button = named(QPushButton("&Save…"), "Save the export to a file")
        self.copy_button = named(
            QPushButton("Cop&y"), "Copy the export", "Marks the entries published"
        )
        self.copy_button.setToolTip("Copy for the CMS; the entries are marked published")
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.jsonld_button = named(
            QPushButton("Copy structured &data"),
            "Copy structured data",
            "The schema.org JSON-LD of the export, on its own",
        )
        self.buttons.addButton(self.jsonld_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.jsonld_button.clicked.connect(self.copy_structured_data)
        self.buttons.rejected.connect(self.reject)
        self.save_button.clicked.connect(self.save)
        self.copy_button.clicked.connect(self.copy)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.buttons)
        self.copy_button.setDefault(True)

    # -- the output -----------------------------------------------------------------------

    def options(self) -> ExportOptions:
        """The options as the widgets set them."""
        return ExportOptions(
            format=str(self.format_box.currentData()),
            include_drafts=bool(self.entries_box.currentData()),
            embeds=self.embeds_box.currentData(),
            order=str(self.order_box.currentData()),
            key_events=self.key_events_box.isChecked(),
            cms=str(self.cms_box.currentData()),
        )

    def choices_changed(self) -> bool:
        return self.options().choices() != self.initial.choices()

    def schedule(self) -> None:
        """Refresh the preview a moment after the last change."""
        self._timer.start()

    def refresh(self) -> ExportResult:
        """Export now with the current options; show the text, the checks and the size."""
        self._timer.stop()
        options = self.options()
        # The profile is the HTML fragment's; WordPress decides how posts appear.
        self.cms_box.setEnabled(options.format == "html")
        self.embeds_box.setEnabled(not options.for_wordpress)
        result = export_blog(self.blog, options, renderer_for(self.cache))
        self.last_export = result
        self.preview.setPlainText(result.text)
        self.rendered.show_html(self._readers_html(result))
        self.checks.clear()
        for check in result.checks(self.blog):
            item = QListWidgetItem(f"⚠ {check.in_window}")
            item.setData(ENTRY_ROLE, check.entry_id)
            if check.entry_id:
                item.setToolTip("Double-click or press Enter to go to the entry")
            self.checks.addItem(item)
        if not result.warnings:
            self.checks.addItem("✓ Nothing to check")
        if options.for_wordpress:
            self.checks.addItem(WORDPRESS_NOTE)
        lines = result.text.count("\n")
        self.info.setText(
            f"{entries_text(len(result.entries))} · {len(result.text):,} characters · "
            f"{lines:,} lines"
        )
        return result

    def _check_activated(self, item: QListWidgetItem) -> None:
        entry_id = item.data(ENTRY_ROLE)
        if isinstance(entry_id, str) and entry_id:
            self.entry_requested.emit(entry_id)

    def _readers_html(self, result: ExportResult) -> str:
        """The HTML readers get of this export: itself, or for Markdown the fragment."""
        options = self.options()
        if options.format != "md":
            return result.text
        fragment = replace(options, format="html")
        return export_blog(self.blog, fragment, renderer_for(self.cache)).text

    def _show_source(self, shown: bool) -> None:
        self.views.setCurrentWidget(self.preview if shown else self.rendered)

    def current(self) -> ExportResult:
        """The export as the options now say, refreshed if a change is still pending."""
        if self.last_export is None or self._timer.isActive():
            return self.refresh()
        return self.last_export

    # -- save and copy --------------------------------------------------------------------

    def save(self) -> Path | None:
        """Ask for a file and write the export there; the file, or None."""
        options, result = self.options(), self.current()
        suggested = self.blog_root.parent / f"{self.blog_root.name}{SUFFIXES[options.format]}"
        target = dialogs.ExportTargetDialog.ask(self, options.format, suggested)
        if target is None:
            return None
        try:
            save_export(result, options, self.blog_root, target)
        except DeskError as error:
            notify(self, "Export failed", str(error))
            return None
        self.saved.emit(f"Exported {entries_text(len(result.entries))} to {target}")
        return target

    def copy(self) -> ExportResult:
        """As every copy: the export's HTML (the fragment, for a Markdown export) as
        formatted text, the same entries as plain text; the entries are marked published."""
        options, result = self.options(), self.current()
        if options.format == "md":
            html, text = export_pair(self.blog, options, self.cache)
        else:
            html, text = result, export_plain_text(self.blog, options, renderer_for(self.cache))
        put_on_clipboard(html.text, text)
        self.copied.emit(list(result.entries))
        return result

    def copy_structured_data(self) -> str:
        """The export's structured data on the clipboard as text, for a place that keeps a
        script (an SEO plugin, a Custom HTML block); nothing is marked published."""
        text = structured_data(self.blog, self.options(), renderer_for(self.cache))
        QApplication.clipboard().setText(text)
        self.saved.emit("Copied the structured data (JSON-LD)")
        return text

    # -- in the window --------------------------------------------------------------------

    @classmethod
    def for_window(cls, desk: Desk, cache: RenderCache | None = None) -> ExportDialog:
        """The dialog on the window's blog, wired: a copy marks the entries published, the
        status bar hears of saves and copies, and the choices are kept when it closes."""
        model = desk.model
        assert model is not None
        options = ExportOptions.for_blog(model.blog)
        dialog = cls(desk.window, model.blog, model.store.root, options, cache)

        def say(text: str) -> None:
            desk.say(text, 8000)

        def copied(entries: list[Any]) -> None:
            marked = mark_copied(desk.undo_stack, model, entries, desk.clock.now(), say)
            desk.saving.flush()
            say(f"Copied {entries_text(len(entries))}; {marked}")

        def finished(_result: int) -> None:
            if desk.model is model and dialog.choices_changed():
                model.set_blog_field("export", dialog.options().choices())
                desk.saving.flush()

        def go_to(entry_id: str) -> None:
            dialog.reject()  # back to the window, on the entry to fix
            desk.select_entry(entry_id)
            desk.editor.body.setFocus()

        dialog.copied.connect(copied)
        dialog.entry_requested.connect(go_to)
        dialog.saved.connect(lambda text: desk.say(text, 8000))
        dialog.finished.connect(finished)
        return dialog

    @classmethod
    def run(cls, desk: Desk, cache: RenderCache | None = None) -> None:
        if desk.model is None:
            return
        dialog = cls.for_window(desk, cache)
        dialog.exec()
        dialog.deleteLater()


class Exporting:
    """Export… (Ctrl+E): the dialog on the open blog, with the copier's render cache."""

    def __init__(self, desk: Desk) -> None:
        self.desk = desk

    def handlers(self) -> Handlers:
        return {
            "export_dialog": lambda: ExportDialog.run(self.desk, self.desk.feature(Copier).cache)
        }
