"""A merge written through the open blog's store: the store's own writes (so that the
folder watcher and the entry history see Desk's writes, not outside changes), and an entry
being typed in is never replaced (the incoming version becomes a conflict copy)."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from desk.core.errors import ProblemError
from desk.core.model import Blog, Entry
from desk.core.storage.front_matter import parse_blog_meta, parse_entry
from desk.core.storage.store import BLOG_FILE, ENTRIES, BlogStore
from desk.core.sync.merge import Merged

log = logging.getLogger(__name__)


@dataclass
class Applied:
    """What a merge changed in the open blog."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)  # copies of entries being typed in

    def __bool__(self) -> bool:
        return bool(self.added or self.updated or self.removed or self.conflicts)


@dataclass
class StoreApplier:
    """Applies merges to `blog` through `store`; `unsaved` gives the ids being typed in."""

    store: BlogStore
    blog: Blog
    unsaved: set[str] = field(default_factory=set)
    last: Applied = field(default_factory=Applied)

    def apply(self, merged: Merged) -> None:
        self.last = applied = Applied()
        blog, store = self.blog, self.store
        changed: list[str] = []
        meta: bytes | None = None
        for path, data in sorted(merged.files.items()):
            folder, _, name = path.partition("/")
            if path == BLOG_FILE:
                meta = data
            elif folder == ENTRIES and name.endswith(".md"):
                self._entry(name[:-3], data, applied, changed)
            else:
                self._file(store.root / path, data)
        if meta is not None:
            self._meta(meta)
        for entry_id in blog.entries:
            if entry_id not in blog.order:  # a conflict copy made here, an entry added now
                blog.order.insert(blog.place_for(blog.entries[entry_id], by_stamp=True), entry_id)
        store.save(blog, only=changed)

    def _entry(
        self, entry_id: str, data: bytes | None, applied: Applied, changed: list[str]
    ) -> None:
        blog, store = self.blog, self.store
        ours = blog.entries.get(entry_id)
        path = store.entry_path(entry_id)
        if data is None:
            if ours is None:
                return
            if entry_id in self.unsaved:
                return  # being typed in: the change wins, and goes out with the next sync
            blog.remove(entry_id)
            store._written.pop(path, None)
            path.unlink(missing_ok=True)
            applied.removed.append(entry_id)
            return
        try:
            theirs: Entry = parse_entry(data.decode("utf-8"), path)
        except (ProblemError, UnicodeDecodeError, ValueError) as error:
            log.info("%s from the merge cannot be read; written as it came: %s", path.name, error)
            self._file(path, data)
            return
        if ours is None:
            blog.entries[entry_id] = theirs
            applied.added.append(entry_id)
        elif entry_id in self.unsaved:
            applied.conflicts.append(store._add_conflict_copy(blog, ours, theirs))
            return
        else:
            blog.entries[entry_id] = theirs
            applied.updated.append(entry_id)
        changed.append(entry_id)

    def _meta(self, data: bytes) -> None:
        blog = self.blog
        try:
            merged = parse_blog_meta(data.decode("utf-8"), self.store.blog_file)
        except (ProblemError, UnicodeDecodeError, ValueError) as error:
            log.info("the merged blog.yaml cannot be read; the open one stays: %s", error)
            return
        for name in ("title", "date", "header", "labels", "url", "ended", "export", "extra"):
            setattr(blog, name, getattr(merged, name))
        order = [i for i in dict.fromkeys(merged.order) if i in blog.entries]
        kept = set(order)
        for entry_id in blog.order:  # entries the merge did not know: where they were
            if entry_id not in kept and entry_id in blog.entries:
                order.insert(min(blog.order.index(entry_id), len(order)), entry_id)
                kept.add(entry_id)
        original = blog.original()
        if original is not None and original.id in order and order[-1] != original.id:
            order.remove(original.id)
            order.append(original.id)
        blog.order = order

    def _file(self, path: Path, data: bytes | None) -> None:
        if data is None:
            path.unlink(missing_ok=True)
            return
        self.store._put(path, data)
