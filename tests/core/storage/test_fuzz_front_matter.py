"""The front-matter reader, fed anything, answers with an entry or Desk's own error."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desk.core.errors import DeskError
from desk.core.model import Entry
from desk.core.storage.front_matter import dump_entry, parse_blog_meta, parse_entry

PATH = Path("entries/fuzz.md")
KEYS = [
    "id",
    "stamp",
    "kind",
    "status",
    "author",
    "headline",
    "key",
    "pinned",
    "published",
    "notes",
]
SCALARS = st.one_of(
    st.text(max_size=30),
    st.integers(),
    st.booleans(),
    st.none(),
    st.sampled_from(
        [
            '"k7f3c2a"',
            "2025-03-14T21:41:00Z",
            "ready",
            "!!python/object/apply:os.system [x]",
            "[",
            "{a: 1}",
            "&a [*a]",
        ]
    ),
)
FUZZ = settings(deadline=None, max_examples=300, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.fuzz("front matter")
@FUZZ
@given(st.text(max_size=2000))
def test_any_text_is_an_entry_or_a_desk_error(text: str) -> None:
    with contextlib.suppress(DeskError):
        assert isinstance(parse_entry(text, PATH), Entry)


@pytest.mark.fuzz("front matter")
@FUZZ
@given(st.dictionaries(st.sampled_from(KEYS), SCALARS, max_size=10), st.text(max_size=300))
def test_front_matter_shaped_text_is_an_entry_or_a_desk_error(
    fields: dict[str, object], body: str
) -> None:
    meta = "".join(f"{key}: {value}\n" for key, value in fields.items())
    try:
        entry = parse_entry(f"---\n{meta}---\n{body}\n", PATH)
    except DeskError:
        return
    assert parse_entry(dump_entry(entry), PATH) == entry


@pytest.mark.fuzz("blog.yaml")
@FUZZ
@given(st.text(max_size=2000))
def test_any_blog_yaml_is_a_blog_or_a_desk_error(text: str) -> None:
    with contextlib.suppress(DeskError):
        parse_blog_meta(text, Path("blog.yaml"))


@pytest.mark.fuzz("front matter")
@FUZZ
@given(
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=500),
    st.text(max_size=80),
    st.text(max_size=80),
    st.text(max_size=200),
)
def test_any_entry_survives_a_round_trip_through_its_file(
    body: str, author: str, headline: str, notes: str
) -> None:
    from datetime import UTC, datetime

    entry = Entry(
        "k7f3c2a",
        datetime(2025, 3, 14, 21, 41, tzinfo=UTC),
        author=author,
        headline=headline,
        notes=notes,
        body=body,
    )
    assert parse_entry(dump_entry(entry), PATH) == entry


@pytest.mark.parametrize(
    "text",
    [
        '---\nid: "k7f3c2a"\nstamp: 2025-02-30T12:00:00Z\n---\nb\n',
        '---\nid: "k7f3c2a"\nstamp: 2025-13-01T12:00:00Z\n---\nb\n',
        '---\nid: "k7f3c2a"\nstamp: 2025-01-01T12:00:00Z\npublished: 2025-02-30\n---\nb\n',
        "---\n" + "a: &a [" * 50 + "]" * 50 + "\n---\nb\n",
    ],
)
def test_impossible_values_are_desk_errors(text: str) -> None:
    with pytest.raises(DeskError):
        parse_entry(text, PATH)
    with pytest.raises(DeskError):
        parse_blog_meta("title: x\ndate: 2025-02-30\n", Path("blog.yaml"))
