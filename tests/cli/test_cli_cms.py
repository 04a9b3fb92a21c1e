"""`desk export --cms`: the WordPress profile from the command line, what it refuses, and the
blog's saved choice."""

from __future__ import annotations

from pathlib import Path

import pytest

from desk.core.storage.store import BlogStore
from tests.desk_run import RunDesk, assert_clean_error
from tests.helpers import make_blog_folder, snapshot


@pytest.fixture
def blog(tmp_path: Path) -> Path:
    return make_blog_folder(tmp_path / "drafts").root


def test_cms_wordpress_writes_blocks_and_generic_the_fragment(desk: RunDesk, blog: Path) -> None:
    run = desk("export", blog, "--cms", "wordpress")
    assert run.code == 0, run.err
    assert run.out.startswith("<!-- wp:paragraph -->\n<p>Drone image")
    assert '<!-- wp:paragraph {"anchor":"entry-k7f3c2a"} -->' in run.out
    assert "<section" not in run.out
    assert desk("export", blog, "--cms", "generic").out == desk("export", blog).out


@pytest.mark.parametrize("fmt", ["md", "page"])
def test_cms_with_markdown_or_the_page_is_an_error(desk: RunDesk, blog: Path, fmt: str) -> None:
    before = snapshot(blog)
    run = desk("export", blog, "--format", fmt, "--cms", "wordpress")
    assert_clean_error(run, f"--cms is for the html format (and the window's copies), not {fmt}")
    assert run.out == ""
    assert snapshot(blog) == before


def test_jsonld_with_wordpress_is_an_error_naming_copy_structured_data(
    desk: RunDesk, blog: Path
) -> None:
    run = desk("export", blog, "--cms", "wordpress", "--jsonld")
    assert_clean_error(run, "Export → Copy structured data")
    assert run.out == ""


def test_wordpress_overrides_embeds_and_says_so(desk: RunDesk, blog: Path) -> None:
    run = desk("export", blog, "--cms", "wordpress", "--embeds", "url")
    assert run.code == 0
    assert run.out == desk("export", blog, "--cms", "wordpress").out
    assert "desk: warning: --embeds is ignored with --cms wordpress" in run.err


def test_the_saved_profile_is_the_default_and_md_ignores_it(desk: RunDesk, blog: Path) -> None:
    store, loaded = BlogStore.open(blog)
    loaded.export = {"cms": "wordpress"}
    store.save(loaded)
    assert desk("export", blog).out.startswith("<!-- wp:")
    assert not desk("export", blog, "--cms", "generic").out.startswith("<!-- wp:")
    markdown = desk("export", blog, "--format", "md")
    assert markdown.code == 0 and markdown.out.startswith("Drone image")
    assert_clean_error(desk("export", blog, "--jsonld"), "Export → Copy structured data")
