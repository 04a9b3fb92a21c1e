"""Sync on real repositories: a bare remote by path, copies of the blog, real git."""

from __future__ import annotations

from pathlib import Path

import pytest

from desk.core.errors import DeskError
from desk.core.sync.engine import Repo, share, sync
from tests.sync_helpers import (
    Newsroom,
    add,
    at,
    edit,
    entries,
    files,
    git,
    no_markers,
    order,
    trash,
)


@pytest.fixture
def room(tmp_path: Path) -> Newsroom:
    return Newsroom(tmp_path)


def test_a_new_entry_reaches_the_other_copy_at_its_stamps_place(room: Newsroom) -> None:
    reporter = room.join("reporter")
    late = add(room.desk, "The desk writes at noon.", at(12, 0))
    early = add(reporter, "The reporter writes at eleven.", at(11, 0))
    assert room.sync(reporter).line() == "synced: 0 in, 1 out, 0 conflicts"
    assert room.sync(room.desk).line() == "synced: 1 in, 1 out, 0 conflicts"
    assert room.sync(reporter).line() == "synced: 1 in, 0 out, 0 conflicts"
    assert order(room.desk) == order(reporter) == [late, early, "orig001"]
    assert files(room.desk) == files(reporter)
    assert git(room.desk, "status", "--porcelain") == ""


def test_a_change_on_one_side_only_is_taken(room: Newsroom) -> None:
    reporter = room.join("reporter")
    edit(reporter, "orig001", body="Storm Maren has flooded the lower town and the quay.")
    room.sync(reporter)
    assert room.sync(room.desk).incoming == 1
    assert entries(room.desk)["orig001"].body.endswith("and the quay.")


def test_fields_changed_on_both_sides_merge_one_by_one(room: Newsroom) -> None:
    reporter = room.join("reporter")
    edit(room.desk, "orig001", status="draft", key=True)
    edit(reporter, "orig001", body="A new body from the reporter.")
    room.sync(reporter)
    result = room.sync(room.desk)
    assert result.conflicts == 0
    merged = entries(room.desk)["orig001"]
    assert (merged.status, merged.key, merged.body) == (
        "draft",
        True,
        "A new body from the reporter.",
    )


def test_both_changing_the_body_keeps_ours_and_a_conflict_copy_for_everyone(room: Newsroom) -> None:
    reporter = room.join("reporter")
    entry = add(room.desk, "Ferry terminal closed.", at(12, 0))
    room.sync(room.desk)
    room.sync(reporter)
    edit(room.desk, entry, body="Ferry terminal closed until dawn.")
    edit(reporter, entry, body="Ferry terminal closed; buses replace it.")
    room.sync(reporter)
    result = room.sync(room.desk)
    assert result.conflicts == 1
    here = entries(room.desk)
    assert here[entry].body == "Ferry terminal closed until dawn."
    (copy,) = [e for e in here.values() if e.extra.get("conflict_of") == entry]
    assert copy.body == "Ferry terminal closed; buses replace it." and copy.status == "draft"
    assert order(room.desk).index(copy.id) == order(room.desk).index(entry) + 1
    room.sync(reporter)
    assert files(reporter) == files(room.desk)  # resolved once, by whoever gets to it
    no_markers([room.desk, reporter])


def test_trashed_on_one_side_and_changed_on_the_other_is_restored(room: Newsroom) -> None:
    reporter = room.join("reporter")
    entry = add(room.desk, "Roads closed.", at(12, 0))
    room.sync(room.desk)
    room.sync(reporter)
    trash(room.desk, entry)
    edit(reporter, entry, body="Roads closed north of the bridge.")
    room.sync(room.desk)
    room.sync(reporter)
    room.sync(room.desk)
    for root in (room.desk, reporter):
        assert entries(root)[entry].body == "Roads closed north of the bridge."
        assert not (root / "trash" / f"{entry}.md").exists()
        assert entry in order(root)


def test_a_trash_on_one_side_reaches_the_other(room: Newsroom) -> None:
    reporter = room.join("reporter")
    entry = add(room.desk, "A mistake.", at(12, 0))
    room.sync(room.desk)
    room.sync(reporter)
    trash(reporter, entry)
    room.sync(reporter)
    room.sync(room.desk)
    assert entry not in entries(room.desk)
    assert (room.desk / "trash" / f"{entry}.md").is_file()
    assert entry not in order(room.desk)


