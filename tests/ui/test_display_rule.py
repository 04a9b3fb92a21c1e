"""One display rule for the window and the command line: only on X11/Wayland platforms is
a missing display an error; on macOS and Windows the window always opens."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from desk import cli
from desk.ui import app

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


@pytest.mark.parametrize("platform", ["darwin", "win32"])
@pytest.mark.parametrize("form", ["open", "folder", "blog.yaml"])
def test_the_command_line_opens_the_window_on_macos_and_windows(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    blog_path: Path,
    platform: str,
    form: str,
) -> None:
    # The window really opens (on the offscreen Qt the test runs in) and, told to check
    # itself, quits after its first paint.
    no_display(monkeypatch, platform)
    monkeypatch.setenv("DESK_SELF_CHECK", "1")
    argv = {
        "open": ["open", str(blog_path)],
        "folder": [str(blog_path)],
        "blog.yaml": [str(blog_path / "blog.yaml")],
    }[form]
    assert cli.main(argv) == 0
    err = capsys.readouterr().err
    assert f"desk: self-check: blog {blog_path}; 5 entries shown" in err, err


def test_linux_with_a_display_opens_the_window(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], blog_path: Path
) -> None:
    no_display(monkeypatch, "linux")
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    monkeypatch.setenv("DESK_SELF_CHECK", "1")
    assert cli.main([str(blog_path)]) == 0
    assert f"desk: self-check: blog {blog_path}; 5 entries shown" in capsys.readouterr().err
