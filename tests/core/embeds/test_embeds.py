"""Embeds: post addresses, platforms' embed code, the embed block, and every rendering."""

from __future__ import annotations

import time
from datetime import date, datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desk.core.embeds import (
    LINK_LABEL,
    Embed,
    PostRef,
    embed_block,
    embed_from_url,
    embed_warnings,
    iso_date,
    long_date,
    parse_embed_block,
    parse_embed_code,
    parse_post_url,
    render_embed_html,
    render_embed_markdown,
)
from desk.core.errors import DeskError
from tests.expected_files import assert_matches_expected
from tests.nu import nu_errors

DATA = Path(__file__).resolve().parents[2] / "data" / "embeds"
EXAMPLES = ("x", "telegram", "bluesky", "youtube", "instagram")


def example(name: str) -> str:
    return (DATA / f"{name}.html").read_text(encoding="utf-8")


def inner(block: str) -> str:
    """The YAML between an embed block's fences."""
    first, rest = block.split("\n", 1)
    assert first == "```embed"
    assert rest.endswith("\n```")
    return rest[: -len("```")]


# ---------------------------------------------------------------- post addresses

X_ID = "1900712345678901234"
X_URL = f"https://x.com/NorthWeatherOff/status/{X_ID}"


@pytest.mark.parametrize(
    "url",
    [
        X_URL,
        f"https://twitter.com/NorthWeatherOff/status/{X_ID}",
        f"https://mobile.twitter.com/NorthWeatherOff/status/{X_ID}",
        f"https://www.x.com/NorthWeatherOff/status/{X_ID}/",
        f"http://twitter.com/NorthWeatherOff/status/{X_ID}?s=20&t=AbCdEf",
        f"https://twitter.com/NorthWeatherOff/status/{X_ID}?ref_src=twsrc%5Etfw",
        f"https://x.com/NorthWeatherOff/status/{X_ID}/photo/1",
        f"https://m.twitter.com/NorthWeatherOff/statuses/{X_ID}#frag",
        f"x.com/NorthWeatherOff/status/{X_ID}",
        f"  {X_URL}?utm_source=share&utm_medium=web  ",
    ],
)
def test_x_addresses(url: str) -> None:
    assert parse_post_url(url) == PostRef("x", "NorthWeatherOff", X_ID, X_URL)


def test_x_web_status_address_has_no_handle() -> None:
    ref = parse_post_url(f"https://twitter.com/i/web/status/{X_ID}")
    assert ref == PostRef("x", "", X_ID, f"https://x.com/i/status/{X_ID}")


@pytest.mark.parametrize(
    "url",
    [
        "https://t.me/harbourauthority/4521",
        "http://t.me/harbourauthority/4521/",
        "https://t.me/s/harbourauthority/4521",
        "https://www.t.me/harbourauthority/4521?single",
        "https://telegram.me/harbourauthority/4521?utm_source=x",
    ],
)
def test_telegram_addresses(url: str) -> None:
    assert parse_post_url(url) == PostRef(
        "telegram", "harbourauthority", "4521", "https://t.me/harbourauthority/4521"
    )


BSKY_DID = "did:plc:q4kd7x2mzw5rtp3nbc6vle9a"


@pytest.mark.parametrize(
    ("url", "handle"),
    [
        ("https://bsky.app/profile/coastalherald.bsky.social/post/3lkq2xw7abc2k", None),
        ("https://www.bsky.app/profile/CoastalHerald.bsky.social/post/3lkq2xw7abc2k/", None),
        (
            "http://bsky.app/profile/coastalherald.bsky.social/post/3lkq2xw7abc2k?ref_src=embed",
            None,
        ),
        (f"https://bsky.app/profile/{BSKY_DID}/post/3lkq2xw7abc2k?ref_src=embed", BSKY_DID),
    ],
)
def test_bluesky_addresses(url: str, handle: str | None) -> None:
    handle = handle or "coastalherald.bsky.social"
    assert parse_post_url(url) == PostRef(
        "bluesky", handle, "3lkq2xw7abc2k", f"https://bsky.app/profile/{handle}/post/3lkq2xw7abc2k"
    )


YT = "Xk3v9Qp2LmA"
YT_URL = f"https://www.youtube.com/watch?v={YT}"


