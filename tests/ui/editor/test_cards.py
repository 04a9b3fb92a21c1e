"""Embed blocks as cards in the body editor: one line each, the cursor stepping over it,
Delete and Backspace taking the whole block (one undo step), Enter and a double-click
opening its dialog, copy and paste carrying the block, a bad block shown as source."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextBlock, QTextDocument
from pytestqt.qtbot import QtBot

from desk.core.storage.store import BlogStore
from desk.ui.shell.window import MainWindow
from tests.ui.insert.test_insert_dialogs import blocks, body, cursor_at, open_entry
from tests.ui.insert.test_insert_paste import FakePostDialog

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
BLOCK = (
    "```embed\ntype: x\nurl: https://x.com/ada/status/1900712345678901234\n"
    "author: Ada Lovelace\nhandle: ada\ndate: 2025-03-14\ntext: |-\n"
    "  Ferries resume at dawn, the harbour master says\n```"
)
BEFORE = "Before the post.\n\n"
AFTER = "\n\nAfter the post."
TEXT = BEFORE + BLOCK + AFTER
START = len(BEFORE)  # the card's place
NEXT = len(BEFORE + BLOCK) + 1  # the line after the card


def with_card(window: MainWindow, text: str = TEXT) -> None:
    open_entry(window)
    window.editor.body.setPlainText(text)
    cursor_at(window, 0)


def key(qtbot: QtBot, window: MainWindow, which: Qt.Key, mods: object = None) -> None:
    if mods is None:
        qtbot.keyClick(window.editor.body, which)
    else:
        qtbot.keyClick(window.editor.body, which, mods)  # type: ignore[arg-type]


def position(window: MainWindow) -> int:
    return window.editor.body.textCursor().position()


def test_a_block_shows_as_one_card_line_and_the_file_keeps_its_text(window: MainWindow) -> None:
    with_card(window)
    cards = window.editor.body.cards.cards
    assert [c.line for c in cards] == [
        "X · Ada Lovelace (@ada) · March 14, 2025 · Ferries resume at dawn, the harbour master says"
    ]
    document = window.editor.body.document()
    shown = [b.text() for b in _blocks(document) if b.isVisible()]
    assert shown == ["Before the post.", "", "```embed", "", "After the post."]
    assert window.autosave.flush()
    _, blog = BlogStore.open(window.model.store.root)  # type: ignore[union-attr]
    assert blog.entries["upd1958"].body == TEXT


def test_the_cursor_steps_over_a_card_as_one_unit(qtbot: QtBot, window: MainWindow) -> None:
    with_card(window)
    cursor_at(window, START - 1)  # the blank line before the card
    key(qtbot, window, Qt.Key.Key_Right)
    assert position(window) == START  # on the card
    key(qtbot, window, Qt.Key.Key_Right)
    assert position(window) == NEXT  # after it
    key(qtbot, window, Qt.Key.Key_Left)
    assert position(window) == START
    key(qtbot, window, Qt.Key.Key_Down)
    assert position(window) == NEXT
    key(qtbot, window, Qt.Key.Key_Up)
    assert position(window) == START
    key(qtbot, window, Qt.Key.Key_Up)
    assert position(window) == START - 1


def test_shift_and_arrows_select_the_whole_block_and_copy_paste_carries_it(
    qtbot: QtBot, window: MainWindow
) -> None:
    with_card(window)
    cursor_at(window, START)
    key(qtbot, window, Qt.Key.Key_Right, SHIFT)
    selected = window.editor.body.textCursor().selectedText().replace("\u2029", "\n")
    assert selected == BLOCK + "\n"
    key(qtbot, window, Qt.Key.Key_C, CTRL)
    cursor_at(window, len(TEXT))
    key(qtbot, window, Qt.Key.Key_Return)
    key(qtbot, window, Qt.Key.Key_V, CTRL)
    assert body(window) == TEXT + "\n" + BLOCK + "\n"
    assert len(window.editor.body.cards.cards) == 2


def test_delete_on_a_card_removes_the_block_as_one_undo_step(
    qtbot: QtBot, window: MainWindow
) -> None:
    with_card(window)
    qtbot.keyClicks(window.editor.body, "Text ")  # typing first: its own step
    cursor_at(window, START + 5)
    key(qtbot, window, Qt.Key.Key_Delete)
    assert body(window) == "Text " + BEFORE + AFTER.lstrip("\n")
    assert window.undo_stack.undoText().startswith("Delete embed")
    key(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert body(window) == "Text " + TEXT
    assert window.editor.body.cards.cards[0].line.startswith("X · Ada Lovelace")


def test_backspace_after_a_card_removes_the_block(qtbot: QtBot, window: MainWindow) -> None:
    with_card(window)
    cursor_at(window, NEXT)
    key(qtbot, window, Qt.Key.Key_Backspace)
    assert body(window) == BEFORE + AFTER.lstrip("\n")
    key(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert body(window) == TEXT


def test_backspace_on_a_card_never_joins_its_fence_to_a_line(
    qtbot: QtBot, window: MainWindow
) -> None:
    with_card(window, "Before" + "\n" + BLOCK + AFTER)
    cursor_at(window, len("Before\n"))
    key(qtbot, window, Qt.Key.Key_Backspace)
    assert body(window) == "Before\n" + BLOCK + AFTER
    assert position(window) == len("Before")
    key(qtbot, window, Qt.Key.Key_Delete)  # at the end of the line before: onto the card
    assert body(window) == "Before\n" + BLOCK + AFTER


def test_typing_on_a_card_writes_a_line_before_it_and_after_it_as_usual(
    qtbot: QtBot, window: MainWindow
) -> None:
    with_card(window)
    cursor_at(window, START)
    qtbot.keyClicks(window.editor.body, "Hi")
    assert body(window) == BEFORE + "Hi\n" + BLOCK + AFTER
    cursor_at(window, len(BEFORE + "Hi\n" + BLOCK) + 1)
    qtbot.keyClicks(window.editor.body, "Yo")
    assert body(window) == BEFORE + "Hi\n" + BLOCK + "\nYo" + AFTER[1:]
    assert [c.line != "" for c in window.editor.body.cards.cards] == [True]


@pytest.mark.parametrize("how", ["enter", "double-click"])
def test_enter_or_a_double_click_opens_the_post_dialog_and_ok_replaces_the_block(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    fake = FakePostDialog(monkeypatch, lambda e: replace(e, author="Ada King"))
    with_card(window)
    cursor_at(window, START)
    if how == "enter":
        key(qtbot, window, Qt.Key.Key_Return)
    else:
        edit = window.editor.body
        block = edit.document().findBlock(START)
        rect = edit.blockBoundingGeometry(block).translated(edit.contentOffset())
        qtbot.mouseDClick(edit.viewport(), Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert [e.author for e in fake.asked if e is not None] == ["Ada Lovelace"]
    assert [e.author for e in blocks(body(window))] == ["Ada King"]
    assert window.editor.body.cards.cards[0].line.startswith("X · Ada King")
    key(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert body(window) == TEXT


def test_a_block_that_cannot_be_read_shows_as_source_with_a_warning(
    qtbot: QtBot, window: MainWindow
) -> None:
    bad = "```embed\ntype: nosuch\nurl: x\n```"
    with_card(window, BEFORE + bad + AFTER)
    cards = window.editor.body.cards.cards
    assert [(c.line, "nosuch" in c.problem) for c in cards] == [("", True)]
    assert all(b.isVisible() for b in _blocks(window.editor.body.document()))
    cursor_at(window, START + 10)  # inside the source: the writer may mend it
    assert position(window) == START + 10
    grab = window.editor.body.viewport().grab()
    assert not grab.isNull()


def test_show_embed_source_shows_the_blocks_as_text_again(qtbot: QtBot, window: MainWindow) -> None:
    with_card(window)
    window.desk_actions["embed_source"].trigger()
    assert window.editor.body.cards.cards == []
    assert all(b.isVisible() for b in _blocks(window.editor.body.document()))
    cursor_at(window, START + 3)
    assert position(window) == START + 3
    window.desk_actions["embed_source"].trigger()
    assert position(window) == START  # onto the card, never left inside it
    assert not window.editor.body.document().findBlock(START + 10).isVisible()


def test_the_word_count_counts_what_readers_read(qtbot: QtBot, window: MainWindow) -> None:
    with_card(window)
    # Before the post. (3) + the post's text (8) + After the post. (3)
    qtbot.waitUntil(lambda: window.editor.counts.text().startswith("14 words"))


def _blocks(document: QTextDocument) -> list[QTextBlock]:
    found = []
    block = document.firstBlock()
    while block.isValid():
        found.append(block)
        block = block.next()
    return found


def test_find_opens_the_card_its_match_is_in_until_the_cursor_leaves(
    qtbot: QtBot, window: MainWindow
) -> None:
    with_card(window)
    edit = window.editor.body
    window.desk_actions["find"].trigger()
    window.editor.find_bar.find_box.setText("harbour")
    assert window.editor.find_bar.find_next()
    assert edit.textCursor().selectedText() == "harbour"  # inside the block, shown as source
    assert edit.document().findBlock(edit.textCursor().position()).isVisible()
    cursor_at(window, len(TEXT))
    assert not edit.document().findBlock(START + 10).isVisible()  # a card again
    assert edit.cards.cards[0].closed
