"""A scan of a blog's entries/ for files another program wrote: the listing and one stat
per file, which is most of what a scan of 10,000 entries costs. It touches no store, so a
worker thread can run it while the UI thread goes on (the system calls let go of the GIL);
the store takes in what it found (`BlogStore.take_in_scan`)."""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from desk.core.storage.names import utf8

log = logging.getLogger(__name__)

# An entry file's (st_mtime_ns, st_size) when Desk last read it.
Seen = tuple[int, int]


@dataclass(frozen=True)
class Scan:
    """What one listing of entries/ found, compared with what Desk had seen of it."""

    stamp: int  # entries/'s own mtime, taken before the listing
    changed: dict[str, Seen]  # entry file name → what it is now, where that differs
    links: list[str]  # entry file names that are symbolic links (never read)


def scan_entries(folder: Path, seen: Mapping[str, Seen]) -> Scan | None:
    """The entry files (`*.md`, not hidden, named in UTF-8) in `folder` whose mtime or
    size differ from `seen`, and the links; None when the folder is a link or cannot be
    listed. Reads no file and changes nothing."""
    try:
        status = os.lstat(folder)
        if stat.S_ISLNK(status.st_mode):
            return None  # a linked entries/ is never read (the load reported it)
        with os.scandir(folder) as listing:
            items = [item for item in listing if item.name.endswith(".md")]
    except OSError:
        log.debug("cannot list %s", folder, exc_info=True)
        return None
    changed: dict[str, Seen] = {}
    links = []
    for item in items:
        name = item.name
        if not (name.isascii() or utf8(name)):
            continue
        if item.is_symlink():
            links.append(name)
            continue
        if name.startswith("."):  # a temporary file of a write under way
            continue
        try:
            now = item.stat(follow_symlinks=False)
        except OSError:
            log.debug("cannot stat %s", item.path, exc_info=True)
            continue
        found = (now.st_mtime_ns, now.st_size)
        if seen.get(name) != found:
            changed[name] = found
    return Scan(status.st_mtime_ns, changed, links)
