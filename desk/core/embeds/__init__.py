"""Embeds in a body: posts (X, Telegram, Bluesky, YouTube, Instagram), images, link cards.

- `model`: the Embed and the ```embed block's YAML (parse_embed_block, embed_block);
- `urls`: post addresses (parse_post_url);
- `ids`: a post's date from its id (date_from_post_id);
- `paste`: platforms' embed code (parse_embed_code);
- `render`: HTML in the export styles, the preview card, and warnings;
- `md`: Markdown;
- `scripts`: each platform's script.

No Qt here: the editor's dialogs and the exports both build on these.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desk.core.embeds.ids import date_from_post_id
    from desk.core.embeds.md import MARKDOWN_STYLES, render_embed_markdown
    from desk.core.embeds.model import (
        FIELD_ORDER,
        LINK_LABEL,
        POST_TYPES,
        TYPES,
        Embed,
        embed_block,
        embed_from_mapping,
        embed_mapping,
        embed_yaml,
        iso_date,
        long_date,
        parse_embed_block,
    )
    from desk.core.embeds.paste import MAX_CODE, embed_from_url, parse_embed_code
    from desk.core.embeds.render import (
        STYLES,
        bluesky_uri,
        embed_warnings,
        media_name,
        render_embed_html,
        render_embed_preview,
    )
    from desk.core.embeds.scripts import SCRIPTS
    from desk.core.embeds.urls import PLATFORM_NAMES, PLATFORMS, PostRef, is_web_url, parse_post_url

# Each name's module, imported when the name is first asked for: what needs only the
# scripts (an export whose bodies are all in the render cache) loads only them.
_MODULES = {
    name: module
    for module, names in {
        "ids": ("date_from_post_id",),
        "md": ("MARKDOWN_STYLES", "render_embed_markdown"),
        "model": (
            "FIELD_ORDER", "LINK_LABEL", "POST_TYPES", "TYPES", "Embed", "embed_block",
            "embed_from_mapping", "embed_mapping", "embed_yaml", "iso_date", "long_date",
            "parse_embed_block",
        ),
        "paste": ("MAX_CODE", "embed_from_url", "parse_embed_code"),
        "render": (
            "STYLES", "bluesky_uri", "embed_warnings", "media_name", "render_embed_html",
            "render_embed_preview",
        ),
        "scripts": ("SCRIPTS",),
        "urls": ("PLATFORM_NAMES", "PLATFORMS", "PostRef", "is_web_url", "parse_post_url"),
    }.items()
    for name in names
}  # fmt: skip


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


__all__ = [
    "FIELD_ORDER",
    "LINK_LABEL",
    "MARKDOWN_STYLES",
    "MAX_CODE",
    "PLATFORMS",
    "PLATFORM_NAMES",
    "POST_TYPES",
    "SCRIPTS",
    "STYLES",
    "TYPES",
    "Embed",
    "PostRef",
    "bluesky_uri",
    "date_from_post_id",
    "embed_block",
    "embed_from_mapping",
    "embed_from_url",
    "embed_mapping",
    "embed_warnings",
    "embed_yaml",
    "is_web_url",
    "iso_date",
    "long_date",
    "media_name",
    "parse_embed_block",
    "parse_embed_code",
    "parse_post_url",
    "render_embed_html",
    "render_embed_markdown",
    "render_embed_preview",
]
