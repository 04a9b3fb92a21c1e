"""The timeline as a Qt list model: the blog header first, then the entries in timeline
order, the original entry last. Every change to the blog goes through this model, so views
learn of it through the model's signals."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from enum import IntEnum
from typing import TYPE_CHECKING, Any, NamedTuple

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)

from desk.core.model import MONTHS, Blog, Entry
from desk.core.order import out_of_order
from desk.core.storage.store import BlogStore
from desk.ui.timeline.cms_marks import entry_marks, marks_spoken, marks_text
from desk.ui.timeline.conflict_marks import conflict_caption

if TYPE_CHECKING:
    from PySide6.QtCore import QMimeData

MIME_TYPE = "application/x-desk-entry-ids"
# A row's FILTER_KEY: the header's own; an entry's status, the separator, its text.
HEADER_KEY = "\x1e"
KEY_SEPARATOR = "\x1f"
HEADER_ROW = 0
PREVIEW_WORDS = 12
TYPING_PAUSE_MS = 150
LOAD_CHUNK = 250  # entry files read in one idle moment while a blog opens (a few ms)

AnyIndex = QModelIndex | QPersistentModelIndex
# Made once: the view asks for a row's flags twice each time it paints the row.
ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
DRAGGED_ROW_FLAGS = ROW_FLAGS | Qt.ItemFlag.ItemIsDragEnabled


class Role(IntEnum):
    ENTRY_ID = Qt.ItemDataRole.UserRole + 1
    KIND = Qt.ItemDataRole.UserRole + 2  # "header", "update" or "original"
    STAMP = Qt.ItemDataRole.UserRole + 3  # "1303", or "" for the header
    OTHER_DAY = Qt.ItemDataRole.UserRole + 4  # "15 Mar" when not the coverage date
    STATUS = Qt.ItemDataRole.UserRole + 5
    SUMMARY = Qt.ItemDataRole.UserRole + 6  # headline, else the first words
    WORDS = Qt.ItemDataRole.UserRole + 7
    AUTHOR = Qt.ItemDataRole.UserRole + 8
    LABEL = Qt.ItemDataRole.UserRole + 9
    SEARCH_TEXT = Qt.ItemDataRole.UserRole + 10
    FILTER_KEY = Qt.ItemDataRole.UserRole + 11  # what TimelineFilter's expression reads
    MARKS = Qt.ItemDataRole.UserRole + 20  # ["pinned", "key", "published" | "changed"]
    CONFLICT = Qt.ItemDataRole.UserRole + 30  # "conflict copy of UPDATE 2141 GMT", or ""
    ORDER = Qt.ItemDataRole.UserRole + 40  # why the update is out of order, or ""
    ROW = Qt.ItemDataRole.UserRole + 50  # a RowView: all the delegate paints, at once


ROW_ROLE = Role.ROW.value


class RowView(NamedTuple):
    """What the timeline's delegate paints of one entry row, asked for in one call."""

    stamp: str
    status: str
    summary: str
    words: int
    marks: tuple[str, ...]
    conflict: str
    order: str
    detail: tuple[str, ...]  # the second line's parts: ("13 Mar", "7 words", "Jane Doe")


def summary(entry: Entry, words: list[str] | None = None) -> str:
    """The headline, else the first words of the body (`words`, when split already)."""
    if entry.headline.strip():
        return entry.headline.strip()
    words = entry.words() if words is None else words
    text = " ".join(words[:PREVIEW_WORDS])
    return text + ("…" if len(words) > PREVIEW_WORDS else "")


def detail_parts(other_day: str, words: int, author: str) -> tuple[str, ...]:
    parts = (other_day, f"{words} word{'s' if words != 1 else ''}", author)
    return tuple(p for p in parts if p)


def hhmm(stamp: datetime) -> str:
    """The stamp as a row shows it, 1303 (a third of strftime's time; 10,000 rows)."""
    return f"{stamp.hour:02d}{stamp.minute:02d}"


def short_date(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1][:3]}"


