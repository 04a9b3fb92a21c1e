"""Atomic file writes: a reader sees the old file or the new one, never half of either."""

from __future__ import annotations

import os
from pathlib import Path

TEMP_PREFIX = ".desk-tmp-"


def temp_name(name: str) -> str:
    """A fresh name to write `name` under first, which a clean-up knows by TEMP_PREFIX."""
    return f"{TEMP_PREFIX}{os.urandom(4).hex()}-{name}"


def atomic_write(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Write `data` to `path` through a temporary file in the same folder:
    write, flush, fsync, os.replace, then fsync the folder so the rename survives a crash.
    Without `durable` (a cache, which may be lost but never half-read) there is no fsync."""
    temp = path.with_name(temp_name(path.name))
    try:
        with open(temp, "xb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    if durable:
        fsync_dir(path.parent)


def atomic_create(path: Path, data: bytes) -> None:
    """As atomic_write, for a file that must not exist yet: FileExistsError if it does
    (or appears meanwhile), and nothing is replaced."""
    temp = path.with_name(temp_name(path.name))
    try:
        with open(temp, "xb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.link(temp, path)  # a hard link is never made over an existing name
    finally:
        temp.unlink(missing_ok=True)
    fsync_dir(path.parent)


def fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
