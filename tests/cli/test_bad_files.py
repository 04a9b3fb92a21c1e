"""No file in a blog folder, however broken, stops the blog from opening or gets
overwritten. Each bad file goes through the store, `desk list`/`export` and `desk check`."""

from __future__ import annotations

from pathlib import Path

import pytest

from desk.core.storage.store import BlogStore
from tests.desk_run import RunDesk
from tests.helpers import make_blog_folder, snapshot

GOOD = '---\nid: "k7f3c2a"\nstamp: 2025-03-14T21:41:00Z\nkind: update\nstatus: ready\n---\nBody\n'

# name: (file name in entries/, bytes, words the message holds, the line it names)
BAD_ENTRIES: dict[str, tuple[str, bytes, str, int]] = {
    "invalid yaml": (
        "k7f3c2a.md",
        b'---\nid: "k7f3c2a"\nstamp: [2025\n---\nBody\n',
        "not valid YAML",
        4,
    ),
    "yaml tag": (
        "k7f3c2a.md",
        b'---\nid: !!python/object/apply:os.system ["true"]\n---\nx\n',
        "YAML tags are not allowed",
        2,
    ),
    "wrong type": (
        "k7f3c2a.md",
        GOOD.replace("status: ready", "status: ready\nauthor: [1, 2]").encode(),
        "'author' must be text",
        6,
    ),
    "stamp not a time": (
        "k7f3c2a.md",
        GOOD.replace("2025-03-14T21:41:00Z", "teatime").encode(),
        "stamp 'teatime' is not a time",
        3,
    ),
    "status outside": (
        "k7f3c2a.md",
        GOOD.replace("status: ready", "status: published").encode(),
        "status 'published' is not one of draft, ready",
        5,
    ),
    "duplicate id": ("zz9dupe.md", GOOD.encode(), "duplicate id 'k7f3c2a'", 1),
    "id breaks pattern": (
        "k7f3c2a.md",
        GOOD.replace('"k7f3c2a"', '"../../etc/passwd"').encode(),
        "bad entry id",
        2,
    ),
    "file name breaks pattern": ("Not An Id.md", GOOD.encode(), "is not an entry id", 1),
    "binary": ("k7f3c2a.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary", 1),
    "invalid utf-8": (
        "k7f3c2a.md",
        GOOD.replace("Body", "Caf\udce9").encode("utf-8", "surrogateescape"),
        "not valid UTF-8",
        1,
    ),
    "empty": ("k7f3c2a.md", b"", "empty", 1),
    "no front matter": ("k7f3c2a.md", b"Just some words\n", "no front matter", 1),
    "front matter not closed": ("k7f3c2a.md", b'---\nid: "k7f3c2a"\nBody\n', "not closed", 1),
    "id differs from file name": (
        "k7f3c2a.md",
        GOOD.replace('"k7f3c2a"', '"other"').encode(),
        "does not match the file name",
        1,
    ),
}


@pytest.fixture
def blog(tmp_path: Path) -> Path:
    return make_blog_folder(tmp_path / "drafts").root


@pytest.mark.parametrize("case", sorted(BAD_ENTRIES))
def test_a_bad_entry_file_never_stops_the_blog_or_gets_rewritten(
    desk: RunDesk, blog: Path, case: str
) -> None:
    name, data, message, line = BAD_ENTRIES[case]
    bad = blog / "entries" / name
    bad.write_bytes(data)
    before = snapshot(blog)

    store, loaded = BlogStore.open(blog)
    assert len(store.problems) == 1
    assert store.problems[0].path == bad and message in store.problems[0].message
    assert (store.problems[0].line or 1) == line
    survivors = {"b2c9d01", "m1dn1te", "n0d2aft"}
    assert survivors <= set(loaded.entries)
    store.save(loaded)  # saving the blog never touches the bad file
    assert bad.read_bytes() == data

    for command in ("list", "export"):
        run = desk(command, blog, "--all") if command == "export" else desk(command, blog)
        assert run.code == 0, run.err
        assert f"desk: warning: {bad}" in run.err and message in run.err
        assert "Traceback" not in run.err
        assert "entry-m1dn1te" in run.out or "m1dn1te" in run.out

    run = desk("check", blog)
    assert run.code == 1
    assert f"{bad}:{line}: " in run.out and message in run.out
    assert run.err == ""
    assert bad.read_bytes() == data
    after = snapshot(blog)
    assert {k: v for k, v in after.items() if k in before and not k.startswith("blog.yaml")} == {
        k: v for k, v in before.items() if not k.startswith("blog.yaml")
    }


def test_a_very_large_body_is_loaded_with_a_warning(desk: RunDesk, blog: Path) -> None:
    big = blog / "entries" / "k7f3c2a.md"
    big.write_text(GOOD.replace("Body", "word " * 220_000))
    store, loaded = BlogStore.open(blog)
    assert "k7f3c2a" in loaded.entries
    assert any("very large body" in p.message for p in store.problems)
    run = desk("list", blog)
    assert "k7f3c2a" in run.out and "very large body" in run.err


def test_an_order_naming_missing_entries_or_forgetting_some(desk: RunDesk, blog: Path) -> None:
    meta = blog / "blog.yaml"
    text = meta.read_text().replace('- "k7f3c2a"\n', '- "gone123"\n')
    meta.write_text(text)
    before = snapshot(blog)
    store, loaded = BlogStore.open(blog)
    messages = sorted(p.message for p in store.problems)
    assert messages == [
        "not in blog.yaml's order: placed by its stamp",
        "order names 'gone123', which has no entry file",
    ]
    assert loaded.order == ["m1dn1te", "n0d2aft", "k7f3c2a", "b2c9d01"]  # by its stamp
    run = desk("list", blog)
    assert run.code == 0 and run.out.count("\n") == 4 and run.err.count("warning") == 2
    run = desk("check", blog)
    assert run.code == 1 and len(run.out.splitlines()) == 2
    assert snapshot(blog) == before


def test_check_prints_nothing_for_a_healthy_blog(desk: RunDesk, blog: Path) -> None:
    run = desk("check", blog)
    assert (run.code, run.out, run.err) == (0, "", "")


def test_check_reports_a_broken_blog_yaml_with_its_line(desk: RunDesk, blog: Path) -> None:
    (blog / "blog.yaml").write_text("title: Storm\ndate: 2025-03-14\norder: [unclosed\n")
    run = desk("check", blog)
    assert run.code == 1
    assert run.out.startswith(f"{blog / 'blog.yaml'}:")
    assert "not valid YAML" in run.out