@pytest.mark.parametrize(
    "url",
    [
        YT_URL,
        f"https://youtube.com/watch?v={YT}&feature=shared",
        f"https://m.youtube.com/watch?v={YT}&si=Ab12Cd34",
        f"https://youtu.be/{YT}",
        f"https://youtu.be/{YT}?si=Ab12Cd34Ef56Gh78",
        f"https://www.youtube.com/shorts/{YT}",
        f"https://youtube.com/shorts/{YT}/?feature=share",
        f"https://www.youtube.com/live/{YT}?si=x",
        f"https://www.youtube.com/embed/{YT}?si=Ab12Cd34Ef56Gh78",
        f"https://www.youtube-nocookie.com/embed/{YT}",
        f"http://www.youtube.com/watch?app=desktop&v={YT}&utm_source=x",
    ],
)
def test_youtube_addresses(url: str) -> None:
    assert parse_post_url(url) == PostRef("youtube", "", YT, YT_URL)


@pytest.mark.parametrize(
    ("url", "start"),
    [
        (f"https://youtu.be/{YT}?t=42", 42),
        (f"https://www.youtube.com/watch?v={YT}&t=1m30s&si=abc", 90),
        (f"https://www.youtube.com/watch?v={YT}&t=90s", 90),
        (f"https://www.youtube.com/embed/{YT}?start=15", 15),
        (f"https://www.youtube.com/watch?v={YT}#t=1h", 3600),
    ],
)
def test_youtube_keeps_the_start_time(url: str, start: int) -> None:
    ref = parse_post_url(url)
    assert ref is not None
    assert ref.start == start
    assert ref.url == f"{YT_URL}&t={start}"


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        ("https://www.instagram.com/p/DHx4AbCdEfG/", "https://www.instagram.com/p/DHx4AbCdEfG/"),
        (
            "https://www.instagram.com/p/DHx4AbCdEfG/?utm_source=ig_embed&utm_campaign=loading",
            "https://www.instagram.com/p/DHx4AbCdEfG/",
        ),
        ("http://instagram.com/p/DHx4AbCdEfG", "https://www.instagram.com/p/DHx4AbCdEfG/"),
        (
            "https://www.instagram.com/reel/DHx4AbCdEfG/?igsh=MWQ1ZGUxMzBkMA==",
            "https://www.instagram.com/reel/DHx4AbCdEfG/",
        ),
        (
            "https://m.instagram.com/reels/DHx4AbCdEfG",
            "https://www.instagram.com/reel/DHx4AbCdEfG/",
        ),
        ("https://www.instagram.com/tv/DHx4AbCdEfG/", "https://www.instagram.com/tv/DHx4AbCdEfG/"),
    ],
)
def test_instagram_addresses(url: str, canonical: str) -> None:
    assert parse_post_url(url) == PostRef("instagram", "", "DHx4AbCdEfG", canonical)


def test_instagram_address_with_the_account() -> None:
    ref = parse_post_url("https://www.instagram.com/coastalrescue/p/DHx4AbCdEfG/?img_index=1")
    assert ref == PostRef(
        "instagram", "coastalrescue", "DHx4AbCdEfG", "https://www.instagram.com/p/DHx4AbCdEfG/"
    )


@pytest.mark.parametrize(
    "url",
    [
        "",
        "not a url",
        "https://example.com/NorthWeatherOff/status/1",
        "https://x.com/NorthWeatherOff",
        "https://x.com/home/status/123",
        "https://x.com/NorthWeatherOff/status/abc",
        "https://x.com.evil.example/NorthWeatherOff/status/1",
        "https://x.com@evil.example/NorthWeatherOff/status/1",
        "https://x.com:8443/NorthWeatherOff/status/1",
        "javascript:alert(1)//x.com/a/status/1",
        "ftp://x.com/NorthWeatherOff/status/1",
        "https://t.me/harbourauthority",
        "https://t.me/c/123456/7",
        "https://t.me/joinchat/abc",
        "https://bsky.app/profile/coastalherald.bsky.social",
        "https://www.youtube.com/watch?v=short",
        "https://www.youtube.com/@CoastalHerald",
        "https://youtu.be/",
        "https://www.instagram.com/coastalrescue/",
        "https://www.instagram.com/explore/tags/storm/",
        "https://x.com/a/status/" + "1" * 5000,
    ],
)
def test_not_post_addresses(url: str) -> None:
    assert parse_post_url(url) is None


def test_embed_from_url_fills_what_the_address_holds() -> None:
    embed = embed_from_url(f"https://twitter.com/NorthWeatherOff/status/{X_ID}?s=20")
    # An X post id holds its time (UTC): this invented id says 00:55 on March 15.
    assert embed == Embed(type="x", url=X_URL, handle="NorthWeatherOff", date="2025-03-15")
    assert embed_from_url("https://example.com/") is None


