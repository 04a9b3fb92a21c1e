"""Export: one walk over the blog in timeline order, with an HTML and a Markdown writer
(DESIGN section 5). The page writer wraps the HTML fragment in a whole document."""

from __future__ import annotations

import html
import json
import re
import shutil
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Protocol

from desk.core.atomic import atomic_write
from desk.core.clock import format_stamp
from desk.core.errors import DeskError
from desk.core.model import MONTHS, Blog, Entry
from desk.core.render import Renderer
from desk.core.store import MEDIA

FORMATS = ("md", "html", "page")
EMBED_STYLES = ("full", "url", "plain")

PAGE_STYLE = """\
body { margin: 0; background: #fafaf7; color: #1d1d1b; }
main { max-width: 42rem; margin: 0 auto; padding: 2rem 1.25rem 4rem;
  font: 1.0625rem/1.6 Georgia, "Times New Roman", serif; }
h1 { font: 700 2rem/1.2 system-ui, sans-serif; margin: 0 0 .25rem; }
.desk-date { color: #5f5f5a; margin-top: 0; }
.desk-header { border-bottom: 1px solid #d8d8d2; margin-bottom: 1.5rem; color: #3b3b38; }
.desk-entry { border-top: 3px solid #b3261e; padding-top: .5rem; margin: 2rem 0; }
.desk-entry time { font-family: system-ui, sans-serif; letter-spacing: .02em; }
.desk-headline { font: 700 1.25rem/1.3 system-ui, sans-serif; margin: .25rem 0 .5rem; }
.desk-byline { color: #5f5f5a; font-style: italic; }
blockquote { margin: 1rem 0; padding-left: 1rem; border-left: 3px solid #d8d8d2; }
cite { display: block; font-style: normal; color: #5f5f5a; }
figure { margin: 1rem 0; } img { max-width: 100%; height: auto; }
figcaption { font-size: .875rem; color: #5f5f5a; }
"""


@dataclass
class ExportOptions:
    format: str = "html"
    include_drafts: bool = False
    embeds: str | None = None  # None: full for HTML, plain for Markdown

    @property
    def embed_style(self) -> str:
        if self.embeds is not None:
            return self.embeds
        return "plain" if self.format == "md" else "full"


@dataclass
class ExportResult:
    text: str
    entries: list[Entry] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


class Writer(Protocol):
    def header(self, blog: Blog) -> None: ...
    def entry(self, blog: Blog, entry: Entry) -> None: ...
    def finish(self, blog: Blog) -> str: ...


def chosen_entries(blog: Blog, options: ExportOptions) -> list[Entry]:
    """The entries an export holds, in the order it holds them."""
    return [e for e in blog.timeline() if options.include_drafts or e.is_ready]


def export_blog(
    blog: Blog, options: ExportOptions, renderer: Renderer | None = None
) -> ExportResult:
    """The blog as one text in `options.format`: header first, then entries in order."""
    if options.format not in FORMATS:
        raise ValueError(f"unknown format {options.format!r}")
    renderer = renderer or Renderer()
    warnings: list[str] = []
    writer: Writer
    if options.format == "md":
        writer = MarkdownWriter(renderer, options.embed_style, warnings)
    else:
        writer = HtmlWriter(renderer, options.embed_style, warnings, page=options.format == "page")
    entries = chosen_entries(blog, options)
    left_out = len(blog.entries) - len(entries)
    if left_out and not options.include_drafts:
        warnings.insert(0, f"{left_out} draft{'s' if left_out != 1 else ''} left out")
    writer.header(blog)
    for entry in entries:
        writer.entry(blog, entry)
    return ExportResult(writer.finish(blog), entries, warnings)


def render_entry(blog: Blog, entry: Entry, style: str = "preview") -> str:
    """One entry's HTML section, as the HTML export writes it (embeds in `style`)."""
    writer = HtmlWriter(Renderer(), style, [])
    writer.entry(blog, entry)
    return writer.finish(blog)


