"""Starting Desk: no display, the start-up trace, and core never importing the UI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import desk.core
import desk.ui.shell.app as app


def test_no_display_exits_1_with_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    assert app.run(None) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("desk: error: no display") and "desk export" in err


def test_trace_prints_first_paint(blog_path: Path) -> None:
    # The window quits once its timeline has painted (after the trace's own handler), not
    # after a fixed time: on a busy machine a fixed 1.5 s could end it before the paint.
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from PySide6.QtCore import QTimer\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "QTimer.singleShot(30_000, app.quit)\n"
        "from desk.ui.shell import app as shell\n"
        "traced = shell._run_window\n"
        "def run_window(app, window):\n"
        "    window.timeline.first_painted.connect(lambda: QTimer.singleShot(200, app.quit))\n"
        "    return traced(app, window)\n"
        "shell._run_window = run_window\n"
        f"sys.exit(shell.run(Path({str(blog_path)!r})))\n"
    )
    env = {**os.environ, "DESK_TRACE_STARTUP": "1", "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("desk: first paint")]
    assert len(lines) == 1, result.stderr
    ms = float(lines[0].split()[3])
    assert 0 < ms < 30_000


def test_core_never_imports_the_ui() -> None:
    core = Path(desk.core.__file__).resolve().parent
    assert len(list(core.rglob("*.py"))) > 40
    for path in core.rglob("*.py"):
        assert "desk.ui" not in path.read_text(encoding="utf-8"), path
