"""A shared blog is untrusted input: a pull that brings a link, a submodule, a filter or
merge driver, or a name that breaks other laptops is checked in the fetched tree, kept out
of the blog and reported; nothing outside the folder is written, nothing is run."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from desk.core.errors import DeskError
from desk.core.storage.store import BlogStore
from desk.core.sync.engine import RefusedPull, join
from desk.core.sync.rules import check_paths, name_problem
from tests.sync_helpers import Newsroom, add, at, entries, git

ENTRY = (
    b'---\nid: "evil001"\nstamp: 2025-03-14T12:00:00Z\nkind: update\nstatus: ready\n---\nHostile.\n'
)


def plain_git(cwd: Path, *args: str | bytes, stdin: bytes | None = None) -> bytes:
    env = {"PATH": os.environ["PATH"], "HOME": str(cwd), "GIT_AUTHOR_NAME": "Mallory",
           "GIT_AUTHOR_EMAIL": "mallory@example.org", "GIT_COMMITTER_NAME": "Mallory",
           "GIT_COMMITTER_EMAIL": "mallory@example.org", "GIT_AUTHOR_DATE": "2025-03-14T12:30:00Z",
           "GIT_CEILING_DIRECTORIES": str(cwd.parent)}  # fmt: skip
    done = subprocess.run(
        ["git", *args], cwd=cwd, input=stdin, capture_output=True, env=env, check=True
    )
    return done.stdout


def push_hostile(room: Newsroom, files: dict[bytes, tuple[str, bytes]]) -> None:
    """A commit on the remote that holds `files` (path -> (mode, content or link target)),
    made with git's plumbing as a hostile colleague would."""
    work = room.tmp / "mallory"
    if not work.exists():
        plain_git(room.tmp, "clone", "-q", str(room.remote), "mallory")
    plain_git(work, "pull", "-q", "origin", "main")
    for path, (mode, content) in files.items():
        if mode == "160000":
            oid = content.decode()
        else:
            oid = plain_git(work, "hash-object", "-w", "--stdin", stdin=content).decode().strip()
        plain_git(work, "update-index", "--add", "--cacheinfo", f"{mode},{oid},".encode() + path)
    plain_git(work, "commit", "-q", "-m", "innocent")
    plain_git(work, "push", "-q", "origin", "HEAD:main")


@pytest.fixture
def room(tmp_path: Path) -> Newsroom:
    return Newsroom(tmp_path)


def test_a_committed_symbolic_link_is_refused_and_nothing_outside_is_touched(
    room: Newsroom,
) -> None:
    outside = room.tmp / "outside.md"
    push_hostile(room, {b"entries/evil001.md": ("120000", b"../../outside.md")})
    result = room.sync(room.desk)
    assert [str(p.refusal) for p in result.refused] == ["entries/evil001.md: a symbolic link"]
    pulled = result.refused[0]
    assert pulled.author == "Mallory <mallory@example.org>" and pulled.when.startswith(
        "2025-03-14T12:30"
    )
    assert "committed by Mallory" in str(pulled)
    assert not (room.desk / "entries" / "evil001.md").exists()
    assert not (room.desk / "entries" / "evil001.md").is_symlink()
    assert not outside.exists()
    assert "evil001" not in entries(room.desk)


def test_a_link_to_a_file_outside_never_lands_in_a_joined_copy(room: Newsroom) -> None:
    (room.tmp / "id_rsa").write_text("PRIVATE KEY")
    push_hostile(room, {b"entries/evil001.md": ("120000", str(room.tmp / "id_rsa").encode())})
    reporter = room.join("reporter")
    assert not (reporter / "entries" / "evil001.md").exists()
    assert list(entries(reporter)) == ["orig001"]