def test_moves_on_each_side_are_kept_where_they_do_not_contradict(room: Newsroom) -> None:
    ids = [add(room.desk, f"Update {n}.", at(10 + n, 0)) for n in range(4)]
    room.sync(room.desk)
    reporter = room.join("reporter")
    top_first = list(reversed(ids))  # 13, 12, 11, 10
    store_order = order(room.desk)
    assert store_order[:4] == top_first
    from desk.core.storage.store import BlogStore

    store, blog = BlogStore.open(room.desk)  # the desk moves 10:00 to the top
    blog.order.remove(ids[0])
    blog.order.insert(0, ids[0])
    store.save(blog)
    store, blog = BlogStore.open(reporter)  # the reporter moves 13:00 below 11:00
    blog.order.remove(ids[3])
    blog.order.insert(blog.order.index(ids[1]) + 1, ids[3])
    store.save(blog)
    room.sync(reporter)
    room.sync(room.desk)
    assert order(room.desk) == [ids[0], ids[2], ids[1], ids[3], "orig001"]


def test_blog_fields_merge_and_a_clash_keeps_ours_and_says_so(room: Newsroom) -> None:
    from desk.core.storage.store import BlogStore

    reporter = room.join("reporter")
    store, blog = BlogStore.open(room.desk)
    blog.title, blog.header = "Storm Maren: day two", "Desk header"
    store.save(blog)
    store, blog = BlogStore.open(reporter)
    blog.title, blog.url = "Storm Maren, day 2", "https://example.org/live"
    store.save(blog)
    room.sync(reporter)
    result = room.sync(room.desk)
    merged = BlogStore.open(room.desk)[1]
    assert (merged.title, merged.header, merged.url) == (
        "Storm Maren: day two",
        "Desk header",
        "https://example.org/live",
    )
    assert any("title was changed on both sides" in note for note in result.notes)


def test_one_original_and_at_most_one_pin_after_a_merge(room: Newsroom) -> None:
    reporter = room.join("reporter")
    one = add(room.desk, "Desk pins this.", at(12, 0))
    two = add(room.desk, "Reporter pins this.", at(12, 5))
    room.sync(room.desk)
    room.sync(reporter)
    edit(room.desk, one, pinned=True)
    edit(reporter, two, pinned=True)
    add(reporter, "A second original.", at(8, 0), kind="update")
    room.sync(reporter)
    result = room.sync(room.desk)
    here = entries(room.desk)
    assert [e.id for e in here.values() if e.pinned] == [one]
    assert any("pinned on the other side" in note for note in result.notes)
    assert sum(e.is_original for e in here.values()) == 1
    assert order(room.desk)[-1] == "orig001"


def test_two_originals_become_one(tmp_path: Path) -> None:
    room = Newsroom(tmp_path)
    reporter = room.join("reporter")
    from desk.core.storage.store import BlogStore

    for root in (room.desk, reporter):
        store, blog = BlogStore.open(root)
        store.trash(blog, "orig001")
    room.sync(room.desk)
    room.sync(reporter)
    mine = add(room.desk, "The desk's original.", at(9, 0), kind="original")
    theirs = add(reporter, "The reporter's original.", at(9, 1), kind="original")
    room.sync(reporter)
    result = room.sync(room.desk)
    here = entries(room.desk)
    assert here[mine].is_original and not here[theirs].is_original
    assert order(room.desk)[-1] == mine
    assert any("original entry on the other side" in note for note in result.notes)


def test_images_never_clash(room: Newsroom) -> None:
    reporter = room.join("reporter")
    (room.desk / "media" / "quay.jpg").write_bytes(b"desk's photo")
    (reporter / "media" / "quay.jpg").write_bytes(b"reporter's photo")
    entry = add(reporter, "![Quay](media/quay.jpg)", at(12, 0))
    room.sync(reporter)
    result = room.sync(room.desk)
    media = sorted(p.name for p in (room.desk / "media").iterdir())
    assert len(media) == 2 and "quay.jpg" in media
    other = next(n for n in media if n != "quay.jpg")
    assert (room.desk / "media" / other).read_bytes() == b"reporter's photo"
    assert entries(room.desk)[entry].body == f"![Quay](media/{other})"
    assert result.notes


