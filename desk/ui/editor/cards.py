"""Embed blocks shown as cards in the body editor: one tinted line each (the platform,
who, when, the first words; an image's caption and credit) in place of its YAML, the text
in the document unchanged.

The card is the block's opening fence line, painted over; the block's other lines are
hidden (QPlainTextDocumentLayout lays out no invisible block). The cursor steps over a
card as one unit: it stands before the card (on it) or after it, never inside; Delete on
it or Backspace after it takes the whole block away as one undo step; Enter or a
double-click opens the embed's dialog. A block that cannot be read stays as source, with a
warning mark. Copy and paste carry the block's text, which is what the document holds."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass

from PySide6.QtCore import QObject, QPoint, QRect, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QPainter,
    QPalette,
    QTextBlock,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QPlainTextEdit

from desk.core.blocks import embed_matches
from desk.core.embeds.card import card_of

CARD_FILL = QColor("#eef3fb")
CARD_EDGE = QColor("#9fb6d6")
CARD_ON = QColor("#1d4e89")  # the edge of the card the cursor stands on
WARNING = QColor("#b3261e")
CARD_TEXT = 0.9  # of the editor's font size
MOVES = {Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down}


@dataclass(frozen=True)
class Card:
    start: int  # the opening fence's first character
    end: int  # after the closing fence
    first: int  # the opening fence's block number
    last: int  # the closing fence's block number
    line: str  # what the card says; "" for a block that cannot be read
    problem: str = ""
    opened: bool = False  # shown as source while a match found in it is selected

    @property
    def closed(self) -> bool:
        """Shown as a card (read, and not opened)."""
        return bool(self.line) and not self.opened

    def inside(self, position: int) -> bool:
        return self.start < position <= self.end


class EmbedCards(QObject):
    """The cards of the body editor's document, kept up with each change."""

    def __init__(self, edit: QPlainTextEdit) -> None:
        super().__init__(edit)
        self.edit = edit
        self.shown = True  # View → Show embed source switches this off
        self.cards: list[Card] = []
        # Set by the entry editor: the change made inside is one undo step of its own.
        self.edit_step: Callable[[str], AbstractContextManager[None]] | None = None
        # Set by Insert: opens the dialog of the embed at the cursor.
        self.open_hook: Callable[[], None] | None = None
        self._document: QTextDocument | None = None
        self._hidden = False  # hidden blocks not known by number: look at every block
        self._revision = -1  # the document's revision the cards were found in
        self._text = ""  # the text they were found in
        self._hidden_numbers: set[int] = set()  # the blocks hidden, by number
        self._block_count = 0  # the document's blocks when they were hidden
        self._position = 0
        self._opened: int | None = None  # the start of the card opened on a match
        self._navigating = False  # the writer moves the cursor (keys, mouse)
        edit.cursorPositionChanged.connect(self._cursor_moved)

    # -- following the document -------------------------------------------------------------

    def follow(self, document: QTextDocument) -> None:
        if self._document is not None:
            self._document.contentsChanged.disconnect(self.refresh)
        self._document = document
        document.contentsChanged.connect(self.refresh)
        self._hidden = any(not b.isVisible() for b in _blocks(document))
        self._hidden_numbers = set()
        self.refresh(force=True)

    def show_cards(self, shown: bool) -> None:
        self.shown = shown
        self.refresh(force=True)
        self._cursor_moved()  # a cursor inside a block now a card goes onto it
        self.edit.viewport().update()

    def refresh(self, force: bool = False) -> None:
        """Find the cards again and hide the lines of each but its first. The highlighter's
        formats also count as a change of the document: an unchanged text is skipped."""
        document = self._document
        if document is None:
            return
        self._revision = document.revision()
        text = document.toPlainText()
        if text == self._text and not force:
            return
        self._text = text
        self.cards = (
            _cards(document, text, self._opened) if self.shown and "```embed" in text else []
        )
        hidden = {n for c in self.cards if c.closed for n in range(c.first + 1, c.last + 1)}
        if not hidden and not self._hidden_numbers and not self._hidden:
            return  # the keystroke's usual case: nothing to show or hide
        count = document.blockCount()
        if count == self._block_count and not self._hidden:
            # The same blocks at the same numbers: only those that were or are hidden.
            numbers = sorted(hidden ^ self._hidden_numbers)
            blocks = [document.findBlockByNumber(n) for n in numbers]
        else:
            blocks = list(_blocks(document))
        changed = []
        for block in blocks:
            visible = block.blockNumber() not in hidden
            if block.isVisible() != visible:
                block.setVisible(visible)
                changed.append(block)
        self._hidden = False
        self._hidden_numbers = hidden
        self._block_count = count
        if changed:
            start = changed[0].position()
            end = changed[-1].position() + changed[-1].length()
            document.markContentsDirty(start, end - start)
            self.edit.viewport().update()

    def _current(self) -> list[Card]:
        """The cards, found again if the document changed since (the cursor can say it
        moved before the document says it changed)."""
        if self._document is not None and self._document.revision() != self._revision:
            self.refresh()
        return self.cards

    def card_at(self, position: int) -> Card | None:
        """The card that `position` is on (its start) or inside."""
        for card in self._current():
            if card.closed and card.start <= position <= card.end:
                return card
        return None

    @contextmanager
    def navigating(self) -> Iterator[None]:
        """The cursor moves inside are the writer's (keys, mouse): they step over cards."""
        self._navigating = True
        try:
            yield
        finally:
            self._navigating = False

    # -- the cursor -------------------------------------------------------------------------

    def _cursor_moved(self) -> None:
        cursor = self.edit.textCursor()
        position, before = cursor.position(), self._position
        opened = next((c for c in self._current() if c.opened), None)
        if opened is not None and not (opened.start < position <= opened.end):
            self._opened = None  # the cursor left the card opened on a match: a card again
            self.refresh(force=True)
        card = self.card_at(position)
        if card is not None and card.inside(position) and self._found_in(card, cursor):
            self._opened = card.start  # a match selected inside (Find): show its source
            self.refresh(force=True)
        elif card is not None and card.inside(position):
            after = _after(self.edit.document(), card)
            forward = self._navigating and position > before  # else a command put it there
            target = after if forward and after is not None else card.start
            mode = (
                QTextCursor.MoveMode.KeepAnchor
                if cursor.hasSelection()
                else QTextCursor.MoveMode.MoveAnchor
            )
            cursor.setPosition(target, mode)
            self._position = target
            self.edit.setTextCursor(cursor)  # calls this again, with the cursor outside
            return
        self._position = position

    def _found_in(self, card: Card, cursor: QTextCursor) -> bool:
        """A selection made by a command (Find), not the writer, inside the card."""
        return (
            not self._navigating
            and cursor.hasSelection()
            and card.start < cursor.selectionStart()
            and cursor.selectionEnd() <= card.end
        )

    def key(self, event: QKeyEvent) -> bool:
        """Handle a key that acts on a card; False leaves it to the editor."""
        if not self._current():
            return False
        cursor = self.edit.textCursor()
        if cursor.hasSelection():
            return False
        position = cursor.position()
        on = next((c for c in self.cards if c.closed and c.start == position), None)
        key = event.key()
        document = self.edit.document()
        if on is not None:
            if key == Qt.Key.Key_Delete:
                self.remove(on)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.open_hook is not None:
                self.open_hook()
                return True
            if key == Qt.Key.Key_Backspace:
                before = document.findBlock(position).previous()
                if before.isValid() and before.length() > 1:  # never join the fence to a line
                    cursor.setPosition(before.position() + before.length() - 1)
                    self.edit.setTextCursor(cursor)
                    return True
                return False
            typed = event.text()
            if typed and typed.isprintable() and key not in MOVES:
                cursor.insertText(typed + "\n")  # a line of its own, before the card
                cursor.movePosition(QTextCursor.MoveOperation.Left)
                self.edit.setTextCursor(cursor)
                return True
            return False
        after = next((c for c in self.cards if c.closed and _after(document, c) == position), None)
        if after is not None and key == Qt.Key.Key_Backspace:
            self.remove(after)
            return True
        ahead = next((c for c in self.cards if c.closed and c.start == position + 1), None)
        if ahead is not None and key == Qt.Key.Key_Delete and cursor.block().length() > 1:
            cursor.setPosition(ahead.start)  # step onto the card, never pull it up a line
            self.edit.setTextCursor(cursor)
            return True
        return False

    def click(self, point: QPoint, open_it: bool = False) -> bool:
        """A click on a card puts the cursor on it; a double-click opens its dialog."""
        if not self._current():
            return False
        block = self.edit.cursorForPosition(point).block()
        card = next((c for c in self.cards if c.closed and c.first == block.blockNumber()), None)
        if card is None:
            return False
        cursor = self.edit.textCursor()
        cursor.setPosition(card.start)
        self._position = card.start
        self.edit.setTextCursor(cursor)
        if open_it and self.open_hook is not None:
            self.open_hook()
        return True

    def remove(self, card: Card) -> None:
        """Take the card's whole block away, with its line (and one of the blank lines that
        stood around it), as one undo step."""
        document = self.edit.document()
        text = document.toPlainText()
        start, end = card.start, card.end
        if text[end : end + 1] == "\n":
            end += 1
            blank_before = start == 0 or start == 1 or text[start - 2] == "\n"
            if text[end : end + 1] == "\n" and blank_before:
                end += 1
        elif start > 0:
            start -= 1  # the last line: the line break before it goes
        cursor = QTextCursor(document)
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        step = self.edit_step("Delete embed") if self.edit_step is not None else nullcontext()
        with step:
            cursor.removeSelectedText()
        self.edit.setTextCursor(cursor)

    # -- painting ---------------------------------------------------------------------------

    def paint(self, area: QRect) -> None:
        if not self._current():
            return
        edit = self.edit
        offset = edit.contentOffset()
        # The tops of the blocks shown, walked down from the first (the geometry of a block
        # far away is not cheap to ask for).
        tops: dict[int, float] = {}
        block = edit.firstVisibleBlock()
        y = edit.blockBoundingGeometry(block).translated(offset).top() if block.isValid() else 0
        last = self.cards[-1].first
        while block.isValid() and y <= area.bottom() and block.blockNumber() <= last:
            tops[block.blockNumber()] = y
            y += edit.blockBoundingRect(block).height()
            block = block.next()
        shown = [c for c in self.cards if c.first in tops and not c.opened]
        if not shown:
            return
        document = edit.document()
        painter = QPainter(edit.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = edit.fontMetrics()
        small = QFont(edit.font())  # a card's words a little smaller, to stand in its box
        small.setPointSizeF(small.pointSizeF() * CARD_TEXT)
        small_metrics = QFontMetrics(small)
        cursor = edit.textCursor()
        palette = edit.palette()
        width = edit.viewport().width()
        for card in shown:
            block = document.findBlockByNumber(card.first)
            height = edit.blockBoundingRect(block).height()
            rect = QRectF(offset.x(), tops[card.first], width, height)
            if not rect.intersects(QRectF(area)):
                continue
            if not card.line:  # shown as source, with what is wrong beside the fence
                painter.setPen(WARNING)
                x = int(rect.left()) + metrics.horizontalAdvance(block.text()) + 16
                note = metrics.elidedText(
                    f"⚠ {card.problem}", Qt.TextElideMode.ElideRight, max(0, width - x - 8)
                )
                painter.drawText(
                    QRect(x, int(rect.top()), width - x, int(rect.height())),
                    Qt.AlignmentFlag.AlignVCenter,
                    note,
                )
                continue
            box = QRectF(2, rect.top() + 1, width - 6, rect.height() - 2)
            selected = cursor.selectionStart() <= card.start and cursor.selectionEnd() > card.end
            fill = palette.color(QPalette.ColorRole.Highlight) if selected else CARD_FILL
            standing = edit.hasFocus() and not cursor.hasSelection()
            edge = CARD_ON if standing and cursor.position() == card.start else CARD_EDGE
            painter.setPen(edge)
            painter.setBrush(fill)
            painter.drawRoundedRect(box, 4, 4)
            painter.setPen(
                palette.color(QPalette.ColorRole.HighlightedText) if selected else CARD_ON
            )
            inner = box.adjusted(8, 0, -8, 0)
            painter.setFont(small)
            text = small_metrics.elidedText(
                card.line, Qt.TextElideMode.ElideRight, int(inner.width())
            )
            painter.drawText(inner, Qt.AlignmentFlag.AlignVCenter, text)
            painter.setFont(edit.font())
        painter.end()


def _blocks(document: QTextDocument) -> Iterator[QTextBlock]:
    block = document.firstBlock()
    while block.isValid():
        yield block
        block = block.next()


def _after(document: QTextDocument, card: Card) -> int | None:
    """Where the cursor stands after a card: the start of the next line, if there is one."""
    following = document.findBlockByNumber(card.last).next()
    return following.position() if following.isValid() else None


def _cards(document: QTextDocument, text: str, opened: int | None) -> list[Card]:
    cards = []
    for match in embed_matches(text):
        line, problem = card_of(match.group(1))
        first = document.findBlock(match.start()).blockNumber()
        last = document.findBlock(match.end()).blockNumber()
        start = match.start()
        cards.append(Card(start, match.end(), first, last, line, problem, opened=start == opened))
    return cards
