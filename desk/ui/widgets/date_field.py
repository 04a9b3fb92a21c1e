"""A date field that takes a whole date typed over its text. QDateEdit edits one part of
the date at a time, so "27 December 2024" typed over a selection became "1 December 2024";
this field reads what was typed as a whole ("27 December 2024", "27 Dec 2024", "December
27, 2024", "2024-12-27", "27/12/2024"), steps a day with Up and Down, and has a calendar."""

from __future__ import annotations

import logging
from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from desk.core.model import MONTHS
from desk.ui.widgets.a11y import named
from desk.ui.widgets.dates import from_qdate, to_qdate

log = logging.getLogger(__name__)

READ = ("d MMMM yyyy", "d MMM yyyy", "MMMM d, yyyy", "MMMM d yyyy", "MMM d, yyyy",
        "MMM d yyyy", "yyyy-MM-dd", "d/M/yyyy", "d.M.yyyy", "d-M-yyyy")  # fmt: skip


def read_date(text: str) -> date | None:
    """The date a typed text names, or None."""
    clean = " ".join(text.replace(",", ", ").split()).replace(" ,", ",")
    for form in READ:
        for candidate in (clean, clean.title()):
            day = QDate.fromString(candidate, form)
            if day.isValid():
                return from_qdate(day)
    return None


def shown(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


class DayEdit(QLineEdit):
    """The text part: Up and Down step a day; leaving it reads what was typed."""

    stepped = Signal(int)
    left = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.stepped.emit(1 if event.key() == Qt.Key.Key_Up else -1)
            event.accept()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.left.emit()
        super().focusOutEvent(event)


class DateField(QWidget):
    """One day; `day()` is always a valid date (what was typed when it was one)."""

    day_changed = Signal(object)  # the new date

    def __init__(self, day: date, name: str = "Date", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._day = day
        self.edit = named(DayEdit(shown(day)), name, "Type a date, e.g. 27 December 2024")
        self.edit.editingFinished.connect(self.take_typed)
        self.edit.left.connect(self.take_typed)
        self.edit.stepped.connect(lambda days: self.set_day(self._day + timedelta(days=days)))
        self.calendar = QCalendarWidget()
        self.calendar.clicked.connect(self._picked)
        menu = QMenu(self)
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.calendar)
        menu.addAction(action)
        self.button = named(QToolButton(), f"{name}: calendar")
        self.button.setText("▾")
        self.button.setMenu(menu)
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu.aboutToShow.connect(self._show_calendar)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.button)
        self.setFocusProxy(self.edit)

    def day(self) -> date:
        self.take_typed()
        return self._day

    def set_day(self, day: date) -> None:
        changed = day != self._day
        self._day = day
        self.edit.setText(shown(day))
        self.edit.setStyleSheet("")
        if changed:
            self.day_changed.emit(day)

    def take_typed(self) -> None:
        """Read the text as a whole: a date becomes the field's day; anything else is
        marked, and the day stays what it was."""
        text = self.edit.text()
        if text == shown(self._day):
            return
        day = read_date(text)
        if day is None:
            log.info("not a date: %r", text)
            self.edit.setStyleSheet("QLineEdit { background: #fbe3e1; }")
            self.edit.setToolTip(f"“{text}” is not a date: the date stays {shown(self._day)}")
            return
        self.set_day(day)

    def _show_calendar(self) -> None:
        self.calendar.setSelectedDate(to_qdate(self._day))

    def _picked(self, value: QDate) -> None:
        self.set_day(from_qdate(value))
        self.button.menu().hide()
