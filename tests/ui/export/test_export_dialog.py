"""The export dialog, driven without its modal loop: each option changes the preview as the
export does, the checks are listed, Save… and Copy work, and the choices go to blog.yaml."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QDialog
from pytestqt.qtbot import QtBot

from desk.core.export.assemble import export_blog
from desk.core.export.options import ExportOptions
from desk.core.export.plaintext import export_plain_text
from desk.core.storage.store import BlogStore
from desk.ui.blog import dialogs
from desk.ui.export.dialog import ExportDialog
from desk.ui.shell.window import MainWindow


@pytest.fixture(autouse=True)
def clean_clipboard() -> Iterator[None]:
    """Empty the clipboard after each test: offscreen Qt keeps it in a static that is
    destroyed after Python, and a QMimeData made in Python crashes the process there."""
    yield
    QApplication.clipboard().clear()


def choose(box: QComboBox, value: object) -> None:
    box.setCurrentIndex(box.findData(value))


def expected(window: MainWindow, **options: object) -> str:
    assert window.model is not None
    return export_blog(window.model.blog, ExportOptions(**options)).text  # type: ignore[arg-type]


@pytest.fixture
def dialog(qtbot: QtBot, window: MainWindow) -> ExportDialog:
    dialog = ExportDialog.for_window(window.desk)
    qtbot.addWidget(dialog)
    return dialog


def test_each_option_changes_the_preview(
    qtbot: QtBot, window: MainWindow, dialog: ExportDialog
) -> None:
    assert dialog.preview.toPlainText() == expected(window)
    steps: list[tuple[QComboBox, object, dict[str, object]]] = [
        (dialog.format_box, "md", {"format": "md"}),
        (dialog.entries_box, True, {"format": "md", "include_drafts": True}),
        (dialog.order_box, "oldest", {"format": "md", "include_drafts": True, "order": "oldest"}),
        (dialog.embeds_box, "url",
         {"format": "md", "include_drafts": True, "order": "oldest", "embeds": "url"}),
        (dialog.format_box, "page",
         {"format": "page", "include_drafts": True, "order": "oldest", "embeds": "url"}),
    ]  # fmt: skip
    for box, value, options in steps:
        before = dialog.preview.toPlainText()
        choose(box, value)
        qtbot.waitUntil(lambda o=options: dialog.preview.toPlainText() == expected(window, **o))  # type: ignore[misc]
        assert dialog.options() == ExportOptions(**options)  # type: ignore[arg-type]
        if box is not dialog.embeds_box:  # the sample blog has no embeds
            assert dialog.preview.toPlainText() != before
    text = dialog.preview.toPlainText()
    assert text.startswith("<!DOCTYPE html>")
    assert text.index("entry-orig001") < text.index("entry-upd1712")  # oldest first, drafts


def test_key_events_list_follows_its_box(
    qtbot: QtBot, window: MainWindow, dialog: ExportDialog
) -> None:
    assert window.model is not None
    window.model.set_entry_field("upd1958", "key", True)
    dialog.refresh()
    assert "Key events" in dialog.preview.toPlainText()
    dialog.key_events_box.setChecked(False)
    qtbot.waitUntil(lambda: "Key events" not in dialog.preview.toPlainText())
    assert dialog.preview.toPlainText() == expected(window, key_events=False)


def test_the_checks_are_listed(dialog: ExportDialog) -> None:
    items = [dialog.checks.item(i).text() for i in range(dialog.checks.count())]
    assert items == ["⚠ 1 draft left out"]
    choose(dialog.entries_box, True)
    dialog.refresh()
    assert dialog.checks.item(0).text() == "✓ Nothing to check"
    assert dialog.info.text().startswith("4 entries · ")


def test_choices_are_kept_in_blog_yaml(
    qtbot: QtBot, window: MainWindow, dialog: ExportDialog, blog_path: Path
) -> None:
    choose(dialog.order_box, "oldest")
    choose(dialog.entries_box, True)
    dialog.key_events_box.setChecked(False)
    dialog.reject()
    saved = {"format": "html", "entries": "all", "order": "oldest", "key_events": False}
    qtbot.waitUntil(lambda: BlogStore.open(blog_path)[1].export == saved)
    assert "order: oldest" in (blog_path / "blog.yaml").read_text()
    again = ExportDialog.for_window(window.desk)
    qtbot.addWidget(again)
    assert again.options() == ExportOptions(include_drafts=True, order="oldest", key_events=False)


def test_closing_without_a_change_writes_nothing(
    qtbot: QtBot, window: MainWindow, dialog: ExportDialog, blog_path: Path
) -> None:
    before = (blog_path / "blog.yaml").read_bytes()
    dialog.reject()
    assert window.autosave.flush()
    assert (blog_path / "blog.yaml").read_bytes() == before


def test_copy_puts_the_preview_on_the_clipboard_and_marks_published(
    qtbot: QtBot, window: MainWindow, dialog: ExportDialog, blog_path: Path
) -> None:
    choose(dialog.format_box, "md")
    dialog.copy()  # a pending preview is refreshed first
    data = QApplication.clipboard().mimeData()
    assert dialog.preview.toPlainText() == expected(window, format="md")
    assert data.html() == expected(window, format="html")
    assert window.model is not None
    assert data.text() == export_plain_text(window.model.blog, ExportOptions())
    assert "<" not in data.text() and "UPDATE 1258 GMT:" in data.text()
    blog = BlogStore.open(blog_path)[1]
    assert {e.id for e in blog.entries.values() if e.published} == {
        "orig001", "upd1530", "upd1958",
    }  # fmt: skip
    assert window.status.currentMessage() == "Copied 3 entries; marked 3 published"


def test_save_writes_the_preview_to_the_chosen_file(
    window: MainWindow,
    dialog: ExportDialog,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    target = tmp_path / "out" / "blog.html"
    target.parent.mkdir()
    asked: list[str] = []

    def ask(_parent: object, fmt: str, _suggested: Path) -> Path:
        asked.append(fmt)
        return target

    monkeypatch.setattr(dialogs.ExportTargetDialog, "ask", ask)
    choose(dialog.format_box, "page")
    assert dialog.save() == target
    assert asked == ["page"]
    assert target.read_text() == dialog.preview.toPlainText() == expected(window, format="page")
    assert window.status.currentMessage() == f"Exported 3 entries to {target}"


def test_ctrl_e_opens_the_dialog(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []

    def exec_(self: ExportDialog) -> int:
        shown.append(self.preview.toPlainText())
        self.reject()
        return int(QDialog.DialogCode.Rejected)

    monkeypatch.setattr(ExportDialog, "exec", exec_)
    window.timeline.setFocus()
    qtbot.keyClick(window.timeline, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert shown == [expected(window)]
