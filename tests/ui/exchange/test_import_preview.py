"""File → Import… shows a preview before the blog is made: what Desk guessed, the title,
the coverage date, the header and each entry's label and stamp, all editable. A whole date
typed over a selection in a date field is that date."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from desk.core.importers.importing import preview_file
from desk.core.importers.options import ImportOptions
from desk.core.storage.store import BlogStore
from desk.ui.exchange.import_dialog import ImportDialog, ImportRequest
from desk.ui.exchange.import_preview import LABEL, STAMP, ImportPreviewDialog
from desk.ui.shell.window import MainWindow
from desk.ui.widgets.date_field import DateField, read_date

STORM = Path(__file__).resolve().parents[2] / "data" / "harbour-storm.txt"
TODAY = date(2026, 12, 2)


def preview_dialog(qtbot: QtBot) -> ImportPreviewDialog:
    dialog = ImportPreviewDialog(None, preview_file(STORM, ImportOptions(), today_is=TODAY))
    qtbot.addWidget(dialog)
    return dialog


def type_over(qtbot: QtBot, field: DateField, text: str) -> None:
    field.edit.setFocus()
    field.edit.selectAll()
    qtbot.keyClicks(field.edit, text)
    qtbot.keyClick(field.edit, Qt.Key.Key_Return)


@pytest.mark.parametrize(
    ("typed", "day"),
    [("27 December 2024", date(2024, 12, 27)), ("27 Dec 2024", date(2024, 12, 27)),
     ("December 26, 2024", date(2024, 12, 26)), ("2024-12-01", date(2024, 12, 1)),
     ("31/1/2025", date(2025, 1, 31))],
)  # fmt: skip
def test_a_whole_date_typed_over_a_selection_is_that_date(
    qtbot: QtBot, typed: str, day: date
) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    field = DateField(TODAY, "Coverage date", holder)
    holder.show()
    type_over(qtbot, field, typed)
    assert field.day() == day
    assert read_date(typed) == day


def test_a_date_field_keeps_its_day_for_text_that_is_no_date(qtbot: QtBot) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    field = DateField(TODAY, "Coverage date", holder)
    other = QLineEdit(holder)
    holder.show()
    field.edit.setFocus()
    field.edit.selectAll()
    qtbot.keyClicks(field.edit, "the 40th of Smarch")
    other.setFocus()
    assert field.day() == TODAY
    assert "not a date" in field.edit.toolTip()
    field.edit.setFocus()
    qtbot.keyClick(field.edit, Qt.Key.Key_Up)  # the arrows step a day, as before
    assert field.day() == date(2026, 12, 3)


def test_the_preview_shows_what_desk_read_and_guessed(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = preview_dialog(qtbot)
    said = dialog.guesses.text()
    assert "coverage date 14 March 2025, from the sign-off line" in said
    assert "from the text's first line" in said
    assert dialog.title.text().startswith("Drone image, from the Coastal Rescue Service")
    assert dialog.date.day() == date(2025, 3, 14)
    assert dialog.header.toPlainText().splitlines()[0].startswith("Drone image")
    labels = [dialog.entries.item(r, LABEL).text() for r in range(dialog.entries.rowCount())]
    assert labels == ["UPDATE 2141 GMT:", "UPDATE 1958 GMT:", "UPDATE 1712 GMT:",
                      "UPDATE 1530 GMT:", "ORIGINAL ENTRY:"]  # fmt: skip
    assert dialog.entries.item(0, STAMP).text() == "2025-03-14 21:41"
    dialog.resize(860, 600)
    dialog.show()
    qtbot.waitExposed(dialog)
    # docs/import-preview.png is this picture, saved by hand.
    assert dialog.grab().save(str(tmp_path / "import-preview.png"))


def test_everything_in_the_preview_is_editable(qtbot: QtBot) -> None:
    dialog = preview_dialog(qtbot)
    dialog.title.setText("Storm Maren: live")
    dialog.header.setPlainText("Map: Northern Weather Office")
    dialog.entries.item(1, LABEL).setText("UPDATE 2005 GMT:")
    assert dialog.entries.item(1, STAMP).text() == "2025-03-14 20:05"
    dialog.entries.item(2, STAMP).setText("2025-03-14 17:15")
    assert dialog.entries.item(2, LABEL).text() == "UPDATE 1715 GMT:"
    dialog.entries.item(3, STAMP).setText("quarter past three")
    assert "is not a stamp" in dialog.note.text()
    assert dialog.entries.item(3, STAMP).text() == "2025-03-14 15:30"  # unchanged
    blog = dialog.blog()
    assert blog.title == "Storm Maren: live" and blog.header == "Map: Northern Weather Office"
    stamps = [f"{e.stamp:%H%M}" for e in blog.timeline()]
    assert stamps[:4] == ["2141", "2005", "1715", "1530"]


def test_changing_the_date_reads_the_text_again(qtbot: QtBot) -> None:
    dialog = preview_dialog(qtbot)
    dialog.show()
    dialog.title.setText("Kept")
    type_over(qtbot, dialog.date, "27 December 2024")
    assert dialog.date.day() == date(2024, 12, 27)
    assert dialog.entries.item(0, STAMP).text() == "2024-12-27 21:41"
    blog = dialog.blog()
    assert blog.date == date(2024, 12, 27) and blog.title == "Kept"
    assert all(e.stamp.date() == date(2024, 12, 27) for e in blog.timeline())


def test_the_window_imports_what_the_preview_shows(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, isolated_home: Path
) -> None:
    request = ImportRequest(STORM, ImportOptions(date=TODAY), date_given=False)
    monkeypatch.setattr(ImportDialog, "ask", classmethod(lambda cls, *args: request))
    seen: list[str] = []

    def preview(cls: object, parent: object, shown: object) -> object:
        dialog = ImportPreviewDialog(None, shown)  # type: ignore[arg-type]
        qtbot.addWidget(dialog)
        seen.append(dialog.guesses.text())
        dialog.title.setText("Harbour storm")
        return dialog.blog()

    monkeypatch.setattr(ImportPreviewDialog, "ask", classmethod(preview))
    window.desk_actions["import_blog"].trigger()
    assert seen and "14 March 2025" in seen[0]
    assert window.model is not None
    root = window.model.store.root
    assert root.name == "harbour-storm-2025-03-14"
    assert BlogStore.open(root)[1].title == "Harbour storm"


def test_a_cancelled_preview_makes_nothing(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, isolated_home: Path
) -> None:
    before = window.model
    request = ImportRequest(STORM, ImportOptions(date=TODAY), date_given=False)
    monkeypatch.setattr(ImportDialog, "ask", classmethod(lambda cls, *args: request))
    monkeypatch.setattr(ImportPreviewDialog, "ask", classmethod(lambda cls, *args: None))
    drafts = isolated_home / "drafts"
    folders = sorted(p.name for p in drafts.iterdir())
    window.desk_actions["import_blog"].trigger()
    assert window.model is before
    assert sorted(p.name for p in drafts.iterdir()) == folders


def test_the_import_dialog_says_whether_the_date_was_given(qtbot: QtBot) -> None:
    dialog = ImportDialog(None, TODAY, Path.home(), clipboard=True)
    qtbot.addWidget(dialog)
    dialog.path.setText(str(STORM))
    assert dialog.request().date_given is False
    dialog.date.set_day(date(2025, 3, 14))
    request = dialog.request()
    assert request.date_given is True and request.options.date == date(2025, 3, 14)
