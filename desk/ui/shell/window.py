"""The main window: the timeline on the left, the entry editor on the right, the status
bar below. It opens and closes blogs, places every widget, and runs each action of the
table, its own or a feature's; the commands, the model, the editor, the autosave and the
features do the work. Features see it only through the door (`WindowDesk`)."""

from __future__ import annotations

import gc
import logging
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSettings, Qt, QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from desk.core.clock import Clock, to_minute
from desk.core.errors import DeskError, Problem
from desk.core.model import Entry
from desk.core.prefs import Preferences
from desk.ui.blog.autosave import AUTOSAVE_DELAY_MS, RETRY_MS, Autosave
from desk.ui.blog.lock import BlogSafety
from desk.ui.commands.entries import (
    NewEntryCommand,
    SetEntryFieldCommand,
    move_command,
    sort_command,
)
from desk.ui.commands.typing import TypingGroups
from desk.ui.door import Events, Handlers, Place
from desk.ui.shell.actions import LOCK, STANDING, Actions, ActionSpec, State
from desk.ui.shell.author_bar import AuthorBar, complete_authors
from desk.ui.shell.features import Features
from desk.ui.shell.filter_selection import FilterSelection
from desk.ui.shell.focus_undo import FocusUndo
from desk.ui.shell.statusbar import DeskStatusBar
from desk.ui.shell.window_state import WindowState, open_settings
from desk.ui.timeline.model import HEADER_ROW, TimelineFilter, TimelineModel
from desk.ui.timeline.view import TimelineView
from desk.ui.widgets.a11y import named
from desk.ui.widgets.notice import notify

if TYPE_CHECKING:
    from PySide6.QtGui import QAction, QCloseEvent

    from desk.ui.blog.problems import ProblemsPanel
    from desk.ui.editor.entry_editor import EntryEditor
    from desk.ui.editor.find_all import BlogFind
    from desk.ui.exchange.entry_files import Exchange
    from desk.ui.exchange.sync import SyncUi
    from desk.ui.export.cms_copy import Copier
    from desk.ui.timeline.entry_kind import EntryKinds

F = TypeVar("F")
log = logging.getLogger(__name__)

DEFAULT_SIZE = (1200, 800)
STATUS_FILTERS = (("All", ""), ("Drafts", "draft"), ("Ready", "ready"))
READING_NOTE_FROM = 1_000  # entries left to read at once that take longer than a blink


