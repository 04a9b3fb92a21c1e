"""Spelling in the window: red wavy lines under unknown words as they are typed, the
context menu's suggestions and word lists, F7, the blog's language, and a blog whose
language has no dictionary (the menu item off, its tooltip saying what to install)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from desk.core.clock import FrozenClock
from desk.core.spelling import available_languages
from desk.core.storage.store import BlogStore
from desk.core.storage.words import WORDS_FILE
from desk.ui.blog.dialogs import PreferencesDialog
from desk.ui.blog.properties import BlogProperties, BlogPropertiesDialog
from desk.ui.editor.spelling import Spelling
from desk.ui.shell.window import MainWindow
from tests.tools import require
from tests.ui.blog.test_lock import open_window, other_desk  # noqa: F401  # a fixture
from tests.ui.helpers import make_blog, snapshot
from tests.ui.insert.test_insert_dialogs import body, open_entry

CTRL = Qt.KeyboardModifier.ControlModifier
WAVE = QTextCharFormat.UnderlineStyle.WaveUnderline


@pytest.fixture(autouse=True)
def enchant_en_gb() -> None:
    require("enchant", "en-GB" in available_languages(), "no enchant with an en-GB dictionary")


def underlined(window: MainWindow) -> list[str]:
    """The words shown with the red wavy line in the body, in order."""
    edit = window.editor.body
    found = []
    block = edit.document().firstBlock()
    while block.isValid():
        for format_range in block.layout().formats():
            if format_range.format.underlineStyle() == WAVE:
                start = format_range.start
                found.append(block.text()[start : start + format_range.length])
        block = block.next()
    return found


def write(qtbot: QtBot, window: MainWindow, text: str) -> None:
    """Type `text` as the body, then leave the editor (the word last typed is marked)."""
    open_entry(window)
    qtbot.wait(1)  # Qt highlights a document shown once the event loop runs
    window.editor.body.setPlainText("")
    qtbot.keyClicks(window.editor.body, text)
    window.timeline.setFocus()


def spelling(window: MainWindow) -> Spelling:
    return window.feature(Spelling)


def menu_for(window: MainWindow, position: int) -> QMenu:
    """The editor's context menu as a right-click at `position` would build it."""
    menu = window.editor.body.createStandardContextMenu()
    cursor = QTextCursor(window.editor.body.document())
    cursor.setPosition(position)
    spelling(window).add_to_menu(menu, cursor)
    return menu


def item(menu: QMenu, text: str) -> None:
    next(a for a in menu.actions() if a.text() == text).trigger()


def test_a_misspelt_word_is_underlined_once_typed(qtbot: QtBot, window: MainWindow) -> None:
    assert window.desk_actions["check_spelling"].isEnabled()
    assert window.desk_actions["check_spelling"].isChecked()
    open_entry(window)
    qtbot.wait(1)
    edit = window.editor.body
    edit.setPlainText("")
    qtbot.keyClicks(edit, "The goverment said the colour is ")
    assert underlined(window) == ["goverment"]
    qtbot.keyClicks(edit, "rong")
    assert underlined(window) == ["goverment"]  # not while it is being typed
    qtbot.keyClicks(edit, " ")
    assert underlined(window) == ["goverment", "rong"]
    qtbot.keyClicks(edit, "wrds")
    qtbot.keyClick(edit, Qt.Key.Key_Home)  # leaving the word marks it too
    assert underlined(window) == ["goverment", "rong", "wrds"]


