"""The Problems panel: every file of the open blog that could not be read (and every file
changed outside Desk while it was open), with its line and what is wrong. A blog with
problems still opens; this panel, and a note in the status bar, say what was left out.
Below them, what the entries hold that should not go out (placeholders in ready entries,
stamps outside the coverage), kept up to date as the blog is saved; activating one of
those goes to its entry."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QDockWidget,
    QHeaderView,
    QMessageBox,
    QToolButton,
    QTreeView,
    QWidget,
)

from desk.core.checks import Check, KeptChecks, line_of
from desk.core.errors import Problem
from desk.core.model import Blog
from desk.core.storage.store import ENTRIES, BlogStore, Conflict
from desk.ui.door import Place
from desk.ui.widgets.a11y import named

if TYPE_CHECKING:
    from desk.ui.door import Desk, Handlers
    from desk.ui.timeline.model import AnyIndex, TimelineModel

CHECKS_DELAY_MS = 400
GO_TO_IT = "Double-click or press Enter to go to it"


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


class ProblemRows(QAbstractTableModel):
    """What the panel lists: the problems with the blog's files, then the checks of its
    entries. A blog can have thousands of checks (a months-long blog is stamped past its
    first week), so a check's file and line are found only when its row is shown."""

    COLUMNS = ("File", "Line", "Problem")

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.store: BlogStore | None = None
        self.blog: Blog | None = None
        self.problems: list[Problem] = []
        self.checks: list[Check] = []
        self._lines: dict[int, int | None] = {}  # a check's row: its line, once shown

    def show_blog(self, store: BlogStore | None, blog: Blog | None) -> None:
        self.beginResetModel()
        self.store, self.blog, self.problems, self.checks = store, blog, [], []
        self._lines = {}
        self.endResetModel()

    def add_problems(self, problems: list[Problem]) -> None:
        """Problems not listed yet go last among the problems (one found twice, once)."""
        known = set(self.problems)
        new = [p for p in dict.fromkeys(problems) if p not in known]
        if new:
            first = len(self.problems)
            self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
            self.problems.extend(new)
            self._lines = {}
            self.endInsertRows()

    def set_checks(self, checks: list[Check]) -> None:
        if checks != self.checks:
            self.beginResetModel()
            self.checks, self._lines = checks, {}
            self.endResetModel()
        elif checks:  # the same checks; their lines may have moved in the saved files
            self._lines = {}
            first = len(self.problems)
            self.dataChanged.emit(self.index(first, 1), self.index(first + len(checks) - 1, 1))

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.problems) + len(self.checks)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row, column = index.row(), index.column()
        if not index.isValid() or not 0 <= row < self.rowCount():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.row(row)[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 0:
                return str(self.path(row))
            if column == 2:
                check = self.check_at(row)
                message = self.row(row)[2]
                return message if check is None else f"{message}\n{GO_TO_IT}"
        return None

    def check_at(self, row: int) -> Check | None:
        at = row - len(self.problems)
        return self.checks[at] if 0 <= at < len(self.checks) else None

    def path(self, row: int) -> Path:
        check = self.check_at(row)
        if check is None:
            return self.problems[row].path
        assert self.store is not None
        return self.store.entry_path(check.entry_id)

    def row(self, row: int) -> tuple[str, str, str]:
        """(file, line, problem) as the row shows them."""
        check = self.check_at(row)
        if check is None:
            problem = self.problems[row]
            line: int | None = problem.line
            return self._relative(problem.path), str(line) if line else "", problem.message
        line = self._lines[row] if row in self._lines else self._line_of(row, check)
        shown = f"{ENTRIES}/{check.entry_id}.md"
        return shown, str(line) if line else "", check.in_window

    def _line_of(self, row: int, check: Check) -> int | None:
        assert self.store is not None and self.blog is not None
        try:
            line: int | None = line_of(self.store.entry_text(check.entry_id), check, self.blog)
        except (OSError, UnicodeDecodeError):
            line = None  # not saved yet: the entry itself is one activation away
        self._lines[row] = line
        return line

    def _relative(self, path: Path) -> str:
        if self.store is not None:
            try:
                return str(path.relative_to(self.store.root))
            except ValueError:
                pass
        return path.name


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
        self.rows_model = ProblemRows(self)
        self.list = named(QTreeView(), "Problems with the blog's files")
        self.list.setModel(self.rows_model)
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setAlternatingRowColors(True)
        header = self.list.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        header.setResizeContentsPrecision(0)  # sized to the rows shown: the rest are not read
        self.list.activated.connect(self._activated)  # a double-click or Enter
        self.setWidget(self.list)
        self._conflicts_shown = 0
        self._noted: list[Problem] = []  # what the status bar's note counts: the load's
        self._checks = KeptChecks()
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
        self._checks_timer = QTimer(self, singleShot=True, interval=CHECKS_DELAY_MS)
        self._checks_timer.timeout.connect(self.refresh_checks)
        # Each keystroke says "unsaved": the checks wait for a pause in the typing.
        desk.saving.state_changed.connect(lambda *_args: self._checks_timer.start())
        desk.events.follow_blog(self._blog_changed)

    @property
    def root(self) -> Path | None:
        store = self.rows_model.store
        return store.root if store is not None else None

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
        self._checks = KeptChecks()
        self.rows_model.show_blog(store, blog)
        self._conflicts_shown = len(store.conflicts) if store is not None else 0
        problems = list(store.problems) if store is not None else []
        self.rows_model.add_problems(problems)
        self._noted = problems
        model = self.desk.model
        if model is None or not model.loading:  # else once every entry is read
            self.refresh_checks()
        else:
            self._show_note([])
        if problems:
            self.show_panel()

    def refresh_checks(self) -> list[Check]:
        """List again what the open blog's entries hold that should not go out."""
        self._checks_timer.stop()
        blog = self.rows_model.blog
        checks = self._checks.of(blog) if blog is not None and self.desk.model is not None else []
        self.rows_model.set_checks(checks)
        self._show_note(checks)
        return checks

    def _show_note(self, checks: list[Check]) -> None:
        blog = self.rows_model.blog
        text = note_text(self._noted, blog) if blog is not None else ""
        if not text and checks:
            text = f"{len(checks)} thing{'s' if len(checks) != 1 else ''} to check — see Problems"
        self.note.setText(text)
        self.note.setToolTip("Show the Problems panel")
        self.note.setVisible(bool(text))

    def entries_read(self, problems: list[Problem]) -> None:
        """Every entry of the blog just opened is read: list what reading them found, and
        the checks of their text."""
        # The panel may have been made after the load had found some of these already.
        self._noted = list(dict.fromkeys([*self._noted, *problems]))
        self.rows_model.add_problems(problems)
        self.refresh_checks()
        if problems:
            self.show_panel()

    def add_problems(self, problems: list[Problem]) -> None:
        """Add problems found later (a file that changed on disk, an import)."""
        self.rows_model.add_problems(problems)

    def take_conflicts(self) -> None:
        """List the conflicts the store has recorded since the last look."""
        model = self.desk.model
        if model is None:
            return
        new: list[Conflict] = model.store.conflicts[self._conflicts_shown :]
        self._conflicts_shown = len(model.store.conflicts)
        self.rows_model.add_problems([Problem(c.path, c.message) for c in new])
        if new:
            self.show_panel()

    def show_panel(self) -> None:
        self.show()
        self.raise_()

    def _activated(self, index: QModelIndex) -> None:
        rows = self.rows_model
        if not index.isValid():
            return
        check = rows.check_at(index.row())
        if check is not None and check.entry_id:
            self.desk.select_entry(check.entry_id)
            self.desk.editor.body.setFocus()
            return
        path = rows.path(index.row())
        if ProblemPathDialog.ask(self.desk.window, path):
            open_folder(path)

    def rows(self) -> list[tuple[str, str, str]]:
        """What the panel lists: (file, line, problem) per row."""
        return [self.rows_model.row(r) for r in range(self.rows_model.rowCount())]
