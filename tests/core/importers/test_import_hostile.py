"""Hostile input to import: huge, deeply nested, unfinished, binary. Each
answers with a blog or Desk's own error, never a traceback; the work is bounded by caps
(no timers here: a regression shows as a run that does not finish)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from desk.core.errors import DeskError
from desk.core.importers.importing import import_file, parse_import
from desk.core.importers.options import ImportOptions

STAMP = "<p>UPDATE 1303 GMT:</p>"
CASES = {
    "50 MB of text": ("UPDATE 1303 GMT:\n" + ("word " * 20 + "\n") * 500_000, "text"),
    "200,000 nested divs": (STAMP + "<div>" * 200_000 + "x" + "</div>" * 200_000, "html"),
    "30,000 unclosed tags": (STAMP + "<a " * 30_000, "html"),
    "an unclosed comment": (STAMP + "<!--" + "<a " * 30_000, "html"),
    "30,000 declarations": (STAMP + "<!x " * 30_000, "html"),
    "30,000 end tags": (STAMP + "</a " * 30_000 + ">", "html"),
    "30,000 character references": (STAMP + "&#" * 30_000, "html"),
    "NUL bytes": ("UPDATE 1303 GMT:\x00\x00\nwords\x00here", "text"),
    "a deep Markdown quote": ("**UPDATE 1303 GMT:**\n\n" + ">" * 5_000 + " deep", "md"),
    "nested lists": (
        "UPDATE 1303 GMT:\n" + "".join("  " * i + "- x\n" for i in range(3_000)),
        "md",
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_input_gives_a_blog_or_a_desk_error(name: str) -> None:
    text, fmt = CASES[name]
    try:
        blog = parse_import(text, ImportOptions(format=fmt, date=date(2025, 3, 14)))
    except DeskError:
        return
    assert len(blog.entries) >= 1


def test_words_after_an_unfinished_tag_are_kept() -> None:
    blog = parse_import(STAMP + "<p>Tide <b>turning</b> now <a", ImportOptions(format="html"))
    assert "Tide **turning** now" in blog.timeline()[0].body


@pytest.mark.parametrize(
    "data",
    [b"UPDATE 1303 GMT:\n\xff\xfe\xfa broken bytes\n", b"\xef\xbb\xbfUPDATE 1303 GMT:\nBOM\n"],
)
def test_invalid_utf8_and_a_bom_are_read(tmp_path: Path, data: bytes) -> None:
    source = tmp_path / "blog.txt"
    source.write_bytes(data)
    blog = import_file(source, ImportOptions(date=date(2025, 3, 14)))
    assert len(blog.entries) == 1
