"""The entry exchange's undoable steps: a merge of sent entry files, and the settling of a
conflict copy. The core decides what changes (`apply_merge`, `apply_resolution`); these
save it through the store and bring the timeline up to date. What a step removes goes to
the trash, so undo and redo never lose a file."""

from __future__ import annotations

import copy
from dataclasses import replace

from PySide6.QtGui import QUndoCommand

from desk.core.compare import apply_combination
from desk.core.errors import DeskError
from desk.core.exchange import CONFLICT_OF, MergeResult, apply_resolution, undo_merge
from desk.core.model import Entry
from desk.ui.timeline.model import TimelineModel

KEEP_TEXT = {
    "original": "Keep original",
    "copy": "Keep copy",
    "both": "Keep both",
    "combined": "Combine conflict copy",
}


class MergeCommand(QUndoCommand):
    """Entry files merged into the blog, as one step. Made after `apply_merge` changed the
    blog in memory: the first redo saves that; undo puts every entry back as it was (the
    added ones and the conflict copies to the trash); a later redo brings them back."""

    def __init__(self, model: TimelineModel, result: MergeResult, text: str = "Merge entries"):
        super().__init__(text)
        self.model = model
        self.result = result
        self.after: dict[str, Entry] = {
            i: copy.deepcopy(model.blog.entries[i]) for i in result.touched
        }
        self.order_after = list(model.blog.order)
        self._first = True

    def redo(self) -> None:
        blog, store = self.model.blog, self.model.store
        try:
            if not self._first:
                for entry_id, before in self.result.before.items():
                    if before is None:
                        store.restore(blog, entry_id)
                    blog.entries[entry_id] = copy.deepcopy(self.after[entry_id])
                blog.order = list(self.order_after)
            # The shared versions a merge learnt are saved with it (and kept by undo).
            store.save(blog, only=self.result.touched + self.result.recorded)
        except DeskError as error:
            if self._first:  # nothing of it stays in memory either
                undo_merge(blog, self.result)
            self._fail(str(error))
        self._first = False
        self._show_changes()

    def undo(self) -> None:
        blog, store = self.model.blog, self.model.store
        try:
            for entry_id, before in self.result.before.items():
                if before is None and entry_id in blog.entries:
                    store.trash(blog, entry_id)
            # Copies, so that typing into an entry later never changes what redo restores.
            kept = {k: copy.deepcopy(v) for k, v in self.result.before.items()}
            undo_merge(blog, replace(self.result, before=kept))
            store.save(blog, only=self.result.replaced)
        except DeskError as error:
            self._fail(str(error))
        self._show_changes()

    def _fail(self, message: str) -> None:
        self.setObsolete(True)
        self.model.failed.emit(message)

    def _show_changes(self) -> None:
        self.model.sync_rows()
        self.model.entries_replaced(self.result.replaced)


class ResolveConflictCommand(QUndoCommand):
    """Keep the original, the copy or both (see `apply_resolution`); undo brings back
    both entries as they were, the trashed one from the trash."""

    def __init__(
        self,
        model: TimelineModel,
        copy_id: str,
        keep: str,
        combined: tuple[str, str] | None = None,
    ) -> None:
        super().__init__(KEEP_TEXT.get(keep, "Resolve conflict"))
        self.model = model
        self.copy_id = copy_id
        self.keep = keep
        self.combined = combined  # "combined": the headline and body made of both
        blog = model.blog
        original_id = blog.entries[copy_id].extra.get(CONFLICT_OF)
        ids = [copy_id] + ([original_id] if isinstance(original_id, str) else [])
        self.before = {i: copy.deepcopy(blog.entries[i]) for i in ids if i in blog.entries}
        self.order_before = list(blog.order)
        self.removed: list[str] = []

    def redo(self) -> None:
        blog, store = self.model.blog, self.model.store
        changed: list[str] = []
        try:
            if self.keep == "combined" and self.combined is not None:
                resolution = apply_combination(blog, self.copy_id, *self.combined)
            else:
                resolution = apply_resolution(blog, self.copy_id, self.keep)
            changed = resolution.changed
            store.save(blog, only=changed)
            for entry_id in resolution.removed:
                store.trash(blog, entry_id)
                self.removed.append(entry_id)
        except DeskError as error:
            self._put_back()
            self.setObsolete(True)
            self.model.failed.emit(str(error))
        self.model.sync_rows()
        self.model.entries_replaced(list(self.before))

    def undo(self) -> None:
        try:
            self._put_back()
        except DeskError as error:
            self.setObsolete(True)
            self.model.failed.emit(str(error))
        self.model.sync_rows()
        self.model.entries_replaced(list(self.before))

    def _put_back(self) -> None:
        blog, store = self.model.blog, self.model.store
        for entry_id in self.removed:
            store.restore(blog, entry_id, self.order_before.index(entry_id))
        self.removed = []
        for entry_id, entry in self.before.items():
            blog.entries[entry_id] = copy.deepcopy(entry)
        blog.order = [i for i in self.order_before if i in blog.entries]
        store.save(blog, only=list(self.before))
