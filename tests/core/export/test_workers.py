"""A long export reads and renders in worker processes; what it gets is what it would have
read and rendered alone, and a worker that fails or a file that changes meanwhile costs
speed, never a word."""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from desk.core.export.assemble import export_blog
from desk.core.export.options import ExportOptions
from desk.core.export.render import Renderer, joined_once_per_export, once_per_export
from desk.core.export.workers import Workers
from desk.core.model import Blog, Entry
from desk.core.storage import index as index_module
from desk.core.storage import store as store_module
from desk.core.storage.index import Identity
from desk.core.storage.store import BlogStore
from tests.helpers import X_POST

START = datetime(2025, 3, 14, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def few_files_are_enough(monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers for a dozen files, and an entry index that vouches for none of them (every
    load reads every file, here or in the workers)."""
    monkeypatch.setattr(store_module, "HELP_FROM", 3)
    monkeypatch.setattr(index_module, "SLACK_NS", 10**18)


def blog_with_bad_files(tmp_path: Path) -> Path:
    store, blog = BlogStore.create(tmp_path, "Harbour storm", date(2025, 3, 14))
    for number in range(12):
        body = f"Update {number}.\n\n{X_POST}" if number % 4 == 0 else f"Update {number}."
        status = "draft" if number % 3 == 0 else "ready"
        blog.add(Entry(f"upd{number}", START + timedelta(minutes=number), status=status, body=body))
    store.save(blog)
    entries = store.root / "entries"
    (entries / "empty1.md").write_text("")
    (entries / "latin1.md").write_bytes(b"---\nid: latin1\n---\ncaf\xe9\n")
    (entries / "Not_an_id.md").write_text("---\nid: x\n---\nWords.\n")
    (entries / "dup1.md").write_text((entries / "upd1.md").read_text())
    os.symlink(entries / "upd2.md", entries / "link1.md")
    return store.root


def load(root: Path, helper: Any = None) -> tuple[BlogStore, Blog]:
    store, blog = BlogStore.open_lazy(root)
    assert store.loading is not None
    store.loading.helper = helper
    store.finish_loading()
    return store, blog


def export(blog: Blog, renderer: Renderer) -> str:
    return export_blog(blog, ExportOptions(format="html", include_drafts=True), renderer).text


def test_a_load_through_the_workers_is_the_load_alone(tmp_path: Path) -> None:
    root = blog_with_bad_files(tmp_path)
    alone_store, alone = load(root)
    asked: list[str] = []
    with Workers(2) as workers:
        read = workers.reader(root, "full", drafts=True)

        def helper(names: list[str]) -> Iterable[tuple[str, Identity, list[Any]]]:
            asked.extend(names)
            return read(names)

        store, blog = load(root, helper)
        assert workers.started and len(workers.rendered) == 12  # every entry, drafts too
        text = export(blog, Renderer(pool=workers))
    assert len(asked) == 16  # every file but the link
    assert blog.entries == alone.entries and blog.order == alone.order
    assert sorted(map(str, store.problems)) == sorted(map(str, alone_store.problems))
    assert len(store.problems) == 5
    assert text == export(alone, Renderer())


def test_a_worker_that_fails_costs_only_speed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = blog_with_bad_files(tmp_path)
    alone_store, alone = load(root)

    def broken(*_: object) -> None:
        raise MemoryError("a worker ran out")

    monkeypatch.setattr("desk.core.export.workers._read_and_render", broken)
    monkeypatch.setattr("desk.core.export.workers.render_alone", broken)
    with Workers(2) as workers:
        store, blog = load(root, workers.reader(root, "full", drafts=True))
        assert workers.render(["Words."], "full") is None
        text = export(blog, Renderer(pool=workers))
    assert blog.entries == alone.entries
    assert sorted(map(str, store.problems)) == sorted(map(str, alone_store.problems))
    assert text == export(alone, Renderer())


def test_a_file_changed_after_the_worker_read_it_is_read_again(tmp_path: Path) -> None:
    """The worker read an older version of upd5.md (its identity is not the file's now)."""
    root = blog_with_bad_files(tmp_path)
    with Workers(2) as workers:
        read = workers.reader(root, None, drafts=False)
        found = list(read([f"upd{n}.md" for n in range(12)]))
        path = root / "entries" / "upd5.md"
        path.write_text(path.read_text().replace("Update 5.", "Update five, rewritten."))
        _, blog = load(root, lambda names: found)
    assert blog.entries["upd5"].body == "Update five, rewritten."
    assert blog.entries["upd6"].body == "Update 6."


@pytest.mark.parametrize(
    "parts",
    [
        ["<p>no scripts</p>", "<section>\n<p>none</p>\n</section>"],
        [f"<p>{X_POST}</p>", "<p>plain</p>"],
        [
            "<section>\n<blockquote>x</blockquote>\n{x}\n</section>",
            "<section>{x}{x}\n<p>again</p>\n{x}\n</section>",
            "<section>\n{b}\n{x}\n</section>",
            "<section>{b}</section>",
        ],
        ["<section>{x}", "{x}\n</section>", "<p>{x}"],  # parts that end with a script
    ],
)
def test_scripts_thinned_part_by_part_as_over_the_whole(parts: list[str]) -> None:
    x = '<script async src="https://platform.twitter.com/widgets.js" charset="utf-8"></script>'
    bluesky = '<script async src="https://embed.bsky.app/static/embed.js" charset="utf-8"></script>'
    filled = [p.replace("{x}", x).replace("{b}", bluesky) for p in parts]
    whole = once_per_export("\n".join(filled) + "\n")
    assert joined_once_per_export(filled) == whole
    if x in "".join(filled):
        assert whole.count(x) == 1
