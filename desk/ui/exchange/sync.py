"""Sync in the window: File → Share blog…, Join a shared blog…, Sync now (F5); a shared
blog syncs by itself every so often and after a new entry is stamped. Git runs on a worker
thread, so typing never waits; the merge is written on the UI thread through the open
blog's store, and an entry being typed in is never replaced. The status bar says
`Synced 2104 GMT` or `Offline since 2058 GMT · 5 changes waiting`."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QInputDialog, QLabel, QLineEdit, QWidget

from desk.core.errors import DeskError, Problem
from desk.core.sync.apply import Applied, StoreApplier
from desk.core.sync.engine import Repo, SyncResult, join, share
from desk.core.sync.folders import adopt_conflict_files
from desk.core.sync.merge import Merged
from desk.ui.blog.problems import ProblemsPanel
from desk.ui.door import Place
from desk.ui.exchange.entry_files import Exchange
from desk.ui.timeline.model import TimelineModel
from desk.ui.widgets.a11y import named
from desk.ui.widgets.notice import notify

if TYPE_CHECKING:
    from desk.ui.door import Desk, Handlers

log = logging.getLogger(__name__)

AFTER_STAMP_MS = 5000  # time for the new entry's first words to be saved
APPLY_WAIT_S = 0.1


class RemoteDialog:
    @classmethod
    def ask(cls, parent: QWidget | None, title: str, label: str) -> str | None:
        """A git remote: a bare repository's path on a shared drive, or an ssh or https URL."""
        text, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Normal)
        return text.strip() if ok and text.strip() else None


class Cancelled(DeskError):
    """The blog was closed while its sync waited for the window."""


