"""The entry editor on the right: the label with its UTC time and date, status, author,
headline, the Markdown body beside its preview, find and replace, and the counts.
Row 0 of the timeline (the blog header) opens the blog's title, date and header here."""

from __future__ import annotations

import itertools

from PySide6.QtCore import QDate, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QTextCursor, QTextDocument, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextDocumentLayout,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from desk.core.clock import SystemClock
from desk.core.model import STATUSES, Entry
from desk.ui.commands.entries import RestampCommand, SetBlogFieldCommand, SetEntryFieldCommand
from desk.ui.commands.typing import TypingGroups, TypingStep
from desk.ui.editor.embed_notes import EmbedNotes
from desk.ui.editor.markdown_edit import FindBar, MarkdownEdit, word_count_text
from desk.ui.editor.preview import Preview, entry_preview, header_preview
from desk.ui.timeline.model import HEADER_ROW, TimelineModel
from desk.ui.widgets.a11y import named
from desk.ui.widgets.dates import from_qdate, from_qdate_qtime, to_qdate, to_qtime

COUNT_DELAY_MS = 150


class EntryEditor(QWidget):
    """Edits what the timeline has selected: one entry, or the blog header (None)."""

    stamp_now_requested = Signal()

    def __init__(
        self,
        undo_stack: QUndoStack,
        typing: TypingGroups | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName("Entry editor")
        self.undo_stack = undo_stack
        self.typing = typing if typing is not None else TypingGroups(undo_stack, SystemClock())
        self.model: TimelineModel | None = None
        self.entry_id: str | None = None
        self._documents: dict[str, QTextDocument] = {}
        self._loading = False
        # Typing recounts the words a moment after the keys, not at each one (a count of
        # what readers read is not free in a 1,000-word entry).
        self._count_timer = QTimer(self, singleShot=True, interval=COUNT_DELAY_MS)
        self._count_timer.timeout.connect(self._update_counts)
        self._build()

    # -- layout ---------------------------------------------------------------------------

    def _build(self) -> None:
        self.label = named(QLabel(), "Label")
        self.label.setObjectName("entryLabel")
        self.time_edit = named(QTimeEdit(), "Stamp time (UTC)")
        self.time_edit.setDisplayFormat("HH:mm")
        self.date_edit = named(QDateEdit(), "Stamp date (UTC)")
        self.date_edit.setDisplayFormat("d MMM yyyy")
        self.date_edit.setCalendarPopup(True)
        gmt = named(QLabel("GMT"), "Time zone")
        self.status = named(QComboBox(), "Status")
        for status in STATUSES:
            self.status.addItem(status.capitalize(), status)
        self.stamp_now = named(QPushButton("Stamp now"), "Stamp now")
        self.stamp_now.setToolTip("Restamp with the current UTC minute (Ctrl+T)")
        self.author = named(QLineEdit(placeholderText="Author"), "Author")
        self.headline = named(QLineEdit(placeholderText="Headline (optional)"), "Headline")

        stamp_caption = named(QLabel("&Stamp"), "Stamp caption")
        stamp_caption.setBuddy(self.time_edit)
        stamp_row = QHBoxLayout()
        stamp_row.addWidget(self.label)
        stamp_row.addSpacing(16)
        for part in (stamp_caption, self.time_edit, self.date_edit, gmt):
            stamp_row.addWidget(part)
        stamp_row.addSpacing(12)
        stamp_row.addWidget(self.status)
        stamp_row.addWidget(self.stamp_now)
        stamp_row.addStretch(1)
        fields_row = QHBoxLayout()
        for caption, widget, stretch in (
            ("&Headline", self.headline, 3),
            ("&Author", self.author, 2),
        ):
            label = named(QLabel(caption), f"{widget.accessibleName()} caption")
            label.setBuddy(widget)
            fields_row.addWidget(label)
            fields_row.addWidget(widget, stretch)
        entry_fields = named(QWidget(), "Stamp, status, headline and author")
        entry_layout = QVBoxLayout(entry_fields)
        entry_layout.setContentsMargins(0, 0, 0, 0)
        entry_layout.addLayout(stamp_row)
        entry_layout.addLayout(fields_row)

        self.title = named(QLineEdit(), "Blog title")
        self.coverage = named(QDateEdit(), "Coverage date")
        self.coverage.setDisplayFormat("d MMMM yyyy")
        self.coverage.setCalendarPopup(True)
        header_fields = named(QWidget(), "Blog title and coverage date")
        form = QFormLayout(header_fields)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("Title", self.title)
        form.addRow("Coverage date (UTC)", self.coverage)

        self.fields = named(QStackedWidget(), "Entry fields")
        self.fields.addWidget(entry_fields)
        self.fields.addWidget(header_fields)

        self.body = MarkdownEdit("Body (Markdown)")
        self.body.cards.edit_step = self.typing.step
        self.preview = Preview()
        self.split = named(QSplitter(Qt.Orientation.Horizontal), "Source and preview")
        self.split.addWidget(self.body)
        self.split.addWidget(self.preview)
        self.split.setChildrenCollapsible(False)
        self.find_bar = FindBar(self.body)
        self.embed_notes = EmbedNotes(self.body)  # what is wrong with the embeds
        self.counts = named(QLabel(), "Word and character count")
        self.counts.setObjectName("counts")
        self.notes_box = self._build_notes()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addWidget(self.fields)
        layout.addWidget(self.split, 1)
        layout.addWidget(self.embed_notes)
        layout.addWidget(self.find_bar)
        layout.addWidget(self.counts)
        layout.addWidget(self.notes_box)

        self.time_edit.timeChanged.connect(self._stamp_edited)
        self.date_edit.dateChanged.connect(self._stamp_edited)
        self.status.activated.connect(self._status_chosen)
        self.stamp_now.clicked.connect(self.stamp_now_requested)
        self.author.textEdited.connect(lambda text: self._typed_field("author", text))
        self.headline.textEdited.connect(lambda text: self._typed_field("headline", text))
        self.title.textEdited.connect(self._title_edited)
        self.coverage.dateChanged.connect(self._coverage_edited)
        chain: tuple[QWidget, ...] = (
            self.time_edit, self.date_edit, self.status, self.stamp_now, self.headline,
            self.author, self.title, self.coverage, self.body, self.preview,
        )  # fmt: skip
        for first, second in itertools.pairwise(chain):
            self.setTabOrder(first, second)
        self.setTabOrder(self.preview, self.notes)

    def _build_notes(self) -> QWidget:
        """Newsroom notes under the body: sources, what to verify. Kept in the entry's file
        and sent with it; the exports never include them."""
        self.notes = named(QPlainTextEdit(), "Notes (never exported)")
        self.notes.setPlaceholderText(
            "Sources, what to check before this goes out. Sent with the entry, never exported."
        )
        self.notes.setTabChangesFocus(True)
        self.notes.setUndoRedoEnabled(False)  # undone on the window's stack
        self.notes.setFixedHeight(self.notes.fontMetrics().lineSpacing() * 3 + 14)
        self.notes.textChanged.connect(self._notes_edited)
        self._notes_of: str | None = None  # whose notes the field holds (and undoes)
        caption = named(QLabel("N&otes (never exported)"), "Notes caption")
        caption.setObjectName("notesCaption")
        caption.setBuddy(self.notes)
        box = named(QWidget(), "Newsroom notes")
        box_layout = QVBoxLayout(box)
        box_layout.setContentsMargins(0, 2, 0, 0)
        box_layout.setSpacing(2)
        box_layout.addWidget(caption)
        box_layout.addWidget(self.notes)
        return box

    # -- what is shown --------------------------------------------------------------------

    def set_model(self, model: TimelineModel | None) -> None:
        if self.model is not None:
            self.model.dataChanged.disconnect(self._model_data_changed)
        # The body lets go of the entries' documents before they are deleted.
        blank = QTextDocument(self.body)
        blank.setDocumentLayout(QPlainTextDocumentLayout(blank))
        blank.setUndoRedoEnabled(False)
        self.body.use_document(blank)
        for document in self._documents.values():
            document.deleteLater()
        self._documents.clear()
        self.model = model
        self.entry_id = None
        if model is not None:
            model.dataChanged.connect(self._model_data_changed)
            self.preview.blog_root = model.store.root

    def show_row(self, row: int) -> None:
        """Open the entry at `row` of the model (0: the blog header)."""
        if self.model is None:
            return
        entry = self.model.entry_at(row)
        self.entry_id = entry.id if entry is not None else None
        self.typing.seal()  # another entry: the run of typing ends
        self._loading = True
        try:
            self.body.use_document(self._document_for(entry))
            self._fill_fields()
        finally:
            self._loading = False
        if not self.find_bar.searches_everywhere():  # all entries: stepping through hits
            self.find_bar.hide()
        self._update_counts()
        self.preview.show_source(self._preview_source)

    def current_entry(self) -> Entry | None:
        if self.model is None or self.entry_id is None:
            return None
        return self.model.blog.entries.get(self.entry_id)

    def _document_for(self, entry: Entry | None) -> QTextDocument:
        assert self.model is not None
        key = entry.id if entry is not None else ""
        document = self._documents.get(key)
        if document is None:
            document = QTextDocument(self)
            document.setDocumentLayout(QPlainTextDocumentLayout(document))
            document.setDefaultFont(self.body.font())
            document.setPlainText(entry.body if entry is not None else self.model.blog.header)
            # Typing is undone on the window's stack, step by step, never by the document.
            document.setUndoRedoEnabled(False)
            document.setModified(False)
            document.contentsChanged.connect(self._body_edited)
            self._documents[key] = document
        return document

    def _fill_fields(self) -> None:
        """Put the model's values in the field widgets (the body is the document's)."""
        if self.model is None:
            return
        entry = self.current_entry()
        if entry is None:
            self.fields.setCurrentIndex(1)
            blog = self.model.blog
            if self.title.text() != blog.title:
                self.title.setText(blog.title)
            if self.coverage.date() != to_qdate(blog.date):
                self.coverage.setDate(to_qdate(blog.date))
            self.notes_box.hide()
            return
        self.notes_box.show()
        if self._notes_of != entry.id or self.notes.toPlainText() != entry.notes:
            self.notes.setPlainText(entry.notes)  # another entry's
            self._notes_of = entry.id
        self.fields.setCurrentIndex(0)
        self.label.setText(self.model.blog.label(entry))
        # Only what differs is set: the writer may be typing in one of these right now.
        moment, day = to_qtime(entry.stamp), to_qdate(entry.stamp.date())
        if self.time_edit.time() != moment:
            self.time_edit.setTime(moment)
        if self.date_edit.date() != day:
            self.date_edit.setDate(day)
        self.status.setCurrentIndex(self.status.findData(entry.status))
        for line, value in ((self.author, entry.author), (self.headline, entry.headline)):
            if line.text() != value:  # keep the cursor where the writer is typing
                line.setText(value)

    def _model_data_changed(
        self, top: QModelIndex, bottom: QModelIndex, roles: object = None
    ) -> None:
        if self.model is None:
            return
        self._follow_bodies(top.row(), bottom.row())
        row = self.model.row_of(self.entry_id) if self.entry_id else HEADER_ROW
        if top.row() <= row <= bottom.row():
            self._loading = True
            try:
                self._fill_fields()
            finally:
                self._loading = False
            self.preview.schedule()

    def _follow_bodies(self, top: int, bottom: int) -> None:
        """A body changed in the model without typing (a version restored from history):
        its open document takes the new text, or the next keystroke would undo that."""
        assert self.model is not None
        for row in range(max(top, 0), bottom + 1):
            entry = self.model.entry_at(row)
            document = self._documents.get(entry.id if entry is not None else "")
            if document is None or (entry is None and row != HEADER_ROW):
                continue
            text = entry.body if entry is not None else self.model.blog.header
            if document.toPlainText() != text:
                self._loading = True
                try:
                    document.setPlainText(text)
                finally:
                    self._loading = False
                if document is self.body.document():
                    self._update_counts()

    def _preview_source(self) -> str:
        if self.model is None:
            return ""
        entry = self.current_entry()
        if entry is None:
            return header_preview(self.model.blog)
        return entry_preview(self.model.blog, entry)

    def _update_counts(self) -> None:
        self._count_timer.stop()
        self.counts.setText(word_count_text(*self.body.counts()))

    # -- edits become model changes (structural ones as undo commands) --------------------

    def _body_edited(self) -> None:
        if self._loading or self.model is None:
            return
        entry = self.current_entry()
        if self.entry_id is not None and entry is None:
            return  # the entry went to the trash while its text was open
        text = self.body.toPlainText()
        # The highlighter's formatting also counts as a change of contents: only text is.
        if text == (entry.body if entry is not None else self.model.blog.header):
            return
        if entry is None:
            before, field = self.model.blog.header, "header"
        else:
            before, field = entry.body, "body"
        self.undo_stack.push(
            TypingStep(self.model, self.typing, self.show_text, self.entry_id or "", field,
                       before, text)
        )  # fmt: skip
        self._count_timer.start()
        self.preview.schedule()

    def show_text(self, entry_id: str, field: str, text: str) -> None:
        """Show `text` in the open document of an entry's body (or the header's) after an
        undo or redo, the cursor at the change; other fields follow the model by itself."""
        if field not in ("body", "header"):
            return
        document = self._documents.get(entry_id)
        if document is None:
            return
        old = document.toPlainText()
        if old == text:
            return
        start = 0
        limit = min(len(old), len(text))
        while start < limit and old[start] == text[start]:
            start += 1
        end_old, end_new = len(old), len(text)
        while end_old > start and end_new > start and old[end_old - 1] == text[end_new - 1]:
            end_old -= 1
            end_new -= 1
        cursor = QTextCursor(document)
        cursor.setPosition(start)
        cursor.setPosition(end_old, QTextCursor.MoveMode.KeepAnchor)
        self._loading = True
        try:
            cursor.insertText(text[start:end_new])
        finally:
            self._loading = False
        if document is self.body.document():
            self.body.setTextCursor(cursor)
            self.body.ensureCursorVisible()
            self._update_counts()
            self.preview.schedule()

    def _entry_field(self, field: str, value: str) -> None:
        if not self._loading and self.model is not None and self.entry_id is not None:
            self.undo_stack.push(SetEntryFieldCommand(self.model, self.entry_id, field, value))

    def _typed_field(self, field: str, value: str) -> None:
        """Author, headline and notes: typing, in steps like the body's."""
        entry = self.current_entry()
        if self._loading or self.model is None or entry is None:
            return
        before = getattr(entry, field)
        if before != value:
            self.undo_stack.push(
                TypingStep(self.model, self.typing, self.show_text, entry.id, field, before, value)
            )

    def _notes_edited(self) -> None:
        self._typed_field("notes", self.notes.toPlainText())

    def _status_chosen(self, _index: int) -> None:
        self._entry_field("status", str(self.status.currentData()))

    def _stamp_edited(self) -> None:
        if self._loading or self.model is None or self.entry_id is None:
            return
        day, moment = self.date_edit.date(), self.time_edit.time()
        stamp = from_qdate_qtime(day, moment)
        if stamp != self.model.stamp_of(self.entry_id):
            self.undo_stack.push(RestampCommand(self.model, self.entry_id, stamp))

    def _title_edited(self, text: str) -> None:
        if not self._loading and self.model is not None and text.strip():
            self.undo_stack.push(SetBlogFieldCommand(self.model, "title", text))

    def _coverage_edited(self, day: QDate) -> None:
        if not self._loading and self.model is not None and from_qdate(day) != self.model.blog.date:
            self.undo_stack.push(SetBlogFieldCommand(self.model, "date", from_qdate(day)))
