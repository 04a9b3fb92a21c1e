"""Symbolic links in a blog folder, through the store: each is reported and never read,
written, restored or deleted through; the rest of the blog opens; every file, inside and
outside, stays as it is."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from desk.core.errors import DeskError
from desk.core.export.assemble import export_blog, save_export
from desk.core.export.options import ExportOptions
from desk.core.model import Entry
from desk.core.storage.lock import BlogLock
from desk.core.storage.nofollow import LINK
from desk.core.storage.store import BlogStore
from tests.helpers import at
from tests.hostile import LINKS, SECRET, Hostile, link_state, make_hostile

CASES = sorted(LINKS)


@pytest.fixture(params=CASES)
def hostile(request: pytest.FixtureRequest, tmp_path: Path) -> Hostile:
    return make_hostile(tmp_path, request.param)


def _texts(store: BlogStore, hostile: Hostile) -> str:
    _, blog = BlogStore.open(hostile.blog)
    return "\n".join([blog.title, blog.header, *(e.body for e in blog.entries.values())])


def test_a_link_is_reported_never_read_and_the_blog_opens(hostile: Hostile) -> None:
    outside, links = hostile.outside_state(), link_state(hostile.blog)
    store, blog = BlogStore.open(hostile.blog)
    assert [p for p in store.problems if p.message == LINK] == [
        p for p in store.problems if p.path == hostile.link
    ]
    assert any(p.path == hostile.link and p.message == LINK for p in store.problems)
    assert SECRET not in _texts(store, hostile)
    assert all(SECRET not in e.body for e in store.trashed())
    assert not {"evil1", "evil2", "evil3", "gone1", "loop1"} & set(blog.entries)
    if hostile.link.name != "entries":
        assert {"k7f3c2a", "m1dn1te", "n0d2aft", "b2c9d01"} <= set(blog.entries)
    assert hostile.outside_state() == outside
    assert link_state(hostile.blog) == links


def test_saving_adding_and_trashing_never_write_through_a_link(hostile: Hostile) -> None:
    outside, links = hostile.outside_state(), link_state(hostile.blog)
    store, blog = BlogStore.open(hostile.blog)
    blog.entries.setdefault(
        "k7f3c2a", Entry("k7f3c2a", at(21, 41), status="ready", body="Typed.")
    ).body = "Typed."
    if "k7f3c2a" not in blog.order:
        blog.order.insert(0, "k7f3c2a")
    blog.add(Entry(store.new_id(blog), at(21, 50), body="New words."))
    errors: list[str] = []
    for step in (
        lambda: store.save(blog),
        lambda: store.trash(blog, "k7f3c2a"),
        lambda: store.restore(blog, "k7f3c2a"),
        lambda: store.clean_leftovers(),
    ):
        try:
            step()
        except DeskError as error:  # refused where a link is in the way, and said so
            errors.append(str(error))
    if errors:  # a later step may fail for want of what the refused one would have done
        assert "symbolic link" in errors[0] or "could not be read" in errors[0]
    assert hostile.outside_state() == outside
    assert link_state(hostile.blog) == links


def test_a_page_export_leaves_linked_media_behind(hostile: Hostile, tmp_path: Path) -> None:
    outside = hostile.outside_state()
    store, blog = BlogStore.open(hostile.blog)
    options = ExportOptions(format="page", include_drafts=True)
    result = export_blog(blog, options)
    assert SECRET not in result.text
    target = tmp_path / "site" / "page.html"
    target.parent.mkdir()
    save_export(result, options, store.root, target)
    copied = [p for p in (tmp_path / "site").rglob("*") if p.is_file()]
    assert all(SECRET.encode() not in p.read_bytes() for p in copied)
    assert not [p for p in (tmp_path / "site").rglob("*") if p.is_symlink()]
    assert hostile.outside_state() == outside


def test_save_as_copies_no_link_and_nothing_outside(hostile: Hostile, tmp_path: Path) -> None:
    store, blog = BlogStore.open(hostile.blog)
    rescued = store.save_as(blog, tmp_path / "rescued")
    files = [p for p in rescued.root.rglob("*") if p.is_file()]
    assert all(SECRET.encode() not in p.read_bytes() for p in files)
    assert not [p for p in rescued.root.rglob("*") if p.is_symlink()]


def test_the_blog_folder_itself_may_be_a_link(tmp_path: Path) -> None:
    hostile = make_hostile(tmp_path, "entry to a file outside")
    chosen = tmp_path / "my-blog"
    chosen.symlink_to(hostile.blog)
    store, blog = BlogStore.open(chosen)
    assert store.root == hostile.blog.resolve()
    assert {"k7f3c2a", "b2c9d01"} <= set(blog.entries)
    blog.entries["k7f3c2a"].body = "Saved through the chosen link."
    store.save(blog)
    assert "chosen link" in (hostile.blog / "entries" / "k7f3c2a.md").read_text()


def test_a_linked_blog_yaml_opens_the_entries_and_is_never_written(tmp_path: Path) -> None:
    hostile = make_hostile(tmp_path, "blog.yaml outside")
    outside = hostile.outside_state()
    store, blog = BlogStore.open(hostile.blog)
    assert blog.title == "Storm maren live"  # from the folder's name, not the link
    assert [p.message for p in store.problems] == [LINK]
    assert blog.order == ["m1dn1te", "n0d2aft", "k7f3c2a", "b2c9d01"]  # by stamp
    with pytest.raises(
        DeskError, match="is a symbolic link, so Desk will not write through or over it"
    ):
        store.save(blog)
    assert hostile.outside_state() == outside
    assert os.readlink(hostile.link) == "../../outside/blog.yaml"


def test_refresh_reports_a_link_arriving_later_once_and_never_reads_it(tmp_path: Path) -> None:
    hostile = make_hostile(tmp_path, "entry in a loop")
    store, blog = BlogStore.open(hostile.blog)
    arrived = hostile.blog / "entries" / "late123.md"
    arrived.symlink_to("../../../outside/evil1.md")
    changes = store.refresh(blog)
    assert [(p.path, p.message) for p in changes.problems] == [(arrived, LINK)]
    assert not changes.added and "late123" not in blog.entries
    assert not store.refresh(blog)


def test_a_linked_lock_file_is_nobodys_and_never_written_through(tmp_path: Path) -> None:
    hostile = make_hostile(tmp_path, "entry dangling")
    lock_file = hostile.blog / ".desk.lock"
    lock_file.symlink_to("../../outside/blog.yaml")
    outside = hostile.outside_state()
    lock = BlogLock(hostile.blog)
    assert lock.holder() is None
    with pytest.raises(DeskError, match="cannot lock"):
        lock.acquire()
    assert hostile.outside_state() == outside
    assert lock_file.is_symlink()


def test_a_page_export_copies_the_real_images_beside_a_linked_one(tmp_path: Path) -> None:
    hostile = make_hostile(tmp_path, "image to a file outside")
    (hostile.blog / "media" / "quay.png").write_bytes(b"\x89PNG quay")
    (hostile.blog / "media" / "sub").mkdir()
    (hostile.blog / "media" / "sub" / "deep.png").write_bytes(b"\x89PNG deep")
    (hostile.blog / "media" / "sub" / "also.png").symlink_to("../../../../outside/secret.png")
    store, blog = BlogStore.open(hostile.blog)
    options = ExportOptions(format="page")
    target = tmp_path / "site" / "page.html"
    target.parent.mkdir()
    save_export(export_blog(blog, options), options, store.root, target)
    copied = sorted(str(p.relative_to(target.parent)) for p in target.parent.rglob("*.png"))
    assert copied == ["media/quay.png", "media/sub/deep.png"]
