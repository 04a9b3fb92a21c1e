"""Rendered entries are cached across runs by body hash, style and renderer version."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desk.core.export.assemble import export_blog
from desk.core.export.cache import RenderCache
from desk.core.export.options import ExportOptions
from desk.core.export.render import Renderer
from tests.helpers import X_POST, small_blog

WIDGETS = '<script async src="https://platform.twitter.com/widgets.js" charset="utf-8"></script>'


class CountingRenderer(Renderer):
    def __init__(self, cache: RenderCache | None) -> None:
        super().__init__(cache)
        self.rendered: list[str] = []

    def body_html(self, text: str, style: str):  # type: ignore[no-untyped-def]
        self.rendered.append(text)
        return super().body_html(text, style)


def _export(path: Path, blog_body: str | None = None) -> tuple[str, list[str]]:
    blog = small_blog()
    if blog_body is not None:
        blog.entries["k7f3c2a"].body = blog_body
    cache = RenderCache(path)
    renderer = CountingRenderer(cache)
    text = export_blog(blog, ExportOptions(format="page"), renderer).text
    cache.close()
    return text, renderer.rendered


def test_a_warm_export_renders_nothing_and_matches_the_cold_one(tmp_path: Path) -> None:
    cold, rendered = _export(tmp_path / "c.sqlite")
    assert len(rendered) == 4  # the header and three ready entries
    warm, rendered = _export(tmp_path / "c.sqlite")
    assert (warm, rendered) == (cold, [])
    assert cold == export_blog(small_blog(), ExportOptions(format="page")).text


def test_only_the_changed_entry_is_rendered_again(tmp_path: Path) -> None:
    _export(tmp_path / "c.sqlite")
    text, rendered = _export(tmp_path / "c.sqlite", "The ferry terminal is closed again.")
    assert rendered == ["The ferry terminal is closed again."]
    assert "closed again" in text


def test_the_cache_lives_in_the_users_cache_folder(isolated_home: Path) -> None:
    cache = RenderCache()
    assert cache.path.is_relative_to(isolated_home / "cache")


def test_a_broken_cache_never_stops_an_export(tmp_path: Path) -> None:
    broken = tmp_path / "c.sqlite"
    broken.write_bytes(b"this is not a database" * 100)
    text, rendered = _export(broken)
    assert "entry-k7f3c2a" in text and len(rendered) == 4


@pytest.mark.parametrize("cached", [True, False])
def test_each_platform_script_appears_once_per_export(tmp_path: Path, cached: bool) -> None:
    blog = small_blog()
    blog.entries["k7f3c2a"].body = f"One.\n\n{X_POST}\n\nTwo.\n\n{X_POST}"
    blog.entries["m1dn1te"].body = X_POST
    cache = RenderCache(tmp_path / "c.sqlite") if cached else None
    for _ in range(2):
        text = export_blog(blog, ExportOptions(format="html"), Renderer(cache)).text
        assert text.count('class="twitter-tweet"') == 3
        assert text.count(WIDGETS) == 1
        assert text.index(WIDGETS) > text.index('class="twitter-tweet"')


def test_a_cache_whose_writes_fail_never_stops_an_export(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    cache = RenderCache(path)
    other = sqlite3.connect(path)
    other.execute("DROP TABLE rendered")  # the cache's INSERTs now fail
    other.commit()
    other.close()
    renderer = CountingRenderer(cache)
    text = export_blog(small_blog(), ExportOptions(format="page"), renderer).text
    cache.close()
    assert text == export_blog(small_blog(), ExportOptions(format="page")).text
    assert len(renderer.rendered) == 4
