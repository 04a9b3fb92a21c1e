"""Export's front door: which entries an export holds and what an editor should know of
them, the one walk over them with the writer the options name (HTML in `html`, Markdown in
`markdown`, WordPress blocks in `wordpress`), saving the result, and marking what went out
to the CMS as published."""

from __future__ import annotations

import itertools
import logging
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from desk.core.checks import Check, checks_of, entry_checks, where
from desk.core.clock import to_minute
from desk.core.errors import DeskError
from desk.core.export.html import HtmlWriter
from desk.core.export.markdown import MarkdownWriter
from desk.core.export.options import FORMATS, ExportOptions
from desk.core.model import Blog, Entry
from desk.core.storage import nofollow
from desk.core.storage.atomic import atomic_write
from desk.core.storage.nofollow import LinkError
from desk.core.storage.store import MEDIA

if TYPE_CHECKING:  # the renderer (Markdown, nh3) is loaded by the first export
    from desk.core.export.cache import RenderCache
    from desk.core.export.render import Renderer

log = logging.getLogger(__name__)

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
    empty = [e for e in entries if not e.body or e.body.isspace()]  # strip() copies each body
    warnings.extend(f"{where(blog, e)}: the entry is empty" for e in empty)
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


def publication_mark(entry: Entry, moment: datetime) -> tuple[datetime, str]:
    """What marking `entry` published at `moment` records: the minute, and the hash of the
    entry as it is now (so that a later edit shows as a change since publication)."""
    return to_minute(moment), entry.content_hash()


def mark_published(blog: Blog, entries: list[Entry], moment: datetime) -> None:
    """Record that `entries` went out to the CMS at `moment`, as they are."""
    for entry in entries:
        if entry.id in blog.entries:
            entry.published, entry.published_hash = publication_mark(entry, moment)
