"""Merging sent entry files into the open blog: by dropping them onto the timeline or with
File → Merge entries…; one undo step; bad files refused with nothing changed; conflict
copies resolved side by side."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from desk.core.exchange import CONFLICT_OF, SENT_HASH, entry_hash, sent_text
from desk.core.model import Entry
from desk.core.storage.store import BlogStore, is_conflict_copy
from desk.ui.blog.dialogs import TrashDialog
from desk.ui.commands.entries import DeleteEntryCommand
from desk.ui.exchange.conflict_view import ConflictDialog
from desk.ui.exchange.entry_files import MergeFilesDialog, SendEntryDialog, entry_files
from desk.ui.shell.window import MainWindow
from desk.ui.timeline.model import MIME_TYPE, Role
from tests.ui.helpers import at, order_on_disk, snapshot

ORDER = ["upd1958", "upd1712", "upd1530", "orig001"]
LEFT, NO_KEYS = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier


def reporter_file(folder: Path, entry: Entry) -> Path:
    """A file as a reporter's Desk sends it."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{entry.id}.md"
    path.write_text(sent_text(entry), encoding="utf-8")
    return path


def drop_files(window: MainWindow, files: list[Path]) -> bool:
    """Drag the files over the timeline and drop them, as a file manager would."""
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(f)) for f in files])
    viewport = window.timeline.viewport()
    point = viewport.rect().center()
    actions = Qt.DropAction.CopyAction | Qt.DropAction.MoveAction
    for kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
        move = QDragMoveEvent(point, actions, data, LEFT, NO_KEYS, kind)
        QApplication.sendEvent(viewport, move)
        assert move.isAccepted()
    drop = QDropEvent(QPointF(point), actions, data, LEFT, NO_KEYS)
    QApplication.sendEvent(viewport, drop)
    return drop.isAccepted()


@pytest.fixture
def field_entry() -> Entry:
    return Entry("rep1245", at(12, 45), status="ready", author="Field Reporter",
                 body="Ferries are running again from the northern terminal.",
                 notes="Confirmed by the harbour master by phone, 12:40.")  # fmt: skip


def test_a_dropped_entry_lands_at_its_time_in_one_undo_step(
    qtbot: QtBot, window: MainWindow, blog_path: Path, tmp_path: Path, field_entry: Entry
) -> None:
    window.select_entry("upd1530")
    path = reporter_file(tmp_path / "laptop", field_entry)
    assert drop_files(window, [path])
    model = window.model
    assert model is not None
    merged = ["upd1958", "rep1245", "upd1712", "upd1530", "orig001"]
    assert model.blog.order == merged
    assert model.index(2).data(Role.ENTRY_ID) == "rep1245"
    assert model.blog.entries["rep1245"].notes == field_entry.notes  # notes included
    assert window.undo_stack.count() == 1
    assert window.undo_stack.undoText() == "Merge 1 entry"
    assert "1 added" in window.status.currentMessage()
    assert order_on_disk(blog_path) == merged
    assert "harbour master" in (blog_path / "entries" / "rep1245.md").read_text()

    window.undo_stack.undo()
    assert model.blog.order == ORDER and "rep1245" not in model.blog.entries
    assert order_on_disk(blog_path) == ORDER
    assert not (blog_path / "entries" / "rep1245.md").exists()
    assert (blog_path / "trash" / "rep1245.md").exists()  # never lost
    assert [model.index(r).data(Role.ENTRY_ID) for r in range(1, 5)] == ORDER

    window.undo_stack.redo()
    assert model.blog.order == merged and order_on_disk(blog_path) == merged
    assert model.blog.entries["rep1245"].notes == field_entry.notes


def test_several_files_and_an_update_merge_as_one_step(
    qtbot: QtBot, window: MainWindow, blog_path: Path, tmp_path: Path, field_entry: Entry
) -> None:
    model = window.model
    assert model is not None
    # The desk sent upd1712 to a reporter, who rewrote it; nobody changed it here since.
    sent = tmp_path / "sent.md"
    window.select_entry("upd1712")
    monkey = pytest.MonkeyPatch()
    monkey.setattr(SendEntryDialog, "ask", classmethod(lambda cls, parent, suggested: sent))
    window.desk_actions["send_entry"].trigger()
    monkey.undo()
    assert sent.is_file() and "Sent UPDATE 1212 GMT to" in window.status.currentMessage()
    # The reporter merged it, rewrote it and sent it back: its base is what we sent.
    theirs = copy.deepcopy(model.blog.entries["upd1712"])
    theirs.extra[SENT_HASH] = entry_hash(theirs)
    theirs.body = theirs.body.replace("extended its red warning", "lifted its red warning")
    sent.write_text(sent_text(theirs), encoding="utf-8")
    new = reporter_file(tmp_path / "laptop", field_entry)
    monkey.setattr(MergeFilesDialog, "ask", classmethod(lambda cls, parent, start: [sent, new]))
    window.desk_actions["merge_entries"].trigger()
    monkey.undo()
    assert window.undo_stack.count() == 1
    assert "lifted" in model.blog.entries["upd1712"].body
    assert "rep1245" in model.blog.entries
    window.select_entry("upd1712")
    assert "lifted" in window.editor.body.toPlainText()  # the open document follows
    window.undo_stack.undo()
    assert "extended" in model.blog.entries["upd1712"].body
    assert "extended" in window.editor.body.toPlainText()
    assert "extended" in (blog_path / "entries" / "upd1712.md").read_text()
    assert "rep1245" not in model.blog.entries


