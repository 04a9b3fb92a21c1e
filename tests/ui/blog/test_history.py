"""File → Entry history…: the versions the store kept, a diff against the entry now, and
Restore as one undoable command that the autosave writes."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desk.core.clock import FrozenClock
from desk.core.model import Entry
from desk.core.storage.store import BlogStore
from desk.ui.blog.history import HistoryDialog, version_title
from desk.ui.shell.window import MainWindow

Versions = list[tuple[datetime, Entry]]
ORIGINAL = "The regional governor has rejected calls to evacuate."


def type_and_save(window: MainWindow, text: str) -> None:
    body = window.editor.body
    body.selectAll()
    body.insertPlainText(text)
    assert window.autosave.flush()


@pytest.fixture
def edited(window: MainWindow, clock: FrozenClock) -> MainWindow:
    """upd1958 saved three times, six minutes apart, its headline changed on the way."""
    window.select_entry("upd1958")
    type_and_save(window, "The governor is reconsidering.")
    clock.advance(minutes=6)
    window.editor.headline.setText("Governor relents")
    window.editor.headline.textEdited.emit("Governor relents")
    type_and_save(window, "The governor has ordered an evacuation of the lower town.")
    window.undo_stack.clear()
    return window


def choose(monkeypatch: pytest.MonkeyPatch, row: int, seen: list[Versions]) -> None:
    def answer(
        cls: object, /, parent: object, label: str, versions: Versions, current: Entry, **kw: bool
    ) -> tuple[datetime, Entry] | None:
        seen.append(versions)
        return versions[row] if kw.get("can_restore", True) else None

    monkeypatch.setattr(HistoryDialog, "ask", classmethod(answer))


def test_restore_puts_a_version_back_as_one_undoable_step(
    qtbot: QtBot, edited: MainWindow, blog_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = edited
    seen: list[Versions] = []
    choose(monkeypatch, 1, seen)  # the oldest: the entry as first read
    window.desk_actions["entry_history"].trigger()

    versions = seen[0]
    assert [v.body for _w, v in versions] == ["The governor is reconsidering.", ORIGINAL]
    entry = window.model.blog.entries["upd1958"]  # type: ignore[union-attr]
    assert entry.body == ORIGINAL and entry.headline == ""
    assert window.editor.body.toPlainText() == ORIGINAL  # the editor shows it at once
    assert window.editor.headline.text() == ""
    assert window.undo_stack.count() == 1
    assert window.undo_stack.undoText().startswith("Restore version of")
    assert window.autosave.flush()
    saved = BlogStore.open(blog_path)[1].entries["upd1958"]
    assert (saved.body, saved.headline) == (ORIGINAL, "")

    window.timeline.setFocus()  # undo goes to the window's stack, not the body's typing
    window.desk_actions["undo"].trigger()
    assert entry.body.startswith("The governor has ordered")
    assert entry.headline == "Governor relents"
    assert window.editor.body.toPlainText() == entry.body
    assert window.autosave.flush()
    assert BlogStore.open(blog_path)[1].entries["upd1958"].body == entry.body

    window.editor.body.setFocus()  # typing after the restore and undo still works
    window.editor.body.moveCursor(window.editor.body.textCursor().MoveOperation.End)
    window.editor.body.insertPlainText(" Buses leave at noon.")
    assert entry.body.endswith("Buses leave at noon.")


def test_the_dialog_lists_versions_with_a_diff_against_now(
    qtbot: QtBot, edited: MainWindow
) -> None:
    window = edited
    assert window.model is not None
    versions = window.model.store.history("upd1958")
    current = window.model.blog.entries["upd1958"]
    dialog = HistoryDialog(window, "UPDATE 1258 GMT:", versions, current)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 2
    assert dialog.list.item(1).text().startswith("14 Mar 13:03 GMT\nThe regional governor")
    # Side by side as text, the words that differ marked: no programmer's diff.
    then, now = dialog.version_pane.toPlainText(), dialog.now_pane.toPlainText()
    assert "The governor is reconsidering." in then and "@@" not in then + now
    assert "The governor has ordered an evacuation of the lower town." in now
    assert "Headline: Governor relents" in now
    only_then = {x.cursor.selectedText() for x in dialog.version_pane.extraSelections()}
    only_now = {x.cursor.selectedText() for x in dialog.now_pane.extraSelections()}
    assert "is reconsidering" in only_then
    assert "Governor relents" in only_now
    assert "has ordered an evacuation of the lower town" in only_now
    assert "The governor" not in only_now  # words both have stay unmarked
    assert dialog.version_title.text() == "<b>14 Mar 13:09 GMT</b>"
    dialog.list.setCurrentRow(1)
    assert ORIGINAL in dialog.version_pane.toPlainText()
    assert "regional" in {x.cursor.selectedText() for x in dialog.version_pane.extraSelections()}
    assert dialog.restore.isEnabled()


def test_an_entry_without_history_says_so(qtbot: QtBot, window: MainWindow) -> None:
    assert window.model is not None
    current = window.model.blog.entries["upd1530"]
    dialog = HistoryDialog(window, "UPDATE 1130 GMT:", [], current)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 0
    assert not dialog.restore.isEnabled()


def test_version_text_helpers(qtbot: QtBot) -> None:
    when = datetime.fromisoformat("2025-03-14T13:03:00+00:00")
    old = Entry("a1", when, body="one two\nthree")
    new = Entry("a1", when, body="one two\nfour", headline="Head")
    assert version_title(when, old) == "14 Mar 13:03 GMT — one two three"
    dialog = HistoryDialog(None, "UPDATE 1303 GMT:", [(when, old)], new)
    qtbot.addWidget(dialog)
    only_then = {x.cursor.selectedText() for x in dialog.version_pane.extraSelections()}
    only_now = {x.cursor.selectedText() for x in dialog.now_pane.extraSelections()}
    assert "three" in only_then and "four" in only_now and "Head" in only_now
    same = HistoryDialog(None, "UPDATE 1303 GMT:", [(when, old)], old)
    qtbot.addWidget(same)
    assert same.version_pane.extraSelections() == same.now_pane.extraSelections() == []


def test_a_version_per_typing_session_in_the_window(
    qtbot: QtBot, window: MainWindow, clock: FrozenClock
) -> None:
    """Five edits over half an hour, a pause between each: five earlier versions. Typing
    on without a pause keeps none more; working on another entry between starts a session."""
    assert window.model is not None
    window.select_entry("upd1958")
    for number in range(1, 6):
        type_and_save(window, f"Edit {number}.")
        clock.advance(minutes=6)
    store = window.model.store
    bodies = [v.body for _w, v in store.history("upd1958")]
    assert bodies == ["Edit 4.", "Edit 3.", "Edit 2.", "Edit 1.", ORIGINAL]
    for second in range(3):
        type_and_save(window, f"Still typing {second}.")
        clock.advance(seconds=20)
    assert len(store.history("upd1958")) == 6  # "Edit 5." began this session
    window.select_entry("upd1712")
    type_and_save(window, "Another entry.")
    window.select_entry("upd1958")
    type_and_save(window, "Back again.")
    assert store.history("upd1958")[0][1].body == "Still typing 2."
    dialog = HistoryDialog(window, "UPDATE 1258 GMT:", store.history("upd1958"),
                           window.model.blog.entries["upd1958"])  # fmt: skip
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 7