def test_words_merge_as_a_set(room: Newsroom) -> None:
    reporter = room.join("reporter")
    (room.desk / "words.txt").write_text("Elvan\nMaren\n")
    room.sync(room.desk)
    room.sync(reporter)
    (room.desk / "words.txt").write_text("Elvan\nMaren\nVarga\n")
    (reporter / "words.txt").write_text("Elvan\nKell\nMaren\n")
    room.sync(reporter)
    room.sync(room.desk)
    assert (room.desk / "words.txt").read_text() == "Elvan\nKell\nMaren\nVarga\n"


def test_files_edited_outside_desk_sync_like_any_other(room: Newsroom) -> None:
    reporter = room.join("reporter")
    path = reporter / "entries" / "orig001.md"
    path.write_text(path.read_text().replace("lower town", "lower town and harbour"))
    assert room.sync(reporter).outgoing == 1
    room.sync(room.desk)
    assert "harbour" in entries(room.desk)["orig001"].body


def test_the_commit_message_lists_the_entries(room: Newsroom) -> None:
    new = add(room.desk, "Another.", at(12, 0))
    edit(room.desk, "orig001", status="draft")
    room.sync(room.desk)
    message = git(room.desk, "log", "-1", "--format=%B")
    assert f"added: {new}" in message and "changed: orig001" in message


def test_racing_pushes_are_retried_and_lose_nothing(room: Newsroom) -> None:
    import threading

    reporters = [room.join(f"r{n}") for n in range(4)]
    written = [
        add(root, f"Word{n} from reporter {n}.", at(12, n)) for n, root in enumerate(reporters)
    ]
    errors: list[BaseException] = []

    def run(root: Path) -> None:
        try:
            room.sync(root)
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=run, args=(root,)) for root in reporters]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    room.sync(room.desk)
    assert set(written) <= set(entries(room.desk))


def test_retries_used_up_is_an_error(room: Newsroom, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Repo, "push", lambda self: False)
    add(room.desk, "Never sent.", at(12, 0))
    with pytest.raises(DeskError, match="3 tries used up"):
        sync(room.desk, clock=room.clock, retries=3)


def test_an_unreachable_remote_keeps_the_local_commit(room: Newsroom) -> None:
    room.remote.rename(room.remote.with_name("gone.git"))
    entry = add(room.desk, "Written offline.", at(12, 0))
    with pytest.raises(DeskError, match=f"cannot reach {room.remote}"):
        room.sync(room.desk)
    assert entry in git(room.desk, "log", "-1", "--format=%B")
    room.clock.advance(minutes=17)
    assert Repo(room.desk).status_line() == "Offline since 2141 GMT · 1 change waiting"
    room.remote.with_name("gone.git").rename(room.remote)
    assert room.sync(room.desk).outgoing == 1
    assert Repo(room.desk, clock=room.clock).status_line() == "Synced 2158 GMT"


def test_a_blog_that_is_not_shared_is_an_error(tmp_path: Path) -> None:
    from desk.core.storage.store import BlogStore

    store, _ = BlogStore.create(tmp_path, "Quiet", __import__("datetime").date(2025, 3, 14))
    with pytest.raises(DeskError, match="is not shared"):
        sync(store.root)


def test_no_git_identity_uses_the_preferences_author_else_desk(room: Newsroom) -> None:
    assert (
        git(room.desk, "log", "-1", "--format=%an <%ae>")
        == "Desk editor <desk.editor@desk.invalid>\n"
    )
    reporter = room.join("reporter")
    add(reporter, "Anonymous.", at(12, 0))
    sync(reporter, clock=room.clock)
    assert git(reporter, "log", "-1", "--format=%an") == "Desk\n"


