"""The Problems panel: a blog with bad files opens with everything readable, lists each bad
file with its line and problem, notes them in the status bar, and never writes over them.
A blog.yaml that cannot be read is rebuilt from the entries only if the user agrees."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from desk.core.clock import FrozenClock
from desk.core.errors import Problem
from desk.ui.blog import problems as problems_module
from desk.ui.blog.lock import RebuildDialog
from desk.ui.blog.problems import ProblemPathDialog
from desk.ui.shell.app import build_window
from desk.ui.shell.window import MainWindow
from tests.ui.helpers import FAST, show

BAD_FILES = {
    "notyaml.md": b'---\nid: "notyaml"\nstamp: [unclosed\n---\nBody.\n',
    "binary1.md": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    "tagged1.md": b'---\nid: "tagged1"\nstamp: !!python/object/apply:os.system ["true"]\n---\nx\n',
}


@pytest.fixture
def bad_blog(blog_path: Path) -> Path:
    for name, data in BAD_FILES.items():
        (blog_path / "entries" / name).write_bytes(data)
    return blog_path


def message_boxes(title: str) -> list[QMessageBox]:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QMessageBox) and w.isVisible() and w.windowTitle() == title
    ]


def test_bad_files_are_listed_in_the_panel_and_noted_in_the_status_bar(
    qtbot: QtBot, bad_blog: Path, clock: FrozenClock
) -> None:
    window = show(qtbot, build_window(bad_blog, clock, **FAST))
    assert window.model is not None and len(window.model.blog.entries) == 4
    panel = window.problems
    assert panel.isVisible()
    assert window.desk_actions["problems"].isChecked()
    rows = panel.rows()
    assert sorted(r[0] for r in rows) == sorted(f"entries/{name}" for name in BAD_FILES)
    by_file = {r[0]: r for r in rows}
    lines = {p.path.name: p.line for p in window.model.store.problems}
    assert by_file["entries/notyaml.md"][1] == str(lines["notyaml.md"])  # YAML's line
    assert lines["notyaml.md"] is not None
    assert "binary" in by_file["entries/binary1.md"][2]
    assert "tag" in by_file["entries/tagged1.md"][2].lower()
    assert panel.note.isVisible()
    assert panel.note.text() == "3 files could not be read — see Problems"
    assert message_boxes("Some files could not be read") == []  # the panel replaced it

    window.desk_actions["problems"].trigger()  # View → Problems hides it, and shows it
    assert not panel.isVisible()
    panel.note.click()
    assert panel.isVisible() and window.desk_actions["problems"].isChecked()
    panel.close()
    assert not window.desk_actions["problems"].isChecked()


def test_bad_files_are_never_written_while_the_blog_is_edited(
    qtbot: QtBot, bad_blog: Path, clock: FrozenClock
) -> None:
    window = show(qtbot, build_window(bad_blog, clock, **FAST))
    window.select_entry("upd1958")
    window.editor.body.insertPlainText("More. ")
    window.new_update()
    window.editor.body.insertPlainText("A new update.")
    assert window.autosave.flush()
    window.close()
    for name, data in BAD_FILES.items():
        assert (bad_blog / "entries" / name).read_bytes() == data


def test_a_clean_blog_shows_no_panel_and_no_note(window: MainWindow) -> None:
    assert not window.problems.isVisible()
    assert not window.problems.note.isVisible()
    assert window.problems.rows() == []


def test_double_click_shows_the_file_path_and_can_open_its_folder(
    qtbot: QtBot, bad_blog: Path, clock: FrozenClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = show(qtbot, build_window(bad_blog, clock, **FAST))
    asked: list[Path] = []
    opened: list[Path] = []

    def answer(cls: object, parent: object, path: Path) -> bool:
        asked.append(path)
        return True

    monkeypatch.setattr(ProblemPathDialog, "ask", classmethod(answer))
    monkeypatch.setattr(problems_module, "open_folder", opened.append)
    tree = window.problems.list
    qtbot.waitUntil(lambda: tree.visualRect(tree.model().index(0, 0)).height() > 0)
    where = tree.visualRect(tree.model().index(0, 0)).center()
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert asked and asked[0].is_absolute() and asked[0].parent == bad_blog / "entries"
    assert opened == asked


def test_an_outside_change_is_listed_as_it_happens(
    qtbot: QtBot, window: MainWindow, blog_path: Path
) -> None:
    entry_file = blog_path / "entries" / "upd1958.md"
    entry_file.write_text(entry_file.read_text().replace("rejected", "accepted"))
    window.select_entry("upd1958")
    window.editor.body.insertPlainText("Ours. ")
    qtbot.waitUntil(lambda: bool(window.problems.rows()))
    file, _line, message = window.problems.rows()[0]
    assert file == "entries/upd1958.md"
    assert "changed outside Desk" in message
    assert window.problems.isVisible()


def test_later_problems_can_be_added(window: MainWindow, blog_path: Path) -> None:
    window.problems.add_problems([Problem(blog_path / "entries" / "x.md", "is odd", 7)])
    assert window.problems.rows() == [("entries/x.md", "7", "is odd")]


BROKEN_YAML = b"title: [Harbour storm\ndate: 2025-03-14\n"


@pytest.mark.parametrize("agree", [True, False])
def test_a_broken_blog_yaml_is_rebuilt_only_when_the_user_agrees(
    qtbot: QtBot,
    blog_path: Path,
    clock: FrozenClock,
    monkeypatch: pytest.MonkeyPatch,
    agree: bool,
) -> None:
    (blog_path / "blog.yaml").write_bytes(BROKEN_YAML)
    asked: list[Problem] = []

    def answer(cls: object, parent: object, problem: Problem) -> bool:
        asked.append(problem)
        return agree

    monkeypatch.setattr(RebuildDialog, "ask", classmethod(answer))
    window = show(qtbot, build_window(blog_path, clock, **FAST))
    assert len(asked) == 1 and asked[0].path.name == "blog.yaml"
    if agree:
        assert window.model is not None
        assert window.model.blog.order == ["upd1958", "upd1712", "upd1530", "orig001"]
        assert (blog_path / "blog.yaml.broken").read_bytes() == BROKEN_YAML
        assert not window.safety.read_only
    else:
        assert window.model is None
        assert (blog_path / "blog.yaml").read_bytes() == BROKEN_YAML
        assert not (blog_path / "blog.yaml.broken").exists()
        assert len(message_boxes("Cannot open blog")) == 1
        assert not (blog_path / ".desk.lock").exists()  # the lock went with the blog
