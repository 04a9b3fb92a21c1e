"""Rendered entries, cached by the hash of their body, the embed style and the renderer's
version, across runs, in the user's cache folder (never in the blog folder).

A cache that cannot be opened or written is simply not used: it must never stop an export."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

from desk.core.prefs import cache_dir

SCHEMA = "CREATE TABLE IF NOT EXISTS rendered (key TEXT PRIMARY KEY, html TEXT, warnings TEXT)"
BATCH = 500


def cache_key(version: str, style: str, body: str) -> str:
    return hashlib.sha256(f"{version}\0{style}\0{body}".encode()).hexdigest()


class RenderCache:
    """A key → (html, warnings) store in SQLite; writes are batched until `flush`."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or cache_dir() / "rendered.sqlite"
        self._db: sqlite3.Connection | None = None
        self._pending: dict[str, tuple[str, list[str]]] = {}
        self._found: dict[str, tuple[str, list[str]]] = {}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, timeout=2)
            # A cache: a write-ahead log keeps it whole through a crash, and a commit need
            # not wait for the disk (an export writes a few rows and would wait for an fsync).
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute(SCHEMA)
        except sqlite3.Error:
            self._db = None
        except OSError:
            self._db = None

    def prefetch(self, keys: list[str]) -> None:
        """Read many keys in a few queries, ahead of the `get` calls that will want them."""
        if self._db is None:
            return
        try:
            for start in range(0, len(keys), BATCH):
                chunk = keys[start : start + BATCH]
                marks = ",".join("?" * len(chunk))
                rows = self._db.execute(
                    f"SELECT key, html, warnings FROM rendered WHERE key IN ({marks})",  # noqa: S608
                    chunk,
                )
                for key, html, warnings in rows:  # most bodies have no warnings
                    self._found[key] = (html, [] if warnings == "[]" else json.loads(warnings))
        except (sqlite3.Error, ValueError):
            self._found.clear()

    def get(self, key: str) -> tuple[str, list[str]] | None:
        return self._found.get(key) or self._pending.get(key)

    def put(self, key: str, html: str, warnings: list[str]) -> None:
        self._pending[key] = (html, warnings)

    def flush(self) -> None:
        if self._db is None or not self._pending:
            return
        rows = [(k, html, json.dumps(w)) for k, (html, w) in self._pending.items()]
        try:
            with self._db:
                self._db.executemany("INSERT OR REPLACE INTO rendered VALUES (?, ?, ?)", rows)
        except sqlite3.Error:
            pass
        self._pending.clear()

    def close(self) -> None:
        self.flush()
        if self._db is not None:
            self._db.close()
            self._db = None
