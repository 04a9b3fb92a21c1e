"""The Markdown source editor: light highlighting, find and replace, counts."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QMimeData, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QFocusEvent,
    QFont,
    QFontDatabase,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPaintEvent,
    QSyntaxHighlighter,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextDocumentFragment,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QWidget,
)

from desk.core.embeds.card import reading_counts
from desk.core.spelling import Context, Span, line_spans
from desk.ui.editor.cards import EmbedCards
from desk.ui.widgets.a11y import named

if TYPE_CHECKING:
    from desk.core.spelling import Speller

MISSPELT = QColor("#d0312d")


def _format(color: str = "", bold: bool = False, italic: bool = False) -> QTextCharFormat:
    fmt = QTextCharFormat()
    if color:
        fmt.setForeground(QColor(color))
    if bold:
        fmt.setFontWeight(QFont.Weight.Bold)
    if italic:
        fmt.setFontItalic(True)
    return fmt


class MarkdownHighlighter(QSyntaxHighlighter):
    """Headings, emphasis, links, quotes and embed fences: enough to see the structure,
    not a renderer (the preview shows the real thing); with a speller, a red wavy line
    under each unknown word. Qt highlights a block when it is shown or edited, so only
    those are checked. A block's state is its `Context` for the next line."""

    RULES = (
        (re.compile(r"^#{1,6} .*$"), _format("#1d4e89", bold=True)),
        (re.compile(r"^>.*$"), _format("#5b6b7a", italic=True)),
        (re.compile(r"\*\*[^*\n]+\*\*|__[^_\n]+__"), _format(bold=True)),
        (re.compile(r"(?<![*\w])\*[^*\n]+\*(?!\*)|(?<![_\w])_[^_\n]+_(?!_)"), _format(italic=True)),
        (re.compile(r"\[[^\]\n]*\]\([^)\n]*\)"), _format("#1a6fb5")),
        (re.compile(r"^\s*([-*+]|\d+\.) "), _format("#8a5a00", bold=True)),
    )
    FENCE = re.compile(r"^```")
    FENCE_FORMAT = _format("#6a4c93")

    def __init__(self, parent: QPlainTextEdit) -> None:
        super().__init__(parent)
        self.edit = parent
        self.speller: Speller | None = None
        # The word left unmarked while it is typed: its block, start and end in it.
        self._typing_in: tuple[QTextBlock, int, int] | None = None
        parent.cursorPositionChanged.connect(self._cursor_moved)

    def set_speller(self, speller: Speller | None) -> None:
        """Check with `speller` (None: no spelling), the document shown again at once."""
        self.speller = speller
        if self.document() is not None:
            self.rehighlight()

    def highlightBlock(self, text: str) -> None:
        context = context_before(self.previousBlockState())
        speller = self.speller
        spans, after = line_spans(text, context, words=speller is not None)
        self.setCurrentBlockState(int(after))
        if context != Context.PROSE or self.FENCE.match(text):
            # A fence and an embed's YAML: one colour, so it reads as a block.
            self.setFormat(0, len(text), self.FENCE_FORMAT)
        else:
            for pattern, fmt in self.RULES:
                for match in pattern.finditer(text):
                    self.setFormat(match.start(), match.end() - match.start(), fmt)
        if speller is None:
            return
        # The word being typed is not marked until the writer leaves it (as word
        # processors do): "gover" on the way to "governor" is no mistake.
        cursor = self.edit.textCursor()
        typing = cursor.block() == self.currentBlock() and self.edit.hasFocus()
        at = cursor.positionInBlock() if typing else -1
        if self._typing_in is not None and self._typing_in[0] == self.currentBlock():
            self._typing_in = None  # the word left (a space typed after it) is checked now
        for start, end, word in spans:
            if start <= at <= end:
                self._typing_in = (self.currentBlock(), start, end)
                continue
            if not speller.known(word):
                fmt = QTextCharFormat(self.format(start))
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
                fmt.setUnderlineColor(MISSPELT)
                self.setFormat(start, end - start, fmt)

    def _cursor_moved(self) -> None:
        if self._typing_in is None:
            return
        block, start, end = self._typing_in
        cursor = self.edit.textCursor()
        if not (cursor.block() == block and start <= cursor.positionInBlock() <= end):
            self.mark_typed_word()

    def mark_typed_word(self) -> None:
        """Check the word left unmarked while it was typed (the writer left it)."""
        if self._typing_in is None:
            return
        block = self._typing_in[0]
        self._typing_in = None
        if self.speller is not None and block.isValid() and block.document() is self.document():
            self.rehighlightBlock(block)

    def misspelt_at(self, cursor: QTextCursor) -> Span | None:
        """The unknown word under `cursor`, as positions in the document, or None."""
        if self.speller is None:
            return None
        block = cursor.block()
        state = block.previous().userState() if block.previous().isValid() else -1
        spans, _ = line_spans(block.text(), context_before(state))
        at = cursor.positionInBlock()
        for start, end, word in spans:
            if start <= at <= end and not self.speller.known(word):
                return block.position() + start, block.position() + end, word
        return None


