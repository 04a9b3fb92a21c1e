"""`make bundle-check`: build the bundle, then start it offscreen with no Python on PATH on
a fresh home, where it must open the sample blog (entries shown, style sheet applied, icon
set) and quit by itself, and export the sample in each format. Prints what it measured;
exit status 0 when all held, else 1."""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "packaging"))

import bundle  # noqa: E402

RUNS = 3
# What the bundle must not carry: Qt Desk does not use, and translations it never loads.
FORBIDDEN = re.compile(r"(Qml|Quick|WebEngine|Designer|/translations/|\.qm$)", re.IGNORECASE)
REPORT = re.compile(
    r"desk: self-check: blog (?P<blog>.+?); (?P<entries>\d+) entries shown; "
    r"style sheet (?P<style>\d+) characters; icon sizes (?P<icons>[^;]+); "
    r"desktop file (?P<desktop>[^;]+); version (?P<version>[^;]+); "
    r"features (?P<loaded>\d+) of (?P<features>\d+); collector (?P<collector>on|off); "
    r"first paint (?P<paint>\d+) ms"
)


def size_mb(path: Path) -> float:
    if path.is_file():
        return path.stat().st_size / 1e6
    return sum(p.lstat().st_size for p in path.rglob("*") if not p.is_symlink()) / 1e6


def start(command: list[str], home: Path, path_variable: str) -> tuple[dict[str, str], float]:
    """Start Desk with DESK_SELF_CHECK on a fresh home; its report and the wall time (s)."""
    env = {
        "HOME": str(home),
        "PATH": path_variable,
        "LANG": "C.UTF-8",
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_DATA_HOME": str(home / "data"),
        "DESK_DRAFTS": str(home / "drafts"),
        "DESK_SELF_CHECK": "1",
        "QT_QPA_PLATFORM": "offscreen",
    }
    started = time.monotonic()
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    wall = time.monotonic() - started
    match = REPORT.search(result.stderr)
    if result.returncode != 0 or match is None:
        raise SystemExit(
            f"bundle-check: FAILED: {command[0]} exited {result.returncode} without a "
            f"self-check report:\n{result.stdout}{result.stderr}"
        )
    return match.groupdict(), wall


def check_report(report: dict[str, str], home: Path) -> list[str]:
    problems = []
    if not report["blog"].startswith(str(home / "drafts")):
        problems.append(f"opened {report['blog']}, not the sample copied into the drafts folder")
    if int(report["entries"]) < 2:
        problems.append(f"only {report['entries']} entries shown")
    if int(report["style"]) == 0:
        problems.append("no style sheet applied")
    if "512" not in report["icons"].split(","):
        problems.append(f"window icon sizes {report['icons']}")
    if report["desktop"] != "desk":
        problems.append(f"desktop file name {report['desktop']}")
    if report["loaded"] != report["features"]:
        problems.append(f"only {report['loaded']} of {report['features']} features load")
    if report["collector"] != "on":
        problems.append("the cyclic collector is still off after the first paint")
    return problems


def check_exports(executable: Path, empty: Path) -> list[str]:
    """The sample blog exported by the bundle in each format, its post with it (the export
    path loads modules the window's start does not)."""
    problems = []
    with tempfile.TemporaryDirectory(prefix="desk-bundle-export-") as scratch:
        home = Path(scratch)
        report, _ = start([str(executable)], home, str(empty))  # copies the sample
        for fmt in ("html", "page", "md"):
            out = home / f"sample.{fmt}"
            done = subprocess.run(
                [str(executable), "export", report["blog"], "--format", fmt, "-o", str(out)],
                env={"HOME": str(home), "PATH": str(empty), "LANG": "C.UTF-8",
                     "XDG_CACHE_HOME": str(home / "cache")},
                capture_output=True,
                text=True,
                timeout=120,
            )  # fmt: skip
            text = out.read_text(encoding="utf-8") if out.exists() else ""
            if done.returncode != 0 or "x.com/" not in text:
                problems.append(f"export --format {fmt} exited {done.returncode}: {done.stderr}")
    return problems


def timed_starts(command: list[str], path_variable: str, label: str) -> tuple[float, float]:
    """Median first paint (ms since the process started) and median wall time (s)."""
    paints, walls = [], []
    for run in range(RUNS):
        with tempfile.TemporaryDirectory(prefix="desk-bundle-check-") as scratch:
            home = Path(scratch)
            report, wall = start(command, home, path_variable)
            problems = check_report(report, home)
            if problems:
                raise SystemExit(f"bundle-check: FAILED ({label}): " + "; ".join(problems))
            if run == 0:
                print(
                    f"bundle-check: {label}: {report['entries']} entries shown, style sheet "
                    f"{report['style']} characters, icons {report['icons']}, "
                    f"version {report['version']}"
                )
            paints.append(float(report["paint"]))
            walls.append(wall)
    return statistics.median(paints), statistics.median(walls)


def main() -> int:
    began = time.monotonic()
    build_s = bundle.build()
    executable = bundle.BUNDLE / ("desk.exe" if sys.platform == "win32" else "desk")
    archive = bundle.linux_archive() if sys.platform.startswith("linux") else None
    carried = [
        str(p.relative_to(bundle.BUNDLE))
        for p in bundle.BUNDLE.rglob("*")
        if FORBIDDEN.search(str(p.relative_to(bundle.BUNDLE)))
    ]
    if carried:
        print("bundle-check: FAILED: the bundle carries " + ", ".join(carried[:10]))
        return 1
    if archive is not None:
        with tarfile.open(archive) as tar:
            names = set(tar.getnames())
        wanted = {
            "Desk/desk",
            "Desk/share/applications/desk.desktop",
            "Desk/share/icons/hicolor/512x512/apps/desk.png",
            "Desk/share/icons/hicolor/scalable/apps/desk.svg",
        }
        if not wanted <= names:
            print(f"bundle-check: FAILED: {archive.name} lacks {sorted(wanted - names)}")
            return 1
    with tempfile.TemporaryDirectory(prefix="desk-no-python-") as empty:
        # An empty folder as PATH: the bundle must need no python (nor anything else) there.
        bundle_paint, bundle_wall = timed_starts([str(executable)], empty, "bundle")
        problems = check_exports(executable, Path(empty))
    if problems:
        print("bundle-check: FAILED: " + "; ".join(problems))
        return 1
    print("bundle-check: bundle: the sample blog exported as html, page and md, its post in each")
    venv_desk = Path(sys.executable).with_name("desk")
    venv_paint, venv_wall = timed_starts([str(venv_desk)], os.environ.get("PATH", ""), "venv desk")
    print(
        f"bundle-check: built in {build_s:.0f} s; "
        f"{bundle.BUNDLE} is {size_mb(bundle.BUNDLE):.0f} MB"
    )
    if archive is not None:
        print(f"bundle-check: {archive.name} is {size_mb(archive):.0f} MB")
    print(
        f"bundle-check: start to first paint (median of {RUNS}, offscreen): bundle "
        f"{bundle_paint:.0f} ms, venv desk {venv_paint:.0f} ms; start to exit: bundle "
        f"{bundle_wall:.2f} s, venv desk {venv_wall:.2f} s"
    )
    print(f"bundle-check: passed in {time.monotonic() - began:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
