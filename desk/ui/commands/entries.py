"""Every structural change to a blog as a QUndoCommand, all on the window's one QUndoStack
(typing is there too, as `typing_steps.TypingStep`). A command that changes one entry
keeps its id in `entry_id`, so the window shows that entry when it is undone."""

from __future__ import annotations

from datetime import date, datetime
from enum import IntEnum
from typing import Any, ClassVar

from PySide6.QtGui import QUndoCommand

from desk.core.errors import DeskError
from desk.core.model import Entry, Labels
from desk.ui.commands.typing import entry_name
from desk.ui.timeline.model import TimelineModel


class MergeId(IntEnum):
    """Commands with the same id merge when they follow each other on the same target."""

    ENTRY_FIELD = 1
    BLOG_FIELD = 2
    RESTAMP = 3


class _StoreCommand(QUndoCommand):
    """A command whose store work may fail (the trash moves files): a failure is reported
    through the model and the command drops out of the stack instead of lying in it."""

    def __init__(self, model: TimelineModel, text: str) -> None:
        super().__init__(text)
        self.model = model

    def _attempt(self, work: Any) -> None:
        try:
            work()
        except DeskError as error:
            self.setObsolete(True)
            self.model.failed.emit(str(error))


class NewEntryCommand(_StoreCommand):
    """A new entry at `index` in the order. Undo puts it in the trash (never lose text);
    redo brings it back from there."""

    def __init__(self, model: TimelineModel, entry: Entry, index: int) -> None:
        super().__init__(model, "New update" if not entry.is_original else "New original entry")
        self.entry = entry
        self.entry_id = entry.id
        self.index = index
        self._created = False

    def redo(self) -> None:
        if not self._created:
            self.model.insert_entry(self.entry, self.index)
            self._created = True
        else:
            self._attempt(lambda: self.model.restore_entry(self.entry.id, self.index))

    def undo(self) -> None:
        def trash() -> None:
            self.index = self.model.trash_entry(self.entry.id)

        self._attempt(trash)


class DeleteEntryCommand(_StoreCommand):
    """Move an entry to the trash; undo restores it to its old place."""

    def __init__(self, model: TimelineModel, entry_id: str) -> None:
        super().__init__(model, f"Delete {entry_name(model, entry_id)}")
        self.entry_id = entry_id
        self.index = -1

    def redo(self) -> None:
        def trash() -> None:
            self.index = self.model.trash_entry(self.entry_id)

        self._attempt(trash)

    def undo(self) -> None:
        self._attempt(lambda: self.model.restore_entry(self.entry_id, self.index))


class RestoreEntryCommand(_StoreCommand):
    """Bring an entry back from the trash (to its stamp's place); undo trashes it again."""

    def __init__(self, model: TimelineModel, entry_id: str, name: str = "entry") -> None:
        super().__init__(model, f"Restore {name}")
        self.entry_id = entry_id

    def redo(self) -> None:
        self._attempt(lambda: self.model.restore_entry(self.entry_id))

    def undo(self) -> None:
        self._attempt(lambda: self.model.trash_entry(self.entry_id))


class ReorderCommand(QUndoCommand):
    """A new timeline order: a move (drag, Alt+Up/Down) or Sort by stamp."""

    def __init__(self, model: TimelineModel, order: list[str], text: str) -> None:
        super().__init__(text)
        self.model = model
        self.before = list(model.blog.order)
        self.after = list(order)

    def redo(self) -> None:
        self.model.set_order(self.after)

    def undo(self) -> None:
        self.model.set_order(self.before)


def moved_order(order: list[str], ids: list[str], index: int) -> list[str]:
    """`order` with `ids` (kept in their order) put at `index` of the original list."""
    moving = [i for i in order if i in set(ids)]
    before = [i for i in order[:index] if i not in set(ids)]
    after = [i for i in order[index:] if i not in set(ids)]
    return before + moving + after


def move_command(model: TimelineModel, ids: list[str], index: int) -> ReorderCommand | None:
    """The command that moves `ids` to `index` in the order, or None if nothing moves."""
    order = moved_order(model.blog.order, ids, model.clamp_order_index(index))
    if order == model.blog.order:
        return None
    return ReorderCommand(model, order, "Move entry" if len(ids) == 1 else "Move entries")


