"""Desk's resources (sample blog, style sheet, icons, desktop files), read through
importlib.resources, so that an editable install, a wheel and a frozen bundle find them
the same way: the repository's resources/ folder is installed as the package desk.resources."""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

from desk.core.errors import DeskError

PACKAGE = "desk.resources"
# The sizes of the PNG icons rendered from icons/desk.svg.
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
APP_ID = "io.github.desk_newsroom.Desk"
DESKTOP_FILE = "desk.desktop"
METAINFO_FILE = f"{APP_ID}.metainfo.xml"


def resource(name: str) -> Traversable:
    """The resource at `name` (a '/'-separated path inside resources/)."""
    try:
        node = files(PACKAGE)
    except ModuleNotFoundError:
        raise DeskError("Desk's resources are not installed (no desk.resources)") from None
    for part in name.split("/"):
        node = node.joinpath(part)
    return node


def read_text(name: str) -> str:
    """The text of a resource; DeskError naming it when it is missing."""
    try:
        return resource(name).read_text(encoding="utf-8")
    except OSError as error:
        raise DeskError(f"cannot read Desk's resource {name}: {error}") from None


def read_bytes(name: str) -> bytes:
    """The bytes of a resource; DeskError naming it when it is missing."""
    try:
        return resource(name).read_bytes()
    except OSError as error:
        raise DeskError(f"cannot read Desk's resource {name}: {error}") from None


def icon_png(size: int) -> str:
    """The resource name of the square PNG icon of `size` pixels."""
    return f"icons/desk-{size}.png"


def copy_tree(source: Traversable, target: Path) -> None:
    """Copy the resource folder `source` into `target`, made as needed. Works for any
    Traversable, not only folders on disk."""
    target.mkdir(parents=True, exist_ok=True)
    for child in source.iterdir():
        if child.name in ("__init__.py", "__pycache__"):
            continue
        if child.is_dir():
            copy_tree(child, target / child.name)
        else:
            (target / child.name).write_bytes(child.read_bytes())
