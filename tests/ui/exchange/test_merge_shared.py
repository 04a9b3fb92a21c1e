"""The exchange's round trip through the window: an entry the desk sends, the reporter
merges unchanged, edits and sends back, merges cleanly; a file with no shared version is a
conflict whose view says that Desk cannot tell which side changed it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from desk.core.exchange import merge_files, send_entry
from desk.core.storage.store import BlogStore
from desk.ui.exchange.conflict_view import ConflictDialog
from desk.ui.exchange.entry_files import MergeFilesDialog, SendEntryDialog
from desk.ui.shell.window import MainWindow


def merge_in_window(window: MainWindow, files: list[Path]) -> None:
    with pytest.MonkeyPatch.context() as monkey:
        monkey.setattr(MergeFilesDialog, "ask", classmethod(lambda cls, parent, start: files))
        window.desk_actions["merge_entries"].trigger()


def test_desk_reporter_desk_round_trip_in_the_window(
    qtbot: QtBot, window: MainWindow, blog_path: Path, tmp_path: Path
) -> None:
    model = window.model
    assert model is not None
    laptop = tmp_path / "laptop"
    shutil.copytree(blog_path, laptop, ignore=shutil.ignore_patterns(".desk.lock"))
    out = tmp_path / "to-reporter.md"
    window.select_entry("upd1958")
    with pytest.MonkeyPatch.context() as monkey:
        monkey.setattr(SendEntryDialog, "ask", classmethod(lambda cls, parent, suggested: out))
        window.desk_actions["send_entry"].trigger()
    assert out.is_file()
    field_store, field = BlogStore.open(laptop)
    assert merge_files(field, field_store, [out]).summary() == "1 unchanged"
    field.entries["upd1958"].body = "The governor has ordered the lower town evacuated."
    back = send_entry(field, field_store, "upd1958", tmp_path / "back.md", "Leyla Demir")
    merge_in_window(window, [back])
    assert "1 updated" in window.status.currentMessage()
    assert "conflict" not in window.status.currentMessage()
    assert model.blog.entries["upd1958"].body.startswith("The governor has ordered")
    assert not any("conflict_of" in e.extra for e in model.blog.entries.values())


def test_a_false_conflict_is_told_honestly_in_the_window(
    qtbot: QtBot, window: MainWindow, blog_path: Path, tmp_path: Path
) -> None:
    model = window.model
    assert model is not None
    laptop = tmp_path / "laptop"
    shutil.copytree(blog_path, laptop, ignore=shutil.ignore_patterns(".desk.lock"))
    field_store, field = BlogStore.open(laptop)
    field.entries["upd1530"].body = "Two fishermen were found alive at dawn."
    sent = send_entry(field, field_store, "upd1530", tmp_path / "sent.md", "Leyla Demir")
    merge_in_window(window, [sent])
    message = window.status.currentMessage()
    assert "1 conflict copy" in message and "Desk cannot tell which side changed this" in message
    (copy_id,) = [i for i, e in model.blog.entries.items() if "conflict_of" in e.extra]
    dialog = ConflictDialog(window, model.blog, copy_id)
    qtbot.addWidget(dialog)
    text = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "Desk cannot tell which side changed this" in text
    assert "from Leyla Demir" in text and "UPDATE 1130 GMT" in text
    assert "had changed too" not in text
