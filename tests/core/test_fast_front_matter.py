"""The fast front-matter path must read exactly what PyYAML's safe loader reads."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desk.core.yamlio import SafeLoader, _fast_mapping, dump_yaml

EXAMPLES = settings(deadline=None, max_examples=1000, suppress_health_check=[HealthCheck.too_slow])
KEYS = st.sampled_from(["id", "author", "headline", "kind", "status", "published_hash", "x_y"])
TRICKY = st.sampled_from(
    ["yes", "No", "null", "~", "true", "1e3", "0x1F", "12:30", "2025-03-14", "- a", "a: b",
     "a #b", "#a", "'q'", '"q"', "a'b", "[x]", "{x}", "*a", "&a", "!t", "%p", "@h", "`b",
     "|", ">", "?", "-", "a  b", " a", "a ", "é", "Ñúñez", "ａ", "a\u2028b", "\x85", ".nan",
     "inf", "Infinity", "=", "<<", "a,b", "NaN", "a - b", "0o7", "+1", ".5", "_x"]
)  # fmt: skip
VALUES = st.one_of(
    st.text(max_size=40),
    TRICKY,
    st.booleans(),
    st.datetimes(timezones=st.just(UTC)).map(lambda d: d.replace(microsecond=0)),
)


def _yaml(text: str) -> Any:
    return yaml.load(text, Loader=SafeLoader)


@EXAMPLES
@given(st.dictionaries(KEYS, VALUES, min_size=1, max_size=6))
def test_what_desk_writes_reads_the_same_both_ways(data: dict[str, Any]) -> None:
    text = dump_yaml(data)
    fast = _fast_mapping(text)
    assert _yaml(text) == data
    assert fast is None or fast == data


@EXAMPLES
@given(st.lists(st.tuples(KEYS, st.one_of(st.text(max_size=30), TRICKY)), min_size=1, max_size=5))
def test_any_line_the_fast_path_takes_reads_as_yaml_reads_it(lines: list[tuple[str, str]]) -> None:
    text = "".join(f"{key}: {value}\n" for key, value in lines)
    fast = _fast_mapping(text)
    if fast is not None:
        assert _yaml(text) == fast


def test_the_usual_entry_takes_the_fast_path() -> None:
    text = 'id: "k7f3c2a"\nstamp: 2025-03-14T21:41:00Z\nkind: update\nstatus: ready\nauthor: Jane Doe\n'
    assert _fast_mapping(text) == {
        "id": "k7f3c2a",
        "stamp": datetime(2025, 3, 14, 21, 41, tzinfo=UTC),
        "kind": "update",
        "status": "ready",
        "author": "Jane Doe",
    }
