"""The autosave: what changed is written through the core store about a second after the
last change, and at once when the selection or focus moves or the window closes. A failed
save keeps everything in memory, says so, and tries again every few seconds."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from desk.core.clock import Clock
from desk.core.errors import DeskError
from desk.ui.timeline.model import TimelineModel

AUTOSAVE_DELAY_MS = 1000
RETRY_MS = 4000


class Autosave(QObject):
    """Saves one model's blog. `state_changed` carries (state, text) for the status bar,
    state being "saved", "saving", "unsaved" or "error"; `failed` fires once per run of
    failures, for a dialog."""

    state_changed = Signal(str, str)
    failed = Signal(str)
    conflicts_found = Signal(list)  # messages: files changed outside Desk, kept aside

    def __init__(
        self,
        clock: Clock,
        delay_ms: int = AUTOSAVE_DELAY_MS,
        retry_ms: int = RETRY_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.clock = clock
        self.model: TimelineModel | None = None
        self._dirty: set[str] = set()
        self._blog_dirty = False
        self._failing = False
        self.error = ""
        self._timer = QTimer(self, singleShot=True, interval=delay_ms)
        self._timer.timeout.connect(self.flush)
        self._retry = QTimer(self, singleShot=True, interval=retry_ms)
        self._retry.timeout.connect(self.flush)

    def attach(self, model: TimelineModel | None) -> None:
        """Watch `model` (None: nothing open). Call flush() first to keep the old one's work."""
        if self.model is not None:
            self.model.entry_changed.disconnect(self._entry_changed)
            self.model.blog_changed.disconnect(self._blog_changed)
        self.model = model
        self._dirty.clear()
        self._blog_dirty = False
        self._failing = False
        self.error = ""
        self._timer.stop()
        self._retry.stop()
        if model is not None:
            model.entry_changed.connect(self._entry_changed)
            model.blog_changed.connect(self._blog_changed)

    def _entry_changed(self, entry_id: str) -> None:
        self._dirty.add(entry_id)
        self._changed()

    def _blog_changed(self) -> None:
        self._blog_dirty = True
        self._changed()

    def _changed(self) -> None:
        if self._failing:
            return  # the retry timer is already on it; the status bar keeps the error
        self.state_changed.emit("unsaved", "Edited")
        self._timer.start()

    def has_unsaved(self) -> bool:
        return bool(self._dirty or self._blog_dirty)

    def unsaved_ids(self) -> set[str]:
        """The entries changed in the window since they were last saved (the folder
        watcher never lets an incoming file replace one of these)."""
        return set(self._dirty)

    def pending(self) -> bool:
        """A save is waiting for its delay."""
        return self._timer.isActive()

    def flush(self) -> bool:
        """Save what changed now. True when nothing is left unsaved."""
        self._timer.stop()
        if self.model is None or not self.has_unsaved():
            return True
        model = self.model
        self.state_changed.emit("saving", "Saving…")
        dirty = set(self._dirty)
        known_conflicts = len(model.store.conflicts)
        try:
            model.store.save(model.blog, only=[i for i in dirty if i in model.blog.entries])
        except DeskError as error:
            self._fail(str(error))
            return False
        finally:
            self._after_conflicts(model, known_conflicts)
        self._dirty -= dirty
        self._blog_dirty = False
        self._failing = False
        self.error = ""
        self._retry.stop()
        saved_at = self.clock.now().strftime("%H:%M:%S")
        self.state_changed.emit("saved", f"Saved {saved_at}")
        return True

    def _after_conflicts(self, model: TimelineModel, known: int) -> None:
        """Another program changed a file under us: the store kept both versions (perhaps
        as a new entry); show that entry and say what happened."""
        new = model.store.conflicts[known:]
        if new:
            model.sync_rows()
            self.conflicts_found.emit([c.message for c in new])

    def _fail(self, message: str) -> None:
        first = not self._failing
        self._failing = True
        self.error = message
        seconds = max(1, round(self._retry.interval() / 1000))
        self.state_changed.emit("error", f"Not saved: {message} (trying again every {seconds} s)")
        if first:
            self.failed.emit(message)
        self._retry.start()
