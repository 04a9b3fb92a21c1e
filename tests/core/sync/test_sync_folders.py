"""Shared folders' own conflict files (Syncthing, Dropbox, Nextcloud, OneDrive) become
Desk conflict copies, so a shared folder loses nothing either."""

from __future__ import annotations

from pathlib import Path

import pytest

from desk.core.storage.store import BlogStore, is_conflict_copy
from desk.core.sync.folders import adopt_conflict_files, conflict_file_id, conflict_file_names
from tests.helpers import small_blog

NAMES = [
    "{id}.sync-conflict-20250314-214100-ABCDEFG.md",  # Syncthing
    "{id} (Jane's conflicted copy 2025-03-14).md",  # Dropbox
    "{id} (conflict 2025-03-14 214100).md",  # Nextcloud
    "{id}-LAPTOP-7.md",  # OneDrive
]


@pytest.fixture
def blog(tmp_path: Path) -> Path:
    store, blog = BlogStore.create(tmp_path, "Storm Maren: live", small_blog().date)
    for entry in small_blog().entries.values():
        blog.add(entry, by_stamp=True)
    store.save(blog)
    return store.root


@pytest.mark.parametrize("pattern", NAMES)
def test_each_kind_of_conflict_file_becomes_a_conflict_copy(blog: Path, pattern: str) -> None:
    store, opened = BlogStore.open(blog)
    entry_id = opened.order[0]
    text = (blog / "entries" / f"{entry_id}.md").read_text()
    other = text.rstrip("\n") + " Words from the other laptop.\n"
    name = pattern.format(id=entry_id)
    (blog / "entries" / name).write_text(other)
    assert conflict_file_names(blog) == [name]
    notes = adopt_conflict_files(store, opened)
    assert len(notes) == 1 and "conflict copy" in notes[0]
    assert not (blog / "entries" / name).exists()
    store, reopened = BlogStore.open(blog)
    assert store.problems == []
    (copy,) = [e for e in reopened.entries.values() if is_conflict_copy(e)]
    assert copy.extra["conflict_of"] == entry_id
    assert copy.body.endswith("Words from the other laptop.")
    assert reopened.order.index(copy.id) == reopened.order.index(entry_id) + 1


def test_a_conflict_file_that_says_the_same_is_removed(blog: Path) -> None:
    store, opened = BlogStore.open(blog)
    entry_id = opened.order[0]
    name = f"{entry_id}.sync-conflict-20250314-214100-ABCDEFG.md"
    (blog / "entries" / name).write_bytes((blog / "entries" / f"{entry_id}.md").read_bytes())
    assert "the same" in adopt_conflict_files(store, opened)[0]
    assert sorted(p.name for p in (blog / "entries").iterdir()) == sorted(
        f"{i}.md" for i in opened.order
    )


def test_an_entry_id_with_a_dash_is_not_a_onedrive_copy() -> None:
    text = '---\nid: "storm-day-two"\nstamp: 2025-03-14T12:00:00Z\n---\nBody\n'
    assert conflict_file_id("storm-day-two.md", text) is None
    assert (
        conflict_file_id("abc1234-host.md", text.replace("storm-day-two", "abc1234")) == "abc1234"
    )


def test_desk_sync_adopts_them_first(blog: Path, tmp_path: Path, desk: object) -> None:
    from tests.desk_run import RunDesk
    from tests.sync_helpers import need_git

    need_git()
    run: RunDesk = desk  # type: ignore[assignment]
    assert run("share", blog, tmp_path / "remote.git").code == 0
    entry_id = BlogStore.open(blog)[1].order[0]
    text = (blog / "entries" / f"{entry_id}.md").read_text().rstrip("\n") + " Theirs.\n"
    (blog / "entries" / f"{entry_id} (conflicted copy).md").write_text(text)
    done = run("sync", blog)
    assert done.code == 0 and "kept as the conflict copy" in done.err
    assert done.out == "synced: 0 in, 1 out, 0 conflicts\n"
