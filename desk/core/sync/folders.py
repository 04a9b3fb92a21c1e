"""Shared folders (Dropbox, Syncthing, Nextcloud, OneDrive) leave their own conflict files
beside an entry when two laptops changed it; Desk turns each into one of its conflict
copies, so that nothing is lost and the blog reads clean again."""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path

from desk.core.errors import DeskError, ProblemError
from desk.core.exchange import entry_hash
from desk.core.model import Blog
from desk.core.storage.front_matter import parse_entry
from desk.core.storage.store import ENTRIES, BlogStore

log = logging.getLogger(__name__)

_ID = r"(?P<id>[a-z][a-z0-9-]*)"
PATTERNS = (
    re.compile(_ID + r"\.sync-conflict-\d{8}-\d{6}-[A-Z0-9]{7}\.md"),  # Syncthing
    re.compile(_ID + r" \([^()/]*conflict[^()/]*\)\.md"),  # Dropbox, Nextcloud
    re.compile(_ID + r"-(?P<host>[A-Za-z0-9][A-Za-z0-9_-]*)\.md"),  # OneDrive
)


def conflict_file_id(name: str, text: str | None = None) -> str | None:
    """The id of the entry that `name` is a shared folder's conflict file of, else None.
    OneDrive's `<id>-<host>.md` is also a valid entry file name: it counts only when the
    file's own id says it is a copy of `<id>`."""
    for pattern in PATTERNS:
        match = pattern.fullmatch(name)
        if match is None:
            continue
        if "host" not in match.groupdict():
            return match.group("id")
        if text is not None:
            declared = re.search(r'^id: *"?([a-z][a-z0-9-]*)"?\s*$', text, re.MULTILINE)
            stem = name[:-3]
            if declared and declared.group(1) != stem and stem.startswith(declared.group(1) + "-"):
                return declared.group(1)
    return None


def conflict_file_names(root: Path) -> list[str]:
    """Names in entries/ that may be a shared folder's conflict files (a quick look, no
    file read: a sync of 10,000 entries should not load them all to find none)."""
    try:
        names = os.listdir(root / ENTRIES)
    except OSError:
        return []
    return [
        n
        for n in names
        if ("conflict" in n and any(p.fullmatch(n) for p in PATTERNS[:2]))
        or (
            "-" in n
            and PATTERNS[2].fullmatch(n) is not None
            and _declared_elsewhere(root / ENTRIES / n)
        )
    ]


def _declared_elsewhere(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            head = handle.read(200).decode("utf-8", "replace")
    except OSError:
        return False
    return conflict_file_id(path.name, head) is not None


def adopt_conflict_files(store: BlogStore, blog: Blog) -> list[str]:
    """Turn every shared-folder conflict file in entries/ into a Desk conflict copy (or
    drop it when it holds what the entry already says); returns a note for each."""
    folder = store.root / ENTRIES
    try:
        names = sorted(n for n in os.listdir(folder) if n.endswith(".md"))
    except OSError:
        return []
    notes = []
    for name in names:
        path = folder / name
        if not path.is_file() or path.is_symlink():
            continue
        if name[:-3] in blog.entries:
            continue
        try:
            text = path.read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        entry_id = conflict_file_id(name, text)
        if entry_id is None:
            continue
        notes.append(_adopt(store, blog, path, entry_id, text))
    if notes:
        store.problems = [p for p in store.problems if p.path.parent != folder or p.path.exists()]
    return [n for n in notes if n]


def _adopt(store: BlogStore, blog: Blog, path: Path, entry_id: str, text: str) -> str:
    try:
        theirs = parse_entry(text, path)
    except (ProblemError, ValueError) as error:
        log.info("%s looks like a conflict file but cannot be read: %s", path.name, error)
        return ""
    theirs.id = entry_id
    ours = blog.entries.get(entry_id)
    try:
        if ours is not None and entry_hash(ours) == entry_hash(theirs):
            path.unlink()
            return f"{path.name}: the same as {entry_id}.md; removed"
        if ours is None:
            theirs.id = store.new_id(blog)
            blog.add(theirs, by_stamp=True)
            store.save(blog, only=[theirs.id])
            path.unlink()
            return f"{path.name}: {entry_id} is gone, so it is kept as entry {theirs.id}"
        copy = store._add_conflict_copy(blog, ours, theirs)
        store.save(blog, only=[])
        path.unlink()
    except (DeskError, OSError) as error:
        log.info("cannot turn %s into a conflict copy: %s", path.name, error)
        return f"{path.name}: cannot be turned into a conflict copy: {error}"
    return f"{path.name}: a shared folder's conflict file, kept as the conflict copy {copy}"
