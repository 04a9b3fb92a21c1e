"""A conflict copy beside its original: the two versions side by side, the lines that
differ marked, and the choice of which to keep. Also the bar above the editor that says an
entry is a conflict copy and opens that view."""

from __future__ import annotations

import difflib
import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QTextCursor, QTextFormat
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from desk.core.exchange import CONFLICT_STATUS, conflict_story
from desk.core.model import Blog, Entry
from desk.ui.a11y import named
from desk.ui.conflict_marks import conflict_caption, original_of

ONLY_IN_ORIGINAL = QColor("#fbe3e1")
ONLY_IN_COPY = QColor("#e0f2e3")


def entry_text(blog: Blog, entry: Entry, status: str = "") -> str:
    """An entry as the reader of both versions compares it: its fields, body and notes."""
    lines = [
        f"Stamp: {blog.label(entry).rstrip(':')} ({entry.stamp:%d %b %Y %H:%M} UTC)",
        f"Status: {status or entry.status}",
        f"Headline: {entry.headline}",
        f"Author: {entry.author}",
        "",
        entry.body.rstrip("\n"),
    ]
    if entry.notes.strip():
        lines += ["", "Notes:", entry.notes.rstrip("\n")]
    return "\n".join(lines)


def _mark(pane: QPlainTextEdit, lines: list[int], colour: QColor) -> None:
    selections = []
    document = pane.document()
    for number in lines:
        block = document.findBlockByNumber(number)
        if not block.isValid():
            continue
        selection = QTextEdit.ExtraSelection()
        selection.cursor = QTextCursor(block)  # type: ignore[attr-defined]
        selection.format.setBackground(colour)  # type: ignore[attr-defined]
        selection.format.setProperty(QTextFormat.Property.FullWidthSelection, True)  # type: ignore[attr-defined]
        selections.append(selection)
    pane.setExtraSelections(selections)


def differing_lines(left: str, right: str) -> tuple[list[int], list[int]]:
    """The line numbers only in `left` and only in `right`."""
    a, b = left.split("\n"), right.split("\n")
    only_a: list[int] = []
    only_b: list[int] = []
    for tag, a1, a2, b1, b2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag != "equal":
            only_a.extend(range(a1, a2))
            only_b.extend(range(b1, b2))
    return only_a, only_b


class ConflictDialog(QDialog):
    """The original (left) and the conflict copy (right), read-only, scrolled together."""

    def __init__(self, parent: QWidget | None, blog: Blog, copy_id: str) -> None:
        super().__init__(parent)
        copy = blog.entries[copy_id]
        original = original_of(blog, copy)
        label = conflict_caption(blog, copy).removeprefix("conflict copy of ")
        self.setWindowTitle(f"Conflict copy of {label}")
        self.resize(1000, 600)
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
        left_text = (
            entry_text(blog, original)
            if original is not None
            else (
                "(The original is no longer in the timeline: keeping the copy keeps it as an "
                "entry of its own.)"
            )
        )
        right_text = entry_text(blog, copy, status if isinstance(status, str) else "")
        self.original_pane = self._pane("Original in the blog (read-only)", left_text)
        self.copy_pane = self._pane("Conflict copy (read-only)", right_text)
        only_left, only_right = differing_lines(left_text, right_text)
        if original is not None:
            _mark(self.original_pane, only_left, ONLY_IN_ORIGINAL)
            _mark(self.copy_pane, only_right, ONLY_IN_COPY)
        for one, other in (
            (self.original_pane, self.copy_pane),
            (self.copy_pane, self.original_pane),
        ):
            one.verticalScrollBar().valueChanged.connect(other.verticalScrollBar().setValue)

        panes = QGridLayout()
        panes.addWidget(named(QLabel("<b>In the blog</b>"), "Original heading"), 0, 0)
        panes.addWidget(named(QLabel("<b>Conflict copy</b>"), "Copy heading"), 0, 1)
        panes.addWidget(self.original_pane, 1, 0)
        panes.addWidget(self.copy_pane, 1, 1)
        panes.setRowStretch(1, 1)

        self.box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.keep_original = self._button("Keep &original", "original",
                                          "The copy goes to the trash")  # fmt: skip
        self.keep_copy = self._button("Keep &copy", "copy",
                                      "The copy's text replaces the original; the original's "
                                      "text stays in the entry's history")  # fmt: skip
        self.keep_both = self._button("Keep &both", "both",
                                      "The copy becomes an entry of its own")  # fmt: skip
        for button in (self.keep_original, self.keep_copy):
            button.setAutoDefault(False)
        self.keep_both.setDefault(True)  # the choice that loses nothing
        self.keep_both.setFocus()
        self.box.rejected.connect(self.reject)
        self.choice: str | None = None

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(panes, 1)
        layout.addWidget(self.box)

    def _pane(self, name: str, text: str) -> QPlainTextEdit:
        pane = named(QPlainTextEdit(text), name)
        pane.setReadOnly(True)
        pane.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        return pane

    def _button(self, text: str, keep: str, tip: str) -> QPushButton:
        button = named(QPushButton(text), text.replace("&", ""))
        button.setToolTip(tip)
        self.box.addButton(button, QDialogButtonBox.ButtonRole.AcceptRole)
        button.clicked.connect(lambda: self._choose(keep))
        return button

    def _choose(self, keep: str) -> None:
        self.choice = keep
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, blog: Blog, copy_id: str) -> str | None:
        """ "original", "copy" or "both", or None (decide later)."""
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
