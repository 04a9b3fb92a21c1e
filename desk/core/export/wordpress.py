"""The WordPress profile of the HTML export: the blog as the block editor's own serialized
blocks, which its paste handler takes as they are.

Plain HTML loses on that road what a live blog needs (anchors, a quote's citation, the
posts), so each part is written as the core block an editor would have made by hand: the
label paragraph with the entry's anchor, headings, quotes with their citation, embed blocks
for X, YouTube and Bluesky, quotes citing Instagram and Telegram posts (WordPress cannot
embed them), image blocks with their caption, and the key events as a list. No script, no
class of Desk's own, no wrapper around an entry, and no structured data (an author's save
strips it; the window copies it on its own)."""

from __future__ import annotations

import html
import json
import logging
import os
import re
from typing import TYPE_CHECKING

from desk.core import embeds
from desk.core.checks import where
from desk.core.clock import format_stamp
from desk.core.embeds.render import citation_html, clean_url, link_card_content
from desk.core.errors import DeskError
from desk.core.export import blockmarkup as wp
from desk.core.export.text import ended_line, is_pinned, key_event_title, permalink
from desk.core.htmltree import Element, TreeBuilder
from desk.core.model import EMBED_FENCE, Blog, Entry

if TYPE_CHECKING:
    from desk.core.export.options import ExportOptions
    from desk.core.export.render import Renderer

log = logging.getLogger(__name__)

CACHE_STYLE = "wordpress-1"  # the render cache's style name for bodies as blocks
_NEWLINE = re.compile(r"[ \t]*\n[ \t]*")
VOID = frozenset({"br", "img", "hr", "wbr", "input", "col", "source"})
HEADINGS = {f"h{n}": n for n in range(1, 7)}
# Embed warnings that speak of the generic HTML's way with a post, not of the post.
_GENERIC_ONLY = ("Bluesky post has no at:// URI",)


# ---------------------------------------------------------------- the HTML as a tree


Node = Element | str  # an element, or a piece of text (unescaped)


def outer(node: Node) -> str:
    """The node as HTML again."""
    if isinstance(node, str):
        # The editor shows a newline in rich text as a line break; HTML shows a space.
        return html.escape(_NEWLINE.sub(" ", node), quote=False)
    attrs = "".join(f' {k}="{html.escape(v, quote=True)}"' for k, v in node.attrs.items())
    if node.tag in VOID:
        return f"<{node.tag}{attrs}>"
    return f"<{node.tag}{attrs}>{inner(node)}</{node.tag}>"


def inner(node: Element) -> str:
    return "".join(outer(child) for child in node.children)


def words(node: Node) -> str:
    if isinstance(node, str):
        return node
    return "".join(words(child) for child in node.children)


def shows(node: Node) -> bool:
    """Whether the node is an element or text other than white space."""
    return not isinstance(node, str) or bool(node.strip())


def parse_html(text: str) -> Element:
    """Sanitised HTML (well formed: nh3 wrote it, so no bounds are needed) as a tree."""
    builder = TreeBuilder(VOID)
    builder.feed(text)
    builder.close()
    return builder.root


# ---------------------------------------------------------------- bodies into blocks

BLOCK_TAGS = frozenset(
    {"p", "blockquote", "ul", "ol", "pre", "hr", "table", "div", "section", "figure"}
) | frozenset(HEADINGS)
_ATTRIBUTION = re.compile(r"^\s*(?:—|–|--)\s*")


def _post_paragraphs(text: str) -> list[str]:
    """A post's text as paragraph blocks: a blank line between paragraphs, <br> for a line."""
    chunks = [c.strip("\n") for c in re.split(r"\n[ \t]*\n", text.strip())]
    return [
        wp.paragraph("<br>".join(html.escape(line, quote=False) for line in c.split("\n")))
        for c in chunks
        if c.strip()
    ]


def embed_blocks(embed: embeds.Embed) -> list[str]:
    """The blocks for one embed: an embed block for a post WordPress can embed, a quote
    citing the post for the rest, an image block, a paragraph for a link card."""
    if embed.type == "image":
        return _image_blocks(embed)
    if embed.type == "link":
        return [wp.paragraph(link_card_content(embed))]
    ref = embeds.parse_post_url(embed.url) if embed.url else None
    if ref is not None and ref.platform == embed.type and embed.type in wp.PROVIDERS:
        return [wp.embed(embed.type, ref.url)]
    text = embed.text if embed.text.strip() else embed.title
    return [wp.quote(_post_paragraphs(text), citation_html(embed))]