class MainWindow(QMainWindow):
    def __init__(
        self,
        clock: Clock,
        *,
        settings: QSettings | None = None,
        prefs: Preferences | None = None,
        autosave_delay_ms: int = AUTOSAVE_DELAY_MS,
        retry_ms: int = RETRY_MS,
        editor_after_paint: bool = False,
    ) -> None:
        """`editor_after_paint`: the timeline paints first and the entry editor, with its
        modules, is made just after (a start that shows the blog sooner), and so is the
        filter that gives every field's Ctrl+Z to the window; else both are made now.
        Either way, whatever asks for `editor` before then has it made at once."""
        super().__init__()
        self.clock = clock
        self.state = WindowState(settings if settings is not None else open_settings())
        self.prefs = prefs if prefs is not None else Preferences.load()
        self.undo_stack = QUndoStack(self)
        self.typing = TypingGroups(self.undo_stack, clock, self)  # when typing steps end
        self.model: TimelineModel | None = None
        self.autosave = Autosave(clock, autosave_delay_ms, retry_ms, self)
        self.events = Events(self)
        self.desk = WindowDesk(self)
        self.features = Features(self.desk)
        self._locked: list[QWidget] = []  # what read-only mode switched off in the editor
        self._editor: EntryEditor | None = None
        self.setWindowTitle("Desk")
        self.setAccessibleName("Desk")
        self._build()
        self.desk_actions = Actions(self)
        self.recent_menu = QMenu("Recent &blogs", self)
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self.menuBar().setAccessibleName("Menu bar")
        self.menus = self.desk_actions.build_menus(self.menuBar(), self.recent_menu)
        self.focus_undo = FocusUndo(
            self.undo_stack, self.desk_actions["undo"], self.desk_actions["redo"], self,
            say=lambda text: self.status.showMessage(text, 10000),
            follow=self._follow_undo, before=self.typing.seal,
        )  # fmt: skip
        self.menus["edit"].aboutToShow.connect(self.focus_undo.refresh)
        self._connect()
        # The lock is needed to open a blog; the other standing features are made after
        # the first paint, which they would otherwise hold back (~90 ms with their modules).
        self.features.load(LOCK)
        if editor_after_paint:
            self.timeline.painted_once.connect(self.focus_undo.watch)
            self.timeline.painted_once.connect(
                lambda: QTimer.singleShot(0, self, self._make_editor)  # once it is on screen
            )
        else:
            self.focus_undo.watch()
        self.timeline.painted_once.connect(lambda: QTimer.singleShot(0, self, self._make_standing))
        self._restore_window()
        if not editor_after_paint:
            self._make_editor()
        self._update_actions()

    def _make_standing(self) -> None:
        """Make the standing features; each one made after a blog opened looks at it then."""
        for path in STANDING:
            self.features.load(path)

    @property
    def editor(self) -> EntryEditor:
        return self._editor if self._editor is not None else self._make_editor()

    def _make_editor(self) -> EntryEditor:
        """The entry editor in its place, showing what the timeline has selected."""
        if self._editor is not None:
            return self._editor
        from desk.ui.editor.entry_editor import EntryEditor

        editor = self._editor = EntryEditor(self.undo_stack, self.typing)
        # In the empty pane's place, at its size (insertWidget, unlike replaceWidget, gives
        # the splitter the editor to own).
        sizes, stand_in = self.split.sizes(), self.split.widget(1)
        if stand_in is not None:
            stand_in.setParent(None)  # type: ignore[call-overload]  # out of the splitter
            stand_in.deleteLater()
        self.split.insertWidget(1, editor)
        self.split.setSizes(sizes)
        complete_authors(
            editor.author, lambda: self.model.blog if self.model else None, lambda: self.prefs
        )
        self.setTabOrder(self.timeline, editor.time_edit)
        editor.body.undo_hook = self.focus_undo.undo
        editor.body.redo_hook = self.focus_undo.redo
        editor.stamp_now_requested.connect(self.stamp_now)
        saved = self.state.bytes("splitter/editor")
        if saved is not None:
            editor.split.restoreState(saved)
        editor.preview.setVisible(self.desk_actions["toggle_preview"].isChecked())
        editor.set_model(self.model)
        current = self.timeline.currentIndex()
        if self.model is not None and current.isValid():
            editor.show_row(self.proxy.mapToSource(current).row())
        editor.setEnabled(self.model is not None)
        self._lock_editor_if_read_only()
        return editor

    # -- building -------------------------------------------------------------------------

    def _build(self) -> None:
        self.filter_box = named(QLineEdit(placeholderText="Filter"), "Filter the timeline")
        self.filter_box.setClearButtonEnabled(True)
        self.status_filter = named(QComboBox(), "Show entries with status")
        for text, _status in STATUS_FILTERS:
            self.status_filter.addItem(text)
        self.proxy = TimelineFilter(self)
        self.timeline = TimelineView()
        self.timeline.setModel(self.proxy)
        title = named(QLabel("Timeline"), "Timeline heading")
        title.setObjectName("paneTitle")
        title.setBuddy(self.timeline)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addWidget(self.filter_box, 1)
        top.addWidget(self.status_filter)
        left = named(QWidget(), "Timeline pane")
        left.setObjectName("timelinePane")
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(8, 8, 0, 4)
        left_layout.addLayout(top)
        left_layout.addWidget(self.timeline, 1)

        self.split = named(QSplitter(Qt.Orientation.Horizontal), "Timeline and editor")
        self.split.addWidget(left)
        self.split.addWidget(QWidget())  # the entry editor's place, until it is made
        self.split.setStretchFactor(1, 1)
        self.split.setSizes([360, 840])
        self.split.setChildrenCollapsible(False)
        self.author_bar = AuthorBar(
            lambda: self.prefs,
            lambda prefs: setattr(self, "prefs", prefs),
            lambda text: self.status.showMessage(text, 8000),
        )
        central = named(QWidget(), "Window content")
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.setSpacing(0)
        central_layout.addWidget(self.author_bar)
        central_layout.addWidget(self.split, 1)
        self.setCentralWidget(central)
        self.status = DeskStatusBar(self.clock)
        self.setStatusBar(self.status)
        self.setTabOrder(self.filter_box, self.status_filter)
        self.setTabOrder(self.status_filter, self.timeline)

    def _connect(self) -> None:
        self.desk_actions.connect(self._run)
        self.timeline.delete_requested.connect(self.delete_selected)
        self.timeline.open_requested.connect(lambda: self.editor.body.setFocus())
        self.timeline.selectionModel().currentChanged.connect(self._current_changed)
        self.filter_selection = FilterSelection(  # keeps the selection while filtering
            lambda: self.model,
            self.filter_box,
            self.status_filter,
            STATUS_FILTERS,
            self.proxy,
            self.timeline,
            self.status,
        )
        self.autosave.state_changed.connect(self.status.set_save_state)
        self.autosave.failed.connect(self._save_failed)
        self.autosave.conflicts_found.connect(
            lambda messages: notify(self, "Changed outside Desk", messages[0], "\n".join(messages))
        )
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    def handlers(self) -> Handlers:
        """The actions the window runs itself."""
        return {
            "close_blog": self.close,
            "quit": self.quit,
            "undo": self.focus_undo.undo,
            "redo": self.focus_undo.redo,
            "find": lambda: self.editor.find_bar.open_find(replace=False),
            "replace": lambda: self.editor.find_bar.open_find(replace=True),
            "filter": self._focus_filter,
            "new_update": self.new_update,
            "toggle_status": self.toggle_status,
            "move_up": lambda: self.move_selected(-1),
            "move_down": lambda: self.move_selected(+1),
            "sort": self.sort_by_stamp,
            "focus_timeline": self.timeline.setFocus,
            "focus_editor": lambda: self.editor.body.setFocus(),
            "toggle_preview": self._toggle_preview,
            "shortcuts": lambda: _help_menu().show_shortcuts(self),
            "about": lambda: _help_menu().show_about(self),
            "show_log": lambda: _help_menu().show_log(self),
        }

    def _toggle_preview(self) -> None:
        if self._editor is not None:  # else the editor, when it is made, looks at the action
            self._editor.preview.setVisible(self.desk_actions["toggle_preview"].isChecked())

    def _run(self, spec: ActionSpec) -> None:
        owner = self.features.load(spec.feature) if spec.feature else self
        owner.handlers()[spec.name]()

    def feature(self, kind: type[F]) -> F:
        return self.features.get(kind)

    # The features the tests and the shell itself look at by name.

    @property
    def safety(self) -> BlogSafety:
        return self.features.get(BlogSafety)

    @property
    def problems(self) -> ProblemsPanel:
        from desk.ui.blog.problems import ProblemsPanel

        return self.features.get(ProblemsPanel)

    @property
    def exchange(self) -> Exchange:
        from desk.ui.exchange.entry_files import Exchange

        return self.features.get(Exchange)

    @property
    def syncing(self) -> SyncUi:
        from desk.ui.exchange.sync import SyncUi

        return self.features.get(SyncUi)

    @property
    def blog_find(self) -> BlogFind:
        from desk.ui.editor.find_all import BlogFind

        return self.features.get(BlogFind)

    @property
    def copier(self) -> Copier:
        from desk.ui.export.cms_copy import Copier

        return self.features.get(Copier)

    @property
    def kinds(self) -> EntryKinds:
        from desk.ui.timeline.entry_kind import EntryKinds

        return self.features.get(EntryKinds)

    def place(self, widget: QWidget, where: Place) -> None:
        """Put a feature's widget where it belongs in the window."""
        from PySide6.QtWidgets import QDockWidget  # named on first use (see desk.ui)

        if where in (Place.ABOVE_EDITOR, Place.UNDER_FIND):
            self._place_in_editor(widget, where)
        elif where is Place.BANNER and isinstance(widget, QToolBar):
            self.addToolBar(Qt.ToolBarArea.TopToolBarArea, widget)
        elif where is Place.PANEL and isinstance(widget, QDockWidget):
            self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, widget)
        elif where is Place.STATUS_NOTE:
            self.status.addWidget(widget)
        elif where is Place.STATUS:
            self.status.addPermanentWidget(widget)
        else:
            raise ValueError(f"{type(widget).__name__} cannot go in {where}")

    def _place_in_editor(self, widget: QWidget, where: Place) -> None:
        layout = self.editor.layout()
        if not isinstance(layout, QVBoxLayout):
            raise ValueError(f"{type(widget).__name__} cannot go in {where}")
        at = 0 if where is Place.ABOVE_EDITOR else layout.indexOf(self.editor.find_bar) + 1
        layout.insertWidget(at, widget)

    # -- opening and closing blogs --------------------------------------------------------

    def open_blog(self, path: Path) -> bool:
        """Show the blog at `path`. False (and a message) if it cannot be opened; the blog
        already open then stays."""
        claim = self.safety.claim_blog(path)  # the lock first: read-only if another has it
        try:
            store, blog = self.safety.open_store(claim)
        except DeskError as error:
            log.warning("cannot open %s: %s", path, error)
            self.safety.drop(claim)
            notify(self, "Cannot open blog", str(error))
            return False
        if not self.release_blog():
            self.safety.drop(claim)
            return False
        self._attach(TimelineModel(store, blog, self))
        self.safety.adopt(claim)
        self._show_read_only()
        log.info(
            "opened %s: %d entries, %d problems%s",
            store.root,
            len(blog.order),
            len(store.problems),
            ", read-only" if self.safety.read_only else "",
        )
        self.state.set_last_blog(store.root)
        self.state.add_recent(store.root)
        self.select_entry(self.state.selected_entry(store.root) or self._first_entry_id())
        self.timeline.setFocus()
        return True

    def _attach(self, model: TimelineModel | None) -> None:
        old = self.model
        self.model = model
        self.undo_stack.clear()
        self.proxy.setSourceModel(model)  # type: ignore[arg-type]  # None: no rows
        if self._editor is not None:
            self._editor.set_model(model)
        self.autosave.attach(model)
        self.events.model = model
        self.events.blog_changed.emit(model)
        if old is not None:
            old.deleteLater()
        if model is None:
            self.setWindowTitle("Desk")
            self.status.set_save_state("", "No blog open")
            self.status.counts.clear()
            return
        self.setWindowTitle(f"{model.blog.title} — Desk")
        self.status.clearMessage()  # what was said of the blog before is not of this one
        self.status.set_save_state("saved", f"Opened {self.clock.now():%H:%M:%S}")
        for signal in (
            model.rowsInserted,
            model.rowsRemoved,
            model.layoutChanged,
            model.dataChanged,
        ):
            signal.connect(self._model_changed)
        model.rowsInserted.connect(self._rows_inserted)
        model.move_requested.connect(self._move_dropped)
        model.loaded.connect(self._entries_read)
        model.reading_all.connect(self._reading_all)
        if self.timeline.painted:
            model.start_loading()
        else:  # the first paint first: reading in idle moments would hold it back
            self.timeline.first_painted.connect(model.start_loading)
        model.failed.connect(lambda message: notify(self, "Desk", message))
        model.blog_changed.connect(lambda: self.setWindowTitle(f"{model.blog.title} — Desk"))
        self._model_changed()

    def _reading_all(self, left: int) -> None:
        """Something needs every entry before the idle reading is done: say so if that
        takes longer than a blink (painted now, since the reading holds the loop)."""
        if left >= READING_NOTE_FROM:
            self.status.showMessage(f"Reading {left:,} entries…")
            self.status.repaint()

    def _entries_read(self, problems: list[Problem]) -> None:
        """The blog opened in steps is read whole: its problems and counts are known."""
        if self.status.currentMessage().startswith("Reading "):
            self.status.clearMessage()
        self.problems.entries_read(problems)
        self._model_changed()
        # The blog's objects are here to stay: the collector's full passes no longer walk
        # them (at 10,000 entries such a pass took ~80 ms, felt as a key that stuck).
        gc.freeze()

    def release_blog(self) -> bool:
        """Save and let go of the open blog; False if the user keeps it (unsaved work)."""
        if self.model is None:
            return True
        while not self.autosave.flush():
            from desk.ui.blog.dialogs import CloseChoice, UnsavedDialog

            choice = UnsavedDialog.ask(self, self.autosave.error)
            if choice is CloseChoice.CANCEL:
                return False
            if choice is CloseChoice.DISCARD:
                break
        entry = self.selected_entry()
        self.state.set_selected_entry(self.model.store.root, entry.id if entry else "")
        self.model.store.write_index()  # the next start reads only what changed
        gc.unfreeze()  # the blog frozen when it was read may now be collected
        log.info("closed %s", self.model.store.root)
        self._attach(None)
        self.safety.release()
        self._show_read_only()
        return True

    def closeEvent(self, event: QCloseEvent) -> None:
        entry = self.selected_entry()
        if self.model is not None:
            self.state.set_selected_entry(self.model.store.root, entry.id if entry else "")
        self._save_window()
        if not self.release_blog():
            event.ignore()
            return
        self.state.sync()
        event.accept()

    def quit(self) -> None:
        if self.close():
            QApplication.quit()

    def _save_window(self) -> None:
        self.state.set_bytes("geometry", self.saveGeometry())
        self.state.set_bytes("splitter/main", self.split.saveState())
        if self._editor is not None:
            self.state.set_bytes("splitter/editor", self._editor.split.saveState())
        self.state.settings.setValue("preview", self.desk_actions["toggle_preview"].isChecked())

    def _restore_window(self) -> None:
        geometry = self.state.bytes("geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(*DEFAULT_SIZE)
        saved = self.state.bytes("splitter/main")
        if saved is not None:
            self.split.restoreState(saved)
        preview = self.state.settings.value("preview", True)  # the editor's, when it is made
        self.desk_actions["toggle_preview"].setChecked(preview not in (False, "false", "0"))

    # -- selection ------------------------------------------------------------------------

    def selected_entry(self) -> Entry | None:
        if self.model is None:
            return None
        return self.model.entry_at(self.timeline.current_source_row())

    def _first_entry_id(self) -> str:
        return self.model.blog.order[0] if self.model is not None and self.model.blog.order else ""

    def select_entry(self, entry_id: str) -> None:
        """Select an entry in the timeline ("" or unknown: the blog header)."""
        if self.model is None:
            return
        source = self.model.index_of(entry_id) if entry_id else QModelIndex()
        if not source.isValid():
            source = self.model.index(HEADER_ROW)
        index = self.proxy.mapFromSource(source)
        if not index.isValid():  # filtered out: show everything rather than hide it
            self.filter_box.clear()
            self.status_filter.setCurrentIndex(0)
            index = self.proxy.mapFromSource(source)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
        self.timeline.selectionModel().setCurrentIndex(index, flags)
        self.timeline.scrollTo(index)

    def _rows_inserted(self, _parent: QModelIndex, first: int, _last: int) -> None:
        # A new, restored or undeleted entry is what the user wants to see next.
        if self.exchange.quiet:  # from the folder or a merge: the writer stays put
            return
        entry = self.model.entry_at(first) if self.model is not None else None
        if entry is not None:
            self.select_entry(entry.id)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        # Leaving an entry saves it: the writer moved on, the file should say so.
        if self.autosave.has_unsaved():
            self.autosave.flush()
        if self._editor is not None and self.model is not None and current.isValid():
            self._editor.show_row(self.proxy.mapToSource(current).row())
        self.events.selection_changed.emit()
        self._update_actions()

    def _focus_changed(self, old: QWidget | None, _new: QWidget | None) -> None:
        if old is not None and self.isAncestorOf(old) and self.autosave.has_unsaved():
            self.autosave.flush()
        self.focus_undo.refresh()

    def _focus_filter(self) -> None:
        self.filter_box.setFocus()
        self.filter_box.selectAll()

    # -- entry commands -------------------------------------------------------------------

    def new_update(self) -> None:
        """A new update stamped with the current UTC minute, at the top, cursor in its body."""
        if self.model is None:
            return
        model = self.model
        entry = Entry(
            id=model.store.new_id(model.blog),
            stamp=to_minute(self.clock.now()),
            author=self.prefs.default_author,
        )
        self.undo_stack.push(NewEntryCommand(model, entry, 0))
        self.select_entry(entry.id)
        self.editor.body.setFocus()

    def stamp_now(self) -> None:
        self.kinds.stamp_now()

    def toggle_status(self) -> None:
        entry = self.selected_entry()
        if self.model is not None and entry is not None:
            status = "draft" if entry.is_ready else "ready"
            self.undo_stack.push(SetEntryFieldCommand(self.model, entry.id, "status", status))

    def move_selected(self, step: int) -> None:
        entry = self.selected_entry()
        if self.model is None or entry is None or entry.is_original:
            return
        index = self.model.blog.order.index(entry.id)
        command = move_command(self.model, [entry.id], index + (step if step < 0 else step + 1))
        if command is not None:
            self.undo_stack.push(command)
            self.select_entry(entry.id)

    def _move_dropped(self, ids: list[str], index: int) -> None:
        if self.model is None:
            return
        command = move_command(self.model, ids, index)
        if command is not None:
            self.undo_stack.push(command)

    def sort_by_stamp(self) -> None:
        if self.model is not None and (command := sort_command(self.model)) is not None:
            self.undo_stack.push(command)

    def delete_selected(self) -> None:
        self.kinds.delete()

    def _follow_undo(self, entry_id: str) -> None:
        """Show the entry an undo or redo changed ("" the blog header), if it is there."""
        if self.model is None or (entry_id and entry_id not in self.model.blog.entries):
            return
        entry = self.selected_entry()
        if (entry.id if entry is not None else "") != entry_id:
            self.select_entry(entry_id)

    # -- state shown ----------------------------------------------------------------------

    def _model_changed(self, *_args: object) -> None:
        if self.model is not None and self.model.loading:
            self.status.counts.setText("Reading entries…")  # counted once all are read
        elif self.model is not None:
            self.status.set_counts(*self.model.counts())
        self._update_actions()

    def _update_actions(self) -> None:
        model, entry = self.model, self.selected_entry()
        state = State(has_blog=model is not None)
        if model is not None:
            order = model.blog.order
            # The original is always last: no walk over 10,000 entries at every keystroke.
            last = model.blog.entries.get(order[-1]) if order else None
            updates = len(order) - (1 if last is not None and last.is_original else 0)
            position = order.index(entry.id) if entry is not None else -1
            state = State(
                has_blog=True,
                entry=entry is not None,
                original=entry is not None and entry.is_original,
                has_original=last is not None and last.is_original,
                can_move_up=entry is not None and not entry.is_original and position > 0,
                can_move_down=entry is not None
                and not entry.is_original
                and position < updates - 1,
                can_sort=updates > 1,
            )
        self.desk_actions.update(state, read_only=self.safety.read_only)
        if self._editor is not None:
            self._editor.setEnabled(model is not None)
        self.focus_undo.refresh()

    def _show_read_only(self) -> None:
        """Editor, timeline, title and actions as the read-only state says."""
        read_only = self.safety.read_only
        self._lock_editor_if_read_only()
        self.timeline.setDragEnabled(not read_only)
        self.timeline.setAcceptDrops(not read_only)
        if read_only:
            self.status.set_save_state("readonly", "Read-only")
            if self.model is not None:
                self.setWindowTitle(f"{self.model.blog.title} (read-only) — Desk")
        self._update_actions()

    def _lock_editor_if_read_only(self) -> None:
        """The editor (once it is made) locked while the blog is read-only, unlocked after."""
        if self.safety.read_only and not self._locked and self._editor is not None:
            from desk.ui.shell.read_only import lock_editor  # named on first use (see desk.ui)

            self._locked = lock_editor(self._editor)
        elif not self.safety.read_only and self._locked:
            from desk.ui.shell.read_only import unlock_editor

            unlock_editor(self._locked)
            self._locked = []

    def _save_failed(self, message: str) -> None:
        log.warning("not saved: %s", message)
        notify(
            self,
            "Not saved",
            "Desk could not save your work. It is kept in memory and Desk keeps trying.",
            message,
        )

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for path in self.state.recent():
            action = self.recent_menu.addAction(path.name)
            action.setToolTip(str(path))
            action.triggered.connect(lambda _checked=False, p=path: self.open_blog(p))
        if self.recent_menu.isEmpty():
            self.recent_menu.addAction("No recent blogs").setEnabled(False)


class WindowDesk:
    """The door as the main window opens it to its features (`desk.ui.door.Desk`)."""

    def __init__(self, window: MainWindow) -> None:
        self._window = window

    @property
    def window(self) -> QWidget:
        return self._window

    @property
    def model(self) -> TimelineModel | None:
        return self._window.model

    @property
    def undo_stack(self) -> QUndoStack:
        return self._window.undo_stack

    @property
    def saving(self) -> Autosave:
        return self._window.autosave

    @property
    def clock(self) -> Clock:
        return self._window.clock

    @property
    def prefs(self) -> Preferences:
        return self._window.prefs

    @prefs.setter
    def prefs(self, prefs: Preferences) -> None:
        self._window.prefs = prefs
        self._window.author_bar.setVisible(self._window.author_bar.wanted())

    @property
    def settings(self) -> QSettings:
        return self._window.state.settings

    @property
    def events(self) -> Events:
        return self._window.events

    @property
    def editor(self) -> EntryEditor:
        return self._window.editor

    @property
    def timeline(self) -> TimelineView:
        return self._window.timeline

    def say(self, text: str, ms: int = 8000) -> None:
        self._window.status.showMessage(text, ms)

    def selected_entry(self) -> Entry | None:
        return self._window.selected_entry()

    def select_entry(self, entry_id: str) -> None:
        self._window.select_entry(entry_id)

    def open_blog(self, path: Path) -> bool:
        return self._window.open_blog(path)

    def place(self, widget: QWidget, where: Place) -> None:
        self._window.place(widget, where)

    def action(self, name: str) -> QAction:
        return self._window.desk_actions[name]

    def feature(self, kind: type[F]) -> F:
        return self._window.features.get(kind)


def _help_menu() -> ModuleType:
    from desk.ui.shell import help_menu

    return help_menu
