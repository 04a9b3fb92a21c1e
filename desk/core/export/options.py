"""The names the command line and the window offer for export and import, kept apart from
the writers so that starting the window does not load Markdown or the sanitiser."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

FORMATS = ("md", "html", "page")
EMBED_STYLES = ("full", "url", "plain")
ORDERS = ("newest", "oldest")
CMS_PROFILES = ("generic", "wordpress")  # generic HTML, or WordPress's block markup
IMPORT_FORMATS = ("text", "md", "html")


@dataclass
class ImportOptions:
    """What `desk import` takes. `date` None: today (UTC); `format` None: from the file's
    extension (import_file) or from the text itself (parse_import)."""

    format: str | None = None
    date: date | None = None
    original_at: time | None = None
    label: str | None = None
    title: str | None = None
