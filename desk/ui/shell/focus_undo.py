"""One undo history for the window: Ctrl+Z undoes the last thing done in it, wherever the
focus is: a structural step (delete, stamp, move…) or a step of typing (see
`typing_steps`). Text fields in the window do not keep an undo of their own: their Ctrl+Z
goes to the window's stack. The Edit menu names the step ("Undo Delete UPDATE 2205 GMT"),
the status bar says what was undone, and the timeline shows the entry it changed."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QApplication, QWidget

if TYPE_CHECKING:
    from PySide6.QtGui import QKeyEvent

log = logging.getLogger(__name__)


class FocusUndo(QObject):
    """Undo and Redo of the window's stack, named in the menu, taken from every field once
    `watch` is called."""

    def __init__(
        self,
        stack: QUndoStack,
        undo: QAction,
        redo: QAction,
        parent: QWidget,
        *,
        say: Callable[[str], None] | None = None,
        follow: Callable[[str], None] | None = None,
        before: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.stack = stack
        self.window = parent
        self.undo_action = undo
        self.redo_action = redo
        self.say = say or (lambda _text: None)
        self.follow = follow or (lambda _entry_id: None)
        self.before = before or (lambda: None)  # ends the run of typing first
        stack.indexChanged.connect(self.refresh)
        stack.cleanChanged.connect(self.refresh)

    def watch(self) -> None:
        """Take the undo keys from every field from now on. A filter on the application
        sees objects Python has never met (Qt's own windows, say); naming the first of them
        makes PySide6 create every class of its modules (about 17 ms), which a window on
        its way to the screen need not wait for."""
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def _ours(self, event: QKeyEvent) -> QAction | None:
        """The Undo or Redo action whose keys `event` presses, or None."""
        keys = QKeySequence(event.keyCombination())
        for action in (self.undo_action, self.redo_action):
            if any(keys.matches(s) == QKeySequence.SequenceMatch.ExactMatch
                   for s in action.shortcuts()):  # fmt: skip
                return action
        return None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            return False
        if not isinstance(watched, QWidget) or watched.window() is not self.window:
            return False
        from PySide6.QtGui import QKeyEvent  # named on first use (see desk.ui)

        if not isinstance(event, QKeyEvent) or self._ours(event) is None:
            return False
        # A text field would take Ctrl+Z for its own undo: left unaccepted, the override
        # lets the window's action have it; a key press that still comes is dropped.
        event.ignore()
        return True

    def undo(self) -> None:
        self._step(redo=False)

    def redo(self) -> None:
        self._step(redo=True)

    def _step(self, redo: bool) -> None:
        self.before()
        if not (self.stack.canRedo() if redo else self.stack.canUndo()):
            return
        index = self.stack.index() if redo else self.stack.index() - 1
        command = self.stack.command(index)
        text = command.actionText()
        if redo:
            self.stack.redo()
        else:
            self.stack.undo()
        log.debug("%s %s", "redid" if redo else "undid", text)
        entry_id = getattr(command, "entry_id", None)
        if isinstance(entry_id, str):
            self.follow(entry_id)
        self.say(f"{'Redone' if redo else 'Undone'}: {text}")
        self.refresh()

    def refresh(self) -> None:
        """Name and enable the Undo and Redo items."""
        if not (shiboken6.isValid(self.stack) and shiboken6.isValid(self.undo_action)):
            return  # the window is being taken down: its stack says goodbye on the way
        self.undo_action.setText(f"&Undo {self.stack.undoText()}".rstrip())
        self.redo_action.setText(f"&Redo {self.stack.redoText()}".rstrip())
        self.undo_action.setEnabled(self.stack.canUndo())
        self.redo_action.setEnabled(self.stack.canRedo())
