"""The long fuzz run's profile: every `fuzz` suite gets its budget and its examples are
counted per target; without the profile (CI) a suite keeps the budget written on it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SUITE = "tests/core/storage/test_fuzz_front_matter.py::test_any_text_is_an_entry_or_a_desk_error"


def _counts(tmp_path: Path, *options: str) -> tuple[dict[str, dict[str, int]], str]:
    counts = tmp_path / "counts.json"
    env = {
        **os.environ,
        "FUZZ_COUNTS": str(counts),
        "FUZZ_EXAMPLES": "7",
        "FUZZ_DATABASE": str(tmp_path / "examples"),
    }
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *options, SUITE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return json.loads(counts.read_text("utf-8")), done.stdout


def test_the_long_profile_sets_the_budget_and_counts_each_target(tmp_path: Path) -> None:
    counts, out = _counts(tmp_path, "-m", "fuzz", "--hypothesis-profile=long")
    assert counts == {"front matter": {"test_any_text_is_an_entry_or_a_desk_error": 7}}
    assert "examples run per fuzz target:" in out
    assert "  front matter: 7" in out


def test_without_the_profile_a_suite_keeps_its_own_budget(tmp_path: Path) -> None:
    counts, _ = _counts(tmp_path)
    assert counts == {"front matter": {"test_any_text_is_an_entry_or_a_desk_error": 300}}
