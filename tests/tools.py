"""System tools that some tests need: skip with the reason when one is missing, unless
`DESK_REQUIRE_<TOOL>=1` (set by CI), when its absence fails the test instead."""

from __future__ import annotations

import os

import pytest


def require(tool: str, available: bool, reason: str) -> None:
    """Skip (or, under `DESK_REQUIRE_<TOOL>=1`, fail) unless `available`."""
    if available:
        return
    variable = f"DESK_REQUIRE_{tool.upper()}"
    if os.environ.get(variable) == "1":
        pytest.fail(f"{variable}=1 but {reason}")
    pytest.skip(reason)
