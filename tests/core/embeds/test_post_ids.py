"""A post's date from its id: X snowflakes and Bluesky TIDs, with real-shaped ids, and
what carries no date (other platforms, counters, keys that are no TID)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from desk.core.embeds import date_from_post_id, embed_from_url, parse_embed_code
from desk.core.embeds.ids import snowflake_moment, tid_moment


@pytest.mark.parametrize(
    ("post_id", "day"),
    [
        ("1865432109876543210", "2024-12-07"),  # the id of the afternoon's wrong 2010-11-09
        ("1900712345678901234", "2025-03-15"),
        ("1872612345678901234", "2024-12-27"),
        ("1585841080431321088", "2022-10-28"),
        ("20000000000000000", "2010-12-29"),
    ],
)
def test_x_status_ids_are_snowflakes(post_id: str, day: str) -> None:
    assert date_from_post_id("x", post_id) == day


def test_a_snowflake_is_read_to_the_millisecond_in_utc() -> None:
    # (ms since 2010-11-04T01:42:54.657Z) << 22: 0 ms is the epoch itself.
    assert snowflake_moment(str(1 << 60)) == datetime.fromtimestamp(
        ((1 << 60 >> 22) + 1288834974657) / 1000, UTC
    )
    moment = snowflake_moment("1865432109876543210")
    assert moment is not None and moment.tzinfo is UTC
    assert moment.isoformat(timespec="milliseconds") == "2024-12-07T16:24:07.704+00:00"


@pytest.mark.parametrize(
    "post_id",
    ["20", "29700859247", "186543210987", "", "１８６５４３２１０９８７６５４３２１０", "-1865432109876543210",
     str(2**64)],
)  # fmt: skip
def test_ids_that_are_no_snowflake_give_no_date(post_id: str) -> None:
    assert date_from_post_id("x", post_id) == ""


@pytest.mark.parametrize(
    ("rkey", "day"),
    [
        ("3l25zusnsfctk", "2024-08-20"),  # atcute's example: 1724171495793000 µs, clock 816
        ("3jzfcijpj2z2a", "2023-06-30"),  # the atproto spec's example TID
        ("3lkq2xw7abc2k", "2025-03-19"),
    ],
)
def test_bluesky_record_keys_are_tids(rkey: str, day: str) -> None:
    assert date_from_post_id("bluesky", rkey) == day


def test_a_tid_is_read_to_the_microsecond() -> None:
    assert tid_moment("3l25zusnsfctk") == datetime.fromtimestamp(1724171495.793, UTC)


@pytest.mark.parametrize(
    "rkey",
    ["2222222222222", "3abc", "self", "3l25zusnsfctkk", "3L25ZUSNSFCTK", "kl25zusnsfctk",
     "3l25zusns1ctk"],
)  # fmt: skip
def test_keys_that_are_no_tid_give_no_date(rkey: str) -> None:
    assert date_from_post_id("bluesky", rkey) == ""


@pytest.mark.parametrize("platform", ["telegram", "youtube", "instagram", "image", "link"])
def test_other_platforms_ids_carry_no_date(platform: str) -> None:
    assert date_from_post_id(platform, "1865432109876543210") == ""


def test_a_date_after_today_is_an_id_typed_wrong() -> None:
    assert date_from_post_id("x", "1865432109876543210", today=date(2024, 12, 7)) == "2024-12-07"
    assert date_from_post_id("x", "1865432109876543210", today=date(2024, 12, 6)) == ""


def test_an_address_gives_its_posts_date() -> None:
    x = embed_from_url("https://x.com/PortRotterdam/status/1865432109876543210?s=20")
    assert x is not None and x.date == "2024-12-07"
    sky = embed_from_url("https://bsky.app/profile/coastalherald.bsky.social/post/3l25zusnsfctk")
    assert sky is not None and sky.date == "2024-08-20"
    telegram = embed_from_url("https://t.me/harbourwatch/1912")
    assert telegram is not None and telegram.date == ""


def test_embed_code_without_a_date_takes_the_ids() -> None:
    code = (
        '<blockquote class="bluesky-embed"><p lang="en">Pumps on every street.</p>&mdash; '
        'Coastal Herald (<a href="https://bsky.app/profile/coastalherald.bsky.social">'
        "@coastalherald.bsky.social</a>) "
        '<a href="https://bsky.app/profile/coastalherald.bsky.social/post/3l25zusnsfctk">'
        "link</a></blockquote>"
    )
    embed = parse_embed_code(code)
    assert embed is not None and embed.date == "2024-08-20"
