"""Every feature of the window made on a door with no window behind it: it handles exactly
the actions the table gives it, places its widgets through the door, and works."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desk.core.clock import FrozenClock
from desk.ui.door import Desk, Place
from desk.ui.shell.actions import SPECS, STANDING
from desk.ui.shell.features import feature_class
from tests.ui.fake_desk import FakeDesk

FEATURES = sorted({spec.feature for spec in SPECS if spec.feature} | set(STANDING))


@pytest.fixture
def desk(qtbot: QtBot, blog_path: Path, clock: FrozenClock, tmp_path: Path) -> FakeDesk:
    fake = FakeDesk(blog_path, clock, tmp_path / "settings.ini")
    qtbot.addWidget(fake.window)
    return fake


def test_the_fake_is_a_door(desk: FakeDesk) -> None:
    door: Desk = desk  # mypy holds the fake to the protocol; here it is used as one
    assert door.model is not None


@pytest.mark.parametrize("path", FEATURES)
def test_each_feature_handles_the_actions_the_table_gives_it(desk: FakeDesk, path: str) -> None:
    feature = desk.features.load(path)
    wanted = {spec.name for spec in SPECS if spec.feature == path}
    assert set(feature.handlers()) == wanted
    assert desk.feature(feature_class(path)) is feature  # one of each, made once


def test_standing_features_place_their_widgets_through_the_door(desk: FakeDesk) -> None:
    for path in STANDING:
        desk.features.load(path)
    assert sorted(p.value for p in desk.places()) == sorted(p.value for p in Place)


def test_entry_kinds_make_an_original_entry_without_a_window(desk: FakeDesk) -> None:
    from desk.ui.timeline.entry_kind import EntryKinds

    assert desk.model is not None
    original = desk.model.blog.original()
    assert original is not None
    desk.select_entry(original.id)
    desk.feature(EntryKinds).handlers()["make_update"]()
    assert desk.model.blog.original() is None
    assert desk.said == ["UPDATE 0900 GMT is an update now"]
    desk.feature(EntryKinds).handlers()["new_original"]()
    made = desk.model.blog.original()
    assert made is not None and made.id == desk.selected
    desk.undo_stack.undo()
    desk.undo_stack.undo()
    assert desk.model.blog.original() == original


def test_the_copier_copies_for_the_cms_without_a_window(desk: FakeDesk) -> None:
    from desk.ui.export.cms_copy import Copier

    desk.feature(Copier).handlers()["copy_cms"]()
    html = QApplication.clipboard().mimeData().html()
    assert "Two fishermen missing since Thursday" in html
    assert desk.said and desk.said[-1].startswith("Copied 3 ready entries")


def test_problems_listen_to_the_door_for_the_blog_opened(desk: FakeDesk) -> None:
    from desk.ui.blog.problems import ProblemsPanel

    panel = desk.feature(ProblemsPanel)
    assert desk.model is not None
    desk.events.blog_changed.emit(desk.model)
    assert panel.root == desk.model.store.root
    desk.events.blog_changed.emit(None)
    assert panel.root is None


def test_find_in_all_entries_without_a_window(desk: FakeDesk) -> None:
    from desk.ui.editor.find_all import BlogFind

    find = desk.feature(BlogFind)
    desk.editor.find_bar.find_box.setText("fishermen")
    assert [hit.entry_id for hit in find.search()] == ["upd1530", "upd1530"]
