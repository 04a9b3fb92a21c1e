from __future__ import annotations

import os
import time
from datetime import date
from pathlib import Path

import pytest

from desk.core.errors import DeskError
from desk.core.model import Entry
from desk.core.storage.store import BlogStore, slug
from tests.helpers import at, make_blog_folder, small_blog, snapshot


def test_slug_follows_the_design() -> None:
    assert slug("Storm Maren: live!", date(2025, 3, 14)) == "storm-maren-live-2025-03-14"
    assert (
        slug("Élections 2025 — résultats", date(2025, 6, 1))
        == "elections-2025-resultats-2025-06-01"
    )


def test_save_then_load_gives_back_an_equal_blog(tmp_path: Path) -> None:
    store = make_blog_folder(tmp_path)
    _, loaded = BlogStore.open(store.root)
    expected = small_blog()
    assert loaded.timeline() == expected.timeline()
    assert (loaded.title, loaded.date, loaded.header, loaded.order) == (
        expected.title,
        expected.date,
        expected.header,
        expected.order,
    )


def test_saving_after_one_edit_rewrites_that_entry_alone(tmp_path: Path) -> None:
    store = make_blog_folder(tmp_path)
    store, blog = BlogStore.open(store.root)
    before = snapshot(store.root)
    time.sleep(0.01)
    blog.entries["k7f3c2a"].body += "\n\nMore news."
    written = store.save(blog)
    after = snapshot(store.root)
    assert written == [store.entry_path("k7f3c2a")]
    changed = {name for name in before if after[name] != before[name]}
    assert changed == {"entries/k7f3c2a.md"}
    assert set(after) - set(before) == {next(n for n in after if n.startswith(".history/k7f3c2a/"))}


def test_unknown_keys_are_kept_on_save(tmp_path: Path) -> None:
    store = make_blog_folder(tmp_path)
    path = store.entry_path("k7f3c2a")
    path.write_text(path.read_text().replace("kind: update", "kind: update\nsource_desk: metro"))
    (store.root / "blog.yaml").write_text(
        (store.root / "blog.yaml").read_text() + "cms_section: world\n"
    )
    store, blog = BlogStore.open(store.root)
    blog.entries["k7f3c2a"].status = "draft"
    blog.title = "Storm Maren"
    store.save(blog)
    assert "source_desk: metro" in path.read_text()
    assert "cms_section: world" in (store.root / "blog.yaml").read_text()


def test_ids_are_quoted_in_yaml(tmp_path: Path) -> None:
    store = make_blog_folder(tmp_path)
    assert 'id: "k7f3c2a"' in store.entry_path("k7f3c2a").read_text()
    assert '- "k7f3c2a"' in (store.root / "blog.yaml").read_text()


@pytest.mark.parametrize("bad", ["../escape", "a/b", "Upper", "1abc", "", "a b", "/etc/passwd"])
def test_an_id_that_breaks_the_pattern_is_refused(tmp_path: Path, bad: str) -> None:
    store = make_blog_folder(tmp_path)
    with pytest.raises(DeskError, match="bad entry id"):
        Entry(bad, at(12, 0))
    with pytest.raises(DeskError, match="bad entry id"):
        store.entry_path(bad)


def test_new_ids_are_never_reused(tmp_path: Path) -> None:
    store = make_blog_folder(tmp_path)
    store, blog = BlogStore.open(store.root)
    store.trash(blog, "k7f3c2a")
    taken = store.taken_ids(blog)
    assert "k7f3c2a" in taken
    assert all(store.new_id(blog) not in taken for _ in range(200))


def test_delete_moves_the_entry_to_trash_and_restore_brings_it_back(tmp_path: Path) -> None:
    store = make_blog_folder(tmp_path)
    store, blog = BlogStore.open(store.root)
    index = blog.order.index("k7f3c2a")
    store.trash(blog, "k7f3c2a")
    assert not store.entry_path("k7f3c2a").exists()
    assert (store.root / "trash" / "k7f3c2a.md").is_file()
    assert "k7f3c2a" not in BlogStore.open(store.root)[1].order
    assert [e.id for e in store.trashed()] == ["k7f3c2a"]
    store.restore(blog, "k7f3c2a", index)
    _, reloaded = BlogStore.open(store.root)
    assert reloaded.order == small_blog().order


def test_a_write_is_atomic_and_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = make_blog_folder(tmp_path)
    store, blog = BlogStore.open(store.root)
    path = store.entry_path("k7f3c2a")
    old = path.read_bytes()

    def broken_replace(src: str, dst: str, **dir_fds: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    blog.entries["k7f3c2a"].body = "half a sentence"
    with pytest.raises(DeskError, match="No space left"):
        store.save(blog)
    monkeypatch.undo()
    assert path.read_bytes() == old
    assert len(list(path.parent.iterdir())) == 4
    assert not [p for p in store.root.rglob(".desk-tmp-*")]


def test_leftover_temporary_files_are_cleaned_by_the_next_writer_only(tmp_path: Path) -> None:
    store = make_blog_folder(tmp_path)
    leftovers = [
        store.root / "entries" / ".desk-tmp-0000-k7f3c2a.md",
        store.root / ".desk-tmp-0000-blog.yaml",
        store.root / ".history" / "k7f3c2a" / ".desk-tmp-0000-20250314T214100Z.md",
    ]
    for leftover in leftovers:
        leftover.parent.mkdir(parents=True, exist_ok=True)
        leftover.write_text("half")
    store, _ = BlogStore.open(store.root)
    assert all(p.exists() for p in leftovers)  # a reader leaves another writer's files be
    assert sorted(store.clean_leftovers()) == sorted(leftovers)
    assert not any(p.exists() for p in leftovers)


def test_a_leftover_in_history_never_breaks_saving(tmp_path: Path) -> None:
    store = make_blog_folder(tmp_path)
    store, blog = BlogStore.open(store.root)
    leftover = store.root / ".history" / "k7f3c2a" / ".desk-tmp-0000-20250314T214100Z.md"
    leftover.parent.mkdir(parents=True)
    leftover.write_text("half")
    for n in range(3):
        blog.entries["k7f3c2a"].body = f"Edit {n}"
        store.save(blog)
    assert next(e.body for _, e in store.history("k7f3c2a")).startswith("The Harbour")


def test_a_new_blog_in_an_existing_folder_is_an_error(tmp_path: Path) -> None:
    BlogStore.create(tmp_path, "Storm", date(2025, 3, 14))
    with pytest.raises(DeskError, match="already exists"):
        BlogStore.create(tmp_path, "Storm", date(2025, 3, 14))


def test_add_by_stamp_places_updates_newest_first_and_original_last() -> None:
    blog = small_blog()
    blog.add(Entry("x1", at(12, 0)), by_stamp=True)
    blog.add(Entry("x2", at(23, 0)), by_stamp=True)
    blog.add(Entry("x3", at(8, 0)), by_stamp=True)
    assert blog.order == ["m1dn1te", "x2", "n0d2aft", "k7f3c2a", "x1", "x3", "b2c9d01"]
    blog.add(Entry("x4", at(1, 0)))
    assert blog.order[0] == "x4"
    with pytest.raises(DeskError, match="already has an original"):
        blog.add(Entry("x5", at(7, 0), kind="original"))
