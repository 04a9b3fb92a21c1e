from __future__ import annotations

from pathlib import Path

import pytest

from desk import __version__
from desk.core.storage.store import BlogStore
from tests.desk_run import RunDesk, assert_clean_error
from tests.helpers import make_blog_folder, snapshot


@pytest.fixture
def blog(tmp_path: Path) -> Path:
    return make_blog_folder(tmp_path / "drafts").root


def test_new_prints_the_absolute_path_alone(desk: RunDesk, tmp_path: Path) -> None:
    run = desk("new", "Storm Maren: live", "--drafts", tmp_path)
    assert run.code == 0, run.err
    assert run.out == f"{tmp_path / 'storm-maren-live-2025-03-14'}\n"
    assert (tmp_path / "storm-maren-live-2025-03-14" / "blog.yaml").is_file()
    assert run.err == ""


def test_new_uses_the_date_given_and_desk_drafts(desk: RunDesk, isolated_home: Path) -> None:
    run = desk("new", "Election night", "--date", "2024-11-05")
    assert run.out.strip() == str(isolated_home / "drafts" / "election-night-2024-11-05")


def test_new_refuses_an_existing_folder(desk: RunDesk, tmp_path: Path) -> None:
    desk("new", "Storm", "--drafts", tmp_path)
    before = snapshot(tmp_path)
    assert_clean_error(desk("new", "Storm", "--drafts", tmp_path), "already exists")
    assert snapshot(tmp_path) == before


def test_add_puts_a_new_entry_on_top_stamped_now(desk: RunDesk, blog: Path) -> None:
    run = desk("add", blog, "--status", "ready", "--author", "Jane Doe", stdin="Water is rising.\n")
    assert run.code == 0, run.err
    entry_id = run.out.strip()
    _, loaded = BlogStore.open(blog)
    assert loaded.order[0] == entry_id
    entry = loaded.entries[entry_id]
    assert (entry.body, entry.status, entry.author) == ("Water is rising.", "ready", "Jane Doe")
    assert loaded.label(entry) == "UPDATE 2141 GMT:"


def test_add_at_goes_to_its_stamps_place(desk: RunDesk, blog: Path) -> None:
    ids = [
        desk("add", blog, "--at", t, stdin=f"At {t}").out.strip()
        for t in ("2025-03-14T12:00", "2025-03-14T23:30+00:00", "2025-03-14T10:30:00+01:00")
    ]
    _, loaded = BlogStore.open(blog)
    assert loaded.order == ["m1dn1te", ids[1], "n0d2aft", "k7f3c2a", ids[0], ids[2], "b2c9d01"]
    assert loaded.label(loaded.entries[ids[2]]) == "UPDATE 0930 GMT:"
    assert loaded.entries[ids[0]].status == "draft"


def test_add_original_goes_last(desk: RunDesk, tmp_path: Path) -> None:
    folder = desk("new", "Fresh", "--drafts", tmp_path).out.strip()
    desk("add", folder, stdin="First update")
    run = desk("add", folder, "--original", "--at", "2025-03-14T08:00", stdin="It began.")
    _, loaded = BlogStore.open(Path(folder))
    assert loaded.order[-1] == run.out.strip()
    assert loaded.timeline()[-1].is_original


def test_list_prints_one_tab_separated_line_per_entry(desk: RunDesk, blog: Path) -> None:
    run = desk("list", blog)
    assert run.code == 0
    assert run.out.splitlines() == [
        "UPDATE 0015 GMT, 15 March:\tready\tm1dn1te\tTide has turned.",
        "UPDATE 2205 GMT:\tdraft\tn0d2aft\tUnconfirmed: a second breach.",
        "UPDATE 2141 GMT:\tready\tk7f3c2a\tThe Harbour Authority has reopened the northern ferry",
        "ORIGINAL ENTRY:\tready\tb2c9d01\tStorm Maren has flooded the lower town of",
    ]


@pytest.mark.parametrize("fmt", ["md", "html", "page"])
def test_export_writes_stdout_and_files_alike(
    desk: RunDesk, blog: Path, tmp_path: Path, fmt: str
) -> None:
    to_stdout = desk("export", blog, "--format", fmt)
    out = tmp_path / f"blog.{fmt}"
    to_file = desk("export", blog, "--format", fmt, "-o", out)
    assert to_stdout.code == to_file.code == 0
    assert to_stdout.out == out.read_text()
    assert to_file.out == ""
    assert to_stdout.err == "desk: warning: 1 draft left out\n"


def test_export_all_takes_the_drafts(desk: RunDesk, blog: Path) -> None:
    run = desk("export", blog, "--all")
    assert "entry-n0d2aft" in run.out
    assert run.err == ""


def test_list_and_export_write_nothing(desk: RunDesk, blog: Path) -> None:
    before = snapshot(blog)
    desk("list", blog)
    desk("export", blog, "--format", "page")
    assert snapshot(blog) == before


# Every bad input: exit 1, one line on stderr, no traceback, the folder's bytes unchanged.


def test_no_such_folder(desk: RunDesk, tmp_path: Path) -> None:
    for command in ("list", "export", "add"):
        assert_clean_error(desk(command, tmp_path / "nowhere", stdin="x"), "no such blog folder")


