"""Sync timings: `python bench/sync.py [--quick] [--newsroom]`, run by hand, never by CI.

    one      `desk sync` of a 10,000-entry blog with one entry changed on each side (a
             commit, a fetch, a merge, a push), beside the same work done with bare git
             (`git add -A`, `git commit`, `git fetch`, `git merge`, `git push`)
    growth   the same with 1, 10, 100 and 1,000 entries changed on the other side
    newsroom the simulated newsroom, bigger than CI's (10 reporters, 300 actions each)

Prints medians of several runs, the difference (the target: one change within 1 s of bare
git), and the load average, since the build machine is shared."""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))

from bench.generate import generate  # noqa: E402

DESK = Path(sys.executable).with_name("desk")
ENV = {**os.environ, "DESK_NOW": "2025-03-14T21:41:00Z", "GIT_TERMINAL_PROMPT": "0"}
BARE_ENV = {
    **ENV,
    "GIT_AUTHOR_NAME": "Bench",
    "GIT_AUTHOR_EMAIL": "bench@example.org",
    "GIT_COMMITTER_NAME": "Bench",
    "GIT_COMMITTER_EMAIL": "bench@example.org",
}


def run(*args: str | Path, cwd: Path | None = None, env: dict[str, str] = ENV) -> None:
    subprocess.run([str(a) for a in args], cwd=cwd, env=env, check=True, capture_output=True)


def touch(blog: Path, count: int, tag: str) -> None:
    """Change `count` entries' bodies: the first ones by name, or with a negative count
    the last ones (so that the two sides never touch the same entry, and bare git merges
    without a conflict)."""
    names = sorted((blog / "entries").glob("*.md"))
    for path in names[:count] if count > 0 else names[count:]:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(f"{tag}\n")


def desk_pair(work: Path, entries: int) -> tuple[Path, Path]:
    blog = generate(work / "a", entries)
    run(DESK, "share", blog, work / "remote.git")
    run(DESK, "join", work / "remote.git", "--drafts", work / "b")
    return blog, next((work / "b").iterdir())


def bare_pair(work: Path, entries: int) -> tuple[Path, Path]:
    blog = generate(work / "bare-a", entries)
    run("git", "init", "-q", "-b", "main", cwd=blog, env=BARE_ENV)
    run("git", "add", "-A", cwd=blog, env=BARE_ENV)
    run("git", "commit", "-q", "-m", "first", cwd=blog, env=BARE_ENV)
    run("git", "init", "-q", "--bare", "-b", "main", work / "bare.git", env=BARE_ENV)
    run("git", "remote", "add", "origin", work / "bare.git", cwd=blog, env=BARE_ENV)
    run("git", "push", "-q", "origin", "main", cwd=blog, env=BARE_ENV)
    run("git", "clone", "-q", work / "bare.git", work / "bare-b", env=BARE_ENV)
    return blog, work / "bare-b"


def desk_round(a: Path, b: Path, changed: int, tag: str) -> float:
    touch(b, changed, tag + "b")
    run(DESK, "sync", b)
    touch(a, -1, tag + "a")
    begun = time.perf_counter()
    run(DESK, "sync", a)
    return time.perf_counter() - begun


def bare_round(a: Path, b: Path, changed: int, tag: str) -> float:
    touch(b, changed, tag + "b")
    for step in (
        ("add", "-A"),
        ("commit", "-q", "-m", "b"),
        ("pull", "-q", "--no-rebase", "origin", "main"),
        ("push", "-q", "origin", "HEAD:main"),
    ):
        run("git", *step, cwd=b, env=BARE_ENV)
    touch(a, -1, tag + "a")
    begun = time.perf_counter()
    for step in (
        ("add", "-A"),
        ("commit", "-q", "-m", "a"),
        ("fetch", "-q", "origin"),
        ("merge", "-q", "--no-edit", "origin/main"),
        ("push", "-q", "origin", "HEAD:main"),
    ):
        run("git", *step, cwd=a, env=BARE_ENV)
    return time.perf_counter() - begun


def _load() -> str:
    return "load average " + " ".join(f"{n:.1f}" for n in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="1,000 entries, fewer runs")
    parser.add_argument("--newsroom", action="store_true", help="also the bigger newsroom")
    args = parser.parse_args()
    entries, runs = (1000, 3) if args.quick else (10_000, 5)
    work = Path(tempfile.mkdtemp(prefix="desk-bench-sync-"))
    os.environ["HOME"] = str(work / "home")
    try:
        a, b = desk_pair(work, entries)
        bare_a, bare_b = bare_pair(work, entries)
        print(f"{entries:,} entries; medians of {runs} runs; {_load()}")
        print(f"{'changed there':>14} {'desk sync':>10} {'bare git':>10} {'desk - bare':>12}")
        for changed in (1, 10, 100, min(1000, entries - 10)):
            ours = statistics.median(
                desk_round(a, b, changed, f"d{changed}-{n}") for n in range(runs)
            )
            bare = statistics.median(
                bare_round(bare_a, bare_b, changed, f"g{changed}-{n}") for n in range(runs)
            )
            print(f"{changed:>14,} {ours:>9.2f}s {bare:>9.2f}s {ours - bare:>11.2f}s  {_load()}")
        if args.newsroom:
            from tests.newsroom_sim import simulate

            print("newsroom:", simulate(work / "newsroom", reporters=10, updates=300, seed=13))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
