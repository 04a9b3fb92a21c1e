"""Import: a live blog started elsewhere becomes a Desk blog.

Three readers: plain text copied out of a CMS page, Markdown (Desk's own export, exact
through its `desk:entry` markers, or written by hand), HTML (Desk's own export, exact
through its sections, or a CMS article). Where the source does not say what an entry is,
the rules in `desk.core.importers.common` recover it; import never drops or adds a word.

    blog = import_file(Path("yesterday.txt"), ImportOptions(date=date(2025, 3, 14)))
    folder = import_to_folder(blog, drafts)

Only DeskError ever leaves this module.
"""

from __future__ import annotations

import codecs
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from desk.core.clock import SystemClock, parse_time
from desk.core.errors import DeskError
from desk.core.htmltree import Element
from desk.core.importers.common import (
    MAX_INPUT,
    IdFactory,
    StampMatcher,
    Unit,
    build_blog,
    cut_at_stamps,
    escape_text,
    labels_for,
)
from desk.core.importers.guess import guess_date, guess_title, long_date
from desk.core.importers.html import (
    SectionEntry,
    cms_units,
    desk_sections,
    parse_html,
    read_desk_page,
)
from desk.core.importers.markdown import (
    MarkedEntry,
    blog_fields,
    has_markers,
    markdown_units,
    parse_marked,
)
from desk.core.importers.options import IMPORT_FORMATS, ImportOptions
from desk.core.model import Blog, Entry, Labels, check_id, new_id
from desk.core.storage.store import BlogStore, check_limits

log = logging.getLogger("desk.import")

EXTENSIONS = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}
MAX_FILE = MAX_INPUT  # bytes
DEFAULT_TITLE = "Imported blog"

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_LOOKS_HTML = re.compile(
    r"^\s*(?:<!doctype html|<html|<head|<body|<article|<section|<div|<p[\s>]|<h[1-6][\s>])",
    re.IGNORECASE,
)


def detect_format(path: Path) -> str:
    """`md` for .md/.markdown, `html` for .html/.htm, else `text`."""
    return EXTENSIONS.get(Path(path).suffix.lower(), "text")


def sniff_format(text: str) -> str:
    """The format of a text with no file name (the clipboard)."""
    if has_markers(text):
        return "md"
    if _LOOKS_HTML.match(text[:4096]):
        return "html"
    return "text"


def clean_text(text: str) -> str:
    """Text fit to keep: no NUL or other control characters, no lone surrogates, one kind
    of line ending."""
    text = text.encode("utf-8", "replace").decode("utf-8")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text).lstrip("\ufeff")


def parse_import(text: str, options: ImportOptions, *, id_factory: IdFactory | None = None) -> Blog:
    """The blog a text holds: fresh ids (a Desk export's own ids are kept), entries newest
    first with the original last. Raises DeskError only."""
    try:
        return _parse(text, options, id_factory)
    except DeskError:
        raise
    except RecursionError:
        raise DeskError("the file is nested too deeply to import") from None
    except (ValueError, TypeError, KeyError, IndexError, OverflowError) as error:
        raise DeskError(f"could not import the file: {error}") from None


def _parse(text: str, options: ImportOptions, id_factory: IdFactory | None) -> Blog:
    if not isinstance(text, str):
        raise DeskError("import takes text")
    if len(text) > MAX_INPUT:
        raise DeskError(f"the file is too large to import (over {MAX_INPUT // 2**20} MB)")
    text = clean_text(text)
    fmt = options.format or sniff_format(text)
    if fmt not in IMPORT_FORMATS:
        raise DeskError(f"unknown import format {fmt!r}: use one of {', '.join(IMPORT_FORMATS)}")
    matcher = StampMatcher(options.label)
    labels = labels_for(options.label)
    if fmt == "md" and has_markers(text):
        return _from_marked_markdown(text, options, labels, id_factory)
    if fmt == "html":
        root = parse_html(text)
        sections = desk_sections(root)
        if sections:
            return _from_desk_html(root, sections, options, labels, id_factory)
        units = cms_units(root)
    elif fmt == "md":
        units = markdown_units(text, matcher)
    else:
        units = text_units(text)
    found = cut_at_stamps(units, matcher)
    return build_blog(
        found,
        title=_title(options),
        day=options.date or today(),
        original_at=options.original_at,
        labels=labels,
        id_factory=id_factory,
    )


def text_units(text: str) -> list[Unit]:
    """Plain text: every line that holds a word is a unit."""
    return [
        Unit(escape_text(line), " ".join(line.split())) for line in text.split("\n") if line.strip()
    ]


def today() -> date:
    return SystemClock().now().date()


def _title(options: ImportOptions, found: str = "") -> str:
    title = (options.title or "").strip() or found.strip()
    return title or DEFAULT_TITLE


# ---------------------------------------------------------------- Desk's own exports


