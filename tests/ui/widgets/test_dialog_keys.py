"""Every dialog opens with the focus in its first field: what the writer types straight
away lands there. Tab moves on (out of a multi-line field too), the buttons come last,
Ctrl+Enter accepts when the input is valid."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from desk.core.model import Blog, Labels
from desk.core.prefs import Preferences
from desk.ui.blog.dialogs import NewBlogDialog, PreferencesDialog
from desk.ui.blog.properties import BlogPropertiesDialog
from desk.ui.exchange.import_dialog import ImportDialog
from desk.ui.insert.dialogs import ImageDialog, LinkDialog, QuoteDialog, SubheadingDialog
from desk.ui.insert.post import PostDialog
from desk.ui.shell.window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
BLOG = Blog(title="", date=date(2025, 3, 14))

# (name, dialog builder, the first field)
Build = Callable[[QWidget], QDialog]
DIALOGS: dict[str, tuple[Build, Callable[[QDialog], QWidget]]] = {
    "quote": (lambda p: QuoteDialog(p), lambda d: d.text),  # type: ignore[attr-defined]
    "image": (lambda p: ImageDialog(p), lambda d: d.source),  # type: ignore[attr-defined]
    "link": (lambda p: LinkDialog(p), lambda d: d.label),  # type: ignore[attr-defined]
    "subheading": (lambda p: SubheadingDialog(p), lambda d: d.text),  # type: ignore[attr-defined]
    "post": (lambda p: PostDialog(p), lambda d: d.url),  # type: ignore[attr-defined]
    "new blog": (
        lambda p: NewBlogDialog(p, date(2025, 3, 14), Path("/tmp")),
        lambda d: d.title,  # type: ignore[attr-defined]
    ),
    "blog properties": (lambda p: BlogPropertiesDialog(p, BLOG), lambda d: d.title),  # type: ignore[attr-defined]
    "preferences": (
        lambda p: PreferencesDialog(p, Preferences(), Labels()),
        lambda d: d.author,  # type: ignore[attr-defined]
    ),
    "import": (
        lambda p: ImportDialog(p, date(2025, 3, 14), Path("/tmp"), False),
        lambda d: d.path,  # type: ignore[attr-defined]
    ),
}


def text_of(field: QWidget) -> str:
    if isinstance(field, QPlainTextEdit):
        return field.toPlainText()
    assert isinstance(field, QLineEdit)
    return field.text()


@pytest.mark.parametrize("name", sorted(DIALOGS))
def test_typing_right_after_opening_lands_in_the_first_field(
    qtbot: QtBot, window: MainWindow, name: str
) -> None:
    build, first_field = DIALOGS[name]
    dialog = build(window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None and dialog.isActiveWindow())
    first = first_field(dialog)
    assert QApplication.focusWidget() is first
    qtbot.keyClicks(QApplication.focusWidget(), "Words first")
    assert text_of(first).endswith("Words first")
    assert dialog.isVisible()  # no space pressed a button
    dialog.reject()


def test_tab_leaves_the_quote_and_the_buttons_come_last(qtbot: QtBot, window: MainWindow) -> None:
    dialog = QuoteDialog(window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.text)
    qtbot.keyClicks(dialog.text, "We have pumps.")
    qtbot.keyClick(dialog.text, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.attribution
    assert dialog.text.toPlainText() == "We have pumps."  # no tab typed into the quote
    qtbot.keyClicks(dialog.attribution, "Ilse Varga")
    qtbot.keyClick(dialog.attribution, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.source
    qtbot.keyClick(dialog.source, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() in dialog.box.buttons()
    # Ctrl+Enter in the multi-line field accepts, now that the quote is complete.
    dialog.text.setFocus()
    qtbot.keyClick(dialog.text, Qt.Key.Key_Return, CTRL)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.value().attribution == "Ilse Varga"


def test_enter_accepts_only_when_valid(qtbot: QtBot, window: MainWindow) -> None:
    dialog = SubheadingDialog(window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.text)
    qtbot.keyClick(dialog.text, Qt.Key.Key_Return)
    assert dialog.isVisible()  # nothing typed: Enter does nothing
    qtbot.keyClicks(dialog.text, "Evacuation")
    qtbot.keyClick(dialog.text, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_the_image_fields_do_not_move_when_the_hint_goes(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    dialog = ImageDialog(window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.isActiveWindow)
    before = dialog.credit.mapTo(dialog, dialog.credit.rect().topLeft())
    assert dialog.hint.text()
    dialog.source.setText("https://example.com/quay.jpg")
    dialog.alt.setText("The quay under water")
    assert dialog.hint.text() == "" and dialog.ok.isEnabled()
    QApplication.processEvents()
    assert dialog.credit.mapTo(dialog, dialog.credit.rect().topLeft()) == before


def test_the_new_blog_dialog_shows_no_literal_ampersand(qtbot: QtBot, window: MainWindow) -> None:
    dialog = NewBlogDialog(window, date(2025, 3, 14), Path("/tmp"))
    qtbot.addWidget(dialog)
    from PySide6.QtWidgets import QLabel

    captions = [label for label in dialog.findChildren(QLabel) if "folder" in label.text()]
    assert captions and all(label.buddy() is dialog.drafts for label in captions)
