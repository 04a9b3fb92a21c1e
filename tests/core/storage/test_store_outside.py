"""The folder as others change it: files arriving (a shared folder, git pull), images
copied in, a blog saved elsewhere, a broken blog.yaml rebuilt."""

from __future__ import annotations

from pathlib import Path

import pytest

from desk.core.errors import DeskError
from desk.core.model import Entry
from desk.core.storage.front_matter import dump_entry
from desk.core.storage.store import BlogStore
from tests.helpers import at, make_blog_folder, small_blog, snapshot


@pytest.fixture
def blog(tmp_path: Path) -> Path:
    return make_blog_folder(tmp_path / "drafts").root


def test_refresh_takes_in_new_and_changed_entry_files(blog: Path) -> None:
    store, loaded = BlogStore.open(blog)
    assert not store.refresh(loaded)
    (blog / "entries" / "fresh01.md").write_text(
        dump_entry(Entry("fresh01", at(21, 50), status="ready", body="From the field."))
    )
    path = store.entry_path("k7f3c2a")
    path.write_text(path.read_text().replace("northern", "southern"))
    changes = store.refresh(loaded)
    assert (changes.added, changes.updated, changes.conflicts) == (["fresh01"], ["k7f3c2a"], [])
    assert loaded.order[:4] == ["m1dn1te", "n0d2aft", "fresh01", "k7f3c2a"]
    assert "southern" in loaded.entries["k7f3c2a"].body
    assert not store.refresh(loaded)  # nothing new the second time
    store.save(loaded)
    assert not store.conflicts  # taking it in is not a conflict with ourselves


def test_an_incoming_version_of_an_entry_being_typed_becomes_a_conflict_copy(blog: Path) -> None:
    store, loaded = BlogStore.open(blog)
    loaded.entries["k7f3c2a"].body = "Typed here, not saved yet."
    path = store.entry_path("k7f3c2a")
    path.write_text(path.read_text().replace("northern", "southern"))
    changes = store.refresh(loaded, unsaved={"k7f3c2a"})
    [copy_id] = changes.conflicts
    assert loaded.entries["k7f3c2a"].body == "Typed here, not saved yet."
    assert "southern" in loaded.entries[copy_id].body
    assert loaded.entries[copy_id].extra["conflict_of"] == "k7f3c2a"
    store.save(loaded)
    assert path.read_text().endswith("Typed here, not saved yet.\n")
    assert len(store.conflicts) == 1  # ours is saved over theirs with no second copy


def test_refresh_reports_a_bad_file_once_and_never_touches_it(blog: Path) -> None:
    store, loaded = BlogStore.open(blog)
    bad = blog / "entries" / "broken1.md"
    bad.write_bytes(b"---\nid: [\n---\n")
    assert [p.path for p in store.refresh(loaded).problems] == [bad]
    assert not store.refresh(loaded)
    store.save(loaded)
    assert bad.read_bytes() == b"---\nid: [\n---\n"


def test_add_media_copies_an_image_with_a_unique_safe_name(blog: Path, tmp_path: Path) -> None:
    store, _ = BlogStore.open(blog)
    image = tmp_path / "Quay at dawn (1).JPG"
    image.write_bytes(b"\xff\xd8 jpeg bytes")
    assert store.add_media(image) == "media/Quay-at-dawn-1.jpg"
    assert store.add_media(image) == "media/Quay-at-dawn-1-2.jpg"
    assert (blog / "media" / "Quay-at-dawn-1-2.jpg").read_bytes() == b"\xff\xd8 jpeg bytes"
    with pytest.raises(DeskError, match="not a file"):
        store.add_media(tmp_path / "missing.png")


def test_save_as_writes_the_whole_blog_elsewhere(blog: Path, tmp_path: Path) -> None:
    store, loaded = BlogStore.open(blog)
    loaded.entries["k7f3c2a"].body = "Unsaved words."
    (blog / "media" / "map.png").write_bytes(b"png")
    moved = store.save_as(loaded, tmp_path / "rescued")
    _, reloaded = BlogStore.open(moved.root)
    assert reloaded.entries["k7f3c2a"].body == "Unsaved words."
    assert reloaded.order == loaded.order
    assert (moved.root / "media" / "map.png").read_bytes() == b"png"
    with pytest.raises(DeskError, match="not empty"):
        store.save_as(loaded, blog)


def test_a_broken_blog_yaml_is_rebuilt_from_the_entries(blog: Path) -> None:
    (blog / "blog.yaml").write_text("title: [broken\n")
    entries_before = {k: v for k, v in snapshot(blog).items() if k.startswith("entries/")}
    store, rebuilt = BlogStore.rebuild(blog)
    assert (blog / "blog.yaml.broken").read_text() == "title: [broken\n"
    assert rebuilt.title == "Storm maren live"
    assert str(rebuilt.date) == "2025-03-14"
    assert rebuilt.order == small_blog().order
    assert store.problems == []
    after = snapshot(blog)
    assert {k: v for k, v in after.items() if k.startswith("entries/")} == entries_before


def test_a_quick_refresh_looks_only_when_the_folder_changed(blog: Path) -> None:
    store, loaded = BlogStore.open(blog)
    store.refresh(loaded)
    path = store.entry_path("k7f3c2a")
    with open(path, "a", encoding="utf-8") as handle:  # rewritten in place: the folder
        handle.write("Added in place.\n")  # itself does not change
    assert not store.refresh(loaded, full=False)
    assert store.refresh(loaded).updated == ["k7f3c2a"]
    (blog / "entries" / "fresh01.md").write_text(
        dump_entry(Entry("fresh01", at(21, 50), status="ready", body="New file."))
    )
    assert store.refresh(loaded, full=False).added == ["fresh01"]