def _coverage_day(entries: list[Entry], labels: Labels, shown: dict[str, str]) -> date | None:
    """The blog's date, read from the labels: an update whose label is the same-day form
    was written on the blog's day."""
    for entry in entries:
        label = shown.get(entry.id)
        if entry.is_original or label is None:
            continue
        if labels.for_stamp(entry.stamp, entry.stamp.date()) == label:
            return entry.stamp.date()
    return None


def _assemble(
    entries: list[Entry],
    *,
    header: str,
    title: str,
    day: date | None,
    labels: Labels,
    original_label: str | None,
    shown: dict[str, str],
    options: ImportOptions,
) -> Blog:
    if original_label:
        labels.original = original_label
    if day is None:
        day = _coverage_day(entries, labels, shown) or options.date
    if day is None:
        updates = [e.stamp for e in entries if not e.is_original]
        day = min(updates).date() if updates else today()
    blog = Blog(title=_title(options, title), date=day, header=header, labels=labels)
    originals = [e for e in entries if e.is_original]
    for entry in entries:
        if entry.is_original and entry is not originals[0]:
            entry.kind = "update"  # one original per blog: a second one is an update
        blog.entries[entry.id] = entry
        if not entry.is_original:
            blog.order.append(entry.id)
    if originals:
        blog.order.append(originals[0].id)
    return blog


def _fresh(entry_id: str | None, taken: set[str], id_factory: IdFactory | None) -> str:
    if entry_id is not None and entry_id not in taken:
        return entry_id
    return (id_factory or (lambda t: new_id(t)))(taken)


def _desk_entries(
    items: Sequence[MarkedEntry | SectionEntry], id_factory: IdFactory | None
) -> tuple[list[Entry], dict[str, str]]:
    """Entries from Desk's own export, their ids kept where valid and unique, and the
    labels they were shown with."""
    taken: set[str] = set()
    entries: list[Entry] = []
    shown: dict[str, str] = {}
    for item in items:
        try:
            entry_id = _fresh(check_id(item.id), taken, id_factory)
        except DeskError:
            entry_id = _fresh(None, taken, id_factory)
        taken.add(entry_id)
        if item.label is not None:
            shown[entry_id] = item.label
        entries.append(
            Entry(
                id=entry_id,
                stamp=item.stamp,
                kind=item.kind,
                status=item.status,
                author=item.author,
                headline=item.headline,
                body=item.body,
                key=item.key,
                pinned=item.pinned,
            )
        )
    return entries, shown


def _from_marked_markdown(
    text: str, options: ImportOptions, labels: Labels, id_factory: IdFactory | None
) -> Blog:
    header, marked, original_label = parse_marked(text)
    entries, shown = _desk_entries(marked, id_factory)
    fields = blog_fields(text)
    title = ""
    first = header.split("\n", 1)[0] if header else ""
    if isinstance(fields.get("title"), str):
        title = str(fields["title"])
    elif first.startswith("# "):
        title = first[2:]
    formats = fields.get("labels")
    if isinstance(formats, dict):
        labels = Labels.from_mapping(formats)
    blog = _assemble(
        entries,
        header=header,
        title=title if options.title is None else "",
        day=_field_date(fields.get("date")),
        labels=labels,
        original_label=original_label,
        shown=shown,
        options=options,
    )
    kept = {e.id for e, m in zip(entries, marked, strict=True) if e.id == m.id}
    _take_blog_fields(blog, fields, kept)
    return blog


def _field_date(value: object) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _take_blog_fields(blog: Blog, fields: dict[str, object], kept: set[str]) -> None:
    """The export's own record of the blog: its page address, its end, its placeholders
    and its timeline order (entries whose id had to change keep their place as listed)."""
    url = fields.get("url")
    if isinstance(url, str):
        blog.url = url
    ended = fields.get("ended")
    if isinstance(ended, str):
        try:
            blog.ended = parse_time(ended)
        except DeskError as error:  # edited by hand: the blog is still whole without it
            log.warning("the export's end of coverage %r is left out: %s", ended, error)
    words = fields.get("placeholders")
    if isinstance(words, list):
        blog.placeholders = [w for w in words if isinstance(w, str)]
    order = fields.get("order")
    if isinstance(order, list) and all(isinstance(i, str) for i in order):
        wanted = [i for i in order if i in kept]
        if sorted(wanted) == sorted(blog.order):
            blog.order = wanted


def _from_desk_html(
    root: Element,
    sections: list[Element],
    options: ImportOptions,
    labels: Labels,
    id_factory: IdFactory | None,
) -> Blog:
    page = read_desk_page(root, sections)
    entries, shown = _desk_entries(page.entries, id_factory)
    return _assemble(
        entries,
        header=page.header,
        title=page.title,
        day=page.day,
        labels=labels,
        original_label=page.original_label,
        shown=shown,
        options=options,
    )


# ---------------------------------------------------------------- files


