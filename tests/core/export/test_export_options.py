"""Each export option changes the output as stated; structured data; checks."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from desk.core.export.assemble import export_blog, mark_published
from desk.core.export.options import ExportOptions
from desk.core.model import Blog, Entry
from tests.expected_files import assert_matches_expected
from tests.helpers import at, small_blog
from tests.nu import nu_errors


def options_blog() -> Blog:
    blog = small_blog()
    blog.url = "https://news.example/live/storm-maren"
    blog.ended = datetime(2025, 3, 15, 1, 30, tzinfo=UTC)
    blog.entries["k7f3c2a"].key = True
    blog.entries["b2c9d01"].key = True
    blog.entries["b2c9d01"].headline = "Storm floods Port Elvan"
    return blog


def test_oldest_first_reverses_the_timeline_with_the_original_first() -> None:
    result = export_blog(small_blog(), ExportOptions(format="html", order="oldest"))
    assert [e.id for e in result.entries] == ["b2c9d01", "k7f3c2a", "m1dn1te"]
    assert_matches_expected(result.text, "export/oldest.html")


@pytest.mark.parametrize("order", ["newest", "oldest"])
def test_the_pinned_update_comes_first_in_either_order(order: str) -> None:
    blog = small_blog()
    blog.entries["k7f3c2a"].pinned = True
    result = export_blog(blog, ExportOptions(order=order))
    assert result.entries[0].id == "k7f3c2a"
    assert 'class="desk-entry desk-pinned" id="entry-k7f3c2a"' in result.text


def test_the_original_entry_cannot_lead_by_pinning() -> None:
    blog = small_blog()
    blog.entries["b2c9d01"].pinned = True
    assert export_blog(blog, ExportOptions()).entries[-1].id == "b2c9d01"


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_key_events_list_permalinks_and_ended_line(fmt: str) -> None:
    result = export_blog(options_blog(), ExportOptions(format=fmt))
    suffix = "html" if fmt == "html" else "md"
    assert_matches_expected(result.text, f"export/key-events.{suffix}")
    assert "Key events" in result.text
    assert "Coverage ended at 0130 GMT, 15 March 2025." in result.text


def test_key_events_can_be_switched_off() -> None:
    result = export_blog(options_blog(), ExportOptions(key_events=False))
    assert "Key events" not in result.text


def test_labels_link_to_the_published_page_when_the_url_is_set() -> None:
    text = export_blog(options_blog(), ExportOptions()).text
    assert (
        '<strong><a href="https://news.example/live/storm-maren#entry-k7f3c2a">'
        '<time datetime="2025-03-14T21:41:00Z">UPDATE 2141 GMT:</time></a></strong>'
    ) in text


def test_anchor_ids_survive_a_reorder_and_a_second_export() -> None:
    blog = small_blog()
    first = re.findall(r'id="(entry-[a-z0-9-]+)"', export_blog(blog, ExportOptions()).text)
    blog.order.reverse()
    blog.sort_by_stamp()
    blog.order.insert(0, blog.order.pop(1))
    second = re.findall(r'id="(entry-[a-z0-9-]+)"', export_blog(blog, ExportOptions()).text)
    assert sorted(first) == sorted(second) == ["entry-b2c9d01", "entry-k7f3c2a", "entry-m1dn1te"]
    md = export_blog(blog, ExportOptions(format="md")).text
    assert sorted(re.findall(r"desk:entry id=([a-z0-9-]+)", md)) == [
        "b2c9d01",
        "k7f3c2a",
        "m1dn1te",
    ]


def _jsonld(text: str) -> dict[str, object]:
    match = re.search(r'<script type="application/ld\+json">\n(.*?)\n</script>', text, re.S)
    assert match, "no JSON-LD"
    data: dict[str, object] = json.loads(match.group(1))
    return data


def test_the_page_carries_live_blog_posting_structured_data(tmp_path: Path) -> None:
    blog = options_blog()
    blog.entries["m1dn1te"].author = "Jane Doe"
    blog.entries["m1dn1te"].body = "Tide has turned. " + "Very long sentence " * 12 + "end."
    page = export_blog(blog, ExportOptions(format="page")).text
    data = _jsonld(page)
    assert data["@type"] == "LiveBlogPosting"
    assert data["headline"] == "Storm Maren: live"
    assert data["description"] == "Drone image of the flooded quay at Port Elvan"
    assert data["url"] == blog.url
    assert data["coverageStartTime"] == data["datePublished"] == "2025-03-14T09:00:00Z"
    assert data["coverageEndTime"] == "2025-03-15T01:30:00Z"
    assert data["dateModified"] == "2025-03-15T00:15:00Z"
    updates = data["liveBlogUpdate"]
    assert isinstance(updates, list) and len(updates) == 3
    newest, ferry, original = updates
    assert newest["headline"] == "Tide has turned."
    assert newest["author"] == {"@type": "Person", "name": "Jane Doe"}
    assert newest["url"] == blog.url + "#entry-m1dn1te"
    assert ferry["headline"] == "Ferry terminal reopens"
    assert ferry["articleBody"].startswith("The Harbour Authority has reopened")
    assert ferry["datePublished"] == "2025-03-14T21:41:00Z"
    assert "author" not in ferry
    assert original["headline"] == "Storm floods Port Elvan"
    (tmp_path / "page.html").write_text(page)
    assert nu_errors(tmp_path / "page.html") == ""


def test_a_headline_from_the_first_sentence_is_cut_to_110_characters() -> None:
    blog = small_blog()
    blog.entries["m1dn1te"].body = "word " * 60
    updates = _jsonld(export_blog(blog, ExportOptions(format="page")).text)["liveBlogUpdate"]
    assert isinstance(updates, list)
    assert len(updates[0]["headline"]) <= 110 and updates[0]["headline"].endswith("…")


def test_jsonld_is_added_to_the_fragment_on_request() -> None:
    assert "ld+json" not in export_blog(small_blog(), ExportOptions()).text
    data = _jsonld(export_blog(small_blog(), ExportOptions(jsonld=True)).text)
    assert "url" not in data  # the blog has no address yet
    assert isinstance(data["liveBlogUpdate"], list)


def test_script_closing_text_cannot_escape_the_jsonld() -> None:
    blog = small_blog()
    blog.title = "</script><script>alert(1)</script>"
    page = export_blog(blog, ExportOptions(format="page")).text
    assert "</script><script>alert(1)" not in page


def test_saved_choices_are_defaults_that_overrides_beat() -> None:
    blog = small_blog()
    blog.export = {"format": "md", "entries": "all", "order": "oldest", "key_events": False}
    options = ExportOptions.for_blog(blog)
    assert (options.format, options.include_drafts, options.order, options.key_events) == (
        "md",
        True,
        "oldest",
        False,
    )
    options = ExportOptions.for_blog(blog, format="html", order="newest", include_drafts=None)
    assert (options.format, options.include_drafts, options.order) == ("html", True, "newest")
    assert ExportOptions.for_blog(blog, **options.choices()).choices() == options.choices()


# Checks before export


def _warnings(blog: Blog, **options: object) -> list[str]:
    return export_blog(blog, ExportOptions(**options)).warnings  # type: ignore[arg-type]


def test_check_drafts_left_out() -> None:
    assert _warnings(small_blog()) == ["1 draft left out"]
    assert _warnings(small_blog(), include_drafts=True) == []


def test_check_out_of_order() -> None:
    blog = small_blog()
    blog.order = ["n0d2aft", "k7f3c2a", "m1dn1te", "b2c9d01"]
    assert _warnings(blog, include_drafts=True) == [
        "UPDATE 0015 GMT, 15 March (m1dn1te): out of order, newer than UPDATE 2141 GMT (k7f3c2a) above it"
    ]
    blog.entries["m1dn1te"].pinned = True
    assert _warnings(blog, include_drafts=True) == []


def test_check_empty_entry() -> None:
    blog = small_blog()
    blog.entries["k7f3c2a"].body = "  \n"
    assert "UPDATE 2141 GMT (k7f3c2a): the entry is empty" in _warnings(blog)


def test_mark_published_records_time_and_hash_and_notices_edits() -> None:
    blog = small_blog()
    entry = blog.entries["k7f3c2a"]
    assert not entry.changed_since_published
    mark_published(blog, [entry], datetime(2025, 3, 14, 21, 50, 33, tzinfo=UTC))
    assert entry.published == datetime(2025, 3, 14, 21, 50, tzinfo=UTC)
    assert not entry.changed_since_published
    entry.body += " More."
    assert entry.changed_since_published
    entry.status = "draft"
    mark_published(blog, [entry], datetime(2025, 3, 14, 22, 0, tzinfo=UTC))
    assert not entry.changed_since_published


def test_an_update_added_late_is_listed_by_its_first_sentence() -> None:
    blog = small_blog()
    blog.add(Entry("kev", at(23, 0), status="ready", key=True, body="Sea wall holds. More later."))
    text = export_blog(blog, ExportOptions(format="md")).text
    assert "- [UPDATE 2300 GMT: Sea wall holds.](#entry-kev)" in text


@pytest.mark.parametrize("fmt", ["html", "page", "md"])
def test_on_the_sample_blog_only_drafts_left_out_fires(fmt: str, tmp_path: Path) -> None:
    from desk.core.sample import ensure_sample
    from desk.core.storage.store import BlogStore

    _, sample = BlogStore.open(ensure_sample(tmp_path))
    result = export_blog(sample, ExportOptions.for_blog(sample, format=fmt))
    assert result.warnings == ["1 draft left out"]


def test_each_embed_check_fires_on_a_blog_made_to_trigger_it() -> None:
    from desk.core.embeds import Embed, embed_block

    blog = small_blog()
    bad = [
        Embed(type="image", src="https://example.org/a.jpg"),  # no alt text, no credit
        Embed(type="image", src="media/map.png", alt="Map", credit="NWO"),  # to upload
        Embed(type="x", text="No address", author="A", handle="a"),  # a post with no URL
        Embed(type="telegram", url="https://t.me/harbourauthority/4521"),  # full style
        Embed(type="instagram", url="https://www.instagram.com/p/DHx4AbCdEfG/"),
    ]
    blog.entries["k7f3c2a"].body = "\n\n".join(embed_block(e) for e in bad)
    warnings = " | ".join(export_blog(blog, ExportOptions(format="html")).warnings)
    for expected in ("alt", "credit", "must be uploaded", "no URL", "Telegram post in full style",
                     "Instagram post in full style"):  # fmt: skip
        assert expected in warnings, expected
