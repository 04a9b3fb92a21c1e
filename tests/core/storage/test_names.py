"""Names that break other laptops: the rules one by one, and a blog holding each such
file, which opens with every problem reported and the files left as they are."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from desk.core.storage.names import case_clashes, folder_problems, name_problem, shown
from desk.core.storage.store import BlogStore
from tests.desk_run import RunDesk
from tests.helpers import make_blog_folder, snapshot

GOOD = '---\nid: "{id}"\nstamp: 2025-03-14T21:45:00Z\nkind: update\nstatus: ready\n---\nBody\n'

# case: (file name as bytes, in which folder, words of the message)
REFUSED: dict[str, tuple[bytes, str, str]] = {
    "windows device con": (b"con.md", "entries", "Windows reserves"),
    "windows device aux": (b"aux.md", "entries", "Windows reserves"),
    "windows device with a number": (b"LPT1.png", "media", "Windows reserves"),
    "trailing dot": (b"map.", "media", "ends with a dot or a space"),
    "trailing space": (b"map.png ", "media", "ends with a dot or a space"),
    "over 200 bytes": (b"a" * 198 + b".md", "entries", "over the limit of 200"),
    "not utf-8": (b"caf\xe9.png", "media", "not UTF-8"),
    "windows character": (b"what?.png", "media", "does not allow"),
    "at the top": (b"nul", "", "Windows reserves"),
}


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("con.md", "Windows reserves"),
        ("CON", "Windows reserves"),
        ("Aux.tar.gz", "Windows reserves"),
        ("com9.md", "Windows reserves"),
        ("notes.", "dot or a space"),
        ("notes ", "dot or a space"),
        ("é" * 101, "202 bytes"),
        ("a<b", "does not allow"),
        ("tab\there", "does not allow"),
    ],
)
def test_each_rule(name: str, words: str) -> None:
    problem = name_problem(name)
    assert problem is not None and words in problem


@pytest.mark.parametrize(
    "name", ["k7f3c2a.md", "blog.yaml", "words.txt", "console.md", "comma.md", "é" * 100, "a.b"]
)
def test_names_that_travel(name: str) -> None:
    assert name_problem(name) is None


def test_a_name_not_in_utf8_as_bytes_and_as_the_disk_gives_it() -> None:
    assert "not UTF-8" in (name_problem(b"caf\xe9") or "")
    assert "not UTF-8" in (name_problem(os.fsdecode(b"caf\xe9")) or "")
    assert shown(b"caf\xe9") == "caf\\xe9"


def test_names_differing_only_by_case_or_unicode_form_clash() -> None:
    assert case_clashes(["Map.png", "map.png", "other.png"]) == [("Map.png", "map.png")]
    assert case_clashes(["caf\u00e9.md", "cafe\u0301.md"]) != []
    assert next(m for _, m in folder_problems(["ab.md", "AB.md"])).startswith("differs from")


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_a_name_that_breaks_other_laptops_is_reported_and_the_blog_opens(
    desk: RunDesk, tmp_path: Path, case: str
) -> None:
    raw, folder, words = REFUSED[case]
    blog = make_blog_folder(tmp_path / "drafts").root
    place = os.fsencode(blog / folder) if folder else os.fsencode(blog)
    data = GOOD.format(id=raw[:-3].decode()) if raw.endswith(b".md") else "image bytes"
    with open(os.path.join(place, raw), "w", encoding="utf-8") as handle:
        handle.write(data)
    before = snapshot(blog)
    store, loaded = BlogStore.open(blog)
    found = [p for p in store.problems if words in p.message]
    assert len(found) == 1, store.problems
    assert str(found[0].path).endswith(shown(raw))
    assert {"k7f3c2a", "m1dn1te", "n0d2aft", "b2c9d01"} <= set(loaded.entries)
    store.save(loaded)
    run = desk("check", blog)
    assert run.code == 1 and words in run.out and "Traceback" not in run.err
    run = desk("list", blog)
    assert run.code == 0 and words in run.err
    after = snapshot(blog)  # blog.yaml may gain the new entry's place; nothing else changes
    assert {k: v for k, v in after.items() if k != "blog.yaml"} == {
        k: v for k, v in before.items() if k != "blog.yaml"
    }


def test_two_entries_differing_only_by_case_are_reported(desk: RunDesk, tmp_path: Path) -> None:
    blog = make_blog_folder(tmp_path / "drafts").root
    (blog / "media" / "Map.png").write_bytes(b"one")
    (blog / "media" / "map.png").write_bytes(b"two")
    store, _ = BlogStore.open(blog)
    [problem] = store.problems
    assert problem.path == blog / "media" / "map.png"
    assert "differs from 'Map.png' only by case" in problem.message
    run = desk("check", blog)
    assert f"{blog / 'media' / 'map.png'}:1: differs from 'Map.png' only by case" in run.out
