"""The CMS profile of the HTML export, without Node: the option and its saved choice,
what it refuses, the block markup's escaping, and `generic` as it always was."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from desk.core.errors import DeskError
from desk.core.export.assemble import export_blog, structured_data
from desk.core.export.blockmarkup import attributes_json
from desk.core.export.cache import RenderCache
from desk.core.export.options import ExportOptions
from desk.core.export.render import Renderer
from desk.core.model import Entry
from tests.expected_files import assert_matches_expected
from tests.helpers import at, small_blog


def wordpress(**options: object) -> ExportOptions:
    return ExportOptions(format="html", cms="wordpress", **options)  # type: ignore[arg-type]


def test_generic_is_the_default_and_writes_the_html_fragment_as_before() -> None:
    assert ExportOptions().cms == "generic"
    text = export_blog(small_blog(), ExportOptions(cms="generic")).text
    assert text == export_blog(small_blog(), ExportOptions()).text
    assert_matches_expected(text, "export/small.html")


def test_the_profile_is_a_saved_choice_written_only_when_not_generic() -> None:
    blog = small_blog()
    blog.export = {"format": "html", "cms": "wordpress"}
    options = ExportOptions.for_blog(blog)
    assert options.cms == "wordpress" and options.for_wordpress
    assert options.choices()["cms"] == "wordpress"
    assert "cms" not in ExportOptions().choices()
    assert ExportOptions.for_blog(blog, cms="generic").cms == "generic"
    blog.export = {"cms": "joomla"}
    assert ExportOptions.for_blog(blog).cms == "generic"  # an unknown value is not taken


@pytest.mark.parametrize("fmt", ["md", "page"])
def test_the_profile_is_the_fragments_alone(fmt: str) -> None:
    """Markdown and the page are the same whatever the profile (a saved choice then
    applies to the copies' HTML only)."""
    options = ExportOptions(format=fmt, cms="wordpress")
    assert not options.for_wordpress
    text = export_blog(small_blog(), options).text
    assert text == export_blog(small_blog(), ExportOptions(format=fmt)).text
    assert "wp:" not in text


def test_structured_data_in_a_wordpress_paste_is_refused_and_names_the_other_way() -> None:
    with pytest.raises(DeskError, match="Export → Copy structured data"):
        export_blog(small_blog(), wordpress(jsonld=True))


def test_structured_data_on_its_own_is_the_generic_fragments() -> None:
    generic = export_blog(small_blog(), ExportOptions(jsonld=True)).text
    script = generic[generic.index('<script type="application/ld+json">') :]
    assert structured_data(small_blog(), wordpress()) == script


def test_wordpress_overrides_the_embed_style() -> None:
    blog = small_blog()
    for style in ("full", "url", "plain"):
        assert (
            export_blog(blog, wordpress(embeds=style)).text == export_blog(blog, wordpress()).text
        )


def test_comment_and_script_text_cannot_open_or_close_a_block() -> None:
    blog = small_blog()
    blog.add(
        Entry(
            "hostile",
            at(23, 0),
            status="ready",
            headline="--> <!-- wp:html --> & so on",
            author="<!-- /wp:paragraph -->",
            body="Text --> and `<!-- wp:html -->` and <script>alert(1)</script> here.\n\n"
            "<!-- wp:html --><p>raw</p><!-- /wp:html -->",
        )
    )
    text = export_blog(blog, wordpress()).text
    comments = re.findall(r"<!--.*?-->", text, re.S)
    assert all(re.fullmatch(r"<!-- /?wp:(paragraph|heading|quote)( \{.*\})? -->", c)
               for c in comments), comments  # fmt: skip
    assert "<script" not in text
    assert "--&gt; &lt;!-- wp:html --&gt; &amp; so on" in text


def test_attributes_are_escaped_as_the_block_serializer_does() -> None:
    assert attributes_json({"citation": 'a--b <c> & "d" é'}) == (
        '{"citation":"a\\u002d\\u002db \\u003cc\\u003e \\u0026 \\u0022d\\u0022 é"}'
    )


def test_the_original_entry_carries_its_label_in_its_first_paragraph() -> None:
    text = export_blog(small_blog(), wordpress()).text
    assert (
        '<!-- wp:paragraph {"anchor":"entry-b2c9d01"} -->\n<p id="entry-b2c9d01"><strong>'
        '<time datetime="2025-03-14T09:00:00Z">ORIGINAL ENTRY:</time></strong> Storm Maren'
    ) in text
    assert text.count('"anchor":') == 3


def test_a_pinned_update_leads_with_its_pinned_line_under_the_label() -> None:
    blog = small_blog()
    blog.entries["k7f3c2a"].pinned = True
    text = export_blog(blog, wordpress()).text
    line = blog.labels.pinned_line(blog.entries["k7f3c2a"].stamp)
    assert text.startswith("<!-- wp:paragraph -->\n<p>Drone image")
    label = text.index('{"anchor":"entry-k7f3c2a"}')
    assert label < text.index(f"<p><em>{line}</em></p>") < text.index("Ferry terminal reopens")
    assert label < text.index("entry-m1dn1te")


def test_a_second_export_reads_the_bodies_blocks_from_the_render_cache(tmp_path: Path) -> None:
    blog = small_blog()
    first_cache = RenderCache(tmp_path / "cache.sqlite")
    first = export_blog(blog, wordpress(), Renderer(first_cache)).text
    first_cache.close()
    cache = RenderCache(tmp_path / "cache.sqlite")
    renderer = Renderer(cache)
    renderer.markdown_to_html = None  # type: ignore[assignment,method-assign]  # no rendering now
    assert export_blog(blog, wordpress(), renderer).text == first
    cache.close()
