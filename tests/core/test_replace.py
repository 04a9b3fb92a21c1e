"""Find and replace over the whole blog: headlines, bodies, embed text, drafts too."""

from __future__ import annotations

from datetime import UTC, date, datetime

from desk.core.blocks import embed_blocks
from desk.core.embeds.model import parse_embed_block
from desk.core.model import Blog, Entry
from desk.core.replace import blog_hits, entry_hits, replace_in_blog

QUOTE = (
    "```embed\ntype: x\nurl: https://x.com/leila/status/1865432109876543210\n"
    'author: Leila Aydın\ntext: "Leila said: we will stay"\n```'
)


def stamp(hour: int, minute: int) -> datetime:
    return datetime(2025, 3, 14, hour, minute, tzinfo=UTC)


def make_blog() -> Blog:
    blog = Blog("Harbour storm", date(2025, 3, 14))
    blog.add(Entry("orig", stamp(9, 0), kind="original", status="ready", body="Leila wrote."))
    blog.add(
        Entry("one", stamp(10, 0), status="ready", headline="Leila at the harbour",
              body=f"Our reporter leila is there.\n\n{QUOTE}\n\nMore from LEILA soon."),
        by_stamp=True,
    )  # fmt: skip
    blog.add(Entry("two", stamp(11, 0), status="draft", body="Nothing here."), by_stamp=True)
    blog.add(Entry("three", stamp(12, 0), body="A draft with Leila."), by_stamp=True)
    return blog


def test_hits_cover_headlines_bodies_embeds_and_drafts() -> None:
    blog = make_blog()
    hits = blog_hits(blog, "leila")
    assert [(h.entry_id, h.where) for h in hits] == [
        ("three", "body"),
        ("one", "headline"),
        ("one", "body"),
        ("one", "embed"),
        ("one", "embed"),
        ("one", "body"),
        ("orig", "body"),
    ]
    assert hits[3].key == "author" and hits[4].key == "text"
    assert hits[0].context == "A draft with [Leila]."
    assert blog_hits(blog, "leila", case=True) == [hits[2]]
    assert blog_hits(blog, "") == []
    # The embed's YAML keys are no text of the blog's: "author" is found only in words.
    assert [h.where for h in entry_hits(blog.entries["one"], "author")] == []


def test_replace_all_changes_every_field_and_keeps_embeds_valid() -> None:
    blog = make_blog()
    hits = blog_hits(blog, "leila")
    changes = replace_in_blog(blog, hits, "leila", "Leyla: the reporter")
    assert set(changes) == {"three", "one", "orig"}
    one = changes["one"]
    assert one["headline"] == "Leyla: the reporter at the harbour"
    assert one["body"].startswith("Our reporter Leyla: the reporter is there.")
    assert one["body"].endswith("More from Leyla: the reporter soon.")
    embed = parse_embed_block(embed_blocks(one["body"])[0])
    assert embed.text == "Leyla: the reporter said: we will stay"
    assert embed.author == "Leyla: the reporter Aydın"
    assert changes["three"] == {"body": "A draft with Leyla: the reporter."}
    assert blog.entries["three"].body == "A draft with Leila."  # nothing applied yet


def test_replace_one_hit_leaves_the_others() -> None:
    blog = make_blog()
    hits = blog_hits(blog, "leila")
    changes = replace_in_blog(blog, [hits[3]], "leila", "Leyla")
    body = changes["one"]["body"]
    embed = parse_embed_block(embed_blocks(body)[0])
    assert embed.author == "Leyla Aydın" and embed.text == "Leila said: we will stay"
    assert "reporter leila" in body and "LEILA soon" in body
    assert list(changes) == ["one"] and list(changes["one"]) == ["body"]
