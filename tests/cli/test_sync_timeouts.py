"""A git that hangs or a remote that wants a password is a clear error, never a hang."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from tests.desk_run import DESK, RunDesk, assert_clean_error
from tests.sync_helpers import Newsroom
from tests.tools import require

HANGING_FETCH = """#!/bin/sh
case "$*" in *" fetch "*) exec sleep 60 ;; esac
exec "{git}" "$@"
"""


def test_a_fetch_that_hangs_is_stopped_by_its_timeout(tmp_path: Path) -> None:
    room = Newsroom(tmp_path)
    shim = tmp_path / "shim"
    shim.mkdir()
    (shim / "git").write_text(HANGING_FETCH.format(git=shutil.which("git")))
    (shim / "git").chmod(0o755)
    env = {**os.environ, "PATH": f"{shim}:{os.environ['PATH']}", "DESK_GIT_TIMEOUT": "2"}
    done = subprocess.run(
        [str(DESK), "sync", str(room.desk)], env=env, capture_output=True, text=True, timeout=50
    )
    assert done.returncode == 1
    assert done.stderr.strip().endswith("git fetch did not finish in 2 s")
    assert done.stderr.startswith(f"desk: error: cannot reach {room.remote}: ")


def test_an_ssh_remote_without_credentials_fails_at_once(desk: RunDesk, tmp_path: Path) -> None:
    require("ssh", shutil.which("ssh") is not None, "ssh is not installed")
    room = Newsroom(tmp_path)
    subprocess.run(
        ["git", "remote", "set-url", "origin", "ssh://nobody@127.0.0.1:1/blog.git"],
        cwd=room.desk,
        check=True,
    )
    run = desk("sync", room.desk)
    assert_clean_error(run, "cannot reach ssh://nobody@127.0.0.1:1/blog.git: ")
