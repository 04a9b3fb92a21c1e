"""Newsroom notes: edited under the body, autosaved and undoable, kept in the entry's
file, sent with the entry, never exported."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from desk.core.export.assemble import export_blog
from desk.core.export.options import ExportOptions
from desk.core.storage.store import BlogStore
from desk.ui.exchange.entry_files import SendEntryDialog
from desk.ui.shell.window import MainWindow

NOTE = "Check the casualty figure with the ministry"


def type_into(qtbot: QtBot, field: QWidget, text: str) -> None:
    for char in text:
        qtbot.keyClick(field, char)


def test_notes_are_saved_sent_and_never_exported(
    qtbot: QtBot, window: MainWindow, blog_path: Path, tmp_path: Path
) -> None:
    window.select_entry("upd1958")
    notes = window.editor.notes
    assert notes.accessibleName() == "Notes (never exported)"
    assert notes.isVisible() and notes.toPlainText() == ""
    notes.setFocus()
    type_into(qtbot, notes, NOTE)
    qtbot.waitUntil(lambda: NOTE in (blog_path / "entries" / "upd1958.md").read_text())
    _store, blog = BlogStore.open(blog_path)
    assert blog.entries["upd1958"].notes == NOTE
    for fmt in ("html", "page", "md"):
        assert "casualty" not in export_blog(blog, ExportOptions(format=fmt)).text
    sent = tmp_path / "sent.md"
    with pytest.MonkeyPatch.context() as monkey:
        monkey.setattr(SendEntryDialog, "ask", classmethod(lambda cls, parent, suggested: sent))
        window.exchange.send_selected()
    assert NOTE in sent.read_text()


def test_notes_undo_as_one_step_and_follow_the_selection(
    qtbot: QtBot, window: MainWindow, blog_path: Path
) -> None:
    window.select_entry("upd1712")
    window.editor.notes.setFocus()
    type_into(qtbot, window.editor.notes, "Source: coastguard")
    model = window.model
    assert model is not None and model.blog.entries["upd1712"].notes == "Source: coastguard"
    assert (
        window.undo_stack.count() == 1
        and window.undo_stack.undoText() == "Edit notes in UPDATE 1212 GMT"
    )
    window.select_entry("upd1958")
    assert window.editor.notes.toPlainText() == ""
    window.select_entry("upd1712")
    assert window.editor.notes.toPlainText() == "Source: coastguard"
    window.undo_stack.undo()
    assert model.blog.entries["upd1712"].notes == ""
    assert window.editor.notes.toPlainText() == ""
    qtbot.waitUntil(lambda: "notes:" not in (blog_path / "entries" / "upd1712.md").read_text())
    window.select_entry("")  # the blog header has no notes
    assert not window.editor.notes_box.isVisible()
