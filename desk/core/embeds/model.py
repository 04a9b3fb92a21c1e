"""The `embed` block of a body: its fields, and its YAML both ways."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from pathlib import Path
from typing import Any

from desk.core.errors import DeskError
from desk.core.model import MONTHS
from desk.core.storage.front_matter import Quoted, dump_yaml, load_mapping

POST_TYPES = ("x", "telegram", "bluesky", "youtube", "instagram")
TYPES = (*POST_TYPES, "image", "link")
TYPE_ALIASES = {"twitter": "x", "tweet": "x", "bsky": "bluesky", "youtu.be": "youtube"}
LINK_LABEL = "Yesterday's Coverage"
FENCE = "```"
INFO = "embed"
MAX_BLOCK = 256 * 1024
MAX_NESTING = 20  # lists and mappings in unknown keys
MAX_ITEMS = 10_000

# The order keys are written in; `type` first, unknown keys (extra) last.
FIELD_ORDER = (
    "type",
    "url",
    "uri",
    "author",
    "handle",
    "date",
    "lang",
    "title",
    "label",
    "text",
    "src",
    "alt",
    "caption",
    "credit",
)
_WHERE = Path("embed block")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_MONTH_NUMBER = {m.lower(): i for i, m in enumerate(MONTHS, start=1)}
_MONTH_NUMBER.update({m[:3].lower(): i for i, m in enumerate(MONTHS, start=1)})
_MONTH_NUMBER["sept"] = 9
_MONTH_FIRST = re.compile(r"([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})\b")
_DAY_FIRST = re.compile(r"(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b")


@dataclass
class Embed:
    """One embedded post, image or link card. Empty text fields are simply not written."""

    type: str
    url: str = ""
    author: str = ""
    handle: str = ""
    date: str = ""  # ISO YYYY-MM-DD when known; anything else is kept as typed
    text: str = ""
    # images
    src: str = ""  # an http(s) URL or media/<name>
    caption: str = ""
    credit: str = ""
    alt: str = ""
    # link cards
    title: str = ""
    label: str = LINK_LABEL
    # a Bluesky post's at:// URI (re-emitted as data-bluesky-uri), a post's language
    uri: str = ""
    lang: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def is_post(self) -> bool:
        return self.type in POST_TYPES


TEXT_FIELDS = tuple(f.name for f in fields(Embed) if f.name not in ("type", "extra"))


def iso_date(value: object) -> str | None:
    """YYYY-MM-DD from a date, a datetime or a date as platforms write it; None if none."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if not isinstance(value, str):
        return None
    text = value.strip()
    iso = _ISO_DATE.match(text)
    if iso:
        return _checked(int(iso[1]), int(iso[2]), int(iso[3]))
    match = _MONTH_FIRST.search(text)
    if match and match[1].lower() in _MONTH_NUMBER:
        return _checked(int(match[3]), _MONTH_NUMBER[match[1].lower()], int(match[2]))
    match = _DAY_FIRST.search(text)
    if match and match[2].lower() in _MONTH_NUMBER:
        return _checked(int(match[3]), _MONTH_NUMBER[match[2].lower()], int(match[1]))
    return None


def _checked(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def long_date(value: str) -> str:
    """'2025-03-14' as 'March 14, 2025' (no leading zero); other text as it is."""
    match = _ISO_DATE.fullmatch(value.strip())
    if match is None:
        return value.strip()
    try:
        day = date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return value.strip()
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"


def _text(data: dict[str, Any], key: str) -> str:
    value = data.get(key)
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int):
        kind = type(value).__name__
        raise DeskError(f"embed field {key!r} must be text, not {kind}: put it in quotes")
    return str(value)


def _too_deep(value: object, limit: int = MAX_NESTING) -> bool:
    """True for lists and mappings nested past `limit` (YAML anchors can make them cyclic)."""
    level: list[object] = [value]
    for _ in range(limit + 1):
        below: list[object] = []
        for item in level:
            if isinstance(item, list):
                below.extend(item)
            elif isinstance(item, dict):
                below.extend(item.keys())
                below.extend(item.values())
        if not below:
            return False
        if len(below) > MAX_ITEMS:
            return True
        level = below
    return True


