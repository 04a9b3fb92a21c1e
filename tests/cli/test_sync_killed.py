"""A `desk sync` killed with SIGKILL at any of its git steps is finished by the next sync,
with every file kept and the repository never left mid-merge. The kill comes from a `git`
placed first on PATH that counts the calls and kills Desk at the chosen one."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.desk_run import DESK
from tests.sync_helpers import Newsroom, add, at, entries, files, git

SHIM = """#!/bin/sh
count=$(cat "{counter}" 2>/dev/null || echo 0)
count=$((count + 1))
echo $count > "{counter}"
if [ "$count" -eq "{kill_at}" ]; then
    kill -9 $PPID
    exit 137
fi
exec "{git}" "$@"
"""


def killed_sync(blog: Path, tmp: Path, kill_at: int) -> int:
    """Run `desk sync blog` with a git that kills Desk at call `kill_at`; returns how many
    git calls Desk made."""
    shim = tmp / f"shim{kill_at}"
    shim.mkdir()
    counter = shim / "count"
    real = shutil.which("git")
    assert real is not None
    (shim / "git").write_text(SHIM.format(counter=counter, kill_at=kill_at, git=real))
    (shim / "git").chmod(0o755)
    env = {**os.environ, "PATH": f"{shim}:{os.environ['PATH']}", "DESK_NOW": "2025-03-14T21:41:00Z"}
    subprocess.run([str(DESK), "sync", str(blog)], env=env, capture_output=True, timeout=120)
    return int(counter.read_text())


def sync_again(blog: Path) -> str:
    env = {**os.environ, "DESK_NOW": "2025-03-14T21:42:00Z"}
    done = subprocess.run(
        [str(DESK), "sync", str(blog)], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def scene(tmp: Path) -> tuple[Newsroom, Path, list[str]]:
    """The desk and a reporter both changed things: a sync must merge, commit and push."""
    room = Newsroom(tmp)
    reporter = room.join("reporter")
    ids = [add(reporter, "The reporter's word: Quayside.", at(11, 0))]
    room.sync(reporter)
    ids.append(add(room.desk, "The desk's word: Harbourmaster.", at(12, 0)))
    path = room.desk / "entries" / "orig001.md"
    path.write_text(path.read_text().replace("lower town", "lower town and the marina"))
    return room, reporter, ids


def test_count_the_git_calls(tmp_path: Path) -> None:
    room, _, _ = scene(tmp_path)
    calls = killed_sync(room.desk, tmp_path, 10_000)
    assert calls >= 21  # the points killed below exist


# The calls: 5 add, 8 commit, 9 fetch, 16 reading blobs (the merge journalled, nothing
# written yet), 17 add of the merge (written, not committed), 19 commit-tree, 20 update-ref,
# 21 push (merged, not sent).
@pytest.mark.parametrize("kill_at", [5, 8, 9, 16, 17, 19, 20, 21])
def test_a_sync_killed_at_a_git_step_is_recovered(tmp_path: Path, kill_at: int) -> None:
    room, reporter, ids = scene(tmp_path)
    killed_sync(room.desk, tmp_path, kill_at)
    sync_again(room.desk)
    sync_again(reporter)
    here = entries(room.desk)
    assert set(ids) <= set(here)
    assert "marina" in here["orig001"].body
    assert files(room.desk) == files(reporter)
    for root in (room.desk, reporter):
        assert git(root, "status", "--porcelain") == ""
        for name in ("MERGE_HEAD", "rebase-merge", "rebase-apply", "index.lock", "desk-merge"):
            assert not (root / ".git" / name).exists()
    assert subprocess.run([str(DESK), "check", str(room.desk)], capture_output=True).returncode == 0
