"""The blog and its entries, and where entries go in the timeline."""

from __future__ import annotations

import functools
import hashlib
import itertools
import re
import string
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from desk.core.clock import format_stamp, to_minute
from desk.core.errors import DeskError

ID_PATTERN = re.compile(r"[a-z][a-z0-9-]*")
MAX_ENTRIES = 100_000  # past this a blog (perhaps a hostile one) would hang the window
KINDS = ("update", "original")
STATUSES = ("draft", "ready")

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

DEFAULT_LABELS = {
    "update": "UPDATE {HH}{MM} GMT:",
    "update_other_day": "UPDATE {HH}{MM} GMT, {day} {month}:",
    "original": "ORIGINAL ENTRY:",
    "pinned": "Pinned",  # the line a pinned update carries in every export
}
_FIELD = re.compile(r"\{(HH|MM|day|month)\}")


def check_id(entry_id: object) -> str:
    """The id itself, or DeskError: an id is a file name, so it must never reach outside."""
    if not isinstance(entry_id, str) or not ID_PATTERN.fullmatch(entry_id):
        raise DeskError(f"bad entry id {entry_id!r}: ids are [a-z][a-z0-9-]*")
    return entry_id


def new_id(taken: Iterable[str] = ()) -> str:
    """A random id that is not among `taken` (ids are never reused)."""
    import secrets  # here: 1.7 ms of imports that opening a blog does not need

    used = set(taken)
    alphabet = string.ascii_lowercase + string.digits
    while True:
        candidate = secrets.choice(string.ascii_lowercase) + "".join(
            secrets.choice(alphabet) for _ in range(6)
        )
        if candidate not in used:
            return candidate


@dataclass
class Labels:
    """The label formats of one blog (`labels` in blog.yaml)."""

    update: str = DEFAULT_LABELS["update"]
    update_other_day: str = DEFAULT_LABELS["update_other_day"]
    original: str = DEFAULT_LABELS["original"]
    pinned: str = DEFAULT_LABELS["pinned"]

    @classmethod
    def from_mapping(cls, data: dict[str, Any]) -> Labels:
        known = {k: str(v) for k, v in data.items() if k in DEFAULT_LABELS}
        return cls(**known)

    def as_mapping(self) -> dict[str, str]:
        """The formats as blog.yaml keeps them (the pinned line only once it was changed)."""
        formats = {
            "update": self.update,
            "update_other_day": self.update_other_day,
            "original": self.original,
        }
        if self.pinned != DEFAULT_LABELS["pinned"]:
            formats["pinned"] = self.pinned
        return formats

    def all_formats(self) -> dict[str, str]:
        return {**self.as_mapping(), "pinned": self.pinned}

    def pinned_line(self, stamp: datetime) -> str:
        """The line above a pinned update's text (the same fields as the stamp labels)."""
        return _fill(self.pinned, stamp.hour, stamp.minute, stamp.day, stamp.month)

    def for_stamp(self, stamp: datetime, blog_date: date, kind: str = "update") -> str:
        """The label readers see for an entry stamped `stamp` in a blog dated `blog_date`."""
        if kind == "original":
            return self.original
        template = self.update if stamp.date() == blog_date else self.update_other_day
        return _fill(template, stamp.hour, stamp.minute, stamp.day, stamp.month)


@functools.lru_cache(maxsize=32_768)
def _fill(template: str, hour: int, minute: int, day: int, month: int) -> str:
    """A label format with a stamp's fields filled in, made once per stamp: an export asks
    for each entry's label several times (its section, its checks, the key events)."""
    return _format_of(template).format(
        HH=f"{hour:02d}", MM=f"{minute:02d}", day=day, month=MONTHS[month - 1]
    )


@functools.lru_cache(maxsize=64)
def _format_of(template: str) -> str:
    """A label format as a `str.format` string: its four fields kept, any other brace
    doubled so that it reads as itself."""
    pieces = _FIELD.split(template)  # text, field, text, field, …, text
    return "".join(
        "{" + piece + "}" if odd else piece.replace("{", "{{").replace("}", "}}")
        for odd, piece in zip(itertools.cycle((False, True)), pieces, strict=False)
    )


