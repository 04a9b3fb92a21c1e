"""The plain-text writer: the blog as its page reads, with no HTML tag, comment or Markdown
mark; the same entries, order and key events as the export with the same options."""

from __future__ import annotations

import re

import pytest

from desk.core.embeds import Embed, embed_block
from desk.core.export.options import ExportOptions
from desk.core.export.plaintext import export_plain_text, html_blocks
from desk.core.model import Blog, Entry
from tests.expected_files import assert_matches_expected
from tests.helpers import at, small_blog

NO_MARKUP = re.compile(r"<[a-zA-Z/!]|\*\*|^#|^>|-->", re.MULTILINE)
X_URL = "https://x.com/NorthWeatherOff/status/1900712345678901234"


def one_entry(body: str, **fields: object) -> Blog:
    blog = Blog(title="Storm", date=at(9, 0).date())
    blog.add(Entry("e1", at(17, 12), status="ready", body=body, **fields))  # type: ignore[arg-type]
    return blog


def text_of(body: str, **fields: object) -> str:
    return export_plain_text(one_entry(body, **fields), ExportOptions())


def test_the_small_blog_reads_as_its_page() -> None:
    text = export_plain_text(small_blog(), ExportOptions())
    assert_matches_expected(text, "export/small.txt")
    assert NO_MARKUP.search(text) is None
    assert "Unconfirmed" not in text  # the draft stays out, as in the export
    assert text.index("UPDATE 0015 GMT, 15 March:") < text.index("UPDATE 2141 GMT:")
    assert "ORIGINAL ENTRY: Storm Maren has flooded the lower town" in text
    assert "We have pumps on every street below the sea wall.\n\n— Ilse Varga" in text


def test_the_options_choose_entries_and_order_as_the_export_does() -> None:
    drafts = export_plain_text(small_blog(), ExportOptions(include_drafts=True, order="oldest"))
    assert "Unconfirmed: a second breach." in drafts
    assert drafts.index("ORIGINAL ENTRY:") < drafts.index("UPDATE 2141 GMT:")


def test_a_post_has_its_sign_off_then_its_address_alone() -> None:
    post = Embed(
        type="x", url=X_URL + "?s=20", author="Northern Weather Office",
        handle="NorthWeatherOff", date="2025-03-14", text="Stay away from the sea front.\n\nCheck the map.",
    )  # fmt: skip
    text = text_of(f"The weather office wrote:\n\n{embed_block(post)}\n\nAfter the post.")
    assert text == (
        "UPDATE 1712 GMT:\n\nThe weather office wrote:\n\nStay away from the sea front.\n\n"
        "Check the map.\n\n— Northern Weather Office (@NorthWeatherOff) March 14, 2025\n\n"
        f"{X_URL}\n\nAfter the post.\n"
    )


@pytest.mark.parametrize(
    ("embed", "blocks"),
    [
        (Embed(type="bluesky", url="https://bsky.app/profile/herald.bsky.social/post/3l25zusnsfctk",
               author="Coastal Herald", handle="herald.bsky.social", text="Pumps."),
         ["Pumps.", "— Coastal Herald (@herald.bsky.social)",
          "https://bsky.app/profile/herald.bsky.social/post/3l25zusnsfctk"]),
        (Embed(type="youtube", url="https://youtu.be/dQw4w9WgXcQ?t=90", title="The quay at noon"),
         ["The quay at noon", "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=90"]),
        (Embed(type="telegram", url="https://t.me/harbourwatch/1912", text="Ferry cancelled.",
               date="2025-03-14"),
         ["Ferry cancelled.", "— March 14, 2025", "https://t.me/harbourwatch/1912"]),
        (Embed(type="x", text="A post imported from plain text.", author="Port of Elvan"),
         ["A post imported from plain text.", "— Port of Elvan"]),
        (Embed(type="image", src="media/quay.jpg", alt="The quay", caption="The flooded quay",
               credit="Photo: Coastal Rescue Service"),
         ["The flooded quay\nPhoto: Coastal Rescue Service"]),
        (Embed(type="link", url="https://example.org/day-1", title="Storm Maren reaches the isles"),
         ["Yesterday's Coverage: Storm Maren reaches the isles"]),
    ],
)  # fmt: skip
def test_each_embed_reads_as_on_the_page(embed: Embed, blocks: list[str]) -> None:
    assert text_of(embed_block(embed)) == "\n\n".join(["UPDATE 1712 GMT:", *blocks]) + "\n"


def test_markdown_marks_html_and_comments_are_gone() -> None:
    body = (
        "Some **bold**, some *emphasis*, a [link](https://example.org) & a `code`.\n\n"
        "### What we know\n\n- one\n- two\n\n1. first\n2. second\n\n"
        "<!-- a note for the desk -->\n\n<b>raw</b> HTML\n\nA line<br>broken."
    )
    text = text_of(body)
    assert NO_MARKUP.search(text) is None
    assert text == (
        "UPDATE 1712 GMT:\n\nSome bold, some emphasis, a link & a code.\n\nWhat we know\n\n"
        "• one\n\n• two\n\n1. first\n\n2. second\n\nraw HTML\n\nA line\nbroken.\n"
    )


def test_headline_byline_key_events_and_the_end_of_coverage() -> None:
    blog = one_entry("The tide has turned.", headline="Tide turns", author="Marta Kell", key=True)
    blog.ended = at(18, 0)
    text = export_plain_text(blog, ExportOptions())
    assert text == (
        "Coverage ended at 1800 GMT, 14 March 2025.\n\nKey events\n"
        "• UPDATE 1712 GMT: Tide turns\n\nUPDATE 1712 GMT:\n\nTide turns\n\nMarta Kell\n\n"
        "The tide has turned.\n"
    )
    assert "Key events" not in export_plain_text(blog, ExportOptions(key_events=False))


def test_an_unreadable_embed_block_is_kept_as_its_source() -> None:
    text = text_of("```embed\ntype: nonsense\n```")
    assert text == "UPDATE 1712 GMT:\n\ntype: nonsense\n"


def test_html_blocks_reads_entities_and_tables() -> None:
    html = "<p>A &amp; B &lt;c&gt;</p><table><tr><th>Hour</th><th>Tide</th></tr>"
    html += "<tr><td>2215</td><td>high</td></tr></table>"
    assert html_blocks(html) == ["A & B <c>", "Hour\tTide", "2215\thigh"]


def test_an_empty_blog_is_empty_text() -> None:
    assert export_plain_text(Blog(title="Empty", date=at(9, 0).date()), ExportOptions()) == ""
