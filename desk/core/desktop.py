"""Putting Desk in the desktop's menu on Linux and BSD: the .desktop file and the icons
written into the user's XDG data folder (freedesktop.org menu and icon-theme layout), and
taken away again."""

from __future__ import annotations

import logging
import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from desk.core.errors import DeskError
from desk.core.resources import DESKTOP_FILE, ICON_SIZES, icon_png, read_bytes, read_text
from desk.core.storage.atomic import atomic_write

log = logging.getLogger(__name__)

ICON_NAME = "desk"
# Characters that a quoted argument of Exec= must escape with a backslash.
_EXEC_ESCAPED = ("\\", '"', "`", "$")  # the backslash first, so it is not escaped twice
_EXEC_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


def data_home() -> Path:
    """$XDG_DATA_HOME when it is an absolute path, else ~/.local/share (the XDG rule)."""
    value = os.environ.get("XDG_DATA_HOME", "")
    if value and Path(value).is_absolute():
        return Path(value)
    return Path.home() / ".local" / "share"


@dataclass(frozen=True)
class DesktopFiles:
    """Where the menu entry and the icons go under one data folder."""

    root: Path

    @property
    def desktop_file(self) -> Path:
        return self.root / "applications" / DESKTOP_FILE

    def png(self, size: int) -> Path:
        return self.root / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{ICON_NAME}.png"

    @property
    def svg(self) -> Path:
        return self.root / "icons" / "hicolor" / "scalable" / "apps" / f"{ICON_NAME}.svg"

    def icons(self) -> list[tuple[str, Path]]:
        """(resource name, target path) of every icon."""
        pairs = [(icon_png(size), self.png(size)) for size in ICON_SIZES]
        pairs.append(("icons/desk.svg", self.svg))
        return pairs

    def all(self) -> list[Path]:
        return [self.desktop_file, *(target for _, target in self.icons())]


def quote_exec_argument(argument: str) -> str:
    """`argument` as it is written in Exec= (Desktop Entry spec): double-quoted, with `"`,
    `` ` ``, `$` and `\\` escaped, when it holds a reserved character; `%` doubled; then
    each backslash doubled again, since a string value's own escapes are undone first."""
    argument = argument.replace("%", "%%")
    if any(char in _EXEC_RESERVED for char in argument):
        for char in _EXEC_ESCAPED:
            argument = argument.replace(char, "\\" + char)
        argument = f'"{argument}"'
    return argument.replace("\\", "\\\\")


def launcher() -> list[str]:
    """The command that starts this Desk: the bundle's executable, the `desk` script that
    is running, else this Python with `-m desk`. Absolute, because a bundle is not on PATH."""
    if getattr(sys, "frozen", False):
        return [str(Path(sys.executable).resolve())]
    script = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    if script is not None and script.stem == "desk" and script.is_file():
        return [str(script.resolve())]
    found = shutil.which("desk")
    if found:
        return [str(Path(found).resolve())]
    return [str(Path(sys.executable).resolve()), "-m", "desk"]


def desktop_entry(command: list[str]) -> str:
    """The shipped desk.desktop with Exec= starting `command` on the file it is given."""
    exec_line = "Exec=" + " ".join(quote_exec_argument(part) for part in command) + " %f"
    lines = read_text(DESKTOP_FILE).splitlines()
    if not any(line.startswith("Exec=") for line in lines):
        raise DeskError(f"the shipped {DESKTOP_FILE} has no Exec= line")
    return "\n".join(exec_line if line.startswith("Exec=") else line for line in lines) + "\n"


def install(root: Path, command: list[str]) -> list[Path]:
    """Write the menu entry and the icons under `root`; the paths written, in order."""
    files = DesktopFiles(root)
    written = []
    try:
        for name, target in files.icons():
            target.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(target, read_bytes(name))
            written.append(target)
        files.desktop_file.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(files.desktop_file, desktop_entry(command).encode("utf-8"))
        written.append(files.desktop_file)
    except OSError as error:
        raise DeskError(f"cannot write {error.filename or root}: {error.strerror}") from None
    return written


def remove(root: Path) -> list[Path]:
    """Take away what install() wrote under `root`; the paths removed (those that were there)."""
    removed = []
    for path in DesktopFiles(root).all():
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        except OSError as error:
            raise DeskError(f"cannot remove {path}: {error.strerror}") from None
        removed.append(path)
        log.info("removed %s", path)
    return removed
