"""Build Desk's one-folder bundle with PyInstaller (`make bundle`): dist/Desk/ with the
executable dist/Desk/desk, and on Linux dist/desk-<version>-linux-<machine>.tar.gz holding
that folder with the .desktop file, the AppStream metainfo and the icons under share/."""

from __future__ import annotations

import platform
import subprocess
import sys
import tarfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desk import __version__  # noqa: E402
from desk.core.resources import DESKTOP_FILE, ICON_SIZES, METAINFO_FILE  # noqa: E402

DIST = ROOT / "dist"
BUNDLE = DIST / "Desk"
WORK = ROOT / "build" / "pyinstaller"


def build() -> float:
    """Run PyInstaller on packaging/desk.spec; the seconds it took."""
    started = time.monotonic()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--distpath",
            str(DIST),
            "--workpath",
            str(WORK),
            str(ROOT / "packaging" / "desk.spec"),
        ],
        check=True,
    )
    return time.monotonic() - started


def archive_name() -> Path:
    return DIST / f"desk-{__version__}-linux-{platform.machine()}.tar.gz"


def linux_archive() -> Path:
    """The bundle as a tar.gz, with share/ laid out as under /usr or ~/.local."""
    resources = ROOT / "resources"
    share = {
        f"Desk/share/applications/{DESKTOP_FILE}": resources / DESKTOP_FILE,
        f"Desk/share/metainfo/{METAINFO_FILE}": resources / METAINFO_FILE,
        "Desk/share/icons/hicolor/scalable/apps/desk.svg": resources / "icons" / "desk.svg",
    }
    for size in ICON_SIZES:
        share[f"Desk/share/icons/hicolor/{size}x{size}/apps/desk.png"] = (
            resources / "icons" / f"desk-{size}.png"
        )
    target = archive_name()
    partial = target.with_name(target.name + ".part")
    with tarfile.open(partial, "w:gz", compresslevel=6) as archive:
        archive.add(BUNDLE, arcname="Desk")
        for name, source in share.items():
            archive.add(source, arcname=name)
    partial.replace(target)
    return target


def main() -> int:
    seconds = build()
    print(f"bundle: built {BUNDLE} in {seconds:.0f} s")
    if sys.platform.startswith("linux"):
        print(f"bundle: wrote {linux_archive()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
