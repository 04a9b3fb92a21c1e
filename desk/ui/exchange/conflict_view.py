"""A conflict copy beside its original: the two versions side by side with the words
that differ marked, and below them the result, editable, starting from the blog's version:
"Take this paragraph" on either side and "Keep both additions" build it, Save result keeps
it (one undo step). Or keep one version, or both as entries. Also the bar above the editor
that says an entry is a conflict copy and opens that view."""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk.core.compare import keep_both_additions, paragraph_at, take_paragraph, word_changes
from desk.core.exchange import CONFLICT_STATUS, conflict_story
from desk.core.model import Blog, Entry
from desk.ui.timeline.conflict_marks import conflict_caption, original_of
from desk.ui.widgets.a11y import named
from desk.ui.widgets.marks import mark_spans

ONLY_IN_ORIGINAL = QColor("#fbe3e1")
ONLY_IN_COPY = QColor("#e0f2e3")
HEADLINE = "Headline: "


@dataclass(frozen=True)
class Combined:
    """What Save result keeps in the blog's entry: a headline and body made of both."""

    headline: str
    body: str


def entry_parts(blog: Blog, entry: Entry, status: str = "") -> tuple[str, str, str]:
    """An entry as the reader of both versions compares it, in three parts: its fields,
    its body, its notes; joined they are `entry_text`."""
    head = "\n".join(
        [
            f"Stamp: {blog.label(entry).rstrip(':')} ({entry.stamp:%d %b %Y %H:%M} UTC)",
            f"Status: {status or entry.status}",
            f"{HEADLINE}{entry.headline}",
            f"Author: {entry.author}",
            "",
            "",
        ]
    )
    tail = f"\n\nNotes:\n{entry.notes.rstrip(chr(10))}" if entry.notes.strip() else ""
    return head, entry.body.rstrip("\n"), tail


def entry_text(blog: Blog, entry: Entry, status: str = "") -> str:
    """An entry as the reader of both versions compares it: its fields, body and notes."""
    return "".join(entry_parts(blog, entry, status))


class _Side:
    """One version in its pane: where its body starts there, to find the paragraph at the
    cursor."""

    def __init__(self, pane: QPlainTextEdit, entry: Entry | None, head: str) -> None:
        self.pane = pane
        self.entry = entry
        self.head = head

    def pick(self) -> tuple[str, str]:
        """("headline", text) or ("paragraph", text) at the pane's cursor; ("", "")."""
        if self.entry is None:
            return "", ""
        position = self.pane.textCursor().position()
        line = self.pane.textCursor().block().text()
        if position < len(self.head):
            if line.startswith(HEADLINE):
                return "headline", self.entry.headline
            return "", ""
        body = self.entry.body.rstrip("\n")
        offset = position - len(self.head)
        if offset > len(body):
            return "", ""
        return "paragraph", paragraph_at(body, offset)