# ---------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("March 14, 2025", "2025-03-14"),
        ("March 14, 2025 at 5:40 PM", "2025-03-14"),
        ("Mar 4, 2025", "2025-03-04"),
        ("14 March 2025", "2025-03-14"),
        ("2025-03-14T17:40:00+00:00", "2025-03-14"),
        ("Sept 1, 2024", "2024-09-01"),
        ("February 30, 2025", None),
        ("yesterday", None),
    ],
)
def test_dates_as_platforms_write_them(text: str, iso: str | None) -> None:
    assert iso_date(text) == iso


def test_long_dates_have_no_leading_zero() -> None:
    assert long_date("2025-03-04") == "March 4, 2025"
    assert long_date("2025-12-14") == "December 14, 2025"
    assert long_date("last week") == "last week"


# ---------------------------------------------------------------- the embed block

DESIGN_BLOCK = """\
```embed
type: x
url: https://x.com/NorthWeatherOff/status/1900712345678901234
author: Northern Weather Office
handle: NorthWeatherOff
date: 2025-03-14
text: |
  Stay away from the sea front tonight. The high tide at 2215 GMT is the most
  dangerous moment of this storm.
```"""


def test_the_design_example_block() -> None:
    embed = parse_embed_block(inner(DESIGN_BLOCK))
    assert embed == Embed(
        type="x",
        url=X_URL,
        author="Northern Weather Office",
        handle="NorthWeatherOff",
        date="2025-03-14",
        text="Stay away from the sea front tonight. The high tide at 2215 GMT is the most\n"
        "dangerous moment of this storm.\n",
    )
    assert embed_block(embed) == DESIGN_BLOCK


def test_the_block_is_written_in_a_fixed_order_and_keeps_unknown_keys() -> None:
    embed = parse_embed_block(
        "zeta: [1, 2]\ncredit: AP\ntext: x\ntype: image\nsrc: media/quay.jpg\nalt: Quay\n"
        "caption: Boats\nalpha: kept\n"
    )
    assert embed.extra == {"zeta": [1, 2], "alpha": "kept"}
    assert embed_block(embed) == (
        "```embed\ntype: image\ntext: x\nsrc: media/quay.jpg\nalt: Quay\ncaption: Boats\n"
        "credit: AP\nzeta:\n- 1\n- 2\nalpha: kept\n```"
    )
    assert parse_embed_block(inner(embed_block(embed))) == embed


def test_link_label_defaults_and_round_trips() -> None:
    link = parse_embed_block("type: link\nurl: https://example.org/a\ntitle: Storm day one\n")
    assert link.label == LINK_LABEL
    assert "label" not in embed_block(link)
    other = Embed(type="link", url="https://example.org/a", title="T", label="Earlier")
    assert parse_embed_block(inner(embed_block(other))) == other
    bare = Embed(type="link", url="https://example.org/a", title="T", label="")
    assert parse_embed_block(inner(embed_block(bare))) == bare


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2025-03-14", "2025-03-14"),
        ("2025-03-14 17:40:00", "2025-03-14"),
        ("'14 March'", "14 March"),
    ],
)
def test_block_dates_are_normalised(value: str, iso: str) -> None:
    assert parse_embed_block(f"type: x\ndate: {value}\n").date == iso


def test_type_is_read_leniently() -> None:
    assert parse_embed_block("type: Twitter\n").type == "x"
    assert parse_embed_block("type: YouTube\n").type == "youtube"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("url: https://x.com/a/status/1\n", "no type"),
        ("type: myspace\n", "not one of"),
        ("type: [x]\n", "not one of"),
        ("- type: x\n", "key: value"),
        ("just text", "key: value"),
        ("type: x\ntext: [a, b]\n", "'text' must be text"),
        ("type: x\nauthor: {name: A}\n", "'author' must be text"),
        ("type: x\nurl: true\n", "'url' must be text"),
        ("type: x\ntext: 'unclosed\n", "not valid YAML"),
        ("type: x\ntext: !!python/object:os.system ls\n", "tags are not allowed"),
        ("type: x\ndate: 2025-02-30\n", "not valid YAML"),
        ("type: x\n1: one\n", "names must be text"),
    ],
)
def test_bad_blocks_say_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(DeskError, match=message):
        parse_embed_block(text)


def test_a_number_is_read_as_text() -> None:
    assert parse_embed_block("type: telegram\nhandle: 1234\n").handle == "1234"


def test_oversized_block_is_refused() -> None:
    with pytest.raises(DeskError, match="too long"):
        parse_embed_block("type: x\ntext: " + "a" * 300_000)


