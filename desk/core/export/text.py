"""The words every export writer shares: dates, the closing line, an entry's address, its
flags, and a key event's title."""

from __future__ import annotations

import re
from datetime import date

from desk.core.model import MONTHS, Blog, Entry, summary


def long_date(day: date) -> str:
    """14 March 2025."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def ended_line(blog: Blog) -> str:
    assert blog.ended is not None
    return f"Coverage ended at {blog.ended:%H%M} GMT, {long_date(blog.ended.date())}."


def permalink(blog: Blog, entry: Entry) -> str:
    """The entry's address: the blog's page and the entry's anchor (#entry-<id> alone when
    the blog has no page address yet)."""
    return f"{blog.url}#entry-{entry.id}"


def flag_of(entry: Entry, flag: str) -> bool:
    """Whether an entry is original, key, pinned or draft: its section's classes."""
    if flag == "original":
        return entry.is_original
    if flag == "draft":
        return not entry.is_ready
    return bool(getattr(entry, flag))


def is_pinned(entry: Entry) -> bool:
    """Whether the entry carries the pinned line (only an update can be pinned)."""
    return entry.pinned and not entry.is_original


def first_sentence(text: str) -> str:
    """The first sentence of some plain text."""
    match = re.match(r"(.+?[.!?])(?:\s|$)", text)
    return match.group(1) if match else text


def key_event_title(blog: Blog, entry: Entry) -> str:
    """A key event as listed: its label, then its headline or its first sentence."""
    words = entry.headline or first_sentence(summary(entry.body, words=60))
    return f"{blog.label(entry)} {words}".strip()
