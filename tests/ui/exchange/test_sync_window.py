"""Sync in the window: Share blog…, Sync now (F5), Join a shared blog…, the status bar,
and entries arriving while the writer types."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desk.core.clock import FrozenClock
from desk.core.storage.store import BlogStore, is_conflict_copy
from desk.core.sync.engine import join, share, sync
from desk.ui.exchange.sync import RemoteDialog
from desk.ui.shell.app import build_window
from desk.ui.shell.window import MainWindow
from tests.sync_helpers import add, at, edit, git, need_git
from tests.ui.helpers import FAST, show

WAIT_MS = 60_000


def settle(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(
        lambda: not window.syncing.running and window.syncing.applier is None, timeout=WAIT_MS
    )


@pytest.fixture
def shared(blog_path: Path, tmp_path: Path, clock: FrozenClock) -> tuple[Path, Path]:
    """The blog shared to a bare remote, and a reporter's copy of it."""
    need_git()
    remote = tmp_path / "remote.git"
    share(blog_path, str(remote), "Desk", clock)
    reporter, _ = join(str(remote), tmp_path / "reporter", "Reporter", clock)
    return remote, reporter


def open_window(qtbot: QtBot, blog_path: Path, clock: FrozenClock, **timers: int) -> MainWindow:
    window = show(qtbot, build_window(blog_path, clock, **{**FAST, **timers}))  # type: ignore[arg-type]
    settle(qtbot, window)  # a shared blog syncs as it opens
    return window