@pytest.mark.parametrize(
    "bad",
    [
        '---\nid: "../../etc/passwd"\nstamp: 2025-03-14T12:00:00Z\n---\nA path.\n',
        '---\nid: "Bad Id"\nstamp: 2025-03-14T12:00:00Z\n---\nA bad id.\n',
        '---\nid: "rep1300"\nstamp: [unclosed\n---\nBad YAML.\n',
    ],
)
def test_bad_merge_files_are_refused_and_nothing_changes(
    qtbot: QtBot, window: MainWindow, blog_path: Path, tmp_path: Path, field_entry: Entry, bad: str
) -> None:
    window.autosave.flush()
    good = reporter_file(tmp_path / "laptop", field_entry)
    broken = tmp_path / "laptop" / "broken.md"
    broken.write_text(bad, encoding="utf-8")
    before = snapshot(blog_path)
    model = window.model
    assert model is not None
    assert drop_files(window, [good, broken])
    assert snapshot(blog_path) == before
    assert model.blog.order == ORDER and "rep1245" not in model.blog.entries
    assert window.undo_stack.count() == 0
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
    shown = [b for b in boxes if b.isVisible() and b.text() == "The entry files were not merged."]
    assert shown and "broken.md" in shown[-1].informativeText()


def test_the_timeline_takes_only_entry_files_and_keeps_its_own_drags(
    window: MainWindow, tmp_path: Path
) -> None:
    files = QMimeData()
    files.setUrls([QUrl.fromLocalFile(str(tmp_path / "a.md"))])
    assert entry_files(files) == [tmp_path / "a.md"]
    picture = QMimeData()
    picture.setUrls([QUrl.fromLocalFile(str(tmp_path / "a.md")),
                     QUrl.fromLocalFile(str(tmp_path / "b.jpg"))])  # fmt: skip
    assert entry_files(picture) == []
    web = QMimeData()
    web.setUrls([QUrl("https://example.com/a.md")])
    assert entry_files(web) == []
    own = window.proxy.mimeData([window.proxy.index(1, 0)])
    own.setUrls([QUrl.fromLocalFile(str(tmp_path / "a.md"))])
    assert own.hasFormat(MIME_TYPE) and entry_files(own) == []
    point = QPointF(window.timeline.viewport().rect().center())
    drop = QDropEvent(point, Qt.DropAction.MoveAction, own, LEFT, NO_KEYS)
    assert not window.exchange.drop.eventFilter(window.timeline.viewport(), drop)


def make_conflict(window: MainWindow, tmp_path: Path) -> str:
    """upd1958 sent, then changed on both sides, then merged: a conflict copy."""
    model = window.model
    assert model is not None
    sent = tmp_path / "upd1958.md"
    window.select_entry("upd1958")
    monkey = pytest.MonkeyPatch()
    monkey.setattr(SendEntryDialog, "ask", classmethod(lambda cls, parent, suggested: sent))
    window.desk_actions["send_entry"].trigger()
    monkey.undo()
    window.editor.body.setPlainText("The governor has rejected calls to evacuate, for now.")
    sent.write_text(sent.read_text().replace("rejected calls", "ordered people"))
    assert window.exchange.merge_files([sent])
    copies = [e.id for e in model.blog.entries.values() if is_conflict_copy(e)]
    assert len(copies) == 1
    return copies[0]


def test_keep_both_makes_the_copy_an_entry_of_its_own(
    qtbot: QtBot, window: MainWindow, blog_path: Path, tmp_path: Path
) -> None:
    model = window.model
    assert model is not None
    copy_id = make_conflict(window, tmp_path)
    window.select_entry(copy_id)
    bar = window.exchange.bar
    assert bar.isVisible() and "conflict copy of UPDATE 1258 GMT" in bar.text.text()
    assert model.index_of(copy_id).data(Role.CONFLICT) == "conflict copy of UPDATE 1258 GMT"
    monkey = pytest.MonkeyPatch()
    monkey.setattr(ConflictDialog, "ask", classmethod(lambda cls, parent, blog, cid: "both"))
    bar.button.click()
    monkey.undo()
    copy = model.blog.entries[copy_id]
    assert not is_conflict_copy(copy) and "ordered people" in copy.body
    assert "rejected calls" in model.blog.entries["upd1958"].body
    assert not model.index_of(copy_id).data(Role.CONFLICT)
    assert not bar.isVisible()
    assert window.undo_stack.undoText() == "Keep both"
    assert CONFLICT_OF not in (blog_path / "entries" / f"{copy_id}.md").read_text()
    window.undo_stack.undo()
    assert is_conflict_copy(model.blog.entries[copy_id])
    assert CONFLICT_OF in (blog_path / "entries" / f"{copy_id}.md").read_text()


