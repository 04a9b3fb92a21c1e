"""Watching the open blog's folder: entry files that another program writes into
entries/ (a shared folder, a `git pull`, a reporter's laptop syncing) show in the timeline
within about two seconds. The store decides what a file means; this only says when to ask
it, and brings the model up to date with the answer."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from desk.core.errors import DeskError
from desk.core.storage.nofollow import is_link
from desk.core.storage.store import ENTRIES, Changes
from desk.ui.timeline.model import TimelineModel

# The file system watcher misses events on network and synced folders, so a poll backs it
# up; a poll costs one directory scan with a stat per file (the store compares stats).
POLL_MS = 1500
FULL_EVERY = 4  # a full scan every 6 s
# Wait this long after an event before reading, so a file still being written is not
# read half-done (most writers replace the file at once; some write it in pieces).
SETTLE_MS = 250


class FolderWatcher(QObject):
    """Refreshes one model's blog from its folder. `unsaved` gives the ids of entries with
    unsaved typing: an incoming version of one of those is kept as a conflict copy.

    `took_in` carries the store's `Changes` after the timeline caught up with them;
    `failed` a message fit for the status bar."""

    took_in = Signal(object)
    failed = Signal(str)

    def __init__(
        self,
        unsaved: Callable[[], Iterable[str]],
        parent: QObject | None = None,
        poll_ms: int = POLL_MS,
        settle_ms: int = SETTLE_MS,
    ) -> None:
        super().__init__(parent)
        self._unsaved = unsaved
        self.model: TimelineModel | None = None
        self.taking_in = False  # rows being inserted now came from the folder
        self._files = QFileSystemWatcher(self)
        self._files.directoryChanged.connect(self._soon)
        self._settle = QTimer(self, singleShot=True, interval=settle_ms)
        self._settle.timeout.connect(self.refresh)
        self._poll = QTimer(self, interval=poll_ms)
        self._poll.timeout.connect(self._poll_tick)
        self._ticks = 0

    def attach(self, model: TimelineModel | None) -> None:
        """Watch `model`'s folder (None: nothing is open)."""
        watched = self._files.directories()
        if watched:
            self._files.removePaths(watched)
        self.model = model
        self._settle.stop()
        if model is None:
            self._poll.stop()
            return
        self._watch_folder()
        self._poll.start()

    def _watch_folder(self) -> None:
        # Also after a `git checkout` removed and made the folder again.
        if self.model is None:
            return
        folder = self.model.store.root / ENTRIES
        if (  # a linked entries/ is never watched: it is never read
            str(folder) not in self._files.directories() and not is_link(folder) and folder.is_dir()
        ):
            self._files.addPath(str(folder))

    def _soon(self, _path: str = "") -> None:
        self._settle.start()

    def _poll_tick(self) -> None:
        # Most polls stat the folder alone (a file made or renamed into it changes it);
        # every FULL_EVERY-th also stats each file, for files rewritten in place. A full
        # scan of 10,000 entries takes ~65 ms of the UI thread, too much every 1.5 s.
        self._ticks += 1
        self.refresh(full=self._ticks % FULL_EVERY == 0)

    def refresh(self, full: bool = True) -> Changes:
        """Take in what changed in the folder now; returns what the store took in."""
        model = self.model
        if model is None:
            return Changes()
        self._watch_folder()
        try:
            changes = model.store.refresh(model.blog, unsaved=set(self._unsaved()), full=full)
        except (DeskError, OSError) as error:
            self.failed.emit(f"Could not read the blog's folder: {error}")
            return Changes()
        if changes.added or changes.conflicts or changes.updated:
            self.taking_in = True
            try:
                model.sync_rows()
                model.entries_replaced(changes.updated)
            finally:
                self.taking_in = False
        if (changes.added or changes.conflicts) and not model.store.read_only:
            try:  # blog.yaml: the new entries' places in the order
                model.store.save(model.blog, only=[])
            except DeskError as error:
                self.failed.emit(f"Not saved: {error}")
        if changes:
            self.took_in.emit(changes)
        return changes