class TimelineModel(QAbstractListModel):
    """Rows: 0 is the blog header, then one row per entry in `blog.order`."""

    entry_changed = Signal(str)  # an entry's fields or body changed: it needs saving
    blog_changed = Signal()  # blog.yaml's fields or the order changed
    move_requested = Signal(list, int)  # ids, index in the order: a drop, to be undoable
    failed = Signal(str)  # a store operation failed; the message is fit for a user
    loaded = Signal(list)  # every entry is read now: the problems the reading found
    reading_all = Signal(int)  # something needs every entry: this many are read at once

    def __init__(self, store: BlogStore, blog: Blog, parent: Any = None) -> None:
        super().__init__(parent)
        self.store = store
        self.blog = blog
        # The rows' own copy of the order: the blog changes first, then the rows follow
        # inside begin/end calls, so a failed store operation never leaves them half-moved.
        self._ids: list[str] = list(blog.order)
        # Typing changes a row's words and count only: its repaint waits for a pause, since
        # Qt repaints the whole view for any dataChanged (3-5 ms a keystroke).
        self._typed: set[str] = set()
        self._typing_pause = QTimer(self, singleShot=True, interval=TYPING_PAUSE_MS)
        self._typing_pause.timeout.connect(self._show_typed)
        self._order_marks: dict[str, str] = {}
        # Each row's painted fields, with what they were made from: scrolling asks for
        # them again and again, and splitting a body or hashing it costs more than a page.
        self._rows: dict[str, tuple[tuple[object, ...], RowView]] = {}
        # A blog being opened: the rows come from the order, each entry is read when its
        # row is painted, the rest in idle moments; what needs them all reads them first.
        self._problems_before = len(store.problems)
        self._loader = QTimer(self, interval=0)
        self._loader.timeout.connect(self._load_some)
        if store.loading is not None:
            store.loading.on_done = self._entries_loaded
            store.loading.before_finish = self.reading_all.emit
            store.loading.index_later = True  # by the window as it lets the blog go
        else:
            self._refresh_order_marks()

    @property
    def loading(self) -> bool:
        """True while the blog's entry files are still being read."""
        return self.store.loading is not None

    def finish_loading(self) -> None:
        """Read every entry file now, if the blog is still being opened."""
        self.store.finish_loading()

    def start_loading(self) -> None:
        """Read the entries not read yet in idle moments (the window: after its first
        paint, which idle reading would otherwise hold back)."""
        if self.loading:
            self._loader.start()

    def _load_some(self) -> None:
        loading = self.store.loading
        if loading is None or loading.step(LOAD_CHUNK):
            self._loader.stop()

    def _entries_loaded(self) -> None:
        """Every entry is read: what the reading found is said now; the rows follow the
        order the load settled (what blog.yaml's order did not know or named wrongly), and
        the order marks are found, once out of whatever asked for every entry."""
        self._loader.stop()
        self.loaded.emit(self.store.problems[self._problems_before :])
        QTimer.singleShot(0, self, self._settle_rows)

    def _settle_rows(self) -> None:
        known = set(self._ids)
        for position, entry_id in enumerate(self.blog.order):
            if entry_id not in known:
                self.beginInsertRows(QModelIndex(), position + 1, position + 1)
                self._ids.insert(position, entry_id)
                self.endInsertRows()
        for entry_id in [i for i in self._ids if i not in self.blog.entries]:
            row = self.row_of(entry_id)
            self.beginRemoveRows(QModelIndex(), row, row)
            self._ids.pop(row - 1)
            self.endRemoveRows()
        self.set_order(list(self.blog.order))
        self._refresh_order_marks()

    # -- reading ------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids) + 1

    def entry_at(self, row: int) -> Entry | None:
        if 1 <= row <= len(self._ids):
            return self._row_entry(self._ids[row - 1])
        return None

    def _row_entry(self, entry_id: str) -> Entry | None:
        """A row's entry; while the blog loads, read from its file alone: the blog's own
        lookups read every file at once after a few hundred (a walk over them all), which a
        long scroll through the rows is not."""
        loading = self.store.loading
        return loading.entry(entry_id) if loading is not None else self.blog.entries.get(entry_id)

    def row_of(self, entry_id: str) -> int:
        """The entry's row, or -1."""
        try:
            return self._ids.index(entry_id) + 1
        except ValueError:
            return -1

    def index_of(self, entry_id: str) -> QModelIndex:
        row = self.row_of(entry_id)
        return self.index(row) if row >= 0 else QModelIndex()

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = index.row()  # -1 for an invalid index
        if 1 <= row <= len(self._ids):
            entry = self._row_entry(self._ids[row - 1])
            if entry is None:
                return None
            # The delegate's role first: it is asked for each row at each paint.
            return self.row_view(entry) if role == ROW_ROLE else self._entry_data(entry, role)
        if row == HEADER_ROW and index.isValid():
            return self._header_data(role)
        return None

    def _header_data(self, role: int) -> Any:
        blog = self.blog
        values: dict[int, Any] = {
            Qt.ItemDataRole.DisplayRole: f"Blog header: {blog.title}",
            Qt.ItemDataRole.ToolTipRole: f"{blog.title} — coverage date {blog.date.isoformat()}",
            Role.ENTRY_ID: "",
            Role.KIND: "header",
            Role.STAMP: "",
            Role.OTHER_DAY: "",
            Role.STATUS: "",
            Role.SUMMARY: blog.title,
            Role.WORDS: len(blog.header.split()),
            Role.AUTHOR: "",
            Role.LABEL: f"Blog header · {short_date(blog.date)} {blog.date.year}"
            + (f" · ended {blog.ended:%H%M} GMT" if blog.ended is not None else ""),
            Role.SEARCH_TEXT: f"{blog.title}\n{blog.header}",
            Role.FILTER_KEY: HEADER_KEY,
        }
        return values.get(role)

    def row_view(self, entry: Entry) -> RowView:
        """The row's painted fields, made again only when a field of the entry, or the
        blog's date or labels, changed."""
        blog = self.blog
        made_of = (entry.body, entry.headline, entry.stamp, entry.status, entry.author,
                   entry.kind, entry.pinned, entry.key, entry.published,
                   entry.published_hash, len(entry.extra), blog.date, blog.labels)  # fmt: skip
        order = self._order_marks.get(entry.id, "")
        held = self._rows.get(entry.id)
        if held is not None and held[0] == made_of:  # equal objects first: identity is quick
            view = held[1]
            if view.order != order:
                view = view._replace(order=order)
                self._rows[entry.id] = (made_of, view)
            return view
        day = entry.stamp.date()
        words = entry.words()  # split once: the summary and the count both need it
        other_day = "" if day == blog.date or entry.is_original else short_date(day)
        view = RowView(
            stamp="ORIGINAL" if entry.is_original else hhmm(entry.stamp),
            status=entry.status,
            summary=summary(entry, words),
            words=len(words),
            marks=tuple(entry_marks(entry)),
            conflict=conflict_caption(blog, entry),
            order=order,
            detail=detail_parts(other_day, len(words), entry.author),
        )
        self._rows[entry.id] = (made_of, view)
        return view

    def _entry_data(self, entry: Entry, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            marks = marks_spoken(entry)
            return f"{self.blog.label(entry)} {entry.status}, {summary(entry)}{marks}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(filter(None, [f"{self.blog.label(entry)} ({entry.status})",
                                            marks_text(entry),
                                            self._order_marks.get(entry.id, ""),
                                            conflict_caption(self.blog, entry)]))  # fmt: skip
        if role == Role.MARKS:
            return entry_marks(entry)
        if role == Role.CONFLICT:
            return conflict_caption(self.blog, entry)
        if role == Role.ORDER:
            return self._order_marks.get(entry.id, "")
        if role == Role.ENTRY_ID:
            return entry.id
        if role == Role.KIND:
            return entry.kind
        if role == Role.STAMP:
            return "ORIGINAL" if entry.is_original else hhmm(entry.stamp)
        if role == Role.OTHER_DAY:
            day = entry.stamp.date()
            return "" if day == self.blog.date or entry.is_original else short_date(day)
        if role == Role.STATUS:
            return entry.status
        if role == Role.SUMMARY:
            return self.row_view(entry).summary
        if role == Role.WORDS:
            return self.row_view(entry).words
        if role == Role.AUTHOR:
            return entry.author
        if role == Role.LABEL:
            return self.blog.label(entry)
        if role == Role.SEARCH_TEXT:
            return self._search_text(entry)
        if role == Role.FILTER_KEY:
            return f"{entry.status}{KEY_SEPARATOR}{self._search_text(entry).casefold()}"
        return None

    def _search_text(self, entry: Entry) -> str:
        return "\n".join((self.blog.label(entry), entry.headline, entry.author, entry.body))

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            # Drops land between rows (on the list itself), never onto an entry.
            return Qt.ItemFlag.ItemIsDropEnabled
        entry = self.entry_at(index.row())
        return ROW_FLAGS if entry is None or entry.is_original else DRAGGED_ROW_FLAGS

    def counts(self) -> tuple[int, int, int]:
        """Entries, ready, drafts (every entry is read first)."""
        entries = self.blog.entries
        ready = sum(1 for e in entries.values() if e.is_ready)
        return len(entries), ready, len(entries) - ready

    def roleNames(self) -> dict[int, QByteArray]:
        names = super().roleNames()
        for role in Role:
            names[role.value] = QByteArray(role.name.lower().encode())
        return names

    # -- drag and drop: the drop becomes an undoable move, asked for by signal -------------

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        from PySide6.QtCore import QMimeData  # named on first use (see desk.ui)

        ids = [self._ids[i.row() - 1] for i in sorted(indexes, key=lambda i: i.row())]
        ids = [i for i in ids if not self.blog.entries[i].is_original]
        data = QMimeData()
        data.setData(MIME_TYPE, QByteArray("\n".join(ids).encode()))
        return data

    def _dropped_ids(self, data: QMimeData) -> list[str]:
        if not data.hasFormat(MIME_TYPE):
            return []
        raw = bytes(data.data(MIME_TYPE).data()).decode(errors="replace")
        ids = [i for i in raw.split("\n") if i in self.blog.entries]
        return [i for i in ids if not self.blog.entries[i].is_original]

    def canDropMimeData(
        self,
        data: QMimeData,
        action: Qt.DropAction,
        row: int,
        column: int,
        parent: AnyIndex,
    ) -> bool:
        return action == Qt.DropAction.MoveAction and bool(self._dropped_ids(data))

    def dropMimeData(
        self,
        data: QMimeData,
        action: Qt.DropAction,
        row: int,
        column: int,
        parent: AnyIndex,
    ) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        if parent.isValid():  # dropped onto a row: put the entries above it
            row = parent.row()
        if row < 0:
            row = self.rowCount()
        self.move_requested.emit(self._dropped_ids(data), self.clamp_order_index(row - 1))
        # The move is done, as an undoable command; removeRows is not implemented, so the
        # view's clean-up after a move drop leaves the rows alone.
        return True

    def clamp_order_index(self, index: int) -> int:
        """An index in the order that keeps the original entry last."""
        original = self.blog.original()
        last = len(self._ids) - (1 if original is not None else 0)
        return max(0, min(index, last))

    # -- changes, each announced through the model's signals -------------------------------

    def insert_entry(self, entry: Entry, index: int) -> None:
        """Add a new entry at `index` in the order (its file is written by the autosave)."""
        index = self.clamp_order_index(index) if not entry.is_original else len(self._ids)
        self.beginInsertRows(QModelIndex(), index + 1, index + 1)
        self.blog.entries[entry.id] = entry
        self.blog.order.insert(index, entry.id)
        self._ids.insert(index, entry.id)
        self.endInsertRows()
        self._refresh_order_marks()
        self.entry_changed.emit(entry.id)
        self.blog_changed.emit()

    def trash_entry(self, entry_id: str) -> int:
        """Move the entry to the store's trash; returns its old index in the order.
        Raises DeskError (and changes nothing on screen) when the store cannot."""
        index = self.blog.order.index(entry_id)
        self.store.trash(self.blog, entry_id)
        self._remove_row(entry_id)
        return index

    def restore_entry(self, entry_id: str, index: int | None = None) -> None:
        """Bring an entry back from the trash, to `index` in the order if given."""
        self.store.restore(self.blog, entry_id, index)
        position = self.blog.order.index(entry_id)
        self.beginInsertRows(QModelIndex(), position + 1, position + 1)
        self._ids.insert(position, entry_id)
        self.endInsertRows()
        self._refresh_order_marks()
        self.blog_changed.emit()

    def _remove_row(self, entry_id: str) -> None:
        row = self.row_of(entry_id)
        self.beginRemoveRows(QModelIndex(), row, row)
        self._ids.pop(row - 1)
        self.endRemoveRows()
        self._refresh_order_marks()
        self.blog_changed.emit()

    def sync_rows(self) -> None:
        """Catch up with entries the store added by itself (a conflict copy it kept
        beside ours), then with any other difference in the order."""
        known = set(self._ids)  # a set: 10,000 rows stay quick
        for position, entry_id in enumerate(self.blog.order):
            if entry_id not in known:
                self.beginInsertRows(QModelIndex(), position + 1, position + 1)
                self._ids.insert(position, entry_id)
                known.add(entry_id)
                self.endInsertRows()
        gone = [i for i in self._ids if i not in self.blog.entries]
        for entry_id in gone:
            self._remove_row(entry_id)
        if self._ids != self.blog.order:
            self.set_order(list(self.blog.order))

    def set_order(self, order: list[str]) -> None:
        """Put the rows in `order` (a permutation of the current one)."""
        if order == self._ids:
            return
        if sorted(order) != sorted(self._ids):
            raise ValueError("set_order takes a permutation of the timeline")
        self.layoutAboutToBeChanged.emit()
        new_rows = {entry_id: row + 1 for row, entry_id in enumerate(order)}
        persistent = self.persistentIndexList()
        moved = []
        for index in persistent:
            row = index.row()
            if row == HEADER_ROW or row < 0:
                moved.append(index)
                continue
            moved.append(self.index(new_rows[self._ids[row - 1]]))
        self.blog.order = list(order)
        self._ids = list(order)
        self.changePersistentIndexList(persistent, moved)
        self._refresh_order_marks(announce=False)  # the layout change repaints every row
        self.layoutChanged.emit()
        self.blog_changed.emit()

    def set_entry_field(self, entry_id: str, field: str, value: Any) -> None:
        """Set one field of an entry (stamp, status, author, headline, body)."""
        entry = self.blog.entries[entry_id]
        if getattr(entry, field) == value:
            return
        setattr(entry, field, value)
        if field == "body":
            self._typed.add(entry_id)
            self._typing_pause.start()
            self.entry_changed.emit(entry_id)
            return
        self._entry_row_changed(entry_id)
        if field in ("stamp", "kind"):
            self._refresh_order_marks()

    def _refresh_order_marks(self, announce: bool = True) -> None:
        """Find the updates out of order again; rows whose mark changed are repainted."""
        if self.loading:
            return  # found once every entry is read
        blog = self.blog
        updates = [blog.entries[i] for i in self._ids
                   if i in blog.entries and not blog.entries[i].is_original]  # fmt: skip
        wrong = out_of_order([(e.id, e.stamp) for e in updates])
        marks: dict[str, str] = {}
        for position, entry in enumerate(updates):
            if entry.id not in wrong:
                continue
            above = updates[position - 1] if position > 0 else None
            below = updates[position + 1] if position + 1 < len(updates) else None
            where = [f"{side} {blog.label(other).rstrip(':')}"
                     for side, other in (("below", above), ("above", below)) if other]  # fmt: skip
            marks[entry.id] = (
                f"Out of order: stamped {entry.stamp:%H%M} GMT, placed {' and '.join(where)}. "
                "Sort by stamp or Stamp now puts it in place."
            )
        old, self._order_marks = self._order_marks, marks
        if not announce:
            return
        for entry_id in set(old) ^ set(marks) | {i for i in marks if old.get(i) != marks[i]}:
            row = self.row_of(entry_id)
            if row >= 0:
                self.dataChanged.emit(self.index(row), self.index(row))

    def _show_typed(self) -> None:
        typed, self._typed = self._typed, set()
        for entry_id in typed:
            row = self.row_of(entry_id)
            if row >= 0:
                self.dataChanged.emit(self.index(row), self.index(row))

    def entries_replaced(self, ids: Sequence[str]) -> None:
        """Entries replaced in the blog behind the model's back (taken in from the folder,
        merged): their rows show the new versions. They are saved already."""
        for entry_id in ids:
            row = self.row_of(entry_id)
            if row >= 0:
                self.dataChanged.emit(self.index(row), self.index(row))

    def _entry_row_changed(self, entry_id: str) -> None:
        row = self.row_of(entry_id)
        if row >= 0:
            self.dataChanged.emit(self.index(row), self.index(row))
        self.entry_changed.emit(entry_id)

    def set_blog_field(self, field: str, value: Any) -> None:
        """Set a field of blog.yaml: title, date, header or labels."""
        if getattr(self.blog, field) == value:
            return
        setattr(self.blog, field, value)
        if field in ("date", "labels"):  # every label may read differently now
            self.dataChanged.emit(self.index(0), self.index(self.rowCount() - 1))
        else:
            self.dataChanged.emit(self.index(HEADER_ROW), self.index(HEADER_ROW))
        self.blog_changed.emit()

    def stamp_of(self, entry_id: str) -> datetime:
        return self.blog.entries[entry_id].stamp


