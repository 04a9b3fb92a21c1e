"""The Markdown export round-trips every blog field and every embed kind and style:
title, date, header, labels, url, ended, order, placeholders, the key and pinned marks,
every platform's post in every style, images and link cards, and text holding `&` and the
other characters that Markdown or HTML would escape."""

from __future__ import annotations

import string
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desk.core.embeds import Embed, embed_block
from desk.core.export.assemble import export_blog
from desk.core.export.options import ExportOptions
from desk.core.importers.importing import parse_import
from desk.core.importers.options import ImportOptions
from desk.core.model import Blog, Entry, Labels
from tests.core.importers.test_import_roundtrip import SETTINGS, names, paragraph

DAY = date(2025, 3, 14)
STYLES = ("plain", "url", "full")
PLATFORMS = ("x", "telegram", "bluesky", "youtube", "instagram")

word = st.text(string.ascii_letters, min_size=1, max_size=8)
handle = st.text(string.ascii_letters + string.digits + "_", min_size=1, max_size=15)
# What Markdown and HTML would escape, among ordinary words.
tricky = st.sampled_from(
    ["--", "-->", "&", "&amp;", "<b>", "a<b", "*", "_x_", "[y]", "#", "\\", "`", "'", '"']
)
text_word = st.one_of(word, word, word, tricky)
texts = st.lists(text_word, min_size=1, max_size=8).map(" ".join)
lines = st.lists(texts, min_size=1, max_size=3).map("\n\n".join)


def post_url(platform: str, who: str, number: int) -> str:
    return {
        "x": f"https://x.com/{who}/status/{number}",
        "telegram": f"https://t.me/{who.lower()}_news/{number}",
        "bluesky": f"https://bsky.app/profile/{who.lower()}.bsky.social/post/3k{number}",
        "youtube": f"https://www.youtube.com/watch?v={(who * 11)[:11]}",
        "instagram": f"https://www.instagram.com/p/C{who}{number}/",
    }[platform]


@st.composite
def any_embed(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from([*PLATFORMS, "post-no-url", "image", "link"]))
    when = (DAY + timedelta(days=draw(st.integers(-3, 3)))).isoformat()
    if kind == "image":
        return embed_block(
            Embed(
                type="image",
                src=f"https://example.com/img/{draw(word)}.jpg",
                alt=draw(texts),
                caption=draw(texts),
                credit=draw(names),
            )
        )
    if kind == "link":
        url = f"https://example.com/{draw(word)}"
        return embed_block(Embed(type="link", url=url, title=draw(texts)))
    who = draw(handle)
    platform = "x" if kind == "post-no-url" else kind
    url = "" if kind == "post-no-url" else post_url(platform, who, draw(st.integers(1, 10**9)))
    embed = Embed(type=platform, url=url, author=draw(names), handle=who, date=when,
                  text=draw(lines))  # fmt: skip
    return embed_block(embed)


@st.composite
def body(draw: st.DrawFn) -> str:
    blocks = draw(st.lists(st.one_of(paragraph(), any_embed(), texts.map(
        lambda t: t.replace("#", "x").replace("\\", "x").replace("`", "x")
        .replace("*", "x").replace("_", "x").replace("[", "x").replace("<", "x"))),
        max_size=4))  # fmt: skip
    return "\n\n".join(blocks)


plain_texts = texts.map(lambda t: " ".join(t.split()))