def test_keep_copy_puts_the_copy_in_the_originals_place(
    qtbot: QtBot, window: MainWindow, blog_path: Path, tmp_path: Path
) -> None:
    model = window.model
    assert model is not None
    copy_id = make_conflict(window, tmp_path)
    order = list(model.blog.order)
    window.select_entry(copy_id)
    monkey = pytest.MonkeyPatch()
    monkey.setattr(ConflictDialog, "ask", classmethod(lambda cls, parent, blog, cid: "copy"))
    window.timeline.open_requested.emit()  # Enter on the row
    monkey.undo()
    assert copy_id not in model.blog.entries and model.blog.order == ORDER
    assert "ordered people" in model.blog.entries["upd1958"].body
    assert (blog_path / "trash" / f"{copy_id}.md").exists()
    assert order_on_disk(blog_path) == ORDER
    selected = window.selected_entry()
    assert selected is not None and selected.id == "upd1958"
    assert "ordered people" in window.editor.body.toPlainText()
    window.undo_stack.undo()
    assert model.blog.order == order and "rejected calls" in model.blog.entries["upd1958"].body
    assert is_conflict_copy(model.blog.entries[copy_id])
    _store, on_disk = BlogStore.open(blog_path)
    assert on_disk.order == order and "rejected calls" in on_disk.entries["upd1958"].body


def test_the_conflict_view_shows_both_versions_and_their_differences(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    model = window.model
    assert model is not None
    copy_id = make_conflict(window, tmp_path)
    dialog = ConflictDialog(window, model.blog, copy_id)
    qtbot.addWidget(dialog)
    assert dialog.original_pane.isReadOnly() and dialog.copy_pane.isReadOnly()
    assert "rejected calls" in dialog.original_pane.toPlainText()
    assert "ordered people" in dialog.copy_pane.toPlainText()
    assert dialog.original_pane.extraSelections() and dialog.copy_pane.extraSelections()
    dialog.keep_original.click()
    assert dialog.choice == "original"


def test_send_entry_proposes_the_outbox_and_a_readable_name(
    qtbot: QtBot, window: MainWindow, blog_path: Path, tmp_path: Path
) -> None:
    model = window.model
    assert model is not None
    # Files were last merged from another blog's entries/: Send must not start there.
    other = BlogStore.create(blog_path.parent, "Air crash", at(9, 0).date())[0].root
    window.state.settings.setValue("exchange/folder", str(other / "entries"))
    window.select_entry("upd1958")
    proposed: list[Path] = []

    def answer(cls: object, parent: object, suggested: Path) -> Path:
        proposed.append(suggested)
        return suggested

    monkey = pytest.MonkeyPatch()
    monkey.setattr(SendEntryDialog, "ask", classmethod(answer))
    window.desk_actions["send_entry"].trigger()
    window.desk_actions["send_entry"].trigger()
    monkey.undo()
    outbox = Path.home() / "Documents" / "Desk outbox"
    assert proposed[0] == outbox / "1258-the-regional-governor-has-ilse.md"
    assert proposed[1] == outbox / "1258-the-regional-governor-has-ilse-2.md"
    assert proposed[0].is_file()


def test_send_entry_refuses_a_blog_folder(
    qtbot: QtBot, window: MainWindow, blog_path: Path
) -> None:
    other = BlogStore.create(blog_path.parent, "Air crash", at(9, 0).date())[0].root
    target = other / "entries" / "upd1958.md"
    messages: list[str] = []
    window.select_entry("upd1958")
    monkey = pytest.MonkeyPatch()
    monkey.setattr(SendEntryDialog, "ask", classmethod(lambda cls, parent, suggested: target))
    monkey.setattr(
        "desk.ui.exchange.entry_files.notify",
        lambda _w, title, text, detail="": messages.append(detail),
    )
    assert window.exchange.send_selected() is None
    monkey.undo()
    assert not target.exists()
    assert messages and "inside the blog folder" in messages[0]


def test_the_trash_marks_a_discarded_conflict_copy(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    model = window.model
    assert model is not None
    copy_id = make_conflict(window, tmp_path)
    window.select_entry(copy_id)
    monkey = pytest.MonkeyPatch()
    monkey.setattr(ConflictDialog, "ask", classmethod(lambda cls, parent, blog, cid: "original"))
    window.exchange.resolve_selected()
    monkey.undo()
    window.undo_stack.push(DeleteEntryCommand(model, "upd1530"))
    dialog = TrashDialog(window, model.blog, model.store.trashed())
    qtbot.addWidget(dialog)
    texts = {
        dialog.list.item(r).data(Qt.ItemDataRole.UserRole): dialog.list.item(r).text()
        for r in range(dialog.list.count())
    }
    assert texts[copy_id].startswith("Discarded conflict copy of UPDATE 1258 GMT · ")
    assert not texts["upd1530"].startswith("Discarded")
