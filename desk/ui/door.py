"""The one door between the shell and the window's features.

A feature (Insert, the export dialog, sync, the Problems panel…) is a class that takes a
`Desk` and nothing else: the blog's model, the undo stack, saving, status messages, the
selection, the clock, the preferences, and a way to ask the shell for a place to show a
banner, a bar, a panel or a status. It never sees the main window, and it never places a
widget itself: only the shell does. It says which actions it handles through `handlers()`;
the action table names the feature of each action, so a feature's module is imported the
first time one of its actions is used, not at start.

Features learn of changes through the model's signals and through `Desk.events`."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QAction, QUndoStack
    from PySide6.QtWidgets import QWidget

    from desk.core.clock import Clock
    from desk.core.model import Entry
    from desk.core.prefs import Preferences
    from desk.ui.blog.autosave import Autosave
    from desk.ui.editor.entry_editor import EntryEditor
    from desk.ui.timeline.model import TimelineModel
    from desk.ui.timeline.view import TimelineView

F = TypeVar("F")
Handlers = Mapping[str, Callable[[], object]]


class Place(Enum):
    """Where the shell puts a feature's widget."""

    BANNER = "banner"  # a strip across the top of the window (the read-only notice)
    ABOVE_EDITOR = "above_editor"  # a bar above the entry's fields (a conflict copy's bar)
    UNDER_FIND = "under_find"  # under the find bar (the hits in all entries)
    PANEL = "panel"  # a panel along the bottom of the window (Problems)
    STATUS_NOTE = "status_note"  # a note at the left of the status bar (the problems' count)
    STATUS = "status"  # a lasting part of the status bar, at its right (the sync state)


class Events(QObject):
    """What happens in the window that is not a change to the blog itself."""

    blog_changed = Signal(object)  # the model of the blog now open, or None
    selection_changed = Signal()  # another entry (or the blog header) is selected

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.model: TimelineModel | None = None  # the blog open now, set before each signal

    def follow_blog(self, slot: Callable[[TimelineModel | None], object]) -> None:
        """Call `slot` with each blog opened (None: closed), and now with the blog already
        open: a feature made after the blog opened learns of it the same way."""
        self.blog_changed.connect(slot)
        if self.model is not None:
            slot(self.model)


class Desk(Protocol):
    """What a feature may use of the window."""

    @property
    def window(self) -> QWidget:
        """The window, as the parent of a feature's dialogs and nothing more."""

    @property
    def model(self) -> TimelineModel | None:
        """The open blog, or None."""

    @property
    def undo_stack(self) -> QUndoStack: ...

    @property
    def saving(self) -> Autosave: ...

    @property
    def clock(self) -> Clock: ...

    @property
    def prefs(self) -> Preferences: ...

    @prefs.setter
    def prefs(self, prefs: Preferences) -> None:
        """New preferences (saved by the caller): the shell shows what they change."""

    @property
    def settings(self) -> QSettings:
        """Where a feature remembers small things between runs (the last folder used)."""

    @property
    def events(self) -> Events: ...

    @property
    def editor(self) -> EntryEditor: ...

    @property
    def timeline(self) -> TimelineView: ...

    def say(self, text: str, ms: int = 8000) -> None:
        """A message in the status bar for `ms` milliseconds."""

    def selected_entry(self) -> Entry | None: ...

    def select_entry(self, entry_id: str) -> None:
        """Select an entry ("" the blog header), showing it if the filter hid it."""

    def open_blog(self, path: Path) -> bool: ...

    def place(self, widget: QWidget, where: Place) -> None: ...

    def action(self, name: str) -> QAction:
        """An action of the table, for a feature that shows a state in it (checked)."""

    def feature(self, kind: type[F]) -> F:
        """Another feature of this window, made on first use."""


class Feature(Protocol):
    """A part of the window: made with the `Desk`, it handles the actions it names."""

    def handlers(self) -> Handlers: ...
