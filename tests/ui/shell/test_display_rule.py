"""One display rule for the window and the command line: only on X11/Wayland platforms is
a missing display an error; on macOS and Windows the window always opens."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from desk import cli
from desk.ui.shell import app

DISPLAY_VARIABLES = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")


def no_display(monkeypatch: pytest.MonkeyPatch, platform: str) -> None:
    for name in DISPLAY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(sys, "platform", platform)


@pytest.mark.parametrize(
    ("platform", "variable", "expected"),
    [
        ("linux", None, False),
        ("linux", "DISPLAY", True),
        ("linux", "WAYLAND_DISPLAY", True),
        ("linux", "QT_QPA_PLATFORM", True),
        ("freebsd14", None, False),
        ("darwin", None, True),
        ("win32", None, True),
    ],
)
def test_has_display(
    monkeypatch: pytest.MonkeyPatch, platform: str, variable: str | None, expected: bool
) -> None:
    no_display(monkeypatch, platform)
    if variable is not None:
        monkeypatch.setenv(variable, ":0" if variable != "QT_QPA_PLATFORM" else "offscreen")
    assert app.has_display() is expected


def test_the_command_line_refuses_linux_without_a_display(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], blog_path: Path
) -> None:
    no_display(monkeypatch, "linux")
    assert cli.main(["open", str(blog_path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("desk: error: no display") and "desk export" in err


def open_window(platform: str, argv: list[str], env: dict[str, str]) -> str:
    """Run cli.main(argv) in a fresh process that believes it runs on `platform` (once Desk
    is imported), with no display variable set when the rule is asked; the window really opens (on the offscreen
    Qt made first) and, told to check itself, quits after its first paint. Its stderr."""
    script = (
        "import os, sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication(['desk'])\n"
        "from desk import cli\n"
        "import desk.ui.shell.app\n"  # imported here: the platform's own modules do not load
        "del os.environ['QT_QPA_PLATFORM']\n"
        f"sys.platform = {platform!r}\n"
        f"sys.exit(cli.main({argv!r}))\n"
    )
    env = {**env, "QT_QPA_PLATFORM": "offscreen", "DESK_SELF_CHECK": "1"}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return result.stderr


@pytest.mark.parametrize("platform", ["darwin", "win32"])
@pytest.mark.parametrize("form", ["open", "folder", "blog.yaml"])
def test_the_command_line_opens_the_window_on_macos_and_windows(
    blog_path: Path, platform: str, form: str
) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    argv = {
        "open": ["open", str(blog_path)],
        "folder": [str(blog_path)],
        "blog.yaml": [str(blog_path / "blog.yaml")],
    }[form]
    err = open_window(platform, argv, env)
    assert f"desk: self-check: blog {blog_path}; 5 entries shown" in err, err


def test_linux_with_a_display_opens_the_window(blog_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "DISPLAY"}
    env["WAYLAND_DISPLAY"] = "wayland-0"
    err = open_window("linux", [str(blog_path)], env)
    assert f"desk: self-check: blog {blog_path}; 5 entries shown" in err, err
