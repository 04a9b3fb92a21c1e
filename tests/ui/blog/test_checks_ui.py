"""Checks in the window: the Export dialog and the Problems panel list placeholders and
stamps outside the coverage in the window's words, and each check goes to its entry;
Blog properties extends the placeholders, kept in blog.yaml."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desk.core.clock import FrozenClock
from desk.core.model import Entry
from desk.core.storage.store import BlogStore
from desk.ui.blog.properties import BlogProperties, BlogPropertiesDialog, placeholder_words
from desk.ui.export.dialog import ENTRY_ROLE, ExportDialog
from desk.ui.shell.app import build_window
from desk.ui.shell.window import MainWindow
from tests.ui.helpers import FAST, show

TELEGRAM = "```embed\ntype: telegram\nurl: https://t.me/port_elvan/812\ntext: Pumps.\n```"


@pytest.fixture(autouse=True)
def clean_clipboard() -> Iterator[None]:
    yield
    QApplication.clipboard().clear()


def edit(window: MainWindow, entry_id: str, body: str) -> None:
    window.select_entry(entry_id)
    window.editor.body.setPlainText(body)
    assert window.autosave.flush()


def test_export_checks_speak_the_windows_words_and_go_to_their_entry(
    qtbot: QtBot, window: MainWindow
) -> None:
    edit(window, "upd1958", "@Leyla to CHECK name of ship\n\n" + TELEGRAM)
    window.select_entry("upd1530")
    dialog = ExportDialog.for_window(window.desk)
    qtbot.addWidget(dialog)
    dialog.embeds_box.setCurrentIndex(dialog.embeds_box.findData("full"))
    dialog.refresh()
    items = [dialog.checks.item(i) for i in range(dialog.checks.count())]
    texts = [item.text() for item in items]
    assert not any("--embeds" in t for t in texts)
    telegram = next(i for i in items if "Telegram" in i.text())
    assert "Embeds: “Quoted text with a link”" in telegram.text()
    placeholder = next(i for i in items if "@Leyla to CHECK name of ship" in i.text())
    assert placeholder.data(ENTRY_ROLE) == "upd1958"
    dialog.show()
    dialog.checks.itemActivated.emit(placeholder)
    assert not dialog.isVisible()
    entry = window.selected_entry()
    assert entry is not None and entry.id == "upd1958"


def test_the_problems_panel_lists_checks_and_goes_to_their_entry(
    qtbot: QtBot, window: MainWindow, blog_path: Path
) -> None:
    assert window.problems.rows() == []
    edit(window, "upd1530", "Two fishermen, TK and TK, were found.")
    qtbot.waitUntil(lambda: len(window.problems.rows()) == 1)
    ((file, line, message),) = window.problems.rows()
    assert file == "entries/upd1530.md" and line
    text = (blog_path / file).read_text().split("\n")
    assert "TK" in text[int(line) - 1]
    assert message.startswith("UPDATE 1130 GMT (upd1530): ready, but holds “TK”")
    assert "1 thing to check" in window.problems.note.text()
    window.select_entry("upd1958")
    tree = window.problems.list
    tree.setCurrentIndex(tree.model().index(0, 0))
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    entry = window.selected_entry()
    assert entry is not None and entry.id == "upd1530"
    # fixed: the check goes away
    edit(window, "upd1530", "Two fishermen were found.")
    qtbot.waitUntil(lambda: window.problems.rows() == [])
    assert not window.problems.note.isVisible()


def test_a_stamp_outside_the_coverage_is_listed(
    qtbot: QtBot, window: MainWindow, blog_path: Path
) -> None:
    model = window.model
    assert model is not None
    model.set_entry_field("upd1712", "stamp", datetime(2027, 3, 14, 12, 12, tzinfo=UTC))
    assert window.autosave.flush()
    window.problems.refresh_checks()
    rows = window.problems.rows()
    assert any("upd1712" in m and "more than a week after" in m for _f, _l, m in rows)


def test_blog_properties_extend_the_placeholders(
    qtbot: QtBot, window: MainWindow, blog_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert placeholder_words(" FIXME, [photo],FIXME ,, ") == ["FIXME", "[photo]"]
    dialog = BlogPropertiesDialog(window, window.model.blog)  # type: ignore[union-attr]
    qtbot.addWidget(dialog)
    dialog.placeholders.setText("FIXME, [photo]")
    assert dialog.chosen().placeholders == ["FIXME", "[photo]"]

    def ask(cls: object, parent: object, blog: object, *_default: object) -> BlogProperties:
        return BlogProperties("Harbour storm", "", ["[photo]"])

    monkeypatch.setattr(BlogPropertiesDialog, "ask", classmethod(ask))
    window.desk_actions["blog_properties"].trigger()
    assert window.undo_stack.undoText() == "Change placeholders"
    qtbot.waitUntil(lambda: BlogStore.open(blog_path)[1].placeholders == ["[photo]"])
    assert "placeholders:\n- '[photo]'\n" in (blog_path / "blog.yaml").read_text()
    edit(window, "upd1958", "Governor at the quay [photo]")
    qtbot.waitUntil(lambda: any("[photo]" in m for _f, _l, m in window.problems.rows()))
    window.undo_stack.undo()  # the typing
    window.undo_stack.undo()  # the placeholders
    qtbot.waitUntil(lambda: BlogStore.open(blog_path)[1].placeholders == [])


def test_an_export_to_a_file_warns_in_the_windows_words(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desk.ui.blog import actions as blog_actions
    from desk.ui.blog import dialogs

    edit(window, "upd1958", "The governor spoke.\n\n" + TELEGRAM)
    target = tmp_path / "out.html"
    told: list[str] = []
    monkeypatch.setattr(dialogs.ExportTargetDialog, "ask",
                        classmethod(lambda cls, parent, fmt, suggested: target))  # fmt: skip
    monkeypatch.setattr(blog_actions, "notify",
                        lambda parent, title, text, detail="": told.append(detail))  # fmt: skip
    blog_actions.export(window.desk, "html")
    assert target.is_file() and told
    assert "Telegram" in told[0] and "--embeds" not in told[0]
    assert "Embeds: “Quoted text with a link”" in told[0]


def test_the_new_blog_dialog_takes_a_whole_typed_date(qtbot: QtBot) -> None:
    from datetime import date

    from PySide6.QtCore import Qt

    from desk.ui.blog.dialogs import NewBlogDialog

    dialog = NewBlogDialog(None, date(2026, 12, 2), Path("/tmp"))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.date.edit.setFocus()
    dialog.date.edit.selectAll()
    qtbot.keyClicks(dialog.date.edit, "27 December 2024")
    qtbot.keyClick(dialog.date.edit, Qt.Key.Key_Return)
    assert dialog.date.day() == date(2024, 12, 27)


def test_a_months_long_blog_lists_its_many_checks_reading_only_the_rows_shown(
    qtbot: QtBot, isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, blog = BlogStore.create(isolated_home / "drafts", "A long war", date(2025, 3, 14))
    weeks_on = datetime(2025, 5, 1, 6, 0, tzinfo=UTC)  # past the coverage's first week
    for number in range(600):
        when = weeks_on + timedelta(minutes=number)
        blog.add(Entry(f"upd{number:03d}", when, status="ready", body=f"Day {number}."))
    store.save(blog)
    read: list[str] = []
    entry_text = BlogStore.entry_text

    def counted(self: BlogStore, entry_id: str) -> str:
        read.append(entry_id)
        return entry_text(self, entry_id)

    monkeypatch.setattr(BlogStore, "entry_text", counted)
    window = show(qtbot, build_window(store.root, FrozenClock(weeks_on), **FAST))
    panel = window.problems
    qtbot.waitUntil(lambda: "600 things to check" in panel.note.text())
    panel.show_panel()
    qtbot.waitUntil(lambda: bool(read))  # the rows shown found their lines
    assert 0 < len(set(read)) < 100  # a screenful or two, of 600
    first = panel.list.model().index(0, 1)
    assert first.data() == "3"  # the stamp's line, found from the file
    edit(window, "upd599", "Day 599, fixed.")  # the text changed, the stamp did not
    assert window.model is not None
    window.model.set_entry_field("upd599", "stamp", datetime(2025, 3, 14, 9, 0, tzinfo=UTC))
    assert window.autosave.flush()
    qtbot.waitUntil(lambda: "599 things to check" in panel.note.text())
    rows = panel.rows()
    assert len(rows) == 599 and "entries/upd599.md" not in {file for file, _, _ in rows}
