"""The clock: UTC now, overridable by DESK_NOW, replaceable in tests."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Protocol

from desk.core.errors import DeskError


class Clock(Protocol):
    def now(self) -> datetime:
        """The current time, timezone-aware, in UTC."""
        ...


class SystemClock:
    """The machine's clock, unless DESK_NOW (ISO 8601) fixes the time."""

    def now(self) -> datetime:
        fixed = os.environ.get("DESK_NOW")
        if fixed:
            return parse_time(fixed)
        return datetime.now(UTC)


@dataclass
class FrozenClock:
    """A clock that stands still until a test moves it."""

    moment: datetime = field(default_factory=lambda: datetime(2025, 3, 14, 21, 41, tzinfo=UTC))

    def now(self) -> datetime:
        return self.moment

    def advance(self, **delta: float) -> None:
        self.moment += timedelta(**delta)


def to_minute(moment: datetime) -> datetime:
    """The moment in UTC, cut to the minute: what a stamp holds."""
    if moment.tzinfo is UTC and not moment.second and not moment.microsecond:
        return moment  # a stamp already (every entry read from a file or the index)
    return moment.astimezone(UTC).replace(second=0, microsecond=0)


def parse_time(text: str) -> datetime:
    """An ISO 8601 time; UTC when it has no offset."""
    raw = text.strip()
    try:
        moment = datetime.fromisoformat(raw)
    except ValueError:
        raise DeskError(f"not a time: {text!r} (use ISO 8601, e.g. 2025-03-14T21:41)") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise DeskError(f"not a date: {text!r} (use YYYY-MM-DD)") from None


def parse_clock_time(text: str) -> time:
    """HH:MM (or HHMM), as a newsroom writes a time of day."""
    raw = text.strip().replace(":", "")
    if len(raw) == 4 and raw.isdigit() and int(raw[:2]) < 24 and int(raw[2:]) < 60:
        return time(int(raw[:2]), int(raw[2:]))
    raise DeskError(f"not a time of day: {text!r} (use HH:MM, e.g. 08:30)")


def format_stamp(moment: datetime) -> str:
    """A stamp as written in files and exports: 2025-03-14T21:41:00Z."""
    if moment.tzinfo is UTC and not moment.microsecond:
        return moment.isoformat()[:-6] + "Z"  # the same, faster (an export writes each one)
    m = moment.astimezone(UTC)
    return f"{m.year:04d}-{m.month:02d}-{m.day:02d}T{m.hour:02d}:{m.minute:02d}:{m.second:02d}Z"
