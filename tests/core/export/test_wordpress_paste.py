"""The WordPress profile through the block editor's own paste handler (Node, jsdom): the
blocks a paste gives, each valid, with anchors, citations, embeds and captions, and every
word of the entries kept."""

from __future__ import annotations

import re
import tempfile
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from desk.core.blocks import Quote, quote_markdown, subheading_markdown
from desk.core.embeds import embed_block, parse_embed_block, parse_post_url
from desk.core.export.assemble import export_blog
from desk.core.export.options import ExportOptions
from desk.core.export.render import plain_text
from desk.core.model import EMBED_FENCE, Blog, Entry
from desk.core.sample import ensure_sample
from desk.core.storage.store import BlogStore
from tests.core.export.test_export_embeds import EVERY_KIND
from tests.helpers import at, small_blog
from tests.wordpress_paste import Block, paste_result, require_node, start_paste, walk

EMBEDDED = ("x", "youtube", "bluesky")  # the posts WordPress embeds from their address
FORBIDDEN = {"core/html", "core/freeform", "core/missing"}


def sample_blog() -> Blog:
    with tempfile.TemporaryDirectory() as drafts:
        return BlogStore.open(ensure_sample(Path(drafts)))[1]


def rich_blog() -> Blog:
    """Every embed kind, quotes with and without attribution, images, subheadings, lists,
    key events, a page address (the labels link) and the end of coverage."""
    blog = small_blog()
    blog.url = "https://news.example/live/storm-maren"
    blog.ended = datetime(2025, 3, 15, 1, 30, tzinfo=UTC)
    posts = "\n\n".join(embed_block(e) for e in EVERY_KIND if e is not None)
    quoted = quote_markdown(
        Quote(
            "The sea wall held.\nIt was close.",
            "Ilse Varga, regional governor",
            "https://news.example/briefing",
        )
    )
    bare = quote_markdown(Quote("Nobody was hurt on the quay tonight."))
    blog.add(
        Entry(
            "embeds",
            at(23, 0),
            status="ready",
            author="Jon Amsel",
            headline="What the platforms showed",
            body=f"Posts from the quay & the *harbour*:\n\n{posts}",
        )
    )
    blog.add(
        Entry(
            "quotes",
            at(23, 20),
            status="ready",
            key=True,
            body=f"The governor spoke at the quay:\n\n{quoted}\n\n"
            f"{subheading_markdown('On the quay')}\n\nA fisherman said:\n\n{bare}\n\n"
            "What reopens first:\n\n- the **ferry** terminal\n- the [coast road](https://news.example/roads)\n\n"
            "1. pumps\n2. sandbags",
        )
    )
    blog.entries["k7f3c2a"].key = True
    return blog


def pasted_export(blog: Blog, **options: Any) -> str:
    return export_blog(blog, ExportOptions(format="html", cms="wordpress", **options)).text


@pytest.fixture(scope="module")
def pastes() -> dict[str, dict[str, Any]]:
    """Each blog's WordPress export through the paste handler, the runs started together."""
    require_node()
    exports = {"sample": pasted_export(sample_blog()), "rich": pasted_export(rich_blog())}
    running = {name: start_paste(text) for name, text in exports.items()}
    try:
        return {name: paste_result(process) for name, process in running.items()}
    finally:
        for process in running.values():
            if process.poll() is None:
                process.kill()


def summary(item: Block) -> tuple[str, ...]:
    """A block as the tests name it: its name and the attribute that tells it apart."""
    attributes = item["attributes"]
    for key in ("anchor", "providerNameSlug", "citation", "level"):
        if attributes.get(key):
            return (item["name"], f"{key}={attributes[key]}")
    return (item["name"],)


def assert_all_valid(blocks: list[Block]) -> None:
    for item in walk(blocks):
        assert item["isValid"], (item["name"], item["attributes"], item["issues"])
        assert item["name"] not in FORBIDDEN, item


def without_embedded_posts(body: str) -> str:
    """The body without the posts that become embed blocks (WordPress shows the post)."""

    def drop(match: re.Match[str]) -> str:
        embed = parse_embed_block(match.group(1))
        ref = parse_post_url(embed.url) if embed.url else None
        embedded = ref is not None and ref.platform == embed.type and embed.type in EMBEDDED
        return "" if embedded else match.group(0)

    return EMBED_FENCE.sub(drop, body)


def words(text: str) -> Counter[str]:
    return Counter(re.findall(r"[\w']+", plain_text(text).replace("’", "'")))


def assert_no_word_lost(blog: Blog, serialized: str) -> None:
    """Every word of the generic export (posts as quoted text; the embedded posts aside)
    is in the pasted blocks, as often."""
    for entry in blog.entries.values():
        entry.body = without_embedded_posts(entry.body)
    generic = export_blog(blog, ExportOptions(format="html", embeds="plain")).text
    missing = words(generic) - words(serialized)
    assert not missing, missing


