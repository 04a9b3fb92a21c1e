"""The limits that keep a hostile blog from hanging the window: 100,000 entries, a 5 MB
blog.yaml, 100,000 ids in the order. Past each, an error naming the limit, nothing written."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from desk.core import model
from desk.core.errors import DeskError, ProblemError
from desk.core.importers.importing import import_to_folder
from desk.core.model import MAX_ENTRIES, Entry
from desk.core.storage import store as store_module
from desk.core.storage.front_matter import MAX_ORDER
from desk.core.storage.store import BlogStore
from tests.desk_run import RunDesk
from tests.helpers import at, make_blog_folder, small_blog, snapshot


@pytest.fixture
def blog(tmp_path: Path) -> Path:
    return make_blog_folder(tmp_path / "drafts").root


def test_the_limits_are_as_documented() -> None:
    assert (MAX_ENTRIES, MAX_ORDER, store_module.MAX_BLOG_FILE) == (100_000, 100_000, 5 * 2**20)


def test_a_folder_of_over_100000_entry_files_is_refused_unread(desk: RunDesk, blog: Path) -> None:
    entries = blog / "entries"
    for number in range(MAX_ENTRIES + 1 - 4):
        os.close(os.open(entries / f"x{number}.md", os.O_CREAT | os.O_WRONLY, 0o644))
    before = snapshot(blog)
    with pytest.raises(DeskError, match="over the limit of 100,000: the blog is not opened"):
        BlogStore.open(blog)
    for command in ("list", "check"):
        run = desk(command, blog)
        assert run.code == 1 and "over the limit of 100,000" in run.err
    assert snapshot(blog) == before


def test_a_blog_yaml_over_5_mb_is_not_read(desk: RunDesk, blog: Path) -> None:
    meta = blog / "blog.yaml"
    with open(meta, "a", encoding="utf-8") as handle:
        handle.write("notes: " + "x" * (5 * 2**20) + "\n")
    before = snapshot(blog)
    with pytest.raises(ProblemError, match="over 5 MB, the limit"):
        BlogStore.open(blog)
    run = desk("check", blog)
    assert run.code == 1 and f"{meta}:1: blog.yaml is over 5 MB, the limit: not read" in run.out
    run = desk("list", blog)
    assert run.code == 1 and "over 5 MB, the limit" in run.err
    assert snapshot(blog) == before


def test_an_order_of_over_100000_ids_is_refused(desk: RunDesk, blog: Path) -> None:
    meta = blog / "blog.yaml"
    ids = "".join(f'- "o{n}"\n' for n in range(MAX_ORDER - 3))  # and the 4 entries
    meta.write_text(meta.read_text().replace("order:\n", "order:\n" + ids, 1))
    before = snapshot(blog)
    with pytest.raises(ProblemError, match="order lists 100,001 ids, over the limit of 100,000"):
        BlogStore.open(blog)
    run = desk("check", blog)
    assert run.code == 1 and "over the limit of 100,000" in run.out
    assert snapshot(blog) == before


def test_saving_past_a_limit_writes_nothing(blog: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store, loaded = BlogStore.open(blog)
    before = snapshot(blog)
    loaded.entries["k7f3c2a"].body = "Typed, not to be saved past the limit."
    loaded.order.extend(f"o{n}" for n in range(MAX_ORDER))
    with pytest.raises(DeskError, match="over the limit of 100,000: nothing saved"):
        store.save(loaded)
    del loaded.order[4:]
    loaded.header = "h" * (5 * 2**20)
    with pytest.raises(DeskError, match="over 5 MB, the limit: nothing saved"):
        store.save(loaded)
    loaded.header = ""
    monkeypatch.setattr(store_module, "MAX_ENTRIES", 4)
    loaded.entries["extra01"] = Entry("extra01", at(22, 0), body="One too many.")
    with pytest.raises(DeskError, match="5 entries, over the limit of 4: nothing saved"):
        store.save(loaded)
    assert snapshot(blog) == before


def test_a_full_blog_takes_no_new_entry(blog: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(model, "MAX_ENTRIES", 4)
    monkeypatch.setattr(store_module, "MAX_ENTRIES", 4)
    store, loaded = BlogStore.open(blog)
    with pytest.raises(DeskError, match="at most 4 entries"):
        loaded.add(Entry("late123", at(22, 0), body="No room."))
    arrived = blog / "entries" / "late123.md"
    arrived.write_text('---\nid: "late123"\nstamp: 2025-03-14T22:00:00Z\n---\nNo room.\n')
    changes = store.refresh(loaded)
    assert not changes.added and "limit" in changes.problems[0].message
    assert "late123" not in loaded.entries


def test_an_import_past_the_limit_makes_no_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_module, "MAX_ENTRIES", 3)
    with pytest.raises(DeskError, match="over the limit of 3: nothing saved"):
        import_to_folder(small_blog(), tmp_path / "drafts")
    assert not (tmp_path / "drafts").exists()