def test_share_blog_from_the_file_menu(
    qtbot: QtBot,
    window: MainWindow,
    blog_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    need_git()
    remote = tmp_path / "newsroom.git"
    monkeypatch.setattr(RemoteDialog, "ask", classmethod(lambda cls, *a: str(remote)))
    assert window.menus["file"].actions()  # the File menu holds the three actions
    texts = [a.text() for a in window.menus["file"].actions()]
    assert {"S&hare blog…", "&Join a shared blog…", "S&ync now"} <= set(texts)
    assert window.desk_actions["sync_now"].shortcut().toString() == "F5"
    window.desk_actions["share_blog"].trigger()
    settle(qtbot, window)
    assert window.syncing.label.text() == "Synced 1303 GMT"
    assert git(remote, "log", "-1", "--format=%s", "main").startswith("Desk:")
    assert window.syncing.shared and window.syncing.timer.isActive()
    assert window.syncing.timer.interval() == 30_000


def test_sync_now_brings_an_entry_in_without_taking_the_selection_or_the_typing(
    qtbot: QtBot, blog_path: Path, clock: FrozenClock, shared: tuple[Path, Path]
) -> None:
    _remote, reporter = shared
    window = open_window(qtbot, blog_path, clock, autosave_delay_ms=120_000, retry_ms=120_000)
    incoming = add(reporter, "Ferries run again from the northern terminal.", at(12, 45))
    sync(reporter, clock=clock)
    window.select_entry("upd1958")
    window.editor.body.setFocus()
    cursor = window.editor.body.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    window.editor.body.setTextCursor(cursor)
    window.editor.body.insertPlainText(" Typed while syncing.")
    typed = window.editor.body.toPlainText()
    threads: list[str] = []
    window.syncing.finished.connect(lambda *_: threads.append(threading.current_thread().name))
    window.desk_actions["sync_now"].trigger()
    assert window.syncing.running  # git works on its own thread; the window goes on
    settle(qtbot, window)
    model = window.model
    assert model is not None
    assert incoming in model.blog.order
    assert model.blog.order.index(incoming) == model.blog.order.index("upd1958") + 1
    selected = window.selected_entry()
    assert selected is not None and selected.id == "upd1958"
    assert window.editor.body.toPlainText() == typed
    assert window.editor.body.textCursor().position() == len(typed)
    assert window.syncing.label.text() == "Synced 1303 GMT"
    assert "Synced: 1 in" in window.status.currentMessage()
    # Written through the store: the watcher sees Desk's own write, not an outside change.
    assert not window.exchange.watcher.refresh()


def test_an_incoming_change_to_the_entry_being_typed_becomes_a_conflict_copy(
    qtbot: QtBot, blog_path: Path, clock: FrozenClock, shared: tuple[Path, Path]
) -> None:
    _remote, reporter = shared
    window = open_window(qtbot, blog_path, clock, autosave_delay_ms=120_000, retry_ms=120_000)
    edit(reporter, "upd1958", body="The governor now orders an evacuation.")
    sync(reporter, clock=clock)
    window.select_entry("upd1958")
    cursor = window.editor.body.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    window.editor.body.setTextCursor(cursor)
    window.editor.body.insertPlainText(" More words.")
    assert window.autosave.unsaved_ids() == {"upd1958"}
    assert window.syncing._start(  # a sync started while the typing is unsaved
        lambda applier: sync(blog_path, applier, clock=clock), "Syncing…"
    )
    settle(qtbot, window)
    model = window.model
    assert model is not None
    ours = "The regional governor has rejected calls to evacuate. More words."
    assert model.blog.entries["upd1958"].body == ours
    assert window.editor.body.toPlainText() == ours
    copies = [e for e in model.blog.entries.values() if is_conflict_copy(e)]
    assert [c.body for c in copies] == ["The governor now orders an evacuation."]
    assert window.autosave.flush()
    sync(blog_path, clock=clock)  # the typing goes out; their words stay in the copy
    _store, on_disk = BlogStore.open(reporter)
    sync(reporter, clock=clock)
    _store, on_disk = BlogStore.open(reporter)
    assert on_disk.entries["upd1958"].body == ours
    assert [e.body for e in on_disk.entries.values() if is_conflict_copy(e)] == [copies[0].body]


def test_offline_says_since_when_and_how_much_waits(
    qtbot: QtBot, blog_path: Path, clock: FrozenClock, shared: tuple[Path, Path]
) -> None:
    remote, _reporter = shared
    window = open_window(qtbot, blog_path, clock)
    remote.rename(remote.with_name("unplugged.git"))
    clock.advance(minutes=2)
    window.new_update()
    window.editor.body.insertPlainText("Written with the network down.")
    window.autosave.flush()
    window.syncing.sync_now()
    settle(qtbot, window)
    assert window.syncing.label.text() == "Offline since 1305 GMT · 1 change waiting"
    assert "cannot reach" in window.status.currentMessage()
    remote.with_name("unplugged.git").rename(remote)
    clock.advance(minutes=3)
    window.syncing.sync_now()
    settle(qtbot, window)
    assert window.syncing.label.text() == "Synced 1308 GMT"


def test_a_new_entry_stamped_starts_a_sync_soon(
    qtbot: QtBot, blog_path: Path, clock: FrozenClock, shared: tuple[Path, Path]
) -> None:
    window = open_window(qtbot, blog_path, clock)
    window.desk_actions["new_update"].trigger()
    assert window.syncing.soon.isActive()


def test_join_a_shared_blog_opens_it(
    qtbot: QtBot,
    window: MainWindow,
    blog_path: Path,
    tmp_path: Path,
    clock: FrozenClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    need_git()
    remote = tmp_path / "remote.git"
    share(blog_path, str(remote), "Desk", clock)
    other = tmp_path / "elsewhere"
    _store, blog = BlogStore.open(blog_path)
    monkeypatch.setenv("DESK_DRAFTS", str(other))
    monkeypatch.setattr(RemoteDialog, "ask", classmethod(lambda cls, *a: str(remote)))
    window.desk_actions["join_blog"].trigger()
    settle(qtbot, window)
    model = window.model
    assert model is not None
    assert model.store.root == (other / blog_path.name).resolve()
    assert model.blog.order == blog.order
    assert window.syncing.shared


def test_a_refused_file_from_a_pull_is_listed_with_who_sent_it(
    qtbot: QtBot, tmp_path: Path, clock: FrozenClock
) -> None:
    from tests.core.sync.test_sync_hostile import push_hostile
    from tests.sync_helpers import Newsroom

    room = Newsroom(tmp_path / "room", clock)
    window = open_window(qtbot, room.desk, clock)
    push_hostile(room, {b"entries/evil001.md": ("120000", b"../../outside.md")})
    window.syncing.sync_now()
    settle(qtbot, window)
    rows = window.problems.rows()
    assert any(
        "a symbolic link; kept out of the blog (committed by Mallory" in " ".join(r) for r in rows
    ), rows
    model = window.model
    assert model is not None and "evil001" not in model.blog.entries
    assert not window.problems.isHidden()
