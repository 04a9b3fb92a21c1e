"""`desk import` and `desk merge` through the installed command."""

from __future__ import annotations

from pathlib import Path

import pytest

from desk.core.exchange import send_entry
from desk.core.storage.store import BlogStore
from tests.desk_run import RunDesk, assert_clean_error
from tests.helpers import make_blog_folder, snapshot

HARBOUR = Path(__file__).parents[1] / "data" / "harbour-storm.txt"


def test_import_a_cms_page_and_carry_on(desk: RunDesk, tmp_path: Path) -> None:
    run = desk("import", HARBOUR, "--date", "2025-03-14", "--drafts", tmp_path, "--title", "Storm")
    assert run.code == 0, run.err
    folder = Path(run.out.strip())
    assert folder.parent == tmp_path
    labels = [line.split("\t")[0] for line in desk("list", folder).out.splitlines()]
    assert labels == [
        "UPDATE 2141 GMT:",
        "UPDATE 1958 GMT:",
        "UPDATE 1712 GMT:",
        "UPDATE 1530 GMT:",
        "ORIGINAL ENTRY:",
    ]
    added = desk(
        "add", folder, "--status", "ready", stdin="The tide has turned.", now="2025-03-14T22:30Z"
    )
    assert added.code == 0
    assert desk("list", folder).out.startswith("UPDATE 2230 GMT:\tready\t")


def test_import_the_same_twice_is_refused(desk: RunDesk, tmp_path: Path) -> None:
    args = ("import", HARBOUR, "--date", "2025-03-14", "--drafts", tmp_path, "--title", "Storm")
    assert desk(*args).code == 0
    before = snapshot(tmp_path)
    assert_clean_error(desk(*args), "already exists")
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize(
    ("content", "args", "message"),
    [
        (b"Just a paragraph, no stamps.\n", (), "no stamp line"),
        (b"\x00\x01\x02binary\xff\xfe", (), "no stamp line"),
        (b"UPDATE 1303 GMT:\nText.\n", ("--date", "14/03/2025"), "not a date"),
        (b"UPDATE 1303 GMT:\nText.\n", ("--original-at", "25:99"), "not a time of day"),
        (b"UPDATE 1303 GMT:\nText.\n", ("--from", "pdf"), "invalid choice"),
    ],
)
def test_bad_imports_are_one_clear_line(
    desk: RunDesk, tmp_path: Path, content: bytes, args: tuple[str, ...], message: str
) -> None:
    source = tmp_path / "in.txt"
    source.write_bytes(content)
    drafts = tmp_path / "drafts"
    assert_clean_error(desk("import", source, "--drafts", drafts, *args), message)
    assert not drafts.exists()


def test_import_of_a_missing_file(desk: RunDesk, tmp_path: Path) -> None:
    assert_clean_error(desk("import", tmp_path / "nope.txt", "--drafts", tmp_path), "nope.txt")


def test_merge_brings_a_reporters_entry_in(desk: RunDesk, tmp_path: Path) -> None:
    field = make_blog_folder(tmp_path / "laptop")
    desk_blog = make_blog_folder(tmp_path / "desk").root
    added = desk(
        "add", field.root, "--at", "2025-03-14T22:20", "--status", "ready", stdin="From the quay."
    )
    store, blog = BlogStore.open(field.root)
    sent = send_entry(blog, store, added.out.strip(), tmp_path / "outbox")
    run = desk("merge", desk_blog, sent)
    assert (run.code, run.out) == (0, "1 added\n"), run.err
    assert desk("list", desk_blog).out.splitlines()[1].startswith("UPDATE 2220 GMT:\tready\t")
    assert desk("merge", desk_blog, sent).out == "1 unchanged\n"


@pytest.mark.parametrize(
    ("front", "message"),
    [
        ('id: "../../etc/passwd"', "id"),
        ('id: "a/b"', "id"),
        ("id: [unclosed", "YAML"),
    ],
)
def test_merge_refuses_bad_files_and_writes_nothing(
    desk: RunDesk, tmp_path: Path, front: str, message: str
) -> None:
    blog = make_blog_folder(tmp_path / "desk").root
    good = tmp_path / "good.md"
    good.write_text('---\nid: "fresh1"\nstamp: 2025-03-14T22:00:00Z\nstatus: ready\n---\nGood.\n')
    bad = tmp_path / "bad.md"
    bad.write_text(f"---\n{front}\nstamp: 2025-03-14T22:00:00Z\n---\nBad.\n")
    before = snapshot(blog)
    run = desk("merge", blog, good, bad)
    assert_clean_error(run, message)
    assert "bad.md" in run.err
    assert snapshot(blog) == before


def test_merge_round_trip_through_the_command_line(desk: RunDesk, tmp_path: Path) -> None:
    """desk → reporter ("1 unchanged") → reporter edits → desk: merged, no conflict."""
    import shutil

    desk_blog = make_blog_folder(tmp_path / "desk").root
    laptop = tmp_path / "laptop"
    shutil.copytree(desk_blog, laptop)
    store, blog = BlogStore.open(desk_blog)
    out = send_entry(blog, store, "k7f3c2a", tmp_path / "to-reporter.md", "Desk editor")
    assert desk("merge", laptop, out).out == "1 unchanged\n"
    field_store, field = BlogStore.open(laptop)
    field.entries["k7f3c2a"].body = "The terminal reopened at 2130 GMT."
    back = send_entry(field, field_store, "k7f3c2a", tmp_path / "back.md", "Leyla Demir")
    run = desk("merge", desk_blog, back)
    assert (run.code, run.out, run.err) == (0, "1 updated\n", "")
    assert BlogStore.open(desk_blog)[1].entries["k7f3c2a"].body.startswith("The terminal")


def test_merge_says_when_it_cannot_tell_which_side_changed(desk: RunDesk, tmp_path: Path) -> None:
    import shutil

    desk_blog = make_blog_folder(tmp_path / "desk").root
    laptop = tmp_path / "laptop"
    shutil.copytree(desk_blog, laptop)
    field_store, field = BlogStore.open(laptop)
    field.entries["k7f3c2a"].body = "Rewritten on the laptop."
    sent = send_entry(field, field_store, "k7f3c2a", tmp_path / "sent.md", "Leyla Demir")
    run = desk("merge", desk_blog, sent)
    assert (run.code, run.out) == (0, "1 conflict copy\n")
    (line,) = run.err.splitlines()
    assert line.startswith("desk: warning: conflict copy ")
    assert "UPDATE 2141 GMT from Leyla Demir, sent " in line
    assert "Desk cannot tell which side changed this" in line
