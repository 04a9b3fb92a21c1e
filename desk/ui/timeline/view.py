"""The timeline's list view and the delegate that draws one row: stamp, status badge,
headline or first words, word count and author."""

from __future__ import annotations

from typing import Any, NamedTuple

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QStaticText,
    QTransform,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from desk.ui.timeline.cms_marks import paint_marks
from desk.ui.timeline.model import Role, RowView

PAD = 8
START_HINT = "No entries yet.\n\nCtrl+N: the first update\nCtrl+Shift+O: the original entry"
STAMP_WIDTH_TEXT = "ORIGINAL"
BADGES = {
    # status: (text, background, text colour): quiet colours that read in both themes
    "ready": ("READY", QColor("#2e7d32"), QColor("#ffffff")),
    "draft": ("DRAFT", QColor("#f0b429"), QColor("#3b2c00")),
    "conflict": ("CONFLICT", QColor("#c62828"), QColor("#ffffff")),  # after the status
    "order": ("↕ ORDER", QColor("#5c3d8f"), QColor("#ffffff")),  # out of order: see tooltip
}


class Fonts(NamedTuple):
    """The fonts of a row and their metrics, made once for each font the view has."""

    base: QFont
    stamp: QFont
    small: QFont
    bold_small: QFont
    base_metrics: QFontMetrics
    stamp_metrics: QFontMetrics
    small_metrics: QFontMetrics
    bold_metrics: QFontMetrics
    badge_width: int
    stamp_width: int


def make_fonts(font: QFont) -> Fonts:
    base = QFont(font)
    stamp = QFont(base)
    stamp.setBold(True)
    stamp.setStyleHint(QFont.StyleHint.Monospace)
    small = QFont(base)
    small.setPointSizeF(max(base.pointSizeF() * 0.85, 7.0))
    bold = QFont(small)
    bold.setBold(True)
    bold_metrics = QFontMetrics(bold)
    stamp_metrics = QFontMetrics(stamp)
    return Fonts(
        base, stamp, small, bold, QFontMetrics(base), stamp_metrics, QFontMetrics(small),
        bold_metrics, bold_metrics.horizontalAdvance(BADGES["ready"][0]),
        stamp_metrics.horizontalAdvance(STAMP_WIDTH_TEXT) + PAD,
    )  # fmt: skip


LEFT = Qt.AlignmentFlag.AlignLeft
LEFT_MIDDLE = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
CENTRE = Qt.AlignmentFlag.AlignCenter
STATIC_TEXTS = 4096  # laid-out stamps and badges kept (a day has 1,440 stamps)


