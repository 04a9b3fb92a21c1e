"""Typing as steps of the window's one undo history.

A step is a run of typing in one field of one entry (or of the blog header): it ends at a
pause of about two seconds by the window's clock, when the writer moves to another entry,
and at any other step pushed on the stack (a delete, a stamp, a move…). Each step holds the
text before and after it and names its entry, so undoing it can touch nothing else."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoCommand, QUndoStack

from desk.core.clock import Clock
from desk.ui.timeline.model import TimelineModel

PAUSE = timedelta(seconds=2)
TYPING_ID = 40  # QUndoCommand.id(): steps with this id may merge into the step below
FIELD_NAMES = {"notes": "Edit notes", "author": "Edit author", "headline": "Edit headline",
               "title": "Edit title"}  # fmt: skip


def entry_name(model: TimelineModel, entry_id: str) -> str:
    """An entry as the menus name it: its label without the colon ("UPDATE 2205 GMT");
    "" is the blog header."""
    if not entry_id:
        return "the blog header"
    entry = model.blog.entries.get(entry_id)
    if entry is None:
        return "an entry"
    return model.blog.label(entry).rstrip().rstrip(":")


# Shows a field's text in the editor after an undo or redo: (entry id, field, text).
ShowText = Callable[[str, str, str], None]


class TypingGroups(QObject):
    """Decides when a run of typing ends. The step open for more typing is the one on top
    of the stack, typed into less than PAUSE ago, with nothing else pushed since."""

    def __init__(self, stack: QUndoStack, clock: Clock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.stack = stack
        self.clock = clock
        self.open: QUndoCommand | None = None
        self.last: datetime | None = None
        self._pending: tuple[str, bool] | None = None  # the next step's name, join
        stack.indexChanged.connect(self._moved)

    def _moved(self, index: int) -> None:
        top = self.stack.command(index - 1) if index > 0 else None
        if isinstance(top, TypingStep) and top.fresh:  # just pushed, not merged
            top.fresh = False
            self.opened(top)
        elif top is None or top is not self.open:
            self.seal()

    def seal(self) -> None:
        """End the run of typing: the next keystroke starts a new step."""
        self.open = None
        self.last = None

    def opened(self, step: QUndoCommand) -> None:
        self.open = step
        self.last = self.clock.now()

    def continues(self, step: QUndoCommand) -> bool:
        """Whether a keystroke now still belongs to `step`; if so it is touched."""
        now = self.clock.now()
        if step is not self.open or self.last is None or now - self.last >= PAUSE:
            return False
        self.last = now
        return True

    def take_pending(self) -> tuple[str, bool] | None:
        pending, self._pending = self._pending, None
        return pending

    @contextmanager
    def step(self, name: str, join: bool = False) -> Iterator[None]:
        """The text changed inside is one step of its own, named `name` ("Insert quote");
        `join`: the same step as the one just made (a post completed after its paste)."""
        if not join:
            self.seal()
        self._pending = (name, join)
        try:
            yield
        finally:
            self._pending = None
            self.seal()


class TypingStep(QUndoCommand):
    """Text typed (or put) into one field of one entry: "body", "notes", "author",
    "headline"; for the blog header (entry id ""), "header" or "title"."""

    def __init__(
        self,
        model: TimelineModel,
        groups: TypingGroups,
        show: ShowText,
        entry_id: str,
        field: str,
        before: str,
        after: str,
    ) -> None:
        name, self.join = groups.take_pending() or (FIELD_NAMES.get(field, "Typing"), False)
        super().__init__(f"{name} in {entry_name(model, entry_id)}")
        self.model = model
        self.groups = groups
        self.show = show
        self.entry_id = entry_id
        self.field = field
        self.before = before
        self.after = after
        self.fresh = True  # not yet on the stack (TypingGroups opens it once it is)
        self._done = False

    def id(self) -> int:
        return TYPING_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, TypingStep):
            return False
        if (other.entry_id, other.field) != (self.entry_id, self.field):
            return False
        if not (other.join or self.groups.continues(self)):
            return False
        self.after = other.after
        return True

    def _set(self, text: str) -> None:
        model = self.model
        if not self.entry_id:
            model.set_blog_field(self.field, text)
        elif self.entry_id in model.blog.entries:
            model.set_entry_field(self.entry_id, self.field, text)
        else:
            return  # gone from the timeline (taken away outside Desk): nothing to change

    def redo(self) -> None:
        self._set(self.after)
        if not self._done:  # pushed while typing: the field shows the text already
            self._done = True
            return
        self.show(self.entry_id, self.field, self.after)

    def undo(self) -> None:
        self._set(self.before)
        self.show(self.entry_id, self.field, self.before)
