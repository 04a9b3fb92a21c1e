"""Exchange in the window: File → Import…, Send entry…, Merge entries…, entry files dropped
onto the timeline, the folder watcher, and conflict copies (the bar above the editor, the
side-by-side view). `Exchange` wires it all to a window; the core does the work."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QMimeData, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QFileDialog, QWidget

from desk.core.errors import DeskError
from desk.core.exchange import (
    apply_merge,
    conflict_story,
    read_entry_files,
    send_entry,
)
from desk.core.outbox import blog_folder_around, free_path, outbox_folder, sent_name
from desk.core.storage.store import Changes, is_conflict_copy
from desk.ui.blog.problems import ProblemsPanel
from desk.ui.commands.exchange import MergeCommand, ResolveConflictCommand
from desk.ui.door import Place
from desk.ui.exchange.conflict_view import Combined, ConflictBar, ConflictDialog
from desk.ui.exchange.watcher import FolderWatcher
from desk.ui.timeline.conflict_marks import conflict_caption, original_of
from desk.ui.timeline.model import MIME_TYPE, TimelineModel
from desk.ui.widgets.notice import notify

if TYPE_CHECKING:
    from desk.ui.door import Desk, Handlers

ENTRY_SUFFIXES = (".md", ".markdown")
ENTRY_FILTER = "Entry files (*.md);;All files (*)"
FOLDER_KEY = "exchange/folder"  # where entries were last merged from
SEND_FOLDER_KEY = "exchange/send_folder"  # where an entry was last sent
MESSAGE_MS = 12000

log = logging.getLogger(__name__)


def entry_files(data: QMimeData | None) -> list[Path]:
    """The local entry files a drag carries; none for the timeline's own drags or for a
    drag that holds anything else."""
    if data is None or data.hasFormat(MIME_TYPE) or not data.hasUrls():
        return []
    urls = data.urls()
    if not urls or not all(u.isLocalFile() for u in urls):
        return []
    files = [Path(u.toLocalFile()) for u in urls]
    return files if all(f.suffix.lower() in ENTRY_SUFFIXES for f in files) else []


class FileDrop(QObject):
    """Takes drags of entry files over the timeline (whose own drags it leaves to the view,
    which only moves rows within itself)."""

    dropped = Signal(list)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kinds = (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop)
        if event.type() not in kinds or not isinstance(event, QDropEvent):
            return False
        files = entry_files(event.mimeData())
        if not files:
            return False
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        if event.type() == QEvent.Type.Drop:
            self.dropped.emit(files)
        return True


class SendEntryDialog:
    @classmethod
    def ask(cls, parent: QWidget | None, suggested: Path) -> Path | None:
        chosen, _ = QFileDialog.getSaveFileName(parent, "Send entry", str(suggested), ENTRY_FILTER)
        return Path(chosen) if chosen else None


class MergeFilesDialog:
    @classmethod
    def ask(cls, parent: QWidget | None, start: Path) -> list[Path]:
        chosen, _ = QFileDialog.getOpenFileNames(parent, "Merge entries", str(start), ENTRY_FILTER)
        return [Path(c) for c in chosen]


class Exchange(QObject):
    """Send entry, Merge entries, files dropped on the timeline, the folder watcher, and
    the bar and view of conflict copies."""

    def __init__(self, desk: Desk) -> None:
        super().__init__(desk.window)
        self.desk = desk
        self._merging = False
        self.watcher = FolderWatcher(desk.saving.unsaved_ids, self)
        self.watcher.took_in.connect(self._took_in)
        self.watcher.failed.connect(self._say)
        self.drop = FileDrop(self)
        self.drop.dropped.connect(self.merge_files)
        desk.timeline.viewport().installEventFilter(self.drop)
        self.bar = ConflictBar()
        self.bar.compare_requested.connect(self.resolve_selected)
        desk.place(self.bar, Place.ABOVE_EDITOR)  # where the writer looks first
        desk.events.follow_blog(self._blog_changed)
        desk.events.selection_changed.connect(self._update_bar)
        desk.timeline.doubleClicked.connect(self._activated)
        desk.timeline.open_requested.connect(self._activated)
        desk.undo_stack.indexChanged.connect(self._update_bar)

    @property
    def quiet(self) -> bool:
        """Rows inserted now came from outside (the folder, a merge): the selection stays."""
        return self._merging or self.watcher.taking_in

    def handlers(self) -> Handlers:
        return {"send_entry": self.send_selected, "merge_entries": self.merge_chosen}

    def _blog_changed(self, model: TimelineModel | None) -> None:
        self.watcher.attach(model)
        self._update_bar()

    def _say(self, message: str) -> None:
        self.desk.say(message, MESSAGE_MS)

    # -- sending ----------------------------------------------------------------------------

    def send_selected(self) -> Path | None:
        """Write the selected entry as one file where the user chooses."""
        model, entry = self.desk.model, self.desk.selected_entry()
        if model is None or entry is None:
            return None
        self.desk.saving.flush()
        target = SendEntryDialog.ask(
            self.desk.window, free_path(self._send_folder(), sent_name(entry))
        )
        if target is None:
            return None
        try:
            path = send_entry(
                model.blog,
                model.store,
                entry.id,
                target,
                self.desk.prefs.default_author,
                self.desk.clock.now(),
            )
        except DeskError as error:
            notify(
                self.desk.window, "Not sent", f"{model.blog.label(entry)} was not sent.", str(error)
            )
            return None
        self.desk.settings.setValue(SEND_FOLDER_KEY, str(path.parent))
        self._say(f"Sent {model.blog.label(entry).rstrip(':')} to {path}")
        return path

    # -- merging ----------------------------------------------------------------------------

    def merge_chosen(self) -> None:
        files = MergeFilesDialog.ask(self.desk.window, self._folder())
        if files:
            self._remember_folder(files[0].parent)
            self.merge_files(files)

    def merge_files(self, files: list[Path]) -> bool:
        """Merge entry files into the open blog as one undoable step. Every file is checked
        first: one bad file and nothing changes."""
        desk, model = self.desk, self.desk.model
        if model is None or not files:
            return False
        desk.saving.flush()
        try:
            incoming = read_entry_files(files)
            result = apply_merge(model.blog, incoming, model.store.taken_ids(model.blog))
        except DeskError as error:
            notify(desk.window, "Nothing merged", "The entry files were not merged.", str(error))
            return False
        noun = "entry" if len(files) == 1 else "entries"
        self._merging = True
        try:
            desk.undo_stack.push(MergeCommand(model, result, f"Merge {len(files)} {noun}"))
        finally:
            self._merging = False
        said = f"Merged {len(files)} file{'s' if len(files) != 1 else ''}: {result.summary()}"
        stories = [conflict_story(model.blog, model.blog.entries[c]) for c in result.conflicts]
        self._say(" ".join([said, *stories[:1]]))
        shown = (result.added + result.conflicts + result.replaced)[:1]
        if shown and shown[0] in model.blog.entries:
            desk.select_entry(shown[0])
        return True

    # -- the folder -------------------------------------------------------------------------

    def _took_in(self, changes: Changes) -> None:
        model = self.desk.model
        if model is None:
            return
        blog = model.blog
        messages = []
        for copy_id in changes.conflicts:
            copy = blog.entries.get(copy_id)
            original = original_of(blog, copy) if copy is not None else None
            if original is not None:
                messages.append(
                    f"{blog.label(original).rstrip(':')} changed in the folder while you were "
                    "typing in it: that version is kept below it as a conflict copy"
                )
        came = [f"{len(ids)} {word}" for ids, word in (
            (changes.added, "new"), (changes.updated, "updated")) if ids]  # fmt: skip
        if came:
            total = len(changes.added) + len(changes.updated)
            messages.append(f"From the folder: {total} entr{'y' if total == 1 else 'ies'} "
                            f"({', '.join(came)})")  # fmt: skip
        messages += [f"Cannot read {p.path.name}: {p.message}" for p in changes.problems]
        if changes.problems:  # listed where the problems found on opening are
            self.desk.feature(ProblemsPanel).add_problems(changes.problems)
        if messages:
            self._say(" · ".join(messages))
        self._update_bar()

    # -- conflict copies --------------------------------------------------------------------

    def _update_bar(self, *_args: object) -> None:
        model, entry = self.desk.model, self.desk.selected_entry()
        caption = conflict_caption(model.blog, entry) if model and entry else ""
        self.bar.show_for(caption)

    def _activated(self, _index: QModelIndex | None = None) -> None:
        entry = self.desk.selected_entry()
        if entry is not None and is_conflict_copy(entry):
            self.resolve_selected()

    def resolve_selected(self) -> str | None:
        """The side-by-side view of the selected conflict copy; the choice, undoably."""
        model, entry = self.desk.model, self.desk.selected_entry()
        if model is None or entry is None or not is_conflict_copy(entry):
            return None
        self.desk.saving.flush()
        chosen = ConflictDialog.ask(self.desk.window, model.blog, entry.id)
        if chosen is None or entry.id not in model.blog.entries:
            return None
        original = original_of(model.blog, entry)
        if isinstance(chosen, Combined):
            keep = "combined"
            both = (chosen.headline, chosen.body)
            command = ResolveConflictCommand(model, entry.id, keep, both)
        else:
            keep, command = chosen, ResolveConflictCommand(model, entry.id, chosen)
        self.desk.undo_stack.push(command)
        shown = entry.id if entry.id in model.blog.entries else (original.id if original else "")
        self.desk.select_entry(shown)
        self._update_bar()
        return keep

    # -- where files were last ----------------------------------------------------------------

    def _folder(self) -> Path:
        saved = self.desk.settings.value(FOLDER_KEY, "")
        folder = Path(str(saved)) if saved else Path.home()
        return folder if folder.is_dir() else Path.home()

    def _send_folder(self) -> Path:
        """Where the last entry was sent, else the outbox; never a blog's folder, even when
        that is where files were last merged from."""
        saved = str(self.desk.settings.value(SEND_FOLDER_KEY, "") or "")
        if saved and Path(saved).is_dir() and blog_folder_around(Path(saved)) is None:
            return Path(saved)
        outbox = outbox_folder()
        try:
            outbox.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            log.warning("cannot make the outbox %s: %s", outbox, error)
            return Path.home()
        return outbox

    def _remember_folder(self, folder: Path) -> None:
        self.desk.settings.setValue(FOLDER_KEY, str(folder))
