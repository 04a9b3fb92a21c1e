"""Files inside a blog folder, reached without following a symbolic link.

A blog folder may come from another laptop (a shared folder, a git pull), so any file or
folder in it may be a link to somewhere else. Every level below the blog's root is opened
with O_NOFOLLOW relative to the level above (openat-style, where the platform has it),
else checked with lstat, so a link is refused where it is met, never resolved and
compared afterwards. The root itself may be a link: the user chose it."""

from __future__ import annotations

import errno
import logging
import os
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

from desk.core.storage.atomic import temp_name

log = logging.getLogger(__name__)

LINK = "a symbolic link; not read"
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_BINARY = getattr(os, "O_BINARY", 0)
# openat-style: open each level relative to the one above, through file descriptors
_AT = bool(_NOFOLLOW and _DIRECTORY) and {os.open, os.mkdir, os.stat, os.rename, os.unlink} <= (
    os.supports_dir_fd
)  # os.replace takes dir_fd where os.rename does


class TooLarge(OSError):
    """A file over the size its reader accepts; only that much more was read."""


class LinkError(OSError):
    """A symbolic link met on the way to a file, or as the file itself."""

    def __init__(self, path: Path) -> None:
        super().__init__(errno.ELOOP, "a symbolic link", str(path))
        self.path = path


@dataclass(frozen=True)
class Listing:
    """A folder's names by kind, each sorted; links are neither files nor folders."""

    files: list[str]
    folders: list[str]
    links: list[str]
    stats: dict[str, os.stat_result] = field(default_factory=dict)  # files', when asked


def parts_below(root: Path, path: Path) -> list[str]:
    """The names from `root` down to `path`; a path outside `root` is an error."""
    base, full = os.fspath(root).rstrip(os.sep), os.fspath(path)
    if full == base:
        return []
    if not full.startswith(base + os.sep):  # plain string work: pathlib's is slow at 10,000
        raise OSError(errno.EXDEV, "outside the blog folder", full)
    parts = full[len(base) + 1 :].split(os.sep)
    if any(part in ("", ".", "..") for part in parts):
        raise OSError(errno.EINVAL, "not a plain path inside the blog folder", str(path))
    return parts


def is_link(path: Path) -> bool:
    """Whether `path` itself is a symbolic link (a dangling one too)."""
    try:
        return stat.S_ISLNK(os.lstat(path).st_mode)
    except OSError:
        return False


def _open_level(name: str, parent: int, root: Path, parts: list[str]) -> int:
    try:
        return os.open(name, os.O_RDONLY | _DIRECTORY | _NOFOLLOW, dir_fd=parent)
    except OSError as error:
        if error.errno in (errno.ELOOP, errno.ENOTDIR) and _is_link_at(name, parent):
            raise LinkError(Path(root, *parts)) from None
        raise


def _is_link_at(name: str, parent: int) -> bool:
    try:
        return stat.S_ISLNK(os.stat(name, dir_fd=parent, follow_symlinks=False).st_mode)
    except OSError:
        return False


@contextmanager
def folder_fd(root: Path, parts: list[str], *, make: bool = False) -> Iterator[int]:
    """A descriptor of the folder `root/parts…`, no level of it a link; `make` creates
    missing levels (never through a link). Only where the platform has openat."""
    fd = os.open(root, os.O_RDONLY | _DIRECTORY)
    try:
        for level, name in enumerate(parts):
            try:
                below = _open_level(name, fd, root, parts[: level + 1])
            except FileNotFoundError:
                if not make:
                    raise
                with suppress(FileExistsError):  # made meanwhile: opening it checks it
                    os.mkdir(name, dir_fd=fd)
                below = _open_level(name, fd, root, parts[: level + 1])
            os.close(fd)
            fd = below
        yield fd
    finally:
        os.close(fd)


def _check_levels(root: Path, parts: list[str], *, make: bool = False) -> None:
    """Without openat: lstat each level below the root, refusing a link."""
    where = Path(root)
    for name in parts:
        where = where / name
        try:
            mode = os.lstat(where).st_mode
        except FileNotFoundError:
            if not make:
                raise
            os.mkdir(where)
            mode = os.lstat(where).st_mode
        if stat.S_ISLNK(mode):
            raise LinkError(where)
        if not stat.S_ISDIR(mode):
            raise NotADirectoryError(errno.ENOTDIR, "not a folder", str(where))


def make_folder(root: Path, folder: Path) -> None:
    """Create `folder` (and the levels above it) inside `root`, never through a link."""
    parts = parts_below(root, folder)
    if _AT:
        with folder_fd(root, parts, make=True):
            return
    _check_levels(root, parts, make=True)


def read_file(root: Path, path: Path, limit: int | None = None) -> tuple[bytes, os.stat_result]:
    """The bytes of a regular file inside `root`, and its stat, reached through no link;
    TooLarge past `limit` bytes."""
    parts = parts_below(root, path)
    if not parts:
        raise IsADirectoryError(errno.EISDIR, "a folder", str(path))
    if _AT:
        with folder_fd(root, parts[:-1]) as parent:
            return _read_at(parent, parts[-1], path, limit)
    _check_levels(root, parts[:-1])
    if is_link(path):
        raise LinkError(path)
    return _read_fd(os.open(path, _READ), path, limit)


_READ = os.O_RDONLY | _NOFOLLOW | _NONBLOCK | _BINARY


def _read_at(parent: int, name: str, path: Path, limit: int | None) -> tuple[bytes, os.stat_result]:
    try:
        fd = os.open(name, _READ, dir_fd=parent)
    except OSError as error:
        if error.errno == errno.ELOOP or _is_link_at(name, parent):
            raise LinkError(path) from None
        raise
    return _read_fd(fd, path, limit)