def test_gitattributes_with_a_filter_and_a_merge_driver_runs_nothing(
    room: Newsroom, monkeypatch: pytest.MonkeyPatch
) -> None:
    marker = room.tmp / "ran"
    config = room.tmp / "gitconfig"  # even a user whose git defines them does not run them
    config.write_text(
        f'[filter "evil"]\n\tsmudge = touch {marker}\n\tclean = touch {marker}\n'
        f'[merge "evil"]\n\tdriver = touch {marker}\n'
    )
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    push_hostile(room, {
        b".gitattributes": ("100644", b"* filter=evil merge=evil\n"),
        b"entries/orig001.md": ("100644", (room.desk / "entries" / "orig001.md").read_bytes() + b"More.\n"),
    })  # fmt: skip
    add(room.desk, "Meanwhile at the desk.", at(12, 0))
    result = room.sync(room.desk)
    assert [str(p.refusal) for p in result.refused] == [
        ".gitattributes: not a file of the blog format"
    ]
    assert not (room.desk / ".gitattributes").exists()
    assert not marker.exists()
    assert entries(room.desk)["orig001"].body.endswith("More.")


def test_a_submodule_is_refused_and_nothing_is_fetched(room: Newsroom) -> None:
    other = room.tmp / "other.git"
    plain_git(room.tmp, "init", "-q", "--bare", str(other))
    push_hostile(room, {
        b".gitmodules": ("100644", f'[submodule "x"]\n\tpath = media/x\n\turl = {other}\n'.encode()),
        b"media/x": ("160000", b"0123456789abcdef0123456789abcdef01234567"),
    })  # fmt: skip
    result = room.sync(room.desk)
    assert sorted(str(p.refusal) for p in result.refused) == [
        ".gitmodules: not a file of the blog format",
        "media/x: a submodule",
    ]
    assert not (room.desk / ".git" / "modules").exists()
    assert not (room.desk / "media" / "x").exists()


def test_hooks_in_the_repository_never_run(room: Newsroom) -> None:
    marker = room.tmp / "hooked"
    for hook in ("pre-commit", "post-commit", "post-merge", "pre-push", "reference-transaction"):
        path = room.desk / ".git" / "hooks" / hook
        path.write_text(f"#!/bin/sh\ntouch {marker}\n")
        path.chmod(0o755)
    add(room.desk, "A commit that would run hooks.", at(12, 0))
    room.sync(room.desk)
    assert not marker.exists()


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        (b"entries/con.md", "a name Windows reserves"),
        (b"media/photo.", "a name ending in a dot or a space"),
        (b"media/photo ", "a name ending in a dot or a space"),
        (b"media/" + b"a" * 201 + b".jpg", "a name over 200 bytes"),
        (b"media/\xff\xfe.jpg", "a name that is not UTF-8"),
        (b"notes/plan.txt", "not a file of the blog format"),
        (b"entries/Bad.md", "not entries/<id>.md"),
    ],
)
def test_names_that_break_other_laptops_are_reported_and_the_blog_opens(
    room: Newsroom, path: bytes, reason: str
) -> None:
    push_hostile(room, {path: ("100644", ENTRY)})
    result = room.sync(room.desk)
    assert len(result.refused) == 1 and reason in result.refused[0].refusal.reason
    assert sorted(os.listdir(room.desk / "entries")) == ["orig001.md"]
    BlogStore.open(room.desk)


def test_names_differing_only_by_case_keep_the_first(room: Newsroom) -> None:
    push_hostile(
        room, {b"media/Quay.jpg": ("100644", b"one"), b"media/quay.jpg": ("100644", b"two")}
    )
    result = room.sync(room.desk)
    assert [str(p.refusal) for p in result.refused] == [
        "media/quay.jpg: differs from media/Quay.jpg only by case"
    ]
    assert os.listdir(room.desk / "media") == ["Quay.jpg"]


def test_a_file_over_the_size_limit_is_refused(room: Newsroom) -> None:
    push_hostile(room, {b"entries/big0001.md": ("100644", ENTRY + b"x" * (10 * 1024 * 1024))})
    result = room.sync(room.desk)
    assert "over the size limit (10 MB)" in str(result.refused[0])
    assert not (room.desk / "entries" / "big0001.md").exists()


