"""Comparing two versions by words, and combining them by paragraphs."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from desk.core.compare import (
    apply_combination,
    keep_both_additions,
    paragraph_at,
    paragraphs,
    pieces,
    take_paragraph,
    word_changes,
)
from desk.core.errors import DeskError
from desk.core.exchange import CONFLICT_OF
from desk.core.model import Blog, Entry

OURS = "The governor spoke at noon.\n\nFerries are running.\n\nMore soon."
THEIRS = "The governor spoke at 12:15.\n\nFerries are running.\n\nA new quote here.\n\nMore soon."


def test_words_not_lines_are_marked() -> None:
    left, right = word_changes(OURS, THEIRS)
    assert [OURS[a:b] for a, b in left] == ["noon"]
    marked = [THEIRS[a:b] for a, b in right]
    assert marked[0] == "12:15" and "A new quote here." in marked[1] and len(marked) == 2
    # A long line that wraps on screen: only the changed word, wherever the wrap falls.
    long_a = "word " * 60 + "old " + "word " * 60
    long_b = "word " * 60 + "new " + "word " * 60
    assert [long_a[a:b] for a, b in word_changes(long_a, long_b)[0]] == ["old"]
    assert word_changes("a  b", "a b") == ([], [])
    assert "".join(p.text for p in pieces(OURS, left)) == OURS
    assert [p.text for p in pieces(OURS, left) if p.changed] == ["noon"]


def test_paragraph_at_a_position() -> None:
    assert paragraphs(OURS) == ["The governor spoke at noon.", "Ferries are running.", "More soon."]
    assert paragraph_at(OURS, 3) == "The governor spoke at noon."
    assert paragraph_at(OURS, OURS.index("Ferries") + 4) == "Ferries are running."
    assert paragraph_at(OURS, len(OURS)) == "More soon."
    assert paragraph_at("a\n\n\n\nb", 3) == ""


def test_keep_both_additions_keeps_every_new_paragraph_once() -> None:
    assert keep_both_additions(OURS, THEIRS) == (
        "The governor spoke at noon.\n\nFerries are running.\n\nA new quote here.\n\nMore soon."
    )
    ours = "Intro.\n\nOur own new paragraph about the harbour.\n\nEnd."
    theirs = "Intro.\n\nA reporter's line from the quay, quite different.\n\nEnd."
    assert paragraphs(keep_both_additions(ours, theirs)) == [
        "Intro.",
        "Our own new paragraph about the harbour.",
        "A reporter's line from the quay, quite different.",
        "End.",
    ]


def test_take_a_paragraph_from_either_side() -> None:
    changed = take_paragraph(OURS, THEIRS, OURS, "The governor spoke at 12:15.")
    assert changed == "The governor spoke at 12:15.\n\nFerries are running.\n\nMore soon."
    added = take_paragraph(changed, THEIRS, OURS, "A new quote here.")
    assert paragraphs(added) == paragraphs(THEIRS)
    assert take_paragraph(added, THEIRS, OURS, "A new quote here.") == added  # once only
    back = take_paragraph(added, OURS, THEIRS, "The governor spoke at noon.")
    assert paragraphs(back)[0] == "The governor spoke at noon."
    assert take_paragraph("", THEIRS, OURS, "More soon.") == "More soon."


def test_a_combination_goes_into_the_blogs_entry() -> None:
    blog = Blog("Harbour storm", date(2025, 3, 14))
    stamp = datetime(2025, 3, 14, 12, 58, tzinfo=UTC)
    blog.add(Entry("upd", stamp, status="ready", author="Ilse", body=OURS))
    blog.add(Entry("copy", stamp, body=THEIRS, extra={CONFLICT_OF: "upd"}))
    resolution = apply_combination(blog, "copy", "New headline", "Both.")
    assert resolution.changed == ["upd"] and resolution.removed == ["copy"]
    entry = blog.entries["upd"]
    assert (entry.headline, entry.body, entry.status, entry.author) == (
        "New headline", "Both.", "ready", "Ilse",
    )  # fmt: skip
    with pytest.raises(DeskError):
        apply_combination(blog, "upd", "", "")
