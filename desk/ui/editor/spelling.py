"""Spelling in the body editor: View → Check spelling (F7), the red wavy line under unknown
words (the highlighter's), and the context menu's suggestions, "Add to the blog's word
list", "Ignore in this blog" and "Add to my word list".

The dictionary is the blog's language (`language` in blog.yaml, else the preferences'),
opened on the UI thread (pyenchant is not thread-safe). Without enchant or a dictionary
the window works as before: the menu item is off and its tooltip says what to install."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QInputMethodEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QLineEdit, QMenu

from desk.core.errors import DeskError
from desk.core.spelling import (
    Speller,
    SpellingUnavailable,
    add_blog_word,
    add_personal_word,
    personal_words,
    prose_spans,
)
from desk.core.storage.words import WORDS_FILE, blog_words
from desk.ui.editor.markdown_edit import MISSPELT
from desk.ui.widgets.notice import notify
from desk.ui.widgets.toggles import check_quietly

if TYPE_CHECKING:
    from desk.ui.door import Desk, Handlers
    from desk.ui.timeline.model import TimelineModel

log = logging.getLogger(__name__)

ACTION = "check_spelling"
SETTING = "spelling"
UNAVAILABLE = "unavailable"  # the action's property: why it cannot be switched on


class Spelling(QObject):
    """The window's speller, for the blog open."""

    def __init__(self, desk: Desk) -> None:
        super().__init__(desk.window)
        self.desk = desk
        self.body = desk.editor.body
        self.speller: Speller | None = None
        self.tip = self.action.toolTip()
        self._model: TimelineModel | None = None
        self._seen: tuple[int, int] | None = None  # words.txt's (mtime, size) when read
        self._tried = ""  # the language last opened (or tried)
        self.body.menu_hook = self.add_to_menu
        self.headline = desk.editor.headline
        self.headline_marks: list[str] = []  # the unknown words underlined in the headline
        self.headline.textChanged.connect(self._mark_headline)
        desk.events.blog_changed.connect(self._blog_opened)
        desk.events.selection_changed.connect(self._selected)
        self._blog_opened(desk.model)

    def handlers(self) -> Handlers:
        return {ACTION: self._switched}

    @property
    def action(self) -> QAction:
        return self.desk.action(ACTION)

    def language(self) -> str:
        model = self._model
        return (model.blog.language if model is not None else "") or self.desk.prefs.language

    # -- the blog and its dictionary ----------------------------------------------------------

    def _blog_opened(self, model: TimelineModel | None) -> None:
        if self._model is not None:
            self._model.blog_changed.disconnect(self._blog_fields_changed)
        self._model = model
        if model is not None:
            model.blog_changed.connect(self._blog_fields_changed)
        self._open()

    def _blog_fields_changed(self) -> None:
        if self.language() != self._tried:  # Blog properties chose another language
            self._open()

    def _selected(self) -> None:
        if self.language() != self._tried:  # the preferences' default changed
            self._open()
        else:
            self._reread_words()

    def _open(self) -> None:
        """The dictionary for the blog's language, or the reason there is none."""
        self.speller = None
        problem = ""
        self._tried = self.language()
        if self._model is not None:
            try:
                self.speller = Speller(self.language(), self._words())
            except SpellingUnavailable as error:
                problem = str(error)
                log.info("spelling is off: %s", problem)
        action = self.action
        action.setProperty(UNAVAILABLE, problem)
        action.setToolTip(problem[:1].upper() + problem[1:] if problem else self.tip)
        action.setEnabled(not problem and self._model is not None)  # as its rule would
        wanted = bool(self.desk.settings.value(SETTING, True, type=bool))
        check_quietly(action, wanted and self.speller is not None)
        self._apply()

    def _switched(self) -> None:
        self.desk.settings.setValue(SETTING, self.action.isChecked())
        self._apply()

    def _apply(self) -> None:
        on = self.action.isChecked() and self.speller is not None
        wanted = self.speller if on else None
        if self.body.highlighter.speller is not wanted:
            self.body.highlighter.set_speller(wanted)
        self._mark_headline()

    def _mark_headline(self) -> None:
        """The headline's unknown words underlined too (a line edit has no highlighter: the
        formats go in as an input method's, which leave the text alone)."""
        speller = self.body.highlighter.speller
        line: QLineEdit = self.headline
        spans = prose_spans(line.text()) if speller is not None else []
        marks = []
        attributes = []
        for start, end, word in spans:
            if speller is not None and not speller.known(word):
                fmt = QTextCharFormat()
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
                fmt.setUnderlineColor(MISSPELT)
                kind = QInputMethodEvent.AttributeType.TextFormat
                at = start - line.cursorPosition()  # relative to the cursor
                attributes.append(QInputMethodEvent.Attribute(kind, at, end - start, fmt))
                marks.append(word)
        if marks or self.headline_marks:
            QCoreApplication.sendEvent(line, QInputMethodEvent("", attributes))
        self.headline_marks = marks

    # -- word lists ---------------------------------------------------------------------------

    def _words(self) -> set[str]:
        """The blog's words and the user's."""
        model = self._model
        words = personal_words()
        if model is None:
            return words
        path = model.store.root / WORDS_FILE
        try:
            status = path.lstat()
            self._seen = (status.st_mtime_ns, status.st_size)
            words |= blog_words(model.store.root)
        except FileNotFoundError:
            self._seen = None
        except (OSError, DeskError) as error:  # the store reports it among the problems
            log.warning("the blog's word list is not used: %s", error)
        return words

    def _reread_words(self) -> None:
        """words.txt again if it changed on disk (a sync brought a colleague's words)."""
        model = self._model
        if self.speller is None or model is None:
            return
        try:
            status = (model.store.root / WORDS_FILE).lstat()
            seen: tuple[int, int] | None = (status.st_mtime_ns, status.st_size)
        except OSError:
            seen = None
        if seen != self._seen:
            self._relearn()

    def _relearn(self) -> None:
        if self.speller is not None:
            self.speller.learn(self._words())
            if self.body.highlighter.speller is not None:
                self.body.highlighter.rehighlight()
                self._mark_headline()

    def learn(self, word: str, personal: bool = False) -> None:
        """Add `word` to the blog's word list (or the user's); its underline goes at once."""
        model = self._model
        try:
            if personal:
                add_personal_word(word)
            elif model is not None:
                add_blog_word(model.store.root, word)
        except DeskError as error:
            notify(self.desk.window, "Word not added", str(error))
            return
        self._relearn()
        where = "your word list" if personal else "the blog's word list"
        self.desk.say(f"“{word}” added to {where}")

    # -- the context menu ---------------------------------------------------------------------

    def add_to_menu(self, menu: QMenu, cursor: QTextCursor) -> None:
        """Suggestions and the word lists for the unknown word at `cursor`, on top."""
        found = self.body.highlighter.misspelt_at(cursor)
        if found is None or self.speller is None:
            return
        start, end, word = found
        first = menu.actions()[0] if menu.actions() else None
        model = self._model
        writable = model is not None and not model.store.read_only  # else shown, but off
        items: list[QAction] = []
        for suggestion in self.speller.suggest(word):
            item = QAction(suggestion, menu)
            item.setEnabled(writable)
            item.triggered.connect(lambda _=False, s=suggestion: self._replace(start, end, word, s))
            items.append(item)
        if not items:
            none = QAction("No suggestions", menu)
            none.setEnabled(False)
            items.append(none)
        for text, personal in (
            ("Add to the blog's word list", False),
            ("Ignore in this blog", False),
            ("Add to my word list", True),
        ):
            item = QAction(text, menu)
            item.setEnabled(personal or writable)
            item.triggered.connect(lambda _=False, p=personal: self.learn(word, p))
            items.append(item)
        menu.insertActions(first, items)  # type: ignore[arg-type]
        menu.insertSeparator(first)  # type: ignore[arg-type]

    def _replace(self, start: int, end: int, word: str, suggestion: str) -> None:
        cursor = QTextCursor(self.body.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        if cursor.selectedText() != word:  # the text moved since the menu opened
            return
        with self.desk.editor.typing.step("Correct spelling"):
            cursor.insertText(suggestion)
        self.body.setTextCursor(cursor)
