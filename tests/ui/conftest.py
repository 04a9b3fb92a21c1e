"""Fixtures for the window tests: a frozen clock, a small blog on disk, and the window
on that blog with fast autosave timers."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desk.core.clock import FrozenClock
from desk.ui.shell.app import build_window
from desk.ui.shell.window import MainWindow
from tests.ui.helpers import FAST, at, make_blog, show


@pytest.fixture(autouse=True)
def empty_clipboard(qapp: QApplication) -> Iterator[None]:
    """Offscreen Qt keeps the clipboard in a static object destroyed after Python has shut
    down; a QMimeData from Python still on it then crashes the process at exit."""
    yield
    clipboard = QApplication.clipboard()
    if clipboard is not None:
        clipboard.clear()


@pytest.fixture(autouse=True)
def unfrozen_collector() -> Iterator[None]:
    """The window freezes the collector's view of a blog once it is read; a test's blog is
    not kept from collection through every later test."""
    yield
    gc.unfreeze()


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(at(13, 3))


@pytest.fixture
def blog_path(isolated_home: Path) -> Path:
    return make_blog(isolated_home / "drafts")


@pytest.fixture
def window(qtbot: QtBot, blog_path: Path, clock: FrozenClock) -> MainWindow:
    return show(qtbot, build_window(blog_path, clock, **FAST))
