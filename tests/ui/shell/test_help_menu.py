"""Help → Show log: the last lines Desk logged, for a bug report."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from desk.ui.shell import help_menu
from desk.ui.shell.window import MainWindow


def test_show_log_lists_what_the_window_did(
    window: MainWindow, blog_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[help_menu.LogDialog] = []
    monkeypatch.setattr(help_menu.LogDialog, "exec", lambda dialog: shown.append(dialog) or 0)
    window.desk_actions["show_log"].trigger()
    assert len(shown) == 1
    text = shown[0].text.toPlainText()
    assert f"INFO desk.ui.shell.window: opened {blog_path}: 4 entries, 0 problems" in text
    shown[0].copy()
    assert QApplication.clipboard().text() == text
