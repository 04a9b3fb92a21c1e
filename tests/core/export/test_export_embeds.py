"""Embeds through the real exports: every kind on one valid page, and the
journalist's path from pasted embed code to card, embed and quote."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from desk.core.embeds import Embed, embed_block, parse_embed_code
from desk.core.export.assemble import export_blog, render_entry
from desk.core.export.options import ExportOptions
from desk.core.model import Entry
from tests.helpers import at, small_blog
from tests.nu import nu_errors

EXAMPLES = Path(__file__).parents[2] / "data" / "embeds"

EVERY_KIND = [
    *(parse_embed_code((EXAMPLES / f"{name}.html").read_text()) for name in
      ("x", "telegram", "bluesky", "youtube", "instagram")),
    Embed(type="image", src="https://example.org/quay.jpg", alt="The flooded quay",
          caption="The quay at dawn", credit="Coastal Rescue Service"),
    Embed(type="image", src="media/map.png", alt="Map of the warning area", caption="Warnings",
          credit="Northern Weather Office"),
    Embed(type="link", url="https://news.example/storm-day-one", title="Storm Maren Reaches the Western Isles"),
    Embed(type="x", text="Imported from plain text", author="Coastal Herald", handle="coastalherald",
          date="2025-03-14"),
]  # fmt: skip


def every_kind_blog():  # type: ignore[no-untyped-def]
    blog = small_blog()
    body = "Posts from the quay:\n\n" + "\n\n".join(embed_block(e) for e in EVERY_KIND if e)
    blog.add(Entry("embeds", at(23, 0), status="ready", body=body))
    return blog


@pytest.mark.parametrize("style", ["full", "url", "plain"])
def test_a_page_with_every_kind_of_embed_passes_the_nu_checker(tmp_path: Path, style: str) -> None:
    assert all(EVERY_KIND)
    page = export_blog(every_kind_blog(), ExportOptions(format="page", embeds=style)).text
    (tmp_path / "page.html").write_text(page)
    assert nu_errors(tmp_path / "page.html") == ""


def test_full_style_writes_each_platform_script_once_and_warns_what_a_cms_strips() -> None:
    result = export_blog(every_kind_blog(), ExportOptions(format="html"))
    assert result.text.count("platform.twitter.com/widgets.js") == 1
    assert result.text.count('data-telegram-post="harbourauthority/4521"') == 1
    assert "youtube-nocookie.com/embed/Xk3v9Qp2LmA" in result.text
    assert any("Telegram post in full style" in w for w in result.warnings)
    assert any("Instagram post in full style" in w for w in result.warnings)
    assert any("media/map.png" in w and "upload" in w for w in result.warnings)
    assert not any(
        "Telegram post in full" in w
        for w in export_blog(
            every_kind_blog(), ExportOptions(format="html", embeds="plain")
        ).warnings
    )


def test_pasted_x_embed_code_is_a_card_an_embed_and_a_quote() -> None:
    post = parse_embed_code((EXAMPLES / "x.html").read_text())
    assert post is not None
    blog = small_blog()
    blog.add(Entry("xpost", at(23, 0), status="ready", body="The warning:\n\n" + embed_block(post)))
    entry = blog.entries["xpost"]
    card = render_entry(blog, entry, "preview")
    assert "Northern Weather Office" in card and "Stay away from the sea front" in card
    assert "<script" not in card
    html = export_blog(blog, ExportOptions(format="html")).text
    assert '<blockquote class="twitter-tweet">' in html and "widgets.js" in html
    md = export_blog(blog, ExportOptions(format="md")).text
    assert "> Stay away from the sea front tonight." in md
    assert "— Northern Weather Office (@NorthWeatherOff)" in md
    assert "https://x.com/NorthWeatherOff/status/1900712345678901234" in md
    assert "<script" not in md


def test_html_in_embed_fields_and_bodies_exports_inactive(tmp_path: Path) -> None:
    nasty = '<script>alert(1)</script><img src=x onerror="alert(2)">'
    blog = small_blog()
    post = Embed(type="x", url="https://x.com/a/status/1", author=nasty, handle="a", text=nasty)
    blog.add(Entry("nasty", at(23, 0), status="ready", body=f"{nasty}\n\n{embed_block(post)}"))
    page = export_blog(blog, ExportOptions(format="page")).text
    assert "<script>alert" not in page and "<img src=x" not in page
    assert not re.search(r"<[^>]*onerror", page)  # only as escaped text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # the post's text, shown as text
    (tmp_path / "p.html").write_text(page)
    assert nu_errors(tmp_path / "p.html") == ""
