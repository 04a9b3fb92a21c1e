"""Find and replace in all entries: the hit list, stepping, Replace, Replace all as one
undo step, drafts, headlines and embed text included, the count in the status bar."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desk.core.storage.store import BlogStore
from desk.ui.shell.window import MainWindow

POST = (
    "```embed\ntype: x\nurl: https://x.com/leila/status/1865432109876543210\n"
    "author: Leila Aydın\ntext: Ferries resume, says Leila\n```"
)


def misspell(window: MainWindow) -> None:
    """The reporter's name misspelt in a headline, a draft's body and an embed."""
    model = window.model
    assert model is not None
    model.set_entry_field("upd1530", "headline", "Leila finds the fishermen")
    model.set_entry_field("upd1712", "body", "Leila reports the red warning. Leila again.")
    model.set_entry_field("upd1958", "body", f"The governor spoke.\n\n{POST}\n")
    model.entries_replaced(["upd1530", "upd1712", "upd1958"])  # the open documents follow
    window.autosave.flush()
    window.undo_stack.clear()


def open_all_entries(window: MainWindow, needle: str) -> None:
    window.desk_actions["replace"].trigger()
    bar = window.editor.find_bar
    bar.scope.setCurrentIndex(1)
    bar.find_box.setText(needle)
    window.blog_find.search()


def test_the_hit_list_covers_every_entry_and_steps_through(
    qtbot: QtBot, window: MainWindow
) -> None:
    misspell(window)
    open_all_entries(window, "leila")
    find = window.blog_find
    assert find.list.isVisible()
    texts = [find.list.item(r).text() for r in range(find.list.count())]
    assert texts == [
        "UPDATE 1258 GMT · Embed: Author: [Leila] Aydın",
        "UPDATE 1258 GMT · Embed: Text: Ferries resume, says [Leila]",
        "UPDATE 1212 GMT (draft) · [Leila] reports the red warning.…",
        "UPDATE 1212 GMT (draft) · …reports the red warning. [Leila] again.",
        "UPDATE 1130 GMT · Headline: [Leila] finds the fishermen",
    ]
    assert "5 matches in 3 entries" in window.status.currentMessage()
    bar = window.editor.find_bar
    assert bar.result.text() == "5 matches in 3 entries"
    bar.next_button.click()
    assert window.selected_entry() is not None and window.selected_entry().id == "upd1958"
    assert window.editor.body.textCursor().selectedText() == "Leila"
    bar.next_button.click()
    bar.next_button.click()  # into the draft: the bar stays open across entries
    assert bar.isVisible() and find.list.isVisible()
    assert window.selected_entry().id == "upd1712"
    assert window.editor.body.textCursor().selectionStart() == 0
    assert bar.result.text() == "3 of 5"
    find.list.setCurrentRow(4)
    find.list.itemClicked.emit(find.list.item(4))
    assert window.selected_entry().id == "upd1530"
    assert window.editor.headline.selectedText() == "Leila"


def test_replace_all_across_entries_is_one_undo_step(
    qtbot: QtBot, window: MainWindow, blog_path: Path
) -> None:
    misspell(window)
    model = window.model
    assert model is not None
    before = {i: (e.headline, e.body) for i, e in model.blog.entries.items()}
    open_all_entries(window, "Leila")
    window.editor.find_bar.replace_box.setText("Leyla")
    window.editor.find_bar.all_button.click()
    assert window.status.currentMessage() == ("Replaced 5 matches in 3 entries (drafts included)")
    assert model.blog.entries["upd1530"].headline == "Leyla finds the fishermen"
    assert model.blog.entries["upd1712"].body == "Leyla reports the red warning. Leyla again."
    post = model.blog.entries["upd1958"].body
    assert "author: Leyla Aydın" in post and "says Leyla" in post
    assert "x.com/leila/status" in post  # a post's address is no text to replace
    assert window.blog_find.list.count() == 0
    window.select_entry("upd1712")
    assert window.editor.body.toPlainText() == "Leyla reports the red warning. Leyla again."
    window.autosave.flush()
    on_disk = BlogStore.open(blog_path)[1]
    assert on_disk.entries["upd1530"].headline == "Leyla finds the fishermen"
    assert "Leila" not in on_disk.entries["upd1712"].body

    assert window.undo_stack.count() == 1
    assert window.undo_stack.undoText() == "Replace all “Leila”"
    window.timeline.setFocus()
    window.desk_actions["undo"].trigger()
    assert {i: (e.headline, e.body) for i, e in model.blog.entries.items()} == before
    assert window.editor.body.toPlainText() == "Leila reports the red warning. Leila again."
    window.autosave.flush()
    assert BlogStore.open(blog_path)[1].entries["upd1530"].headline.startswith("Leila")
    window.undo_stack.redo()
    assert model.blog.entries["upd1530"].headline == "Leyla finds the fishermen"


def test_replace_takes_the_hit_shown_then_shows_the_next(qtbot: QtBot, window: MainWindow) -> None:
    misspell(window)
    model = window.model
    assert model is not None
    open_all_entries(window, "leila")
    bar = window.editor.find_bar
    bar.replace_box.setText("Leyla")
    bar.replace_button.click()  # nothing shown yet: the first hit is shown
    assert window.blog_find.list.currentRow() == 0
    assert "author: Leila Aydın" in model.blog.entries["upd1958"].body
    bar.replace_button.click()
    assert "author: Leyla Aydın" in model.blog.entries["upd1958"].body
    assert "says Leila" in model.blog.entries["upd1958"].body
    assert window.blog_find.list.count() == 4
    assert window.editor.body.textCursor().selectedText() == "Leila"  # the next one
    assert window.undo_stack.undoText() == "Replace in UPDATE 1258 GMT"
    assert window.status.currentMessage() == "Replaced 1 match in UPDATE 1258 GMT"
    window.undo_stack.undo()
    assert "author: Leila Aydın" in model.blog.entries["upd1958"].body


def test_this_entry_stays_the_default_scope(qtbot: QtBot, window: MainWindow) -> None:
    misspell(window)
    window.select_entry("upd1712")
    window.editor.body.setFocus()
    qtbot.keyClick(window.editor.body, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    bar = window.editor.find_bar
    assert bar.scope.isVisible() and bar.scope.currentText() == "This entry"
    assert QApplication.focusWidget() is bar.find_box
    assert not window.blog_find.list.isVisible()
    bar.find_box.setText("Leila")
    bar.replace_box.setText("Leyla")
    assert bar.replace_all() == 2
    model = window.model
    assert model is not None
    assert model.blog.entries["upd1530"].headline == "Leila finds the fishermen"
