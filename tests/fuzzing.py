"""The long fuzz run: a hypothesis profile with a large example budget, applied to every
suite marked `fuzz`, and a count of the examples each target ran.

CI runs the suites with the budgets written on them. `--hypothesis-profile=long` (what
`make fuzz` passes) gives each one `FUZZ_EXAMPLES` examples instead and keeps failing
examples in hypothesis' database; a target is the marker's argument
(`@pytest.mark.fuzz("importers")`), else the test module's name."""

from __future__ import annotations

import functools
import json
import os
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis.database import DirectoryBasedExampleDatabase

LONG = "long"
COUNTS_ENV = "FUZZ_COUNTS"  # a file the counts are written to, as JSON, at the end
EXAMPLES_ENV = "FUZZ_EXAMPLES"
DEFAULT_EXAMPLES = 2000
SLOW = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example]

settings.register_profile(
    LONG,
    max_examples=int(os.environ.get(EXAMPLES_ENV, DEFAULT_EXAMPLES)),
    deadline=None,
    suppress_health_check=SLOW,
    database=DirectoryBasedExampleDatabase(os.environ.get("FUZZ_DATABASE", ".hypothesis/examples")),
    print_blob=True,
)

# target -> test name -> examples run (shrinking and replays included)
COUNTS: defaultdict[str, Counter[str]] = defaultdict(Counter)


def is_long() -> bool:
    return settings.get_current_profile_name() == LONG


def target_of(item: pytest.Item) -> str:
    marker = item.get_closest_marker("fuzz")
    if marker is not None and marker.args:
        return str(marker.args[0])
    module = Path(str(item.fspath)).stem
    return module.removeprefix("test_").replace("_", " ")


def _counted(inner: Callable[..., Any], target: str, name: str) -> Callable[..., Any]:
    @functools.wraps(inner)
    def run(*args: Any, **kwargs: Any) -> Any:
        COUNTS[target][name] += 1
        return inner(*args, **kwargs)

    run.desk_counted = True  # type: ignore[attr-defined]
    return run


def prepare(items: list[pytest.Item]) -> None:
    """Count the examples of every `fuzz` suite; under the long profile give each the
    long budget, whatever budget is written on it."""
    for item in items:
        test = getattr(item, "obj", None)
        handle = getattr(test, "hypothesis", None)
        if item.get_closest_marker("fuzz") is None or handle is None:
            continue
        if not getattr(handle.inner_test, "desk_counted", False):
            handle.inner_test = _counted(handle.inner_test, target_of(item), item.originalname)
        if is_long():
            written = getattr(test, "_hypothesis_internal_use_settings", None)
            test._hypothesis_internal_use_settings = settings(  # type: ignore[union-attr]
                written,
                max_examples=settings.default.max_examples,
                deadline=None,
                database=settings.default.database,
                suppress_health_check=SLOW,
            )


def report(write: Callable[[str], None]) -> None:
    """Print the examples per target (and per test), and write them where FUZZ_COUNTS says."""
    if not COUNTS or not (is_long() or os.environ.get(COUNTS_ENV)):
        return
    write("examples run per fuzz target:")
    for target in sorted(COUNTS):
        write(f"  {target}: {sum(COUNTS[target].values())}")
        for name, count in sorted(COUNTS[target].items()):
            write(f"    {name}: {count}")
    path = os.environ.get(COUNTS_ENV)
    if path:
        Path(path).write_text(
            json.dumps({t: dict(c) for t, c in COUNTS.items()}, indent=1), encoding="utf-8"
        )
