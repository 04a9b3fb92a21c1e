"""`desk install-desktop [--remove]` into a temporary XDG_DATA_HOME, and `desk PATH`."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from desk import cli
from desk.core.desktop import DesktopFiles, quote_exec_argument
from desk.core.resources import ICON_SIZES
from tests.desk_run import DESK, RunDesk, assert_clean_error
from tests.helpers import make_blog_folder, snapshot
from tests.tools import require


def installed(root: Path) -> list[Path]:
    files = DesktopFiles(root)
    return [
        *(files.png(size) for size in ICON_SIZES),
        files.svg,
        files.desktop_file,
    ]


def test_install_writes_the_menu_entry_and_icons_and_prints_each_path(
    desk: RunDesk, isolated_home: Path
) -> None:
    data = isolated_home / "data"
    run = desk("install-desktop")
    assert run.code == 0, run.err
    assert run.err == ""
    expected = installed(data)
    assert run.out.splitlines() == [str(path) for path in expected]
    for path in expected:
        assert path.is_file(), path
    assert (data / "icons/hicolor/512x512/apps/desk.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert (data / "icons/hicolor/scalable/apps/desk.svg").read_text().lstrip().startswith("<?xml")
    entry = (data / "applications/desk.desktop").read_text(encoding="utf-8")
    # The absolute path of the desk that ran, since a bundle is not on PATH.
    assert f"\nExec={DESK.resolve()} %f\n" in entry
    assert "\nIcon=desk\n" in entry


def test_the_installed_entry_passes_desktop_file_validate(
    desk: RunDesk, isolated_home: Path
) -> None:
    validate = shutil.which("desktop-file-validate")
    require("desktop_file_utils", validate is not None, "desktop-file-validate is not installed")
    assert validate is not None
    assert desk("install-desktop").code == 0
    result = subprocess.run(
        [validate, str(isolated_home / "data/applications/desk.desktop")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error" not in result.stdout + result.stderr


def test_install_twice_replaces_the_files(desk: RunDesk, isolated_home: Path) -> None:
    first = desk("install-desktop")
    second = desk("install-desktop")
    assert second.code == 0, second.err
    assert second.out == first.out


def test_remove_takes_away_what_install_wrote_and_nothing_else(
    desk: RunDesk, isolated_home: Path
) -> None:
    data = isolated_home / "data"
    other = data / "applications" / "other.desktop"
    other.parent.mkdir(parents=True)
    other.write_text("[Desktop Entry]\nName=Other\n", encoding="utf-8")
    desk("install-desktop")
    run = desk("install-desktop", "--remove")
    assert run.code == 0, run.err
    assert sorted(run.out.splitlines()) == sorted(str(p) for p in installed(data))
    assert not any(path.exists() for path in installed(data))
    assert other.read_text(encoding="utf-8") == "[Desktop Entry]\nName=Other\n"


def test_remove_when_not_installed_warns(desk: RunDesk, isolated_home: Path) -> None:
    run = desk("install-desktop", "--remove")
    assert run.code == 0
    assert run.out == ""
    assert run.err.startswith("desk: warning: Desk was not in the menu under ")


def test_a_folder_that_cannot_be_written_is_a_clear_error(
    desk: RunDesk, isolated_home: Path
) -> None:
    data = isolated_home / "data"
    data.mkdir()
    # A file where the applications folder should be: the write fails as on a full disk.
    (data / "applications").write_text("not a folder", encoding="utf-8")
    before = snapshot(data)
    run = desk("install-desktop")
    assert_clean_error(run, "cannot write")
    assert "applications" in run.err
    assert (data / "applications").read_text(encoding="utf-8") == "not a folder"
    assert {p: v for p, v in snapshot(data).items() if p in before} == before


def test_relative_xdg_data_home_is_ignored(
    desk: RunDesk, isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", "relative/data")
    run = desk("install-desktop")
    assert run.code == 0, run.err
    assert (isolated_home / ".local/share/applications/desk.desktop").is_file()


@pytest.mark.parametrize("platform", ["darwin", "win32"])
def test_install_desktop_is_for_linux(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    isolated_home: Path,
    platform: str,
) -> None:
    monkeypatch.setattr(sys, "platform", platform)
    assert cli.main(["install-desktop"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("desk: error: install-desktop is for Linux")
    assert not (isolated_home / "data").exists()


@pytest.mark.parametrize(
    ("argument", "quoted"),
    [
        ("/opt/desk/desk", "/opt/desk/desk"),
        ("/home/jane doe/Desk/desk", '"/home/jane doe/Desk/desk"'),
        # Quoted: "/a\"b/\$HOME/\`x\`/c\\d"; every backslash then doubled in the file.
        ('/a"b/$HOME/`x`/c\\d', r'"/a\\"b/\\$HOME/\\`x\\`/c\\\\d"'),
        ("/opt/100%/desk", "/opt/100%%/desk"),
    ],
)
def test_exec_arguments_are_quoted_as_the_desktop_entry_spec_says(
    argument: str, quoted: str
) -> None:
    assert quote_exec_argument(argument) == quoted


def test_desk_path_opens_that_blog(desk: RunDesk, tmp_path: Path) -> None:
    # Without a display the window cannot open: the error says so, which shows that a blog
    # folder and its blog.yaml are taken for `desk open PATH`, not for a command's name.
    blog = make_blog_folder(tmp_path / "drafts").root
    for given in (blog, blog / "blog.yaml"):
        assert_clean_error(desk(given), "no display to open the window on")


def test_desk_path_that_is_no_blog_is_a_clear_error(desk: RunDesk, tmp_path: Path) -> None:
    assert_clean_error(desk(tmp_path), "is not a blog folder")
    assert_clean_error(desk(tmp_path / "nothing" / "blog.yaml"), "is not a blog folder")
    assert_clean_error(desk("nonsense"), "invalid choice")
