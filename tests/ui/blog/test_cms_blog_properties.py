"""File → Blog properties… (the page's address makes labels permalinks) and File → End
coverage… (`ended` in blog.yaml), each undoable."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from desk.core.storage.store import BlogStore
from desk.ui.blog.properties import (
    BlogProperties,
    BlogPropertiesDialog,
    CoverageEnd,
    EndCoverageDialog,
    url_problem,
    with_scheme,
)
from desk.ui.shell.window import MainWindow
from desk.ui.timeline.model import Role
from tests.ui.helpers import at

URL = "https://example.com/news/live/harbour-storm"


@pytest.fixture(autouse=True)
def clean_clipboard() -> Iterator[None]:
    """Empty the clipboard after each test: offscreen Qt keeps it in a static that is
    destroyed after Python, and a QMimeData made in Python crashes the process there."""
    yield
    QApplication.clipboard().clear()


def test_the_page_address_makes_each_label_a_permalink(
    qtbot: QtBot, window: MainWindow, blog_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def ask(cls: object, parent: object, blog: object, *_default: object) -> BlogProperties:
        return BlogProperties("Harbour storm live", URL)

    monkeypatch.setattr(BlogPropertiesDialog, "ask", classmethod(ask))
    window.desk_actions["blog_properties"].trigger()
    qtbot.waitUntil(lambda: BlogStore.open(blog_path)[1].url == URL)
    assert BlogStore.open(blog_path)[1].title == "Harbour storm live"
    window.desk_actions["copy_cms"].trigger()
    html = QApplication.clipboard().mimeData().html()
    assert f'<a href="{URL}#entry-upd1958"><time datetime="2025-03-14T12:58:00Z">' in html
    assert f'<a href="{URL}#entry-orig001">' in html

    assert window.undo_stack.undoText() == "Mark 3 entries published"  # the copy's own step
    window.undo_stack.undo()
    assert window.undo_stack.undoText() == "Blog properties"  # title and address, one step
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: BlogStore.open(blog_path)[1].url == "")
    assert window.model is not None and window.model.blog.title == "Harbour storm"


def test_the_address_is_checked(qtbot: QtBot, window: MainWindow) -> None:
    assert url_problem("") == url_problem(URL) == ""
    assert url_problem("example.com/live")
    assert url_problem("ftp://example.com/live")
    assert "#" in url_problem(URL + "#top")
    assert window.model is not None
    dialog = BlogPropertiesDialog(window, window.model.blog)
    qtbot.addWidget(dialog)
    ok = dialog.box.button(QDialogButtonBox.StandardButton.Ok)
    dialog.url.setText("not an address")
    assert not ok.isEnabled()
    dialog.url.setText(f"  {URL} ")
    assert ok.isEnabled()
    assert dialog.chosen() == BlogProperties("Harbour storm", URL)


def test_end_coverage_writes_ended_and_undo_clears_it(
    qtbot: QtBot, window: MainWindow, blog_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    offered: list[object] = []

    def ask(cls: object, parent: object, ended: object, now: object) -> CoverageEnd:
        offered.append((ended, now))
        return CoverageEnd(at(18, 0))

    monkeypatch.setattr(EndCoverageDialog, "ask", classmethod(ask))
    window.desk_actions["end_coverage"].trigger()
    assert offered == [(None, at(13, 3))]
    qtbot.waitUntil(lambda: BlogStore.open(blog_path)[1].ended == at(18, 0))
    assert "ended: 2025-03-14T18:00:00Z" in (blog_path / "blog.yaml").read_text()
    assert window.model is not None
    assert window.model.index(0).data(Role.LABEL) == "Blog header · 14 Mar 2025 · ended 1800 GMT"
    window.desk_actions["copy_cms"].trigger()
    assert "Coverage ended at 1800 GMT, 14 March 2025." in QApplication.clipboard().text()
    assert window.undo_stack.undoText() == "Mark 3 entries published"  # the copy's own step
    window.undo_stack.undo()
    assert window.undo_stack.undoText() == "End coverage"
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: BlogStore.open(blog_path)[1].ended is None)


def test_the_end_dialog_offers_now_and_a_way_back(qtbot: QtBot, window: MainWindow) -> None:
    fresh = EndCoverageDialog(window, None, at(13, 3))
    qtbot.addWidget(fresh)
    assert fresh.chosen() == CoverageEnd(at(13, 3))
    fresh.when.setDateTime(fresh.when.dateTime().addSecs(90 * 60))
    assert fresh.chosen() == CoverageEnd(at(14, 33))

    ended = EndCoverageDialog(window, at(18, 0), at(19, 0))
    qtbot.addWidget(ended)
    assert ended.chosen() == CoverageEnd(at(18, 0))  # the time already set, not now
    ended.clear()
    assert ended.chosen() == CoverageEnd(None)


def test_an_address_typed_without_https_gets_it(qtbot: QtBot, window: MainWindow) -> None:
    assert with_scheme("example.com/news/live/harbour-storm") == URL
    assert with_scheme(" www.example.com ") == "https://www.example.com"
    assert with_scheme(URL) == URL
    assert with_scheme("http://example.com/live") == "http://example.com/live"
    assert with_scheme("not an address") == "not an address"
    assert window.model is not None
    dialog = BlogPropertiesDialog(window, window.model.blog)
    qtbot.addWidget(dialog)
    ok = dialog.box.button(QDialogButtonBox.StandardButton.Ok)
    dialog.url.setText("example.com/news/live/harbour-storm")
    assert ok.isEnabled()
    assert URL in dialog.hint.text()
    assert dialog.chosen() == BlogProperties("Harbour storm", URL)
    dialog.url.editingFinished.emit()  # leaving the field shows what will be saved
    assert dialog.url.text() == URL
