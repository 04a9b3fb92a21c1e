"""The names the command line and the window offer for export and import, kept apart from
the writers so that starting the window does not load Markdown or the sanitiser."""

from __future__ import annotations

FORMATS = ("md", "html", "page")
EMBED_STYLES = ("full", "url", "plain")
ORDERS = ("newest", "oldest")
IMPORT_FORMATS = ("text", "md", "html")