def decode(data: bytes, name: str = "the file") -> str:
    """Bytes as text: UTF-8 (a BOM allowed), UTF-16 with its BOM; invalid bytes become
    U+FFFD rather than stopping the import."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise DeskError(f"{name} is not valid UTF-16") from None
    text = data.decode("utf-8", errors="replace")
    if text.count("\ufffd") > max(16, len(text) // 10):
        raise DeskError(f"{name} is not text (or not UTF-8): nothing to import")
    return text


def read_import_file(path: Path) -> str:
    """The text of a file to import (DeskError when it cannot be read, or holds none)."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE:
            raise DeskError(f"{path} is too large to import (over {MAX_FILE // 2**20} MB)")
        data = path.read_bytes()
    except OSError as error:
        raise DeskError(f"cannot read {path}: {error.strerror or error}") from None
    if not data.strip():
        raise DeskError(f"{path} is empty: nothing to import")
    return decode(data, str(path))


def import_file(path: Path, options: ImportOptions, *, id_factory: IdFactory | None = None) -> Blog:
    """Read a file and import it; the format from options, else from the file's extension.
    Without --title, the title comes from the page (Desk's page export) or the file name."""
    path = Path(path)
    text = read_import_file(path)
    fmt = options.format or detect_format(path)
    chosen = ImportOptions(fmt, options.date, options.original_at, options.label, options.title)
    blog = parse_import(text, chosen, id_factory=id_factory)
    if not options.title and blog.title == DEFAULT_TITLE:
        blog.title = title_from_name(path)
    return blog


@dataclass
class ImportPreview:
    """The blog an import would make, and what it guessed to make it, in plain words
    (`kind` "title" or "date": the command line says which option sets it)."""

    blog: Blog
    guesses: list[tuple[str, str]] = field(default_factory=list)  # (kind, sentence)
    text: str = ""
    options: ImportOptions = field(default_factory=ImportOptions)

    def again(self, day: date) -> Blog:
        """The same import with another coverage date (the stamps follow it)."""
        return parse_import(self.text, replace(self.options, date=day))


def is_desk_export(text: str, fmt: str) -> bool:
    """Whether the text is Desk's own export, whose title and date are exact."""
    if fmt == "md":
        return has_markers(text)
    return fmt == "html" and bool(desk_sections(parse_html(text)))


def preview_import(
    text: str,
    options: ImportOptions,
    *,
    path: Path | None = None,
    today_is: date | None = None,
    id_factory: IdFactory | None = None,
) -> ImportPreview:
    """The blog `text` holds, with the title and the coverage date guessed from the text
    where the options leave them out, and each guess said. Raises DeskError only."""
    if not isinstance(text, str):
        raise DeskError("import takes text")
    text = clean_text(text)
    fmt = options.format or (detect_format(path) if path is not None else sniff_format(text))
    chosen = replace(options, format=fmt)
    guesses: list[tuple[str, str]] = []
    exact = is_desk_export(text, fmt)
    now = today_is or today()
    if not exact and chosen.date is None:
        found = guess_date(text, now)
        if found is not None and isinstance(found.value, date):
            chosen.date = found.value
            guesses.append(("date", f"coverage date {long_date(found.value)}, from {found.found}"))
        else:
            chosen.date = now
            guesses.append(
                ("date", f"no date in the text: the coverage date is today, {long_date(now)}")
            )
    if not exact and chosen.title is None:
        title = guess_title(text, fmt, options.label)
        if title is not None and isinstance(title.value, str):
            chosen.title = title.value
            guesses.append(("title", f"title “{title.value}”, from {title.found}"))
        elif path is not None:
            chosen.title = title_from_name(path)
            guesses.append(("title", f"title “{chosen.title}”, from the file's name"))
    blog = parse_import(text, chosen, id_factory=id_factory)
    if exact and options.title is None and blog.title == DEFAULT_TITLE and path is not None:
        blog.title = title_from_name(path)
        guesses.append(("title", f"title “{blog.title}”, from the file's name"))
    return ImportPreview(blog, guesses, text, chosen)


def preview_file(
    path: Path, options: ImportOptions, *, today_is: date | None = None
) -> ImportPreview:
    """preview_import on a file's text; the format from the options or the file's name."""
    return preview_import(read_import_file(path), options, path=Path(path), today_is=today_is)


def title_from_name(path: Path) -> str:
    """'harbour-storm_2025-03-14.txt' → 'Harbour storm 2025-03-14'."""
    stem = re.sub(r"[-_\s]+", " ", Path(path).stem).strip()
    if not stem:
        return DEFAULT_TITLE
    return stem[0].upper() + stem[1:]


def import_to_folder(blog: Blog, drafts: Path) -> Path:
    """Write an imported blog as a new blog folder under `drafts`; returns its path."""
    check_limits(blog)  # before the folder is made: past a limit nothing is written
    store, created = BlogStore.create(Path(drafts), blog.title, blog.date)
    blog.title = created.title
    store.save(blog)
    return store.root
