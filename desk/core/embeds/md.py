"""Embeds in a Markdown export: `plain` a quote with a link, `url` the URL alone on its line,
`full` the platform's HTML as a raw HTML block; images and link cards always as Markdown."""

from __future__ import annotations

from urllib.parse import quote

from desk.core.embeds.model import Embed, long_date
from desk.core.embeds.render import (
    _link_text,
    _post_text,
    _ref,
    _who,
    clean_url,
    media_name,
    render_embed_html,
)
from desk.core.embeds.urls import is_web_url
from desk.core.errors import DeskError
from desk.core.mdtext import md_escape_post_text

MARKDOWN_STYLES = ("full", "url", "plain")


def _md_url(url: str) -> str:
    return clean_url(url).replace("(", "%28").replace(")", "%29")


def _md_link(url: str, text: str) -> str:
    if is_web_url(url):
        return f"[{md_escape_post_text(text)}]({_md_url(url)})"
    return md_escape_post_text(text if text == url else f"{text} ({url})")


def _md_quote(embed: Embed) -> str:
    lines: list[str] = []
    text = _post_text(embed).strip()
    if text:
        lines.extend(md_escape_post_text(text).split("\n"))
    who = _who(embed)
    tail = []
    if who:
        tail.append(md_escape_post_text(who))
    if embed.url:
        ref = _ref(embed)
        tail.append(_md_link(ref.url if ref is not None else embed.url, _link_text(embed)))
    elif embed.date.strip():
        tail.append(md_escape_post_text(long_date(embed.date)))
    if tail:
        if lines:
            lines.append("")
        lines.append("— " + " ".join(tail))
    return "\n".join(f"> {line}".rstrip() for line in lines)


def _md_image(embed: Embed) -> str:
    src = embed.src.strip()
    if is_web_url(src):
        image = f"![{md_escape_post_text(embed.alt)}]({_md_url(src)})"
    elif media_name(src):
        image = f"![{md_escape_post_text(embed.alt)}]({quote(src, safe='/')})"
    else:
        image = md_escape_post_text(f"[image: {src}]") if src else ""
    caption = " — ".join(
        md_escape_post_text(part.strip()) for part in (embed.caption, embed.credit) if part.strip()
    )
    return "\n\n".join(part for part in (image, caption) if part)


def _md_link_card(embed: Embed) -> str:
    label = f"{md_escape_post_text(embed.label)}: " if embed.label else ""
    return label + _md_link(embed.url, embed.title.strip() or embed.url)


def render_embed_markdown(
    embed: Embed, style: str = "plain", scripts_seen: set[str] | None = None
) -> str:
    """The embed in a Markdown export: `plain` a quote with a link, `url` the URL alone on
    its line, `full` the platform's HTML as a raw HTML block."""
    if style not in MARKDOWN_STYLES:
        raise DeskError(f"embed style {style!r} is not one of {', '.join(MARKDOWN_STYLES)}")
    if embed.type == "image":
        return _md_image(embed)
    if embed.type == "link":
        return _md_link_card(embed)
    ref = _ref(embed)
    if ref is None or style == "plain":
        return _md_quote(embed)
    if style == "url":
        return ref.url
    return render_embed_html(embed, "full", scripts_seen)
