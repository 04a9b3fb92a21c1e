"""Find and replace in all entries: the find bar's All entries scope. A list of the hits
(drafts, headlines and embed text included) under the bar to step through; Replace takes
the hit shown, Replace all every hit, each one step of the window's undo; the status bar
counts what was found and replaced. The core finds and replaces (`desk.core.replace`)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QListWidget, QListWidgetItem

from desk.core.errors import DeskError
from desk.core.replace import Hit, blog_hits, replace_in_blog
from desk.ui.commands.entries import ReplaceCommand
from desk.ui.door import Place
from desk.ui.widgets.a11y import named

if TYPE_CHECKING:
    from desk.ui.door import Desk, Handlers

SEARCH_PAUSE_MS = 200
MESSAGE_MS = 8000
WHERE = {"headline": "Headline", "body": "", "embed": "Embed"}


def _entries(count: int) -> str:
    return f"{count} entr{'y' if count == 1 else 'ies'}"


def _matches(count: int) -> str:
    return f"{count} match{'' if count == 1 else 'es'}"


class BlogFind(QObject):
    """The All entries scope of one window's find bar."""

    def __init__(self, desk: Desk) -> None:
        super().__init__(desk.window)
        self.desk = desk
        self.bar = desk.editor.find_bar
        self.hits: list[Hit] = []
        self._searched: tuple[str, bool] | None = None  # the needle and case of `hits`
        self.list = named(QListWidget(), "Matches in all entries")
        self.list.setObjectName("findHits")
        self.list.setMaximumHeight(self.list.fontMetrics().lineSpacing() * 7 + 8)
        self.list.hide()
        desk.place(self.list, Place.UNDER_FIND)
        self._pause = QTimer(self, singleShot=True, interval=SEARCH_PAUSE_MS)
        self._pause.timeout.connect(self.search)
        self.bar.offer_everywhere(self)
        self.bar.scope.currentIndexChanged.connect(self._scope_changed)
        self.bar.find_box.textChanged.connect(self._typed)
        self.bar.case.toggled.connect(self._typed)
        self.bar.opened.connect(self._scope_changed)
        self.bar.closed.connect(self.list.hide)
        self.list.itemActivated.connect(lambda _item: self.go_to(self.list.currentRow()))
        self.list.itemClicked.connect(lambda _item: self.go_to(self.list.currentRow()))

    def handlers(self) -> Handlers:
        return {}  # the find bar's scope, not an action, leads here

    # -- the list ---------------------------------------------------------------------------

    def _scope_changed(self, *_args: object) -> None:
        shown = self.bar.isVisible() and self.bar.searches_everywhere()
        self.list.setVisible(shown)
        if shown:
            self.search()
        else:
            self.bar.result.clear()

    def _typed(self, *_args: object) -> None:
        if self.bar.searches_everywhere():
            self._pause.start()  # 10,000 entries: search once the writer pauses

    def search(self) -> list[Hit]:
        """Find the bar's text in every entry now, and list the hits."""
        self._pause.stop()
        model = self.desk.model
        needle, case = self.bar.find_box.text(), self.bar.case.isChecked()
        self.hits = blog_hits(model.blog, needle, case) if model is not None and needle else []
        self._searched = (needle, case)
        self.list.clear()
        if model is not None:
            for hit in self.hits:
                entry = model.blog.entries[hit.entry_id]
                label = model.blog.label(entry).rstrip(":")
                draft = " (draft)" if not entry.is_ready else ""
                where = WHERE[hit.where]
                item = QListWidgetItem(
                    f"{label}{draft} · {where + ': ' if where else ''}{hit.context}"
                )
                item.setData(Qt.ItemDataRole.UserRole, hit.entry_id)
                self.list.addItem(item)
        entries = len({h.entry_id for h in self.hits})
        if needle:
            found = (
                f"{_matches(len(self.hits))} in {_entries(entries)}" if self.hits else "Not found"
            )
            self.bar.result.setText(found)
            self.desk.say(f"Find “{needle}”: {found.lower()}", MESSAGE_MS)
        else:
            self.bar.result.clear()
        return self.hits

    def _fresh(self) -> None:
        if self._searched != (self.bar.find_box.text(), self.bar.case.isChecked()):
            self.search()

    # -- stepping ---------------------------------------------------------------------------

    def find_next(self) -> bool:
        self._fresh()
        if not self.hits:
            return False
        self.go_to((self.list.currentRow() + 1) % len(self.hits))
        return True

    def go_to(self, row: int) -> None:
        """Show hit `row`: its entry selected, the match selected in its field."""
        if not 0 <= row < len(self.hits) or self.desk.model is None:
            return
        hit = self.hits[row]
        self.list.setCurrentRow(row)
        self.list.scrollToItem(self.list.currentItem())
        self.desk.select_entry(hit.entry_id)
        editor = self.desk.editor
        if hit.where == "headline":
            editor.headline.setSelection(hit.start, hit.end - hit.start)
        else:
            start, end = self._span_in_body(hit)
            cursor = QTextCursor(editor.body.document())
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            editor.body.setTextCursor(cursor)
            editor.body.ensureCursorVisible()
        self.bar.result.setText(f"{row + 1} of {len(self.hits)}")

    def _span_in_body(self, hit: Hit) -> tuple[int, int]:
        """A body hit's own span; for an embed hit, its words in the block's YAML, on the
        lines of its field, when they are written there as they are; else the block."""
        if hit.where == "body" or self.desk.model is None:
            return hit.start, hit.end
        body = self.desk.model.blog.entries[hit.entry_id].body
        field = re.compile(rf"^{re.escape(hit.key)}:.*?(?=^[A-Za-z_]+:|^```)", re.M | re.S)
        region = field.search(body, hit.start, hit.end)
        if region is None:
            return hit.start, hit.end
        flags = 0 if self.bar.case.isChecked() else re.IGNORECASE
        pattern = re.compile(re.escape(self.bar.find_box.text()), flags)
        raw = list(pattern.finditer(body, region.start() + len(hit.key) + 1, region.end()))
        same = [
            h
            for h in self.hits
            if (h.entry_id, h.block, h.key) == (hit.entry_id, hit.block, hit.key)
        ]
        if len(raw) == len(same):
            return raw[hit.nth].start(), raw[hit.nth].end()
        return hit.start, hit.end

    # -- replacing --------------------------------------------------------------------------

    def _replace(self, hits: list[Hit], text: str) -> int:
        model, needle = self.desk.model, self.bar.find_box.text()
        if model is None or not hits or model.store.read_only:
            return 0
        try:
            changes = replace_in_blog(
                model.blog, hits, needle, self.bar.replace_box.text(), self.bar.case.isChecked()
            )
        except DeskError as error:
            self.desk.say(f"Nothing replaced: {error}", MESSAGE_MS)
            return 0
        if not changes:
            return 0
        self.desk.undo_stack.push(ReplaceCommand(model, changes, text))
        return sum(1 for h in hits if h.entry_id in changes)

    def replace_one(self) -> None:
        """Replace the hit shown, then show the next one."""
        self._fresh()
        row = self.list.currentRow()
        if not 0 <= row < len(self.hits):
            self.find_next()
            return
        hit = self.hits[row]
        model = self.desk.model
        assert model is not None
        label = model.blog.label(model.blog.entries[hit.entry_id]).rstrip(":")
        replaced = self._replace([hit], f"Replace in {label}")
        hits = self.search()
        if hits:
            self.go_to(min(row, len(hits) - 1))
        if replaced:
            self.desk.say(f"Replaced 1 match in {label}", MESSAGE_MS)

    def replace_all(self) -> int:
        """Replace every hit in every entry, as one undo step; the count in the status bar."""
        self._fresh()
        hits, needle = list(self.hits), self.bar.find_box.text()
        count = self._replace(hits, f"Replace all “{needle}”")
        entries = len({h.entry_id for h in hits})
        self.search()
        message = (
            f"Replaced {_matches(count)} in {_entries(entries)} (drafts included)"
            if count
            else f"Nothing replaced: “{needle}” is in no entry"
        )
        self.bar.result.setText(f"{count} replaced")
        self.desk.say(message, MESSAGE_MS)
        return count