@dataclass
class Entry:
    """One update, or the original entry. `extra` keeps keys Desk does not know."""

    id: str
    stamp: datetime
    kind: str = "update"
    status: str = "draft"
    author: str = ""
    headline: str = ""
    body: str = ""
    notes: str = ""
    key: bool = False
    pinned: bool = False
    published: datetime | None = None
    published_hash: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        check_id(self.id)
        self.stamp = to_minute(self.stamp)

    @property
    def is_original(self) -> bool:
        return self.kind == "original"

    @property
    def is_ready(self) -> bool:
        return self.status == "ready"

    def words(self) -> list[str]:
        return self.body.split()

    def content_hash(self) -> str:
        """A hash of what readers get of this entry (not notes, status or bookkeeping)."""
        published = "\0".join(
            (format_stamp(self.stamp), self.kind, self.author, self.headline, self.body)
        )
        return hashlib.sha256(published.encode("utf-8")).hexdigest()[:16]

    @property
    def changed_since_published(self) -> bool:
        return self.published is not None and self.published_hash != self.content_hash()


@dataclass
class Blog:
    """One live blog: its fields, its entries by id, and the timeline order (top first)."""

    title: str
    date: date
    header: str = ""
    labels: Labels = field(default_factory=Labels)
    order: list[str] = field(default_factory=list)
    entries: dict[str, Entry] = field(default_factory=dict)
    url: str = ""
    ended: datetime | None = None
    export: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def placeholders(self) -> list[str]:
        """The blog's own placeholders, besides the newsroom's usual ones (`placeholders`
        in blog.yaml)."""
        own = self.extra.get("placeholders")
        return [str(p) for p in own if str(p).strip()] if isinstance(own, list) else []

    @placeholders.setter
    def placeholders(self, words: list[str]) -> None:
        if words:
            self.extra["placeholders"] = list(words)
        else:
            self.extra.pop("placeholders", None)

    @property
    def language(self) -> str:
        """The language its entries are written in, for spelling ('en-GB'; `language` in
        blog.yaml); '' when the blog does not say (the preferences' default applies)."""
        value = self.extra.get("language")
        return value.strip() if isinstance(value, str) else ""

    @language.setter
    def language(self, value: str) -> None:
        if value.strip():
            self.extra["language"] = value.strip()
        else:
            self.extra.pop("language", None)

    def timeline(self) -> list[Entry]:
        """The entries in timeline order."""
        found = self.entries.get
        return [entry for i in self.order if (entry := found(i)) is not None]

    def original(self) -> Entry | None:
        return next((e for e in self.entries.values() if e.is_original), None)

    def label(self, entry: Entry) -> str:
        return self.labels.for_stamp(entry.stamp, self.date, entry.kind)

    def add(self, entry: Entry, *, by_stamp: bool = False) -> None:
        """Put a new entry in the timeline: the original last, an update at the top or at
        its stamp's place among the updates (newest first)."""
        if entry.id in self.entries:
            raise DeskError(f"an entry with id {entry.id!r} is already in the blog")
        if entry.is_original and self.original() is not None:
            raise DeskError("the blog already has an original entry")
        if len(self.entries) >= MAX_ENTRIES:
            raise DeskError(f"a blog holds at most {MAX_ENTRIES:,} entries: this one is full")
        self.entries[entry.id] = entry
        self.order.insert(self.place_for(entry, by_stamp=by_stamp), entry.id)

    def place_for(self, entry: Entry, *, by_stamp: bool) -> int:
        """The index in `order` where `entry` belongs."""
        timeline = [self.entries[i] for i in self.order if i in self.entries and i != entry.id]
        if entry.is_original:
            return len(self.order)
        if not by_stamp:
            return 0
        for other in timeline:
            if other.is_original or other.stamp < entry.stamp:
                return self.order.index(other.id)
        return len(self.order)

    def remove(self, entry_id: str) -> Entry:
        entry = self.entries.pop(entry_id)
        self.order = [i for i in self.order if i != entry_id]
        return entry

    def order_by_stamp(self) -> list[str]:
        """The timeline's ids sorted by stamp: updates newest first, the original entry
        last (updates with the same stamp keep their order)."""
        updates = sorted(
            (e for e in self.timeline() if not e.is_original),
            key=lambda e: e.stamp,
            reverse=True,
        )
        original = [e for e in self.timeline() if e.is_original]
        return [e.id for e in updates + original]

    def sort_by_stamp(self) -> None:
        """Put the timeline in stamp order (`order_by_stamp`)."""
        self.order = self.order_by_stamp()


# An embed block in a body (```embed … ```); group 1 is its YAML.
EMBED_FENCE = re.compile(r"^```embed[ \t]*\n(.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)
_MARKUP = re.compile(r"^(?:[>#*+-]+|\d+\.)$")


def summary(body: str, words: int = 8) -> str:
    """The first words of a body as a reader would say them: Markdown marks and embed
    blocks left out."""
    plain = EMBED_FENCE.sub(" [embed] ", body)
    kept = [w for w in plain.split() if not _MARKUP.match(w)]
    return " ".join(w.strip("*_`") for w in kept[:words])
