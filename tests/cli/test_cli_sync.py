"""`desk share`, `desk join` and `desk sync`, run as a user would."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from desk.core.storage.lock import BlogLock
from tests.desk_run import RunDesk, assert_clean_error
from tests.sync_helpers import git, need_git


@pytest.fixture
def blog(desk: RunDesk, tmp_path: Path) -> Path:
    need_git()
    made = desk("new", "Storm Maren", "--date", "2025-03-14", "--drafts", tmp_path / "desk")
    path = Path(made.out.strip())
    assert (
        desk("add", path, "--original", "--at", "09:00", stdin="Storm Maren floods the town.").code
        == 0
    )
    return path


def test_share_join_sync_round_trip(desk: RunDesk, blog: Path, tmp_path: Path) -> None:
    remote = tmp_path / "shared" / "storm.git"
    shared = desk("share", blog, remote)
    assert (shared.code, shared.out, shared.err) == (0, f"{remote}\n", "")
    joined = desk("join", remote, "--drafts", tmp_path / "reporter")
    copy = tmp_path / "reporter" / "storm-maren-2025-03-14"
    assert (joined.code, joined.out) == (0, f"{copy}\n")
    assert desk("list", copy).out == desk("list", blog).out
    new = desk("add", copy, "--at", "10:00", stdin="The reporter's update.").out.strip()
    assert desk("sync", copy).out == "synced: 0 in, 1 out, 0 conflicts\n"
    assert desk("sync", blog).out == "synced: 1 in, 0 out, 0 conflicts\n"
    assert new in desk("list", blog).out
    assert desk("check", blog).code == 0
    assert git(blog, "status", "--porcelain") == ""


def test_share_prints_a_relative_remote_as_given(
    desk: RunDesk, blog: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert desk("share", blog, "remote.git").out == "remote.git\n"
    assert (tmp_path / "remote.git" / "HEAD").is_file()


def test_join_refuses_an_existing_folder(desk: RunDesk, blog: Path, tmp_path: Path) -> None:
    remote = tmp_path / "storm.git"
    desk("share", blog, remote)
    assert_clean_error(desk("join", remote, "--drafts", blog.parent), "already exists")
    assert sorted(p.name for p in blog.parent.iterdir()) == [blog.name]


def test_join_uses_the_drafts_folder_like_new(desk: RunDesk, blog: Path, tmp_path: Path) -> None:
    remote = tmp_path / "storm.git"
    desk("share", blog, remote)
    joined = desk("join", remote)
    assert Path(joined.out.strip()).parent == Path(os.environ["DESK_DRAFTS"])


def test_share_refuses_a_remote_with_another_blog(
    desk: RunDesk, blog: Path, tmp_path: Path
) -> None:
    remote = tmp_path / "storm.git"
    desk("share", blog, remote)
    other = Path(
        desk("new", "Other", "--date", "2025-03-15", "--drafts", tmp_path / "o").out.strip()
    )
    assert_clean_error(desk("share", other, remote), "already holds another blog")


def test_sync_of_a_blog_that_is_not_shared(desk: RunDesk, blog: Path) -> None:
    assert_clean_error(desk("sync", blog), "is not shared")


def test_sync_of_a_blog_open_in_a_window_is_refused(
    desk: RunDesk, blog: Path, tmp_path: Path
) -> None:
    desk("share", blog, tmp_path / "storm.git")
    lock = BlogLock(blog)
    assert lock.acquire() is None
    try:
        assert_clean_error(desk("sync", blog), "syncs the blog itself")
    finally:
        lock.release()


def test_sync_with_the_remote_gone(desk: RunDesk, blog: Path, tmp_path: Path) -> None:
    remote = tmp_path / "storm.git"
    desk("share", blog, remote)
    remote.rename(tmp_path / "moved.git")
    desk("add", blog, stdin="Written offline.")
    run = desk("sync", blog)
    assert_clean_error(run, f"cannot reach {remote}: ")
    assert "Written offline." not in git(blog, "status", "--porcelain")
    assert git(blog, "status", "--porcelain") == ""  # committed, to send next time


def test_sync_refuses_to_commit_a_link_and_says_which(
    desk: RunDesk, blog: Path, tmp_path: Path
) -> None:
    desk("share", blog, tmp_path / "storm.git")
    (tmp_path / "secret.txt").write_text("private")
    (blog / "entries" / "evil.md").symlink_to(tmp_path / "secret.txt")
    run = desk("sync", blog)
    assert run.code == 1  # the store's own warning about the link may come first
    assert run.err.splitlines()[-1] == "desk: error: cannot sync: entries/evil.md: a symbolic link"
    assert "evil" not in git(blog, "log", "--all", "--stat")


def test_usage_errors_are_one_line(desk: RunDesk) -> None:
    assert_clean_error(desk("share"), "required")
    assert_clean_error(desk("join"), "required")
