"""The timeline model on its own: Qt's model checks, rows, drag data, the filter."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester

from desk.core.storage.store import BlogStore
from desk.ui.commands.entries import move_command, sort_command
from desk.ui.timeline.model import MIME_TYPE, Role, TimelineFilter, TimelineModel


def open_model(path: Path) -> TimelineModel:
    store, blog = BlogStore.open(path)
    return TimelineModel(store, blog)


def test_model_passes_qt_model_checks_through_changes(
    qtmodeltester: ModelTester, blog_path: Path
) -> None:
    model = open_model(blog_path)
    qtmodeltester.check(model, force_py=True)
    # The checks stay attached while rows move, change, disappear and come back.
    move = move_command(model, ["upd1712"], 0)
    assert move is not None
    move.redo()
    model.set_entry_field("upd1958", "status", "draft")
    index = model.trash_entry("upd1530")
    model.restore_entry("upd1530", index)
    command = sort_command(model)
    assert command is not None
    command.redo()
    command.undo()


def test_filter_passes_qt_model_checks(qtmodeltester: ModelTester, blog_path: Path) -> None:
    proxy = TimelineFilter()
    proxy.setSourceModel(open_model(blog_path))
    qtmodeltester.check(proxy, force_py=True)
    proxy.set_status("draft")
    assert [proxy.index(r, 0).data(Role.ENTRY_ID) for r in range(proxy.rowCount())] == [
        "",
        "upd1712",
    ]
    proxy.set_status("")
    proxy.set_text("governor")
    assert [proxy.index(r, 0).data(Role.ENTRY_ID) for r in range(proxy.rowCount())] == [
        "",
        "upd1958",
    ]


def test_rows_are_header_then_timeline_order_with_original_last(blog_path: Path) -> None:
    model = open_model(blog_path)
    ids = [model.index(r).data(Role.ENTRY_ID) for r in range(model.rowCount())]
    assert ids == ["", "upd1958", "upd1712", "upd1530", "orig001"]
    assert model.index(0).data(Role.KIND) == "header"
    assert model.index(1).data(Role.STAMP) == "1258"
    assert model.index(1).data(Role.STATUS) == "ready"
    assert model.index(3).data(Role.SUMMARY) == "Fishermen found"
    assert model.index(4).data(Role.STAMP) == "ORIGINAL"
    assert model.index(1).data(Qt.ItemDataRole.DisplayRole).startswith("UPDATE 1258 GMT:")
    assert model.counts() == (4, 3, 1)


def test_other_day_shows_its_date(blog_path: Path) -> None:
    model = open_model(blog_path)
    model.set_entry_field(
        "upd1958", "stamp", model.stamp_of("upd1958").replace(day=15, hour=0, minute=15)
    )
    assert model.index(1).data(Role.OTHER_DAY) == "15 Mar"
    assert model.index(1).data(Role.LABEL) == "UPDATE 0015 GMT, 15 March:"


def test_header_and_original_cannot_be_dragged(blog_path: Path) -> None:
    model = open_model(blog_path)
    assert not model.flags(model.index(0)) & Qt.ItemFlag.ItemIsDragEnabled
    assert model.flags(model.index(1)) & Qt.ItemFlag.ItemIsDragEnabled
    assert not model.flags(model.index(4)) & Qt.ItemFlag.ItemIsDragEnabled
    data = model.mimeData([model.index(2), model.index(4)])
    assert bytes(data.data(MIME_TYPE).data()) == b"upd1712"


def test_a_drop_asks_for_a_move_that_keeps_the_original_last(blog_path: Path) -> None:
    model = open_model(blog_path)
    asked: list[tuple[list[str], int]] = []
    model.move_requested.connect(lambda ids, index: asked.append((ids, index)))
    data = model.mimeData([model.index(1)])
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, model.rowCount(), 0, QModelIndex())
    assert asked == [(["upd1958"], 3)]  # above the original entry, not below it
    other = model.mimeData([model.index(1)])
    other.setData("text/plain", b"x")
    assert not model.canDropMimeData(other, Qt.DropAction.CopyAction, 1, 0, QModelIndex())