class UiApplier(QObject):
    """Called on the worker thread; writes the merge on the UI thread and waits for it."""

    requested = Signal(object)

    def __init__(self, apply: Callable[[Merged], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.requested.connect(self._run)
        self._apply = apply
        self._done = threading.Event()
        self._error: BaseException | None = None
        self.cancelled = False

    def apply(self, merged: Merged) -> None:
        self._done.clear()
        self._error = None
        self.requested.emit(merged)
        while not self._done.wait(APPLY_WAIT_S):
            if self.cancelled:
                raise Cancelled("the blog was closed during the sync; the next one finishes it")
        if self._error is not None:
            raise self._error

    def _run(self, merged: Merged) -> None:
        try:
            if self.cancelled:
                raise Cancelled("the blog was closed during the sync")
            self._apply(merged)
        except BaseException as error:  # handed to the worker, which reports it
            log.warning("writing the merge failed: %s", error)
            self._error = error
        finally:
            self._done.set()


class SyncUi(QObject):
    """File → Share blog…, Join a shared blog…, Sync now, the sync timer and the status."""

    # The sync's applier (which sync this was), SyncResult | None, error | None, status line.
    finished = Signal(object, object, object, str)

    def __init__(self, desk: Desk) -> None:
        super().__init__(desk.window)
        self.desk = desk
        self.model: TimelineModel | None = None
        self.applier: UiApplier | None = None
        self.worker: threading.Thread | None = None
        self.again = False
        self.shared = False
        self.label = named(QLabel(), "Sync state")
        self.label.setObjectName("syncState")
        desk.place(self.label, Place.STATUS)
        self.label.hide()
        seconds = max(5, int(desk.prefs.sync_seconds or 30))
        self.timer = QTimer(self, interval=seconds * 1000)
        self.timer.timeout.connect(self.sync_now)
        self.soon = QTimer(self, singleShot=True, interval=AFTER_STAMP_MS)
        self.soon.timeout.connect(self.sync_now)
        self.finished.connect(self._finished)
        for name in ("new_update", "stamp_now"):
            desk.action(name).triggered.connect(self._after_stamp)
        self.watcher = desk.feature(Exchange).watcher
        self.watcher.took_in.connect(self._took_in)
        desk.events.follow_blog(self.attach)

    def handlers(self) -> Handlers:
        return {
            "share_blog": self.share_blog,
            "join_blog": self.join_blog,
            "sync_now": self.sync_now,
        }

    # -- the open blog ----------------------------------------------------------------------

    def attach(self, model: TimelineModel | None) -> None:
        self.stop()
        self.model = model
        self.shared = False
        self.label.hide()
        if model is None or model.store.read_only:
            return
        if model.loading:  # the folder's conflict files are matched once all are read
            model.loaded.connect(lambda _problems: self._adopt())
        else:
            self._adopt()
        self.shared = Repo(model.store.root).is_shared()
        if self.shared:
            self.label.setText(Repo(model.store.root).status_line())
            self.label.show()
            self.timer.start()
            self.sync_now()  # also finishes a sync that was stopped half-way

    def stop(self) -> None:
        """Let go of a sync in flight (the blog is closing) and of the timers."""
        self.timer.stop()
        self.soon.stop()
        if self.applier is not None:
            self.applier.cancelled = True
        if self.worker is not None:
            self.worker.join(timeout=60)
        self.worker = None
        self.applier = None

    def _adopt(self) -> None:
        model = self.model
        if model is None:
            return
        notes = adopt_conflict_files(model.store, model.blog)
        if notes:
            self._quietly(model.sync_rows)
            self.desk.feature(ProblemsPanel).add_problems(
                [Problem(model.store.root / "entries", n) for n in notes]
            )
            self.desk.feature(ProblemsPanel).take_conflicts()

    def _took_in(self, changes: object) -> None:
        if getattr(changes, "problems", None):
            self._adopt()

    def _after_stamp(self) -> None:
        if self.shared:
            self.soon.start()

    # -- syncing -----------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self.worker is not None and self.worker.is_alive()

    def sync_now(self) -> bool:
        """Start a sync (F5); False when the blog is not shared or one is running (another
        then follows it)."""
        model = self.model
        if model is None or model.store.read_only:
            return False
        if not self.shared:
            self.desk.say("This blog is not shared: File → Share blog… first", 8000)
            return False
        if self.running:
            self.again = True
            return False
        self.desk.saving.flush()
        return self._start(
            lambda applier: Repo(model.store.root, self._author(), self.desk.clock).sync(applier),
            "Syncing…",
        )

    def _author(self) -> str:
        return self.desk.prefs.default_author

    def _start(self, job: Callable[[UiApplier], SyncResult], message: str) -> bool:
        model = self.model
        assert model is not None
        store_applier = StoreApplier(model.store, model.blog)

        def write(merged: Merged) -> None:
            if self.model is not model:
                raise Cancelled("the blog was closed during the sync")
            store_applier.unsaved = self.desk.saving.unsaved_ids()
            store_applier.apply(merged)
            self._show(model, store_applier.last)

        applier = UiApplier(write, self)
        root = model.store.root
        clock = self.desk.clock

        def run() -> None:
            result: SyncResult | None = None
            error: str | None = None
            try:
                result = job(applier)
                log.info("%s: %s", root, result.line())
            except DeskError as failure:
                log.warning("%s not synced: %s", root, failure)
                error = str(failure)
            except Exception as failure:
                log.exception("the sync failed")
                error = f"the sync failed: {failure}"
            try:
                status = Repo(root, clock=clock).status_line()
            except DeskError as failure:
                log.info("no sync state to show: %s", failure)
                status = ""
            self.finished.emit(applier, result, error, status)

        self.applier = applier
        self.label.setText(message)
        self.label.show()
        self.worker = threading.Thread(target=run, name="desk-sync", daemon=True)
        self.worker.start()
        return True

    def _quietly(self, step: Callable[[], None]) -> None:
        watcher = self.watcher
        watcher.taking_in = True  # rows from elsewhere: the selection stays where it is
        try:
            step()
        finally:
            watcher.taking_in = False

    def _show(self, model: TimelineModel, applied: Applied) -> None:
        if not applied and not applied.removed:
            return

        def catch_up() -> None:
            model.sync_rows()
            model.entries_replaced(applied.updated)

        self._quietly(catch_up)
        self.desk.feature(ProblemsPanel).take_conflicts()

    def _finished(
        self, applier: UiApplier, result: SyncResult | None, error: str | None, status: str
    ) -> None:
        if applier is not self.applier:
            return  # a sync of a blog closed since
        self.worker = None
        self.applier = None
        model = self.model
        if status:
            self.label.setText(status)
        if model is None:
            return
        if error is not None:
            self.desk.say(f"Not synced: {error}", 12000)
        elif result is not None:
            self.desk.say(result.line().replace("synced:", "Synced:"), 6000)
            root = model.store.root
            problems = [Problem(root / "blog.yaml", note) for note in result.notes]
            problems += [
                Problem(
                    root / p.refusal.path,
                    f"{p.refusal.reason}; kept out of the blog (committed by {p.author}, {p.when})",
                )
                for p in result.refused
            ]
            if problems:
                self.desk.feature(ProblemsPanel).add_problems(problems)
                self.desk.feature(ProblemsPanel).show_panel()
        if self.again:
            self.again = False
            self.sync_now()

    def wait(self, timeout: float = 60) -> None:
        """Wait for the sync in flight (tests)."""
        if self.worker is not None:
            self.worker.join(timeout)

    # -- sharing and joining -------------------------------------------------------------------

    def share_blog(self) -> bool:
        model = self.model
        if model is None or model.store.read_only:
            return False
        remote = RemoteDialog.ask(
            self.desk.window,
            "Share blog",
            "Git remote (a bare repository's path, or an ssh or https address):",
        )
        if remote is None or self.running:
            return False
        self.desk.saving.flush()
        root, author, clock = model.store.root, self._author(), self.desk.clock

        def job(applier: UiApplier) -> SyncResult:
            result = share(root, remote, author, clock, applier)
            self.shared = True
            return result

        self.timer.start()
        return self._start(job, "Sharing…")

    def join_blog(self) -> Path | None:
        remote = RemoteDialog.ask(
            self.desk.window, "Join a shared blog", "Git remote of the shared blog:"
        )
        if remote is None:
            return None
        try:
            path, refused = join(remote, self.desk.prefs.drafts(), self._author(), self.desk.clock)
        except DeskError as error:
            notify(self.desk.window, "Not joined", "The shared blog was not copied.", str(error))
            return None
        if self.desk.open_blog(path) and refused:
            self.desk.feature(ProblemsPanel).add_problems(
                [Problem(path / p.refusal.path, str(p)) for p in refused]
            )
            self.desk.feature(ProblemsPanel).show_panel()
        return path
