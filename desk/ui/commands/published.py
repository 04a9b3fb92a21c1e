"""Marking entries published when they are copied for the CMS, as one undo step.

A copy marks the entries that had not gone out as they are now; the status bar says how
many. Undo takes the marks off again, but cannot take back a paste: it says that the CMS
still holds what was pasted, so that nobody believes the page has changed."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime

from PySide6.QtCore import QTimer
from PySide6.QtGui import QUndoCommand, QUndoStack

from desk.core.export.assemble import publication_mark
from desk.core.model import Entry
from desk.ui.timeline.model import TimelineModel

Mark = tuple[datetime | None, str]


def entries_text(count: int, kind: str = "") -> str:
    """How many entries, in words: 5 ready entries, 1 entry."""
    return f"{count} {kind + ' ' if kind else ''}entr{'y' if count == 1 else 'ies'}"


def to_mark(entries: Iterable[Entry]) -> list[Entry]:
    """The entries a copy marks: those never copied, or changed since they were."""
    return [e for e in entries if e.published is None or e.changed_since_published]


class MarkPublishedCommand(QUndoCommand):
    """Mark some entries published now, as they are; undo puts back the marks they had."""

    def __init__(
        self,
        model: TimelineModel,
        entries: list[Entry],
        moment: datetime,
        say: Callable[[str], None],
    ) -> None:
        count = entries_text(len(entries))
        super().__init__(f"Mark {count} published")
        self.model = model
        self.say = say
        self.before: dict[str, Mark] = {e.id: (e.published, e.published_hash) for e in entries}
        self.after: dict[str, Mark] = {e.id: publication_mark(e, moment) for e in entries}
        if len(entries) == 1:
            self.entry_id = entries[0].id  # the window shows the entry it changed
        self.undone = f"Unmarked {count} published; the CMS still holds what was pasted"

    def _apply(self, marks: dict[str, Mark]) -> None:
        for entry_id, (moment, digest) in marks.items():
            if entry_id in self.model.blog.entries:
                self.model.set_entry_field(entry_id, "published", moment)
                self.model.set_entry_field(entry_id, "published_hash", digest)

    def redo(self) -> None:
        self._apply(self.after)

    def undo(self) -> None:
        self._apply(self.before)
        # Said after the window's own "Undone: …", which would cover it.
        QTimer.singleShot(0, lambda: self.say(self.undone))


def mark_copied(
    stack: QUndoStack,
    model: TimelineModel,
    entries: Iterable[Entry],
    moment: datetime,
    say: Callable[[str], None],
) -> str:
    """Mark what a copy took out as published, in one undo step; the status bar's words
    for it ("marked 2 published", or that they already were)."""
    marking = to_mark(e for e in entries if e.id in model.blog.entries)
    if not marking:
        return "already marked published"
    stack.push(MarkPublishedCommand(model, marking, moment, say))
    return f"marked {len(marking)} published"
