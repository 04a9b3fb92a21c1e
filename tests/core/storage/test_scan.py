"""The scan of entries/ that can run off the UI thread: it names the files whose mtime or
size changed since Desk saw them, and the store takes in only what is still new when the
result comes back, never a file Desk itself wrote meanwhile."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from desk.core.clock import FrozenClock
from desk.core.model import Blog, Entry
from desk.core.storage.front_matter import dump_entry
from desk.core.storage.scan import scan_entries
from desk.core.storage.store import BlogStore
from tests.helpers import at, make_blog_folder


@pytest.fixture
def blog(tmp_path: Path) -> Path:
    return make_blog_folder(tmp_path / "drafts").root


def opened(blog: Path) -> tuple[BlogStore, Blog, dict[str, tuple[int, int]]]:
    """The blog open, and what a scan started now would compare with."""
    store, loaded = BlogStore.open(blog, FrozenClock(at(22, 30)))
    seen = store.seen_entries()
    assert seen is not None
    return store, loaded, seen


def test_a_file_whose_mtime_or_size_changed_is_named_and_an_unchanged_one_is_not(
    blog: Path,
) -> None:
    *_, seen = opened(blog)
    entries = blog / "entries"
    touched, grown = entries / "k7f3c2a.md", entries / "n0d2aft.md"
    before = touched.stat()
    os.utime(touched, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000))  # same size
    before = grown.stat()
    grown.write_text(grown.read_text() + "More.\n")
    os.utime(grown, ns=(before.st_atime_ns, before.st_mtime_ns))  # same mtime
    scan = scan_entries(entries, seen)
    assert scan is not None
    assert sorted(scan.changed) == ["k7f3c2a.md", "n0d2aft.md"]
    assert scan.changed["n0d2aft.md"] == (before.st_mtime_ns, grown.stat().st_size)
    assert scan.stamp == entries.stat().st_mtime_ns
    assert scan.links == []


def test_a_new_entry_file_is_named_a_link_is_listed_and_other_files_are_not(
    blog: Path, tmp_path: Path
) -> None:
    *_, seen = opened(blog)
    entries = blog / "entries"
    (entries / "fresh01.md").write_text(dump_entry(Entry("fresh01", at(21, 50), body="New.")))
    (entries / "notes.txt").write_text("not an entry")
    (entries / ".desk-tmp-1234-fresh02.md").write_text("a write under way")
    outside = tmp_path / "outside.md"
    outside.write_text("elsewhere")
    (entries / "late123.md").symlink_to(outside)
    scan = scan_entries(entries, seen)
    assert scan is not None
    assert list(scan.changed) == ["fresh01.md"]
    assert scan.links == ["late123.md"]


def test_a_linked_or_missing_entries_folder_is_not_scanned(blog: Path, tmp_path: Path) -> None:
    assert scan_entries(tmp_path / "nowhere", {}) is None
    linked = tmp_path / "linked"
    linked.symlink_to(blog / "entries")
    assert scan_entries(linked, {}) is None


def test_the_scan_takes_in_what_changed_as_refresh_does(blog: Path) -> None:
    store, loaded, seen = opened(blog)
    path = store.entry_path("k7f3c2a")
    path.write_text(path.read_text().replace("northern", "southern"))
    scan = scan_entries(blog / "entries", seen)
    assert scan is not None
    changes = store.take_in_scan(loaded, scan)
    assert changes.updated == ["k7f3c2a"] and not changes.conflicts
    assert "southern" in loaded.entries["k7f3c2a"].body
    assert not store.take_in_scan(loaded, scan)  # seen as it is now: not read again
    assert not store.refresh(loaded)


def test_a_file_desk_saved_after_the_snapshot_is_no_outside_change(blog: Path) -> None:
    store, loaded, seen = opened(blog)
    loaded.entries["k7f3c2a"].body = "Typed and saved while the scan ran."
    store.save(loaded, only=["k7f3c2a"])
    scan = scan_entries(blog / "entries", seen)  # it sees Desk's own write as a change
    assert scan is not None and list(scan.changed) == ["k7f3c2a.md"]
    loaded.entries["k7f3c2a"].body = "Saved again before the result came back."
    store.save(loaded, only=["k7f3c2a"])
    assert not store.take_in_scan(loaded, scan)
    assert loaded.entries["k7f3c2a"].body == "Saved again before the result came back."
    assert not store.conflicts
    assert len(loaded.entries) == 4


def test_an_outside_change_taken_in_before_the_result_came_back_is_not_taken_twice(
    blog: Path,
) -> None:
    store, loaded, seen = opened(blog)
    (blog / "entries" / "fresh01.md").write_text(
        dump_entry(Entry("fresh01", at(21, 50), status="ready", body="From the field."))
    )
    scan = scan_entries(blog / "entries", seen)
    assert scan is not None
    assert store.refresh(loaded).added == ["fresh01"]
    assert not store.take_in_scan(loaded, scan)
    assert loaded.order.count("fresh01") == 1
