"""One writer per blog, and a blog that stays safe when its folder goes wrong.

The window takes the blog's `.desk.lock` before opening it and refreshes it every minute.
When another live Desk holds it, the blog opens read-only: nothing can be edited and
nothing is written. File → Save blog as… writes the whole blog into a new folder (when
its own cannot be written, or was deleted) and carries on there."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QToolBar,
    QWidget,
)

from desk.core.clock import Clock
from desk.core.errors import DeskError, Problem, ProblemError
from desk.core.model import Blog, Entry
from desk.core.storage.lock import REFRESH, WINDOW, BlogLock, Holder
from desk.core.storage.store import BLOG_FILE, BlogStore
from desk.ui.blog.dialogs import notify
from desk.ui.shell.actions import SPECS, Actions
from desk.ui.widgets.a11y import named

if TYPE_CHECKING:
    from desk.ui.shell.window import MainWindow

# What stays enabled while a blog is read-only: commands that only look, leave or copy.
# Anything else (including commands added later) is off until the blog can be written.
READ_ONLY_ACTIONS = frozenset({
    "new_blog", "open_blog", "close_blog", "quit", "find", "filter", "toggle_preview",
    "focus_timeline", "focus_editor", "export_html", "export_page", "export_md", "export",
    "shortcuts", "about", "save_as", "entry_history", "problems", "copy_jsonld",
    "import_blog",  # makes a new blog folder; this one is not touched
})  # fmt: skip


def folder_gone(root: Path) -> str:
    return (
        f"The blog folder {root} is gone (deleted, moved or unplugged). Your work is kept "
        "in memory: use File → Save blog as… to save the whole blog in another folder."
    )


class WindowStore(BlogStore):
    """The store of a blog open in the window: it refuses to save into a folder that has
    disappeared, rather than recreate a blog of one entry and no blog.yaml there."""

    def save(self, blog: Blog, only: Iterable[str] | None = None) -> list[Path]:
        if not self.blog_file.is_file():
            raise DeskError(folder_gone(self.root))
        return super().save(blog, only)

    def load(self) -> Blog:
        self.clean_leftovers()  # the window holds the lock: it is the one writer
        return super().load()


class ReadOnlyStore(WindowStore):
    """The store of a blog that another Desk holds: every write is refused."""

    holder: str = ""

    def _refuse(self) -> DeskError:
        return DeskError(f"This blog is open read-only: {self.holder or 'another Desk'}.")

    def save(self, blog: Blog, only: Iterable[str] | None = None) -> list[Path]:
        raise self._refuse()

    def load(self) -> Blog:
        return BlogStore.load(self)  # the other Desk's folder: no cleaning up after it

    def _put(self, path: Path, data: bytes) -> None:
        raise self._refuse()

    def trash(self, blog: Blog, entry_id: str) -> Entry:
        raise self._refuse()

    def restore(self, blog: Blog, entry_id: str, index: int | None = None) -> Entry:
        raise self._refuse()

    def add_media(self, source: Path) -> str:
        raise self._refuse()


class BreakLockDialog:
    """Asked when another computer's lock has not been refreshed for ten minutes."""

    @classmethod
    def ask(cls, parent: QWidget | None, holder: str) -> bool:
        """True: break the lock and edit; False: open read-only."""
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

    def __init__(self, window: MainWindow, clock: Clock) -> None:
        super().__init__(window)
        self.window = window
        self.clock = clock
        self.claim: Claim | None = None
        self.banner = ReadOnlyBanner(window)
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.banner)
        self.banner.retry.clicked.connect(self._try_again)
        self._refresher = QTimer(self, interval=int(REFRESH.total_seconds() * 1000))
        self._refresher.timeout.connect(self.refresh)
        self._gone_told = False
        self._locked: list[QWidget] = []  # what read-only mode switched off in the editor
        window.desk_actions.connect({"save_as": self.save_as})

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
        except DeskError:
            return Claim(root, lock)  # an unwritable folder: open it, saving will say why
        stale = holder is not None and lock.is_stale(holder)
        if stale and BreakLockDialog.ask(self.window, str(holder)):
            holder = lock.acquire(force=True)
        if holder is None:
            return Claim(root, lock)
        return Claim(root, None, _who(holder))

    def open_store(self, claim: Claim) -> tuple[BlogStore, Blog]:
        """The store of a claimed blog (read-only unless the lock is ours). A blog.yaml
        that cannot be read is rebuilt from the entries if the user agrees."""
        cls = WindowStore if claim.lock is not None else ReadOnlyStore
        try:
            store, blog = cls.open(claim.root, self.clock)
        except ProblemError as error:
            if claim.lock is None or error.problem.path.name != BLOG_FILE:
                raise
            if not RebuildDialog.ask(self.window, error.problem):
                raise
            BlogStore.rebuild(claim.root)
            store, blog = cls.open(claim.root, self.clock)
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
            except DeskError:
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
                self.window.status.showMessage(said[0].upper() + said[1:], 15_000)
                claim.lock.took_over = None  # said once
        else:
            self.window.autosave.attach(None)  # a read-only blog writes nothing, ever
            notify(self.window, "Opened read-only", f"{claim.holder}.", _READ_ONLY_DETAIL)

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
                notify(self.window, "Blog folder missing", folder_gone(self.claim.root))
            return
        self._gone_told = False
        try:
            self.claim.lock.refresh()
        except DeskError as error:
            self.window.status.showMessage(str(error), 10_000)

    # -- what the window shows ------------------------------------------------------------

    def show_state(self) -> None:
        """Editor, timeline and title as the read-only state says."""
        window, read_only = self.window, self.read_only
        if read_only and not self._locked:
            self._locked = lock_editor(window.editor)
        elif not read_only:
            unlock_editor(self._locked)
            self._locked = []
        view = window.timeline
        view.setDragEnabled(not read_only)
        view.setAcceptDrops(not read_only)
        if read_only and self.claim is not None:
            self.banner.show_holder(self.claim.holder)
            window.status.set_save_state("readonly", "Read-only")
            if window.model is not None:
                window.setWindowTitle(f"{window.model.blog.title} (read-only) — Desk")
        else:
            self.banner.hide()
        self.restrict(window.desk_actions)

    def restrict(self, actions: Actions) -> None:
        """Switch off every command that would write, while the blog is read-only."""
        if not self.read_only:
            return
        for spec in SPECS:
            if spec.name not in READ_ONLY_ACTIONS:
                actions[spec.name].setEnabled(False)
        for name in ("undo", "redo"):
            actions[name].setEnabled(False)

    def _try_again(self) -> None:
        if self.claim is not None:
            self.window.open_blog(self.claim.root)

    # -- Save blog as… ---------------------------------------------------------------------

    def save_as(self) -> None:
        """The whole blog into another folder; the window then works there."""
        window = self.window
        model = window.model
        if model is None:
            return
        start = model.store.root.parent
        if not start.is_dir():
            start = window.prefs.drafts()
        chosen = SaveAsDialog.ask(window, start)
        if chosen is None:
            return
        target = chosen
        if target.exists() and any(target.iterdir()):
            target = chosen / model.store.root.name  # a parent folder: the blog goes inside
        try:
            store = model.store.save_as(model.blog, target)
        except DeskError as error:
            notify(window, "Blog not saved", str(error))
            return
        entry = window.selected_entry()
        # Everything in memory is now in the new folder: the old one owes nothing more.
        window.autosave.attach(None)
        if window.open_blog(store.root) and entry is not None:
            window.select_entry(entry.id)
        window.status.showMessage(f"Saved as {store.root}", 10_000)


