"""A door without a window: the real model, store, undo stack, editor and timeline view of
one blog, with what features say and place written down instead of shown. A feature made
on it proves it needs nothing of the main window."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import QWidget

from desk.core.clock import Clock
from desk.core.model import Entry
from desk.core.prefs import Preferences
from desk.core.storage.store import BlogStore
from desk.ui.blog.autosave import Autosave
from desk.ui.door import Events, Place
from desk.ui.editor.entry_editor import EntryEditor
from desk.ui.shell.actions import SPECS
from desk.ui.shell.features import Features
from desk.ui.timeline.model import TimelineFilter, TimelineModel
from desk.ui.timeline.view import TimelineView

F = TypeVar("F")


class FakeDesk:
    def __init__(self, blog_path: Path, clock: Clock, settings_file: Path) -> None:
        self.window = QWidget()
        self.clock = clock
        self.prefs = Preferences()
        self.settings = QSettings(str(settings_file), QSettings.Format.IniFormat)
        self.events = Events(self.window)
        self.undo_stack = QUndoStack(self.window)
        self.saving = Autosave(clock, 50, 200, self.window)
        store, blog = BlogStore.open(blog_path, clock)
        self.model: TimelineModel | None = TimelineModel(store, blog, self.window)
        self.saving.attach(self.model)
        self.events.model = self.model  # as the shell sets it before telling the features
        self.editor = EntryEditor(self.undo_stack, parent=self.window)
        self.editor.set_model(self.model)
        self.timeline = TimelineView()
        self.proxy = TimelineFilter(self.window)
        self.proxy.setSourceModel(self.model)
        self.timeline.setModel(self.proxy)
        self.actions = {spec.name: QAction(spec.text, self.window) for spec in SPECS}
        for spec in SPECS:
            self.actions[spec.name].setCheckable(spec.checkable)
        self.features = Features(self)
        self.said: list[str] = []
        self.placed: list[tuple[QWidget, Place]] = []
        self.opened: list[Path] = []
        self.selected = ""

    def say(self, text: str, ms: int = 8000) -> None:
        self.said.append(text)

    def selected_entry(self) -> Entry | None:
        if self.model is None:
            return None
        return self.model.blog.entries.get(self.selected)

    def select_entry(self, entry_id: str) -> None:
        self.selected = entry_id

    def open_blog(self, path: Path) -> bool:
        self.opened.append(path)
        return True

    def place(self, widget: QWidget, where: Place) -> None:
        self.placed.append((widget, where))

    def action(self, name: str) -> QAction:
        return self.actions[name]

    def feature(self, kind: type[F]) -> F:
        return self.features.get(kind)

    def places(self) -> list[Place]:
        return [where for _widget, where in self.placed]