def test_a_refused_replacement_leaves_the_shared_version_alone(room: Newsroom) -> None:
    push_hostile(room, {b"entries/orig001.md": ("120000", b"/etc/passwd")})
    before = (room.desk / "entries" / "orig001.md").read_bytes()
    room.sync(room.desk)
    assert (room.desk / "entries" / "orig001.md").read_bytes() == before


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda root: (root / "entries" / "big0001.md").write_bytes(
                ENTRY + b"x" * (10 * 1024 * 1024 + 1)
            ),
            "entries/big0001.md: over the size limit (10 MB)",
        ),
        (
            lambda root: (root / "media" / "huge.jpg").write_bytes(b"x" * (50 * 1024 * 1024 + 1)),
            "media/huge.jpg: over the size limit (50 MB)",
        ),
        (
            lambda root: (root / "notes.txt").write_text("plan"),
            "notes.txt: not a file of the blog format",
        ),
        (
            lambda root: (root / "media" / "link.jpg").symlink_to("/etc/passwd"),
            "media/link.jpg: a symbolic link",
        ),
        (
            lambda root: (root / "entries" / "aux.md").write_bytes(ENTRY),
            "entries/aux.md: a name Windows reserves",
        ),
        (
            lambda root: (
                (root / "media" / "Photo.jpg").write_bytes(b"1"),
                (root / "media" / "photo.jpg").write_bytes(b"2"),
            ),
            "differs from media/",
        ),
        (
            lambda root: (root / os.fsdecode(b"media/\xff.jpg")).write_bytes(b"1"),
            "a name that is not UTF-8",
        ),
    ],
)
def test_sync_refuses_to_commit_what_the_format_does_not_hold(
    room: Newsroom, make: object, message: str
) -> None:
    make(room.desk)  # type: ignore[operator]
    head = git(room.desk, "rev-parse", "HEAD")
    with pytest.raises(
        DeskError, match="cannot sync: .*" + message.replace("(", r"\(").replace(")", r"\)")
    ):
        room.sync(room.desk)
    assert git(room.desk, "rev-parse", "HEAD") == head


def test_name_rules() -> None:
    assert name_problem("blog.yaml") is None
    assert name_problem("words.txt") is None
    assert name_problem("trash/abc1234.md") is None
    assert name_problem("media/photo-1a2b3c4d.jpg") is None
    assert name_problem("entries/abc1234.txt") == "not entries/<id>.md"
    assert name_problem("media/sub/photo.jpg") == "not a file of the blog format"
    assert name_problem("media/.hidden") == "not a media file name"
    assert check_paths([("blog.yaml", "100644", 10)]) == []
    assert isinstance(RefusedPull, type)


# A pull into a blog with a history checks only the files that differ from ours; the
# tests below make sure that nothing hostile slips through that narrower check.


def test_a_pull_of_a_few_files_still_refuses_the_hostile_ones_among_them(room: Newsroom) -> None:
    for minute in range(30):
        add(room.desk, f"Update {minute}.", at(10, minute))
    room.sync(room.desk)
    push_hostile(room, {
        b"entries/evil001.md": ("120000", b"/etc/passwd"),
        b"notes/plan.txt": ("100644", b"plan"),
        b"media/quay.jpg": ("100644", b"photo"),
    })  # fmt: skip
    result = room.sync(room.desk)
    assert sorted(str(p.refusal) for p in result.refused) == [
        "entries/evil001.md: a symbolic link",
        "notes/plan.txt: not a file of the blog format",
    ]
    assert not (room.desk / "entries" / "evil001.md").is_symlink()
    assert not (room.desk / "entries" / "evil001.md").exists()
    assert not (room.desk / "notes").exists()
    assert (room.desk / "media" / "quay.jpg").read_bytes() == b"photo"
    assert len(entries(room.desk)) == 31


