"""The Problems panel: every file of the open blog that could not be read (and every file
changed outside Desk while it was open), with its line and what is wrong. A blog with
problems still opens; this panel, and a note in the status bar, say what was left out.
Below them, what the entries hold that should not go out (placeholders in ready entries,
stamps outside the coverage), kept up to date as the blog is saved; activating one of
those goes to its entry."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QDockWidget,
    QHeaderView,
    QMessageBox,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from desk.core.checks import Check, blog_checks, line_of
from desk.core.errors import Problem
from desk.core.model import Blog
from desk.core.storage.store import ENTRIES, BlogStore, Conflict
from desk.ui.door import Place
from desk.ui.widgets.a11y import named

if TYPE_CHECKING:
    from desk.ui.door import Desk, Handlers
    from desk.ui.timeline.model import TimelineModel

PATH_ROLE = Qt.ItemDataRole.UserRole + 1
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 2
CHECKS_DELAY_MS = 400


class ProblemPathDialog:
    """Shown on a double-click: the file's full path, to find it or copy it."""

    @classmethod
    def ask(cls, parent: QWidget | None, path: Path) -> bool:
        """True: open the folder that holds the file."""
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle("Problem file")
        box.setText(str(path))
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        folder = box.addButton("Open folder", QMessageBox.ButtonRole.AcceptRole)
        copy = box.addButton("Copy path", QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Close)
        box.exec()
        if box.clickedButton() is copy:
            QGuiApplication.clipboard().setText(str(path))
        return box.clickedButton() is folder


def open_folder(path: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))


def unreadable_files(problems: list[Problem], blog: Blog) -> int:
    """How many files were left out: entry files not loaded, and other files that failed
    (warnings about files that did load, and about blog.yaml's order, are not counted)."""
    paths = set()
    for problem in problems:
        if problem.path.parent.name == ENTRIES:
            if problem.path.stem not in blog.entries or "duplicate id" in problem.message:
                paths.add(problem.path)
        elif problem.path.name != "blog.yaml":
            paths.add(problem.path)
    return len(paths)


def note_text(problems: list[Problem], blog: Blog) -> str:
    """The status bar's one line: 3 files could not be read — see Problems."""
    if not problems:
        return ""
    files = unreadable_files(problems, blog)
    if files == len(problems):
        return f"{files} file{'s' if files != 1 else ''} could not be read — see Problems"
    if files == 0:
        count = len(problems)
        return f"{count} problem{'s' if count != 1 else ''} in this blog's files — see Problems"
    others = len(problems) - files
    return (
        f"{files} file{'s' if files != 1 else ''} could not be read, {others} other "
        f"problem{'s' if others != 1 else ''} — see Problems"
    )


