"""One writer per blog, outside changes kept, history of entries."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from desk.core.clock import FrozenClock
from desk.core.storage.front_matter import dump_entry
from desk.core.storage.lock import LOCK_FILE, BlogLock, host_name
from desk.core.storage.store import BlogStore
from tests.desk_run import RunDesk, assert_clean_error
from tests.helpers import make_blog_folder, snapshot

NOW = datetime(2025, 3, 14, 21, 41, tzinfo=UTC)


@pytest.fixture
def blog(tmp_path: Path) -> Path:
    return make_blog_folder(tmp_path / "drafts").root


def _holder_process(blog: Path) -> subprocess.Popen[str]:
    script = (
        "import sys, time\nfrom pathlib import Path\nfrom desk.core.storage.lock import BlogLock\n"
        f"assert BlogLock(Path({str(blog)!r})).acquire() is None\nprint('held', flush=True)\n"
        "time.sleep(60)\n"
    )
    process = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None and process.stdout.readline() == "held\n"
    return process


def test_a_second_process_finds_the_blog_held(blog: Path) -> None:
    process = _holder_process(blog)
    try:
        holder = BlogLock(blog).acquire()
        assert holder is not None and holder.pid == process.pid and holder.is_here
        assert "is open in another Desk" in BlogLock(blog).describe(holder)
    finally:
        process.kill()
        process.wait()


def test_a_dead_process_lock_is_taken_over(blog: Path) -> None:
    process = _holder_process(blog)
    process.kill()
    process.wait()
    lock = BlogLock(blog)
    assert lock.acquire() is None and lock.held
    holder = lock.holder()
    assert holder is not None and holder.pid == os.getpid()
    lock.release()
    assert not (blog / LOCK_FILE).exists()


def _foreign_lock(blog: Path, when: datetime) -> None:
    (blog / LOCK_FILE).write_text(
        f"host: other-laptop\npid: 4242\nuser: marta\ntime: {when:%Y-%m-%dT%H:%M:%SZ}\n"
    )


def test_a_fresh_lock_from_another_host_is_never_broken(blog: Path) -> None:
    _foreign_lock(blog, NOW - timedelta(minutes=3))
    lock = BlogLock(blog, FrozenClock(NOW))
    holder = lock.acquire(force=True)
    assert holder is not None and holder.host == "other-laptop" and not lock.is_stale(holder)
    assert "marta on other-laptop" in str(holder)


def test_a_stale_lock_from_another_host_can_be_broken_when_asked(blog: Path) -> None:
    _foreign_lock(blog, NOW - timedelta(minutes=11))
    lock = BlogLock(blog, FrozenClock(NOW))
    holder = lock.acquire()
    assert holder is not None and lock.is_stale(holder)
    assert lock.acquire(force=True) is None
    mine = lock.holder()
    assert mine is not None and mine.host == socket.gethostname()


def test_the_lock_is_refreshed(blog: Path) -> None:
    clock = FrozenClock(NOW)
    lock = BlogLock(blog, clock)
    lock.acquire()
    clock.advance(minutes=1)
    lock.refresh()
    holder = lock.holder()
    assert holder is not None and holder.time == NOW + timedelta(minutes=1)


def test_add_is_refused_while_another_desk_holds_the_blog(desk: RunDesk, blog: Path) -> None:
    process = _holder_process(blog)
    try:
        before = snapshot(blog)
        assert_clean_error(desk("add", blog, stdin="words"), "is open in another Desk")
        assert snapshot(blog) == before
        for command in ("list", "export", "check"):
            assert desk(command, blog).code == 0
        assert snapshot(blog) == before
    finally:
        process.kill()
        process.wait()


def test_an_entry_changed_outside_is_kept_as_a_conflict_copy(blog: Path) -> None:
    store, loaded = BlogStore.open(blog)
    path = store.entry_path("k7f3c2a")
    theirs = path.read_text().replace("northern ferry terminal", "southern ferry terminal")
    path.write_text(theirs)
    loaded.entries["k7f3c2a"].body += "\n\nOur addition."
    store.save(loaded)
    assert "Our addition." in path.read_text()
    [conflict] = store.conflicts
    assert conflict.path == path and conflict.copy_id is not None
    copy = loaded.entries[conflict.copy_id]
    assert copy.extra["conflict_of"] == "k7f3c2a"
    assert "southern ferry terminal" in copy.body
    assert loaded.order.index(copy.id) == loaded.order.index("k7f3c2a") + 1
    _, reloaded = BlogStore.open(blog)
    assert reloaded.entries[copy.id].body == copy.body


def test_an_unreadable_outside_version_is_kept_in_history(blog: Path) -> None:
    store, loaded = BlogStore.open(blog)
    path = store.entry_path("k7f3c2a")
    path.write_bytes(b"\x00half-synced")
    loaded.entries["k7f3c2a"].body = "Ours."
    store.save(loaded)
    [conflict] = store.conflicts
    kept = next((blog / ".history" / "k7f3c2a").glob("*.md"))
    assert kept.read_bytes() == b"\x00half-synced"
    assert str(kept) in conflict.message


def test_blog_yaml_changed_outside_is_kept(blog: Path) -> None:
    store, loaded = BlogStore.open(blog)
    (blog / "blog.yaml").write_text((blog / "blog.yaml").read_text() + "note: theirs\n")
    loaded.title = "Storm Maren"
    store.save(loaded)
    [conflict] = store.conflicts
    assert "blog.yaml was changed outside Desk" in conflict.message
    kept = next((blog / ".history" / "blog.yaml").glob("*.yaml"))
    assert "note: theirs" in kept.read_text()


def test_history_keeps_one_version_per_five_minutes_and_the_last_twenty(blog: Path) -> None:
    clock = FrozenClock(NOW)
    store = BlogStore(blog, clock=clock)
    loaded = store.load()
    entry = loaded.entries["k7f3c2a"]
    first = dump_entry(entry)
    entry.body = "Edit 1"
    store.save(loaded)
    clock.advance(minutes=2)
    entry.body = "Edit 2"
    store.save(loaded)
    versions = store.history("k7f3c2a")
    assert [v.body for _, v in versions] == [first.split("---\n", 2)[2].rstrip("\n")]
    for n in range(3, 40):
        clock.advance(minutes=5)
        entry.body = f"Edit {n}"
        store.save(loaded)
    versions = store.history("k7f3c2a")
    assert len(versions) == 20
    assert versions[0][1].body == "Edit 38"
    assert versions[0][0] > versions[-1][0]


def test_each_blog_folder_ignores_lock_and_history_in_git(blog: Path) -> None:
    assert (blog / ".gitignore").read_text() == ".desk.lock\n.history/\n"


def test_the_lock_names_this_machine_as_the_socket_module_does() -> None:
    # Read from uname (socket stays off the start path): the same name.
    assert host_name() == socket.gethostname()
