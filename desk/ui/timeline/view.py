"""The timeline's list view, its scroll bar, and the delegate that draws one row: stamp,
status badge, headline or first words, word count and author."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QFontMetricsF,
    QGuiApplication,
    QPainter,
    QPaintEvent,
    QPalette,
    QStaticText,
    QTransform,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSlider,
    QListView,
    QScrollBar,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from desk.ui.timeline.cms_marks import COLOURS as MARK_COLOURS
from desk.ui.timeline.cms_marks import GAP as MARK_GAP
from desk.ui.timeline.cms_marks import MARKS
from desk.ui.timeline.model import Role, RowView

if TYPE_CHECKING:
    from PySide6.QtGui import QKeyEvent

PAD = 8
START_HINT = "No entries yet.\n\nCtrl+N: the first update\nCtrl+Shift+O: the original entry"
NO_MATCH_HINT = "No entry matches the filter.\n\nClear it to see all {count:,}."
STAMP_WIDTH_TEXT = "ORIGINAL"
BADGES = {
    # status: (text, background, text colour): quiet colours that read in both themes
    "ready": ("READY", QColor("#2e7d32"), QColor("#ffffff")),
    "draft": ("DRAFT", QColor("#f0b429"), QColor("#3b2c00")),
    "conflict": ("CONFLICT", QColor("#c62828"), QColor("#ffffff")),  # after the status
    "order": ("↕ ORDER", QColor("#5c3d8f"), QColor("#ffffff")),  # out of order: see tooltip
}


LEFT_MIDDLE = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
ELIDE = Qt.TextElideMode.ElideRight
SELECTED = QStyle.StateFlag.State_Selected
ITEM = QStyle.ControlElement.CE_ItemViewItem
ANTIALIASED = QPainter.RenderHint.Antialiasing
NO_PEN = Qt.PenStyle.NoPen
NO_BRUSH = Qt.BrushStyle.NoBrush
TEXT = QPalette.ColorRole.Text
SELECTED_TEXT = QPalette.ColorRole.HighlightedText
SEPARATOR = " · "  # between the parts of the second line
SHORT_TEXTS = 2048  # laid-out stamps, badge and mark labels (a day has 1,440 stamps)
UNTRANSFORMED = QTransform()
HANDLE_MARGIN = 3  # pixels of a scroll bar handle's outline, shadow or glow
ROW_TEXTS = 1024  # laid-out summaries and second lines: a few screens of rows, repainted


class Laid(NamedTuple):
    """A text laid out once, with its size (asked for once, not at every paint)."""

    static: QStaticText
    width: float
    height: float


def keep(kept: dict[Any, Any], key: Any, value: Any, size: int) -> None:
    """kept[key] = value, letting the oldest entry go once `kept` holds `size`."""
    if len(kept) >= size:
        del kept[next(iter(kept))]
    kept[key] = value


class Texts:
    """Texts in one font, laid out once and kept by text and the width they are elided
    to: laying out text is most of what painting a row costs. What a layout is made of
    is its key, so a changed text or width finds a new one, never a stale one (a new
    font makes new `Texts`); the oldest go first once it is full.

    A text seen for the first time is drawn at once instead (a layout kept costs three
    draws, and most rows of a scroll are painted once); it is laid out when it comes
    back. Only a text all in the font itself is drawn so: a fallback font's glyphs could
    sit the line differently, and the two ways must not look different."""

    def __init__(self, font: QFont, size: int) -> None:
        self.font = font
        self.metrics = QFontMetrics(font)
        self._exact = QFontMetricsF(font)
        self._size = size
        self._texts: dict[tuple[str, int | None], Laid] = {}
        self._seen: dict[tuple[str, int | None], str] = {}  # drawn once, as shown
        self._advances: dict[str, float] = {}
        self._in_font: dict[str, bool] = {}
        self._line = self._lay_out("X").height  # of a line in this font alone
        self._ascent = self._exact.ascent()

    def _lay_out(self, text: str) -> Laid:
        static = QStaticText(text)
        static.setTextFormat(Qt.TextFormat.PlainText)
        static.prepare(UNTRANSFORMED, self.font)
        size = static.size()
        return Laid(static, size.width(), size.height())

    def _shown(self, text: str, width: int | None, fits: bool) -> str:
        return text if width is None or fits else self.metrics.elidedText(text, ELIDE, width)

    def get(self, text: str, width: int | None = None, fits: bool = False) -> Laid:
        """`text` laid out, elided to `width` pixels (None, or `fits`: as it is)."""
        key = (text, width)
        laid = self._texts.get(key)
        if laid is None:
            shown = self._seen.pop(key, None)
            laid = self._lay_out(self._shown(text, width, fits) if shown is None else shown)
            keep(self._texts, key, laid, self._size)
        return laid

    def draw(
        self,
        painter: QPainter,
        x: float,
        top: float,
        line: float | None,
        text: str,
        width: int | None = None,
        fits: bool = False,
    ) -> None:
        """Draw `text`, elided as `get` does, from `x`: centred on a line `line` pixels
        high from `top`, or (None) with its top at `top`."""
        key = (text, width)
        laid = self._texts.get(key)
        if laid is None and key not in self._seen:
            shown = self._shown(text, width, fits)
            if self._all_in_font(shown):
                keep(self._seen, key, shown, self._size)
                y = top if line is None else top + (line - self._line) / 2
                painter.drawText(QPointF(x, y + self._ascent), shown)
                return
        if laid is None:
            laid = self.get(text, width, fits)
        y = top if line is None else top + (line - laid.height) / 2
        painter.drawStaticText(QPointF(x, y), laid.static)

    def _all_in_font(self, text: str) -> bool:
        in_font = self._in_font
        for char in set(text):
            found = in_font.get(char)
            if found is None:
                found = in_font[char] = char >= " " and self.metrics.inFontUcs4(ord(char))
            if not found:
                return False
        return True

    def advance(self, text: str) -> float:
        """How far `text` moves the pen (unrounded), as a line laid out with it does."""
        advance = self._advances.get(text)
        if advance is None:
            advance = self._exact.horizontalAdvance(text)
            keep(self._advances, text, advance, self._size)
        return advance

    def __len__(self) -> int:
        return len(self._texts)


class Tag(NamedTuple):
    """A badge or a mark as a row draws it: its box, and where its label goes in it."""

    width: int
    height: int
    label: QStaticText
    label_x: float  # from the box's left
    label_y: float  # from the box's top
    fill: QColor | None  # a badge's background (a mark is outlined instead)
    pen: QColor  # the badge's text, or the mark's outline and text


class Look:
    """The fonts of a row, their metrics, laid-out texts and tags, made once for each
    font the view has."""

    def __init__(self, font: QFont) -> None:
        self.font = QFont(font)  # a copy: the option's own font goes with the option
        base = QFont(font)
        stamp = QFont(base)
        stamp.setBold(True)
        stamp.setStyleHint(QFont.StyleHint.Monospace)
        small = QFont(base)
        small.setPointSizeF(max(base.pointSizeF() * 0.85, 7.0))
        bold = QFont(small)
        bold.setBold(True)
        self.stamps = Texts(stamp, SHORT_TEXTS)
        self.summaries = Texts(base, ROW_TEXTS)
        self.details = Texts(small, ROW_TEXTS)
        self.labels = Texts(bold, SHORT_TEXTS)  # of the badges and the marks
        self.line1 = self.summaries.metrics.height()
        self.height = self.line1 + self.details.metrics.height() + 3 * PAD // 2 + 2
        self.stamp_width = self.stamps.metrics.horizontalAdvance(STAMP_WIDTH_TEXT) + PAD
        self._badge_width = self.labels.metrics.horizontalAdvance(BADGES["ready"][0])
        self._tags: dict[str, Tag] = {}

    def badge(self, status: str) -> Tag:
        """The badge of a status ("ready"), or of "conflict" or "order"."""
        tag = self._tags.get(status)
        if tag is None:
            label, background, foreground = BADGES.get(
                status, (status.upper(), QColor("#888"), QColor("#fff"))
            )
            laid = self.labels.get(label)
            advance = int(self.labels.advance(label) + 0.5)  # as QFontMetrics rounds it
            width = max(self._badge_width, advance) + PAD
            height = self.labels.metrics.height() + 2
            x, y = (width - laid.width) / 2, (height - laid.height) / 2
            tag = self._tags[status] = Tag(width, height, laid.static, x, y, background, foreground)
        return tag

    def mark(self, mark: str) -> Tag:
        """The tag of a CMS mark ("key")."""
        tag = self._tags.get(f"mark:{mark}")
        if tag is None:
            label = MARKS[mark][0]
            laid = self.labels.get(label)
            advance = self.labels.advance(label)
            width = int(advance + 0.5) + 2 * MARK_GAP
            height = self.labels.metrics.height()
            # Centred by its advance, as drawText centres it (a star's glyph overhangs).
            x, y = (width - advance) / 2, (height - laid.height) / 2
            tag = Tag(width, height, laid.static, x, y, None, MARK_COLOURS[mark])
            self._tags[f"mark:{mark}"] = tag
        return tag


class TimelineDelegate(QStyledItemDelegate):
    """Two lines per row; the header row shows the blog's title and date. A row's fields
    come in one call (`Role.ROW`), the fonts are made once, and every text but the
    header's is drawn from its layout, made once (`Texts`): scrolling stays cheap."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._look = Look(QFont())
        self._faint: dict[int, QColor] = {}

    def look(self, option: QStyleOptionViewItem) -> Look:
        """The fonts and texts for the option's font (made again when it changed)."""
        font: QFont = option.font  # type: ignore[attr-defined]
        if font != self._look.font:
            self._look = Look(font)
        return self._look

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        return QSize(240, self.look(option).height)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        # The background (selection, focus) only: the view's option carries no text or
        # icon (initStyleOption is never called), so the item roles are never asked for.
        widget = option.widget  # type: ignore[attr-defined]
        if widget is not None:
            widget.style().drawControl(ITEM, option, painter, widget)
        painter.save()
        try:
            row = index.data(Role.ROW)
            if isinstance(row, RowView):
                self._paint_row(painter, option, row)
            elif index.data(Role.KIND) == "header":  # else an entry that cannot be read
                self._paint_header(painter, option, index)
        finally:
            painter.restore()

    def _colours(self, option: QStyleOptionViewItem) -> tuple[QColor, QColor]:
        """The row's text colour and the fainter one of its second line."""
        selected = SELECTED in option.state  # type: ignore[attr-defined]
        text: QColor = option.palette.color(SELECTED_TEXT if selected else TEXT)  # type: ignore[attr-defined]
        rgba = text.rgba()
        faint = self._faint.get(rgba)
        if faint is None:
            faint = self._faint[rgba] = QColor(text)
            faint.setAlphaF(0.65)
        return text, faint

    def _paint_header(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        rect: QRect = option.rect.adjusted(PAD, PAD // 2, -PAD, -PAD // 2)  # type: ignore[attr-defined]
        text, faint = self._colours(option)
        look = self.look(option)
        top = QRect(rect.left(), rect.top(), rect.width(), look.line1)
        bottom = QRect(
            rect.left(), rect.top() + look.line1 + 2, rect.width(), rect.height() - look.line1
        )
        stamps, details = look.stamps, look.details
        painter.setFont(stamps.font)
        painter.setPen(text)
        title = stamps.metrics.elidedText(str(index.data(Role.SUMMARY)), ELIDE, top.width())
        painter.drawText(top, LEFT_MIDDLE, title)
        painter.setFont(details.font)
        painter.setPen(faint)
        painter.drawText(bottom, Qt.AlignmentFlag.AlignLeft, str(index.data(Role.LABEL)))

    def _paint_row(self, painter: QPainter, option: QStyleOptionViewItem, row: RowView) -> None:
        rect: QRect = option.rect  # type: ignore[attr-defined]
        left, top = rect.left() + PAD, rect.top() + PAD // 2
        right = rect.right() - PAD  # the last pixel a text may reach
        text, faint = self._colours(option)
        look = self.look(option)
        line1 = look.line1
        # First line: stamp, badge(s), headline or first words, each centred on the line.
        painter.setFont(look.stamps.font)
        painter.setPen(text)
        look.stamps.draw(painter, left, top, line1, row.stamp)
        # The badges centred on the line as QRect.center() does it (rounding towards zero).
        middle = int((2 * top + line1 - 1) / 2)
        painter.setRenderHint(ANTIALIASED)
        painter.setFont(look.labels.font)
        badge_right = self._paint_tag(
            painter, look.badge(row.status), left + look.stamp_width, middle
        )
        # A conflict copy, to be resolved; an update stamped newer than one above it, or
        # older than one below.
        for badge, shown in (("conflict", row.conflict), ("order", row.order)):
            if shown:
                badge_right = self._paint_tag(
                    painter, look.badge(badge), badge_right + PAD // 2, middle
                )
        painter.setFont(look.summaries.font)
        painter.setPen(text)
        x = badge_right + PAD
        look.summaries.draw(painter, x, top, line1, row.summary or "(empty)", right - x)
        # Second line: the other day's date, word count, author; the marks at its end.
        y = top + line1 + 2
        if row.marks:
            painter.setFont(look.labels.font)
            painter.setBrush(NO_BRUSH)
            for mark in reversed(row.marks):
                tag = look.mark(mark)
                x = right - tag.width + 1
                self._paint_tag(painter, tag, x, y)
                right = x - MARK_GAP
        painter.setFont(look.details.font)
        painter.setPen(faint)
        details = look.details
        parts = row.detail
        width = right - left - PAD
        # Laid out whole; elided only when the parts' advances (kept, they repeat from row
        # to row) say the line is too long, as the joined line's advance would.
        joined = SEPARATOR.join(parts)
        fits = sum(map(details.advance, parts)) + details.advance(SEPARATOR) * (len(parts) - 1)
        details.draw(painter, left, y, None, joined, width, fits <= width)

    def _paint_tag(self, painter: QPainter, tag: Tag, x: int, y: int) -> int:
        """Draw a badge from `x`, centred on `y`, or a mark from `x` with its top at `y`;
        returns its right edge."""
        if tag.fill is not None:
            box = QRect(x, y - tag.height // 2, tag.width, tag.height)
            painter.setPen(NO_PEN)
            painter.setBrush(tag.fill)
            painter.drawRoundedRect(box, 3, 3)
            painter.setPen(tag.pen)
        else:
            box = QRect(x, y, tag.width, tag.height)
            painter.setPen(tag.pen)
            painter.drawRoundedRect(box.adjusted(0, 0, -1, -1), 3, 3)
        painter.drawStaticText(QPointF(x + tag.label_x, box.top() + tag.label_y), tag.label)
        return box.right()


class TimelineScrollBar(QScrollBar):
    """The timeline's vertical scroll bar. A scroll repaints the handle's old and new
    places, not the whole bar (the rest of it looks the same): a fill as tall as the
    groove is split among Qt's paint threads, and on two busy cores a page of 10,000
    rows waited longer for them than it took to paint its rows."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self._shown = self.value()

    def sliderChange(self, change: QAbstractSlider.SliderChange) -> None:
        old, self._shown = self._shown, self.value()
        # The whole bar when more than the handle may look different: its range or size
        # changed, an arrow may turn on or off at an end, a pressed part follows the
        # mouse, or the style fades the bar in.
        if (
            change != QAbstractSlider.SliderChange.SliderValueChange
            or {old, self._shown} & {self.minimum(), self.maximum()}
            or QGuiApplication.mouseButtons() != Qt.MouseButton.NoButton
            or self.style().styleHint(QStyle.StyleHint.SH_ScrollBar_Transient, None, self)
        ):
            super().sliderChange(change)
            return
        self.update(self._handle(old).united(self._handle(self._shown)))

    def _handle(self, value: int) -> QRect:
        """Where the handle is drawn at `value`: its rectangle, a margin for the outline
        a style draws around it, across the bar."""
        from PySide6.QtWidgets import QStyleOptionSlider  # named on first use (see desk.ui)

        option = QStyleOptionSlider()
        self.initStyleOption(option)
        option.sliderPosition = option.sliderValue = value
        handle = self.style().subControlRect(
            QStyle.ComplexControl.CC_ScrollBar, option, QStyle.SubControl.SC_ScrollBarSlider, self
        )
        return QRect(
            0, handle.top() - HANDLE_MARGIN, self.width(), handle.height() + 2 * HANDLE_MARGIN
        )


class TimelineView(QListView):
    """The list on the left. Delete/Backspace asks for the selected entry's deletion;
    the first paint with rows is announced once (for start-up tracing)."""

    delete_requested = Signal()
    open_requested = Signal()  # Enter on a row: go and write in it
    first_painted = Signal()  # the first paint with rows
    painted_once = Signal()  # the first paint at all, rows or none

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._painted = False
        self._painted_once = False
        self.setItemDelegate(TimelineDelegate(self))
        self.setVerticalScrollBar(TimelineScrollBar(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setUniformItemSizes(True)  # 2,000 rows lay out at once
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        # A light selection, so the badges keep their colours on the selected row; set on
        # the palette (not the style sheet) because the delegate paints with it.
        palette = self.palette()
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            palette.setColor(group, QPalette.ColorRole.Highlight, QColor("#d6e4f5"))
            palette.setColor(group, QPalette.ColorRole.HighlightedText, QColor("#1d1d1b"))
        self.setPalette(palette)
        self.setAccessibleName("Timeline")
        self.setAccessibleDescription(
            "The blog header, the updates newest first, the original entry last"
        )

    @property
    def painted(self) -> bool:
        """True once the view has painted rows (`first_painted` was emitted)."""
        return self._painted

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not event.modifiers():
            self.delete_requested.emit()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            self.open_requested.emit()
            return
        super().keyPressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        hint = self.hint()
        if hint:
            self._paint_hint(hint)
        if not self._painted_once:
            self._painted_once = True
            self.painted_once.emit()
        if not self._painted and self.model() is not None and self.model().rowCount() > 0:
            self._painted = True
            self.first_painted.emit()

    def hint(self) -> str:
        """What the empty list says under the header row: what to press in a blog without
        entries, that the filter hides them all in one with entries; "" with rows shown."""
        model: Any = self.model()
        if model is None or model.rowCount() != 1:  # rows, or not even the header
            return ""
        source = model.sourceModel() if hasattr(model, "sourceModel") else None
        entries = source.rowCount() - 1 if source is not None else 0
        return NO_MATCH_HINT.format(count=entries) if entries > 0 else START_HINT

    def _paint_hint(self, hint: str) -> None:
        header = self.visualRect(self.model().index(0, 0))
        area = self.viewport().rect().adjusted(PAD * 2, header.bottom() + PAD * 3, -PAD * 2, 0)
        painter = QPainter(self.viewport())
        try:
            painter.setPen(QColor("#5f5f5a"))
            painter.drawText(
                area,
                int(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
                | int(Qt.TextFlag.TextWordWrap),
                hint,
            )
        finally:
            painter.end()

    def current_source_row(self) -> int:
        """The selected row in the timeline model (through the filter), or -1."""
        index = self.currentIndex()
        if not index.isValid():
            return -1
        model: Any = self.model()
        return int(model.mapToSource(index).row()) if hasattr(model, "mapToSource") else index.row()