def test_a_file_turned_into_a_link_with_the_same_content_is_refused(room: Newsroom) -> None:
    push_hostile(room, {b"media/note.jpg": ("100644", b"/etc/passwd")})
    assert room.sync(room.desk).refused == []
    push_hostile(room, {b"media/note.jpg": ("120000", b"/etc/passwd")})  # the same blob id
    result = room.sync(room.desk)
    assert [str(p.refusal) for p in result.refused] == ["media/note.jpg: a symbolic link"]
    assert not (room.desk / "media" / "note.jpg").is_symlink()
    assert (room.desk / "media" / "note.jpg").read_bytes() == b"/etc/passwd"


def test_a_new_name_differing_by_case_from_one_already_here_is_refused(room: Newsroom) -> None:
    push_hostile(room, {b"media/quay.jpg": ("100644", b"one")})
    room.sync(room.desk)
    push_hostile(room, {b"media/Quay.jpg": ("100644", b"two")})
    result = room.sync(room.desk)
    assert [str(p.refusal) for p in result.refused] == [
        "media/Quay.jpg: differs from media/quay.jpg only by case"
    ]
    assert os.listdir(room.desk / "media") == ["quay.jpg"]
    room.sync(room.desk)  # and the blog still syncs


def test_a_first_join_checks_every_file_even_those_no_recent_commit_touched(
    room: Newsroom,
) -> None:
    push_hostile(room, {
        b"entries/evil001.md": ("120000", b"/etc/passwd"),
        b"notes/plan.txt": ("100644", b"plan"),
    })  # fmt: skip
    for number in range(3):  # later commits that leave the hostile files alone
        push_hostile(room, {f"media/photo{number}.jpg".encode(): ("100644", b"photo")})
    path, refused = join(str(room.remote), room.tmp / "late", "Late", room.clock)
    assert sorted(str(p.refusal) for p in refused) == [
        "entries/evil001.md: a symbolic link",
        "notes/plan.txt: not a file of the blog format",
    ]
    assert not (path / "entries" / "evil001.md").exists()
    assert not (path / "notes").exists()
    assert sorted(os.listdir(path / "media")) == ["photo0.jpg", "photo1.jpg", "photo2.jpg"]
    room.sync(path)
    assert not (path / "entries" / "evil001.md").exists()
    assert not (path / "notes").exists()


def test_a_rewritten_remote_history_brings_nothing_unchecked(room: Newsroom) -> None:
    """The common base may be a commit of theirs whose tree was never checked here (it
    came inside a later commit's history): what differs from ours is checked all the
    same."""
    push_hostile(room, {b"entries/evil001.md": ("120000", b"/etc/passwd")})
    work = room.tmp / "mallory"
    hostile = plain_git(work, "rev-parse", "HEAD").decode().strip()
    plain_git(work, "rm", "-q", "--cached", "entries/evil001.md")
    plain_git(work, "commit", "-q", "-m", "clean again")
    plain_git(work, "push", "-q", "origin", "HEAD:main")
    assert room.sync(room.desk).refused == []  # takes the clean commit, the hostile inside
    plain_git(work, "reset", "-q", "--hard", hostile)
    photo = plain_git(work, "hash-object", "-w", "--stdin", stdin=b"photo").decode().strip()
    plain_git(work, "update-index", "--add", "--cacheinfo", f"100644,{photo},media/p.jpg")
    plain_git(work, "commit", "-q", "-m", "rewritten")
    plain_git(work, "push", "-q", "-f", "origin", "HEAD:main")
    result = room.sync(room.desk)
    assert [str(p.refusal) for p in result.refused] == ["entries/evil001.md: a symbolic link"]
    assert not (room.desk / "entries" / "evil001.md").exists()
    assert not (room.desk / "entries" / "evil001.md").is_symlink()
    assert (room.desk / "media" / "p.jpg").read_bytes() == b"photo"
