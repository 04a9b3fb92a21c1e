"""The timeline's rows as they are painted: drawn from layouts kept between paints, a row
must still look exactly as a delegate that never painted before draws it, after its text,
status or stamp changed, the timeline was narrowed, a row was selected or the font
changed; the scroll bar repaints only its handle and still looks whole; screen readers
read every row."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QAccessible, QFont, QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desk.core.clock import FrozenClock
from desk.core.model import Entry
from desk.core.storage.store import BlogStore
from desk.ui.shell.app import build_window
from desk.ui.shell.window import MainWindow
from desk.ui.timeline.model import TYPING_PAUSE_MS, TimelineModel
from desk.ui.timeline.view import Texts, TimelineDelegate, TimelineView
from tests.ui.helpers import FAST, at, show


def picture(view: TimelineView) -> QImage:
    return view.grab().toImage()


def fresh_picture(view: TimelineView) -> QImage:
    """The timeline as a delegate that has laid out nothing yet paints it."""
    kept = view.itemDelegate()
    view.setItemDelegate(TimelineDelegate(view))
    try:
        return picture(view)
    finally:
        view.setItemDelegate(kept)


def row_picture(view: TimelineView, model: TimelineModel, entry_id: str) -> QImage:
    rect = view.visualRect(view.model().mapFromSource(model.index_of(entry_id)))
    return picture(view).copy(rect)


def settle(qtbot: QtBot) -> None:
    qtbot.wait(20)


def model_of(window: MainWindow) -> TimelineModel:
    assert window.model is not None
    return window.model


def test_first_and_later_paints_look_the_same(qtbot: QtBot, window: MainWindow) -> None:
    view = window.timeline
    view.setItemDelegate(TimelineDelegate(view))
    first = picture(view)  # every text drawn at once
    assert picture(view) == first  # laid out the second time
    assert picture(view) == first  # drawn from the layouts kept
    window.select_entry("upd1958")
    settle(qtbot)
    assert picture(view) == fresh_picture(view)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("headline", "Ferries are back at the quay"),
        ("status", "draft"),
        ("stamp", at(12, 59)),
        ("author", "Marta Kell"),
        ("key", True),
    ],
)
def test_a_changed_row_is_painted_with_its_new_fields(
    qtbot: QtBot, window: MainWindow, field: str, value: object
) -> None:
    view, model = window.timeline, model_of(window)
    picture(view)
    picture(view)  # its texts laid out and kept
    before = row_picture(view, model, "upd1958")
    model.set_entry_field("upd1958", field, value)
    settle(qtbot)
    assert row_picture(view, model, "upd1958") != before
    assert picture(view) == fresh_picture(view)


def test_typing_repaints_the_row_after_the_pause(qtbot: QtBot, window: MainWindow) -> None:
    view, model = window.timeline, model_of(window)
    picture(view)
    picture(view)
    before = row_picture(view, model, "upd1712")
    model.set_entry_field("upd1712", "body", "Two words")
    qtbot.wait(TYPING_PAUSE_MS + 50)
    assert row_picture(view, model, "upd1712") != before
    assert picture(view) == fresh_picture(view)


def test_narrowing_the_timeline_elides_again(qtbot: QtBot, window: MainWindow) -> None:
    view, model = window.timeline, model_of(window)
    window.resize(1400, 700)
    settle(qtbot)
    picture(view)
    wide = row_picture(view, model, "upd1712")
    view.setFixedWidth(230)
    settle(qtbot)
    narrow = row_picture(view, model, "upd1712")
    assert narrow.width() < wide.width()
    assert narrow != wide.copy(QRect(0, 0, narrow.width(), narrow.height()))
    assert picture(view) == fresh_picture(view)


def test_selecting_a_row_repaints_it_and_the_one_left(qtbot: QtBot, window: MainWindow) -> None:
    view, model = window.timeline, model_of(window)
    window.select_entry("upd1530")
    settle(qtbot)
    picture(view)
    unselected = row_picture(view, model, "upd1958")
    window.select_entry("upd1958")
    settle(qtbot)
    assert row_picture(view, model, "upd1958") != unselected
    assert picture(view) == fresh_picture(view)
    view.setFocus()  # the selected row's look follows the focus
    settle(qtbot)
    assert picture(view) == fresh_picture(view)
    view.setCurrentIndex(view.model().index(0, 0))  # the header: painted first, selected
    settle(qtbot)
    assert picture(view) == fresh_picture(view)


def test_a_new_font_lays_the_rows_out_again(qtbot: QtBot, window: MainWindow) -> None:
    view = window.timeline
    before = picture(view)
    font = QFont(view.font())
    font.setPointSizeF(font.pointSizeF() + 3)
    view.setFont(font)
    settle(qtbot)
    after = picture(view)
    assert after != before
    assert after == fresh_picture(view)


def test_screen_readers_read_every_row(window: MainWindow) -> None:
    model = model_of(window)
    model.set_entry_field("upd1958", "key", True)
    timeline = QAccessible.queryAccessibleInterface(window.timeline)
    assert timeline.text(QAccessible.Text.Name) == "Timeline"
    rows = [timeline.child(i).text(QAccessible.Text.Name) for i in range(timeline.childCount())]
    assert rows == [
        "Blog header: Harbour storm",
        "UPDATE 1258 GMT: ready, The regional governor has rejected calls to evacuate., key event",
        "UPDATE 1212 GMT: draft, The national weather office has extended its red warning.",
        "UPDATE 1130 GMT: ready, Fishermen found",
        "ORIGINAL ENTRY: ready, Storm Maren has flooded the lower town of Port Elvan.",
    ]


def test_laid_out_texts_are_kept_by_width_and_let_go_when_full(qapp: QApplication) -> None:
    texts = Texts(QFont(), size=3)
    long = "The regional governor has rejected calls to evacuate the lower town tonight"
    wide, narrow = texts.get(long, 2000), texts.get(long, 80)
    assert wide.static.text() == long
    assert narrow.static.text() != long and narrow.static.text().endswith("…")
    assert texts.get(long, 80) is narrow
    for word in ("one", "two", "three"):
        texts.get(word)
    assert len(texts) == 3


# -- the scroll bar ----------------------------------------------------------------------


def make_long_blog(drafts: Path) -> Path:
    store, blog = BlogStore.create(drafts, "Harbour storm", date(2025, 3, 14))
    start = datetime(2025, 3, 14, 6, 0, tzinfo=UTC)
    blog.add(Entry("orig000", start, kind="original", status="ready", body="The original."))
    for number in range(1, 400):
        body = f"Update number {number} from the harbour."
        blog.add(Entry(f"upd{number:03d}", start + timedelta(minutes=number), body=body))
    store.save(blog)
    return store.root


def test_the_scroll_bar_looks_whole_though_only_its_handle_is_repainted(
    qtbot: QtBot, isolated_home: Path
) -> None:
    window = show(qtbot, build_window(make_long_blog(isolated_home / "drafts"),
                                      FrozenClock(at(13, 3)), **FAST))  # fmt: skip
    bar = window.timeline.verticalScrollBar()
    assert bar.maximum() > 10 * bar.pageStep()
    screen = QApplication.primaryScreen()

    def on_screen() -> QImage:
        shot = screen.grabWindow(window.winId()).toImage()
        return shot.copy(QRect(bar.mapTo(window, QPoint(0, 0)), bar.size()))

    for value in (1, 40, bar.pageStep(), 5 * bar.pageStep(), bar.maximum() // 2, 3, 0):
        bar.setValue(value)
        settle(qtbot)
        shown = on_screen()
        bar.repaint()  # all of it
        assert on_screen() == shown, value


def test_an_empty_list_says_why_it_is_empty(
    qtbot: QtBot, window: MainWindow, isolated_home: Path
) -> None:
    view = window.timeline
    assert view.hint() == ""
    window.filter_box.setText("no such words anywhere")
    assert window.proxy.rowCount() == 1  # the header alone
    # The filter hides the entries: not "No entries yet", which would alarm a reporter.
    assert view.hint() == "No entry matches the filter.\n\nClear it to see all 4."
    window.filter_box.clear()
    assert view.hint() == ""
    store, _blog = BlogStore.create(isolated_home / "drafts", "Dyke watch", date(2025, 3, 14))
    assert window.open_blog(store.root)
    assert view.hint().startswith("No entries yet.")
