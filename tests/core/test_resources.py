"""The files Desk ships in desk.resources: found through importlib.resources, valid for the
desktop's tools, agreeing with each other and with the one version."""

from __future__ import annotations

import configparser
import importlib.metadata
import shutil
import struct
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import desk
from desk.core.errors import DeskError
from desk.core.resources import (
    APP_ID,
    DESKTOP_FILE,
    ICON_SIZES,
    METAINFO_FILE,
    icon_png,
    read_bytes,
    read_text,
    resource,
)
from desk.core.sample import NAME, ensure_sample
from desk.core.storage.store import BlogStore
from tests.desk_run import DESK
from tests.tools import require

REPO = Path(__file__).resolve().parents[2]


def shipped(name: str, tmp_path: Path) -> Path:
    """The resource as a file of its own name (the validators judge the file name too)."""
    target = tmp_path / name
    target.write_bytes(read_bytes(name))
    return target


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read_string(read_text(DESKTOP_FILE))
    return parser["Desktop Entry"]


def test_resources_are_the_repository_folder_in_an_editable_install() -> None:
    assert Path(str(resource("style.qss"))) == REPO / "resources" / "style.qss"


def test_a_missing_resource_is_a_clear_error() -> None:
    with pytest.raises(DeskError, match=r"cannot read Desk.s resource nothing\.txt"):
        read_text("nothing.txt")


def test_the_sample_is_copied_from_the_resources(tmp_path: Path) -> None:
    folder = ensure_sample(tmp_path / "drafts")
    assert folder == tmp_path / "drafts" / NAME
    template = REPO / "resources" / "sample"
    copied = sorted(p.relative_to(folder) for p in folder.rglob("*.*") if p.name != ".gitignore")
    assert copied == sorted(p.relative_to(template) for p in template.rglob("*.*"))
    _, blog = BlogStore.open(folder)
    assert len(blog.order) == 6


def test_desktop_file_has_the_keys_the_menu_needs() -> None:
    entry = desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Name"] == "Desk"
    assert entry["GenericName"] and entry["Comment"] and entry["Keywords"].endswith(";")
    assert entry["Exec"] == "desk %f"
    assert entry["Icon"] == "desk"
    assert entry["Terminal"] == "false"
    assert entry["Categories"] == "Office;TextEditor;"
    assert entry["StartupWMClass"] == "desk"


def test_desktop_file_passes_desktop_file_validate(tmp_path: Path) -> None:
    validate = shutil.which("desktop-file-validate")
    require("desktop_file_utils", validate is not None, "desktop-file-validate is not installed")
    assert validate is not None
    result = subprocess.run(
        [validate, str(shipped(DESKTOP_FILE, tmp_path))], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error" not in result.stdout + result.stderr


def test_metainfo_passes_appstreamcli_validate(tmp_path: Path) -> None:
    appstreamcli = shutil.which("appstreamcli")
    require("appstream", appstreamcli is not None, "appstreamcli is not installed")
    assert appstreamcli is not None
    result = subprocess.run(
        [appstreamcli, "validate", "--no-net", str(shipped(METAINFO_FILE, tmp_path))],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_metainfo_names_the_desktop_file_and_the_current_version() -> None:
    root = ET.fromstring(read_text(METAINFO_FILE))
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert APP_ID.count(".") >= 2
    launchable = root.find("launchable")
    assert launchable is not None
    assert launchable.get("type") == "desktop-id"
    assert launchable.text == DESKTOP_FILE
    newest = root.find("releases/release")
    assert newest is not None
    assert newest.get("version") == desk.__version__


@pytest.mark.parametrize("size", ICON_SIZES)
def test_each_png_icon_is_square_at_its_size(size: int) -> None:
    data = read_bytes(icon_png(size))
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])  # the IHDR chunk comes first
    assert (width, height) == (size, size)


def test_the_svg_icon_is_drawn_on_a_square() -> None:
    root = ET.fromstring(read_text("icons/desk.svg"))
    assert root.get("viewBox") == "0 0 512 512"


def test_one_version_everywhere() -> None:
    assert importlib.metadata.version("desk") == desk.__version__
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "version" not in project and "version" in project["dynamic"]
    for command in ([str(DESK), "--version"], [sys.executable, "-m", "desk", "--version"]):
        result = subprocess.run(command, capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, result.stderr
        assert result.stdout == f"desk {desk.__version__}\n"
