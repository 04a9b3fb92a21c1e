"""Running the installed `desk` command in a subprocess, as a user would."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

DESK = Path(sys.executable).with_name("desk")


class Run:
    """One run of the installed `desk` command."""

    def __init__(self, result: subprocess.CompletedProcess[str]) -> None:
        self.code = result.returncode
        self.out = result.stdout
        self.err = result.stderr


RunDesk = Callable[..., Run]


def desk_runner() -> RunDesk:
    """Run the installed `desk` with the clock fixed (DESK_NOW) and no display."""

    def run(*args: str | Path, stdin: str = "", now: str = "2025-03-14T21:41:00Z") -> Run:
        env = {**os.environ, "DESK_NOW": now}
        env.pop("QT_QPA_PLATFORM", None)
        result = subprocess.run(
            [str(DESK), *map(str, args)],
            input=stdin,
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )
        return Run(result)

    return run


def assert_clean_error(run: Run, message: str) -> None:
    """Exit 1, one line on stderr naming the trouble, no traceback."""
    assert run.code == 1, (run.out, run.err)
    lines = run.err.splitlines()
    assert len(lines) == 1, run.err
    assert lines[0].startswith("desk: error: ")
    assert message in lines[0]
    assert "Traceback" not in run.err