def sort_command(model: TimelineModel) -> ReorderCommand | None:
    """The command that puts the timeline in stamp order, or None if it already is."""
    order = model.blog.order_by_stamp()
    if order == model.blog.order:
        return None
    return ReorderCommand(model, order, "Sort by stamp")


class SetEntryFieldCommand(QUndoCommand):
    """Status, author or headline of one entry. Keystrokes in one field merge into one."""

    NAMES: ClassVar[dict[str, str]] = {
        "status": "Mark {value}",
        "author": "Edit author",
        "headline": "Edit headline",
    }

    def __init__(self, model: TimelineModel, entry_id: str, field: str, value: Any) -> None:
        text = self.NAMES.get(field, f"Edit {field}").format(value=value)
        super().__init__(f"{text} {entry_name(model, entry_id)}")
        self.model = model
        self.entry_id = entry_id
        self.field = field
        self.before = getattr(model.blog.entries[entry_id], field)
        self.after = value

    def id(self) -> int:
        return MergeId.ENTRY_FIELD if self.field != "status" else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetEntryFieldCommand):
            return False
        if (other.entry_id, other.field) != (self.entry_id, self.field):
            return False
        self.after = other.after
        return True

    def redo(self) -> None:
        if self.entry_id in self.model.blog.entries:
            self.model.set_entry_field(self.entry_id, self.field, self.after)

    def undo(self) -> None:
        if self.entry_id in self.model.blog.entries:
            self.model.set_entry_field(self.entry_id, self.field, self.before)


class RestampCommand(QUndoCommand):
    """A new stamp for an entry: Stamp now, or the time and date typed in the editor."""

    def __init__(
        self, model: TimelineModel, entry_id: str, stamp: datetime, text: str = "Restamp"
    ) -> None:
        super().__init__(text)
        self.model = model
        self.entry_id = entry_id
        self.before = model.stamp_of(entry_id)
        self.after = stamp
        self._mergeable = text == "Restamp"

    def id(self) -> int:
        return MergeId.RESTAMP if self._mergeable else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, RestampCommand) or other.entry_id != self.entry_id:
            return False
        if not other._mergeable:
            return False
        self.after = other.after
        return True

    def redo(self) -> None:
        self.model.set_entry_field(self.entry_id, "stamp", self.after)

    def undo(self) -> None:
        self.model.set_entry_field(self.entry_id, "stamp", self.before)


class SetBlogFieldCommand(QUndoCommand):
    """A field of blog.yaml: title, coverage date, label formats, url or ended."""

    NAMES: ClassVar[dict[str, str]] = {
        "title": "Edit title",
        "date": "Change coverage date",
        "labels": "Change labels",
        "url": "Change the page address",
        "ended": "End coverage",
        "placeholders": "Change placeholders",
    }

    def __init__(
        self,
        model: TimelineModel,
        field: str,
        value: str | date | datetime | Labels | list[str] | None,
    ) -> None:
        super().__init__(self.NAMES.get(field, f"Edit {field}"))
        self.model = model
        self.field = field
        self.before = getattr(model.blog, field)
        self.after = value

    def id(self) -> int:
        return MergeId.BLOG_FIELD if self.field == "title" else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetBlogFieldCommand) or other.field != self.field:
            return False
        self.after = other.after
        return True

    def redo(self) -> None:
        self.model.set_blog_field(self.field, self.after)

    def undo(self) -> None:
        self.model.set_blog_field(self.field, self.before)


class SetEntryFlagsCommand(QUndoCommand):
    """A flag (`key` or `pinned`) on some entries at once: pinning one update unpins the
    one pinned before, in one step. Never merges: each toggle is its own undo step."""

    def __init__(
        self, model: TimelineModel, field: str, values: dict[str, bool], text: str
    ) -> None:
        super().__init__(text)
        self.model = model
        self.field = field
        self.before = {i: bool(getattr(model.blog.entries[i], field)) for i in values}
        self.after = dict(values)

    def _apply(self, values: dict[str, bool]) -> None:
        for entry_id, value in values.items():
            if entry_id in self.model.blog.entries:
                self.model.set_entry_field(entry_id, self.field, value)

    def redo(self) -> None:
        self._apply(self.after)

    def undo(self) -> None:
        self._apply(self.before)