# ---------------------------------------------------------------- embed code


def test_x_embed_code() -> None:
    assert parse_embed_code(example("x")) == Embed(
        type="x",
        url=X_URL,
        author="Northern Weather Office",
        handle="NorthWeatherOff",
        date="2025-03-14",
        lang="en",
        text="Stay away from the sea front tonight. The high tide at 2215 GMT is the most "
        "dangerous moment of this storm. Check the warning map before you travel. "
        "pic.twitter.com/Qm3kD81xZa",
    )


def test_bluesky_embed_code() -> None:
    assert parse_embed_code(example("bluesky")) == Embed(
        type="bluesky",
        url=f"https://bsky.app/profile/{BSKY_DID}/post/3lkq2xw7abc2k",
        uri=f"at://{BSKY_DID}/app.bsky.feed.post/3lkq2xw7abc2k",
        author="Coastal Herald",
        handle="coastalherald.bsky.social",
        date="2025-03-14",
        lang="en",
        text="Our reporter is on the quay at Port Elvan. Water is over the road by the fish market.",
        extra={"cid": "bafyreih4nq7xk2vz5mtd3wqp6lrc8ys9gjb4ofu2eakx7nvm5wd6tq3yli"},
    )


def test_telegram_embed_code() -> None:
    assert parse_embed_code(example("telegram")) == Embed(
        type="telegram", url="https://t.me/harbourauthority/4521", handle="harbourauthority"
    )


def test_youtube_embed_code() -> None:
    assert parse_embed_code(example("youtube")) == Embed(type="youtube", url=YT_URL)


def test_instagram_embed_code() -> None:
    assert parse_embed_code(example("instagram")) == Embed(
        type="instagram",
        url="https://www.instagram.com/p/DHx4AbCdEfG/",
        author="Coastal Rescue Service",
        handle="coastalrescue",
    )


def test_x_embed_code_with_line_breaks_entities_and_another_post() -> None:
    code = (
        '<blockquote class="twitter-tweet" data-lang="fr" data-theme="dark">'
        '<p lang="fr" dir="ltr">Alerte rouge &amp; &quot;vigilance&quot;<br><br>Restez chez vous '
        '<a href="https://twitter.com/hashtag/Maren?src=hash&amp;ref_src=twsrc%5Etfw">#Maren</a>'
        "</p>&mdash; Préfecture (Officiel) (@Prefecture_29) "
        '<a href="https://twitter.com/Prefecture_29/status/1900000000000000001?ref_src=twsrc%5Etfw">'
        "March 3, 2025</a></blockquote>\n"
        '<script async src="https://platform.twitter.com/widgets.js" charset="utf-8"></script>'
    )
    assert parse_embed_code(code) == Embed(
        type="x",
        url="https://x.com/Prefecture_29/status/1900000000000000001",
        author="Préfecture (Officiel)",
        handle="Prefecture_29",
        date="2025-03-03",
        lang="fr",
        text='Alerte rouge & "vigilance"\n\nRestez chez vous #Maren',
    )


def test_x_date_in_another_language_comes_from_the_post_id() -> None:
    code = (
        '<blockquote class="twitter-tweet"><p lang="de">Sturm</p>&mdash; Amt (@Amt) '
        f'<a href="https://twitter.com/Amt/status/{X_ID}">14. März 2025</a></blockquote>'
    )
    embed = parse_embed_code(code)
    assert embed is not None
    assert embed.date == "2025-03-15"  # from the id's time, in UTC


def test_instagram_older_code_with_caption_and_time() -> None:
    code = (
        '<blockquote class="instagram-media" data-instgrm-captioned '
        'data-instgrm-permalink="https://www.instagram.com/reel/CxYz123AbC/?utm_source=ig_embed">'
        '<div><p><a href="https://www.instagram.com/reel/CxYz123AbC/?utm_source=ig_embed">'
        "Sandbags on the quay</a></p>"
        '<p>A post shared by <a href="https://www.instagram.com/rescue/">Rescue</a> (@rescue) on '
        '<time datetime="2025-03-14T17:40:00+00:00">Mar 14, 2025 at 10:40am PDT</time></p>'
        "</div></blockquote>"
    )
    assert parse_embed_code(code) == Embed(
        type="instagram",
        url="https://www.instagram.com/reel/CxYz123AbC/",
        author="Rescue",
        handle="rescue",
        date="2025-03-14",
        text="Sandbags on the quay",
    )


