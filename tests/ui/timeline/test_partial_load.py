"""The window on a blog whose entries are not all read yet: the rows paint first, each
entry is read when its row or the editor needs it, and whatever needs every entry
(filtering, export, moving, counts) reads the rest first. Nothing is lost or doubled."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desk.core.clock import FrozenClock
from desk.core.export.assemble import export_blog
from desk.core.export.options import ExportOptions
from desk.core.model import Entry
from desk.core.storage.index import index_path
from desk.core.storage.store import ONE_BY_ONE, BlogStore
from desk.ui.shell import window as window_module
from desk.ui.shell.app import build_window
from desk.ui.shell.window import MainWindow
from desk.ui.timeline import model as model_module
from desk.ui.timeline.model import Role
from tests.ui.helpers import FAST, show

ENTRIES = 300
START = datetime(2025, 3, 14, 6, 0, tzinfo=UTC)


def make_long_blog(drafts: Path) -> Path:
    store, blog = BlogStore.create(drafts, "Harbour storm", date(2025, 3, 14))
    blog.add(Entry("orig000", START, kind="original", status="ready", body="The original."))
    for number in range(1, ENTRIES):
        status = "draft" if number % 10 == 0 else "ready"
        body = f"Update number {number} from the harbour, word{number}x said."
        blog.add(Entry(f"upd{number:03d}", START + timedelta(minutes=number), status=status,
                       body=body))  # fmt: skip
    store.save(blog)
    return store.root


@pytest.fixture
def long_blog(isolated_home: Path) -> Path:
    return make_long_blog(isolated_home / "drafts")


@pytest.fixture
def paused(monkeypatch: pytest.MonkeyPatch) -> None:
    """No reading in idle moments: the load stays partial until something needs it all."""
    monkeypatch.setattr(model_module, "LOAD_CHUNK", 0)


@pytest.fixture
def partial(qtbot: QtBot, long_blog: Path, paused: None) -> MainWindow:
    window = show(qtbot, build_window(long_blog, FrozenClock(START), **FAST))
    assert window.model is not None and window.model.loading
    return window


def read_so_far(window: MainWindow) -> int:
    assert window.model is not None
    return dict.__len__(window.model.blog.entries)  # without reading the rest


def test_the_rows_paint_before_the_entries_are_read(partial: MainWindow) -> None:
    model = partial.model
    assert model is not None
    assert model.rowCount() == ENTRIES + 1  # every row, from blog.yaml's order
    assert read_so_far(partial) < ENTRIES // 2
    assert partial.status.counts.text() == "Reading entries…"
    index = model.index(model.row_of("upd150"))  # a row far below the first screen
    assert index.data(Role.SUMMARY).startswith("Update number 150 from the harbour")
    assert model.loading


def test_scrolling_through_the_rows_reads_them_one_by_one(partial: MainWindow) -> None:
    model = partial.model
    assert model is not None and ENTRIES > ONE_BY_ONE
    view = partial.timeline
    bar = view.verticalScrollBar()
    while read_so_far(partial) <= ONE_BY_ONE + 20:
        bar.setValue(bar.value() + bar.pageStep())
        view.viewport().repaint()
    assert read_so_far(partial) < ENTRIES  # each row painted read its own entry
    assert model.loading  # and the rest was never read at once, inside a paint
    assert partial.status.counts.text() == "Reading entries…"
    unread = next(i for i in model.blog.order if not dict.__contains__(model.blog.entries, i))
    read = read_so_far(partial)
    entry = model.blog.entries.get(unread)  # one entry asked for: the rows were no walk
    assert entry is not None and entry.body.startswith("Update number")
    assert model.loading and read_so_far(partial) == read + 1


def test_selecting_an_entry_shows_it_without_reading_them_all(partial: MainWindow) -> None:
    partial.select_entry("upd042")
    assert partial.editor.body.toPlainText().startswith("Update number 42 ")
    assert partial.selected_entry() is not None
    assert partial.model is not None and partial.model.loading


def test_typing_before_the_load_is_done_is_saved_and_kept(
    qtbot: QtBot, partial: MainWindow, long_blog: Path
) -> None:
    partial.select_entry("upd042")
    partial.editor.body.setFocus()
    partial.editor.body.moveCursor(partial.editor.body.textCursor().MoveOperation.End)
    qtbot.keyClicks(partial.editor.body, " Typed early.")
    assert partial.autosave.flush()
    on_disk = BlogStore.open(long_blog)[1]
    assert on_disk.entries["upd042"].body.endswith("word42x said. Typed early.")
    assert partial.model is not None
    partial.model.finish_loading()
    qtbot.waitUntil(lambda: partial.status.counts.text().startswith(f"{ENTRIES} entries"))
    assert partial.model.blog.entries["upd042"].body.endswith("Typed early.")
    assert partial.model.store.problems == []
    assert len(partial.model.blog.entries) == ENTRIES


def test_filtering_reads_every_entry_first(qtbot: QtBot, partial: MainWindow) -> None:
    said: list[str] = []
    partial.status.messageChanged.connect(said.append)
    partial.filter_box.setText("word271x")
    assert partial.model is not None and not partial.model.loading
    ids = [partial.proxy.index(r, 0).data(Role.ENTRY_ID) for r in range(partial.proxy.rowCount())]
    assert ids == ["", "upd271"]  # the header, and the one entry that holds the word
    assert said == []  # 300 entries read at once are quicker than a note would be


def test_a_long_read_at_once_is_said_in_the_status_bar(
    qtbot: QtBot, partial: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(window_module, "READING_NOTE_FROM", 100)
    said: list[str] = []
    partial.status.messageChanged.connect(said.append)
    partial.filter_box.setText("word271x")
    assert said[0].startswith("Reading ") and said[0].endswith(" entries…")
    qtbot.waitUntil(lambda: partial.status.currentMessage() == "")


def test_moving_an_entry_before_the_load_is_done(
    qtbot: QtBot, partial: MainWindow, long_blog: Path
) -> None:
    assert partial.model is not None
    expected = list(partial.model.blog.order)
    partial.select_entry("upd200")
    partial.move_selected(1)  # down: below upd199
    at = expected.index("upd200")
    expected[at], expected[at + 1] = expected[at + 1], expected[at]
    assert partial.model.blog.order == expected
    assert partial.autosave.flush()
    assert BlogStore.open(long_blog)[1].order == expected
    qtbot.waitUntil(lambda: not partial.model.loading if partial.model else False)
    rows = [partial.model.index(r).data(Role.ENTRY_ID) for r in range(1, ENTRIES + 1)]
    assert rows == expected


def test_exporting_from_the_window_holds_every_entry(
    qtbot: QtBot, partial: MainWindow, long_blog: Path
) -> None:
    partial.timeline.setFocus()
    qtbot.keyClick(partial.timeline, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)  # fmt: skip
    html = QApplication.clipboard().mimeData().html()
    QApplication.clipboard().clear()
    blog = BlogStore.open(long_blog)[1]
    assert html == export_blog(blog, ExportOptions.for_blog(blog, format="html")).text
    assert html.count('<section class="desk-entry"') == 270  # the ready ones


def test_the_folder_watcher_waits_for_the_load(qtbot: QtBot, partial: MainWindow) -> None:
    watcher = partial.exchange.watcher
    watcher.scan()
    assert not watcher.scanning  # a scan now would have to read every entry first
    assert partial.model is not None and partial.model.loading
    partial.model.finish_loading()
    watcher.scan(full=False)  # the first scan after the load looks at every file
    assert watcher.scanning
    qtbot.waitUntil(lambda: not watcher.scanning)


def test_closing_before_the_load_is_done_writes_nothing(
    partial: MainWindow, long_blog: Path
) -> None:
    def files() -> dict[Path, bytes]:
        return {p: p.read_bytes() for p in long_blog.rglob("*") if p.is_file()}

    lock = long_blog / ".desk.lock"
    before = files()
    assert partial.close()
    assert not lock.exists()
    before.pop(lock)
    assert files() == before


def test_a_file_that_fails_during_the_load_goes_to_the_problems_panel(
    qtbot: QtBot, long_blog: Path
) -> None:
    (long_blog / "entries" / "zzbroken.md").write_text("---\nid: [not, an id\n---\n\nText.\n")
    window = show(qtbot, build_window(long_blog, FrozenClock(START), **FAST))
    assert window.model is not None
    qtbot.waitUntil(lambda: window.model is not None and not window.model.loading)
    qtbot.waitUntil(lambda: any(row[0] == "entries/zzbroken.md" for row in window.problems.rows()))
    assert window.problems.isVisible()
    assert len(window.model.blog.entries) == ENTRIES


def test_the_entry_index_is_written_as_the_window_lets_the_blog_go(
    qtbot: QtBot, long_blog: Path
) -> None:
    window = show(qtbot, build_window(long_blog, FrozenClock(START), **FAST))
    qtbot.waitUntil(lambda: window.model is not None and not window.model.loading)
    assert not index_path(long_blog).exists()  # not in the middle of the writer's work
    assert window.close()
    assert index_path(long_blog).exists()
