"""Structured data for search engines: schema.org LiveBlogPosting as JSON-LD."""

from __future__ import annotations

import json
from typing import Any

from desk.core.clock import format_stamp
from desk.core.export.render import plain_text
from desk.core.export.text import first_sentence, permalink
from desk.core.model import Blog, Entry

HEADLINE_MAX = 110


def cut(text: str, limit: int = HEADLINE_MAX) -> str:
    """`text` in at most `limit` characters, cut at a word with an ellipsis."""
    if len(text) <= limit:
        return text
    head = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:")
    return head + "…"


def live_blog_posting(
    blog: Blog, entries: list[tuple[Entry, str]], header_html: str
) -> dict[str, Any]:
    """The LiveBlogPosting for an export holding `entries` (each with its body's HTML)."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "LiveBlogPosting",
        "headline": blog.title,
    }
    first_paragraph = header_html.split("</p>", 1)[0]
    if plain_text(first_paragraph):
        data["description"] = plain_text(first_paragraph)
    if blog.url:
        data["url"] = blog.url
    original = blog.original()
    stamps = [e.stamp for e, _ in entries]
    start = original.stamp if original else min(stamps, default=None)
    if start is not None:
        data["coverageStartTime"] = format_stamp(start)
        data["datePublished"] = format_stamp(start)
    if blog.ended is not None:
        data["coverageEndTime"] = format_stamp(blog.ended)
    if stamps:
        data["dateModified"] = format_stamp(max(stamps))
    updates = []
    for entry, body_html in entries:
        body = plain_text(body_html)
        update: dict[str, Any] = {
            "@type": "BlogPosting",
            "headline": cut(entry.headline or first_sentence(body)),
            "datePublished": format_stamp(entry.stamp),
            "articleBody": body,
            "url": permalink(blog, entry),
        }
        if entry.author:
            update["author"] = {"@type": "Person", "name": entry.author}
        updates.append(update)
    data["liveBlogUpdate"] = updates
    return data


def script(data: dict[str, Any]) -> str:
    """The JSON-LD in a script element; '<' escaped so no text can close the element."""
    text = json.dumps(data, ensure_ascii=False, indent=1).replace("<", "\\u003c")
    return f'<script type="application/ld+json">\n{text}\n</script>'
