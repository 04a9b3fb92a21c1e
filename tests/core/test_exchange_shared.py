"""Every merge remembers the version both sides now share, so that a clean round trip
merges cleanly; a file with no shared version is a conflict that says so honestly."""

from __future__ import annotations

import os
import shutil
from datetime import UTC, date, datetime
from pathlib import Path

from desk.core.exchange import (
    CONFLICT_FROM,
    CONFLICT_SENT,
    CONFLICT_WHY,
    NO_SHARED_VERSION,
    SENT_HASH,
    conflict_story,
    entry_hash,
    merge_files,
    send_entry,
)
from desk.core.model import Blog, Entry
from desk.core.storage.front_matter import dump_entry
from desk.core.storage.store import BlogStore

SENT = datetime(2025, 3, 14, 21, 5, tzinfo=UTC)


def at(hhmm: str) -> datetime:
    return datetime(2025, 3, 14, int(hhmm[:2]), int(hhmm[2:]), tzinfo=UTC)


def the_blog(root: Path) -> tuple[BlogStore, Blog]:
    store, blog = BlogStore.create(root, "Harbour storm", date(2025, 3, 14))
    blog.add(Entry(id="orig", stamp=at("0900"), kind="original", status="ready", body="Begun."))
    blog.add(Entry(id="late", stamp=at("2100"), status="ready", body="Late."), by_stamp=True)
    store.save(blog)
    return store, blog


def copy_of(store: BlogStore, root: Path) -> tuple[BlogStore, Blog]:
    """The reporter's laptop holds a copy of the desk's folder."""
    shutil.copytree(store.root, root)
    return BlogStore.open(root)


def test_an_unchanged_merge_records_the_shared_version(tmp_path: Path) -> None:
    store, blog = the_blog(tmp_path / "desk")
    laptop_store, laptop = copy_of(store, tmp_path / "laptop")
    sent = send_entry(blog, store, "late", tmp_path / "out", "Desk editor", SENT)
    result = merge_files(laptop, laptop_store, [sent])
    assert result.unchanged == ["late"] and result.recorded == ["late"]
    assert not result.touched  # the text is the same: nothing to undo
    _, reopened = BlogStore.open(laptop_store.root)
    assert reopened.entries["late"].extra[SENT_HASH] == entry_hash(blog.entries["late"])


def test_the_round_trip_desk_reporter_desk_merges_cleanly(tmp_path: Path) -> None:
    store, blog = the_blog(tmp_path / "desk")
    laptop_store, laptop = copy_of(store, tmp_path / "laptop")
    out = send_entry(blog, store, "late", tmp_path / "to-reporter.md", "Desk editor", SENT)
    assert merge_files(laptop, laptop_store, [out]).summary() == "1 unchanged"
    laptop.entries["late"].body = "Late, and the reporter's better words."
    back = send_entry(laptop, laptop_store, "late", tmp_path / "back.md", "Leyla Demir", SENT)
    result = merge_files(blog, store, [back])
    assert result.replaced == ["late"] and not result.conflicts
    assert blog.entries["late"].body == "Late, and the reporter's better words."
    # and the second round trip, the other way, is clean too
    blog.entries["late"].body = "Late, edited at the desk."
    store.save(blog)
    again = send_entry(blog, store, "late", tmp_path / "again.md", "Desk editor", SENT)
    assert merge_files(laptop, laptop_store, [again]).replaced == ["late"]


def test_a_file_with_no_shared_version_says_desk_cannot_tell(tmp_path: Path) -> None:
    store, blog = the_blog(tmp_path / "desk")
    laptop_store, laptop = copy_of(store, tmp_path / "laptop")
    laptop.entries["late"].body = "Late, rewritten on the laptop."
    sent = send_entry(laptop, laptop_store, "late", tmp_path / "late.md", "Leyla Demir", SENT)
    result = merge_files(blog, store, [sent])
    (copy_id,) = result.conflicts
    conflict = blog.entries[copy_id]
    assert conflict.extra[CONFLICT_WHY] == NO_SHARED_VERSION
    assert conflict.extra[CONFLICT_FROM] == "Leyla Demir"
    assert conflict.extra[CONFLICT_SENT] == SENT
    story = conflict_story(blog, conflict)
    assert "Desk cannot tell which side changed this" in story
    assert "UPDATE 2100 GMT" in story and "Leyla Demir" in story
    assert "14 Mar 2025 21:05 GMT" in story
    assert "changed too" not in story and "Both sides" not in story
    # what it keeps survives a reopen, and the blog's own words are untouched
    _, reopened = BlogStore.open(store.root)
    assert conflict_story(reopened, reopened.entries[copy_id]) == story
    assert reopened.entries["late"].body == "Late."


def test_both_sides_changed_says_so(tmp_path: Path) -> None:
    store, blog = the_blog(tmp_path / "desk")
    laptop_store, laptop = copy_of(store, tmp_path / "laptop")
    first = send_entry(blog, store, "late", tmp_path / "first.md")
    merge_files(laptop, laptop_store, [first])
    laptop.entries["late"].body = "Late, the reporter's words."
    back = send_entry(laptop, laptop_store, "late", tmp_path / "back.md")
    blog.entries["late"].body = "Late, the editor's words."
    store.save(blog)
    (copy_id,) = merge_files(blog, store, [back]).conflicts
    story = conflict_story(blog, blog.entries[copy_id])
    assert "Both sides changed it" in story and "cannot tell" not in story


def test_a_file_without_sender_names_its_author_and_its_time(tmp_path: Path) -> None:
    store, blog = the_blog(tmp_path / "desk")
    other = Entry(id="late", stamp=at("2100"), status="ready", author="Amir", body="Other.")
    path = tmp_path / "late.md"
    path.write_text(dump_entry(other))
    written = datetime(2025, 3, 14, 22, 30, tzinfo=UTC).timestamp()
    os.utime(path, (written, written))
    (copy_id,) = merge_files(blog, store, [path]).conflicts
    story = conflict_story(blog, blog.entries[copy_id])
    assert "from Amir, sent 14 Mar 2025 22:30 GMT," in story