def test_youtube_iframe_with_a_title_and_start() -> None:
    code = (
        '<iframe src="https://www.youtube-nocookie.com/embed/Xk3v9Qp2LmA?start=30" '
        'title="Storm Maren hits the coast" allowfullscreen></iframe>'
    )
    assert parse_embed_code(code) == Embed(
        type="youtube", url=f"{YT_URL}&t=30", title="Storm Maren hits the coast"
    )


def test_bluesky_code_without_a_link_uses_the_uri() -> None:
    code = (
        f'<blockquote class="bluesky-embed" data-bluesky-uri="at://{BSKY_DID}/app.bsky.feed.post/3abc">'
        '<p lang="en">Text</p>&mdash; Herald (@herald.example.com)</blockquote>'
    )
    embed = parse_embed_code(code)
    assert embed is not None
    assert embed.url == f"https://bsky.app/profile/{BSKY_DID}/post/3abc"
    assert (embed.author, embed.handle) == ("Herald", "herald.example.com")


@pytest.mark.parametrize(
    "code",
    [
        "",
        "just words",
        "https://x.com/NorthWeatherOff/status/1900712345678901234",
        "<p>Hello <b>world</b></p>",
        '<iframe src="https://example.com/embed/Xk3v9Qp2LmA"></iframe>',
        '<script async src="https://telegram.org/js/telegram-widget.js" '
        'data-telegram-post="not a post"></script>',
        "<blockquote>A quote</blockquote>",
    ],
)
def test_not_embed_code(code: str) -> None:
    assert parse_embed_code(code) is None


