"""Send entry's outbox: a readable name, a free name, and no file inside any blog."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from desk.core.errors import DeskError
from desk.core.exchange import send_entry
from desk.core.model import Entry
from desk.core.outbox import (
    blog_folder_around,
    check_outside_blogs,
    free_path,
    outbox_folder,
    sent_name,
)
from desk.core.storage.store import BlogStore


def stamp(hour: int, minute: int) -> datetime:
    return datetime(2025, 3, 14, hour, minute, tzinfo=UTC)


def test_the_name_says_time_headline_and_author() -> None:
    entry = Entry("abc1234", stamp(13, 41), headline="Flight recorders", author="Leyla Aydın")
    assert sent_name(entry) == "1341-flight-recorders-leyla.md"


def test_without_a_headline_the_first_words_name_it() -> None:
    entry = Entry("abc1234", stamp(9, 5), body="**Ferries** are running again from the north.")
    assert sent_name(entry) == "0905-ferries-are-running-again.md"
    empty = Entry("abc1234", stamp(23, 59))
    assert sent_name(empty) == "2359.md"


def test_a_name_taken_gets_a_number(tmp_path: Path) -> None:
    assert free_path(tmp_path, "1341-a.md") == tmp_path / "1341-a.md"
    (tmp_path / "1341-a.md").write_text("x")
    (tmp_path / "1341-a-2.md").write_text("x")
    assert free_path(tmp_path, "1341-a.md") == tmp_path / "1341-a-3.md"


def test_the_outbox_is_in_the_users_documents_not_the_drafts(isolated_home: Path) -> None:
    folder = outbox_folder()
    assert folder.is_relative_to(isolated_home)
    assert not folder.is_relative_to(isolated_home / "drafts")
    assert folder.name == "Desk outbox"


def test_sending_into_any_blog_folder_is_refused(isolated_home: Path, tmp_path: Path) -> None:
    store, blog = BlogStore.create(tmp_path, "Harbour storm", date(2025, 3, 14))
    blog.add(Entry("upd1341", stamp(13, 41), body="Flight recorders found."))
    store.save(blog)
    other_root = BlogStore.create(tmp_path, "Air crash", date(2025, 3, 14))[0].root
    before = {p: p.read_bytes() for p in other_root.rglob("*") if p.is_file()}
    for target in (
        other_root / "entries" / "upd1341.md",
        other_root / "entries",
        other_root / "notes.md",
        store.root / "entries" / "upd1341.md",
    ):
        assert blog_folder_around(target) is not None
        with pytest.raises(DeskError, match="inside the blog folder"):
            send_entry(blog, store, "upd1341", target)
    assert {p: p.read_bytes() for p in other_root.rglob("*") if p.is_file()} == before
    assert "sent_hash" not in (store.root / "entries" / "upd1341.md").read_text()
    outside = tmp_path / "out" / "1341-flight.md"
    outside.parent.mkdir()
    check_outside_blogs(outside)
    assert send_entry(blog, store, "upd1341", outside) == outside and outside.is_file()
