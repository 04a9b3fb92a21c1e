"""The timeline's filter as Qt's own: a regular expression on each row's FILTER_KEY that
keeps exactly the rows the plain rule keeps (the status, and every word of the filter in
the row's text, in any case), and no question to the model while nothing is filtered."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QRegularExpression

from desk.core.storage.store import BlogStore
from desk.ui.timeline.model import (
    HEADER_KEY,
    KEY_SEPARATOR,
    Role,
    TimelineFilter,
    TimelineModel,
    filter_pattern,
)

# Letters that casefold oddly, the expression's own marks, and the key's separators.
CHARS = st.sampled_from([*"abcAB ßẞİıΣσς.*+?()[]{}|\\^$-/\n\t", KEY_SEPARATOR, "\x1e"])
TEXTS = st.text(CHARS, max_size=24) | st.text(max_size=24)
STATUSES = st.sampled_from(["", "draft", "ready"])


def plain_rule(text: str, status: str, row_status: str, row_text: str) -> bool:
    """What the filter keeps, written plainly (the filter's text comes casefolded)."""
    if status and row_status != status:
        return False
    return all(word in row_text.casefold() for word in text.split())


@settings(deadline=None, max_examples=1000, suppress_health_check=[HealthCheck.too_slow])
@given(filter_text=TEXTS, status=STATUSES, row_status=STATUSES, row_text=TEXTS)
def test_the_expression_keeps_what_the_plain_rule_keeps(
    filter_text: str, status: str, row_status: str, row_text: str
) -> None:
    text = filter_text.strip().casefold()
    pattern = filter_pattern(text, status)
    key = f"{row_status or 'draft'}{KEY_SEPARATOR}{row_text.casefold()}"
    expected = plain_rule(text, status, row_status or "draft", row_text)
    if not pattern:
        assert expected
        return
    expression = QRegularExpression(pattern)
    assert expression.isValid(), expression.errorString()
    assert expression.match(key).hasMatch() == expected
    assert expression.match(HEADER_KEY).hasMatch()  # the header always stays


def test_no_row_is_asked_for_while_nothing_is_filtered(
    blog_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[int] = []
    data = TimelineModel.data

    def spy(self: TimelineModel, index: object, role: int = 0) -> object:
        if role == Role.FILTER_KEY:
            asked.append(role)
        return data(self, index, role)  # type: ignore[arg-type]

    monkeypatch.setattr(TimelineModel, "data", spy)
    store, blog = BlogStore.open(blog_path)
    proxy = TimelineFilter()
    proxy.setSourceModel(TimelineModel(store, blog))
    assert proxy.rowCount() == 5 and asked == []
    proxy.set_text("GOVERNOR")
    assert proxy.rowCount() == 2 and len(asked) == 5
    proxy.set_text("")
    asked.clear()
    assert proxy.rowCount() == 5 and asked == []
