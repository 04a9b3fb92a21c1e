"""Helpers for the window tests: a small blog on disk, the window shown and active."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import TypedDict

from pytestqt.qtbot import QtBot

from desk.core.model import Entry
from desk.core.storage.store import BlogStore
from desk.ui.shell.window import MainWindow

COVERAGE = date(2025, 3, 14)


class Timers(TypedDict):
    autosave_delay_ms: int
    retry_ms: int


FAST: Timers = {"autosave_delay_ms": 30, "retry_ms": 80}  # autosave fast, for quick tests


def at(hour: int, minute: int) -> datetime:
    return datetime(2025, 3, 14, hour, minute, tzinfo=UTC)


def make_blog(drafts: Path) -> Path:
    """A blog of four entries: three updates (newest first) and the original entry."""
    store, blog = BlogStore.create(drafts, "Harbour storm", COVERAGE)
    entries = [
        Entry("orig001", at(9, 0), kind="original", status="ready", author="Jane Doe",
              body="Storm Maren has flooded the lower town of Port Elvan."),
        Entry("upd1530", at(11, 30), status="ready", headline="Fishermen found",
              body="Two fishermen missing since Thursday have been found alive."),
        Entry("upd1712", at(12, 12), status="draft",
              body="The national weather office has extended its red warning."),
        Entry("upd1958", at(12, 58), status="ready", author="Ilse Varga",
              body="The regional governor has rejected calls to evacuate."),
    ]  # fmt: skip
    for entry in entries:
        blog.add(entry, by_stamp=True)
    store.save(blog)
    return store.root


def order_on_disk(path: Path) -> list[str]:
    return BlogStore.open(path)[1].order


def snapshot(path: Path) -> dict[Path, tuple[bytes, int]]:
    """Every file of the blog with its bytes and modification time, but the store's own
    .history/ (earlier versions it keeps of an entry being replaced)."""
    return {
        p: (p.read_bytes(), p.stat().st_mtime_ns)
        for p in path.rglob("*")
        if p.is_file() and ".history" not in p.relative_to(path).parts
    }


def show(qtbot: QtBot, window: MainWindow) -> MainWindow:
    """Show the window and wait until it is active, so that its shortcuts work."""
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window
