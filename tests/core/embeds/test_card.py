"""An embed as the editor's one card line, and the words of a body that readers read."""

from __future__ import annotations

import pytest

from desk.core.embeds import Embed, embed_block
from desk.core.embeds.card import card_line, read_block, reading_counts, reading_text

POST = Embed(
    "x",
    url="https://x.com/NorthWeatherOff/status/1900712345678901234",
    author="Northern Weather Office",
    handle="NorthWeatherOff",
    date="2025-03-14",
    text="Red warning extended to 18:00. Stay away from the seafront and do not drive through.",
)


@pytest.mark.parametrize(
    ("embed", "line"),
    [
        (
            POST,
            "X · Northern Weather Office (@NorthWeatherOff) · March 14, 2025 · "
            "Red warning extended to 18:00. Stay away from the seafront and do…",
        ),
        (
            Embed("telegram", url="https://t.me/a/1", text="Ferries stop."),
            "Telegram · Ferries stop.",
        ),
        (Embed("youtube", url="https://youtu.be/x", title="The quay"), "YouTube · The quay"),
        (
            Embed("image", src="media/quay.jpg", caption="The quay", credit="Photo: A"),
            "Image · The quay — Photo: A",
        ),
        (Embed("image", src="media/quay.jpg"), "Image · media/quay.jpg"),
        (
            Embed("link", url="https://e.com/day-1", title="Day one"),
            "Yesterday's Coverage: Day one",
        ),
    ],
)
def test_a_card_line_says_who_when_and_the_first_words(embed: Embed, line: str) -> None:
    assert card_line(embed) == line


def test_a_block_that_cannot_be_read_says_why() -> None:
    assert read_block("type: tiktok\n") == (
        "embed type 'tiktok' is not one of x, telegram, bluesky, youtube, instagram, image, link"
    )


def test_readers_read_prose_link_text_and_the_posts_text_not_keys_or_addresses() -> None:
    body = (
        "### Storm\n\n> A quote\n\n- See [the office](https://example.com) or www.example.com\n\n"
        f"{embed_block(Embed('x', url='https://x.com/a/status/1', text='Two words'))}\n"
    )
    assert reading_text(body).split() == [
        "###", "Storm", ">", "A", "quote", "-", "See", "the", "office", "or", "Two", "words",
    ]  # fmt: skip
    assert reading_counts(body)[0] == 9
    assert reading_counts("Two words") == (2, 9)
