"""Export: one walk over the blog in timeline order, with an HTML and a Markdown writer.
The page writer wraps the HTML fragment in a whole document."""

from __future__ import annotations

import html
import itertools
import json
import logging
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from desk.core.checks import Check, checks_of, entry_checks, where
from desk.core.clock import format_stamp, to_minute
from desk.core.errors import DeskError
from desk.core.export.options import CMS_PROFILES, EMBED_STYLES, FORMATS, ORDERS
from desk.core.model import MONTHS, Blog, Entry, Labels, summary
from desk.core.storage import nofollow
from desk.core.storage.atomic import atomic_write
from desk.core.storage.nofollow import LinkError
from desk.core.storage.store import MEDIA

if TYPE_CHECKING:  # the renderer (Markdown, nh3) is loaded by the first export
    from desk.core.export.cache import RenderCache
    from desk.core.export.render import Renderer

log = logging.getLogger(__name__)

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
    """What an export holds and how. A blog keeps its choices under `export:` in blog.yaml."""

    format: str = "html"
    include_drafts: bool = False
    embeds: str | None = None  # None: full for HTML, plain for Markdown
    order: str = "newest"
    key_events: bool = True
    jsonld: bool = False  # the page always carries it; this adds it to the fragment
    cms: str = "generic"  # the HTML fragment's profile: generic HTML or WordPress blocks

    @property
    def embed_style(self) -> str:
        if self.embeds is not None:
            return self.embeds
        return "plain" if self.format == "md" else "full"

    @property
    def for_wordpress(self) -> bool:
        """True when the export is WordPress block markup: the cms profile applies to the
        HTML fragment alone."""
        return self.cms == "wordpress" and self.format == "html"

    @classmethod
    def for_blog(cls, blog: Blog, **overrides: object) -> ExportOptions:
        """The blog's saved choices, then `overrides` (those that are not None) on top."""
        saved = blog.export
        options = cls()
        if saved.get("format") in FORMATS:
            options.format = saved["format"]
        if saved.get("entries") in ("ready", "all"):
            options.include_drafts = saved["entries"] == "all"
        if saved.get("embeds") in EMBED_STYLES:
            options.embeds = saved["embeds"]
        if saved.get("order") in ORDERS:
            options.order = saved["order"]
        if isinstance(saved.get("key_events"), bool):
            options.key_events = saved["key_events"]
        if saved.get("cms") in CMS_PROFILES:
            options.cms = saved["cms"]
        for name, value in overrides.items():
            if value is not None:
                setattr(options, name, value)
        return options

    def choices(self) -> dict[str, object]:
        """The options as kept under `export:` in blog.yaml."""
        saved: dict[str, object] = {
            "format": self.format,
            "entries": "all" if self.include_drafts else "ready",
            "order": self.order,
            "key_events": self.key_events,
        }
        if self.embeds is not None:
            saved["embeds"] = self.embeds
        if self.cms != "generic":
            saved["cms"] = self.cms
        return saved


CMS_JSONLD_ERROR = (
    "structured data cannot go in a WordPress paste (WordPress strips it from an author's "
    "post): copy it on its own with Export → Copy structured data"
)


@dataclass
class ExportResult:
    text: str
    entries: list[Entry] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def checks(self, blog: Blog) -> list[Check]:
        """The warnings as checks: each names its entry, and has the window's words."""
        return checks_of(blog, self.warnings)


class Writer(Protocol):
    def header(self, blog: Blog) -> None: ...
    def key_events(self, blog: Blog, entries: list[Entry]) -> None: ...
    def entry(self, blog: Blog, entry: Entry) -> None: ...
    def finish(self, blog: Blog) -> str: ...


def chosen_entries(blog: Blog, options: ExportOptions) -> list[Entry]:
    """The entries an export holds, in the order it holds them: the timeline (newest first)
    or its reverse (oldest first, the original entry first); the pinned update leads."""
    entries = [e for e in blog.timeline() if options.include_drafts or e.is_ready]
    if options.order == "oldest":
        entries.reverse()
    pinned = [e for e in entries if e.pinned and not e.is_original][:1]
    return pinned + [e for e in entries if e not in pinned]


def checks(blog: Blog, entries: list[Entry], options: ExportOptions) -> list[str]:
    """What an editor should know before pasting: drafts left out, entries out of order,
    empty entries, placeholders in ready entries, stamps outside the coverage. Embed checks
    come from rendering."""
    warnings = []
    drafts = sum(1 for e in blog.entries.values() if not e.is_ready)
    if drafts and not options.include_drafts:
        warnings.append(f"{drafts} draft{'s' if drafts != 1 else ''} left out")
    updates = [e for e in blog.timeline() if not e.is_original and not e.pinned]
    exported = {e.id for e in entries}
    for above, below in itertools.pairwise(updates):
        if below.id in exported and below.stamp > above.stamp:
            warnings.append(
                f"{where(blog, below)}: out of order, newer than {where(blog, above)} above it"
            )
    warnings.extend(f"{where(blog, e)}: the entry is empty" for e in entries if not e.body.strip())
    warnings.extend(check.message for check in entry_checks(blog, entries))
    return warnings


def walk(writer: Writer, blog: Blog, entries: list[Entry], key_events: bool) -> None:
    """The one walk every writer takes: the header, the key events, then the entries."""
    writer.header(blog)
    if key_events:
        writer.key_events(blog, [e for e in entries if e.key])
    for entry in entries:
        writer.entry(blog, entry)


