"""File → Import…: a live blog from a file or the clipboard becomes a new blog folder in
the drafts folder, opened in the window; errors say what went wrong and change nothing."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from desk.core.importers.options import ImportOptions
from desk.ui.exchange.import_dialog import ImportDialog, ImportRequest, clipboard_text
from desk.ui.exchange.import_preview import ImportPreviewDialog
from desk.ui.shell.window import MainWindow

DATA = Path(__file__).resolve().parents[2] / "data"
STORM = DATA / "harbour-storm.txt"
DAY = date(2025, 3, 14)


def answer(monkeypatch: pytest.MonkeyPatch, request: ImportRequest | None) -> None:
    monkeypatch.setattr(
        ImportDialog, "ask", classmethod(lambda cls, parent, today, start, clipboard: request)
    )
    # The preview that follows is accepted as Desk read it.
    monkeypatch.setattr(
        ImportPreviewDialog, "ask", classmethod(lambda cls, parent, preview: preview.blog)
    )


def stamps(window: MainWindow) -> list[str]:
    assert window.model is not None
    return [f"{e.stamp:%H%M}" if not e.is_original else "ORIGINAL"
            for e in window.model.blog.timeline()]  # fmt: skip


def test_import_from_a_file_opens_the_new_blog(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, isolated_home: Path
) -> None:
    answer(monkeypatch, ImportRequest(STORM, ImportOptions(date=DAY, title="Storm Maren")))
    window.desk_actions["import_blog"].trigger()
    assert window.model is not None
    root = window.model.store.root
    assert root == (isolated_home / "drafts" / "storm-maren-2025-03-14").resolve()
    assert (root / "blog.yaml").is_file()
    assert window.model.blog.title == "Storm Maren"
    assert stamps(window) == ["2141", "1958", "1712", "1530", "ORIGINAL"]
    assert window.windowTitle().startswith("Storm Maren")
    assert "Imported 5 entries from harbour-storm.txt" in window.status.currentMessage()


def test_import_from_the_clipboard_prefers_html(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = QMimeData()
    data.setHtml(
        "<article><p>UPDATE 1300 GMT:</p><p>Pumps are working in the lower town.</p>"
        "<p>ORIGINAL ENTRY: Storm Maren has flooded the lower town.</p></article>"
    )
    data.setText("UPDATE 1300 GMT:\nPlain words lose.\n\nORIGINAL ENTRY: Storm.")
    QApplication.clipboard().setMimeData(data)
    assert clipboard_text()[1] == "html"
    answer(monkeypatch, ImportRequest(None, ImportOptions(date=DAY, original_at=time(9, 0))))
    window.desk_actions["import_blog"].trigger()
    model = window.model
    assert model is not None and model.blog.title == "Imported blog"
    bodies = " ".join(e.body for e in model.blog.timeline())
    assert "Pumps are working" in bodies and "Plain words" not in bodies
    original = model.blog.original()
    assert original is not None and f"{original.stamp:%H%M}" == "0900"
    assert "from the clipboard" in window.status.currentMessage()


def test_import_from_clipboard_text_sniffs_the_format(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    QApplication.clipboard().setText(STORM.read_text(encoding="utf-8"))
    answer(monkeypatch, ImportRequest(None, ImportOptions(date=DAY, title="From the page")))
    window.desk_actions["import_blog"].trigger()
    assert window.model is not None and window.model.blog.title == "From the page"
    assert stamps(window) == ["2141", "1958", "1712", "1530", "ORIGINAL"]


def test_an_import_error_is_shown_and_the_blog_stays(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    before = window.model
    plain = tmp_path / "notes.txt"
    plain.write_text("Just some notes, no stamp line anywhere.\n", encoding="utf-8")
    answer(monkeypatch, ImportRequest(plain, ImportOptions(date=DAY)))
    window.desk_actions["import_blog"].trigger()
    assert window.model is before
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
    failed = [b for b in boxes if b.isVisible() and b.windowTitle() == "Import failed"]
    assert failed and "stamp" in failed[-1].informativeText().lower()


def test_the_dialog_returns_the_options(qtbot: QtBot) -> None:
    dialog = ImportDialog(None, DAY, Path.home(), clipboard=True)
    qtbot.addWidget(dialog)
    ok = dialog.box.button(dialog.box.StandardButton.Ok)
    assert not ok.isEnabled()  # no file chosen yet
    dialog.path.setText(str(STORM))
    assert ok.isEnabled()
    request = dialog.request()
    assert request.path == STORM
    assert request.options == ImportOptions(date=DAY)  # blank fields: the core's defaults
    dialog.from_clipboard.setChecked(True)
    dialog.format.setCurrentIndex(dialog.format.findData("md"))
    dialog.original_set.setChecked(True)
    dialog.label.setText("Update {HH}:{MM} GMT")
    dialog.title.setText("Harbour storm")
    request = dialog.request()
    assert request.path is None
    assert request.options == ImportOptions(
        format="md", date=DAY, original_at=time(9, 0), label="Update {HH}:{MM} GMT",
        title="Harbour storm",
    )  # fmt: skip
    empty = ImportDialog(None, DAY, Path.home(), clipboard=False)
    qtbot.addWidget(empty)
    assert not empty.from_clipboard.isEnabled()
