"""The text that the window's Insert menu puts in a body, and where an embed block sits in
one: the dialogs return values, these functions turn them into Markdown."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from desk.core.model import EMBED_FENCE

SUBHEADING = "###"
_URL_UNSAFE = {" ": "%20", "(": "%28", ")": "%29", "<": "%3C", ">": "%3E"}


@dataclass(frozen=True)
class Quote:
    text: str
    attribution: str = ""
    source_url: str = ""


@dataclass(frozen=True)
class BlockSpan:
    """An embed block in a body: the fences included from `start` to `end`, and its YAML."""

    start: int
    end: int
    yaml: str


def _link_target(url: str) -> str:
    """A URL that stays one Markdown link target (no spaces or parentheses to end it)."""
    return "".join(_URL_UNSAFE.get(c, c) for c in url.strip())


def quote_markdown(quote: Quote) -> str:
    """`> text`, a `>` line, `> — attribution`, then `> ([source](url))` in the same
    paragraph, so the renderer keeps the link inside the quote's <cite>."""
    lines = [f"> {line}".rstrip() for line in quote.text.strip().splitlines()]
    attribution = quote.attribution.strip().lstrip("—–- ").strip()
    tail: list[str] = []
    if attribution:
        tail.append(f"> — {attribution}")
    if quote.source_url.strip():
        tail.append(f"> ([source]({_link_target(quote.source_url)}))")
    if tail:
        lines += [">", *tail]
    return "\n".join(lines)


def subheading_markdown(text: str) -> str:
    """`### text`, on one line, whatever #s the writer typed first taken off."""
    words = " ".join(text.split()).lstrip("#").strip()
    return f"{SUBHEADING} {words}"


def standalone(before: str, after: str) -> tuple[str, str]:
    """What to put before and after a block inserted between `before` and `after` so that it
    stands as its own Markdown block: a blank line on each side, none added where there is
    one already. After the block at the end of a body, a blank line too, so that the next
    line typed is not taken into a quote."""
    before = before.rstrip(" \t")
    if not before or before.endswith("\n\n"):
        prefix = ""
    elif before.endswith("\n"):
        prefix = "\n"
    else:
        prefix = "\n\n"
    if after.startswith("\n\n"):
        suffix = ""
    elif after.startswith("\n"):
        suffix = "\n"
    else:
        suffix = "\n\n"
    return prefix, suffix


def embed_block_at(text: str, position: int) -> BlockSpan | None:
    """The embed block that holds `position` (on its fences or between them), or None."""
    for match in EMBED_FENCE.finditer(text):
        if match.start() <= position <= match.end():
            return BlockSpan(match.start(), match.end(), match.group(1))
        if match.start() > position:
            break
    return None


OPENING = "```embed"


def embed_matches(text: str) -> Iterator[re.Match[str]]:
    """EMBED_FENCE's matches in `text`, in order, found from each opening fence (the
    pattern alone scans the whole body, and the editor asks at every keystroke)."""
    position = 0
    while (start := text.find(OPENING, position)) >= 0:
        match = EMBED_FENCE.match(text, start) if start == 0 or text[start - 1] == "\n" else None
        if match is None:
            position = start + len(OPENING)
            continue
        yield match
        position = match.end()


def embed_blocks(text: str) -> list[str]:
    """The YAML of every embed block in a body, in order."""
    return [match.group(1) for match in EMBED_FENCE.finditer(text)]


def bare_line(before: str, after: str) -> bool:
    """True when a paste between `before` and `after` would stand alone on its line."""
    line_before = before.rsplit("\n", 1)[-1]
    line_after = after.split("\n", 1)[0]
    return not line_before.strip() and not line_after.strip()
