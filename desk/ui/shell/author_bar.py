"""The journalist's name, asked once in a bar across the top of the window, and the Author
field's completer over the names already signing the blog's entries.

The bar is not a dialog: it never takes the focus, so whatever is typed elsewhere stays
where it was typed; the name goes in only when the journalist clicks or tabs into the bar.
Answered or skipped, it is not asked again (the preferences remember)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
)

from desk.core.authors import author_names
from desk.core.errors import DeskError
from desk.core.model import Blog
from desk.core.prefs import Preferences
from desk.ui.widgets.a11y import named

if TYPE_CHECKING:
    from PySide6.QtWidgets import QCompleter

log = logging.getLogger(__name__)

BAR_STYLE = """
QFrame#authorBar { background: #fff4d6; border-bottom: 1px solid #e0c98a; }
QFrame#authorBar QLabel { color: #3b3b38; }
"""


class AuthorBar(QFrame):
    """ "Your name, for the byline of new entries: [    ] [Use this name] [Skip]"."""

    def __init__(
        self,
        prefs: Callable[[], Preferences],
        keep: Callable[[Preferences], None],
        say: Callable[[str], None],
    ) -> None:
        super().__init__()
        self._prefs = prefs
        self._keep = keep
        self._say = say
        self.setObjectName("authorBar")
        self.setAccessibleName("Your name for new entries")
        self.setStyleSheet(BAR_STYLE)
        self.name = named(QLineEdit(placeholderText="First and last name"), "Your name")
        self.name.setMinimumWidth(220)
        label = named(QLabel("Your &name, for the byline of new entries:"), "Name question")
        label.setBuddy(self.name)
        self.use = named(QPushButton("&Use this name"), "Use this name for new entries")
        self.skip = named(QPushButton("S&kip"), "Skip: new entries carry no author")
        self.use.setEnabled(False)
        # Enter belongs to the bar only while the bar has the focus; never a window default.
        for button in (self.use, self.skip):
            button.setAutoDefault(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(label)
        layout.addWidget(self.name)
        layout.addWidget(self.use)
        layout.addWidget(self.skip)
        layout.addStretch(1)
        self.name.textChanged.connect(lambda text: self.use.setEnabled(bool(text.strip())))
        self.name.returnPressed.connect(self.answer)
        self.use.clicked.connect(self.answer)
        self.skip.clicked.connect(self.dismiss)
        self.setVisible(self.wanted())

    def wanted(self) -> bool:
        """Whether the name is still to be asked: none given, the question never answered."""
        prefs = self._prefs()
        return not prefs.default_author.strip() and not prefs.author_asked

    def answer(self) -> None:
        name = " ".join(self.name.text().split())
        if not name:
            return
        if self._store(replace(self._prefs(), default_author=name, author_asked=True)):
            self._say(f"New entries carry “{name}” as author (Preferences to change it)")

    def dismiss(self) -> None:
        if self._store(replace(self._prefs(), author_asked=True)):
            self._say("New entries carry no author; Preferences can set one")

    def _store(self, prefs: Preferences) -> bool:
        self._keep(prefs)
        self.hide()
        try:
            prefs.save()
        except (OSError, DeskError) as error:
            log.warning("cannot save the preferences: %s", error)
            self._say(f"Kept for this session only: the preferences cannot be saved ({error})")
            return False
        return True


class _Refresh(QObject):
    """Fills the completer's names as the field takes the focus: current, and no walk over
    the blog at every change of it."""

    def __init__(self, field: QLineEdit, fill: Callable[[], None]) -> None:
        super().__init__(field)
        self._fill = fill

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn:
            self._fill()
        return False


def complete_authors(
    field: QLineEdit, blog: Callable[[], Blog | None], prefs: Callable[[], Preferences]
) -> QCompleter:
    """Offer in `field` the names that sign the open blog's entries, and the user's own."""
    from PySide6.QtWidgets import QCompleter  # named on first use (see desk.ui)

    names = QStringListModel(field)
    completer = QCompleter(names, field)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    field.setCompleter(completer)
    # The line edit takes a chosen name as if set by the program; it is the writer's edit.
    completer.activated.connect(lambda name: field.textEdited.emit(name))

    def fill() -> None:
        shown = blog()
        own = [name for name in [prefs().default_author] if name.strip()]
        names.setStringList(author_names(shown, own) if shown is not None else own)

    field.installEventFilter(_Refresh(field, fill))
    fill()
    return completer