def test_a_word_left_by_typing_on_is_not_checked_twice(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_entry(window)
    edit = window.editor.body
    edit.setPlainText("")
    again: list[object] = []
    monkeypatch.setattr(edit.highlighter, "rehighlightBlock", again.append)
    qtbot.keyClicks(edit, "The goverment said ")
    assert underlined(window) == ["goverment"]
    assert again == []  # each space's own highlighting checked the word it ended
    qtbot.keyClicks(edit, "rong")
    qtbot.keyClick(edit, Qt.Key.Key_Home)
    assert len(again) == 1  # leaving a word without typing checks it once more


def test_quotes_headings_and_embed_text_are_checked_keys_addresses_and_tags_not(
    qtbot: QtBot, window: MainWindow
) -> None:
    open_entry(window)
    window.editor.body.cards.show_cards(False)  # the source, to see its underlines
    window.editor.body.setPlainText(
        "### Ferys resume\n\n> Qoute from the mayr\n\n"
        "See https://exampel.com, @handel, #tagg, reportr@exampel.org, `codde` at 2205 GMT.\n\n"
        "```embed\ntype: x\nurl: https://x.com/adda/status/1\nauthor: Ada Lovelce\n"
        'handle: "@adda"\ntext: |-\n  Ferrys at dawn\n```\n'
    )
    assert underlined(window) == ["Ferys", "Qoute", "mayr", "Lovelce", "Ferrys"]


def test_the_headline_is_checked_too(qtbot: QtBot, window: MainWindow) -> None:
    open_entry(window)
    window.editor.headline.setFocus()
    window.editor.headline.selectAll()
    qtbot.keyClicks(window.editor.headline, "Storm hits the towm")
    assert spelling(window).headline_marks == ["towm"]
    assert window.model is not None
    assert window.model.blog.entries["upd1958"].headline == "Storm hits the towm"


def test_f7_switches_spelling_off_and_on_and_is_remembered(
    qtbot: QtBot, window: MainWindow
) -> None:
    write(qtbot, window, "Teh storm")
    qtbot.keyClick(window.editor.body, Qt.Key.Key_F7)
    assert not window.desk_actions["check_spelling"].isChecked()
    assert underlined(window) == []
    assert window.state.settings.value("spelling", type=bool) is False
    qtbot.keyClick(window.editor.body, Qt.Key.Key_F7)
    assert underlined(window) == ["Teh"]


def test_a_suggestion_replaces_the_word_as_one_undo_step(qtbot: QtBot, window: MainWindow) -> None:
    write(qtbot, window, "The gvernor spoke")
    menu = menu_for(window, 6)
    texts = [a.text() for a in menu.actions()]
    assert "governor" in texts[:5]
    assert texts.index("Add to the blog's word list") <= 5
    assert "Ignore in this blog" in texts and "Add to my word list" in texts
    item(menu, "governor")
    assert body(window) == "The governor spoke"
    assert underlined(window) == []
    assert window.undo_stack.undoText().startswith("Correct spelling")
    qtbot.keyClick(window.editor.body, Qt.Key.Key_Z, CTRL)
    assert body(window) == "The gvernor spoke"


def test_a_correct_word_gets_no_spelling_items(qtbot: QtBot, window: MainWindow) -> None:
    write(qtbot, window, "The governor spoke")
    texts = [a.text() for a in menu_for(window, 6).actions()]
    assert "Add to the blog's word list" not in texts


@pytest.mark.parametrize("choice", ["Add to the blog's word list", "Ignore in this blog"])
def test_a_word_learnt_goes_in_words_txt_and_its_underline_at_once(
    qtbot: QtBot, window: MainWindow, blog_path: Path, choice: str
) -> None:
    write(qtbot, window, "Lindqvist met Syniehubov in Kessan")
    assert underlined(window) == ["Lindqvist", "Syniehubov", "Kessan"]
    item(menu_for(window, 15), choice)
    assert underlined(window) == ["Lindqvist", "Kessan"]
    item(menu_for(window, 2), "Add to the blog's word list")
    assert (blog_path / WORDS_FILE).read_text(encoding="utf-8") == "Lindqvist\nSyniehubov\n"
    assert underlined(window) == ["Kessan"]


@pytest.mark.usefixtures("other_desk")  # another Desk holds the blog's lock
def test_a_read_only_blog_offers_no_correction_and_no_blog_word_list(
    qtbot: QtBot, blog_path: Path, clock: FrozenClock
) -> None:
    store, blog = BlogStore.open(blog_path)
    blog.entries["upd1958"].body = "Lindqvist spoke at the quay."
    store.save(blog)
    window = open_window(qtbot, blog_path, clock)
    assert window.safety.read_only
    window.select_entry("upd1958")
    before = snapshot(blog_path)

    menu = menu_for(window, 2)
    shown = {a.text(): a.isEnabled() for a in menu.actions() if a.text()}
    assert not shown["Add to the blog's word list"] and not shown["Ignore in this blog"]
    assert shown["Add to my word list"]  # the user's own list is not the blog's
    texts = [a.text() for a in menu.actions()]
    suggestions = menu.actions()[: texts.index("Add to the blog's word list")]
    assert suggestions and suggestions[0].text() != "No suggestions"
    assert not any(a.isEnabled() for a in suggestions)
    for text in ("Add to the blog's word list", "Ignore in this blog", suggestions[0].text()):
        item(menu, text)
    assert window.editor.body.toPlainText() == "Lindqvist spoke at the quay."
    assert snapshot(blog_path) == before and not (blog_path / WORDS_FILE).exists()


def test_a_personal_word_goes_in_the_config_folder_not_the_blog(
    qtbot: QtBot, window: MainWindow, blog_path: Path, isolated_home: Path
) -> None:
    write(qtbot, window, "Kessan")
    item(menu_for(window, 2), "Add to my word list")
    assert underlined(window) == []
    assert not (blog_path / WORDS_FILE).exists()
    assert (isolated_home / "config" / "desk" / WORDS_FILE).read_text() == "Kessan\n"


def test_a_second_blog_does_not_see_the_first_ones_words(
    qtbot: QtBot, window: MainWindow, isolated_home: Path
) -> None:
    write(qtbot, window, "Lindqvist")
    item(menu_for(window, 2), "Add to the blog's word list")
    other = make_blog(isolated_home / "other")
    assert window.open_blog(other)
    write(qtbot, window, "Lindqvist")
    assert underlined(window) == ["Lindqvist"]


def test_words_a_sync_brings_are_known_at_the_next_selection(
    qtbot: QtBot, window: MainWindow, blog_path: Path
) -> None:
    write(qtbot, window, "Elvan met Kell")
    (blog_path / WORDS_FILE).write_text("Kell\n", encoding="utf-8")
    window.select_entry("upd1530")
    window.select_entry("upd1958")  # Qt highlights a document shown a moment later
    qtbot.waitUntil(lambda: underlined(window) == ["Elvan"])


def test_without_a_dictionary_the_menu_item_is_off_and_says_what_to_install(
    qtbot: QtBot, window: MainWindow, blog_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def ask(cls: object, parent: object, blog: object, *_default: object) -> BlogProperties:
        return BlogProperties("Harbour storm", "", [], "fr-FR")

    monkeypatch.setattr(BlogPropertiesDialog, "ask", classmethod(ask))
    write(qtbot, window, "Teh storm")
    window.desk_actions["blog_properties"].trigger()
    action = window.desk_actions["check_spelling"]
    assert not action.isEnabled() and not action.isChecked()
    assert "No fr-FR dictionary" in action.toolTip()
    assert "libenchant-2-2" in action.toolTip() and "brew install enchant" in action.toolTip()
    assert underlined(window) == []
    qtbot.keyClicks(window.editor.body, " still typed")  # the window works as before
    assert body(window) == "Teh storm still typed"
    window.select_entry("upd1530")  # actions are enabled again by their rules: not this one
    assert not window.desk_actions["check_spelling"].isEnabled()
    assert window.autosave.flush()
    assert BlogStore.open(blog_path)[1].language == "fr-FR"

    def back(cls: object, parent: object, blog: object, *_default: object) -> BlogProperties:
        return BlogProperties("Harbour storm", "", [], "en-GB")

    monkeypatch.setattr(BlogPropertiesDialog, "ask", classmethod(back))
    window.desk_actions["blog_properties"].trigger()
    assert action.isEnabled() and action.isChecked()
    window.select_entry("upd1958")
    qtbot.waitUntil(lambda: underlined(window) == ["Teh"])


def test_the_blog_language_is_chosen_in_blog_properties(qtbot: QtBot, window: MainWindow) -> None:
    assert window.model is not None
    dialog = BlogPropertiesDialog(window, window.model.blog, "en-GB")
    qtbot.addWidget(dialog)
    assert dialog.language.currentText() == "Preferences' default (en-GB)"
    assert dialog.chosen().language == ""
    dialog.language.setCurrentIndex(dialog.language.findData("en-US"))
    assert dialog.chosen().language == "en-US"
    dialog.language.setEditText("de_DE")
    assert dialog.chosen().language == "de-DE"


def test_the_preferences_language_is_the_default_for_a_blog_naming_none(
    qtbot: QtBot, window: MainWindow
) -> None:
    dialog = PreferencesDialog(window, window.prefs, None)
    qtbot.addWidget(dialog)
    assert dialog.language.text() == "en-GB"
    window.prefs = replace(window.prefs, language="fr-FR")
    window.select_entry("upd1530")
    action = window.desk_actions["check_spelling"]
    assert not action.isEnabled() and "No fr-FR dictionary" in action.toolTip()
    window.prefs = replace(window.prefs, language="en-US")
    window.select_entry("upd1958")
    assert action.isEnabled() and action.isChecked()
    assert spelling(window).speller is not None
    assert spelling(window).speller.language == "en-US"
