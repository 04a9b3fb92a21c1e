"""`desk add` while the real window holds the blog: the command writes only the new entry's
own file, the window takes it in and places it at its stamp, and commands that would change
files the window holds still refuse, naming the window."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from desk.core.storage.lock import LOCK_FILE, BlogLock
from desk.core.storage.store import BlogStore
from desk.ui.shell.window import MainWindow
from tests.desk_run import RunDesk, assert_clean_error
from tests.ui.helpers import order_on_disk, snapshot


def timeline(window: MainWindow) -> list[str]:
    assert window.model is not None
    return list(window.model.blog.order)


def test_desk_add_while_the_window_holds_the_blog(
    qtbot: QtBot, window: MainWindow, blog_path: Path, desk: RunDesk
) -> None:
    holder = BlogLock(blog_path).holder()
    assert holder is not None and holder.is_window
    assert "by: window" in (blog_path / LOCK_FILE).read_text()
    before = snapshot(blog_path)

    run = desk("add", blog_path, "--at", "12:30", "--status", "ready", stdin="Pumps arrive.\n")
    assert (run.code, run.err) == (0, "")
    new_id = run.out.strip()
    new_file = blog_path / "entries" / f"{new_id}.md"
    # Only the new file: blog.yaml, the lock and every other entry as they were.
    after = snapshot(blog_path)
    assert set(after) - set(before) == {new_file}
    assert {p: v for p, v in after.items() if p != new_file} == before
    assert "Pumps arrive." in new_file.read_text()

    # The window takes it in and places it at its stamp, between 1258 and 1212.
    qtbot.waitUntil(lambda: new_id in timeline(window))
    assert timeline(window) == ["upd1958", new_id, "upd1712", "upd1530", "orig001"]
    assert window.status.currentMessage().startswith("From the folder: 1 entry")
    selected = window.selected_entry()
    assert selected is None or selected.id != new_id  # the writer's place is kept
    qtbot.waitUntil(lambda: order_on_disk(blog_path) == timeline(window))

    # Without --at: now (DESK_NOW, 21:41), so at the top.
    top = desk("add", blog_path, stdin="The tide has turned.\n").out.strip()
    qtbot.waitUntil(lambda: timeline(window)[:1] == [top])
    assert BlogStore.open(blog_path)[1].entries[top].stamp.hour == 21


def test_commands_that_change_what_the_window_holds_still_refuse(
    qtbot: QtBot, window: MainWindow, blog_path: Path, desk: RunDesk, tmp_path: Path
) -> None:
    before = snapshot(blog_path)
    assert_clean_error(
        desk("add", blog_path, "--original", stdin="A second original.\n"),
        "already has an original entry",
    )
    sent = tmp_path / "sent"
    sent.mkdir()
    (sent / "zz9top1.md").write_text(
        '---\nid: "zz9top1"\nstamp: 2025-03-14T13:00:00Z\nkind: update\nstatus: ready\n---\nHi.\n'
    )
    refused = desk("merge", blog_path, sent / "zz9top1.md")
    assert_clean_error(refused, "the blog is open in a Desk window")
    assert "process" in refused.err  # who holds it
    assert snapshot(blog_path) == before
