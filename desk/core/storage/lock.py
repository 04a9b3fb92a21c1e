"""One writer per blog: `.desk.lock` in the blog folder names the host, process and time,
and the folder it was taken for (its path and inode).

A second Desk opens the blog read-only and says who holds it. A lock whose process is dead
on this machine is taken over; so is a lock that was taken for another folder (the folder
was copied with its lock in it): it is no live lock of this blog, and `took_over` says
what was found. A lock from another host that has not been refreshed for ten minutes may
be broken after a warning (at once when it names another folder too)."""

from __future__ import annotations

import getpass
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from desk.core.clock import Clock, SystemClock, format_stamp
from desk.core.errors import DeskError, ProblemError
from desk.core.storage import nofollow
from desk.core.storage.front_matter import dump_mapping, load_mapping

LOCK_FILE = ".desk.lock"
WINDOW = "window"
REFRESH = timedelta(minutes=1)
STALE = timedelta(minutes=10)


@dataclass(frozen=True)
class Holder:
    host: str
    pid: int
    user: str
    time: datetime | None
    folder: str = ""  # the folder the lock was taken for ('' in a lock from before)
    inode: int | None = None
    by: str = ""  # "window" for Desk's window; "" for a command

    @property
    def is_window(self) -> bool:
        return self.by == WINDOW

    def __str__(self) -> str:
        since = f" since {self.time:%H:%M} GMT" if self.time else ""
        return f"{self.user or 'someone'} on {self.host} (process {self.pid}){since}"

    @property
    def is_here(self) -> bool:
        return self.host == host_name()

    def is_alive(self) -> bool:
        """Whether the holder's process still runs (known only on this host)."""
        if not self.is_here:
            return True
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True


class BlogLock:
    """The lock of one blog folder, as held (or not) by this process."""

    def __init__(self, root: Path, clock: Clock | None = None, by: str = "") -> None:
        self.root = root
        self.path = root / LOCK_FILE
        self.clock = clock or SystemClock()
        self.by = by
        self.held = False
        self.took_over: Holder | None = None  # whose leftover lock acquire() replaced

    def holder(self) -> Holder | None:
        """Who holds the lock now, if anyone (an unreadable lock counts as nobody's)."""
        try:
            raw, _ = nofollow.read_file(self.root, self.path)  # a link is nobody's lock
            data = load_mapping(raw.decode("utf-8"), self.path)
        except (OSError, UnicodeDecodeError, ProblemError):
            return None
        if not isinstance(data, dict):
            return None
        when = data.get("time")
        return Holder(
            host=str(data.get("host", "")),
            pid=int(data["pid"]) if isinstance(data.get("pid"), int) else 0,
            user=str(data.get("user", "")),
            time=when if isinstance(when, datetime) else None,
            folder=str(data.get("folder", "")),
            inode=data["inode"] if isinstance(data.get("inode"), int) else None,
            by=str(data.get("by", "")),
        )

    def _here(self) -> tuple[str, int | None]:
        """This folder as a lock names it: its resolved path and inode."""
        try:
            return str(self.root.resolve()), self.root.stat().st_ino
        except OSError:
            return str(self.root), None

    def is_for_another_folder(self, holder: Holder) -> bool:
        """Whether `holder` took its lock in another folder, this one being a copy of it.
        On this host the inode tells (a moved folder keeps it, a copy never does); another
        host may see other inodes and paths for the same shared folder, so there it takes
        both to differ, and the lock to be stale."""
        if holder.inode is None:
            return False
        folder, inode = self._here()
        if holder.is_here:
            return inode is not None and holder.inode != inode
        return holder.inode != inode and holder.folder != folder and self.is_stale(holder)

    def is_live(self, holder: Holder) -> bool:
        """Whether `holder` is another Desk that holds this very folder now."""
        return not _is_mine(holder) and holder.is_alive() and not self.is_for_another_folder(holder)

    def takeover_message(self) -> str:
        """What acquire() found and replaced, for the status bar or a warning ('' if none)."""
        holder = self.took_over
        if holder is None:
            return ""
        if self.is_for_another_folder(holder):
            return (
                f"took over a lock copied from {holder.folder or 'another folder'}: "
                "it was not a lock of this blog"
            )
        return f"took over the lock left by {holder}, which is no longer running"

    def is_stale(self, holder: Holder) -> bool:
        """A lock from another host that nobody refreshed for ten minutes."""
        if holder.is_here:
            return False
        return holder.time is None or self.clock.now() - holder.time > STALE

    def acquire(self, *, force: bool = False) -> Holder | None:
        """Take the lock. Returns None when taken, else who holds it (nothing changed).
        `force` breaks a lock that is_stale() says may be broken."""
        holder = self.holder()
        if holder is not None and self.is_live(holder) and not (force and self.is_stale(holder)):
            return holder
        self._write()
        self.held = True
        self.took_over = holder if holder is not None and not _is_mine(holder) else None
        return None

    def refresh(self) -> None:
        if self.held:
            self._write()

    def release(self) -> None:
        if self.held:
            holder = self.holder()
            if holder is not None and _is_mine(holder):
                self.path.unlink(missing_ok=True)
            self.held = False

    def _write(self) -> None:
        folder, inode = self._here()
        data: dict[str, object] = {
            "host": host_name(),
            "pid": os.getpid(),
            "user": _user(),
            "time": self.clock.now(),
            "folder": folder,
        }
        if inode is not None:
            data["inode"] = inode
        if self.by:
            data["by"] = self.by
        try:
            nofollow.write_file(self.root, self.path, dump_mapping(data).encode("utf-8"))
        except OSError as error:
            raise DeskError(f"cannot lock {self.path.parent}: {error.strerror or error}") from None

    def describe(self, holder: Holder) -> str:
        when = f", last seen {format_stamp(holder.time)}" if holder.time else ""
        where = "a Desk window" if holder.is_window else "another Desk"
        return f"the blog is open in {where}: {holder}{when}"


def host_name() -> str:
    """This machine's name as socket.gethostname() gives it, which is uname's where there
    is one (importing socket took 2.8 ms of the window's start)."""
    if hasattr(os, "uname"):
        return os.uname().nodename
    import socket

    return socket.gethostname()


def _is_mine(holder: Holder) -> bool:
    return holder.is_here and holder.pid == os.getpid()


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


def window_holding(root: Path, clock: Clock | None = None) -> Holder | None:
    """The Desk window that holds the blog at `root` now, if one does (not a command, not
    a lock left by a process that has gone)."""
    lock = BlogLock(root, clock)
    holder = lock.holder()
    if holder is None or not holder.is_window or not lock.is_live(holder):
        return None
    return None if lock.is_stale(holder) else holder


@contextmanager
def locked(root: Path, clock: Clock | None = None) -> Iterator[BlogLock]:
    """Hold the blog's lock for one command that writes; refuse if another Desk holds it."""
    lock = BlogLock(root, clock)
    holder = lock.acquire()
    if holder is not None:
        raise DeskError(lock.describe(holder) + "; write there, or try again when it closes")
    try:
        yield lock
    finally:
        lock.release()