class ProblemsPanel(QDockWidget):
    """A dock at the bottom of the window: file, line, problem. View → Problems."""

    def __init__(self, desk: Desk) -> None:
        super().__init__("Problems", desk.window)
        self.desk = desk
        self.setObjectName("problemsPanel")
        self.setAccessibleName("Problems")
        self.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetMovable
        )
        self.list = named(QTreeWidget(), "Problems with the blog's files")
        self.list.setColumnCount(3)
        self.list.setHeaderLabels(["File", "Line", "Problem"])
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setAlternatingRowColors(True)
        header = self.list.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.list.doubleClicked.connect(self._activated)
        self.setWidget(self.list)
        self.root: Path | None = None
        self._problems: list[Problem] = []
        self._conflicts_shown = 0
        self.note = named(QToolButton(), "Problems note")
        self.note.setAutoRaise(True)
        self.note.setObjectName("problemsNote")
        self.note.clicked.connect(self.show_panel)
        self.note.hide()
        desk.place(self.note, Place.STATUS_NOTE)
        desk.place(self, Place.PANEL)
        self.hide()
        self.toggleViewAction().toggled.connect(desk.action("problems").setChecked)
        desk.saving.conflicts_found.connect(lambda _messages: self.take_conflicts())
        self._blog: Blog | None = None
        self._checks_timer = QTimer(self, singleShot=True, interval=CHECKS_DELAY_MS)
        self._checks_timer.timeout.connect(self.refresh_checks)
        desk.saving.state_changed.connect(lambda *_args: self._checks_timer.start())
        desk.events.follow_blog(self._blog_changed)

    def _blog_changed(self, model: TimelineModel | None) -> None:
        if model is None:
            self.show_store(None, None)
        else:
            self.show_store(model.store, model.blog)

    def handlers(self) -> Handlers:
        return {"problems": lambda: self.setVisible(self.desk.action("problems").isChecked())}

    def show_store(self, store: BlogStore | None, blog: Blog | None) -> None:
        """List the problems of a blog just opened (None: no blog); show the panel and the
        status bar's note when there are any."""
        self.list.clear()
        self.root = store.root if store is not None else None
        self._conflicts_shown = len(store.conflicts) if store is not None else 0
        problems = list(store.problems) if store is not None else []
        self.add_problems(problems)
        self._problems = problems
        self._blog = blog
        model = self.desk.model
        if model is None or not model.loading:  # else once every entry is read
            self.refresh_checks()
        if problems:
            self.show_panel()

    def refresh_checks(self) -> list[Check]:
        """List again what the open blog's entries hold that should not go out."""
        self._checks_timer.stop()
        for index in reversed(range(self.list.topLevelItemCount())):
            item = self.list.topLevelItem(index)
            if item is not None and item.data(0, ENTRY_ROLE):
                self.list.takeTopLevelItem(index)
        blog = self._blog
        model = self.desk.model
        checks = blog_checks(blog) if blog is not None and model is not None else []
        for check in checks:
            assert model is not None and blog is not None
            path = model.store.entry_path(check.entry_id)
            try:
                line: int | None = line_of(model.store.entry_text(check.entry_id), check, blog)
            except (OSError, UnicodeDecodeError):
                line = None  # not saved yet: the entry itself is one activation away
            item = self._add(path, line, check.in_window)
            item.setData(0, ENTRY_ROLE, check.entry_id)
            item.setToolTip(2, f"{check.in_window}\nDouble-click or press Enter to go to it")
        text = note_text(self._problems, blog) if blog is not None else ""
        if not text and checks:
            text = f"{len(checks)} thing{'s' if len(checks) != 1 else ''} to check — see Problems"
        self.note.setText(text)
        self.note.setToolTip("Show the Problems panel")
        self.note.setVisible(bool(text))
        return checks

    def entries_read(self, problems: list[Problem]) -> None:
        """Every entry of the blog just opened is read: list what reading them found, and
        the checks of their text."""
        self._problems.extend(problems)
        self.add_problems(problems)
        self.refresh_checks()
        if problems:
            self.show_panel()

    def add_problems(self, problems: list[Problem]) -> None:
        """Add problems found later (a file that changed on disk, an import)."""
        for problem in problems:
            self._add(problem.path, problem.line, problem.message)

    def take_conflicts(self) -> None:
        """List the conflicts the store has recorded since the last look."""
        model = self.desk.model
        if model is None:
            return
        new: list[Conflict] = model.store.conflicts[self._conflicts_shown :]
        self._conflicts_shown = len(model.store.conflicts)
        for conflict in new:
            self._add(conflict.path, None, conflict.message)
        if new:
            self.show_panel()

    def show_panel(self) -> None:
        self.show()
        self.raise_()

    def _add(self, path: Path, line: int | None, message: str) -> QTreeWidgetItem:
        shown = self._relative(path)
        item = QTreeWidgetItem([shown, str(line) if line else "", message])
        item.setData(0, PATH_ROLE, str(path))
        item.setToolTip(0, str(path))
        item.setToolTip(2, message)
        self.list.addTopLevelItem(item)
        return item

    def _relative(self, path: Path) -> str:
        if self.root is not None:
            try:
                return str(path.relative_to(self.root))
            except ValueError:
                pass
        return path.name

    def _activated(self, index: QModelIndex) -> None:
        item = self.list.topLevelItem(index.row())
        if item is None:
            return
        entry_id = item.data(0, ENTRY_ROLE)
        if isinstance(entry_id, str) and entry_id:
            self.desk.select_entry(entry_id)
            self.desk.editor.body.setFocus()
            return
        path = Path(str(item.data(0, PATH_ROLE)))
        if ProblemPathDialog.ask(self.desk.window, path):
            open_folder(path)

    def rows(self) -> list[tuple[str, str, str]]:
        """What the panel lists: (file, line, problem) per row."""
        return [
            (item.text(0), item.text(1), item.text(2))
            for item in (self.list.topLevelItem(i) for i in range(self.list.topLevelItemCount()))
            if item is not None
        ]
