"""The `desk` command starts with Python's cyclic collector off (desk.launch) and turns it
back on: a command as it begins, the window after its first paint."""

from __future__ import annotations

import gc
import os
import subprocess
from pathlib import Path

import pytest

import desk.cli
import desk.launch
from tests.desk_run import DESK


def test_a_command_runs_with_the_collector_on(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    seen: list[bool] = []

    def new(_args: object, _clock: object) -> int:
        seen.append(gc.isenabled())
        return 0

    monkeypatch.setitem(desk.cli.COMMANDS, "new", new)
    monkeypatch.setattr("sys.argv", ["desk", "new", "Ferry strike"])
    assert desk.launch.main() == 0
    assert seen == [True]
    assert gc.isenabled()


def test_a_usage_error_leaves_the_collector_on(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.argv", ["desk", "frobnicate"])
    assert desk.launch.main() == 1
    assert "desk: error:" in capsys.readouterr().err
    assert gc.isenabled()


def test_the_window_turns_the_collector_on_after_its_first_paint(blog_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "DESK_SELF_CHECK": "1"}
    result = subprocess.run(
        [str(DESK), "open", str(blog_path)], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "; collector on; first paint" in result.stderr, result.stderr
