"""What an import takes: the format names the command line offers and the options, kept
apart from the readers so that parsing the command line loads none of them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

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