def context_before(state: int) -> Context:
    """A block's state as the Context the next line starts in (-1: never highlighted)."""
    return Context(state) if 0 <= state <= max(Context) else Context.PROSE


class MarkdownEdit(QPlainTextEdit):
    """A plain-text Markdown editor; documents are swapped in per entry. Undo and redo
    are the window's (set `undo_hook`, `redo_hook`): the documents keep no history."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setTabChangesFocus(True)  # keyboard users leave the editor with Tab
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.setFont(font)
        # Owned by the editor, not by a document: documents come and go per entry.
        self.highlighter = MarkdownHighlighter(self)
        self.highlighter.setDocument(self.document())
        # Set by Insert (desk.ui.insert.actions): takes a paste that is a post (True).
        self.paste_hook: Callable[[QMimeData], bool] | None = None
        self.undo_hook: Callable[[], None] | None = None
        self.redo_hook: Callable[[], None] | None = None
        # Set by spelling: adds its items to the context menu for the text at the cursor.
        self.menu_hook: Callable[[QMenu, QTextCursor], None] | None = None
        self.cards = EmbedCards(self)

    def undo(self) -> None:
        if self.undo_hook is not None:
            self.undo_hook()
        else:
            super().undo()

    def redo(self) -> None:
        if self.redo_hook is not None:
            self.redo_hook()
        else:
            super().redo()

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return source.hasText() or source.hasHtml()

    def insertFromMimeData(self, source: QMimeData) -> None:
        """Pastes and drops come in as plain text, never rich text; posts as embed blocks."""
        if self.paste_hook is not None and self.paste_hook(source):
            return
        if not source.hasText() and source.hasHtml():  # rich text alone: its words
            self.insertPlainText(QTextDocumentFragment.fromHtml(source.html()).toPlainText())
            return
        super().insertFromMimeData(source)

    def use_document(self, document: QTextDocument) -> None:
        self.setDocument(document)
        self.highlighter.setDocument(document)
        self.cards.follow(document)

    def counts(self) -> tuple[int, int]:
        """Words and characters that readers read (not embed keys, not addresses)."""
        return reading_counts(self.toPlainText())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self.cards.key(event):
            with self.cards.navigating():
                super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if not self.cards.click(event.position().toPoint()):
            with self.cards.navigating():
                super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        with self.cards.navigating():
            super().mouseMoveEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if not self.cards.click(event.position().toPoint(), open_it=True):
            with self.cards.navigating():
                super().mouseDoubleClickEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.highlighter.mark_typed_word()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        self.cards.paint(event.rect())

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.createStandardContextMenu(event.pos())
        if self.menu_hook is not None:
            self.menu_hook(menu, self.cursorForPosition(event.pos()))
        menu.exec(event.globalPos())
        menu.deleteLater()


class FindScope(Protocol):
    """Find and replace beyond the entry shown (the whole blog), offered by the window."""

    def find_next(self) -> bool: ...
    def replace_one(self) -> None: ...
    def replace_all(self) -> int: ...


SCOPES = ("This entry", "All entries")


class FindBar(QWidget):
    """Find (Ctrl+F) and replace (Ctrl+H) in the editor it serves, or in every entry when
    the window offers a wider scope. Esc closes it."""

    closed = Signal()
    opened = Signal()

    def __init__(self, editor: QPlainTextEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.setAccessibleName("Find and replace")
        self.find_box = named(QLineEdit(placeholderText="Find"), "Find text")
        self.replace_box = named(QLineEdit(placeholderText="Replace with"), "Replace with")
        self.case = named(QCheckBox("Match case"), "Match case")
        self.scope = named(QComboBox(), "Find in")
        self.scope.addItems(SCOPES)
        self.scope.hide()  # until the window offers all entries
        self.everywhere: FindScope | None = None
        self.result = named(QLabel(), "Find result")
        self.next_button = named(QPushButton("Next"), "Find next")
        self.replace_button = named(QPushButton("Replace"), "Replace")
        self.all_button = named(QPushButton("Replace all"), "Replace all")
        close = named(QToolButton(), "Close find")
        close.setText("✕")
        close.setToolTip("Close (Esc)")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        widgets: tuple[QWidget, ...] = (
            self.find_box, self.next_button, self.replace_box, self.replace_button,
            self.all_button, self.scope, self.case, self.result, close,
        )  # fmt: skip
        for widget in widgets:
            layout.addWidget(widget)
        self.find_box.returnPressed.connect(self.find_next)
        self.next_button.clicked.connect(self.find_next)
        self.replace_box.returnPressed.connect(self.replace_one)
        self.replace_button.clicked.connect(self.replace_one)
        self.all_button.clicked.connect(self.replace_all)
        close.clicked.connect(self.close_bar)
        self.hide()

    def open_find(self, replace: bool = False) -> None:
        for widget in (self.replace_box, self.replace_button, self.all_button):
            widget.setVisible(replace)
        selected = self.editor.textCursor().selectedText()
        if selected and "\u2029" not in selected:
            self.find_box.setText(selected)
        self.show()
        self.find_box.setFocus()
        self.find_box.selectAll()
        self.opened.emit()

    def offer_everywhere(self, scope: FindScope) -> None:
        """Let the writer choose All entries, which `scope` then serves."""
        self.everywhere = scope
        self.scope.show()

    def searches_everywhere(self) -> bool:
        return self.everywhere is not None and self.scope.currentIndex() == 1

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Cancel):
            self.close_bar()
            return
        super().keyPressEvent(event)

    def close_bar(self) -> None:
        self.hide()
        self.editor.setFocus()
        self.closed.emit()

    def _flags(self) -> QTextDocument.FindFlag:
        if self.case.isChecked():
            return QTextDocument.FindFlag.FindCaseSensitively
        return QTextDocument.FindFlag(0)

    def find_next(self) -> bool:
        if self.everywhere is not None and self.searches_everywhere():
            return self.everywhere.find_next()
        needle = self.find_box.text()
        if not needle:
            return False
        if self.editor.find(needle, self._flags()):
            self.result.setText("")
            return True
        # Wrap around once, from the top.
        cursor = self.editor.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.Start)
        self.editor.setTextCursor(cursor)
        found = self.editor.find(needle, self._flags())
        self.result.setText("" if found else "Not found")
        return found

    def _selection_matches(self) -> bool:
        selected = self.editor.textCursor().selectedText()
        needle = self.find_box.text()
        if self.case.isChecked():
            return selected == needle
        return selected.casefold() == needle.casefold()

    def replace_one(self) -> None:
        if self.everywhere is not None and self.searches_everywhere():
            self.everywhere.replace_one()
            return
        if self.find_box.text() and self._selection_matches():
            self.editor.textCursor().insertText(self.replace_box.text())
        self.find_next()

    def replace_all(self) -> int:
        """Replace every match, as one step of the editor's undo (of the window's, for all
        entries)."""
        if self.everywhere is not None and self.searches_everywhere():
            return self.everywhere.replace_all()
        needle, replacement = self.find_box.text(), self.replace_box.text()
        if not needle:
            return 0
        count = 0
        cursor = self.editor.textCursor()
        cursor.beginEditBlock()
        found = self.editor.document().find(needle, 0, self._flags())
        while not found.isNull():
            found.insertText(replacement)
            count += 1
            found = self.editor.document().find(needle, found.position(), self._flags())
        cursor.endEditBlock()
        self.result.setText(f"{count} replaced")
        return count


def word_count_text(words: int, chars: int) -> str:
    """212 words · 1,234 characters."""
    word_noun = "word" if words == 1 else "words"
    char_noun = "character" if chars == 1 else "characters"
    return f"{words:,} {word_noun} · {chars:,} {char_noun}"
