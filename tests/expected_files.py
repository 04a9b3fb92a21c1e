"""Compare output with a file under tests/expected/; DESK_REGEN=1 rewrites the file instead."""

from __future__ import annotations

import os

from tests.helpers import EXPECTED


def assert_matches_expected(text: str, name: str) -> None:
    path = EXPECTED / name
    if os.environ.get("DESK_REGEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.is_file(), f"{path} is missing: run with DESK_REGEN=1 once and review it"
    assert text == path.read_text(encoding="utf-8")