def _image_blocks(embed: embeds.Embed) -> list[str]:
    src = embed.src.strip()
    caption = "<br>".join(
        html.escape(line, quote=False) for line in embed.caption.strip().split("\n")
    )
    credit = embed.credit.strip()
    if credit:
        credit_html = f"<em>{html.escape(credit, quote=False)}</em>"
        caption = f"{caption} {credit_html}" if caption else credit_html
    if embeds.is_web_url(src):
        return [wp.image(clean_url(src), embed.alt, caption)]
    if embeds.media_name(src):
        return [wp.image(src, embed.alt, caption)]
    shown = [wp.paragraph(f"[image: {html.escape(src, quote=False)}]")] if src else []
    return shown + ([wp.paragraph(caption)] if caption else [])


class _Converter:
    """Turns one body's sanitised HTML into blocks; embed tokens become the embeds' blocks."""

    def __init__(self, held: dict[str, list[str]]) -> None:
        self.held = held

    def blocks(self, nodes: list[Node]) -> list[str]:
        out: list[str] = []
        loose: list[Node] = []  # inline content outside any block: one paragraph

        def flush() -> None:
            if any(shows(n) for n in loose):
                out.append(wp.paragraph("".join(outer(n) for n in loose).strip()))
            loose.clear()

        for node in nodes:
            if isinstance(node, Element) and node.tag in BLOCK_TAGS:
                flush()
                out.extend(self.block(node))
            else:
                loose.append(node)
        flush()
        return out

    def block(self, node: Element) -> list[str]:
        tag = node.tag
        if tag == "p":
            return self.paragraph(node)
        if tag in HEADINGS:
            return [wp.heading(inner(node).strip(), HEADINGS[tag])]
        if tag == "blockquote":
            return [self.quote(node)]
        if tag in ("ul", "ol"):
            return [self.list(node)]
        if tag == "pre":
            return [wp.code(words(node))]
        if tag == "hr":
            return [wp.separator()]
        if tag == "table":
            return [self.table(node)]
        return self.blocks(node.children)  # div, section, figure: their contents

    def paragraph(self, node: Element) -> list[str]:
        text = words(node).strip()
        if text in self.held and len(node.elements()) == 0:
            return self.held[text]
        elements = node.elements()
        if len(elements) == 1 and elements[0].tag == "img" and not text:
            img = elements[0]
            return [wp.image(img.attrs.get("src", ""), img.attrs.get("alt", ""))]
        content = inner(node).strip()
        for token, blocks in self.held.items():
            if token in content:  # an embed inside a paragraph: its blocks after it
                content = content.replace(token, "").strip()
                return ([wp.paragraph(content)] if content else []) + blocks
        return [wp.paragraph(content)] if content else []

    def quote(self, node: Element) -> str:
        children = list(node.children)
        citation = ""
        last = next((c for c in reversed(children) if shows(c)), None)
        if isinstance(last, Element) and last.tag == "p":
            inside = [c for c in last.children if shows(c)]
            if len(inside) == 1 and isinstance(inside[0], Element) and inside[0].tag == "cite":
                citation = _ATTRIBUTION.sub("", inner(inside[0]).strip())
                children.remove(last)
        return wp.quote(self.blocks(children), citation)

    def list(self, node: Element) -> str:
        items = []
        for item in node.elements():
            if item.tag != "li":
                continue
            lines: list[str] = []
            nested: list[str] = []
            line = ""
            for child in item.children:
                if isinstance(child, Element) and child.tag in ("ul", "ol"):
                    nested.append(self.list(child))
                elif isinstance(child, Element) and child.tag == "p":  # a loose list: a line each
                    lines.extend([line.strip(), inner(child).strip()])
                    line = ""
                else:
                    line += outer(child)
            lines.append(line.strip())
            items.append(wp.list_item("<br>".join(x for x in lines if x), nested))
        start = node.attrs.get("start", "")
        return wp.list_block(
            items, ordered=node.tag == "ol", start=int(start) if start.isdigit() else None
        )

    def table(self, node: Element) -> str:
        head: list[list[str]] = []
        body: list[list[str]] = []
        for section in node.elements():
            rows = section.elements() if section.tag in ("thead", "tbody", "tfoot") else [section]
            for row in rows:
                if row.tag != "tr":
                    continue
                cells = [inner(c).strip() for c in row.elements() if c.tag in ("th", "td")]
                (head if section.tag == "thead" else body).append(cells)
        return wp.table(head, body)


def cache_key_of(text: str) -> str:
    from desk.core.export.cache import cache_key
    from desk.core.export.render import RENDERER_VERSION

    return cache_key(RENDERER_VERSION, CACHE_STYLE, text)


def prepare(renderer: Renderer, bodies: list[str]) -> None:
    """Ahead of an export: read what the render cache holds of `bodies`."""
    if renderer.cache is not None:
        renderer.cache.prefetch([cache_key_of(b) for b in bodies])


