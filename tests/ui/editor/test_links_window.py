"""The window on a blog full of symbolic links: it opens with every real entry, lists each
link in the Problems panel, saves typing beside them, never shows what a link points at
(not even an image in the preview), and leaves every link and every file outside as is."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextDocument
from pytestqt.qtbot import QtBot

from desk.core.clock import FrozenClock
from desk.ui.shell.app import build_window
from tests.hostile import SECRET, link_state, make_hostile
from tests.ui.helpers import FAST, show

EXTRA_LINKS = {
    "entries/evil2.md": "../trash/evil2.md",
    "entries/gone1.md": "../../../outside/nothing.md",
    "entries/loop1.md": "loop1.md",
    "trash/evil3.md": "../../../outside/evil3.md",
    "words.txt": "../../outside/words.txt",
}


def test_the_window_opens_a_blog_of_links_and_follows_none(
    qtbot: QtBot, tmp_path: Path, clock: FrozenClock
) -> None:
    hostile = make_hostile(tmp_path, "image to a file outside")  # media/map.png
    (hostile.blog / "entries" / "evil1.md").symlink_to("../../../outside/evil1.md")
    for name, target in EXTRA_LINKS.items():
        (hostile.blog / name).symlink_to(target)
    (hostile.blog / "media" / "quay.png").write_bytes(b"\x89PNG quay")
    outside, links = hostile.outside_state(), link_state(hostile.blog)

    window = show(qtbot, build_window(hostile.blog, clock, **FAST))
    assert window.model is not None
    assert set(window.model.blog.entries) == {"k7f3c2a", "m1dn1te", "n0d2aft", "b2c9d01"}
    rows = {(file, problem) for file, _, problem in window.problems.rows()}
    linked = {"entries/evil1.md", "media/map.png", *EXTRA_LINKS}
    assert {(name, "a symbolic link; not read") for name in linked} <= rows
    assert window.problems.isVisible()
    assert window.problems.grab().save(str(tmp_path / "links-problems.png"))  # docs/ has one

    window.select_entry("k7f3c2a")
    body = window.editor.body
    body.moveCursor(body.textCursor().MoveOperation.End)
    body.insertPlainText(" Typed beside the links.")
    assert window.autosave.flush()
    assert "Typed beside the links." in (hostile.blog / "entries" / "k7f3c2a.md").read_text()

    preview = window.editor.preview
    image = QTextDocument.ResourceType.ImageResource.value
    assert preview.loadResource(image, QUrl("media/map.png")) is None
    assert preview.loadResource(image, QUrl("media/../../../outside/secret.png")) is None
    assert bytes(preview.loadResource(image, QUrl("media/quay.png"))) == b"\x89PNG quay"
    assert SECRET not in preview.toPlainText()

    watcher = window.exchange.watcher
    arrived = hostile.blog / "entries" / "late123.md"
    arrived.symlink_to("../../../outside/evil1.md")
    links[str(arrived.relative_to(hostile.blog))] = "../../../outside/evil1.md"
    watcher.refresh()
    assert "late123" not in window.model.blog.entries
    assert ("entries/late123.md", "a symbolic link; not read") in {
        (file, problem) for file, _, problem in window.problems.rows()
    }
    assert str(hostile.blog / "entries") in watcher._files.directories()
    assert hostile.outside_state() == outside
    assert link_state(hostile.blog) == links