def long_date(day: date) -> str:
    """14 March 2025."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


class HtmlWriter:
    """The HTML fragment of DESIGN section 5; with page=True, a whole HTML5 document."""

    def __init__(
        self, renderer: Renderer, style: str, warnings: list[str], *, page: bool = False
    ) -> None:
        self.renderer = renderer
        self.style = style
        self.warnings = warnings
        self.page = page
        self.parts: list[str] = []
        self.scripts_seen: set[str] = set()

    def header(self, blog: Blog) -> None:
        if blog.header.strip():
            body = self.renderer.body_html(blog.header, self.style, self.scripts_seen)
            self.warnings.extend(f"header: {w}" for w in body.warnings)
            self.parts.append(f'<div class="desk-header">\n{body.html.strip()}\n</div>')

    def entry(self, blog: Blog, entry: Entry) -> None:
        label = html.escape(blog.label(entry))
        stamp = format_stamp(entry.stamp)
        strong = f'<strong><time datetime="{stamp}">{label}</time></strong>'
        body = self.renderer.body_html(entry.body, self.style, self.scripts_seen)
        self.warnings.extend(f"{blog.label(entry)} ({entry.id}): {w}" for w in body.warnings)
        content = body.html.strip()
        classes = "desk-entry desk-original" if entry.is_original else "desk-entry"
        lines = [f'<section class="{classes}" id="entry-{entry.id}">']
        if entry.headline:
            lines.append(f'<h3 class="desk-headline">{html.escape(entry.headline)}</h3>')
        if entry.author:
            lines.append(f'<p class="desk-byline">{html.escape(entry.author)}</p>')
        if entry.is_original and content.startswith("<p>"):
            content = f"<p>{strong} {content[3:]}"
        else:
            lines.insert(1, f"<p>{strong}</p>")
        if content:
            lines.append(content)
        lines.append("</section>")
        self.parts.append("\n".join(lines))

    def finish(self, blog: Blog) -> str:
        fragment = "\n".join(self.parts) + "\n"
        if not self.page:
            return fragment
        title = html.escape(blog.title)
        return (
            "<!DOCTYPE html>\n"
            '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{title}</title>\n<style>\n{PAGE_STYLE}</style>\n</head>\n<body>\n"
            f'<main class="desk-blog">\n<h1>{title}</h1>\n'
            f'<p class="desk-date"><time datetime="{blog.date.isoformat()}">'
            f"{long_date(blog.date)}</time></p>\n"
            f"{fragment}</main>\n</body>\n</html>\n"
        )


def marker(entry: Entry) -> str:
    """The invisible marker before each entry of the Markdown export, for lossless import."""
    fields = [f"id={entry.id}", f"stamp={format_stamp(entry.stamp)}", f"status={entry.status}"]
    if entry.is_original:
        fields.append("kind=original")
    for key in ("author", "headline"):
        value = getattr(entry, key)
        if value:
            # JSON-quoted; '-' escaped so that no '--' can end the HTML comment early.
            fields.append(f"{key}=" + json.dumps(value, ensure_ascii=False).replace("-", "\\u002d"))
    return f"<!-- desk:entry {' '.join(fields)} -->"


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#])")


def md_escape(text: str) -> str:
    """Text that Markdown shows as it is."""
    return _MD_SPECIAL.sub(r"\\\1", text)


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

    def header(self, blog: Blog) -> None:
        if blog.header.strip():
            body = self.renderer.body_markdown(blog.header, self.style)
            self.warnings.extend(f"header: {w}" for w in body.warnings)
            self.parts.append(body.html.strip())

    def entry(self, blog: Blog, entry: Entry) -> None:
        body = self.renderer.body_markdown(entry.body, self.style)
        self.warnings.extend(f"{blog.label(entry)} ({entry.id}): {w}" for w in body.warnings)
        text = body.html.strip("\n")
        label = f"**{md_escape(blog.label(entry))}**"
        extras = [f"### {md_escape(entry.headline)}"] if entry.headline else []
        if entry.author:
            extras.append(f"*{md_escape(entry.author)}*")
        if entry.is_original and _opens_with_paragraph(text):
            blocks = [*extras, f"{label} {text.lstrip()}"]
        else:
            blocks = [label, *extras, *([text] if text else [])]
        blocks[0] = marker(entry) + "\n" + blocks[0]
        self.parts.append("\n\n".join(blocks))

    def finish(self, blog: Blog) -> str:
        return "\n\n".join(self.parts) + "\n"


def save_export(
    result: ExportResult, options: ExportOptions, blog_root: Path, target: Path
) -> None:
    """Write an export atomically; a page export takes the blog's media/ folder with it."""
    try:
        atomic_write(target, result.text.encode("utf-8"))
        media = blog_root / MEDIA
        if options.format == "page" and media.is_dir() and any(media.iterdir()):
            shutil.copytree(media, target.parent / MEDIA, dirs_exist_ok=True)
    except OSError as error:
        raise DeskError(f"cannot write {target}: {error.strerror or error}") from None
