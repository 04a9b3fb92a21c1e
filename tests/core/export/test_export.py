from __future__ import annotations

import pytest

from desk.core.export.assemble import export_blog
from desk.core.export.options import ExportOptions
from desk.core.model import Entry
from tests.expected_files import assert_matches_expected
from tests.helpers import at, small_blog


@pytest.mark.parametrize(
    ("fmt", "name"), [("html", "small.html"), ("page", "small-page.html"), ("md", "small.md")]
)
def test_export_matches_the_expected_file(fmt: str, name: str) -> None:
    result = export_blog(small_blog(), ExportOptions(format=fmt))
    assert_matches_expected(result.text, f"export/{name}")


def test_all_includes_the_drafts() -> None:
    result = export_blog(small_blog(), ExportOptions(format="md", include_drafts=True))
    assert_matches_expected(result.text, "export/small-all.md")
    assert "Unconfirmed: a second breach." in result.text
    assert result.warnings == []


def test_drafts_are_left_out_with_a_warning() -> None:
    result = export_blog(small_blog(), ExportOptions(format="html"))
    assert "second breach" not in result.text
    assert [e.id for e in result.entries] == ["m1dn1te", "k7f3c2a", "b2c9d01"]
    assert result.warnings == ["1 draft left out"]


@pytest.mark.parametrize("fmt", ["html", "page", "md"])
def test_the_original_entry_is_last_with_its_label_in_its_first_paragraph(fmt: str) -> None:
    text = export_blog(small_blog(), ExportOptions(format=fmt)).text
    assert text.rindex("ORIGINAL ENTRY:") > text.rindex("UPDATE")
    if fmt == "md":
        assert "**ORIGINAL ENTRY:** Storm Maren has flooded" in text
    else:
        assert (
            '<p><strong><time datetime="2025-03-14T09:00:00Z">ORIGINAL ENTRY:</time></strong>'
            " Storm Maren has flooded"
        ) in text


def test_an_original_opening_with_a_quote_gets_its_own_label_paragraph() -> None:
    blog = small_blog()
    blog.entries["b2c9d01"].body = "> We will rebuild.\n\nThe mayor spoke at dawn."
    blog.entries["b2c9d01"].author = ""
    html = export_blog(blog, ExportOptions(format="html")).text
    assert (
        '<p><strong><time datetime="2025-03-14T09:00:00Z">ORIGINAL ENTRY:</time></strong></p>\n<blockquote>'
        in html
    )
    md = export_blog(blog, ExportOptions(format="md")).text
    assert "**ORIGINAL ENTRY:**\n\n> We will rebuild." in md


def test_a_quote_exports_with_its_attribution_in_cite() -> None:
    html = export_blog(small_blog(), ExportOptions(format="html")).text
    assert "<p><cite>— Ilse Varga, regional governor</cite></p>\n</blockquote>" in html


def test_export_follows_the_timeline_order_not_the_stamps() -> None:
    blog = small_blog()
    blog.order.remove("k7f3c2a")
    blog.order.insert(0, "k7f3c2a")
    html = export_blog(blog, ExportOptions(format="html")).text
    assert html.index("entry-k7f3c2a") < html.index("entry-m1dn1te")


def test_markup_in_titles_and_fields_is_escaped() -> None:
    blog = small_blog()
    blog.title = "<script>alert(1)</script> & more"
    blog.add(Entry("evil", at(23, 0), status="ready", headline="<b>x</b>", author="A <i>B</i>"))
    page = export_blog(blog, ExportOptions(format="page")).text
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in page
    assert "&lt;b&gt;x&lt;/b&gt;" in page
    md = export_blog(blog, ExportOptions(format="md")).text
    assert "### \\<b\\>x\\</b\\>" in md


def test_raw_html_in_a_body_is_sanitised() -> None:
    blog = small_blog()
    blog.entries["k7f3c2a"].body = (
        'Hi <script>alert(1)</script><img src="x.png" onerror="alert(2)">'
        ' <a href="javascript:alert(3)">link</a> <iframe src="https://evil.example/"></iframe>'
    )
    html = export_blog(blog, ExportOptions(format="html")).text
    for active in ("<script", "onerror", "javascript:", "<iframe", "alert(1)"):
        assert active not in html