_READ_ONLY_DETAIL = (
    "Only one Desk at a time may write a blog. You can read, search and export it here; "
    "Save blog as… copies it into a folder of your own. Use Try again once the other Desk "
    "has closed it."
)


def _who(holder: Holder) -> str:
    return f"Open in another Desk: {holder}"


Editable = QLineEdit | QPlainTextEdit | QTextEdit | QAbstractSpinBox


def lock_editor(editor: QWidget) -> list[QWidget]:
    """Make every field of the editor read-only (the find bar aside, so that searching
    still works) and every button and choice inert; returns what was changed."""
    changed: list[QWidget] = []
    find_bar = getattr(editor, "find_bar", None)
    for widget in editor.findChildren(QWidget):
        if find_bar is not None and (widget is find_bar or find_bar.isAncestorOf(widget)):
            continue
        if isinstance(widget, Editable) and not widget.isReadOnly():
            widget.setReadOnly(True)
            changed.append(widget)
        elif isinstance(widget, QComboBox | QAbstractButton) and widget.isEnabled():
            widget.setEnabled(False)
            changed.append(widget)
    return changed


def unlock_editor(changed: list[QWidget]) -> None:
    for widget in changed:
        if isinstance(widget, Editable):
            widget.setReadOnly(False)
        else:
            widget.setEnabled(True)
