"""Moving entries by drop and by Alt+Up changes blog.yaml's order; undo and redo follow."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QModelIndex, QPoint, QPointF, Qt
from PySide6.QtGui import QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desk.ui.shell.window import MainWindow
from tests.ui.helpers import order_on_disk

ORDER = ["upd1958", "upd1712", "upd1530", "orig001"]
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
LEFT = Qt.MouseButton.LeftButton
NO_KEYS = Qt.KeyboardModifier.NoModifier


def undo_and_redo(qtbot: QtBot, window: MainWindow, blog_path: Path, moved: list[str]) -> None:
    window.timeline.setFocus()
    window.focus_undo.refresh()
    assert window.desk_actions["undo"].text() == "&Undo Move entry"
    qtbot.keyClick(window.timeline, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: order_on_disk(blog_path) == ORDER)
    qtbot.keyClick(window.timeline, Qt.Key.Key_Z, CTRL | SHIFT)
    qtbot.waitUntil(lambda: order_on_disk(blog_path) == moved)


def test_drop_moves_the_entry_and_undo_restores_it(
    qtbot: QtBot, window: MainWindow, blog_path: Path
) -> None:
    model = window.model
    assert model is not None
    data = model.mimeData([model.index(model.row_of("upd1530"))])
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, 1, 0, QModelIndex())
    moved = ["upd1530", "upd1958", "upd1712", "orig001"]
    assert model.blog.order == moved
    qtbot.waitUntil(lambda: order_on_disk(blog_path) == moved)
    undo_and_redo(qtbot, window, blog_path, moved)


def test_drop_through_the_filtered_view(qtbot: QtBot, window: MainWindow, blog_path: Path) -> None:
    window.proxy.set_status("ready")
    proxy = window.proxy
    rows = [proxy.index(r, 0).data(Qt.ItemDataRole.DisplayRole) for r in range(proxy.rowCount())]
    assert len(rows) == 4  # header and three ready entries
    data = proxy.mimeData([proxy.index(1, 0)])
    assert proxy.dropMimeData(data, Qt.DropAction.MoveAction, 3, 0, QModelIndex())
    qtbot.waitUntil(
        lambda: order_on_disk(blog_path) == ["upd1712", "upd1530", "upd1958", "orig001"]
    )


def test_alt_up_moves_the_selected_entry(qtbot: QtBot, window: MainWindow, blog_path: Path) -> None:
    window.select_entry("upd1712")
    window.timeline.setFocus()
    qtbot.keyClick(window.timeline, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    moved = ["upd1712", "upd1958", "upd1530", "orig001"]
    qtbot.waitUntil(lambda: order_on_disk(blog_path) == moved)
    entry = window.selected_entry()
    assert entry is not None and entry.id == "upd1712"  # the selection follows the entry
    assert not window.desk_actions["move_up"].isEnabled()
    undo_and_redo(qtbot, window, blog_path, moved)


def test_alt_down_never_passes_the_original(qtbot: QtBot, window: MainWindow) -> None:
    window.select_entry("upd1530")
    assert not window.desk_actions["move_down"].isEnabled()
    window.desk_actions["move_down"].trigger()
    assert window.model is not None and window.model.blog.order == ORDER


def test_sort_by_stamp_puts_updates_newest_first(
    qtbot: QtBot, window: MainWindow, blog_path: Path
) -> None:
    window.select_entry("upd1530")
    window.desk_actions["move_up"].trigger()
    window.desk_actions["move_up"].trigger()
    assert window.model is not None and window.model.blog.order[0] == "upd1530"
    window.desk_actions["sort"].trigger()
    qtbot.waitUntil(lambda: order_on_disk(blog_path) == ORDER)
    assert window.undo_stack.undoText() == "Sort by stamp"


def test_a_drop_event_on_the_view_moves_and_never_removes(
    qtbot: QtBot, window: MainWindow, blog_path: Path
) -> None:
    view, proxy = window.timeline, window.proxy
    # A synthetic drag has no source, and InternalMove takes drags from the view itself
    # only; DragDrop lets it in and takes the same path (the filter cannot moveRows, so
    # the view hands the drop to dropMimeData).
    view.setDragDropMode(view.DragDropMode.DragDrop)
    data = proxy.mimeData([proxy.index(3, 0)])  # upd1530
    target = view.visualRect(proxy.index(1, 0)).topLeft() + QPoint(20, 3)  # top of upd1958
    for kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
        event = QDragMoveEvent(target, Qt.DropAction.MoveAction, data, LEFT, NO_KEYS, kind)
        QApplication.sendEvent(view.viewport(), event)
    drop = QDropEvent(QPointF(target), Qt.DropAction.MoveAction, data, LEFT, NO_KEYS)
    QApplication.sendEvent(view.viewport(), drop)
    moved = ["upd1530", "upd1958", "upd1712", "orig001"]
    assert window.model is not None and window.model.blog.order == moved
    # After a move drop the view asks the model to remove the dragged rows: it refuses.
    assert not proxy.removeRows(1, 1)
    qtbot.waitUntil(lambda: order_on_disk(blog_path) == moved)
