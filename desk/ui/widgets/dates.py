"""Python's dates and times as Qt's, and back: the one place the two meet. Desk's times
are UTC, to the minute."""

from __future__ import annotations

from datetime import UTC, date, datetime

from PySide6.QtCore import QDate, QDateTime, QTime, QTimeZone


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


def to_qtime(moment: datetime) -> QTime:
    return QTime(moment.hour, moment.minute)


def from_qdate_qtime(day: QDate, moment: QTime) -> datetime:
    """The UTC minute a date field and a time field show together."""
    return datetime(day.year(), day.month(), day.day(), moment.hour(), moment.minute(), tzinfo=UTC)


def to_qdatetime(moment: datetime) -> QDateTime:
    """A UTC moment for a QDateTimeEdit shown in UTC."""
    return QDateTime.fromSecsSinceEpoch(int(moment.timestamp()), QTimeZone.utc())


def from_qdatetime(value: QDateTime) -> datetime:
    return datetime.fromtimestamp(value.toSecsSinceEpoch(), UTC)
