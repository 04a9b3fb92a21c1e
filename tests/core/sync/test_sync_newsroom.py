"""A desk and ten reporters, 100 actions each, syncing at random (a fixed seed): every copy
ends identical, every word written is there, no conflict marker, `desk check` clean, `git
status` clean. `bench/sync.py --newsroom` runs a bigger one."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.desk_run import DESK
from tests.newsroom_sim import simulate


def test_a_newsroom_of_eleven_loses_nothing(tmp_path: Path) -> None:
    figures = simulate(tmp_path, reporters=10, updates=100, seed=13)
    print(figures)
    assert figures.copies == 11 and figures.actions == 1100
    assert figures.syncs > 80
    check = subprocess.run(
        [str(DESK), "check", str(tmp_path / "desk" / "storm-maren-2025-03-14")],
        capture_output=True,
        text=True,
    )
    assert (check.returncode, check.stdout) == (0, "")