def key_command(model: TimelineModel, entry_id: str) -> SetEntryFlagsCommand:
    """Mark an entry a key event, or unmark it."""
    key = not model.blog.entries[entry_id].key
    text = "Mark key event" if key else "Unmark key event"
    return SetEntryFlagsCommand(model, "key", {entry_id: key}, text)


def pin_command(model: TimelineModel, entry_id: str) -> SetEntryFlagsCommand | None:
    """Pin an update (unpinning any other), or unpin it; None for the original entry."""
    entry = model.blog.entries[entry_id]
    if entry.is_original:
        return None
    if entry.pinned:
        return SetEntryFlagsCommand(model, "pinned", {entry_id: False}, "Unpin update")
    values = {e.id: False for e in model.blog.entries.values() if e.pinned}
    values[entry_id] = True
    return SetEntryFlagsCommand(model, "pinned", values, "Pin update")


class ChangeKindCommand(QUndoCommand):
    """An update becomes the original entry (and goes last, where the original stays), or
    the original becomes an update (in the same place)."""

    def __init__(self, model: TimelineModel, entry_id: str, kind: str) -> None:
        name = entry_name(model, entry_id)
        text = f"Make {name} the original entry" if kind == "original" else f"Make {name} an update"
        super().__init__(text)
        self.model = model
        self.entry_id = entry_id
        self.kind = kind
        self.kind_before = model.blog.entries[entry_id].kind
        self.order_before = list(model.blog.order)
        self.order_after = list(model.blog.order)
        if kind == "original":
            self.order_after = [i for i in model.blog.order if i != entry_id] + [entry_id]

    def redo(self) -> None:
        if self.entry_id in self.model.blog.entries:
            self.model.set_order(self.order_after)
            self.model.set_entry_field(self.entry_id, "kind", self.kind)

    def undo(self) -> None:
        if self.entry_id in self.model.blog.entries:
            self.model.set_entry_field(self.entry_id, "kind", self.kind_before)
            self.model.set_order(self.order_before)


class ReplaceCommand(QUndoCommand):
    """Replacements in several entries' headlines and bodies, as one undo step."""

    def __init__(self, model: TimelineModel, changes: dict[str, dict[str, str]], text: str):
        super().__init__(text)
        self.model = model
        self.after = changes
        self.before = {
            entry_id: {name: getattr(model.blog.entries[entry_id], name) for name in fields}
            for entry_id, fields in changes.items()
        }

    def _apply(self, values: dict[str, dict[str, str]]) -> None:
        for entry_id, fields in values.items():
            if entry_id in self.model.blog.entries:
                for name, value in fields.items():
                    self.model.set_entry_field(entry_id, name, value)
        # The rows and the open documents show the new text now, not after a typing pause.
        self.model.entries_replaced(list(values))

    def redo(self) -> None:
        self._apply(self.after)

    def undo(self) -> None:
        self._apply(self.before)


RESTORED_FIELDS = ("body", "headline", "author")  # what a version of an entry gives back


class RestoreVersionCommand(QUndoCommand):
    """An earlier version's body, headline and author put back, as one step."""

    def __init__(self, model: TimelineModel, entry_id: str, version: Entry, when: datetime) -> None:
        super().__init__(f"Restore version of {when:%H:%M}")
        self.model = model
        self.entry_id = entry_id
        entry = model.blog.entries[entry_id]
        self.before = {name: getattr(entry, name) for name in RESTORED_FIELDS}
        self.after = {name: getattr(version, name) for name in RESTORED_FIELDS}

    def _apply(self, values: dict[str, str]) -> None:
        if self.entry_id in self.model.blog.entries:
            for name, value in values.items():
                self.model.set_entry_field(self.entry_id, name, value)

    def redo(self) -> None:
        self._apply(self.after)

    def undo(self) -> None:
        self._apply(self.before)
