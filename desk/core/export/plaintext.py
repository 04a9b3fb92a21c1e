"""The blog as plain text that reads like the page: labels, headlines, bylines, paragraphs,
quotes with their attribution, posts with their sign-off line, images with caption and
credit. No HTML tag, no comment, no Markdown mark: what a plain field or an editor that
takes no formatting receives on a paste.

Blocks are separated by a blank line, so that a paste into a block editor makes one
paragraph of each. A post's address stands alone after its sign-off: pasted on its own
line, WordPress turns an X, YouTube or Bluesky address into the platform's embed."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import TYPE_CHECKING

from desk.core import embeds
from desk.core.errors import DeskError
from desk.core.export.assemble import chosen_entries, walk
from desk.core.export.options import ExportOptions
from desk.core.export.text import ended_line, key_event_title
from desk.core.model import EMBED_FENCE, Blog, Entry

if TYPE_CHECKING:
    from desk.core.export.render import Renderer

_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "figcaption", "tr", "dt", "dd", "hr"}
_CELL = "\x1f"  # between table cells until the spaces are tidied, then a tab
_SPACES = re.compile(r"[ \t\r\f\v]+")


class _TextOfHtml(HTMLParser):
    """The text of sanitised body HTML, one string a block; list items get a mark."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.line: list[str] = []
        self.lists: list[list[int]] = []  # [number] in an ordered list, [] in a bullet list
        self.pre = 0
        self.cell = 0

    def _end_block(self) -> None:
        text = "".join(self.line)
        if not self.pre:
            text = "\n".join(_SPACES.sub(" ", part).strip() for part in text.split("\n"))
        text = text.strip("\n").replace(_CELL, "\t")
        if text.strip():
            self.blocks.append(text)
        self.line = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS or tag in ("blockquote", "ul", "ol", "table"):
            self._end_block()
        if tag == "br":
            self.line.append("\n")
        elif tag == "pre":
            self.pre += 1
        elif tag == "ul":
            self.lists.append([])
        elif tag == "ol":
            self.lists.append([0])
        elif tag == "li":
            self._end_block()
            indent = "  " * max(len(self.lists) - 1, 0)
            counter = self.lists[-1] if self.lists else []
            if counter:
                counter[0] += 1
                self.line.append(f"{indent}{counter[0]}. ")
            else:
                self.line.append(f"{indent}• ")
        elif tag in ("td", "th"):
            if self.cell:
                self.line.append(_CELL)
            self.cell += 1
        elif tag == "img":
            alt = dict(attrs).get("alt") or ""
            if alt.strip():
                self.line.append(alt.strip())

    def handle_endtag(self, tag: str) -> None:
        if tag == "pre":
            self.pre = max(self.pre - 1, 0)
        if tag in ("ul", "ol") and self.lists:
            self.lists.pop()
        if tag == "tr":
            self.cell = 0
        if tag in _BLOCKS or tag in ("blockquote", "ul", "ol", "table", "li"):
            self._end_block()

    def handle_data(self, data: str) -> None:
        self.line.append(data if self.pre else data.replace("\n", " "))

    def text(self) -> list[str]:
        self.close()
        self._end_block()
        return self.blocks


def html_blocks(html: str) -> list[str]:
    """The blocks of text in some HTML, tags gone and entities read."""
    parser = _TextOfHtml()
    parser.feed(html)
    return parser.text()


def _who(embed: embeds.Embed) -> str:
    author, handle = embed.author.strip(), embed.handle.strip().lstrip("@")
    if author and handle:
        return f"{author} (@{handle})"
    return author or (f"@{handle}" if handle else "")


def _paragraphs(text: str) -> list[str]:
    return [b.strip() for b in re.split(r"\n[ \t]*\n", text.strip()) if b.strip()]


def embed_blocks(embed: embeds.Embed) -> list[str]:
    """An embed as the page's reader sees it without the platform's script."""
    if embed.type == "image":
        lines = [part.strip() for part in (embed.caption, embed.credit) if part.strip()]
        return ["\n".join(lines)] if lines else []
    if embed.type == "link":
        title = embed.title.strip() or embed.url.strip()
        label = f"{embed.label}: " if embed.label else ""
        return [f"{label}{title}"] if title else []
    ref = embeds.parse_post_url(embed.url)
    words = embed.text if embed.text.strip() else embed.title
    blocks = _paragraphs(words)
    when = embeds.long_date(embed.date) if embed.date.strip() else ""
    signoff = " ".join(part for part in (_who(embed), when) if part)
    if signoff:
        blocks.append(f"— {signoff}")
    url = ref.url if ref is not None else embed.url.strip()
    if embeds.is_web_url(url):
        blocks.append(url)
    return blocks


class PlainTextWriter:
    """The third writer of the export's walk, beside the HTML and the Markdown ones."""

    def __init__(self, renderer: Renderer) -> None:
        self.renderer = renderer
        self.parts: list[str] = []

    def body_blocks(self, body: str) -> list[str]:
        """A body's blocks: its Markdown read through the renderer, its embeds as text."""
        blocks: list[str] = []
        last = 0
        for match in EMBED_FENCE.finditer(body):
            blocks += html_blocks(self.renderer.markdown_to_html(body[last : match.start()]))
            try:
                blocks += embed_blocks(embeds.parse_embed_block(match.group(1)))
            except DeskError:
                blocks.append(match.group(1).strip())  # as the HTML shows it: its source
            last = match.end()
        blocks += html_blocks(self.renderer.markdown_to_html(body[last:]))
        return blocks

    def header(self, blog: Blog) -> None:
        if blog.header.strip():
            self.parts.extend(self.body_blocks(blog.header))
        if blog.ended is not None:
            self.parts.append(ended_line(blog))

    def key_events(self, blog: Blog, entries: list[Entry]) -> None:
        if entries:
            items = "\n".join(f"• {key_event_title(blog, e)}" for e in entries)
            self.parts.append(f"Key events\n{items}")

    def entry(self, blog: Blog, entry: Entry) -> None:
        label = blog.label(entry)
        extras = [line for line in (entry.headline.strip(), entry.author.strip()) if line]
        blocks = self.body_blocks(entry.body)
        if entry.is_original and blocks:
            self.parts += [*extras, f"{label} {blocks[0]}", *blocks[1:]]
        else:
            self.parts += [label, *extras, *blocks]

    def finish(self, blog: Blog) -> str:
        return "\n\n".join(self.parts) + "\n" if self.parts else ""


def export_plain_text(blog: Blog, options: ExportOptions, renderer: Renderer | None = None) -> str:
    """The blog as plain text, holding what the export with `options` holds, in its order."""
    if renderer is None:
        from desk.core.export.render import Renderer

        renderer = Renderer()
    writer = PlainTextWriter(renderer)
    walk(writer, blog, chosen_entries(blog, options), options.key_events)
    return writer.finish(blog)