class ConflictDialog(QDialog):
    """The original (left) and the conflict copy (right), read-only, scrolled together;
    the result below them, editable."""

    def __init__(self, parent: QWidget | None, blog: Blog, copy_id: str) -> None:
        super().__init__(parent)
        copy = blog.entries[copy_id]
        original = original_of(blog, copy)
        self.original, self.copy = original, copy
        label = conflict_caption(blog, copy).removeprefix("conflict copy of ")
        self.setWindowTitle(f"Conflict copy of {label}")
        self.resize(1100, 780)
        intro = named(
            QLabel(
                f"<b>Two versions of {label}.</b> {html.escape(conflict_story(blog, copy))} "
                "Nothing is lost: a version you do not keep goes to the trash, and Undo "
                "brings it back."
            ),
            "What happened",
        )
        intro.setWordWrap(True)
        status = copy.extra.get(CONFLICT_STATUS, "")
        left_head, left_body, left_tail = (
            entry_parts(blog, original)
            if original is not None
            else (
                "",
                "(The original is no longer in the timeline: keeping the copy keeps it as an "
                "entry of its own.)",
                "",
            )
        )
        right_head, right_body, right_tail = entry_parts(
            blog, copy, status if isinstance(status, str) else ""
        )
        left_text = left_head + left_body + left_tail
        right_text = right_head + right_body + right_tail
        self.original_pane = self._pane("Original in the blog (read-only)", left_text)
        self.copy_pane = self._pane("Conflict copy (read-only)", right_text)
        if original is not None:
            only_left, only_right = word_changes(left_text, right_text)
            mark_spans(self.original_pane, only_left, ONLY_IN_ORIGINAL)
            mark_spans(self.copy_pane, only_right, ONLY_IN_COPY)
        for one, other in (
            (self.original_pane, self.copy_pane),
            (self.copy_pane, self.original_pane),
        ):
            one.verticalScrollBar().valueChanged.connect(other.verticalScrollBar().setValue)
        self.sides = (
            _Side(self.original_pane, original, left_head),
            _Side(self.copy_pane, copy, right_head),
        )

        self.take_original = named(QPushButton("Take this &paragraph"),
                                   "Take the blog's paragraph at the cursor")  # fmt: skip
        self.take_copy = named(QPushButton("Take this p&aragraph"),
                               "Take the copy's paragraph at the cursor")  # fmt: skip
        for button, side in ((self.take_original, 0), (self.take_copy, 1)):
            button.setToolTip(
                "The paragraph (or headline) where the cursor is in the pane above goes into "
                "the result, in place of its other version or at its place"
            )
            button.setAutoDefault(False)
            button.clicked.connect(lambda _checked=False, s=side: self.take(s))
        self.both_additions = named(QPushButton("Keep both &additions"), "Keep both additions")
        self.both_additions.setToolTip(
            "The result: the blog's version with every paragraph only the copy has added"
        )
        self.both_additions.setAutoDefault(False)
        self.both_additions.clicked.connect(self.keep_both_additions)
        self.note = named(QLabel(), "Result note")
        self.note.setObjectName("counts")
        self.result_headline = named(
            QLineEdit(original.headline if original is not None else ""), "Result headline"
        )
        self.result_headline.setPlaceholderText("Headline (optional)")
        self.result_pane = named(QPlainTextEdit(), "Result (editable)")
        self.result_pane.setPlainText(original.body if original is not None else "")
        self.result_pane.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.result_pane.setTabChangesFocus(True)

        panes = QGridLayout()
        panes.addWidget(named(QLabel("<b>In the blog</b>"), "Original heading"), 0, 0)
        panes.addWidget(named(QLabel("<b>Conflict copy</b>"), "Copy heading"), 0, 1)
        panes.addWidget(self.original_pane, 1, 0)
        panes.addWidget(self.copy_pane, 1, 1)
        panes.addWidget(self.take_original, 2, 0, Qt.AlignmentFlag.AlignLeft)
        panes.addWidget(self.take_copy, 2, 1, Qt.AlignmentFlag.AlignLeft)
        panes.setRowStretch(1, 3)
        result_title = named(
            QLabel("<b>Result</b> — starts as the blog's version; edit it freely"),
            "Result heading",
        )
        result_title.setBuddy(self.result_pane)
        result_top = QHBoxLayout()
        result_top.addWidget(result_title)
        result_top.addStretch(1)
        result_top.addWidget(self.note)
        result_top.addWidget(self.both_additions)

        self.box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.keep_original = self._button("Keep &original", "original",
                                          "The copy goes to the trash")  # fmt: skip
        self.keep_copy = self._button("Keep &copy", "copy",
                                      "The copy's text replaces the original; the original's "
                                      "text stays in the entry's history")  # fmt: skip
        self.keep_both = self._button("Keep &both", "both",
                                      "The copy becomes an entry of its own")  # fmt: skip
        self.save_result = named(QPushButton("&Save result"), "Save result")
        self.save_result.setToolTip(
            "The result's headline and text go into the blog's entry; the copy goes to the trash"
        )
        self.box.addButton(self.save_result, QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_result.clicked.connect(self._save_result)
        for button in (self.keep_original, self.keep_copy, self.save_result):
            button.setAutoDefault(False)
        if original is None:
            for widget in (self.take_original, self.take_copy, self.both_additions,
                           self.save_result, self.result_pane, self.result_headline):  # fmt: skip
                widget.setEnabled(False)
        self.keep_both.setDefault(True)  # the choice that loses nothing
        self.keep_both.setFocus()
        self.box.rejected.connect(self.reject)
        self.choice: str | Combined | None = None

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(panes, 3)
        layout.addLayout(result_top)
        layout.addWidget(self.result_headline)
        layout.addWidget(self.result_pane, 2)
        layout.addWidget(self.box)

    def _pane(self, name: str, text: str) -> QPlainTextEdit:
        pane = named(QPlainTextEdit(text), name)
        pane.setReadOnly(True)
        # Read-only, yet with a cursor: it says which paragraph to take.
        pane.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        pane.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        pane.setTabChangesFocus(True)
        return pane

    def _button(self, text: str, keep: str, tip: str) -> QPushButton:
        button = named(QPushButton(text), text.replace("&", ""))
        button.setToolTip(tip)
        self.box.addButton(button, QDialogButtonBox.ButtonRole.AcceptRole)
        button.clicked.connect(lambda: self._choose(keep))
        return button

    def _set_result(self, text: str) -> None:
        """Replace the result's text as one step of its own undo (Ctrl+Z in the result)."""
        if text == self.result_pane.toPlainText():
            return
        cursor = self.result_pane.textCursor()
        cursor.beginEditBlock()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.insertText(text)
        cursor.endEditBlock()

    def take(self, side: int) -> None:
        """Put the paragraph (or headline) at the cursor of side 0 (blog) or 1 (copy) into
        the result."""
        if self.original is None:
            return
        kind, text = self.sides[side].pick()
        if kind == "headline":
            self.result_headline.setText(text)
            self.note.setText("Headline taken")
            return
        if kind != "paragraph" or not text:
            self.note.setText("Put the cursor in a paragraph of that side first")
            return
        source = (self.original, self.copy)[side].body
        other = (self.copy, self.original)[side].body
        before = self.result_pane.toPlainText()
        self._set_result(take_paragraph(before, source, other, text))
        taken = self.result_pane.toPlainText() != before
        self.note.setText("Paragraph taken" if taken else "The result has that paragraph")

    def keep_both_additions(self) -> None:
        if self.original is None:
            return
        self._set_result(keep_both_additions(self.original.body, self.copy.body))
        self.note.setText("Both sides' additions kept")

    def _save_result(self) -> None:
        self.choice = Combined(self.result_headline.text(), self.result_pane.toPlainText())
        self.accept()

    def _choose(self, keep: str) -> None:
        self.choice = keep
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, blog: Blog, copy_id: str) -> str | Combined | None:
        """ "original", "copy" or "both", the result (Combined), or None (decide later)."""
        dialog = cls(parent, blog, copy_id)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.choice


class ConflictBar(QFrame):
    """Shown above the editor while a conflict copy is open."""

    compare_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictBar")
        self.setAccessibleName("Conflict copy")
        self.setStyleSheet(
            "QFrame#conflictBar { background: #fbe3e1; border: 1px solid #c62828;"
            " border-radius: 3px; }"
        )
        self.text = named(QLabel(), "Conflict copy note")
        self.text.setWordWrap(True)
        self.button = named(QPushButton("Compare and resolve…"), "Compare and resolve")
        self.button.setToolTip("The original and this copy side by side; keep one or both")
        self.button.clicked.connect(self.compare_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.hide()

    def show_for(self, caption: str) -> None:
        """Show the bar for a conflict copy ('' hides it)."""
        if not caption:
            self.hide()
            return
        self.text.setText(f"<b>This is a {caption}.</b> Both versions are kept until you choose.")
        self.show()
