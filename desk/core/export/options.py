"""What an export holds and how: the format names the command line and the window offer,
and the options an export takes. Kept apart from the writers so that starting the window
or parsing the command line does not load Markdown or the sanitiser."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desk.core.model import Blog

FORMATS = ("md", "html", "page")
EMBED_STYLES = ("full", "url", "plain")
ORDERS = ("newest", "oldest")
CMS_PROFILES = ("generic", "wordpress")  # generic HTML, or WordPress's block markup


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
