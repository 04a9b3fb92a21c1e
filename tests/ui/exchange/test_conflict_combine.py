"""The conflict view combines: words that differ marked (not whole lines), the result
editable from the blog's version, Take this paragraph, Keep both additions, and Save
result as one undo step."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from desk.core.storage.store import BlogStore, is_conflict_copy
from desk.ui.exchange.conflict_view import Combined, ConflictDialog
from desk.ui.exchange.entry_files import SendEntryDialog
from desk.ui.shell.window import MainWindow

OURS = "The governor has rejected calls to evacuate.\n\nThe desk adds: schools are shut."
THEIRS = (
    "The regional governor has rejected calls to evacuate.\n\n"
    "Ferries resume from the north quay, says our reporter."
)


def make_conflict(window: MainWindow, tmp_path: Path) -> str:
    """upd1958 sent; a paragraph added on each side; merged back: a conflict copy."""
    model = window.model
    assert model is not None
    sent = tmp_path / "upd1958.md"
    window.select_entry("upd1958")
    monkey = pytest.MonkeyPatch()
    monkey.setattr(SendEntryDialog, "ask", classmethod(lambda cls, parent, suggested: sent))
    window.desk_actions["send_entry"].trigger()
    monkey.undo()
    window.editor.body.setPlainText(OURS)
    text = sent.read_text()
    sent.write_text(text.replace("The regional governor has rejected calls to evacuate.", THEIRS))
    assert window.exchange.merge_files([sent])
    copies = [e.id for e in model.blog.entries.values() if is_conflict_copy(e)]
    assert len(copies) == 1
    return copies[0]


def put_cursor(pane: object, text: str) -> None:
    cursor = pane.textCursor()  # type: ignore[attr-defined]
    cursor.setPosition(pane.toPlainText().index(text) + 3)  # type: ignore[attr-defined]
    pane.setTextCursor(cursor)  # type: ignore[attr-defined]


def test_words_are_marked_and_the_result_is_built_from_both(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    model = window.model
    assert model is not None
    copy_id = make_conflict(window, tmp_path)
    dialog = ConflictDialog(window, model.blog, copy_id)
    qtbot.addWidget(dialog)
    marked = {s.cursor.selectedText() for s in dialog.copy_pane.extraSelections()}
    assert "regional" in marked
    assert not any("rejected calls" in m for m in marked)  # the same words stay unmarked
    ours = {s.cursor.selectedText() for s in dialog.original_pane.extraSelections()}
    assert "The desk adds: schools are shut" in ours
    assert not dialog.result_pane.isReadOnly()
    assert dialog.result_pane.toPlainText() == OURS  # the blog's version first

    put_cursor(dialog.copy_pane, "Ferries resume")
    dialog.take_copy.click()
    assert dialog.result_pane.toPlainText() == (
        f"{OURS}\n\nFerries resume from the north quay, says our reporter."
    )  # a paragraph of its own: added, not in place of the desk's
    put_cursor(dialog.original_pane, "schools are shut")
    dialog.take_original.click()
    put_cursor(dialog.copy_pane, "regional governor")
    dialog.take_copy.click()
    assert dialog.result_pane.toPlainText().split("\n\n") == [
        "The regional governor has rejected calls to evacuate.",
        "The desk adds: schools are shut.",
        "Ferries resume from the north quay, says our reporter.",
    ]
    dialog.result_pane.setPlainText(OURS)
    dialog.both_additions.click()
    assert dialog.result_pane.toPlainText().split("\n\n") == [
        "The governor has rejected calls to evacuate.",
        "The desk adds: schools are shut.",
        "Ferries resume from the north quay, says our reporter.",
    ]
    put_cursor(dialog.copy_pane, "Headline: ")
    dialog.take_copy.click()
    assert dialog.result_headline.text() == model.blog.entries[copy_id].headline
    dialog.save_result.click()
    assert isinstance(dialog.choice, Combined) and "Ferries resume" in dialog.choice.body


def test_saving_the_result_is_one_undo_step(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, blog_path: Path
) -> None:
    model = window.model
    assert model is not None
    copy_id = make_conflict(window, tmp_path)
    steps = window.undo_stack.count()

    def combine(cls: object, parent: object, blog: object, cid: str) -> object:
        dialog = ConflictDialog(window, model.blog, cid)
        qtbot.addWidget(dialog)
        dialog.both_additions.click()
        cursor = dialog.result_pane.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertText("\n\nEdited by the desk.")
        dialog.result_headline.setText("Governor stays firm")
        dialog.save_result.click()
        return dialog.choice

    window.select_entry(copy_id)
    monkey = pytest.MonkeyPatch()
    monkey.setattr(ConflictDialog, "ask", classmethod(combine))
    assert window.exchange.resolve_selected() == "combined"
    monkey.undo()
    combined = model.blog.entries["upd1958"]
    assert combined.headline == "Governor stays firm"
    assert combined.body.split("\n\n") == [
        "The governor has rejected calls to evacuate.",
        "The desk adds: schools are shut.",
        "Ferries resume from the north quay, says our reporter.",
        "Edited by the desk.",
    ]
    assert copy_id not in model.blog.entries
    assert (blog_path / "trash" / f"{copy_id}.md").exists()
    assert window.undo_stack.count() == steps + 1
    assert window.undo_stack.undoText() == "Combine conflict copy"
    on_disk = BlogStore.open(blog_path)[1]
    assert "Edited by the desk." in on_disk.entries["upd1958"].body
    selected = window.selected_entry()
    assert selected is not None and selected.id == "upd1958"
    assert "Edited by the desk." in window.editor.body.toPlainText()

    window.undo_stack.undo()
    assert model.blog.entries["upd1958"].body == OURS
    assert is_conflict_copy(model.blog.entries[copy_id])
    on_disk = BlogStore.open(blog_path)[1]
    assert on_disk.entries["upd1958"].body.rstrip("\n") == OURS and copy_id in on_disk.entries
