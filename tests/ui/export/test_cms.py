"""Copy for CMS, Copy entry and Copy new through the window's real shortcuts: the clipboard
holds HTML and Markdown as the exports write them, and the published state moves."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desk.core.export.assemble import export_blog
from desk.core.export.options import ExportOptions
from desk.core.export.plaintext import export_plain_text
from desk.core.model import Blog
from desk.core.storage.store import BlogStore
from desk.ui.shell.actions import SPECS
from desk.ui.shell.window import MainWindow
from desk.ui.timeline.model import Role
from tests.ui.helpers import at

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture(autouse=True)
def clean_clipboard() -> Iterator[None]:
    """Empty the clipboard after each test: offscreen Qt keeps it in a static that is
    destroyed after Python, and a QMimeData made in Python crashes the process there."""
    yield
    QApplication.clipboard().clear()


def on_disk(blog_path: Path) -> Blog:
    return BlogStore.open(blog_path)[1]


def clipboard() -> tuple[str, str]:
    data = QApplication.clipboard().mimeData()
    assert data.hasHtml() and data.hasText()
    return data.html(), data.text()


def marks(window: MainWindow, entry_id: str) -> list[str]:
    assert window.model is not None
    return list(window.model.index_of(entry_id).data(Role.MARKS))


def press(qtbot: QtBot, window: MainWindow, key: Qt.Key, modifiers: Qt.KeyboardModifier) -> None:
    window.timeline.setFocus()
    qtbot.keyClick(window.timeline, key, modifiers)


def published(blog_path: Path) -> dict[str, bool]:
    """Which entries on disk say they went out, as they are now."""
    blog = on_disk(blog_path)
    return {
        e.id: e.published is not None and e.published_hash == e.content_hash()
        for e in blog.entries.values()
    }


def part(blog: Blog, *ids: str) -> Blog:
    return replace(blog, header="", ended=None, order=[i for i in blog.order if i in ids])


def test_copy_for_cms_holds_both_exports_and_marks_what_went_out(
    qtbot: QtBot, window: MainWindow, blog_path: Path
) -> None:
    press(qtbot, window, Qt.Key.Key_C, CTRL | SHIFT)
    html, text = clipboard()
    blog = on_disk(blog_path)
    # The same as the file exports with the blog's choices (here the defaults).
    assert html == export_blog(blog, ExportOptions.for_blog(blog, format="html")).text
    # The plain text reads as the page: no desk:entry marker, no tag.
    assert text == export_plain_text(blog, ExportOptions.for_blog(blog, format="html"))
    assert '<section class="desk-entry" id="entry-upd1958">' in html
    assert "UPDATE 1258 GMT:\n\nIlse Varga\n\nThe regional governor" in text
    assert "<" not in text
    assert "red warning" not in html  # the draft stays out
    assert window.status.currentMessage() == (
        "Copied 3 ready entries; marked 3 published; 1 draft left out"
    )
    assert published(blog_path) == {
        "orig001": True, "upd1530": True, "upd1958": True, "upd1712": False,
    }  # fmt: skip
    assert blog.entries["upd1958"].published == at(13, 3)
    assert marks(window, "upd1958") == ["published"]
    assert marks(window, "upd1712") == []


def test_copy_for_cms_uses_the_saved_choices(
    qtbot: QtBot, window: MainWindow, blog_path: Path
) -> None:
    assert window.model is not None
    window.model.set_blog_field("export", {"order": "oldest", "entries": "all", "embeds": "url"})
    press(qtbot, window, Qt.Key.Key_C, CTRL | SHIFT)
    html, text = clipboard()
    blog = window.model.blog
    options = ExportOptions(include_drafts=True, order="oldest", embeds="url")
    assert html == export_blog(blog, replace(options, format="html")).text
    assert text == export_plain_text(blog, options)
    assert html.index("entry-orig001") < html.index("entry-upd1958")
    assert text.index("ORIGINAL ENTRY:") < text.index("UPDATE 1258 GMT:")
    assert window.status.currentMessage() == "Copied 4 entries; marked 4 published"
    assert all(published(blog_path).values())


def test_copy_entry_copies_the_selected_entry_alone(
    qtbot: QtBot, window: MainWindow, blog_path: Path
) -> None:
    window.select_entry("upd1712")
    press(qtbot, window, Qt.Key.Key_C, CTRL | ALT)
    html, text = clipboard()
    assert window.model is not None
    blog = window.model.blog
    options = ExportOptions(include_drafts=True, key_events=False)
    assert html == export_blog(part(blog, "upd1712"), options).text
    assert text == export_plain_text(part(blog, "upd1712"), options)
    assert text == "UPDATE 1212 GMT:\n\nThe national weather office has extended its red warning.\n"
    assert html.startswith('<section class="desk-entry desk-draft" id="entry-upd1712">')
    assert html.count("<section") == 1 and "desk-header" not in html
    assert window.status.currentMessage() == "Copied UPDATE 1212 GMT (a draft); marked 1 published"
    assert published(blog_path) == {
        "orig001": False, "upd1530": False, "upd1958": False, "upd1712": True,
    }  # fmt: skip


def test_copy_new_copies_only_what_is_new_and_an_edit_shows_until_copied_again(
    qtbot: QtBot, window: MainWindow, blog_path: Path
) -> None:
    window.select_entry("upd1958")
    press(qtbot, window, Qt.Key.Key_C, CTRL | ALT)

    # The ready entries not yet out: newest first, the draft left out.
    press(qtbot, window, Qt.Key.Key_N, CTRL | ALT)
    html, text = clipboard()
    assert window.model is not None
    blog = window.model.blog
    options = ExportOptions(key_events=False)
    assert html == export_blog(part(blog, "upd1530", "orig001"), options).text
    assert text == export_plain_text(part(blog, "upd1530", "orig001"), options)
    assert html.index("entry-upd1530") < html.index("entry-orig001")
    assert "entry-upd1958" not in html
    assert window.status.currentMessage() == (
        "Copied 2 new entries; marked 2 published; 1 draft left out"
    )
    assert published(blog_path) == {
        "orig001": True, "upd1530": True, "upd1958": True, "upd1712": False,
    }  # fmt: skip

    # Nothing new: the clipboard keeps what it had.
    press(qtbot, window, Qt.Key.Key_N, CTRL | ALT)
    assert window.status.currentMessage() == "Nothing new to copy"
    assert clipboard() == (html, text)

    # An entry edited after it went out is marked until it is copied again.
    window.select_entry("upd1958")
    window.editor.body.setPlainText("The governor has now ordered an evacuation.")
    assert marks(window, "upd1958") == ["changed"]
    assert "Changed since it was copied" in window.model.index_of("upd1958").data(
        Qt.ItemDataRole.ToolTipRole
    )
    qtbot.waitUntil(lambda: not published(blog_path)["upd1958"])
    press(qtbot, window, Qt.Key.Key_N, CTRL | ALT)
    assert window.status.currentMessage() == (
        "Nothing new to copy; 1 entry changed since copied (Copy entry, Ctrl+Alt+C)"
    )
    window.select_entry("upd1958")
    press(qtbot, window, Qt.Key.Key_C, CTRL | ALT)
    assert "ordered an evacuation" in clipboard()[0]
    assert marks(window, "upd1958") == ["published"]
    assert published(blog_path)["upd1958"]


def test_ctrl_k_marks_a_key_event_and_undo_takes_it_back(
    qtbot: QtBot, window: MainWindow, blog_path: Path
) -> None:
    window.select_entry("upd1530")
    press(qtbot, window, Qt.Key.Key_K, CTRL)
    assert marks(window, "upd1530") == ["key"]
    assert "Key event" in window.model.index_of("upd1530").data(Qt.ItemDataRole.ToolTipRole)  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: on_disk(blog_path).entries["upd1530"].key)
    assert window.undo_stack.undoText() == "Mark key event"
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert marks(window, "upd1530") == []
    qtbot.waitUntil(lambda: not on_disk(blog_path).entries["upd1530"].key)
    press(qtbot, window, Qt.Key.Key_Z, CTRL | SHIFT)
    assert marks(window, "upd1530") == ["key"]


def test_pin_keeps_one_update_pinned_and_never_the_original(
    qtbot: QtBot, window: MainWindow, blog_path: Path
) -> None:
    def pinned() -> list[str]:
        return sorted(e.id for e in on_disk(blog_path).entries.values() if e.pinned)

    window.select_entry("upd1530")
    press(qtbot, window, Qt.Key.Key_P, CTRL | SHIFT)
    qtbot.waitUntil(lambda: pinned() == ["upd1530"])
    window.select_entry("upd1958")
    window.desk_actions["pin"].trigger()
    assert marks(window, "upd1958") == ["pinned"] and marks(window, "upd1530") == []
    qtbot.waitUntil(lambda: pinned() == ["upd1958"])

    press(qtbot, window, Qt.Key.Key_Z, CTRL)  # one step: the other pin comes back
    assert marks(window, "upd1530") == ["pinned"] and marks(window, "upd1958") == []
    qtbot.waitUntil(lambda: pinned() == ["upd1530"])

    window.select_entry("orig001")
    assert not window.desk_actions["pin"].isEnabled()
    window.copier.toggle_pin()
    assert window.model is not None and not window.model.blog.entries["orig001"].pinned


def test_shortcuts_are_unique() -> None:
    keys = Counter(s for spec in SPECS for s in spec.shortcuts)
    assert [k for k, n in keys.items() if n > 1] == []
