"""The WordPress profile in the window: the export dialog's "For" choice, kept in blog.yaml,
used by Copy for CMS, Copy entry and Copy new; structured data copied on its own."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox
from pytestqt.qtbot import QtBot

from desk.core.export.assemble import export_blog
from desk.core.export.options import ExportOptions
from desk.core.model import Blog
from desk.core.storage.store import BlogStore
from desk.ui.export.dialog import WORDPRESS_NOTE, ExportDialog
from desk.ui.shell.window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier
WORDPRESS = ExportOptions(format="html", cms="wordpress")


@pytest.fixture(autouse=True)
def clean_clipboard() -> Iterator[None]:
    """Empty the clipboard after each test: offscreen Qt keeps it in a static that is
    destroyed after Python, and a QMimeData made in Python crashes the process there."""
    yield
    QApplication.clipboard().clear()


def choose(box: QComboBox, value: object) -> None:
    box.setCurrentIndex(box.findData(value))


@pytest.fixture
def dialog(qtbot: QtBot, window: MainWindow) -> ExportDialog:
    dialog = ExportDialog.for_window(window.desk)
    qtbot.addWidget(dialog)
    return dialog


def press(qtbot: QtBot, window: MainWindow, key: Qt.Key, modifiers: Qt.KeyboardModifier) -> None:
    window.timeline.setFocus()
    qtbot.keyClick(window.timeline, key, modifiers)


def part(blog: Blog, *ids: str) -> Blog:
    return replace(blog, header="", ended=None, order=[i for i in blog.order if i in ids])


def test_for_wordpress_previews_blocks_and_turns_embeds_off(
    window: MainWindow, dialog: ExportDialog
) -> None:
    assert dialog.cms_box.currentData() == "generic" and dialog.embeds_box.isEnabled()
    choose(dialog.cms_box, "wordpress")
    dialog.refresh()
    assert window.model is not None
    assert dialog.preview.toPlainText() == export_blog(window.model.blog, WORDPRESS).text
    assert '<!-- wp:paragraph {"anchor":"entry-upd1958"} -->' in dialog.preview.toPlainText()
    assert not dialog.embeds_box.isEnabled()
    texts = [dialog.checks.item(i).text() for i in range(dialog.checks.count())]
    assert texts[-1] == WORDPRESS_NOTE
    choose(dialog.format_box, "md")
    dialog.refresh()
    assert not dialog.cms_box.isEnabled() and dialog.embeds_box.isEnabled()
    assert "wp:" not in dialog.preview.toPlainText()
    assert WORDPRESS_NOTE not in [
        dialog.checks.item(i).text() for i in range(dialog.checks.count())
    ]


def test_the_choice_is_kept_in_blog_yaml_and_used_by_copy_for_cms(
    qtbot: QtBot, window: MainWindow, dialog: ExportDialog, blog_path: Path
) -> None:
    choose(dialog.cms_box, "wordpress")
    dialog.reject()
    saved = {"format": "html", "entries": "ready", "order": "newest", "key_events": True,
             "cms": "wordpress"}  # fmt: skip
    qtbot.waitUntil(lambda: BlogStore.open(blog_path)[1].export == saved)
    assert "cms: wordpress" in (blog_path / "blog.yaml").read_text()
    press(qtbot, window, Qt.Key.Key_C, CTRL | SHIFT)
    data = QApplication.clipboard().mimeData()
    assert window.model is not None
    assert data.html() == export_blog(window.model.blog, WORDPRESS).text
    assert data.html().startswith("<!-- wp:")
    assert "<section" not in data.html() and "<script" not in data.html()


def test_copy_entry_and_copy_new_paste_blocks_too(
    qtbot: QtBot, window: MainWindow, blog_path: Path
) -> None:
    assert window.model is not None
    window.model.set_blog_field("export", {"cms": "wordpress"})
    window.select_entry("upd1712")
    press(qtbot, window, Qt.Key.Key_C, CTRL | ALT)
    html = QApplication.clipboard().mimeData().html()
    blog = window.model.blog
    options = replace(WORDPRESS, include_drafts=True, key_events=False)
    assert html == export_blog(part(blog, "upd1712"), options).text
    assert html.startswith('<!-- wp:paragraph {"anchor":"entry-upd1712"} -->')
    press(qtbot, window, Qt.Key.Key_N, CTRL | ALT)
    html = QApplication.clipboard().mimeData().html()
    assert html.startswith('<!-- wp:paragraph {"anchor":"entry-upd1958"} -->')
    assert "entry-upd1712" not in html


def test_copy_structured_data_puts_the_json_ld_alone_on_the_clipboard(
    window: MainWindow, dialog: ExportDialog, blog_path: Path
) -> None:
    before = (blog_path / "blog.yaml").read_bytes()
    choose(dialog.cms_box, "wordpress")
    dialog.jsonld_button.click()
    text = QApplication.clipboard().text()
    assert text.startswith('<script type="application/ld+json">')
    data = json.loads(text.split("\n", 1)[1].rsplit("</script>", 1)[0])
    assert data["@type"] == "LiveBlogPosting"
    assert [u["url"] for u in data["liveBlogUpdate"]] == [
        "#entry-upd1958", "#entry-upd1530", "#entry-orig001",
    ]  # fmt: skip
    assert window.autosave.flush()
    assert (blog_path / "blog.yaml").read_bytes() == before  # nothing marked published


def test_export_menu_copy_structured_data_copies_the_blogs_json_ld(
    window: MainWindow, blog_path: Path
) -> None:
    assert window.model is not None
    window.model.set_blog_field("export", {"cms": "wordpress"})
    window.desk_actions["copy_jsonld"].trigger()
    text = QApplication.clipboard().text()
    data = json.loads(text.split("\n", 1)[1].rsplit("</script>", 1)[0])
    assert data["headline"] == window.model.blog.title
    assert len(data["liveBlogUpdate"]) == 3  # the ready entries, as Copy for CMS
    assert window.status.currentMessage().startswith("Copied the structured data (JSON-LD)")
    assert window.desk_actions["copy_jsonld"].text() == "Copy &structured data"
