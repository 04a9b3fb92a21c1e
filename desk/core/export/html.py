"""The HTML writer: a fragment of one `<section>` per entry, or for the page format a whole
document with its style and structured data."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from desk.core.checks import where
from desk.core.clock import format_stamp
from desk.core.export.options import ExportOptions
from desk.core.export.text import (
    ended_line,
    flag_of,
    is_pinned,
    key_event_title,
    long_date,
    permalink,
)
from desk.core.model import Blog, Entry

if TYPE_CHECKING:  # the renderer (Markdown, nh3) is loaded by the first export
    from desk.core.export.render import Renderer

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


FLAGS = ("original", "key", "pinned", "draft")  # a section's classes, in this order


class HtmlWriter:
    """The HTML fragment, one `<section>` per entry; for the page format, a whole document."""

    def __init__(self, renderer: Renderer, options: ExportOptions, warnings: list[str]) -> None:
        self.renderer = renderer
        self.options = options
        self.style = options.embed_style
        self.warnings = warnings
        self.parts: list[str] = []
        self.header_html = ""
        self.rendered: list[tuple[Entry, str]] = []

    def header(self, blog: Blog) -> None:
        if blog.header.strip():
            body = self.renderer.cached_body_html(blog.header, self.style)
            self.warnings.extend(f"header: {w}" for w in body.warnings)
            self.header_html = body.html.strip()
            self.parts.append(f'<div class="desk-header">\n{self.header_html}\n</div>')
        if blog.ended is not None:
            self.parts.append(
                f'<p class="desk-ended"><time datetime="{format_stamp(blog.ended)}">'
                f"{html.escape(ended_line(blog))}</time></p>"
            )

    def key_events(self, blog: Blog, entries: list[Entry]) -> None:
        if not entries:
            return
        items = "\n".join(
            f'<li><a href="#entry-{e.id}">{html.escape(key_event_title(blog, e))}</a></li>'
            for e in entries
        )
        self.parts.append(
            f'<nav class="desk-key-events" aria-label="Key events">\n<h2>Key events</h2>\n'
            f"<ul>\n{items}\n</ul>\n</nav>"
        )

    def entry(self, blog: Blog, entry: Entry) -> None:
        label = (
            f'<time datetime="{format_stamp(entry.stamp)}">{html.escape(blog.label(entry))}</time>'
        )
        if blog.url:
            label = f'<a href="{html.escape(permalink(blog, entry))}">{label}</a>'
        strong = f"<strong>{label}</strong>"
        body = self.renderer.cached_body_html(entry.body, self.style)
        if body.warnings:
            self.warnings.extend(f"{where(blog, entry)}: {w}" for w in body.warnings)
        content = body.html.strip()
        self.rendered.append((entry, content))
        classes = "desk-entry" + "".join(f" desk-{f}" for f in FLAGS if flag_of(entry, f))
        lines = [f'<section class="{classes}" id="entry-{entry.id}">']
        if entry.headline:
            lines.append(f'<h3 class="desk-headline">{html.escape(entry.headline)}</h3>')
        if entry.author:
            lines.append(f'<p class="desk-byline">{html.escape(entry.author)}</p>')
        if entry.is_original and content.startswith("<p>"):
            content = f"<p>{strong} {content[3:]}"
        else:
            lines.insert(1, f"<p>{strong}</p>")
            if is_pinned(entry):
                line = html.escape(blog.labels.pinned_line(entry.stamp))
                lines.insert(2, f'<p class="desk-pinned-line"><em>{line}</em></p>')
        if content:
            lines.append(content)
        lines.append("</section>")
        self.parts.append("\n".join(lines))

    def structured_data(self, blog: Blog) -> str:
        from desk.core.export import jsonld

        return jsonld.script(jsonld.live_blog_posting(blog, self.rendered, self.header_html))

    def finish(self, blog: Blog) -> str:
        from desk.core.export.render import joined_once_per_export

        fragment = joined_once_per_export(self.parts)
        if self.options.format != "page":
            if self.options.jsonld:
                fragment += self.structured_data(blog) + "\n"
            return fragment
        title = html.escape(blog.title)
        return (
            "<!DOCTYPE html>\n"
            '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{title}</title>\n<style>\n{PAGE_STYLE}</style>\n"
            f"{self.structured_data(blog)}\n</head>\n<body>\n"
            f'<main class="desk-blog">\n<h1>{title}</h1>\n'
            f'<p class="desk-date"><time datetime="{blog.date.isoformat()}">'
            f"{long_date(blog.date)}</time></p>\n"
            f"{fragment}</main>\n</body>\n</html>\n"
        )
