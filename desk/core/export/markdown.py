"""The Markdown writer: CommonMark with invisible markers (the entry's fields before each
entry, the blog's after the last) so that importing the export gives the blog back."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from desk.core.checks import where
from desk.core.clock import format_stamp
from desk.core.export.text import ended_line, is_pinned, key_event_title
from desk.core.mdtext import md_escape
from desk.core.model import Blog, Entry, Labels

if TYPE_CHECKING:  # the renderer (Markdown, nh3) is loaded by the first export
    from desk.core.export.render import Renderer


def marker(entry: Entry) -> str:
    """The invisible marker before each entry of the Markdown export, for lossless import."""
    fields = [f"id={entry.id}", f"stamp={format_stamp(entry.stamp)}", f"status={entry.status}"]
    if entry.is_original:
        fields.append("kind=original")
    fields.extend(f"{flag}=true" for flag in ("key", "pinned") if getattr(entry, flag))
    for key in ("author", "headline"):
        value = getattr(entry, key)
        if value:
            # JSON-quoted; '-' escaped so that no '--' can end the HTML comment early.
            fields.append(f"{key}=" + json.dumps(value, ensure_ascii=False).replace("-", "\\u002d"))
    return f"<!-- desk:entry {' '.join(fields)} -->"


_BLOCK_STARTS = (">", "#", "```", "~~~", "- ", "* ", "+ ", "|", "<", "    ", "\t", "!")


def _opens_with_paragraph(body: str) -> bool:
    first = body.lstrip("\n").split("\n", 1)[0]
    if not first.strip() or first.startswith(_BLOCK_STARTS):
        return False
    number, dot, _ = first.partition(". ")
    return not (dot and number.isdigit())


class MarkdownWriter:
    """CommonMark-compatible Markdown with a desk:entry marker before each entry."""

    def __init__(self, renderer: Renderer, style: str, warnings: list[str]) -> None:
        self.renderer = renderer
        self.style = style
        self.warnings = warnings
        self.parts: list[str] = []
        self.ids: list[str] = []

    def header(self, blog: Blog) -> None:
        if blog.header.strip():
            body = self.renderer.body_markdown(blog.header, self.style)
            self.warnings.extend(f"header: {w}" for w in body.warnings)
            self.parts.append(body.html.strip())
        if blog.ended is not None:
            self.parts.append(f"<!-- desk:ended -->\n*{md_escape(ended_line(blog))}*")

    def key_events(self, blog: Blog, entries: list[Entry]) -> None:
        if entries:
            items = "\n".join(
                f"- [{md_escape(key_event_title(blog, e))}](#entry-{e.id})" for e in entries
            )
            self.parts.append(f"<!-- desk:key-events -->\n**Key events**\n\n{items}")

    def entry(self, blog: Blog, entry: Entry) -> None:
        self.ids.append(entry.id)
        body = self.renderer.body_markdown(entry.body, self.style)
        self.warnings.extend(f"{where(blog, entry)}: {w}" for w in body.warnings)
        text = body.html.strip("\n")
        label = f"**{md_escape(blog.label(entry))}**"
        extras = [f"### {md_escape(entry.headline)}"] if entry.headline else []
        if entry.author:
            extras.append(f"*{md_escape(entry.author)}*")
        if is_pinned(entry):
            extras.insert(0, f"*{md_escape(blog.labels.pinned_line(entry.stamp))}*")
        if entry.is_original and _opens_with_paragraph(text):
            blocks = [*extras, f"{label} {text.lstrip()}"]
        else:
            blocks = [label, *extras, *([text] if text else [])]
        blocks[0] = marker(entry) + "\n" + blocks[0]
        self.parts.append("\n\n".join(blocks))

    def finish(self, blog: Blog) -> str:
        return "\n\n".join([*self.parts, blog_marker(blog, self.ids)]) + "\n"


def blog_marker(blog: Blog, exported: list[str]) -> str:
    """The invisible last line of the Markdown export: the blog's own fields, so that
    importing the export gives the blog back (the title, the date, its end, the page
    address, label formats and placeholders when they are the blog's own, and the timeline
    order when the export's order differs from it)."""
    fields: dict[str, object] = {"title": blog.title, "date": blog.date.isoformat()}
    if blog.url:
        fields["url"] = blog.url
    if blog.ended is not None:
        fields["ended"] = format_stamp(blog.ended)
    formats = blog.labels.all_formats()
    if formats != Labels().all_formats():
        fields["labels"] = formats
    if blog.placeholders:
        fields["placeholders"] = blog.placeholders
    shown = set(exported)
    order = [i for i in blog.order if i in shown]
    if order != exported:
        fields["order"] = order
    # '--' broken up (in JSON's own escape) so that it cannot end the HTML comment early.
    text = json.dumps(fields, ensure_ascii=False).replace("--", "-\\u002d")
    return f"<!-- desk:blog {text} -->"