class TimelineDelegate(QStyledItemDelegate):
    """Two lines per row; the header row shows the blog's title and date. A row's fields
    come in one call (`Role.ROW`) and the fonts are made once: scrolling stays cheap."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._fonts_made: dict[str, Fonts] = {}
        self._static: dict[tuple[str, str], QStaticText] = {}

    def _draw_static(self, painter: QPainter, rect: QRect, text: str, centre: bool) -> None:
        """Draw a short text that comes back often (a stamp, a badge) from its layout,
        made once: laying out text is most of what painting a row costs."""
        key = (painter.font().key(), text)
        static = self._static.get(key)
        if static is None:
            if len(self._static) >= STATIC_TEXTS:
                self._static.clear()
            static = self._static[key] = QStaticText(text)
            static.prepare(QTransform(), painter.font())
        size = static.size()
        x = rect.left() + (rect.width() - size.width()) / 2 if centre else rect.left()
        y = rect.top() + (rect.height() - size.height()) / 2
        painter.drawStaticText(QPointF(x, y), static)

    def _fonts(self, option: QStyleOptionViewItem) -> Fonts:
        font: QFont = option.font  # type: ignore[attr-defined]
        key = font.key()
        fonts = self._fonts_made.get(key)
        if fonts is None:
            fonts = self._fonts_made[key] = make_fonts(font)
        return fonts

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        fonts = self._fonts(option)
        height = fonts.base_metrics.height() + fonts.small_metrics.height() + 3 * PAD // 2 + 2
        return QSize(240, height)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        # The background (selection, focus) only: the row's text is painted below, so
        # the item's own text and icon roles are never asked for.
        option.text = ""  # type: ignore[attr-defined]
        style = option.widget.style() if option.widget else None  # type: ignore[attr-defined]
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)  # type: ignore[attr-defined]
        painter.save()
        try:
            self._paint_row(painter, option, index)
        finally:
            painter.restore()

    def _paint_row(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        rect: QRect = option.rect.adjusted(PAD, PAD // 2, -PAD, -PAD // 2)  # type: ignore[attr-defined]
        selected = bool(option.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
        palette: QPalette = option.palette  # type: ignore[attr-defined]
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        text = palette.color(text_role)
        faint = QColor(text)
        faint.setAlphaF(0.65)
        fonts = self._fonts(option)
        base, stamp_font, small = fonts.base, fonts.stamp, fonts.small
        line1 = fonts.base_metrics.height()
        top = QRect(rect.left(), rect.top(), rect.width(), line1)
        bottom = QRect(rect.left(), rect.top() + line1 + 2, rect.width(), rect.height() - line1)
        row = index.data(Role.ROW)
        if not isinstance(row, RowView):  # the header, or an entry that cannot be read
            if index.data(Role.KIND) != "header":
                return
            painter.setFont(stamp_font)
            painter.setPen(text)
            title = fonts.stamp_metrics.elidedText(
                str(index.data(Role.SUMMARY)), Qt.TextElideMode.ElideRight, top.width()
            )
            painter.drawText(top, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)
            painter.setFont(small)
            painter.setPen(faint)
            painter.drawText(bottom, Qt.AlignmentFlag.AlignLeft, str(index.data(Role.LABEL)))
            return
        # First line: stamp, badge, headline or first words.
        painter.setFont(stamp_font)
        painter.setPen(text)
        stamp_rect = QRect(top.left(), top.top(), fonts.stamp_width, top.height())
        self._draw_static(painter, stamp_rect, row.stamp, centre=False)
        badge_right = self._paint_badge(painter, fonts, row.status, stamp_rect)
        if row.conflict:  # a conflict copy, to be resolved
            after = QRect(badge_right + PAD // 2, top.top(), 0, top.height())
            badge_right = self._paint_badge(painter, fonts, "conflict", after)
        if row.order:  # stamped newer than an update above it, or older below
            after = QRect(badge_right + PAD // 2, top.top(), 0, top.height())
            badge_right = self._paint_badge(painter, fonts, "order", after)
        painter.setFont(base)
        painter.setPen(text)
        summary_rect = QRect(
            badge_right + PAD, top.top(), top.right() - badge_right - PAD, top.height()
        )
        summary = fonts.base_metrics.elidedText(
            row.summary or "(empty)", Qt.TextElideMode.ElideRight, summary_rect.width()
        )
        painter.drawText(summary_rect, LEFT_MIDDLE, summary)
        # Second line: the other day's date, word count, author.
        words = row.words
        parts = [row.other_day, f"{words} word{'s' if words != 1 else ''}", row.author]
        detail = " · ".join(p for p in parts if p)
        marks_left = paint_marks(painter, small, row.marks, bottom) if row.marks else bottom.right()
        width = marks_left - bottom.left() - PAD
        detail = fonts.small_metrics.elidedText(detail, Qt.TextElideMode.ElideRight, width)
        painter.setFont(small)
        painter.setPen(faint)
        painter.drawText(bottom, LEFT, detail)

    def _paint_badge(self, painter: QPainter, fonts: Fonts, status: str, stamp_rect: QRect) -> int:
        """Draw the status badge after the stamp; returns its right edge."""
        label, background, foreground = BADGES.get(
            status, (status.upper(), QColor("#888"), QColor("#fff"))
        )
        bold, metrics = fonts.bold_small, fonts.bold_metrics
        width = max(fonts.badge_width, metrics.horizontalAdvance(label)) + PAD
        height = metrics.height() + 2
        badge = QRect(stamp_rect.right() + 1, stamp_rect.center().y() - height // 2, width, height)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(background)
        painter.drawRoundedRect(badge, 3, 3)
        painter.setFont(bold)
        painter.setPen(foreground)
        self._draw_static(painter, badge, label, centre=True)
        return badge.right()


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
        if self.model() is not None and self.model().rowCount() == 1:  # the header alone
            self._paint_start_hint()
        if not self._painted_once:
            self._painted_once = True
            self.painted_once.emit()
        if not self._painted and self.model() is not None and self.model().rowCount() > 0:
            self._painted = True
            self.first_painted.emit()

    def _paint_start_hint(self) -> None:
        """A new blog: what to press, where the entries will be."""
        header = self.visualRect(self.model().index(0, 0))
        area = self.viewport().rect().adjusted(PAD * 2, header.bottom() + PAD * 3, -PAD * 2, 0)
        painter = QPainter(self.viewport())
        try:
            painter.setPen(QColor("#5f5f5a"))
            painter.drawText(
                area,
                int(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
                | int(Qt.TextFlag.TextWordWrap),
                START_HINT,
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
