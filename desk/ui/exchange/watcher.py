"""Watching the open blog's folder: entry files that another program writes into
entries/ (a shared folder, a `git pull`, a reporter's laptop syncing) show in the timeline
within about two seconds. The store decides what a file means; this only says when to ask
it, and brings the model up to date with the answer."""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import Future

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from desk.core.errors import DeskError
from desk.core.storage.nofollow import is_link
from desk.core.storage.scan import Scan, scan_entries
from desk.core.storage.store import ENTRIES, Changes
from desk.ui.timeline.model import TimelineModel

log = logging.getLogger(__name__)

# The file system watcher misses events on network and synced folders, so a poll backs it
# up; most polls stat the folder alone, and a scan (a stat per file) runs on the worker.
POLL_MS = 1500
FULL_EVERY = 4  # a full scan every 6 s
# Wait this long after an event before reading, so a file still being written is not
# read half-done (most writers replace the file at once; some write it in pieces).
SETTLE_MS = 250
# How often the UI thread looks whether the scan on the worker thread is done: the worker
# never touches a Qt object, so that a window closed meanwhile is never sent anything.
COLLECT_MS = 10

Job = Callable[[], Scan | None]


class ScanThread:
    """One thread that runs the scans, started with the first and kept: starting a thread
    waits until it runs, which on a busy machine held the UI thread for milliseconds. A
    daemon, so a scan that hangs (a network drive gone) never holds up Desk's exit."""

    def __init__(self) -> None:
        self._jobs: queue.SimpleQueue[tuple[Job, Future[Scan | None]]] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None

    def submit(self, job: Job) -> Future[Scan | None]:
        """Run `job` after those submitted before it (from the UI thread only)."""
        future: Future[Scan | None] = Future()
        self._jobs.put((job, future))
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="desk-watch", daemon=True)
            self._thread.start()
        return future

    def _run(self) -> None:
        while True:
            job, future = self._jobs.get()
            try:
                future.set_result(job())
            except BaseException as error:  # handed to the UI thread, which logs it
                future.set_exception(error)


# Shared by every window's watcher: it keeps nothing but the scans waiting their turn.
SCANS = ScanThread()


class FolderWatcher(QObject):
    """Refreshes one model's blog from its folder. `unsaved` gives the ids of entries with
    unsaved typing: an incoming version of one of those is kept as a conflict copy.

    The folder is listed, and its files' stats taken, on a worker thread: at 10,000 entries
    that is a freeze the writer would feel after every autosave (a save renames a file into
    the folder, which the watcher hears). The UI thread reads only the files that changed.

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
        self._settle.timeout.connect(self.scan)
        self._poll = QTimer(self, interval=poll_ms)
        self._poll.timeout.connect(self._poll_tick)
        self._ticks = 0
        # The scan in flight on the worker thread, and the model it is for.
        self._in_flight: tuple[TimelineModel, Future[Scan | None]] | None = None
        self._again = False  # a full scan was asked for while one was in flight
        self._collect = QTimer(self, interval=COLLECT_MS)
        self._collect.timeout.connect(self._collect_scan)

    def attach(self, model: TimelineModel | None) -> None:
        """Watch `model`'s folder (None: nothing is open). A scan still in flight for the
        model before is dropped when it comes back."""
        watched = self._files.directories()
        if watched:
            self._files.removePaths(watched)
        self.model = model
        self._settle.stop()
        self._again = False
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
        # every FULL_EVERY-th scans each file too, for files rewritten in place.
        self._ticks += 1
        self.scan(full=self._ticks % FULL_EVERY == 0)

    def scan(self, full: bool = True) -> None:
        """Scan the folder on the worker thread (without `full`, only if the folder itself
        changed); what changed is taken in once the scan is back, and `took_in` says so."""
        model = self.model
        if model is None or model.loading:  # a file not read yet is read as it is now
            return
        self._watch_folder()
        if self._in_flight is not None:
            # A quick poll needs no second scan: the next one compares the folder with
            # the stamp this scan brings back.
            self._again = self._again or full
            return
        try:
            seen = model.store.seen_entries(full=full)
        except (DeskError, OSError) as error:
            self.failed.emit(f"Could not read the blog's folder: {error}")
            return
        if seen is None:
            return
        folder = model.store.root / ENTRIES
        self._in_flight = (model, SCANS.submit(lambda: scan_entries(folder, seen)))
        self._collect.start()

    @property
    def scanning(self) -> bool:
        """A scan is in flight (its result not yet taken in or dropped)."""
        return self._in_flight is not None

    def _collect_scan(self) -> None:
        if self._in_flight is None or not self._in_flight[1].done():
            return
        (model, future), self._in_flight = self._in_flight, None
        self._collect.stop()
        try:
            scan = future.result()
        except Exception:
            log.exception("the scan of %s failed", model.store.root / ENTRIES)
            scan = None
        if scan is not None and model is self.model:  # else the blog was let go meanwhile
            self._take_in(
                model,
                lambda: model.store.take_in_scan(model.blog, scan, set(self._unsaved())),
            )
        if self._again:
            self._again = False
            self.scan()

    def refresh(self, full: bool = True) -> Changes:
        """Take in what changed in the folder now, on this thread; returns what the store
        took in."""
        model = self.model
        if model is None:
            return Changes()
        self._watch_folder()
        return self._take_in(
            model, lambda: model.store.refresh(model.blog, unsaved=set(self._unsaved()), full=full)
        )

    def _take_in(self, model: TimelineModel, take: Callable[[], Changes]) -> Changes:
        """Run `take` (the store taking in the folder's changes), then bring the timeline and
        blog.yaml up to date with what it took in."""
        try:
            changes = take()
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