def test_git_s_own_identity_is_kept(
    room: Newsroom, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "gitconfig"
    config.write_text("[user]\n\tname = Jane Doe\n\temail = jane@example.org\n")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    add(room.desk, "Signed.", at(12, 0))
    room.sync(room.desk, author="Someone Else")
    out = git(room.desk, "-c", f"include.path={config}", "log", "-1", "--format=%an <%ae>")
    assert out == "Jane Doe <jane@example.org>\n"


def test_share_refuses_a_remote_holding_another_blog(tmp_path: Path) -> None:
    room = Newsroom(tmp_path)
    from desk.core.storage.store import BlogStore

    other, _ = BlogStore.create(
        tmp_path / "other", "Another story", __import__("datetime").date(2025, 3, 15)
    )
    with pytest.raises(DeskError, match="already holds another blog"):
        share(other.root, str(room.remote))


def test_share_again_to_the_same_remote_is_fine(room: Newsroom) -> None:
    add(room.desk, "More.", at(12, 0))
    share(room.desk, str(room.remote), clock=room.clock)
    assert git(room.remote, "log", "-1", "--format=%s", "main").startswith("Desk:")


def test_the_blogs_repository_is_its_own_not_one_around_it(tmp_path: Path) -> None:
    from desk.core.storage.store import BlogStore

    git(tmp_path, "init", "-q")  # a checkout around the drafts, as `make run` makes
    store, _ = BlogStore.create(
        tmp_path / "drafts", "Inside", __import__("datetime").date(2025, 3, 14)
    )
    share(store.root, str(tmp_path / "remote.git"))
    assert (store.root / ".git").is_dir()
    assert git(tmp_path, "status", "--porcelain", "--ignored").count("drafts/") == 1
    assert git(store.root, "rev-parse", "--show-toplevel").strip() == str(store.root)


def test_every_copy_ends_the_same_and_clean(room: Newsroom) -> None:
    reporter = room.join("reporter")
    add(reporter, "One.", at(12, 0))
    add(room.desk, "Two.", at(12, 1))
    for root in (reporter, room.desk, reporter):
        room.sync(root)
    assert files(reporter) == files(room.desk)
    for root in (reporter, room.desk):
        assert git(root, "status", "--porcelain") == ""
        assert not (root / ".git" / "MERGE_HEAD").exists()


def test_the_changes_between_commits_are_git_s_own_diffs(room: Newsroom) -> None:
    first = git(room.desk, "rev-parse", "HEAD").strip()
    add(room.desk, "Second.", at(12, 0))
    edit(room.desk, "orig001", body="Storm Maren has reached the quay.")
    room.sync(room.desk)
    second = git(room.desk, "rev-parse", "HEAD").strip()
    trash(room.desk, "orig001")
    room.sync(room.desk)
    third = git(room.desk, "rev-parse", "HEAD").strip()
    pairs = [(first, second), (second, first), (second, second), (first, third), (third, first)]
    found = Repo(room.desk).changes(*pairs)
    for (old, new), changes in zip(pairs, found, strict=True):
        expected: dict[str, tuple[str, str] | None] = {}
        for line in git(room.desk, "diff-tree", "-r", "--no-renames", old, new).splitlines():
            fields, path = line.split("\t")
            _, mode, _, oid, status = fields[1:].split(" ")
            expected[path] = None if status == "D" else (mode, oid)
        assert changes == expected
    assert found[2] == {} and found[0] and found[3]
    assert found[3]["entries/orig001.md"] is None
    assert found[4]["entries/orig001.md"] == Repo(room.desk).files(first)["entries/orig001.md"]


def test_nothing_new_on_either_side_sends_nothing(room: Newsroom) -> None:
    reporter = room.join("reporter")
    marker = room.tmp / "pushed"
    hook = room.remote / "hooks" / "pre-receive"
    hook.write_text(f"#!/bin/sh\necho >> {marker}\n")
    hook.chmod(0o755)
    assert room.sync(reporter).line() == "synced: 0 in, 0 out, 0 conflicts"
    assert not marker.exists()
    add(reporter, "Now there is news.", at(12, 0))
    assert room.sync(reporter).line() == "synced: 0 in, 1 out, 0 conflicts"
    assert marker.read_text().count("\n") == 1
    assert room.sync(room.desk).line() == "synced: 1 in, 0 out, 0 conflicts"
    assert marker.read_text().count("\n") == 1  # a fast-forward here: the remote has it
    assert files(room.desk) == files(reporter)