def test_a_folder_that_is_not_a_blog(desk: RunDesk, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hello")
    before = snapshot(tmp_path)
    for command in ("list", "export", "add"):
        assert_clean_error(desk(command, tmp_path, stdin="x"), "is not a blog folder")
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("title: [unclosed\n", "not valid YAML"),
        ("title: Storm\ndate: 2025-03-14\n\tbad: tab\n", "not valid YAML"),
        ("- just\n- a list\n", "must be a mapping"),
        ("title: Storm\ndate: someday\n", "is not a date"),
    ],
)
def test_a_broken_blog_yaml(desk: RunDesk, blog: Path, text: str, message: str) -> None:
    (blog / "blog.yaml").write_text(text)
    before = snapshot(blog)
    for command in ("list", "export", "add"):
        run = desk(command, blog, stdin="x")
        assert_clean_error(run, message)
        assert "blog.yaml" in run.err
    assert snapshot(blog) == before


def test_a_yaml_tag_is_never_constructed(desk: RunDesk, blog: Path, tmp_path: Path) -> None:
    witness = tmp_path / "pwned"
    (blog / "blog.yaml").write_text(
        f'title: !!python/object/apply:os.system ["touch {witness}"]\ndate: 2025-03-14\n'
    )
    entry = blog / "entries" / "k7f3c2a.md"
    entry.write_text(f'---\nid: !!python/object/apply:os.system ["touch {witness}"]\n---\nbody\n')
    before = snapshot(blog)
    for command in ("list", "export", "add"):
        assert_clean_error(desk(command, blog, stdin="x"), "YAML tags are not allowed")
    assert not witness.exists()
    assert snapshot(blog) == before


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("---\nid: [unclosed\n---\nbody\n", "not valid YAML"),
        (
            "---\nid: !!python/object/apply:os.getcwd []\nstamp: 2025-03-14T12:00:00Z\n---\nb\n",
            "YAML tags are not allowed",
        ),
        ('---\nid: "../../etc/passwd"\nstamp: 2025-03-14T12:00:00Z\n---\nb\n', "bad entry id"),
    ],
)
def test_a_bad_entry_file_is_skipped_with_a_warning_and_kept(
    desk: RunDesk, blog: Path, text: str, message: str
) -> None:
    """List and export read what they can and warn about the rest."""
    bad = blog / "entries" / "k7f3c2a.md"
    bad.write_text(text)
    before = snapshot(blog)
    for command in ("list", "export"):
        run = desk(command, blog)
        assert run.code == 0
        assert f"desk: warning: {bad}" in run.err and message in run.err
        assert "k7f3c2a" not in run.out and "Traceback" not in run.err
    assert snapshot(blog) == before


def test_an_entry_file_named_outside_the_pattern_is_skipped(desk: RunDesk, blog: Path) -> None:
    (blog / "entries" / "Bad Name.md").write_text('---\nid: "x"\n---\nb\n')
    run = desk("list", blog)
    assert run.code == 0 and "is not an entry id" in run.err


def test_a_bad_at(desk: RunDesk, blog: Path) -> None:
    before = snapshot(blog)
    assert_clean_error(desk("add", blog, "--at", "half past nine", stdin="x"), "not a time")
    assert snapshot(blog) == before


def test_an_unknown_format(desk: RunDesk, blog: Path) -> None:
    assert_clean_error(desk("export", blog, "--format", "pdf"), "invalid choice: 'pdf'")


def test_an_empty_body(desk: RunDesk, blog: Path) -> None:
    before = snapshot(blog)
    assert_clean_error(desk("add", blog, stdin="  \n\n"), "the body is empty")
    assert snapshot(blog) == before


def test_a_second_original_entry(desk: RunDesk, blog: Path) -> None:
    before = snapshot(blog)
    assert_clean_error(desk("add", blog, "--original", stdin="Again"), "already has an original")
    assert snapshot(blog) == before


def test_an_unknown_command(desk: RunDesk) -> None:
    assert_clean_error(desk("publish"), "invalid choice")


def test_no_display_is_a_clear_error(
    desk: RunDesk, blog: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    assert_clean_error(desk("open", blog), "desk export BLOG --format html")


@pytest.mark.parametrize("where", ["before", "after"])
def test_verbose_writes_the_log_to_stderr(desk: RunDesk, blog: Path, where: str) -> None:
    args = ["--verbose", "list", blog] if where == "before" else ["list", blog, "-v"]
    run = desk(*args)
    assert run.code == 0
    assert len(run.out.splitlines()) == 4  # the listing itself is unchanged
    assert f"DEBUG desk.cli: desk {__version__}: list {blog}" in run.err


def test_without_verbose_nothing_is_logged(desk: RunDesk, blog: Path) -> None:
    run = desk("list", blog)
    assert run.err == ""


def test_a_refusal_is_logged_with_its_traceback_only_when_verbose(
    desk: RunDesk, tmp_path: Path
) -> None:
    quiet = desk("list", tmp_path / "nowhere")
    loud = desk("--verbose", "list", tmp_path / "nowhere")
    assert quiet.code == loud.code == 1
    assert "Traceback" not in quiet.err
    assert "refused:" in loud.err and "Traceback" in loud.err
    assert quiet.err.splitlines()[-1] == loud.err.splitlines()[-1]