def embed_from_mapping(data: object) -> Embed:
    """An Embed from the mapping an embed block holds, or DeskError saying what is wrong."""
    if data is None:
        raise DeskError("the embed block is empty: it needs at least a type")
    if not isinstance(data, dict):
        raise DeskError("an embed block must hold 'key: value' lines")
    for key in data:
        if not isinstance(key, str):
            raise DeskError(f"embed field names must be text, not {key!r}")
    kind = data.get("type")
    if kind is None or kind == "":
        raise DeskError(f"the embed block has no type (one of {', '.join(TYPES)})")
    if not isinstance(kind, str):
        raise DeskError(f"embed type {kind!r} is not one of {', '.join(TYPES)}")
    kind = TYPE_ALIASES.get(kind.strip().lower(), kind.strip().lower())
    if kind not in TYPES:
        raise DeskError(f"embed type {data['type']!r} is not one of {', '.join(TYPES)}")
    when = data.get("date")
    if isinstance(when, date):  # YAML reads a bare 2025-03-14 as a date
        data = {**data, "date": iso_date(when)}
    values = {key: _text(data, key) for key in TEXT_FIELDS if key in data}
    if "label" in data and data["label"] is None:
        values["label"] = ""
    extra = {k: v for k, v in data.items() if k not in TEXT_FIELDS and k != "type"}
    for key, value in extra.items():
        if _too_deep(value):
            raise DeskError(f"embed field {key!r} is too large or nested too deeply")
    return Embed(type=kind, extra=extra, **values)


def parse_embed_block(yaml_text: str) -> Embed:
    """The Embed in an embed block's YAML (the text between the fences)."""
    if not isinstance(yaml_text, str):
        raise DeskError("an embed block is text")
    if len(yaml_text) > MAX_BLOCK:
        raise DeskError(f"the embed block is too long (over {MAX_BLOCK // 1024} KB)")
    try:
        data = load_mapping(yaml_text, _WHERE)
    except DeskError as error:
        raise DeskError(f"the embed block is not valid YAML: {error}") from None
    except (ValueError, OverflowError, RecursionError, TypeError) as error:
        # PyYAML lets a well-formed but impossible date (2025-02-30) through as ValueError.
        raise DeskError(f"the embed block is not valid YAML: {error}") from None
    return embed_from_mapping(data)


def _fence_safe(value: Any) -> Any:
    """Multi-line text holding a fence written double-quoted, on one line: as a `|` block its
    line would end the embed's own ``` fence (CommonMark allows a closing fence indented)."""
    if isinstance(value, str) and "\n" in value and ("```" in value or "~~~" in value):
        return Quoted(value)
    if isinstance(value, list):
        return [_fence_safe(v) for v in value]
    if isinstance(value, dict):
        return {k: _fence_safe(v) for k, v in value.items()}
    return value


def embed_mapping(embed: Embed) -> dict[str, Any]:
    """The fields to write, in FIELD_ORDER, empty ones (and the default label) left out."""
    data: dict[str, Any] = {"type": embed.type}
    for key in FIELD_ORDER[1:]:
        value = getattr(embed, key)
        if key == "label":
            if value != LINK_LABEL:
                data[key] = value
            continue
        if not value:
            continue
        if key == "date" and _ISO_DATE.fullmatch(value) and iso_date(value) == value:
            data[key] = date.fromisoformat(value)  # written bare: date: 2025-03-14
        else:
            data[key] = value
    for key, value in embed.extra.items():
        if key not in data:
            data[key] = value
    return {key: _fence_safe(value) for key, value in data.items()}


def embed_yaml(embed: Embed) -> str:
    """The YAML inside the fences (ending with a newline)."""
    return dump_yaml(embed_mapping(embed))


def embed_block(embed: Embed) -> str:
    """The whole fenced block, as it sits in a body: ```embed, the YAML, ```."""
    return f"{FENCE}{INFO}\n{embed_yaml(embed)}{FENCE}"
