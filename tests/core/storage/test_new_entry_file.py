"""A new entry's own file, written beside a window that holds the blog: it never replaces
a file, and writes nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest

from desk.core.errors import DeskError
from desk.core.model import Entry
from desk.core.storage.store import BlogStore
from tests.helpers import at, make_blog_folder


def test_a_new_entry_writes_its_file_alone(tmp_path: Path) -> None:
    store = make_blog_folder(tmp_path)
    blog_yaml = store.blog_file.read_bytes()
    path = store.write_new_entry(Entry("n3wone1", at(13, 0), body="Pumps arrive."))
    assert path == store.root / "entries" / "n3wone1.md"
    assert store.blog_file.read_bytes() == blog_yaml
    again = BlogStore.open(store.root)[1]
    assert again.entries["n3wone1"].body == "Pumps arrive."
    assert not list((store.root / "entries").glob(".desk-tmp-*"))


def test_an_id_that_is_taken_overwrites_nothing(tmp_path: Path) -> None:
    store = make_blog_folder(tmp_path)
    existing = store.entry_path("k7f3c2a")
    before = existing.read_bytes()
    with pytest.raises(DeskError, match="exists already"):
        store.write_new_entry(Entry("k7f3c2a", at(13, 0), body="Over it."))
    assert existing.read_bytes() == before
    assert not list((store.root / "entries").glob(".desk-tmp-*"))
    store.trash_path("z1trash").parent.mkdir(exist_ok=True)
    store.trash_path("z1trash").write_text("trashed")
    with pytest.raises(DeskError, match="in the trash"):
        store.write_new_entry(Entry("z1trash", at(13, 0), body="Again."))
    assert not store.entry_path("z1trash").exists()
