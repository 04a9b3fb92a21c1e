"""The entry exchange: send, merge (new, updated, conflict), resolve, refuse."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from desk.core.errors import DeskError
from desk.core.exchange import (
    CONFLICT_OF,
    SENT_HASH,
    apply_merge,
    apply_resolution,
    entry_hash,
    merge_files,
    read_entry_files,
    send_entry,
    undo_merge,
)
from desk.core.model import Blog, Entry
from desk.core.storage.front_matter import parse_entry
from desk.core.storage.store import BlogStore


def at(hhmm: str) -> datetime:
    return datetime(2025, 3, 14, int(hhmm[:2]), int(hhmm[2:]), tzinfo=UTC)


def make_blog(root: Path, name: str) -> tuple[BlogStore, Blog]:
    store, blog = BlogStore.create(root, name, date(2025, 3, 14))
    blog.add(Entry(id="orig", stamp=at("0900"), kind="original", status="ready", body="Begun."))
    blog.add(Entry(id="late", stamp=at("2100"), status="ready", body="Late."), by_stamp=True)
    blog.add(Entry(id="early", stamp=at("1000"), status="ready", body="Early."), by_stamp=True)
    store.save(blog)
    return store, blog


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


@pytest.fixture
def desk(tmp_path: Path) -> tuple[BlogStore, Blog]:
    return make_blog(tmp_path / "desk", "Desk blog")


@pytest.fixture
def laptop(tmp_path: Path) -> tuple[BlogStore, Blog]:
    return make_blog(tmp_path / "laptop", "Laptop blog")


def settle(blog: Blog, store: BlogStore, copy_id: str, keep: str) -> None:
    """What the window's Resolve command does: the core's resolution, saved; the entries
    it removes go to the trash."""
    resolution = apply_resolution(blog, copy_id, keep)
    store.save(blog, only=resolution.changed)
    for entry_id in resolution.removed:
        store.trash(blog, entry_id)


def test_hash_ignores_the_exchange_keys() -> None:
    entry = Entry(id="a", stamp=at("1200"), body="x")
    plain = entry_hash(entry)
    entry.extra[SENT_HASH] = "0" * 64
    entry.extra["base"] = "1" * 64
    assert entry_hash(entry) == plain
    entry.body = "y"
    assert entry_hash(entry) != plain


def test_merge_a_new_entry_lands_at_its_stamp(
    desk: tuple[BlogStore, Blog], laptop: tuple[BlogStore, Blog], tmp_path: Path
) -> None:
    field_store, field_blog = laptop
    field_blog.add(
        Entry(
            id="fresh",
            stamp=at("1500"),
            status="ready",
            body="From the quay.",
            notes="check the figure with the ministry",
        ),
        by_stamp=True,
    )
    sent = send_entry(field_blog, field_store, "fresh", tmp_path)
    assert sent == tmp_path / "fresh.md"
    assert "base:" not in sent.read_text()  # never exchanged before
    store, blog = desk
    result = merge_files(blog, store, [sent])
    assert result.added == ["fresh"]
    assert blog.order == ["late", "fresh", "early", "orig"]
    assert blog.entries["fresh"].notes == "check the figure with the ministry"
    _, reopened = BlogStore.open(store.root)
    assert reopened.order == blog.order and reopened.entries["fresh"].body == "From the quay."


def test_unchanged_then_updated_entry_replaces_the_copy(
    desk: tuple[BlogStore, Blog], laptop: tuple[BlogStore, Blog], tmp_path: Path
) -> None:
    store, blog = desk
    field_store, field_blog = laptop
    first = send_entry(field_blog, field_store, "late", tmp_path / "one.md")
    # the desk has the same text: nothing changes
    result = merge_files(blog, store, [first])
    assert result.unchanged == ["late"] and not result.touched
    # the reporter edits and sends again: base is what was sent the first time
    field_blog.entries["late"].body = "Late, and rewritten."
    second = send_entry(field_blog, field_store, "late", tmp_path / "two.md")
    assert parse_entry(second.read_text(), second).extra["base"] == entry_hash(
        Entry(id="late", stamp=at("2100"), status="ready", body="Late.")
    )
    result = merge_files(blog, store, [second])
    assert result.replaced == ["late"]
    assert blog.entries["late"].body == "Late, and rewritten."
    assert blog.order == ["late", "early", "orig"]
    # the second file again brings nothing new
    assert merge_files(blog, store, [second]).unchanged == ["late"]
    # the first file (no base) again: the desk cannot tell it is older, so it is kept
    # beside the entry as a conflict copy, and nobody's words are lost
    assert len(merge_files(blog, store, [first]).conflicts) == 1


def test_both_changed_is_a_conflict_copy_and_its_resolution(
    desk: tuple[BlogStore, Blog], laptop: tuple[BlogStore, Blog], tmp_path: Path
) -> None:
    store, blog = desk
    field_store, field_blog = laptop
    send_entry(field_blog, field_store, "early", tmp_path / "first.md")
    field_blog.entries["early"].body = "Early, the reporter's words."
    sent = send_entry(field_blog, field_store, "early", tmp_path / "second.md")
    blog.entries["early"].body = "Early, the editor's words."
    store.save(blog)
    result = merge_files(blog, store, [sent])
    (copy_id,) = result.conflicts
    assert blog.entries["early"].body == "Early, the editor's words."
    conflict = blog.entries[copy_id]
    assert conflict.body == "Early, the reporter's words."
    assert conflict.extra[CONFLICT_OF] == "early" and conflict.status == "draft"
    assert blog.order.index(copy_id) == blog.order.index("early") + 1
    # keep the copy: the reporter's words take the original's place, the copy goes
    settle(blog, store, copy_id, keep="copy")
    assert blog.entries["early"].body == "Early, the reporter's words."
    assert blog.entries["early"].status == "ready"
    assert copy_id not in blog.entries and (store.root / "trash" / f"{copy_id}.md").exists()


def test_resolve_keep_original_and_keep_both(desk: tuple[BlogStore, Blog], tmp_path: Path) -> None:
    store, blog = desk
    other = Entry(id="late", stamp=at("2100"), status="ready", body="Another late.")
    path = tmp_path / "late.md"
    from desk.core.storage.front_matter import dump_entry

    path.write_text(dump_entry(other))
    first = merge_files(blog, store, [path]).conflicts[0]
    settle(blog, store, first, keep="original")
    assert first not in blog.entries and blog.entries["late"].body == "Late."
    second = merge_files(blog, store, [path]).conflicts[0]
    assert second != first  # ids are never reused
    settle(blog, store, second, keep="both")
    kept = blog.entries[second]
    assert CONFLICT_OF not in kept.extra and kept.body == "Another late."
    with pytest.raises(DeskError, match="not a conflict copy"):
        settle(blog, store, second, keep="copy")


def test_apply_merge_is_pure_and_undoable(desk: tuple[BlogStore, Blog], tmp_path: Path) -> None:
    store, blog = desk
    before = snapshot(store.root)
    path = tmp_path / "x.md"
    from desk.core.storage.front_matter import dump_entry

    path.write_text(dump_entry(Entry(id="new", stamp=at("1200"), body="N.")))
    order = list(blog.order)
    result = apply_merge(blog, read_entry_files([path]))
    assert "new" in blog.entries and snapshot(store.root) == before
    undo_merge(blog, result)
    assert blog.order == order and "new" not in blog.entries


BAD_FILES = {
    "bad id": '---\nid: "Bad Id"\nstamp: 2025-03-14T12:00:00Z\n---\nText\n',
    "path in id": '---\nid: "../x"\nstamp: 2025-03-14T12:00:00Z\n---\nText\n',
    "slash in id": '---\nid: "a/b"\nstamp: 2025-03-14T12:00:00Z\n---\nText\n',
    "bad yaml": '---\nid: "ok"\nstamp: [unclosed\n---\nText\n',
    "no front matter": "Just text\n",
    "bad base": '---\nid: "ok"\nstamp: 2025-03-14T12:00:00Z\nbase: 12\n---\nText\n',
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_files_are_refused_and_nothing_written(
    name: str, desk: tuple[BlogStore, Blog], tmp_path: Path
) -> None:
    store, blog = desk
    good = tmp_path / "good.md"
    good.write_text('---\nid: "fine"\nstamp: 2025-03-14T12:00:00Z\n---\nFine.\n')
    bad = tmp_path / "bad.md"
    bad.write_text(BAD_FILES[name])
    before = snapshot(store.root)
    order = list(blog.order)
    with pytest.raises(DeskError, match=r"bad\.md"):
        merge_files(blog, store, [good, bad])
    assert snapshot(store.root) == before
    assert blog.order == order and "fine" not in blog.entries


def test_binary_and_duplicate_files_are_refused(
    desk: tuple[BlogStore, Blog], tmp_path: Path
) -> None:
    store, blog = desk
    binary = tmp_path / "bin.md"
    binary.write_bytes(b"---\x00\xff")
    with pytest.raises(DeskError, match="binary"):
        merge_files(blog, store, [binary])
    one, two = tmp_path / "one.md", tmp_path / "two.md"
    for path in (one, two):
        path.write_text('---\nid: "same"\nstamp: 2025-03-14T12:00:00Z\n---\nX\n')
    with pytest.raises(DeskError, match="also in"):
        merge_files(blog, store, [one, two])


def test_a_second_original_is_refused(desk: tuple[BlogStore, Blog], tmp_path: Path) -> None:
    store, blog = desk
    path = tmp_path / "o.md"
    path.write_text('---\nid: "other"\nstamp: 2025-03-14T08:00:00Z\nkind: original\n---\nX\n')
    with pytest.raises(DeskError, match="already has an original"):
        merge_files(blog, store, [path])
