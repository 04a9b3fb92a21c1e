"""The timeline filter keeps the writer's selection where it can, and the status bar says
how many entries it shows."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desk.ui.shell.window import MainWindow


def selected(window: MainWindow) -> str:
    entry = window.selected_entry()
    return entry.id if entry is not None else ""


def test_clearing_the_filter_brings_the_selection_back(qtbot: QtBot, window: MainWindow) -> None:
    window.select_entry("upd1712")
    qtbot.keyClicks(window.filter_box, "fishermen")
    assert window.proxy.rowCount() == 2  # the header and the one entry
    assert window.status.shown.isVisible()
    assert window.status.shown.text() == "· 1 of 4 shown"
    window.filter_box.clear()
    assert selected(window) == "upd1712"  # not the blog header
    assert not window.status.shown.isVisible()


def test_a_selection_the_filter_shows_stays(qtbot: QtBot, window: MainWindow) -> None:
    window.select_entry("upd1958")
    qtbot.keyClicks(window.filter_box, "governor")
    assert selected(window) == "upd1958"
    window.filter_box.clear()
    window.select_entry("upd1712")
    window.status_filter.setCurrentIndex(1)  # drafts only
    assert selected(window) == "upd1712"
    assert window.status.shown.text() == "· 1 of 4 shown"
    window.status_filter.setCurrentIndex(2)  # ready only: the draft is hidden
    assert window.status.shown.text() == "· 3 of 4 shown"
    window.status_filter.setCurrentIndex(0)
    assert selected(window) == "upd1712"


def test_choosing_another_entry_while_filtered_is_kept(qtbot: QtBot, window: MainWindow) -> None:
    window.select_entry("upd1712")
    qtbot.keyClicks(window.filter_box, "the")
    assert window.model is not None
    assert window.proxy.mapFromSource(window.model.index_of("orig001")).isValid()
    window.select_entry("orig001")  # the writer's new choice, made while filtered
    window.filter_box.clear()
    assert selected(window) == "orig001"
    assert window.status.counts.text() == "4 entries (3 ready, 1 draft)"
