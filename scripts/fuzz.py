"""The long fuzz run, `make fuzz`: the suites marked `fuzz`, round after round, each round
with a fresh random seed and FUZZ_EXAMPLES examples per test, until FUZZ_MINUTES are
spent. Failing examples stay in hypothesis' database (.hypothesis/examples), so the next
run replays them first. Prints the examples run per target; exits 1 on the first failure."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MIN_EXAMPLES = 50  # a round smaller than this is mostly pytest's start-up


def run_round(counts_file: Path, extra: list[str], examples: int) -> tuple[int, str]:
    command = [
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-x",
        "-m",
        "fuzz",
        "--hypothesis-profile=long",
        "-p",
        "no:cacheprovider",
        *extra,
    ]
    env = {
        **os.environ,
        "FUZZ_COUNTS": str(counts_file),
        "FUZZ_EXAMPLES": str(examples),
        "QT_QPA_PLATFORM": "offscreen",
    }
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    return done.returncode, done.stdout + done.stderr


def main(argv: list[str]) -> int:
    minutes = float(os.environ.get("FUZZ_MINUTES", "60"))
    budget = minutes * 60
    start = time.monotonic()
    totals: defaultdict[str, Counter[str]] = defaultdict(Counter)
    examples = int(os.environ.get("FUZZ_EXAMPLES", "2000"))
    rounds, status, per_example = 0, 0, 0.0
    with tempfile.TemporaryDirectory(prefix="desk-fuzz-") as scratch:
        counts_file = Path(scratch) / "counts.json"
        while True:
            left = budget - (time.monotonic() - start)
            size = examples
            if per_example:  # the last rounds shrink to fill the time that is left
                size = min(examples, int(left / per_example))
            if rounds and size < min(MIN_EXAMPLES, examples):
                break
            began = time.monotonic()
            counts_file.unlink(missing_ok=True)
            code, output = run_round(counts_file, argv, size)
            per_example = max(per_example, (time.monotonic() - began) / size)
            rounds += 1
            if counts_file.exists():
                for target, tests in json.loads(counts_file.read_text("utf-8")).items():
                    totals[target].update(tests)
            elapsed = (time.monotonic() - start) / 60
            print(
                f"round {rounds}: {size} examples a suite, exit {code}, "
                f"{elapsed:.1f} of {minutes:g} minutes",
                flush=True,
            )
            if code != 0:
                print(output, flush=True)
                status = 1
                break
    print(f"fuzzed for {(time.monotonic() - start) / 60:.1f} minutes in {rounds} rounds")
    print("examples run per fuzz target:")
    for target in sorted(totals):
        print(f"  {target}: {sum(totals[target].values())}")
        for name, count in sorted(totals[target].items()):
            print(f"    {name}: {count}")
    print("no failure" if status == 0 else "FAILED: the failing example is kept in .hypothesis/")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
