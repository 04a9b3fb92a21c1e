"""A simulated newsroom: a desk and reporters on one shared blog, each writing, editing,
reordering, changing status, deleting and syncing in a random (seeded) interleaving."""

from __future__ import annotations

import random
import subprocess
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from desk.core.clock import FrozenClock
from desk.core.errors import DeskError
from desk.core.model import Entry
from desk.core.storage.store import BlogStore
from tests.sync_helpers import Newsroom, files


@dataclass
class Figures:
    copies: int = 0
    actions: int = 0
    syncs: int = 0
    conflicts: int = 0
    entries: int = 0
    words: int = 0
    seconds: float = 0.0
    sync_seconds: list[float] = field(default_factory=list)

    def __str__(self) -> str:
        mean = sum(self.sync_seconds) / max(1, len(self.sync_seconds))
        return (
            f"{self.copies} copies, {self.actions} actions, {self.syncs} syncs "
            f"({mean * 1000:.0f} ms each on average), {self.conflicts} conflict copies, "
            f"{self.entries} entries, {self.words} distinct words, {self.seconds:.1f} s"
        )


class Laptop:
    def __init__(self, name: str, root: Path, rng: random.Random) -> None:
        self.name, self.root, self.rng = name, root, rng
        self.count = 0

    def word(self) -> str:
        self.count += 1
        return f"{self.name}w{self.count}"

    def act(self, written: set[str], clock: FrozenClock) -> None:
        store, blog = BlogStore.open(self.root, clock)
        live = [i for i in blog.order if not blog.entries[i].is_original]
        roll = self.rng.random()
        if roll < 0.4 or not live:
            words = [self.word() for _ in range(self.rng.randint(3, 8))]
            written.update(words)
            stamp = clock.now() - timedelta(minutes=self.rng.randint(0, 30))
            entry = Entry(store.new_id(blog), stamp, author=self.name, body=" ".join(words))
            blog.add(entry, by_stamp=True)
            store.save(blog)
            return
        target = blog.entries[self.rng.choice(live)]
        if roll < 0.65:
            words = [self.word() for _ in range(self.rng.randint(1, 4))]
            written.update(words)
            target.body += " " + " ".join(words)
        elif roll < 0.75:
            target.status = "ready" if target.status == "draft" else "draft"
        elif roll < 0.85 and len(live) > 1:
            blog.order.remove(target.id)
            blog.order.insert(self.rng.randrange(len(blog.order)), target.id)
            if blog.original() is not None:
                original = blog.original()
                assert original is not None
                blog.order.remove(original.id)
                blog.order.append(original.id)
        elif roll < 0.9:
            word = self.word()  # words are only ever added, so each one must survive
            target.headline = f"{target.headline} {word}".strip()
            written.add(word)
        else:
            store.trash(blog, target.id)
            return
        store.save(blog)


def all_words(root: Path) -> set[str]:
    found: set[str] = set()
    for folder in ("entries", "trash"):
        for path in (root / folder).glob("*.md"):
            found.update(path.read_text(encoding="utf-8").split())
    return found


def simulate(
    tmp: Path, reporters: int = 10, updates: int = 100, seed: int = 13, sync_every: float = 0.08
) -> Figures:
    """Run the newsroom; assert that every copy ends identical, clean and complete."""
    started = time.perf_counter()
    rng = random.Random(seed)
    clock = FrozenClock(datetime(2025, 3, 14, 12, 0, tzinfo=UTC))
    room = Newsroom(tmp, clock)
    laptops = [Laptop("desk", room.desk, rng)] + [
        Laptop(f"r{n}", room.join(f"r{n}"), rng) for n in range(reporters)
    ]
    figures = Figures(copies=len(laptops))
    written: set[str] = set()
    left = {laptop.name: updates for laptop in laptops}

    def sync(laptop: Laptop) -> None:
        begun = time.perf_counter()
        try:
            result = room.sync(laptop.root, laptop.name)
        except DeskError as error:  # the retries used up by a busy remote: sync again later
            if "tries used up" not in str(error):
                raise
            return
        figures.sync_seconds.append(time.perf_counter() - begun)
        figures.syncs += 1
        figures.conflicts += result.conflicts

    while any(left.values()):
        laptop = rng.choice([lap for lap in laptops if left[lap.name]])
        clock.advance(seconds=20)
        if rng.random() < sync_every:
            sync(laptop)
        else:
            laptop.act(written, clock)
            left[laptop.name] -= 1
            figures.actions += 1
    for _round in range(2):
        for laptop in laptops:
            sync(laptop)
    reference = files(room.desk)
    for laptop in laptops:
        assert files(laptop.root) == reference, laptop.name
        assert git_status(laptop.root) == ""
    missing = written - all_words(room.desk)
    assert not missing, sorted(missing)[:20]
    for data in reference.values():
        assert b"<<<<<<<" not in data and b">>>>>>>" not in data
    store, blog = BlogStore.open(room.desk)
    assert store.problems == []
    figures.entries = len(blog.entries)
    figures.words = len(written)
    figures.seconds = time.perf_counter() - started
    return figures


def git_status(root: Path) -> str:
    done = subprocess.run(
        ["git", "status", "--porcelain"], cwd=root, capture_output=True, text=True, check=True
    )
    return done.stdout
