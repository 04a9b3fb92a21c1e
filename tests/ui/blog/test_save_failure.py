"""A save that fails (permission denied, then disk full) is shown, keeps the text, and
succeeds once writing works again."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

import desk.core.storage.nofollow
from desk.ui.blog.dialogs import CloseChoice, UnsavedDialog
from desk.ui.shell.window import MainWindow


def failure_boxes() -> list[QMessageBox]:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QMessageBox) and w.isVisible() and w.windowTitle() == "Not saved"
    ]


def test_failed_save_is_shown_keeps_the_text_and_saves_when_writing_works(
    qtbot: QtBot, window: MainWindow, blog_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    entry_file = blog_path / "entries" / "upd1958.md"
    window.select_entry("upd1958")
    real_write = desk.core.storage.nofollow.write_file
    error: list[OSError] = [PermissionError(errno.EACCES, "Permission denied")]

    def failing_write(root: Path, path: Path, data: bytes) -> None:
        raise error[0]

    monkeypatch.setattr(desk.core.storage.nofollow, "write_file", failing_write)
    window.editor.body.setFocus()
    window.editor.body.moveCursor(window.editor.body.textCursor().MoveOperation.End)
    window.editor.body.insertPlainText(" Pumps are running.")

    qtbot.waitUntil(lambda: "Permission denied" in window.status.save_state.text())
    assert len(failure_boxes()) == 1
    assert "Permission denied" in failure_boxes()[0].informativeText()
    assert window.editor.body.toPlainText().endswith("Pumps are running.")
    assert "Pumps" not in entry_file.read_text()
    assert window.autosave.has_unsaved()

    error[0] = OSError(errno.ENOSPC, "No space left on device")
    qtbot.waitUntil(lambda: "No space left on device" in window.status.save_state.text())
    assert len(failure_boxes()) == 1  # the dialog comes once, the status bar keeps up
    window.editor.body.insertPlainText(" Still typing.")  # typing goes on while it fails

    monkeypatch.setattr(desk.core.storage.nofollow, "write_file", real_write)
    qtbot.waitUntil(lambda: "Still typing." in entry_file.read_text())
    assert "Pumps are running. Still typing." in entry_file.read_text()
    qtbot.waitUntil(lambda: window.status.save_state.text().startswith("Saved"))
    assert not window.autosave.has_unsaved()


def test_close_asks_before_discarding_unsaved_work(
    qtbot: QtBot, window: MainWindow, blog_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def failing_write(root: Path, path: Path, data: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(desk.core.storage.nofollow, "write_file", failing_write)
    window.select_entry("upd1958")
    window.editor.body.insertPlainText("Unsaved words. ")
    asked: list[str] = []
    answers = [CloseChoice.CANCEL, CloseChoice.DISCARD]

    def answer(cls: object, parent: object, error: str) -> CloseChoice:
        asked.append(error)
        return answers.pop(0)

    monkeypatch.setattr(UnsavedDialog, "ask", classmethod(answer))
    assert not window.close()  # cancelled: the window and the text stay
    assert window.isVisible()
    assert "Unsaved words." in window.editor.body.toPlainText()
    assert window.close()
    assert len(asked) == 2 and "No space left" in asked[0]
    assert "Unsaved words." not in (blog_path / "entries" / "upd1958.md").read_text()
