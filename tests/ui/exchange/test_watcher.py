"""Watching the blog's folder: entry files that another process writes into entries/ show
in the open window's timeline; one arriving while its entry has unsaved typing becomes a
conflict copy and nobody's words are overwritten."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

from pytestqt.qtbot import QtBot

from desk.core.clock import FrozenClock
from desk.core.storage.store import BlogStore, is_conflict_copy
from desk.ui.shell.app import build_window
from desk.ui.shell.window import MainWindow
from desk.ui.timeline.model import Role
from tests.ui.helpers import FAST, make_blog, order_on_disk, show

# Another program: plain Python, no Desk, writing the file the way a sync tool or an
# editor would (in place, not atomically).
WRITER = "import pathlib, sys; pathlib.Path(sys.argv[1]).write_text(sys.argv[2], 'utf-8')"
WAIT_MS = 10_000


def entry_file(entry_id: str, stamp: str, body: str, author: str = "Field Reporter") -> str:
    return (
        f'---\nid: "{entry_id}"\nstamp: {stamp}\nkind: update\nstatus: ready\n'
        f"author: {author}\n---\n{body}\n"
    )


def write_from_another_process(path: Path, text: str) -> None:
    subprocess.run([sys.executable, "-c", WRITER, str(path), text], check=True, timeout=60)


def rows(window: MainWindow) -> list[str]:
    model = window.model
    assert model is not None
    return [str(model.index(r).data(Role.ENTRY_ID)) for r in range(1, model.rowCount())]


def test_an_entry_written_by_another_process_appears_at_its_place(
    qtbot: QtBot, window: MainWindow, blog_path: Path
) -> None:
    window.select_entry("upd1712")
    model = window.model
    assert model is not None
    inserted: list[int] = []
    model.rowsInserted.connect(lambda _p, first, _l: inserted.append(first))
    body = "Ferries are running again from the northern terminal."
    write_from_another_process(
        blog_path / "entries" / "rep1245.md", entry_file("rep1245", "2025-03-14T12:45:00Z", body)
    )
    qtbot.waitUntil(lambda: "rep1245" in rows(window), timeout=WAIT_MS)
    assert rows(window) == ["upd1958", "rep1245", "upd1712", "upd1530", "orig001"]
    assert inserted == [2]  # told through the model's signals
    row = model.index_of("rep1245")
    assert row.data(Role.SUMMARY) == body and row.data(Role.AUTHOR) == "Field Reporter"
    selected = window.selected_entry()
    assert selected is not None and selected.id == "upd1712"  # the writer stays put
    # blog.yaml keeps its place in the order.
    qtbot.waitUntil(lambda: "rep1245" in order_on_disk(blog_path), timeout=WAIT_MS)
    assert order_on_disk(blog_path) == rows(window)
    assert "From the folder: 1 entry (1 new)" in window.status.currentMessage()


def test_a_changed_entry_file_updates_the_row_and_the_editor_showing_it(
    qtbot: QtBot, window: MainWindow, blog_path: Path
) -> None:
    window.select_entry("upd1712")
    model = window.model
    assert model is not None
    changed: list[int] = []
    model.dataChanged.connect(lambda top, _b, _r=None: changed.append(top.row()))
    new_body = "The red warning is lifted for the coast."
    write_from_another_process(
        blog_path / "entries" / "upd1712.md",
        entry_file("upd1712", "2025-03-14T12:12:00Z", new_body, "Ilse Varga"),
    )
    qtbot.waitUntil(lambda: window.editor.body.toPlainText() == new_body, timeout=WAIT_MS)
    assert model.blog.entries["upd1712"].author == "Ilse Varga"
    assert window.editor.author.text() == "Ilse Varga"
    assert model.row_of("upd1712") in changed
    assert not any(is_conflict_copy(e) for e in model.blog.entries.values())
    assert len(model.blog.entries) == 4


def test_an_entry_arriving_during_unsaved_typing_becomes_a_conflict_copy(
    qtbot: QtBot, blog_path: Path, clock: FrozenClock
) -> None:
    # An autosave that waits: the typing below stays unsaved while the file arrives.
    slow = {**FAST, "autosave_delay_ms": 120_000, "retry_ms": 120_000}
    window = show(qtbot, build_window(blog_path, clock, **slow))  # type: ignore[arg-type]
    window.select_entry("upd1958")
    cursor = window.editor.body.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    window.editor.body.setTextCursor(cursor)
    window.editor.body.insertPlainText(" Our own words.")
    model = window.model
    assert model is not None and window.autosave.unsaved_ids() == {"upd1958"}
    theirs = "The governor now orders an evacuation of the lower town."
    write_from_another_process(
        blog_path / "entries" / "upd1958.md",
        entry_file("upd1958", "2025-03-14T12:58:00Z", theirs, "Desk"),
    )

    def copies() -> list[str]:
        return [e.id for e in model.blog.entries.values() if is_conflict_copy(e)]

    qtbot.waitUntil(lambda: len(copies()) == 1, timeout=WAIT_MS)
    copy_id = copies()[0]
    ours = "The regional governor has rejected calls to evacuate. Our own words."
    assert model.blog.entries["upd1958"].body == ours
    assert window.editor.body.toPlainText() == ours
    assert model.blog.entries[copy_id].body == theirs
    # Shown just below its original, marked, and the user is told.
    assert rows(window)[:2] == ["upd1958", copy_id]
    index = model.index_of(copy_id)
    assert index.data(Role.CONFLICT) == "conflict copy of UPDATE 1258 GMT"
    assert "conflict copy of UPDATE 1258 GMT" in str(index.data(0x3))  # the tooltip
    assert "conflict copy" in window.status.currentMessage()
    selected = window.selected_entry()
    assert selected is not None and selected.id == "upd1958"
    # Our typing is saved over our file; theirs has its own.
    assert window.autosave.flush()
    _store, on_disk = BlogStore.open(blog_path)
    assert on_disk.entries["upd1958"].body == ours
    assert on_disk.entries[copy_id].body == theirs
    assert on_disk.order.index(copy_id) == on_disk.order.index("upd1958") + 1


def test_the_watcher_follows_the_open_blog(window: MainWindow, blog_path: Path) -> None:
    watcher = window.exchange.watcher
    assert watcher.model is window.model
    assert str(blog_path / "entries") in watcher._files.directories()
    window.release_blog()
    assert watcher.model is None and not watcher._files.directories()
    assert not watcher.refresh()


def test_the_folder_is_scanned_off_the_ui_thread_and_taken_in_on_it(
    qtbot: QtBot, window: MainWindow, blog_path: Path
) -> None:
    watcher = window.exchange.watcher
    watcher._poll.stop()  # this test's scans alone
    threads: list[threading.Thread] = []
    watcher.took_in.connect(lambda _changes: threads.append(threading.current_thread()))
    new_body = "The red warning is lifted for the coast."
    write_from_another_process(
        blog_path / "entries" / "upd1712.md",
        entry_file("upd1712", "2025-03-14T12:12:00Z", new_body),
    )
    watcher.scan()
    assert watcher.scanning
    in_flight = watcher._in_flight
    assert in_flight is not None
    in_flight[1].result(timeout=WAIT_MS / 1000)  # the worker is done; the UI thread not yet
    model = window.model
    assert model is not None and model.blog.entries["upd1712"].body != new_body
    qtbot.waitUntil(lambda: model.blog.entries["upd1712"].body == new_body, timeout=WAIT_MS)
    assert not watcher.scanning
    assert threads == [threading.main_thread()]


def test_a_write_during_a_scan_is_taken_in_by_the_scan_after_it(
    qtbot: QtBot, window: MainWindow, blog_path: Path
) -> None:
    watcher = window.exchange.watcher
    watcher._poll.stop()
    watcher.scan()
    in_flight = watcher._in_flight
    assert in_flight is not None
    in_flight[1].result(timeout=WAIT_MS / 1000)  # listed before the file below is written
    new_body = "Written while the folder was being scanned."
    write_from_another_process(
        blog_path / "entries" / "upd1530.md",
        entry_file("upd1530", "2025-03-14T11:30:00Z", new_body),
    )
    watcher.scan()  # asked for while one is in flight: one more follows it
    model = window.model
    assert model is not None
    qtbot.waitUntil(lambda: model.blog.entries["upd1530"].body == new_body, timeout=WAIT_MS)


def test_a_scan_coming_back_after_the_blog_was_closed_is_dropped(
    qtbot: QtBot, window: MainWindow, blog_path: Path
) -> None:
    watcher = window.exchange.watcher
    took: list[object] = []
    watcher.took_in.connect(took.append)
    watcher.failed.connect(took.append)
    write_from_another_process(
        blog_path / "entries" / "rep1245.md", entry_file("rep1245", "2025-03-14T12:45:00Z", "Late.")
    )
    watcher.scan()
    assert watcher.scanning
    assert window.release_blog()
    qtbot.waitUntil(lambda: not watcher.scanning, timeout=WAIT_MS)
    assert took == []
    assert "rep1245" not in (blog_path / "blog.yaml").read_text()  # its order: not taken in


def test_a_scan_coming_back_after_another_blog_was_opened_is_dropped(
    qtbot: QtBot, window: MainWindow, blog_path: Path, tmp_path: Path
) -> None:
    watcher = window.exchange.watcher
    took: list[object] = []
    watcher.took_in.connect(took.append)
    write_from_another_process(
        blog_path / "entries" / "rep1245.md", entry_file("rep1245", "2025-03-14T12:45:00Z", "Late.")
    )
    watcher.scan()
    other = make_blog(tmp_path / "other")
    assert window.open_blog(other)
    qtbot.waitUntil(lambda: not watcher.scanning, timeout=WAIT_MS)
    model = window.model
    assert model is not None and model.store.root == other
    assert took == [] and "rep1245" not in model.blog.entries
    # The other blog is watched from now on.
    write_from_another_process(
        other / "entries" / "rep1300.md", entry_file("rep1300", "2025-03-14T13:00:00Z", "Here.")
    )
    qtbot.waitUntil(lambda: "rep1300" in model.blog.entries, timeout=WAIT_MS)
    assert "rep1245" not in model.blog.entries
