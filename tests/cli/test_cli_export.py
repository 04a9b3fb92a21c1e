"""The export command's flags override the blog's saved choices."""

from __future__ import annotations

from pathlib import Path

import pytest

from desk.core.storage.store import BlogStore
from tests.desk_run import RunDesk
from tests.helpers import make_blog_folder, snapshot


@pytest.fixture
def blog(tmp_path: Path) -> Path:
    store, loaded = BlogStore.open(make_blog_folder(tmp_path / "drafts").root)
    loaded.export = {"format": "md", "entries": "all", "order": "oldest", "key_events": False}
    loaded.entries["k7f3c2a"].key = True
    store.save(loaded)
    return store.root


def test_saved_choices_are_the_defaults(desk: RunDesk, blog: Path) -> None:
    run = desk("export", blog)
    assert run.out.startswith("Drone image")  # Markdown
    assert "n0d2aft" in run.out  # all entries
    assert run.out.index("b2c9d01") < run.out.index("m1dn1te")  # oldest first
    assert "Key events" not in run.out


def test_flags_override_the_saved_choices(desk: RunDesk, blog: Path) -> None:
    run = desk("export", blog, "--format", "html", "--order", "newest", "--key-events", "--jsonld")
    assert run.out.startswith('<div class="desk-header">')
    assert run.out.index("m1dn1te") < run.out.index("b2c9d01")
    assert "Key events" in run.out
    assert "application/ld+json" in run.out
    run = desk("export", blog, "--no-key-events", "--embeds", "url")
    assert "Key events" not in run.out


def test_export_marks_published_only_when_asked(desk: RunDesk, blog: Path) -> None:
    before = snapshot(blog)
    desk("export", blog, "--format", "html")
    assert snapshot(blog) == before
    run = desk(
        "export", blog, "--format", "html", "--all", "--mark-published", now="2025-03-14T22:10:30Z"
    )
    assert run.code == 0, run.err
    _, loaded = BlogStore.open(blog)
    published = [e for e in loaded.timeline() if e.published]
    assert len(published) == 4
    entry = loaded.entries["k7f3c2a"]
    assert (
        entry.published is not None and entry.published.isoformat() == "2025-03-14T22:10:00+00:00"
    )
    assert entry.published_hash == entry.content_hash()
    assert "published_hash:" in (blog / "entries" / "k7f3c2a.md").read_text()
