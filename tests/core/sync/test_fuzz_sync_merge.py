"""The sync merge as a property: for any two edit histories from a common base, the merged
blog holds every word either side wrote, is a valid blog, and has the same entries and words
whichever side runs the merge."""

from __future__ import annotations

import copy
import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desk.core.model import Blog, Entry
from desk.core.storage.front_matter import dump_blog_meta, dump_entry, parse_blog_meta, parse_entry
from desk.core.sync.merge import Merged, merge_trees

FUZZ = settings(deadline=None, max_examples=150, suppress_health_check=[HealthCheck.too_slow])
OPS = ("add", "edit", "replace", "status", "headline", "trash", "move", "pin", "key")
START = datetime(2025, 3, 14, 9, 0, tzinfo=UTC)


@dataclass
class MemoryBlobs:
    """Blobs held in memory, for merges of trees that are not in git."""

    data: dict[str, bytes] = field(default_factory=dict)

    def add(self, content: bytes) -> str:
        oid = hashlib.sha256(content).hexdigest()
        self.data[oid] = content
        return oid

    def tree(self, files: Mapping[str, bytes]) -> dict[str, str]:
        return {path: self.add(content) for path, content in files.items()}

    def read(self, oids: Iterable[str]) -> dict[str, bytes]:
        return {oid: self.data[oid] for oid in oids}


def apply_to_tree(tree: Mapping[str, bytes], merged: Merged) -> dict[str, bytes]:
    """A file map with `merged`'s changes made."""
    result = dict(tree)
    for path, data in merged.files.items():
        if data is None:
            result.pop(path, None)
        else:
            result[path] = data
    return result


def base_blog(size: int) -> tuple[Blog, dict[str, Entry]]:
    blog = Blog(title="Storm", date=date(2025, 3, 14))
    blog.add(Entry("orig001", START, kind="original", body="base original words"))
    for n in range(size):
        blog.add(
            Entry(f"base{n:03d}", START + timedelta(minutes=10 * (n + 1)), body=f"base{n} body")
        )
    return blog, {}


def play(blog: Blog, trash: dict[str, Entry], side: str, ops: list[tuple[str, int, int]]) -> None:
    """One laptop's history: each op picks its entry by index among the live ones."""
    for number, (op, pick, value) in enumerate(ops):
        live = blog.order
        target = blog.entries[live[pick % len(live)]]
        words = f"{side}{number}w{value} {side}{number}x"
        if op == "add":
            stamp = START + timedelta(minutes=value * 7 + 1)
            blog.add(Entry(f"{side}{number:03d}", stamp, body=words), by_stamp=True)
        elif op == "edit":
            target.body += " " + words
        elif op == "replace":
            target.body = words
        elif op == "status":
            target.status = "ready" if target.status == "draft" else "draft"
        elif op == "headline":
            target.headline = words
        elif op == "trash" and not target.is_original:
            trash[target.id] = blog.remove(target.id)
        elif op == "move" and not target.is_original:
            blog.order.remove(target.id)
            blog.order.insert(value % len(blog.order[:-1] or [0]), target.id)
        elif op == "pin" and not target.is_original:
            for entry in blog.entries.values():
                entry.pinned = False
            target.pinned = True
        elif op == "key":
            target.key = not target.key


def files(blog: Blog, trash: dict[str, Entry]) -> dict[str, bytes]:
    found = {"blog.yaml": dump_blog_meta(blog).encode()}
    for entry in blog.entries.values():
        found[f"entries/{entry.id}.md"] = dump_entry(entry).encode()
    for entry in trash.values():
        found[f"trash/{entry.id}.md"] = dump_entry(entry).encode()
    return found


def words(tree: dict[str, bytes]) -> set[str]:
    found: set[str] = set()
    for path, data in tree.items():
        if path.startswith(("entries/", "trash/")):
            entry = parse_entry(data.decode(), Path(path))
            found |= set(entry.body.split()) | set(entry.headline.split())
    return found


def ids(tree: dict[str, bytes]) -> set[str]:
    return {p for p in tree if p.startswith(("entries/", "trash/"))}


def check_valid(tree: dict[str, bytes]) -> None:
    blog = parse_blog_meta(tree["blog.yaml"].decode(), Path("blog.yaml"))
    live = [p[8:-3] for p in tree if p.startswith("entries/")]
    assert sorted(blog.order) == sorted(live)
    entries = [parse_entry(tree[f"entries/{i}.md"].decode(), Path(i)) for i in blog.order]
    assert [e.is_original for e in entries].count(True) == 1
    assert entries[-1].is_original
    assert sum(e.pinned for e in entries) <= 1
    for data in tree.values():
        assert b"<<<<<<<" not in data and b">>>>>>>" not in data


HISTORY = st.lists(
    st.tuples(st.sampled_from(OPS), st.integers(0, 20), st.integers(0, 20)), max_size=8
)


@pytest.mark.fuzz
@FUZZ
@given(st.integers(0, 4), HISTORY, HISTORY)
def test_the_merge_keeps_every_word_and_is_the_same_from_either_side(
    size: int, first: list[tuple[str, int, int]], second: list[tuple[str, int, int]]
) -> None:
    base, base_trash = base_blog(size)
    sides = []
    for name, ops in (("a", first), ("b", second)):
        blog, trash = copy.deepcopy(base), copy.deepcopy(base_trash)
        play(blog, trash, name, ops)
        sides.append(files(blog, trash))
    blobs = MemoryBlobs()
    base_files = files(base, base_trash)
    trees = [blobs.tree(t) for t in (base_files, *sides)]
    one = apply_to_tree(sides[0], merge_trees(trees[0], trees[1], trees[2], blobs))
    other = apply_to_tree(sides[1], merge_trees(trees[0], trees[2], trees[1], blobs))
    for merged in (one, other):
        # Every word either side wrote; a word of the base that one side deleted and the
        # other left alone is that side's edit, and goes.
        written = (words(sides[0]) | words(sides[1])) - words(base_files)
        assert written <= words(merged)
        check_valid(merged)
    assert ids(one) == ids(other)
    assert words(one) == words(other)
    # The other side, having nothing new, takes the merge as it is: copies converge.
    merged_tree, side_tree = blobs.tree(one), trees[2]
    taken = apply_to_tree(sides[1], merge_trees(side_tree, side_tree, merged_tree, blobs))
    assert taken == one


class CountingBlobs(MemoryBlobs):
    reads: int = 0

    def read(self, oids: Iterable[str]) -> dict[str, bytes]:
        self.reads += 1
        return super().read(oids)


def test_an_original_changed_over_there_reads_the_other_entries_in_batches() -> None:
    """Which original stays is decided from every other entry of ours: read in a few
    batches, never one read per entry."""
    base, trash = base_blog(300)
    theirs = copy.deepcopy(base)
    theirs.entries["orig001"].body += " their new words"
    ours = copy.deepcopy(base)
    ours.entries["base000"].body += " our new words"
    blobs = CountingBlobs()
    trees = [blobs.tree(files(blog, trash)) for blog in (base, ours, theirs)]
    merged = merge_trees(*trees, blobs)
    result = apply_to_tree(files(ours, trash), merged)
    check_valid(result)
    assert b"their new words" in result["entries/orig001.md"]
    assert b"our new words" in result["entries/base000.md"]
    assert blobs.reads <= 3
