"""One writer per blog, and a blog that stays safe when its folder goes wrong.

The window takes the blog's `.desk.lock` before opening it and refreshes it every minute.
When another live Desk holds it, the blog opens read-only: nothing can be edited and
nothing is written. File → Save blog as… writes the whole blog into a new folder (when
its own cannot be written, or was deleted) and carries on there."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolBar,
    QWidget,
)

from desk.core.errors import DeskError, Problem, ProblemError
from desk.core.model import Blog
from desk.core.storage.lock import REFRESH, WINDOW, BlogLock, Holder
from desk.core.storage.policies import ReadOnlyStore, WindowStore, folder_gone
from desk.core.storage.store import BLOG_FILE, BlogStore
from desk.ui.door import Place
from desk.ui.widgets.a11y import named
from desk.ui.widgets.notice import notify

if TYPE_CHECKING:
    from desk.ui.door import Desk, Handlers

log = logging.getLogger(__name__)


class BreakLockDialog:
    """Asked when another computer's lock has not been refreshed for ten minutes."""

    @classmethod
    def ask(cls, parent: QWidget | None, holder: str) -> bool:
        """True: break the lock and edit; False: open read-only."""
        from PySide6.QtWidgets import QMessageBox  # named on first use (see desk.ui)

        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Blog locked by another computer")
        box.setText(
            f"This blog was opened by {holder}, and that Desk has not been heard from for "
            "over ten minutes."
        )
        box.setInformativeText(
            "If that computer crashed or lost the shared folder, you may break its lock and "
            "edit here. If it is still in use, both of you would be writing the same files."
        )
        edit = box.addButton("Break the lock and edit", QMessageBox.ButtonRole.DestructiveRole)
        read_only = box.addButton("Open read-only", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(read_only)
        box.exec()
        return box.clickedButton() is edit


class RebuildDialog:
    """Asked when blog.yaml cannot be read: rebuild it from the entries?"""

    @classmethod
    def ask(cls, parent: QWidget | None, problem: Problem) -> bool:
        from PySide6.QtWidgets import QMessageBox  # named on first use (see desk.ui)

        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("blog.yaml cannot be read")
        box.setText("This blog's blog.yaml cannot be read. Rebuild it from the entries?")
        box.setInformativeText(
            f"{problem}\n\nThe title is taken from the folder's name and the order from the "
            "stamps. The broken file is kept as blog.yaml.broken."
        )
        rebuild = box.addButton("Rebuild", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(rebuild)
        box.exec()
        return box.clickedButton() is rebuild


class SaveAsDialog:
    @classmethod
    def ask(cls, parent: QWidget | None, start: Path) -> Path | None:
        from PySide6.QtWidgets import QFileDialog  # named on first use (see desk.ui)

        chosen = QFileDialog.getExistingDirectory(parent, "Save blog in folder", str(start))
        return Path(chosen) if chosen else None


@dataclass
class Claim:
    """The lock taken (or not) for a blog about to be opened."""

    root: Path
    lock: BlogLock | None  # None: read-only
    holder: str = ""  # who holds it, when read-only


class ReadOnlyBanner(QToolBar):
    """A strip above the timeline and editor: whose blog this is, and a way back in."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Read-only", parent)
        self.setObjectName("readOnlyBanner")
        self.setAccessibleName("Read-only notice")
        self.setMovable(False)
        self.setFloatable(False)
        self.toggleViewAction().setVisible(False)
        strip = QWidget()
        layout = QHBoxLayout(strip)
        layout.setContentsMargins(10, 2, 10, 2)
        self.text = named(QLabel(), "Read-only: who holds the blog")
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.retry = named(QPushButton("Try again"), "Try to open for writing")
        self.retry.setToolTip("Open the blog for writing if the other Desk has closed it")
        layout.addWidget(self.text, 1)
        layout.addWidget(self.retry)
        self.addWidget(strip)
        self.setStyleSheet(
            "QToolBar#readOnlyBanner { background: #fff4ce; border: 0;"
            " border-bottom: 1px solid #e0c97a; }"
        )
        self.hide()

    def show_holder(self, holder: str) -> None:
        self.text.setText(
            f"<b>Read-only.</b> {holder}. Nothing can be changed here until it closes."
        )
        self.show()


class BlogSafety(QObject):
    """The lock of the window's blog, the read-only state, and Save blog as…"""

    def __init__(self, desk: Desk) -> None:
        super().__init__(desk.window)
        self.desk = desk
        self.clock = desk.clock
        self.claim: Claim | None = None
        self.banner = ReadOnlyBanner(desk.window)
        desk.place(self.banner, Place.BANNER)
        self.banner.retry.clicked.connect(self._try_again)
        self._refresher = QTimer(self, interval=int(REFRESH.total_seconds() * 1000))
        self._refresher.timeout.connect(self.refresh)
        self._gone_told = False

    def handlers(self) -> Handlers:
        return {"save_as": self.save_as}

    @property
    def read_only(self) -> bool:
        return self.claim is not None and self.claim.lock is None

    # -- opening ---------------------------------------------------------------------------

    def claim_blog(self, path: Path) -> Claim:
        """Take the lock of the blog at `path`, asking before breaking a stale one."""
        root = Path(path).resolve()
        if self.claim is not None and self.claim.root == root and self.claim.lock is not None:
            return self.claim  # reopening our own blog
        lock = BlogLock(root, self.clock, by=WINDOW)
        if not os.path.lexists(root / BLOG_FILE):  # a link there is a blog: load reports it
            return Claim(root, lock)  # not a blog: opening it fails, and says why
        try:
            holder = lock.acquire()
        except DeskError as error:
            log.warning("no lock taken for %s: %s", root, error)
            return Claim(root, lock)  # an unwritable folder: open it, saving will say why
        stale = holder is not None and lock.is_stale(holder)
        if stale and BreakLockDialog.ask(self.desk.window, str(holder)):
            holder = lock.acquire(force=True)
        if holder is None:
            return Claim(root, lock)
        return Claim(root, None, _who(holder))

    def open_store(self, claim: Claim) -> tuple[BlogStore, Blog]:
        """The store of a claimed blog (read-only unless the lock is ours). A blog.yaml
        that cannot be read is rebuilt from the entries if the user agrees."""
        cls = WindowStore if claim.lock is not None else ReadOnlyStore
        try:
            store, blog = cls.open_lazy(claim.root, self.clock)  # entries read as wanted
        except ProblemError as error:
            if claim.lock is None or error.problem.path.name != BLOG_FILE:
                raise
            if not RebuildDialog.ask(self.desk.window, error.problem):
                raise
            BlogStore.rebuild(claim.root)
            store, blog = cls.open_lazy(claim.root, self.clock)
        if isinstance(store, ReadOnlyStore):
            store.holder = claim.holder
        return store, blog

    def drop(self, claim: Claim) -> None:
        """The claimed blog was not opened after all: let its lock go."""
        if claim is not self.claim and claim.lock is not None:
            claim.lock.release()

    def adopt(self, claim: Claim) -> None:
        """The claimed blog is now the window's: keep its lock fresh, or show it read-only."""
        if claim.lock is not None and not claim.lock.held:
            # Let go of by release() when this same blog was reopened: take it again.
            try:
                holder = claim.lock.acquire()
            except DeskError as error:
                log.warning("lock of %s not taken again: %s", claim.root, error)
                holder = None
            if holder is not None:
                claim = Claim(claim.root, None, _who(holder))
        self.claim = claim
        self._gone_told = False
        self.show_state()
        if claim.lock is not None:
            self._refresher.start()
            said = claim.lock.takeover_message()
            if said:
                self.desk.say(said[0].upper() + said[1:], 15_000)
                claim.lock.took_over = None  # said once
        else:
            self.desk.saving.attach(None)  # a read-only blog writes nothing, ever
            notify(self.desk.window, "Opened read-only", f"{claim.holder}.", _READ_ONLY_DETAIL)

    def release(self) -> None:
        """Let go of the open blog's lock (on close, or before another blog opens)."""
        self._refresher.stop()
        if self.claim is not None and self.claim.lock is not None:
            self.claim.lock.release()
        self.claim = None
        self.show_state()

    def refresh(self) -> None:
        """Tell other Desks this one is still here; notice a blog folder that vanished."""
        if self.claim is None or self.claim.lock is None:
            return
        if not os.path.lexists(self.claim.root / BLOG_FILE):
            if not self._gone_told:
                self._gone_told = True
                notify(self.desk.window, "Blog folder missing", folder_gone(self.claim.root))
            return
        self._gone_told = False
        try:
            self.claim.lock.refresh()
        except DeskError as error:
            self.desk.say(str(error), 10_000)

    def show_state(self) -> None:
        """The banner, when the blog is read-only: whose it is, and a way back in."""
        if self.read_only and self.claim is not None:
            self.banner.show_holder(self.claim.holder)
        else:
            self.banner.hide()

    def _try_again(self) -> None:
        if self.claim is not None:
            self.desk.open_blog(self.claim.root)

    # -- Save blog as… ---------------------------------------------------------------------

    def save_as(self) -> None:
        """The whole blog into another folder; the window then works there."""
        desk = self.desk
        model = desk.model
        if model is None:
            return
        start = model.store.root.parent
        if not start.is_dir():
            start = desk.prefs.drafts()
        chosen = SaveAsDialog.ask(desk.window, start)
        if chosen is None:
            return
        target = chosen
        if target.exists() and any(target.iterdir()):
            target = chosen / model.store.root.name  # a parent folder: the blog goes inside
        try:
            store = model.store.save_as(model.blog, target)
        except DeskError as error:
            notify(desk.window, "Blog not saved", str(error))
            return
        entry = desk.selected_entry()
        # Everything in memory is now in the new folder: the old one owes nothing more.
        desk.saving.attach(None)
        if desk.open_blog(store.root) and entry is not None:
            desk.select_entry(entry.id)
        desk.say(f"Saved as {store.root}", 10_000)


_READ_ONLY_DETAIL = (
    "Only one Desk at a time may write a blog. You can read, search and export it here; "
    "Save blog as… copies it into a folder of your own. Use Try again once the other Desk "
    "has closed it."
)


def _who(holder: Holder) -> str:
    return f"Open in another Desk: {holder}"
