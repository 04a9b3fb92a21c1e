"""The entry index: what Desk parsed from each entry file, kept in the user's cache folder
(never in the blog folder) so that the next load parses only the files that changed.

It is a cache and nothing more. A record is used only while its file's identity (size,
mtime and ctime in ns, inode, from `lstat`) is the one it was made from, and only for a
file last changed well before the index was written (a change in the same tick would keep
its times; an inode can be reused). An index that is missing, broken, of another version
or of another folder is an empty one: it changes how fast a blog opens, never what it
shows or saves."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from desk.core.model import Entry
from desk.core.prefs import cache_dir
from desk.core.storage.atomic import atomic_write

log = logging.getLogger(__name__)

VERSION = 2
FOLDER = "entry-index"
# A file whose times are this close to (or after) the index's writing is read again: the
# clocks of file systems are coarse, and a write in the same tick keeps its times.
SLACK_NS = 2_000_000_000
Identity = tuple[int, int, int, int]  # size, mtime_ns, ctime_ns, inode
# A record is a list of the entry's fields in this order (a list, not a mapping: JSON
# reads 10,000 of them in half the time), then `extra` (None when it is empty).
_TEXTS = ("id", "kind", "status", "author", "headline", "notes", "published_hash", "body")
_FLAGS = ("key", "pinned")
_LENGTH = len(_TEXTS) + len(_FLAGS) + 3  # the texts, the flags, stamp, published, extra


def identity(status: os.stat_result) -> Identity:
    return (status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino)


def index_path(root: Path) -> Path:
    """The index of the blog at `root` (resolved): two blogs of the same name in different
    folders have different indexes."""
    digest = hashlib.sha256(os.fsencode(root.resolve())).hexdigest()[:32]
    return cache_dir() / FOLDER / f"{digest}.json"


def record_of(entry: Entry) -> list[Any] | None:
    """The entry as JSON keeps it, or None when it holds a value JSON would change."""
    if entry.extra and not _plain(entry.extra):
        return None
    return [
        *(getattr(entry, name) for name in _TEXTS),
        *(getattr(entry, name) for name in _FLAGS),
        entry.stamp.isoformat(),
        entry.published.isoformat() if entry.published else None,
        entry.extra or None,
    ]


def _plain(value: object) -> bool:
    """True if JSON gives `value` back as it is (strings, numbers, flags, lists, maps)."""
    if value is None or isinstance(value, str | bool | int | float):
        return not isinstance(value, float) or value == value  # NaN is not equal to itself
    if isinstance(value, list):
        return all(_plain(v) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in value.items())
    return False


def entry_of(record: object) -> Entry:
    """The entry a record keeps (ValueError, TypeError or DeskError if it is not one)."""
    if type(record) is not list or len(record) != _LENGTH:
        raise TypeError("not a record")
    (
        entry_id, kind, status, author, headline, notes, published_hash, body,
        key, pinned, stamp, published, extra,
    ) = record  # fmt: skip
    for text in (entry_id, kind, status, author, headline, notes, published_hash, body):
        if type(text) is not str:
            raise TypeError("text field")
    if type(key) is not bool or type(pinned) is not bool:
        raise TypeError("flag")
    if extra is not None and type(extra) is not dict:
        raise TypeError("extra")
    return Entry(
        id=entry_id,
        stamp=_time(stamp),
        kind=kind,
        status=status,
        author=author,
        headline=headline,
        body=body,
        notes=notes,
        key=key,
        pinned=pinned,
        published=_time(published) if published is not None else None,
        published_hash=published_hash,
        extra=dict(extra) if extra else {},
    )


def _time(text: object) -> datetime:
    if not isinstance(text, str):
        raise TypeError("time")
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


class EntryIndex:
    """File name → (identity, record) for one blog's entries/ folder."""

    def __init__(self, root: Path, path: Path | None = None) -> None:
        self.root = root
        self.path = path or index_path(root)
        self.written_ns = 0
        # name -> [size, mtime_ns, ctime_ns, inode, record], as JSON holds it: each one is
        # checked when it is looked up, not all of them as the index is read.
        self._files: dict[str, Any] = {}
        self.changed = False  # records added or dropped since it was read

    @classmethod
    def read(cls, root: Path) -> EntryIndex:
        """The index of `root` as the cache holds it; an empty one if there is none, or
        it is broken, of another version or of another folder."""
        index = cls(root)
        try:
            data = json.loads(index.path.read_bytes())
            if (
                isinstance(data, dict)
                and data.get("version") == VERSION
                and data.get("root") == str(root)
                and type(data.get("written_ns")) is int
                and isinstance(data.get("files"), dict)
            ):
                index._files, index.written_ns = data["files"], data["written_ns"]
        except FileNotFoundError:
            pass
        except (OSError, ValueError) as error:
            log.info("entry index %s not used: %s", index.path, error)
        return index

    def __len__(self) -> int:
        return len(self._files)

    def lookup(self, name: str, status: os.stat_result) -> list[Any] | None:
        """The record of `name` if its file is still the one it was made from."""
        held = self._files.get(name)
        if type(held) is not list or len(held) != 5 or held[:4] != [*identity(status)]:
            return None
        if max(status.st_mtime_ns, status.st_ctime_ns) >= self.written_ns - SLACK_NS:
            return None
        record = held[4]
        return record if type(record) is list else None

    def put(self, name: str, status: os.stat_result, record: list[Any] | None) -> None:
        """Keep `record` for the file `name` as `status` found it (None: forget it)."""
        if record is None:
            self.forget(name)
            return
        self._files[name] = [*identity(status), record]
        self.changed = True

    def forget(self, name: str) -> None:
        if self._files.pop(name, None) is not None:
            self.changed = True

    def keep_only(self, names: set[str]) -> None:
        """Forget the files no longer in the folder."""
        for name in [n for n in self._files if n not in names]:
            self.forget(name)

    def write(self) -> None:
        """Write the index atomically; a cache that cannot be written is simply not kept."""
        written = time.time_ns()
        data: dict[str, Any] = {
            "version": VERSION,
            "root": str(self.root),
            "written_ns": written,
            "files": self._files,
        }
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            text = json.dumps(data, separators=(",", ":"))
            atomic_write(self.path, text.encode("utf-8"), durable=False)  # a cache: no fsync
            self.changed, self.written_ns = False, written
        except (OSError, ValueError) as error:
            log.info("entry index %s not written: %s", self.path, error)