@st.composite
def blogs(draw: st.DrawFn) -> Blog:
    blog = Blog(
        title=draw(plain_texts),
        date=DAY,
        header=draw(st.one_of(st.just(""), any_embed(), paragraph())),
        url=draw(st.sampled_from(["", "https://news.example/live/storm-maren"])),
        ended=draw(st.sampled_from([None, datetime(2025, 3, 15, 1, 30, tzinfo=UTC)])),
    )
    if draw(st.booleans()):
        blog.labels = Labels(update="Update {HH}:{MM} GMT", pinned="PINNED {HH}{MM}")
    if draw(st.booleans()):
        blog.placeholders = ["FIXME", "[photo]"]
    count = draw(st.integers(1, 5))
    ids = draw(st.lists(st.from_regex(r"[a-z][a-z0-9]{2,6}", fullmatch=True),
                        min_size=count, max_size=count, unique=True))  # fmt: skip
    with_original = draw(st.booleans())
    for index, entry_id in enumerate(ids):
        original = with_original and index == count - 1
        entry = Entry(
            id=entry_id,
            stamp=datetime(2025, 3, 14, 9, 0, tzinfo=UTC)
            + timedelta(minutes=draw(st.integers(0, 20 * 60))),
            kind="original" if original else "update",
            status=draw(st.sampled_from(["draft", "ready"])),
            author=draw(st.one_of(st.just(""), plain_texts)),
            headline=draw(st.one_of(st.just(""), plain_texts)),
            body=draw(body()),
            key=draw(st.booleans()),
            pinned=not original and draw(st.booleans()),
        )
        blog.entries[entry_id] = entry
        blog.order.append(entry_id)
    pinned = [i for i in blog.order if blog.entries[i].pinned]
    for other in pinned[1:]:
        blog.entries[other].pinned = False  # one pinned update, as the window keeps it
    return blog


ENTRY_FIELDS = ("id", "stamp", "kind", "status", "author", "headline", "body", "key", "pinned")


def assert_same_blog(back: Blog, blog: Blog) -> None:
    assert back.title == blog.title
    assert back.date == blog.date
    assert back.header == blog.header
    assert back.url == blog.url
    assert back.ended == blog.ended
    assert back.labels.all_formats() == blog.labels.all_formats()
    assert back.placeholders == blog.placeholders
    assert back.order == blog.order
    for entry in blog.timeline():
        got = back.entries[entry.id]
        for name in ENTRY_FIELDS:
            assert getattr(got, name) == getattr(entry, name), (entry.id, name)


@SETTINGS
@given(blogs(), st.sampled_from(STYLES), st.sampled_from(["newest", "oldest"]))
def test_the_markdown_export_round_trips_every_field_kind_and_style(
    blog: Blog, style: str, order: str
) -> None:
    text = export_blog(
        blog, ExportOptions(format="md", include_drafts=True, embeds=style, order=order)
    ).text
    assert_same_blog(parse_import(text, ImportOptions(format="md")), blog)


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("platform", PLATFORMS)
def test_each_platforms_post_comes_back_as_its_embed(platform: str, style: str) -> None:
    post = embed_block(Embed(type=platform, url=post_url(platform, "port", 812),
                             author="Harbour & Co", handle="port", date="2025-03-14",
                             text="Pumps & <sandbags> *now*"))  # fmt: skip
    blog = Blog(title="Storm & tide <live>", date=DAY)
    blog.add(Entry("upd1", datetime(2025, 3, 14, 12, 0, tzinfo=UTC), status="ready",
                   body=f"Text & more.\n\n{post}"))  # fmt: skip
    text = export_blog(blog, ExportOptions(format="md", embeds=style)).text
    back = parse_import(text, ImportOptions(format="md"))
    assert back.entries["upd1"].body == blog.entries["upd1"].body
    assert back.title == "Storm & tide <live>"
    assert "&amp;" not in back.entries["upd1"].body


def test_a_post_edited_in_the_export_is_read_as_it_is() -> None:
    post = embed_block(Embed(type="x", url="https://x.com/port/status/1", author="Port",
                             handle="port", date="2025-03-14", text="High tide at 2215."))  # fmt: skip
    blog = Blog(title="Storm", date=DAY)
    blog.add(Entry("upd1", datetime(2025, 3, 14, 12, 0, tzinfo=UTC), status="ready", body=post))
    text = export_blog(blog, ExportOptions(format="md", embeds="url")).text
    visible = "\nhttps://x.com/port/status/1\n"
    assert visible in text
    edited = text.replace(visible, "\nhttps://x.com/port/status/2\n")
    body = parse_import(edited, ImportOptions(format="md")).entries["upd1"].body
    assert body == "https://x.com/port/status/2"  # the reader's edit, not the old post