class TimelineFilter(QSortFilterProxyModel):
    """Narrows the timeline by text (label, headline, author, body: every word of the
    text, in any case) and by status. The header row always stays, so the blog's own
    fields are one click away.

    Qt's own filter does the work, a regular expression (`filter_pattern`) on each row's
    FILTER_KEY: without a filter Qt then shows every row without asking the model, where
    a filterAcceptsRow in Python was asked for each row as a blog opened (5.5 ms at
    10,000 entries)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._status = ""
        self.setFilterRole(Role.FILTER_KEY)

    def set_text(self, text: str) -> None:
        self._refilter(text.strip().casefold(), self._status)

    def set_status(self, status: str) -> None:
        """Show only `status` ("draft" or "ready"); "" shows every status."""
        self._refilter(self._text, status)

    def _refilter(self, text: str, status: str) -> None:
        from PySide6.QtCore import QRegularExpression  # named on first use (see desk.ui)

        source = self.sourceModel()
        if (text or status) and isinstance(source, TimelineModel):
            source.finish_loading()  # a filter looks at every entry: all are read at once
        self._text, self._status = text, status
        self.setFilterRegularExpression(QRegularExpression(filter_pattern(text, status)))


def filter_pattern(text: str, status: str) -> str:
    """The expression a row's FILTER_KEY (its status, KEY_SEPARATOR, its search text
    casefolded) matches when the row has `status` ("" for any) and holds every word of
    `text` (casefolded); the header's key always matches. "" when nothing is filtered."""
    if not (text or status):
        return ""
    from PySide6.QtCore import QRegularExpression  # named on first use (see desk.ui)

    words = "".join(f"(?=[\\s\\S]*{QRegularExpression.escape(w)})" for w in text.split())
    wanted = QRegularExpression.escape(status) if status else f"[^{KEY_SEPARATOR}]*"
    return f"^(?:{HEADER_KEY}$|{wanted}{KEY_SEPARATOR}{words})"
