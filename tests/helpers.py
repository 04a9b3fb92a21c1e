"""Blogs and folder snapshots that many tests share."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime
from pathlib import Path

from desk.core.model import Blog, Entry
from desk.core.storage.store import BlogStore

EXPECTED = Path(__file__).parent / "expected"
# A post on X as an entry body holds it: the exports, the caches and the workers share it.
X_POST = """```embed
type: x
url: https://x.com/NorthWeatherOff/status/1900712345678901234
author: Northern Weather Office
handle: NorthWeatherOff
date: 2025-03-14
text: Stay away from the sea front tonight.
```"""


def at(hour: int, minute: int, day: int = 14) -> datetime:
    return datetime(2025, 3, day, hour, minute, tzinfo=UTC)


def small_blog() -> Blog:
    """Four entries: a draft on top, an update past midnight, one with a headline, the original."""
    blog = Blog(
        title="Storm Maren: live",
        date=date(2025, 3, 14),
        header="Drone image of the flooded quay at Port Elvan\n\nMap: Northern Weather Office",
    )
    blog.add(
        Entry(
            "b2c9d01",
            at(9, 0),
            kind="original",
            status="ready",
            author="Marta Kell",
            body="Storm Maren has flooded the lower town of Port Elvan.\n\n"
            "The governor said:\n\n"
            "> We have pumps on every street below the sea wall.\n>\n"
            "> — Ilse Varga, regional governor",
        )
    )
    blog.add(
        Entry(
            "k7f3c2a",
            at(21, 41),
            status="ready",
            headline="Ferry terminal reopens",
            body="The Harbour Authority has reopened the northern ferry terminal.\n\n"
            "Ferries will resume at *0600 GMT*.",
        )
    )
    blog.add(Entry("n0d2aft", at(22, 5), status="draft", body="Unconfirmed: a second breach."))
    blog.add(Entry("m1dn1te", at(0, 15, day=15), status="ready", body="Tide has turned."))
    return blog


def make_blog_folder(root: Path, blog: Blog | None = None) -> BlogStore:
    store, empty = BlogStore.create(root, "Storm Maren: live", date(2025, 3, 14))
    source = blog or small_blog()
    empty.header = source.header
    for entry in source.timeline():
        empty.entries[entry.id] = entry
    empty.order = list(source.order)
    store.save(empty)
    return store


def snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    """Every file under `folder`: its hash and mtime, to prove nothing was touched."""
    return {
        str(p.relative_to(folder)): (
            hashlib.sha256(p.read_bytes()).hexdigest(),
            p.stat().st_mtime_ns,
        )
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }
