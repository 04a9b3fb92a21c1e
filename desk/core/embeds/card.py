"""An embed as one line for the editor's card, and the words of a body its readers read."""

from __future__ import annotations

import functools
import re

from desk.core.blocks import embed_matches
from desk.core.embeds.model import Embed, long_date, parse_embed_block
from desk.core.embeds.render import _post_text, _who
from desk.core.embeds.urls import PLATFORM_NAMES
from desk.core.errors import DeskError

FIRST_WORDS = 12
SEPARATOR = " · "
_LINK = re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)")
_ADDRESS = re.compile(r"(?:https?|ftp)://\S+|www\.\S+|<[^>\n]*>")
# The Markdown markers that open a line (quote, heading, list): words to `split`, not read.
_MARKERS = re.compile(r"^[ \t]*(?:(?:[>#*+-]+|\d+\.)(?:[ \t]+|$))+", re.MULTILINE)


def first_words(text: str, count: int = FIRST_WORDS) -> str:
    words = text.split()
    return " ".join(words[:count]) + ("…" if len(words) > count else "")


def card_line(embed: Embed) -> str:
    """'X · Ada Lovelace (@ada) · March 14, 2025 · The first words…'; an image's caption
    and credit; a link card's label and title."""
    if embed.type == "image":
        words = " — ".join(p.strip() for p in (embed.caption, embed.credit) if p.strip())
        return SEPARATOR.join(p for p in ("Image", words or embed.src.strip()) if p)
    if embed.type == "link":
        label = embed.label.strip() or PLATFORM_NAMES["link"]
        return f"{label}: {embed.title.strip() or embed.url.strip()}"
    parts = [
        PLATFORM_NAMES[embed.type],
        _who(embed),
        long_date(embed.date) if embed.date.strip() else "",
        first_words(_post_text(embed)),
    ]
    return SEPARATOR.join(p for p in parts if p)


@functools.lru_cache(maxsize=512)
def card_of(yaml: str) -> tuple[str, str]:
    """A block's card line and '', or '' and what is wrong with it."""
    embed = read_block(yaml)
    return (card_line(embed), "") if isinstance(embed, Embed) else ("", embed)


@functools.lru_cache(maxsize=512)
def read_block(yaml: str) -> Embed | str:
    """The embed in a block's YAML, or what is wrong with it (kept: a keystroke elsewhere
    in the body must not parse every block again)."""
    try:
        return parse_embed_block(yaml)
    except DeskError as error:
        return str(error)


def _read_words(embed: Embed) -> str:
    if embed.type == "image":
        return f"{embed.caption} {embed.credit}"
    if embed.type == "link":
        return f"{embed.label} {embed.title}"
    return _post_text(embed)


def reading_text(body: str) -> str:
    """The body as its readers read it: prose with link text but no addresses, the posts'
    text and the images' captions, no embed keys or Markdown markers."""

    parts, done = [], 0
    for match in embed_matches(body):
        embed = read_block(match.group(1))
        parts += [
            body[done : match.start()],
            _read_words(embed) if isinstance(embed, Embed) else "",
        ]
        done = match.end()
    text = "".join([*parts, body[done:]]) if parts else body
    if "](" in text:
        text = _LINK.sub(r"\1", text)
    if "://" in text or "www." in text or "<" in text:
        text = _ADDRESS.sub("", text)
    return text


def reading_counts(body: str) -> tuple[int, int]:
    """Words and characters readers read."""
    text = reading_text(body)
    markers = sum(len(found.split()) for found in _MARKERS.findall(text))
    return len(text.split()) - markers, len(text)