def test_the_sample_blog_pastes_as_native_blocks(pastes: dict[str, dict[str, Any]]) -> None:
    blocks = pastes["sample"]["blocks"]
    assert_all_valid(blocks)
    assert [summary(b) for b in blocks] == [
        ("core/paragraph",),
        ("core/paragraph",),
        ("core/paragraph",),
        ("core/paragraph", "anchor=entry-h2v7c9p"),
        ("core/heading", "level=3"),
        ("core/paragraph",),
        ("core/paragraph",),
        ("core/paragraph",),
        ("core/paragraph", "anchor=entry-t5k3w8r"),
        ("core/paragraph",),
        ("core/paragraph",),
        ("core/quote", "citation=Petra Lindqvist, regional governor"),
        ("core/paragraph",),
        ("core/paragraph", "anchor=entry-m9f2a6e"),
        ("core/heading", "level=3"),
        ("core/paragraph",),
        ("core/paragraph",),
        ("core/embed", "providerNameSlug=twitter"),
        ("core/paragraph", "anchor=entry-b1n6z4s"),
        ("core/paragraph",),
        ("core/paragraph",),
        ("core/heading", "level=3"),
        ("core/paragraph",),
        ("core/paragraph", "anchor=entry-o3r7y2k"),
        ("core/paragraph",),
        ("core/paragraph",),
        ("core/heading", "level=3"),
        ("core/paragraph",),
        ("core/quote", "citation=Ada Rinn, farmer"),
    ]
    label = blocks[3]["attributes"]["content"]
    assert label == '<strong><time datetime="2025-08-09T18:30:00Z">UPDATE 1830 GMT:</time></strong>'
    original = blocks[23]["attributes"]["content"]
    assert original.startswith(
        '<strong><time datetime="2025-08-09T06:10:00Z">ORIGINAL ENTRY:</time></strong> A wildfire'
    )
    embed = blocks[17]["attributes"]
    assert embed["url"] == "https://x.com/RegionalFireSvc/status/1954123456789012345"
    assert embed["type"] == "rich"
    assert [b["name"] for b in blocks[28]["innerBlocks"]] == ["core/paragraph"] * 2
    assert_no_word_lost(sample_blog(), pastes["sample"]["serialized"])


def test_every_embed_kind_quote_image_and_list_pastes_valid(
    pastes: dict[str, dict[str, Any]],
) -> None:
    blocks = pastes["rich"]["blocks"]
    assert_all_valid(blocks)
    every = list(walk(blocks))
    anchors = [b["attributes"]["anchor"] for b in every if b["attributes"].get("anchor")]
    assert anchors == [
        "entry-quotes",
        "entry-embeds",
        "entry-m1dn1te",
        "entry-k7f3c2a",
        "entry-b2c9d01",
    ]
    embeds = {b["attributes"]["providerNameSlug"]: b["attributes"] for b in every
              if b["name"] == "core/embed"}  # fmt: skip
    assert set(embeds) == {"twitter", "youtube", "bluesky"}
    assert embeds["youtube"]["type"] == "video"
    assert embeds["twitter"]["url"] == "https://x.com/NorthWeatherOff/status/1900712345678901234"
    assert embeds["bluesky"]["url"].startswith("https://bsky.app/profile/")
    citations = [b["attributes"]["citation"] for b in every if b["name"] == "core/quote"]
    telegram = next(c for c in citations if "t.me/" in c)
    instagram = next(c for c in citations if "instagram.com/" in c)
    assert telegram.startswith("@harbourauthority") and '<a href="https://t.me/' in telegram
    assert '<a href="https://www.instagram.com/' in instagram
    assert any(c.startswith("Coastal Herald (@coastalherald)") for c in citations)
    assert (
        'Ilse Varga, regional governor (<a href="https://news.example/briefing">source</a>)'
        in citations
    )
    assert "" in citations  # the quote without attribution has no citation
    images = [b["attributes"] for b in every if b["name"] == "core/image"]
    assert [(i["url"], i["alt"]) for i in images] == [
        ("https://example.org/quay.jpg", "The flooded quay"),
        ("media/map.png", "Map of the warning area"),
    ]
    assert images[0]["caption"] == "The quay at dawn <em>Coastal Rescue Service</em>"
    headings = [b["attributes"]["content"] for b in every if b["name"] == "core/heading"]
    assert headings[:2] == ["Key events", "On the quay"]
    lists = [b for b in blocks if b["name"] == "core/list"]
    key_events = [i["attributes"]["content"] for i in lists[0]["innerBlocks"]]
    assert key_events[0].startswith('<a href="#entry-quotes">UPDATE 2320 GMT: The governor spoke')
    assert len(key_events) == 2
    assert lists[-1]["attributes"]["ordered"] is True
    assert_no_word_lost(rich_blog(), pastes["rich"]["serialized"])


def test_nothing_wordpress_drops_is_in_the_export() -> None:
    text = pasted_export(rich_blog())
    assert "<script" not in text and "<section" not in text and "<nav" not in text
    assert "ld+json" not in text
    assert not re.search(r'class="(?!wp-)[^"]*"', text)
    assert not re.search(r'class="[^"]*\bdesk-', text)
