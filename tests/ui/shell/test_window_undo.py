"""One undo history for the window: Ctrl+Z undoes the last thing done, wherever the focus
is, and never touches an entry other than the one it names."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desk.core.clock import FrozenClock
from desk.core.storage.store import BlogStore
from desk.ui.shell.window import MainWindow
from desk.ui.timeline.entry_kind import DeleteQuestion

CTRL = Qt.KeyboardModifier.ControlModifier


def bodies(window: MainWindow) -> dict[str, str]:
    assert window.model is not None
    return {i: e.body for i, e in window.model.blog.entries.items()}


def type_in_body(qtbot: QtBot, window: MainWindow, entry_id: str, text: str) -> None:
    window.select_entry(entry_id)
    body = window.editor.body
    body.setFocus()
    body.moveCursor(body.textCursor().MoveOperation.End)
    qtbot.keyClicks(body, text)


def test_delete_then_ctrl_z_in_the_editor_brings_the_entry_back_and_nothing_else(
    qtbot: QtBot, window: MainWindow, clock: FrozenClock, blog_path: Path
) -> None:
    type_in_body(qtbot, window, "upd1958", " Pumps arrive.")
    clock.advance(seconds=30)
    window.select_entry("upd1712")  # a draft: deleted without a question
    before = bodies(window)
    window.editor.body.setFocus()
    window.desk_actions["delete"].trigger()
    assert window.model is not None and "upd1712" not in window.model.blog.entries
    assert window.status.currentMessage() == "Deleted UPDATE 1212 GMT — Ctrl+Z brings it back"
    window.focus_undo.refresh()
    assert window.desk_actions["undo"].text() == "&Undo Delete UPDATE 1212 GMT"

    focus = QApplication.focusWidget()
    assert focus is not None and window.isAncestorOf(focus)
    qtbot.keyClick(focus, Qt.Key.Key_Z, CTRL)
    assert "upd1712" in window.model.blog.entries
    assert bodies(window) == before  # every entry's text as it was, the typing kept
    assert window.model.blog.entries["upd1958"].body.endswith("Pumps arrive.")
    assert window.status.currentMessage() == "Undone: Delete UPDATE 1212 GMT"
    selected = window.selected_entry()
    assert selected is not None and selected.id == "upd1712"
    # The next Ctrl+Z is the typing before it, in the entry it names.
    window.focus_undo.refresh()
    assert window.desk_actions["undo"].text() == "&Undo Typing in UPDATE 1258 GMT"
    qtbot.keyClick(window.editor.body, Qt.Key.Key_Z, CTRL)
    assert window.model.blog.entries["upd1958"].body == (
        "The regional governor has rejected calls to evacuate."
    )
    assert window.model.blog.entries["upd1712"].body == before["upd1712"]
    qtbot.waitUntil(lambda: "Pumps" not in (blog_path / "entries" / "upd1958.md").read_text())


def test_stamp_now_then_ctrl_z_undoes_the_stamp_and_the_move_only(
    qtbot: QtBot, window: MainWindow, clock: FrozenClock
) -> None:
    type_in_body(qtbot, window, "upd1712", " Ferries stop.")
    clock.advance(minutes=20)
    assert window.model is not None
    order = list(window.model.blog.order)
    window.editor.body.setFocus()
    qtbot.keyClick(window.editor.body, Qt.Key.Key_T, CTRL)
    entry = window.model.blog.entries["upd1712"]
    assert entry.stamp.strftime("%H%M") == "1323"
    assert window.model.blog.order[0] == "upd1712"  # it was below the top: now on top
    assert "moved it to the top" in window.status.currentMessage()

    qtbot.keyClick(window.editor.body, Qt.Key.Key_Z, CTRL)  # one step: stamp and move
    assert entry.stamp.strftime("%H%M") == "1212"
    assert window.model.blog.order == order
    assert entry.body.endswith("Ferries stop.")  # the typing stays
    assert window.editor.body.toPlainText().endswith("Ferries stop.")


def test_a_pause_ends_a_typing_step(qtbot: QtBot, window: MainWindow, clock: FrozenClock) -> None:
    type_in_body(qtbot, window, "upd1958", " First.")
    clock.advance(seconds=1)
    qtbot.keyClicks(window.editor.body, " Still first.")
    clock.advance(seconds=3)  # a pause
    qtbot.keyClicks(window.editor.body, " Second.")
    qtbot.keyClick(window.editor.body, Qt.Key.Key_Z, CTRL)
    text = "The regional governor has rejected calls to evacuate. First. Still first."
    assert window.editor.body.toPlainText() == text
    assert window.model is not None and window.model.blog.entries["upd1958"].body == text
    assert window.status.currentMessage() == "Undone: Typing in UPDATE 1258 GMT"
    qtbot.keyClick(window.editor.body, Qt.Key.Key_Z, CTRL)
    assert window.editor.body.toPlainText() == (
        "The regional governor has rejected calls to evacuate."
    )
    qtbot.keyClick(window.editor.body, Qt.Key.Key_Y, CTRL)  # redo: the first step again
    assert window.editor.body.toPlainText() == text


def test_switching_entry_ends_a_typing_step(qtbot: QtBot, window: MainWindow) -> None:
    type_in_body(qtbot, window, "upd1958", " A.")
    type_in_body(qtbot, window, "upd1712", " B.")
    type_in_body(qtbot, window, "upd1958", " C.")
    qtbot.keyClick(window.editor.body, Qt.Key.Key_Z, CTRL)
    assert window.model is not None
    assert window.model.blog.entries["upd1958"].body.endswith("evacuate. A.")
    assert window.model.blog.entries["upd1712"].body.endswith("warning. B.")
    qtbot.keyClick(window.editor.body, Qt.Key.Key_Z, CTRL)  # B's step: its entry is shown
    assert window.model.blog.entries["upd1712"].body.endswith("red warning.")
    assert window.model.blog.entries["upd1958"].body.endswith("evacuate. A.")
    selected = window.selected_entry()
    assert selected is not None and selected.id == "upd1712"


def test_deleting_a_ready_entry_asks_first(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[tuple[str, str]] = []
    answer = False

    def ask(cls: object, parent: object, name: str, why: str) -> bool:
        asked.append((name, why))
        return answer

    monkeypatch.setattr(DeleteQuestion, "ask", classmethod(ask))
    window.select_entry("upd1958")  # ready
    window.timeline.setFocus()
    qtbot.keyClick(window.timeline, Qt.Key.Key_Delete)
    assert asked == [("UPDATE 1258 GMT", "ready to be published")]
    assert window.model is not None and "upd1958" in window.model.blog.entries  # kept
    answer = True
    qtbot.keyClick(window.timeline, Qt.Key.Key_Delete)
    assert "upd1958" not in window.model.blog.entries
    assert window.status.currentMessage() == "Deleted UPDATE 1258 GMT — Ctrl+Z brings it back"
    window.select_entry("upd1712")  # a draft: no question
    qtbot.keyClick(window.timeline, Qt.Key.Key_Delete)
    assert len(asked) == 2 and "upd1712" not in window.model.blog.entries


def test_the_original_entry_from_the_menu(
    qtbot: QtBot, window: MainWindow, isolated_home: Path
) -> None:
    store, _blog = BlogStore.create(
        isolated_home / "drafts", "Dyke watch", window.clock.now().date()
    )
    assert window.open_blog(store.root)
    actions = window.desk_actions
    assert actions["new_original"].isEnabled()
    qtbot.keyClick(window.timeline, Qt.Key.Key_O, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert window.model is not None
    original = window.model.blog.original()
    assert original is not None and window.selected_entry() is original
    assert QApplication.focusWidget() is window.editor.body
    assert window.editor.label.text() == "ORIGINAL ENTRY:"
    assert not actions["new_original"].isEnabled()
    window.timeline.setFocus()
    qtbot.keyClick(window.timeline, Qt.Key.Key_N, CTRL)  # an update above it
    assert window.model.blog.order[-1] == original.id
    update = window.selected_entry()
    assert update is not None and not update.is_original
    assert not actions["make_original"].isEnabled()  # one original per blog

    window.select_entry(original.id)
    actions["make_update"].trigger()
    assert window.model.blog.original() is None
    window.select_entry(update.id)
    assert actions["make_original"].isEnabled()
    actions["make_original"].trigger()
    assert window.model.blog.original() is update
    assert window.model.blog.order[-1] == update.id  # the original stays last
    qtbot.waitUntil(lambda: BlogStore.open(store.root)[1].original() is not None)
    assert BlogStore.open(store.root)[1].original().id == update.id  # type: ignore[union-attr]
    window.undo_stack.undo()
    assert window.model.blog.original() is None
    assert window.model.blog.order[-1] == original.id


def test_an_update_out_of_order_is_marked_until_stamped(
    qtbot: QtBot, window: MainWindow, clock: FrozenClock
) -> None:
    from desk.ui.timeline.model import Role

    model = window.model
    assert model is not None
    window.select_entry("upd1530")
    window.desk_actions["move_up"].trigger()
    window.desk_actions["move_up"].trigger()  # 1130 above 1258 and 1212
    assert model.blog.order[0] == "upd1530"
    marks = {i: model.data(model.index_of(i), Role.ORDER) for i in model.blog.order}
    assert [i for i, mark in marks.items() if mark] == ["upd1530"]
    assert marks["upd1530"].startswith("Out of order: stamped 1130 GMT, placed above UPDATE 1258")
    tip = model.data(model.index_of("upd1530"), Qt.ItemDataRole.ToolTipRole)
    assert "Out of order" in tip
    window.grab()  # the delegate paints the mark
    window.desk_actions["stamp_now"].trigger()  # 1303: at the top, in order now
    assert not model.data(model.index_of("upd1530"), Role.ORDER)
    window.undo_stack.undo()
    assert model.data(model.index_of("upd1530"), Role.ORDER)