def body_blocks(renderer: Renderer, text: str) -> tuple[list[str], list[str]]:
    """A body's blocks and what an editor should know of it, through the render cache
    (the blocks kept as a JSON list)."""
    cache = renderer.cache
    key = cache_key_of(text) if cache is not None else ""
    held = cache.get(key) if cache is not None else None
    if held is not None:
        try:
            blocks = json.loads(held[0])
        except ValueError:
            log.warning("a cached WordPress body could not be read: rendered again")
        else:
            if isinstance(blocks, list) and all(isinstance(b, str) for b in blocks):
                return blocks, list(held[1])
    blocks, warnings = _body_blocks(renderer, text)
    if cache is not None:
        cache.put(key, json.dumps(blocks), warnings)
    return blocks, warnings


def _body_blocks(renderer: Renderer, text: str) -> tuple[list[str], list[str]]:
    warnings: list[str] = []
    held: dict[str, list[str]] = {}
    nonce = os.urandom(4).hex()

    def hold(match: re.Match[str]) -> str:
        token = f"desk{nonce}embed{len(held)}"
        held[token] = _embed_or_code(match.group(1), warnings)
        return f"\n\n{token}\n\n"

    rendered = renderer.markdown_to_html(EMBED_FENCE.sub(hold, text))
    if re.search(r"<img(?![^>]*\balt=)", rendered) or '<img alt=""' in rendered:
        warnings.append("an image in the text has no alt text")
    return _Converter(held).blocks(parse_html(rendered).children), warnings


def _embed_or_code(source: str, warnings: list[str]) -> list[str]:
    try:
        embed = embeds.parse_embed_block(source)
    except DeskError as error:
        log.info("embed block shown as code: %s", error)
        warnings.append(f"an embed block could not be read ({error}): shown as code")
        return [wp.code(source)]
    warnings.extend(w for w in embeds.embed_warnings(embed) if not w.startswith(_GENERIC_ONLY))
    return embed_blocks(embed)


# ---------------------------------------------------------------- the writer


class WordPressWriter:
    """The export as serialized blocks, one after another, no wrapper around an entry."""

    def __init__(self, renderer: Renderer, options: ExportOptions, warnings: list[str]) -> None:
        self.renderer = renderer
        self.options = options
        self.warnings = warnings
        self.parts: list[str] = []

    def header(self, blog: Blog) -> None:
        if blog.header.strip():
            blocks, warnings = body_blocks(self.renderer, blog.header)
            self.warnings.extend(f"header: {w}" for w in warnings)
            self.parts.extend(blocks)
        if blog.ended is not None:
            self.parts.append(
                wp.paragraph(
                    f'<time datetime="{format_stamp(blog.ended)}">'
                    f"{html.escape(ended_line(blog), quote=False)}</time>"
                )
            )

    def key_events(self, blog: Blog, entries: list[Entry]) -> None:
        if not entries:
            return
        items = [
            wp.list_item(
                f'<a href="#entry-{e.id}">{html.escape(key_event_title(blog, e), quote=False)}</a>'
            )
            for e in entries
        ]
        self.parts.append(wp.heading("Key events", 2))
        self.parts.append(wp.list_block(items))

    def entry(self, blog: Blog, entry: Entry) -> None:
        label = (
            f'<time datetime="{format_stamp(entry.stamp)}">'
            f"{html.escape(blog.label(entry), quote=False)}</time>"
        )
        if blog.url:
            label = f'<a href="{html.escape(permalink(blog, entry))}">{label}</a>'
        strong = f"<strong>{label}</strong>"
        anchor = f"entry-{entry.id}"
        blocks, warnings = body_blocks(self.renderer, entry.body)
        self.warnings.extend(f"{where(blog, entry)}: {w}" for w in warnings)
        extras = [wp.heading(html.escape(entry.headline, quote=False), 3)] if entry.headline else []
        if entry.author:
            extras.append(wp.paragraph(f"<em>{html.escape(entry.author, quote=False)}</em>"))
        first = _first_paragraph(blocks[0]) if blocks and entry.is_original else None
        if first is not None:
            self.parts.extend([*extras, wp.paragraph(f"{strong} {first}", anchor), *blocks[1:]])
        else:
            pinned = []
            if is_pinned(entry):
                line = html.escape(blog.labels.pinned_line(entry.stamp), quote=False)
                pinned.append(wp.paragraph(f"<em>{line}</em>"))
            self.parts.extend([wp.paragraph(strong, anchor), *pinned, *extras, *blocks])

    def finish(self, blog: Blog) -> str:
        return "\n\n".join(self.parts) + "\n" if self.parts else ""


_PLAIN_PARAGRAPH = re.compile(r"<!-- wp:paragraph -->\n<p>(.*)</p>\n<!-- /wp:paragraph -->", re.S)


def _first_paragraph(serialized: str) -> str | None:
    """The content of a body's first block when it is a plain paragraph (the original
    entry's label goes inside it), else None."""
    match = _PLAIN_PARAGRAPH.fullmatch(serialized)
    return match.group(1) if match else None
