"""Shared blogs for the sync tests: a bare remote by path and clones of it, on real git."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterable
from datetime import UTC, date, datetime
from pathlib import Path

from desk.core.clock import FrozenClock
from desk.core.model import Entry
from desk.core.storage.store import BlogStore
from desk.core.sync.engine import SyncResult, join, share, sync
from tests.tools import require


def need_git() -> None:
    require("git", shutil.which("git") is not None, "git is not installed")


def at(hour: int, minute: int) -> datetime:
    return datetime(2025, 3, 14, hour, minute, tzinfo=UTC)


class Newsroom:
    """A desk's blog shared through a bare repository, and reporters' copies of it."""

    def __init__(self, tmp: Path, clock: FrozenClock | None = None) -> None:
        need_git()
        self.tmp = tmp
        self.clock = clock or FrozenClock()
        self.remote = tmp / "remote.git"
        store, blog = BlogStore.create(tmp / "desk", "Storm Maren", date(2025, 3, 14))
        blog.add(
            Entry(
                "orig001",
                at(9, 0),
                kind="original",
                status="ready",
                body="Storm Maren has flooded the lower town.",
            )
        )
        store.save(blog)
        self.desk = store.root
        share(self.desk, str(self.remote), "Desk editor", self.clock)

    def join(self, name: str) -> Path:
        path, _ = join(str(self.remote), self.tmp / name, name, self.clock)
        return path

    def sync(self, root: Path, author: str = "") -> SyncResult:
        return sync(root, author=author, clock=self.clock)


def add(
    root: Path, body: str, when: datetime, entry_id: str | None = None, **fields: object
) -> str:
    store, blog = BlogStore.open(root)
    entry = Entry(entry_id or store.new_id(blog), when, body=body, **fields)  # type: ignore[arg-type]
    blog.add(entry, by_stamp=True)
    store.save(blog)
    return entry.id


def edit(root: Path, entry_id: str, **fields: object) -> None:
    store, blog = BlogStore.open(root)
    for name, value in fields.items():
        setattr(blog.entries[entry_id], name, value)
    store.save(blog)


def trash(root: Path, entry_id: str) -> None:
    store, blog = BlogStore.open(root)
    store.trash(blog, entry_id)


def entries(root: Path) -> dict[str, Entry]:
    store, blog = BlogStore.open(root)
    assert store.problems == [], store.problems
    return blog.entries


def order(root: Path) -> list[str]:
    return BlogStore.open(root)[1].order


def git(root: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", *args],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
        env={
            "PATH": "/usr/bin:/bin",
            "HOME": str(root),
            "GIT_CEILING_DIRECTORIES": str(root.parent),
        },
    )
    return done.stdout


def no_markers(roots: Iterable[Path]) -> None:
    for root in roots:
        for path in root.rglob("*"):
            if ".git" in path.parts or not path.is_file():
                continue
            text = path.read_bytes()
            assert b"<<<<<<<" not in text and b">>>>>>>" not in text, path


def files(root: Path) -> dict[str, bytes]:
    """Every committed file of the blog, by relative path."""
    found = {}
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root).as_posix()
        if path.is_file() and not relative.startswith((".git/", ".history/", ".desk")):
            found[relative] = path.read_bytes()
    return found
