"""Entry commands that say what they did: the original entry (new, make original, make
update: one original per blog), Stamp now (which also brings an update to the top), and
Delete (which asks first for an entry that is ready or went out, and says how to undo)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox, QWidget

from desk.core.clock import to_minute
from desk.core.model import Entry
from desk.ui.commands.entries import (
    ChangeKindCommand,
    DeleteEntryCommand,
    NewEntryCommand,
    RestampCommand,
    move_command,
)
from desk.ui.commands.typing import entry_name
from desk.ui.widgets.keys import native

if TYPE_CHECKING:
    from desk.ui.door import Desk, Handlers

MESSAGE_MS = 10000


class DeleteQuestion:
    """Asked before an entry that is ready, or went out to the CMS, goes to the trash."""

    @classmethod
    def ask(cls, parent: QWidget | None, name: str, why: str) -> bool:
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("Delete entry")
        box.setText(f"Delete {name}?")
        box.setInformativeText(
            f"It is {why}. It goes to the trash: Ctrl+Z or View → Trash brings it back."
        )
        delete = box.addButton("Delete", QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton("Keep", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.exec()
        return box.clickedButton() is delete


class EntryKinds(QObject):
    """The commands above, on one window's blog."""

    def __init__(self, desk: Desk) -> None:
        super().__init__(desk.window)
        self.desk = desk

    def handlers(self) -> Handlers:
        return {
            "new_original": self.new_original,
            "make_original": lambda: self.make_kind("original"),
            "make_update": lambda: self.make_kind("update"),
            "stamp_now": self.stamp_now,
            "delete": self.delete,
        }

    def _say(self, text: str) -> None:
        self.desk.say(text, MESSAGE_MS)

    # -- the original entry ---------------------------------------------------------------

    def new_original(self) -> None:
        """The original entry, stamped now, last in the timeline, the cursor in its body."""
        desk, model = self.desk, self.desk.model
        if model is None:
            return
        if model.blog.original() is not None:
            self._say("This blog has its original entry already")
            return
        entry = Entry(
            id=model.store.new_id(model.blog),
            stamp=to_minute(desk.clock.now()),
            kind="original",
            author=desk.prefs.default_author,
        )
        desk.undo_stack.push(NewEntryCommand(model, entry, len(model.blog.order)))
        desk.select_entry(entry.id)
        desk.editor.body.setFocus()

    def make_kind(self, kind: str) -> None:
        desk, model, entry = self.desk, self.desk.model, self.desk.selected_entry()
        if model is None or entry is None or entry.kind == kind:
            return
        if kind == "original" and model.blog.original() is not None:
            self._say("This blog has its original entry already: make it an update first")
            return
        desk.undo_stack.push(ChangeKindCommand(model, entry.id, kind))
        desk.select_entry(entry.id)
        what = "the original entry" if kind == "original" else "an update"
        self._say(f"{entry_name(model, entry.id)} is {what} now")

    # -- stamp now ------------------------------------------------------------------------

    def stamp_now(self) -> None:
        """The current UTC minute on the selected entry; an update below the top goes to
        the top in the same undo step."""
        desk, model, entry = self.desk, self.desk.model, self.desk.selected_entry()
        if model is None or entry is None:
            return
        stamp = to_minute(desk.clock.now())
        name = entry_name(model, entry.id)
        move = None
        if not entry.is_original and model.blog.order.index(entry.id) > 0:
            move = move_command(model, [entry.id], 0)
        restamp = None
        if stamp != entry.stamp:
            restamp = RestampCommand(model, entry.id, stamp, f"Stamp now {name}")
        if restamp is None and move is None:
            return
        stack = desk.undo_stack
        if move is None:
            assert restamp is not None
            stack.push(restamp)
            self._say(f"Stamped {entry_name(model, entry.id)}")
            return
        stack.beginMacro(f"Stamp now {name}, to the top")
        if restamp is not None:
            stack.push(restamp)
        stack.push(move)
        stack.endMacro()
        desk.select_entry(entry.id)
        self._say(f"Stamped {entry_name(model, entry.id)} and moved it to the top")

    # -- delete ---------------------------------------------------------------------------

    def delete(self) -> None:
        desk, model, entry = self.desk, self.desk.model, self.desk.selected_entry()
        if model is None or entry is None or not desk.action("delete").isEnabled():
            return  # nothing to delete, or a read-only blog: no question to ask
        name = entry_name(model, entry.id)
        why = ""
        if entry.published is not None:
            why = "copied for the CMS already"
        elif entry.is_ready:
            why = "ready to be published"
        if why and not DeleteQuestion.ask(desk.window, name, why):
            return
        desk.undo_stack.push(DeleteEntryCommand(model, entry.id))
        if entry.id not in model.blog.entries:
            undo = native(desk.action("undo").shortcut().toString())
            self._say(f"Deleted {name} — {undo} brings it back")
