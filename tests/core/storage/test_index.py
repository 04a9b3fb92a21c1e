"""The entry index is a cache: it makes a load faster and changes nothing else. A file
changed outside Desk is read again, whatever it kept of its old identity, and an index
that is gone, broken or someone else's is simply not used."""

from __future__ import annotations

import json
import os
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from desk.core.model import Entry
from desk.core.storage import index as index_module
from desk.core.storage.index import EntryIndex, index_path
from desk.core.storage.store import BlogStore, KnownTexts

STAMP = datetime(2025, 3, 14, 9, 30, tzinfo=UTC)


@pytest.fixture(autouse=True)
def no_slack(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files made by a test are younger than the two seconds the index waits before it
    vouches for a file; with no slack, the index is used at once, as it is for a blog
    whose files were written minutes before."""
    monkeypatch.setattr(index_module, "SLACK_NS", 0)


def make(root: Path, title: str = "Harbour storm", bodies: tuple[str, ...] = ()) -> Path:
    store, blog = BlogStore.create(root, title, date(2025, 3, 14))
    for number, body in enumerate(bodies or ("First words here.", "Second update.")):
        blog.add(Entry(f"upd{number}", STAMP, status="ready", body=body))
    store.save(blog)
    return store.root


def from_index(store: BlogStore, entry_id: str) -> bool:
    """True if the load took the entry from the index rather than from its file."""
    return store.entry_path(entry_id).name in store._written._later


def test_a_second_load_takes_unchanged_entries_from_the_index(tmp_path: Path) -> None:
    root = make(tmp_path)
    first_store, first = BlogStore.open(root)
    assert not from_index(first_store, "upd0")  # nothing indexed yet: every file read
    assert index_path(root).exists()
    store, blog = BlogStore.open(root)
    assert from_index(store, "upd0") and from_index(store, "upd1")
    assert blog.entries["upd0"] == first.entries["upd0"]
    assert blog.order == first.order
    # The text the save compares against is the file's, read when first wanted.
    assert store._written.get(store.entry_path("upd0")) == store.entry_text("upd0")


def test_texts_loaded_from_the_index_are_known_by_their_path(tmp_path: Path) -> None:
    """A load keeps them by their name in entries/ (no Path made for each); every other
    question still goes by path, and a file of the same name elsewhere is another file."""
    texts = KnownTexts(tmp_path / "entries")
    path = tmp_path / "entries" / "upd0.md"
    texts.later("upd0.md", lambda: "as loaded")
    assert path in texts and texts.has_entry_file("upd0.md")
    assert tmp_path / ".trash" / "upd0.md" not in texts
    assert texts.get(tmp_path / ".trash" / "upd0.md") is None
    assert texts.get(path) == "as loaded" and path in texts
    texts[path] = "saved"
    assert texts.get(path) == "saved" and texts.has_entry_file("upd0.md")
    assert texts.pop(path) == "saved"
    assert path not in texts and not texts.has_entry_file("upd0.md")
    texts[tmp_path / ".trash" / "upd1.md"] = "in the trash"
    assert not texts.has_entry_file("upd1.md")
    texts.later("upd2.md", lambda: "as loaded")
    texts.clear()
    assert tmp_path / "entries" / "upd2.md" not in texts


def test_an_outside_edit_that_keeps_the_size_is_read_again(tmp_path: Path) -> None:
    root = make(tmp_path)
    BlogStore.open(root)
    path = root / "entries" / "upd0.md"
    text = path.read_text(encoding="utf-8")
    changed = text.replace("First words here.", "Fresh words here.")
    assert len(changed) == len(text)
    path.write_text(changed, encoding="utf-8")
    store, blog = BlogStore.open(root)
    assert blog.entries["upd0"].body == "Fresh words here."
    assert not from_index(store, "upd0")
    assert from_index(store, "upd1")


def test_an_outside_edit_that_keeps_size_and_mtime_is_read_again(tmp_path: Path) -> None:
    root = make(tmp_path)
    path = root / "entries" / "upd0.md"
    before = os.lstat(path)
    BlogStore.open(root)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("First", "Fresh"), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # the mtime put back
    after = os.lstat(path)
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    _, blog = BlogStore.open(root)
    assert blog.entries["upd0"].body == "Fresh words here."


def test_a_save_after_an_unseen_outside_edit_keeps_both_versions(tmp_path: Path) -> None:
    """The index vouched for the file when the blog opened; the file changed after that
    (its size and mtime kept): our save must not write over it unseen."""
    root = make(tmp_path)
    BlogStore.open(root)
    store, blog = BlogStore.open(root)
    assert from_index(store, "upd0")
    path = root / "entries" / "upd0.md"
    before = os.lstat(path)
    path.write_text(path.read_text(encoding="utf-8").replace("First", "Fresh"), "utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    blog.entries["upd0"].body = "Ours, typed in the window."
    store.save(blog, only=["upd0"])
    assert len(store.conflicts) == 1
    copy_id = store.conflicts[0].copy_id
    assert copy_id is not None and blog.entries[copy_id].body == "Fresh words here."
    assert "Ours, typed in the window." in path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "spoil",
    [
        pytest.param(lambda path: path.unlink(), id="deleted"),
        pytest.param(lambda path: path.write_bytes(path.read_bytes()[:200]), id="truncated"),
        pytest.param(lambda path: path.write_bytes(b"\xff\x00 not json"), id="garbage"),
        pytest.param(
            lambda path: path.write_text(
                json.dumps({**json.loads(path.read_text()), "version": 999})
            ),
            id="another version",
        ),
        pytest.param(
            lambda path: path.write_text(
                json.dumps({**json.loads(path.read_text()), "root": "/elsewhere"})
            ),
            id="another folder",
        ),
        pytest.param(
            lambda path: path.write_text(
                json.dumps({**json.loads(path.read_text()), "files": {"upd0.md": [1, 2]}})
            ),
            id="wrong shapes",
        ),
    ],
)
def test_a_spoilt_index_changes_nothing_but_speed(tmp_path: Path, spoil: object) -> None:
    root = make(tmp_path)
    _, expected = BlogStore.open(root)
    assert callable(spoil)
    spoil(index_path(root))
    store, blog = BlogStore.open(root)
    assert blog.entries == expected.entries and blog.order == expected.order
    assert store.problems == []
    assert index_path(root).exists()  # written again by the load that read every file


def test_a_record_that_lies_about_its_entry_is_not_used(tmp_path: Path) -> None:
    """An index edited by hand (its identities kept) cannot put words in an entry."""
    root = make(tmp_path)
    BlogStore.open(root)
    path = index_path(root)
    data = json.loads(path.read_text())
    data["files"]["upd0.md"][4][0] = "upd1"  # the record of upd0.md names another id
    path.write_text(json.dumps(data))
    _, blog = BlogStore.open(root)
    assert blog.entries["upd0"].body == "First words here."
    assert blog.entries["upd1"].body == "Second update."


def test_two_blogs_of_the_same_name_in_different_folders_have_their_own_index(
    tmp_path: Path,
) -> None:
    one = make(tmp_path / "desk-a", bodies=("Words of blog one.",))
    two = make(tmp_path / "desk-b", bodies=("Words of blog two.",))
    assert one.name == two.name and one != two
    assert index_path(one) != index_path(two)
    for _ in range(2):  # the second time through the indexes
        _, first = BlogStore.open(one)
        _, second = BlogStore.open(two)
        assert first.entries["upd0"].body == "Words of blog one."
        assert second.entries["upd0"].body == "Words of blog two."


def test_the_index_is_written_in_the_cache_folder_never_the_blog(tmp_path: Path) -> None:
    root = make(tmp_path)
    before = sorted(p.relative_to(root) for p in root.rglob("*"))
    BlogStore.open(root)
    BlogStore.open(root)
    assert sorted(p.relative_to(root) for p in root.rglob("*")) == before
    assert root not in index_path(root).parents


def test_entries_with_values_json_would_change_are_read_from_their_file(
    tmp_path: Path,
) -> None:
    store, blog = BlogStore.create(tmp_path, "Harbour storm", date(2025, 3, 14))
    blog.add(Entry("upd0", STAMP, body="Words.", extra={"when": date(2025, 3, 1)}))
    store.save(blog)
    BlogStore.open(store.root)
    again, loaded = BlogStore.open(store.root)
    assert loaded.entries["upd0"].extra == {"when": date(2025, 3, 1)}
    assert not from_index(again, "upd0")


def test_a_deleted_entry_file_leaves_the_timeline(tmp_path: Path) -> None:
    root = make(tmp_path)
    BlogStore.open(root)
    (root / "entries" / "upd1.md").unlink()
    _, blog = BlogStore.open(root)
    assert "upd1" not in blog.entries and "upd1" not in blog.order
    index = EntryIndex.read(root)
    assert len(index) in (1, 2)  # forgotten now or at the next rewrite; never used


def test_an_index_of_the_first_version_is_not_used(tmp_path: Path) -> None:
    """Version 1 kept each record as a mapping; version 2 reads none of them."""
    root = make(tmp_path)
    BlogStore.open(root)
    path = index_path(root)
    data = json.loads(path.read_text())
    data["version"] = 1
    for held in data["files"].values():
        held[4] = {"id": held[4][0], "body": "Words from an old index."}
    path.write_text(json.dumps(data))
    store, blog = BlogStore.open(root)
    assert blog.entries["upd0"].body == "First words here."
    assert not from_index(store, "upd0")


@pytest.mark.parametrize(
    "spoil",
    [
        pytest.param(lambda record: record.pop(), id="a field short"),
        pytest.param(lambda record: record.append("more"), id="a field more"),
        pytest.param(lambda record: record.__setitem__(9, "yes"), id="a flag as text"),
        pytest.param(lambda record: record.__setitem__(10, "14 March"), id="a stamp not ISO"),
        pytest.param(lambda record: record.__setitem__(0, "../../x"), id="an id outside"),
    ],
)
def test_a_record_of_the_wrong_shape_is_not_used(tmp_path: Path, spoil: object) -> None:
    root = make(tmp_path)
    BlogStore.open(root)
    path = index_path(root)
    data = json.loads(path.read_text())
    assert callable(spoil)
    spoil(data["files"]["upd0.md"][4])
    path.write_text(json.dumps(data))
    store, blog = BlogStore.open(root)
    assert blog.entries["upd0"].body == "First words here."
    assert not from_index(store, "upd0") and from_index(store, "upd1")
    assert store.problems == []


def test_what_a_loads_helper_read_is_indexed_for_the_next_load(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desk.core.storage import store as store_module
    from desk.core.storage.store import read_records

    monkeypatch.setattr(store_module, "HELP_FROM", 1)
    root = make(tmp_path)
    asked: list[list[str]] = []
    store, blog = BlogStore.open_lazy(root)
    assert store.loading is not None
    store.loading.helper = lambda names: asked.append(names) or read_records(root, names)
    store.finish_loading()
    assert asked == [["upd0.md", "upd1.md"]]
    assert from_index(store, "upd0")  # taken as the index's records are: text read later
    assert store._written.get(store.entry_path("upd0")) == store.entry_text("upd0")
    again, loaded = BlogStore.open(root)
    assert from_index(again, "upd0") and loaded.entries == blog.entries
