"""A version kept per typing session: a pause of five minutes or a switch of entry starts
one; the last 20 versions of an entry are kept."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from desk.core.clock import FrozenClock
from desk.core.model import Entry
from desk.core.storage.store import BlogStore


def open_blog(tmp_path: Path) -> tuple[BlogStore, FrozenClock]:
    store, blog = BlogStore.create(tmp_path, "Harbour storm", date(2025, 3, 14))
    stamp = datetime(2025, 3, 14, 12, 0, tzinfo=UTC)
    blog.add(Entry("one", stamp, body="Version 0 of one."))
    blog.add(Entry("two", stamp, body="Version 0 of two."))
    store.save(blog)
    clock = FrozenClock(datetime(2025, 3, 14, 13, 0, tzinfo=UTC))
    return BlogStore.open(store.root, clock)[0], clock


def test_five_edits_over_half_an_hour_keep_five_versions(tmp_path: Path) -> None:
    store, clock = open_blog(tmp_path)
    blog = store.load()
    for number in range(1, 6):
        blog.entries["one"].body = f"Version {number} of one."
        store.save(blog)
        clock.advance(minutes=7)
    kept = [entry.body for _when, entry in store.history("one")]
    # Each edit began a session: the version it replaced is kept, the newest first.
    assert kept == [f"Version {n} of one." for n in (4, 3, 2, 1, 0)]


def test_one_session_keeps_one_version_until_a_pause(tmp_path: Path) -> None:
    store, clock = open_blog(tmp_path)
    blog = store.load()
    for second in range(0, 240, 2):  # four minutes of typing, saved every two seconds
        blog.entries["one"].body = f"Typing {second}."
        store.save(blog)
        clock.advance(seconds=2)
    assert [e.body for _w, e in store.history("one")] == ["Version 0 of one."]
    clock.advance(minutes=5)  # a pause: the next save begins a session
    blog.entries["one"].body = "After the pause."
    store.save(blog)
    assert [e.body for _w, e in store.history("one")] == ["Typing 238.", "Version 0 of one."]


def test_a_switch_of_entry_begins_a_session(tmp_path: Path) -> None:
    store, clock = open_blog(tmp_path)
    blog = store.load()
    blog.entries["one"].body = "One, first session."
    store.save(blog)
    clock.advance(seconds=30)
    blog.entries["two"].body = "Two, edited between."
    store.save(blog)
    clock.advance(seconds=30)
    blog.entries["one"].body = "One, second session."
    store.save(blog)
    assert [e.body for _w, e in store.history("one")] == [
        "One, first session.",
        "Version 0 of one.",
    ]
    assert [e.body for _w, e in store.history("two")] == ["Version 0 of two."]


def test_the_last_twenty_versions_are_kept(tmp_path: Path) -> None:
    store, clock = open_blog(tmp_path)
    blog = store.load()
    for number in range(1, 27):
        blog.entries["one"].body = f"Version {number} of one."
        store.save(blog)
        clock.advance(minutes=6)
    kept = [e.body for _w, e in store.history("one")]
    assert kept == [f"Version {n} of one." for n in range(25, 5, -1)]
    assert len(list((store.root / ".history" / "one").iterdir())) == 20
