"""Generate a blog of N entries for benchmarks: 40 to 200 words each, a fifth with a quote
or a post. Deterministic for a given N and seed."""

from __future__ import annotations

import argparse
import random
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from desk.core.model import Blog, Entry, new_id
from desk.core.storage.atomic import atomic_write
from desk.core.storage.front_matter import dump_blog_meta, dump_entry
from desk.core.storage.store import GITIGNORE, BlogStore

WORDS = (
    "the harbour authority said on friday that ferries would resume at dawn after divers "
    "confirmed the breakwater was intact while residents of the lower town waited for power "
    "to return and the regional governor promised emergency payments to every family whose "
    "home was flooded by the storm surge that reached the quay shortly before midnight"
).split()
POST = """```embed
type: x
url: https://x.com/NorthWeatherOff/status/{n}
author: Northern Weather Office
handle: NorthWeatherOff
date: 2025-03-14
text: |-
  {text}
```"""


def sentence(rng: random.Random, words: int) -> str:
    chosen = [rng.choice(WORDS) for _ in range(words)]
    return " ".join(chosen).capitalize() + "."


def body(rng: random.Random) -> str:
    total = rng.randint(40, 200)
    paragraphs = []
    while total > 0:
        size = min(total, rng.randint(15, 60))
        paragraphs.append(sentence(rng, size))
        total -= size
    if rng.random() < 0.2:
        if rng.random() < 0.5:
            paragraphs.insert(1, f"> {sentence(rng, 20)}\n>\n> — Ilse Varga, regional governor")
        else:
            paragraphs.append(POST.format(n=rng.randrange(10**18, 10**19), text=sentence(rng, 25)))
    return "\n\n".join(paragraphs)


def generate(root: Path, count: int, seed: int = 1) -> Path:
    """A blog folder of `count` entries (one original, the rest updates) under `root`."""
    rng = random.Random(seed)
    start = datetime(2025, 3, 14, 6, 0, tzinfo=UTC)
    store, blog = BlogStore.create(root, f"Bench {count}", date(2025, 3, 14))
    taken: set[str] = set()
    entries = []
    for index in range(count):
        entry_id = new_id(taken)
        taken.add(entry_id)
        entries.append(
            Entry(
                entry_id,
                start + timedelta(minutes=7 * index),
                kind="original" if index == 0 else "update",
                status="ready" if rng.random() < 0.9 else "draft",
                author=rng.choice(["Jane Doe", "Marta Kell", ""]),
                body=body(rng),
            )
        )
    for entry in entries:
        # Plain writes: the generator is not what is measured, and 10,000 fsyncs are slow.
        (store.root / "entries" / f"{entry.id}.md").write_text(dump_entry(entry), encoding="utf-8")
    blog = Blog(title=blog.title, date=blog.date, header="Map: Northern Weather Office")
    blog.entries = {e.id: e for e in entries}
    blog.order = [e.id for e in reversed(entries)]
    atomic_write(store.root / "blog.yaml", dump_blog_meta(blog).encode("utf-8"))
    atomic_write(store.root / ".gitignore", GITIGNORE.encode())
    return store.root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("count", type=int)
    parser.add_argument("root", type=Path)
    args = parser.parse_args()
    print(generate(args.root, args.count))


if __name__ == "__main__":
    main()