def export_blog(
    blog: Blog, options: ExportOptions, renderer: Renderer | None = None
) -> ExportResult:
    """The blog as one text in `options.format`: header, key events, then the entries."""
    if options.format not in FORMATS:
        raise ValueError(f"unknown format {options.format!r}")
    if renderer is None:
        from desk.core.export.render import Renderer

        renderer = Renderer()
    entries = chosen_entries(blog, options)
    warnings = checks(blog, entries, options)
    writer: Writer
    if options.jsonld and options.for_wordpress:
        raise DeskError(CMS_JSONLD_ERROR)
    if options.format == "md":
        writer = MarkdownWriter(renderer, options.embed_style, warnings)
    elif options.for_wordpress:
        from desk.core.export.wordpress import WordPressWriter

        writer = WordPressWriter(renderer, options, warnings)
    else:
        writer = HtmlWriter(renderer, options, warnings)
    if options.for_wordpress:
        from desk.core.export.wordpress import prepare

        prepare(renderer, [blog.header] + [e.body for e in entries])
    elif options.format != "md":
        renderer.prepare([blog.header] + [e.body for e in entries], options.embed_style)
    walk(writer, blog, entries, options.key_events)
    if renderer.cache is not None:
        renderer.cache.flush()
    return ExportResult(writer.finish(blog), entries, warnings)


def structured_data(blog: Blog, options: ExportOptions, renderer: Renderer | None = None) -> str:
    """The structured data (schema.org JSON-LD in its script element) of the export that
    `options` make, on its own: what a WordPress paste leaves out."""
    if renderer is None:
        from desk.core.export.render import Renderer

        renderer = Renderer()
    generic = ExportOptions(
        format="html", include_drafts=options.include_drafts, order=options.order
    )
    writer = HtmlWriter(renderer, generic, [])
    writer.header(blog)
    for entry in chosen_entries(blog, generic):
        writer.entry(blog, entry)
    return writer.structured_data(blog) + "\n"


def renderer_for(cache: RenderCache | None) -> Renderer:
    """A renderer over `cache`: Markdown and nh3 are loaded by the first one made."""
    from desk.core.export.render import Renderer

    return Renderer(cache)


def render_entry(blog: Blog, entry: Entry, style: str = "preview") -> str:
    """One entry's HTML section, as the HTML export writes it (embeds in `style`)."""
    from desk.core.export.render import Renderer

    writer = HtmlWriter(Renderer(), ExportOptions(embeds=style), [])
    writer.entry(blog, entry)
    return writer.finish(blog)


def long_date(day: date) -> str:
    """14 March 2025."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def ended_line(blog: Blog) -> str:
    assert blog.ended is not None
    return f"Coverage ended at {blog.ended:%H%M} GMT, {long_date(blog.ended.date())}."


def permalink(blog: Blog, entry: Entry) -> str:
    """The entry's address: the blog's page and the entry's anchor (#entry-<id> alone when
    the blog has no page address yet)."""
    return f"{blog.url}#entry-{entry.id}"


def flag_of(entry: Entry, flag: str) -> bool:
    """Whether an entry is original, key, pinned or draft: its section's classes."""
    if flag == "original":
        return entry.is_original
    if flag == "draft":
        return not entry.is_ready
    return bool(getattr(entry, flag))


def is_pinned(entry: Entry) -> bool:
    """Whether the entry carries the pinned line (only an update can be pinned)."""
    return entry.pinned and not entry.is_original


def first_sentence(text: str) -> str:
    """The first sentence of some plain text."""
    match = re.match(r"(.+?[.!?])(?:\s|$)", text)
    return match.group(1) if match else text


def key_event_title(blog: Blog, entry: Entry) -> str:
    """A key event as listed: its label, then its headline or its first sentence."""
    words = entry.headline or first_sentence(summary(entry.body, words=60))
    return f"{blog.label(entry)} {words}".strip()


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
        self.warnings.extend(f"{where(blog, entry)}: {w}" for w in body.warnings)
        content = body.html.strip()
        self.rendered.append((entry, content))
        classes = ["desk-entry"]
        flags = ("original", "key", "pinned", "draft")
        classes += [f"desk-{flag}" for flag in flags if flag_of(entry, flag)]
        lines = [f'<section class="{" ".join(classes)}" id="entry-{entry.id}">']
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
        from desk.core.export.render import once_per_export

        fragment = once_per_export("\n".join(self.parts) + "\n")
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


def save_export(
    result: ExportResult, options: ExportOptions, blog_root: Path, target: Path
) -> None:
    """Write an export atomically; a page export takes the blog's media/ folder with it
    (its regular files: a symbolic link, there or as media/ itself, is left behind)."""
    try:
        atomic_write(target, result.text.encode("utf-8"))
        if options.format == "page":
            _copy_media(blog_root, target.parent)
    except OSError as error:
        raise DeskError(f"cannot write {target}: {error.strerror or error}") from None


def _copy_media(blog_root: Path, folder: Path) -> None:
    media = blog_root / MEDIA
    try:
        if not nofollow.list_folder(blog_root, media).files:
            return
    except FileNotFoundError:
        return
    except LinkError:
        log.warning("%s is a symbolic link: not copied with the page", media)
        return
    for link in nofollow.copy_tree(blog_root, media, folder.resolve() / MEDIA, folder.resolve()):
        log.warning("%s is a symbolic link: not copied with the page", link)


def mark_published(blog: Blog, entries: list[Entry], moment: datetime) -> None:
    """Record that `entries` went out to the CMS now, as they are."""
    for entry in entries:
        if entry.id in blog.entries:
            entry.published = to_minute(moment)
            entry.published_hash = entry.content_hash()