@contextmanager
def reader(root: Path, folder: Path) -> Iterator[Callable[[Path], tuple[bytes, os.stat_result]]]:
    """A reader of many files of one folder inside `root`, which opens the folder once:
    `read(path)` for a path in that folder (a link is refused, as by read_file)."""
    if not _AT:
        yield lambda path: read_file(root, path)
        return
    with folder_fd(root, parts_below(root, folder)) as fd:
        yield lambda path: _read_at(fd, path.name, path, None)


def _read_fd(fd: int, path: Path, limit: int | None) -> tuple[bytes, os.stat_result]:
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            raise OSError(errno.EINVAL, "not a regular file", str(path))
        chunks, size = [], 0
        while chunk := os.read(fd, max(status.st_size + 1, 1 << 16)):
            chunks.append(chunk)
            size += len(chunk)
            if limit is not None and size > limit:
                raise TooLarge(errno.EFBIG, f"over {limit} bytes", str(path))
        return b"".join(chunks), status
    finally:
        os.close(fd)


def list_folder(root: Path, folder: Path, *, stats: bool = False) -> Listing:
    """The names in a folder inside `root` (the folder reached through no link); with
    `stats`, each file's `lstat` too (one call per file, at the folder's descriptor)."""
    parts = parts_below(root, folder)
    if _AT and os.scandir in os.supports_fd:
        with folder_fd(root, parts) as fd:  # open while the stats are taken
            return _listing(list(os.scandir(fd)), stats)
    _check_levels(root, parts)
    return _listing(list(os.scandir(folder)), stats)


def _listing(entries: list[os.DirEntry[str]], stats: bool) -> Listing:
    files: list[str] = []
    folders: list[str] = []
    links: list[str] = []
    found: dict[str, os.stat_result] = {}
    for entry in entries:
        if entry.is_symlink():
            links.append(entry.name)
        elif entry.is_dir(follow_symlinks=False):
            folders.append(entry.name)
        elif entry.is_file(follow_symlinks=False):
            files.append(entry.name)
            if stats:
                with suppress(OSError):  # gone meanwhile: reading it will say so
                    found[entry.name] = entry.stat(follow_symlinks=False)
    return Listing(sorted(files), sorted(folders), sorted(links), found)


def write_file(root: Path, path: Path, data: bytes) -> None:
    """Write `data` to `path` inside `root` atomically, through no link and over none:
    a temporary file in the same folder, flush, fsync, rename, fsync of the folder."""
    parts = parts_below(root, path)
    if not parts:
        raise IsADirectoryError(errno.EISDIR, "a folder", str(path))
    name = parts[-1]
    temp = temp_name(name)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _BINARY
    if not _AT:
        _check_levels(root, parts[:-1])
        if is_link(path):
            raise LinkError(path)
        _write_temp(path.with_name(temp), path, data, flags)
        return
    with folder_fd(root, parts[:-1]) as parent:
        if _is_link_at(name, parent):
            raise LinkError(path)
        fd = os.open(temp, flags, 0o666, dir_fd=parent)
        try:
            try:
                _write_all(fd, data)
            finally:
                os.close(fd)
            os.replace(temp, name, src_dir_fd=parent, dst_dir_fd=parent)
        except BaseException:
            with _logged(f"cannot remove {temp}"):
                os.unlink(temp, dir_fd=parent)
            raise
        with _logged(f"cannot fsync {path.parent}"):
            os.fsync(parent)


def _write_temp(temp: Path, path: Path, data: bytes, flags: int) -> None:
    try:
        fd = os.open(temp, flags, 0o666)
        try:
            _write_all(fd, data)
        finally:
            os.close(fd)
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]
    os.fsync(fd)


@contextmanager
def _logged(what: str) -> Iterator[None]:
    try:
        yield
    except FileNotFoundError:
        pass
    except OSError as error:
        log.warning("%s: %s", what, error)


def remove_file(root: Path, path: Path) -> None:
    """Remove a file inside `root` (a link there is removed itself, never followed); the
    folders above it are reached through no link."""
    parts = parts_below(root, path)
    if _AT:
        with folder_fd(root, parts[:-1]) as parent:
            os.unlink(parts[-1], dir_fd=parent)
        return
    _check_levels(root, parts[:-1])
    os.unlink(path)


def move_file(root: Path, source: Path, target: Path) -> None:
    """Rename a regular file to another place inside `root`: neither it, nor the target,
    nor a folder above either may be a link."""
    source_parts, target_parts = parts_below(root, source), parts_below(root, target)
    if _AT:
        with (
            folder_fd(root, source_parts[:-1]) as here,
            folder_fd(root, target_parts[:-1]) as there,
        ):
            if _is_link_at(source_parts[-1], here):
                raise LinkError(source)
            if _is_link_at(target_parts[-1], there):
                raise LinkError(target)
            os.replace(source_parts[-1], target_parts[-1], src_dir_fd=here, dst_dir_fd=there)
        return
    _check_levels(root, source_parts[:-1])
    _check_levels(root, target_parts[:-1])
    for path in (source, target):
        if is_link(path):
            raise LinkError(path)
    os.replace(source, target)


def copy_tree(root: Path, folder: Path, target: Path, target_root: Path) -> list[Path]:
    """Copy the regular files under `folder` (inside `root`) to `target` (inside
    `target_root`), never following a link on either side; returns the links left out."""
    skipped: list[Path] = []
    listing = list_folder(root, folder)
    skipped.extend(folder / name for name in listing.links)
    make_folder(target_root, target)
    for name in listing.files:
        data, _ = read_file(root, folder / name)
        write_file(target_root, target / name, data)
    for name in listing.folders:
        skipped.extend(copy_tree(root, folder / name, target / name, target_root))
    return skipped
