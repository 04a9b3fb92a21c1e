"""A pinned update carries a visible pinned line in every export, in the wording of the
blog's `labels: pinned:` format; importing the export takes the line back out."""

from __future__ import annotations

from pathlib import Path

import pytest

from desk.core.export.assemble import export_blog
from desk.core.export.options import ExportOptions
from desk.core.importers.importing import parse_import
from desk.core.importers.options import ImportOptions
from desk.core.model import Blog
from desk.core.storage.store import BlogStore
from tests.helpers import make_blog_folder, small_blog


def pinned_blog(wording: str | None = None) -> Blog:
    blog = small_blog()
    blog.entries["k7f3c2a"].pinned = True
    if wording is not None:
        blog.labels.pinned = wording
    return blog


def test_the_html_export_has_the_pinned_line() -> None:
    text = export_blog(pinned_blog(), ExportOptions(format="html")).text
    section = text.split('id="entry-k7f3c2a">', 1)[1].split("</section>", 1)[0]
    lines = section.strip("\n").split("\n")
    assert lines[0].startswith("<p><strong><time")
    assert lines[1] == '<p class="desk-pinned-line"><em>Pinned</em></p>'
    assert text.count("desk-pinned-line") == 1  # the other updates are not pinned


def test_the_page_export_has_the_pinned_line() -> None:
    text = export_blog(pinned_blog("Pinned at {HH}{MM} GMT"), ExportOptions(format="page")).text
    assert '<p class="desk-pinned-line"><em>Pinned at 2141 GMT</em></p>' in text
    assert text.index("desk-pinned-line") < text.index('<h3 class="desk-headline">Ferry')


def test_the_markdown_export_has_the_pinned_line() -> None:
    text = export_blog(pinned_blog("Pinned: read this first"), ExportOptions(format="md")).text
    chunk = text.split("id=k7f3c2a", 1)[1]
    assert chunk.split("\n\n")[:3] == [
        chunk.split("\n", 1)[0] + "\n**UPDATE 2141 GMT:**",
        "*Pinned: read this first*",
        "### Ferry terminal reopens",
    ]


def test_an_unpinned_blog_exports_no_pinned_line() -> None:
    for fmt in ("html", "md", "page"):
        text = export_blog(small_blog(), ExportOptions(format=fmt)).text
        assert "Pinned" not in text and "desk-pinned-line" not in text


def test_the_original_entry_carries_no_pinned_line() -> None:
    blog = small_blog()
    blog.entries["b2c9d01"].pinned = True
    for fmt in ("html", "md"):
        assert "Pinned" not in export_blog(blog, ExportOptions(format=fmt)).text


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_pinned_line_does_not_come_back_into_the_body(fmt: str) -> None:
    blog = pinned_blog("PINNED {day} {month}")
    text = export_blog(blog, ExportOptions(format=fmt, include_drafts=True)).text
    back = parse_import(text, ImportOptions(format=fmt, date=blog.date))
    entry = back.entries["k7f3c2a"]
    assert entry.pinned and entry.body == blog.entries["k7f3c2a"].body
    assert "PINNED" not in entry.body


def test_the_wording_is_kept_in_blog_yaml_only_when_changed(tmp_path: Path) -> None:
    store = make_blog_folder(tmp_path / "a")
    assert "pinned" not in (store.root / "blog.yaml").read_text()
    _, blog = BlogStore.open(store.root)
    blog.labels.pinned = "Pinned update"
    store.save(blog)
    assert 'pinned: "Pinned update"' in (store.root / "blog.yaml").read_text()
    assert BlogStore.open(store.root)[1].labels.pinned == "Pinned update"