def test_embed_code_work_is_bounded() -> None:
    with pytest.raises(DeskError, match="too long"):
        parse_embed_code("<p>" + "a" * (1024 * 1024 + 1))
    deep = "<div>" * 50_000 + example("x") + "</div>" * 50_000
    started = time.monotonic()
    assert parse_embed_code(deep) is None  # too deep to be embed code; nothing built there
    assert time.monotonic() - started < 10
    # Unfinished markup that makes HTMLParser quadratic (before Python 3.13.4).
    for unit in ("<a ", "<!--/']]>", "<![CDATA[>", "<a /", "<!"):
        started = time.monotonic()
        assert parse_embed_code(example("x") + unit * (300_000 // len(unit))) is not None
        assert time.monotonic() - started < 10, unit
    many = "<b>x</b>" * 100_000 + example("telegram")
    started = time.monotonic()
    parse_embed_code(many)  # past the node limit: no error, whatever is found
    assert time.monotonic() - started < 10


# ---------------------------------------------------------------- round trips


@pytest.mark.parametrize("name", EXAMPLES)
@pytest.mark.parametrize("style", ["full", "plain"])
def test_embed_code_to_block_and_back_to_html_holds_the_same_post(name: str, style: str) -> None:
    original = parse_embed_code(example(name))
    assert original is not None
    block = embed_block(original)
    assert block.startswith("```embed\ntype: ")
    from_block = parse_embed_block(inner(block))
    assert from_block == original
    assert embed_block(from_block) == block
    html = render_embed_html(from_block, style, set())
    again = parse_embed_code(html)
    assert again is not None
    for key in ("type", "text", "author", "handle", "url"):
        assert getattr(again, key) == getattr(original, key), key
    if style == "full" and name == "bluesky":
        assert f'data-bluesky-uri="{original.uri}"' in html


# ---------------------------------------------------------------- rendering vs expected files

SAMPLES: dict[str, Embed] = {
    "youtube-described": Embed(
        type="youtube",
        url=f"https://youtu.be/{YT}?t=75",
        title="Storm Maren reaches Port Elvan",
        author="Coastal Herald",
        handle="CoastalHerald",
        date="2025-03-14",
        text="Waves break over the sea wall at high tide.",
    ),
    "telegram-described": Embed(
        type="telegram",
        url="https://t.me/harbourauthority/4521",
        author="Harbour Authority",
        handle="harbourauthority",
        date="2025-03-14",
        text="The harbour is closed to all traffic until further notice.\n"
        "Ferries to the islands are cancelled.\n\nUpdates follow.",
    ),
    "quote-no-url": Embed(
        type="x",
        author="Ilse Varga",
        handle="IlseVarga",
        date="2025-03-14",
        text="We have pumps on every street below the sea wall.",
    ),
    "image-local": Embed(
        type="image",
        src="media/quay flood.jpg",
        alt="Boats moored on a flooded quay",
        caption="The quay at Port Elvan at 1800 GMT.",
        credit="Jane Doe/Coastal Herald",
    ),
    "image-remote": Embed(
        type="image",
        src="https://images.example.org/storm/quay.jpg?w=1200&h=800",
        alt="The flooded fish market",
        caption="The fish market",
        credit="Reuters",
    ),
    "link": Embed(
        type="link",
        url="https://news.example.org/live/storm-maren-day-1",
        title="Storm Maren day one",
    ),
}


def samples() -> dict[str, Embed]:
    found: dict[str, Embed] = {}
    for name in EXAMPLES:
        embed = parse_embed_code(example(name))
        assert embed is not None
        found[name] = embed
    return {**found, **SAMPLES}


@pytest.mark.parametrize("name", [*EXAMPLES, *SAMPLES])
@pytest.mark.parametrize("style", ["full", "url", "plain", "preview"])
def test_html_matches_the_expected_file(name: str, style: str) -> None:
    html = render_embed_html(samples()[name], style, set())
    assert_matches_expected(html + "\n", f"embeds/{name}.{style}.html")


@pytest.mark.parametrize("name", [*EXAMPLES, *SAMPLES])
@pytest.mark.parametrize("style", ["plain", "url", "full"])
def test_markdown_matches_the_expected_file(name: str, style: str) -> None:
    md = render_embed_markdown(samples()[name], style)
    assert_matches_expected(md + "\n", f"embeds/{name}.{style}.md")


def test_the_x_post_as_issue_four_describes_it() -> None:
    embed = parse_embed_code(example("x"))
    assert embed is not None
    seen: set[str] = set()
    html = render_embed_html(embed, "full", seen)
    assert html.startswith('<blockquote class="twitter-tweet"><p lang="en">Stay away')
    assert (
        f'&mdash; Northern Weather Office (@NorthWeatherOff) <a href="{X_URL}">March 14, 2025</a>'
        "</blockquote>\n"
        '<script async src="https://platform.twitter.com/widgets.js" charset="utf-8"></script>'
    ) in html
    assert render_embed_html(embed, "url", set()) == f"<p>{X_URL}</p>"
    plain = render_embed_html(embed, "plain", set())
    assert "<script" not in plain and "twitter-tweet" not in plain and X_URL in plain
    preview = render_embed_html(embed, "preview", set())
    assert "<script" not in preview and "<table" in preview and "March 14, 2025" in preview
    md = render_embed_markdown(embed)
    assert md.endswith(
        f"\n>\n> — Northern Weather Office (@NorthWeatherOff) [March 14, 2025]({X_URL})"
    )
    assert render_embed_markdown(embed, "url") == X_URL


def test_each_script_once_per_export_but_telegram_with_every_post() -> None:
    seen: set[str] = set()
    posts = [parse_embed_code(example(n)) for n in EXAMPLES] * 2
    html = "\n".join(render_embed_html(p, "full", seen) for p in posts if p is not None)
    assert html.count("platform.twitter.com/widgets.js") == 1
    assert html.count("embed.bsky.app/static/embed.js") == 1
    assert html.count('src="https://www.instagram.com/embed.js"') == 1
    assert html.count("telegram-widget.js") == 2
    assert seen == {"x", "bluesky", "instagram"}
    assert "//www.instagram.com/embed.js" not in html.replace("https://www.instagram.com", "")


def test_youtube_iframe_has_a_title_and_no_obsolete_attributes() -> None:
    html = render_embed_html(samples()["youtube-described"], "full", set())
    assert f'src="https://www.youtube-nocookie.com/embed/{YT}?start=75"' in html
    assert 'title="Storm Maren reaches Port Elvan"' in html
    assert "frameborder" not in html
    assert f'<a href="{YT_URL}&amp;t=75">' in html


def test_unknown_style_is_refused() -> None:
    with pytest.raises(DeskError):
        render_embed_html(Embed(type="x"), "fancy", set())
    with pytest.raises(DeskError):
        render_embed_markdown(Embed(type="x"), "preview")


# ---------------------------------------------------------------- escaping and warnings

NASTY = '<script>alert(1)</script><img src=x onerror="alert(2)">'
TRUSTED_SCRIPTS = (
    "https://platform.twitter.com/widgets.js",
    "https://embed.bsky.app/static/embed.js",
    "https://www.instagram.com/embed.js",
    "https://telegram.org/js/telegram-widget.js?22",
)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script" and values.get("src") not in TRUSTED_SCRIPTS:
            self.found.append(f"script {values}")
        if tag == "img" and not (values.get("src") or "").startswith(("https://", "media/")):
            self.found.append(f"img {values}")
        self.found.extend(f"{tag} {k}" for k in values if k.startswith("on"))
        for key in ("href", "src"):
            if key in values and not (values[key] or "").startswith(("https://", "media/")):
                self.found.append(f"{tag} {key}={values[key]}")


def active_parts(html: str) -> list[str]:
    """Scripts, event handlers and links that Desk did not write itself."""
    parser = _Tags()
    parser.feed(html)
    return parser.found


@pytest.mark.parametrize(
    "kind", ["x", "telegram", "bluesky", "youtube", "instagram", "image", "link"]
)
@pytest.mark.parametrize("style", ["full", "url", "plain", "preview"])
def test_fields_holding_html_render_as_text(kind: str, style: str) -> None:
    urls = {
        "x": X_URL,
        "telegram": "https://t.me/harbourauthority/4521",
        "bluesky": "https://bsky.app/profile/coastalherald.bsky.social/post/3lkq2xw7abc2k",
        "youtube": YT_URL,
        "instagram": "https://www.instagram.com/p/DHx4AbCdEfG/",
        "image": "",
        "link": "https://example.org/a",
    }
    embed = Embed(
        type=kind,
        url=urls[kind],
        author=NASTY,
        handle=NASTY,
        date=NASTY,
        text=NASTY,
        title=NASTY,
        label=NASTY,
        src="https://example.org/a.jpg",
        alt=NASTY,
        caption=NASTY,
        credit=NASTY,
        lang='en" onclick="x',
    )
    html = render_embed_html(embed, style, set())
    assert active_parts(html) == []
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html or style == "url"
    md = render_embed_markdown(embed, "plain")
    assert "<script" not in md and "<img src=x" not in md


@pytest.mark.parametrize("bad", ["javascript:alert(1)", "data:text/html,<b>x</b>", "vbscript:x"])
def test_only_web_addresses_become_links(bad: str) -> None:
    for embed in (
        Embed(type="x", url=bad, text="t"),
        Embed(type="link", url=bad, title="T"),
        Embed(type="image", src=bad, alt="A", credit="C"),
    ):
        for style in ("full", "url", "plain", "preview"):
            html = render_embed_html(embed, style, set())
            assert active_parts(html) == []
            assert 'href="' + bad[:5] not in html and 'src="' + bad[:5] not in html
        md = render_embed_markdown(embed)
        assert f"]({bad[:5]}" not in md


def test_a_url_of_another_platform_warns_and_renders_as_a_plain_quote() -> None:
    embed = Embed(type="x", url=YT_URL, text="Wrong platform", author="A")
    # The URL matching no X address is what makes it a plain quote, with a warning.
    assert any("not the address of a X post" in w for w in embed_warnings(embed))
    seen: set[str] = set()
    html = render_embed_html(embed, "full", seen)
    assert "twitter-tweet" not in html and "<script" not in html and not seen
    assert "Wrong platform" in html and f'href="{YT_URL}"' in html
    preview = render_embed_html(embed, "preview", set())
    assert "not the address of a X post" in preview


def test_warnings() -> None:
    good = parse_embed_code(example("x"))
    assert good is not None
    assert embed_warnings(good) == []  # its URL is an X post's
    assert embed_warnings(Embed(type="telegram", text="t")) == [
        "Telegram post has no URL: it is shown as a plain quote"
    ]
    # An empty URL matches its platform: no warning that it is another's address.
    assert not any("not the address" in w for w in embed_warnings(Embed(type="telegram", text="t")))
    assert embed_warnings(Embed(type="x", url="javascript:alert(1)")) == [
        "X post URL 'javascript:alert(1)' is not a web address"
    ]
    assert "link URL 'javascript:alert(1)' is not a web address" in embed_warnings(
        Embed(type="link", url="javascript:alert(1)")
    )
    assert embed_warnings(Embed(type="image", src="media/a.jpg")) == [
        "image media/a.jpg must be uploaded to the CMS with the export",
        "image has no alt text",
        "image has no credit",
    ]
    assert embed_warnings(SAMPLES["image-remote"]) == []
    assert embed_warnings(Embed(type="link")) == ["link has no URL", "link has no title"]
    handle_only = Embed(
        type="bluesky", url="https://bsky.app/profile/a.bsky.social/post/3abc", text="t"
    )
    assert any("no at:// URI" in w for w in embed_warnings(handle_only))


# ---------------------------------------------------------------- the Nu checker


def test_a_page_of_every_embed_in_every_style_passes_the_nu_checker(tmp_path: Path) -> None:
    embeds = [
        *samples().values(),
        Embed(type="x", url="", text=NASTY, author=NASTY),
        Embed(type="x", url=YT_URL, text="mismatch"),
        Embed(type="link", url="javascript:alert(1)", title="bad"),
        Embed(type="image", src="https://example.org/a|b[1].jpg", alt="", credit="C"),
        Embed(type="image", src="javascript:alert(1)", alt="A"),
        Embed(type="bluesky", url="https://bsky.app/profile/a.bsky.social/post/3abc", lang="en-GB"),
    ]
    parts = []
    for style in ("full", "url", "plain"):
        seen: set[str] = set()
        parts.append(f"<h2>{style}</h2>")
        parts.extend(render_embed_html(e, style, seen) for e in embeds)
    page = tmp_path / "embeds.html"
    page.write_text(
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Embeds</title>'
        "</head><body>\n" + "\n".join(parts) + "\n</body></html>\n",
        encoding="utf-8",
    )
    assert nu_errors(page) == ""


# ---------------------------------------------------------------- fuzzing

_html_bits = st.sampled_from(
    [
        '<blockquote class="twitter-tweet">',
        '<blockquote class="bluesky-embed" data-bluesky-uri="at://did:plc:abc/app.bsky.feed.post/1">',
        '<blockquote class="instagram-media" data-instgrm-permalink="https://instagram.com/p/ABCDE/">',
        '<blockquote class="desk-post desk-telegram">',
        "</blockquote>",
        "<p>",
        "</p>",
        "<br>",
        "&mdash; ",
        "(@h)",
        "A post shared by ",
        '<a href="https://twitter.com/a/status/123">',
        '<a href="https://bsky.app/profile/a.b/post/x">',
        "</a>",
        '<script data-telegram-post="chan/12">',
        "</script>",
        '<iframe src="https://www.youtube.com/embed/Xk3v9Qp2LmA?start=9">',
        "<time datetime='2025-13-45'>",
        "<!--",
        "<![CDATA[",
        "<!",
        "&#x0;",
        "&#99999999;",
        "<cite>",
    ]
)
_fuzz_html = st.lists(st.one_of(_html_bits, st.text(max_size=20)), max_size=40).map("".join)


@pytest.mark.fuzz("embed parser")
@settings(deadline=None, max_examples=200)
@given(st.one_of(_fuzz_html, st.text(max_size=500)))
def test_embed_code_raises_nothing_but_desk_error(code: str) -> None:
    try:
        embed = parse_embed_code(code)
    except DeskError:
        return
    if embed is not None:
        render_embed_html(embed, "full", set())
        render_embed_markdown(embed)
        parse_embed_block(inner(embed_block(embed)))


_yaml_bits = st.sampled_from(
    ["type: ", "x", "image", "link", "\n", "url: ", "date: ", "2025-02-30", "2025-03-14", ": ",
     "- ", "[", "]", "{", "}", "'", '"', "|", ">", "&a ", "*a", "!!python/name:os.system", "\t",
     "text: ", "  ", "#", "%YAML 1.1\n", "---\n", "? ", "!tag ", "1e400", "null", "true"]
)  # fmt: skip
_fuzz_yaml = st.lists(st.one_of(_yaml_bits, st.text(max_size=10)), max_size=40).map("".join)


@pytest.mark.fuzz("embed parser")
@settings(deadline=None, max_examples=200)
@given(st.one_of(_fuzz_yaml, st.text(max_size=300)))
def test_embed_block_raises_nothing_but_desk_error(text: str) -> None:
    try:
        embed = parse_embed_block(text)
    except DeskError:
        return
    render_embed_html(embed, "preview", set())
    assert parse_embed_block(inner(embed_block(embed))) == embed


_field_text = st.text(st.characters(exclude_categories=["Cs"]), max_size=60)


@pytest.mark.fuzz("embed parser")
@settings(deadline=None, max_examples=200)
@given(
    kind=st.sampled_from(["x", "telegram", "bluesky", "youtube", "instagram", "image", "link"]),
    url=_field_text,
    author=_field_text,
    text=_field_text,
    when=st.one_of(st.dates().map(date.isoformat), _field_text),
    label=_field_text,
)
def test_any_embed_survives_its_block(
    kind: str, url: str, author: str, text: str, when: str, label: str
) -> None:
    embed = Embed(type=kind, url=url, author=author, text=text, date=when, label=label)
    block = embed_block(embed)
    assert parse_embed_block(inner(block)) == embed


def test_datetime_in_a_block_becomes_a_date() -> None:
    assert parse_embed_block("type: x\ndate: 2025-03-14T17:40:00Z\n").date == "2025-03-14"
    assert isinstance(datetime(2025, 3, 14), date)
