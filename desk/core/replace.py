"""Find and replace over a whole blog: every entry (drafts too), its headline, its body and
the words inside its embeds (a quote's text, a post's text and author, an image's caption,
credit and alt text, a link card's title). Embed blocks are searched in their fields, never
in their YAML, so a replacement can never break a block: a block that changes is written
out again from its fields."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from desk.core.embeds.model import FIELD_ORDER, embed_block, parse_embed_block
from desk.core.errors import DeskError
from desk.core.model import EMBED_FENCE, Blog, Entry

log = logging.getLogger(__name__)

# In the order a block writes them, so that hits come in reading order.
EMBED_TEXT = tuple(
    k for k in FIELD_ORDER if k in ("text", "author", "caption", "credit", "alt", "title")
)
CONTEXT = 30
FIELDS = ("headline", "body")


@dataclass(frozen=True)
class Hit:
    """One match. `where` is "headline", "body" or "embed"; `start`/`end` are offsets in
    the headline or the body (for an embed: its block's span in the body). An embed hit
    also names its block, the embed's field and which match in that field it is."""

    entry_id: str
    where: str
    start: int
    end: int
    context: str
    block: int = -1
    key: str = ""
    nth: int = 0


def _pattern(needle: str, case: bool) -> re.Pattern[str]:
    return re.compile(re.escape(needle), 0 if case else re.IGNORECASE)


def _context(text: str, start: int, end: int) -> str:
    """The match with some words either side, on one line: '…has rejected calls to…'."""
    left = max(0, start - CONTEXT)
    right = min(len(text), end + CONTEXT)
    before, after = text[left:start], text[end:right]
    if left and " " in before:  # whole words only
        before = before.split(" ", 1)[1]
    if right < len(text) and " " in after:
        after = after.rsplit(" ", 1)[0]
    before = ("…" if left else "") + before
    after += "…" if right < len(text) else ""
    return " ".join(f"{before}[{text[start:end]}]{after}".split())


def entry_hits(entry: Entry, needle: str, case: bool = False) -> list[Hit]:
    """The matches in one entry, in reading order: headline, then the body and its embeds."""
    if not needle:
        return []
    pattern = _pattern(needle, case)
    hits = [
        Hit(entry.id, "headline", m.start(), m.end(), _context(entry.headline, m.start(), m.end()))
        for m in pattern.finditer(entry.headline)
    ]
    body, position = entry.body, 0
    for number, block in enumerate(EMBED_FENCE.finditer(body)):
        hits += _plain_hits(entry.id, body, position, block.start(), pattern)
        hits += _embed_hits(entry.id, block, number, pattern)
        position = block.end()
    hits += _plain_hits(entry.id, body, position, len(body), pattern)
    return hits


def _plain_hits(
    entry_id: str, body: str, start: int, end: int, pattern: re.Pattern[str]
) -> list[Hit]:
    return [
        Hit(entry_id, "body", m.start(), m.end(), _context(body, m.start(), m.end()))
        for m in pattern.finditer(body, start, end)
    ]


def _embed_hits(
    entry_id: str, block: re.Match[str], number: int, pattern: re.Pattern[str]
) -> list[Hit]:
    try:
        embed = parse_embed_block(block.group(1))
    except DeskError as error:
        # A broken block is shown as broken by the embed notes; its text is not searched.
        log.info("embed block %d of %s not searched: %s", number, entry_id, error)
        return []
    hits = []
    for key in EMBED_TEXT:
        value = getattr(embed, key)
        for nth, m in enumerate(pattern.finditer(value)):
            context = f"{key.capitalize()}: {_context(value, m.start(), m.end())}"
            hits.append(
                Hit(entry_id, "embed", block.start(), block.end(), context, number, key, nth)
            )
    return hits


def blog_hits(
    blog: Blog, needle: str, case: bool = False, only: Iterable[str] | None = None
) -> list[Hit]:
    """The matches in every entry of the timeline (or those in `only`), top first."""
    wanted = set(only) if only is not None else None
    return [
        hit
        for entry in blog.timeline()
        if wanted is None or entry.id in wanted
        for hit in entry_hits(entry, needle, case)
    ]


def _replace_spans(text: str, spans: list[tuple[int, int, str]]) -> str:
    for start, end, new in sorted(spans, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def _replace_nth(value: str, pattern: re.Pattern[str], picked: set[int], new: str) -> str:
    found = enumerate(pattern.finditer(value))
    return _replace_spans(value, [(m.start(), m.end(), new) for n, m in found if n in picked])


def replaced_fields(
    entry: Entry, hits: Iterable[Hit], needle: str, replacement: str, case: bool = False
) -> dict[str, str]:
    """The entry's headline and body with `hits` (found with `needle`) replaced: only the
    fields that change. The hits must have been found in the entry as it is now."""
    pattern = _pattern(needle, case)
    mine = [h for h in hits if h.entry_id == entry.id]
    headline = _replace_spans(
        entry.headline, [(h.start, h.end, replacement) for h in mine if h.where == "headline"]
    )
    spans = [(h.start, h.end, replacement) for h in mine if h.where == "body"]
    blocks = {h.block: (h.start, h.end) for h in mine if h.where == "embed"}
    for number, (start, end) in blocks.items():
        match = EMBED_FENCE.match(entry.body, start)
        if match is None or match.end() != end:
            raise DeskError(f"the embed block of {entry.id} moved since it was searched")
        embed = parse_embed_block(match.group(1))
        values: dict[str, Any] = {}
        for key in EMBED_TEXT:
            picked = {h.nth for h in mine if h.block == number and h.key == key}
            if picked:
                values[key] = _replace_nth(getattr(embed, key), pattern, picked, replacement)
        spans.append((start, end, embed_block(replace(embed, **values))))
    body = _replace_spans(entry.body, spans)
    changed = {"headline": headline, "body": body}
    return {name: value for name, value in changed.items() if value != getattr(entry, name)}


def replace_in_blog(
    blog: Blog, hits: Iterable[Hit], needle: str, replacement: str, case: bool = False
) -> dict[str, dict[str, str]]:
    """For each entry the hits touch, its fields as they become: {id: {field: text}}.
    Nothing in the blog changes; the caller applies it (one undo step in the window)."""
    chosen = list(hits)
    result = {}
    for entry_id in dict.fromkeys(h.entry_id for h in chosen):
        entry = blog.entries.get(entry_id)
        if entry is None:
            continue
        fields = replaced_fields(entry, chosen, needle, replacement, case)
        if fields:
            result[entry_id] = fields
    return result
