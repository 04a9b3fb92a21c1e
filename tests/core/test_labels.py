from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from desk.core.clock import FrozenClock, SystemClock, parse_time, to_minute
from desk.core.errors import DeskError
from desk.core.model import Labels

COVERAGE = date(2024, 12, 27)


def test_frozen_clock_labels_an_update_with_its_gmt_minute() -> None:
    clock = FrozenClock(datetime(2024, 12, 27, 13, 3, 41, tzinfo=UTC))
    assert Labels().for_stamp(to_minute(clock.now()), COVERAGE) == "UPDATE 1303 GMT:"


def test_an_update_after_midnight_names_its_day() -> None:
    clock = FrozenClock(datetime(2024, 12, 28, 0, 15, tzinfo=UTC))
    assert Labels().for_stamp(clock.now(), COVERAGE) == "UPDATE 0015 GMT, 28 December:"


def test_original_entry_label() -> None:
    assert Labels().for_stamp(datetime(2024, 12, 27, 9, 0, tzinfo=UTC), COVERAGE, "original") == (
        "ORIGINAL ENTRY:"
    )


def test_custom_label_formats() -> None:
    labels = Labels(
        update="Update {HH}:{MM} GMT",
        update_other_day="{day} {month}, {HH}:{MM} GMT",
        original="First report:",
    )
    assert (
        labels.for_stamp(datetime(2024, 12, 27, 7, 5, tzinfo=UTC), COVERAGE) == "Update 07:05 GMT"
    )
    assert labels.for_stamp(datetime(2025, 1, 2, 23, 59, tzinfo=UTC), COVERAGE) == (
        "2 January, 23:59 GMT"
    )
    assert labels.for_stamp(datetime(2024, 12, 27, 7, 5, tzinfo=UTC), COVERAGE, "original") == (
        "First report:"
    )


def test_unknown_braces_in_a_format_are_left_alone() -> None:
    labels = Labels(update="{x} {HH}{MM} {}")
    assert labels.for_stamp(datetime(2024, 12, 27, 7, 5, tzinfo=UTC), COVERAGE) == "{x} 0705 {}"


def test_a_stamp_in_another_zone_is_labelled_in_utc() -> None:
    stamp = parse_time("2024-12-27T14:03:00+01:00")
    assert Labels().for_stamp(stamp, COVERAGE) == "UPDATE 1303 GMT:"


def test_desk_now_fixes_the_system_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DESK_NOW", "2024-12-27T13:03")
    assert SystemClock().now() == datetime(2024, 12, 27, 13, 3, tzinfo=UTC)


def test_a_bad_time_is_a_clear_error() -> None:
    with pytest.raises(DeskError, match="not a time"):
        parse_time("yesterday at five")
