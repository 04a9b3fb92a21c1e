"""Share, join and sync a blog through git.

A sync commits what changed, fetches, merges entry by entry (`merge`), writes the merge
through an `Applier`, commits it with both parents and pushes; a push refused because
someone pushed first is retried. Git's own merge, checkout and rebase never run, so the
repository is never left mid-merge. A merge in progress is journalled in `.git/`: a sync
killed at any point is finished by the next sync (or the window's start), and every file
of the work tree is kept."""

from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Protocol

from desk.core.clock import Clock, SystemClock
from desk.core.errors import DeskError
from desk.core.storage.atomic import atomic_write, fsync_dir, temp_name
from desk.core.storage.front_matter import dump_yaml, load_yaml, parse_blog_meta
from desk.core.storage.store import BLOG_FILE, ENTRIES, GITIGNORE, MEDIA, TRASH, slug
from desk.core.sync.git import NETWORK_TIMEOUT, Git, GitError, check_version
from desk.core.sync.merge import Merged, merge_trees
from desk.core.sync.rules import (
    GITLINK_MODE,
    LOCAL_ONLY,
    Refusal,
    check_paths,
    check_work_tree,
)

log = logging.getLogger(__name__)

BRANCH = "main"
REMOTE = "origin"
RETRIES = 5
JOURNAL = "desk-merge"
STATE = "desk-sync.yaml"
_SCP = re.compile(r"^[^/:]+:")
_LS_TREE = re.compile(rb"(\d+) \w+ ([0-9a-f]+) +(\S+)\t([^\0]*)\0")
_LS_FILES = re.compile(rb"(\d+) \w+ ([0-9a-f]+)\t([^\0]*)\0")

Files = dict[str, tuple[str, str]]  # path -> (git mode, blob id)
Changes = dict[str, tuple[str, str] | None]  # path -> (mode, blob id) now, None: removed


@dataclass(frozen=True)
class RefusedPull:
    """A file a pull brought that the blog may not hold: kept out, and who sent it."""

    refusal: Refusal
    author: str
    when: str

    def __str__(self) -> str:
        return f"{self.refusal}; kept out of the blog (committed by {self.author}, {self.when})"


@dataclass
class SyncResult:
    incoming: int = 0
    outgoing: int = 0
    conflicts: int = 0
    notes: list[str] = field(default_factory=list)
    refused: list[RefusedPull] = field(default_factory=list)
    incoming_ids: set[str] = field(default_factory=set)

    def line(self) -> str:
        return f"synced: {self.incoming} in, {self.outgoing} out, {self.conflicts} conflicts"


class Applier(Protocol):
    """Writes a merge's file changes into the blog folder."""

    def apply(self, merged: Merged) -> None: ...


@dataclass
class FileApplier:
    """Writes straight into the folder (the command line, which holds the blog's lock).
    Each file as `atomic_write` does (a temporary file, fsync, rename), in batches: the
    files of a batch are written, then synced, then renamed, and each folder is synced
    once at the end. A merge of 1,000 entries took twice as long one file at a time. A
    crash before the end loses renames, never a file's contents, and the merge's journal
    has the next sync write them again."""

    root: Path

    def apply(self, merged: Merged) -> None:
        folders: set[Path] = set()
        writes: list[tuple[Path, bytes]] = []
        for path, data in sorted(merged.files.items()):
            target = self.root / path
            folders.add(target.parent)
            if data is None:
                target.unlink(missing_ok=True)
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                writes.append((target, data))
        for start in range(0, len(writes), _BATCH):  # open files stay under the OS limit
            _write_synced(writes[start : start + _BATCH])
        for folder in sorted(folders):
            fsync_dir(folder)


_BATCH = 200


def _write_synced(writes: list[tuple[Path, bytes]]) -> None:
    """Each file through a temporary file in its folder: all written, all synced to disk,
    then all renamed into place. The folders' fsync is the caller's."""
    temps: list[tuple[Path, Path]] = []
    renamed = 0
    try:
        with contextlib.ExitStack() as stack:
            handles = []
            for path, data in writes:
                temp = path.with_name(temp_name(path.name))
                handle = stack.enter_context(open(temp, "xb"))
                temps.append((temp, path))
                handles.append(handle)
                handle.write(data)
                handle.flush()
            for handle in handles:
                os.fsync(handle.fileno())
        for temp, path in temps:
            os.replace(temp, path)
            renamed += 1
    finally:
        for temp, _ in temps[renamed:]:
            temp.unlink(missing_ok=True)


def is_local_path(remote: str) -> bool:
    return "://" not in remote and not _SCP.match(remote)


def remote_url(remote: str) -> str:
    """What git is given: a local path made absolute (git runs in the blog's folder)."""
    return str(Path(remote).expanduser().resolve()) if is_local_path(remote) else remote


class Repo:
    """The blog folder as a git repository."""

    def __init__(self, root: Path, author: str = "", clock: Clock | None = None) -> None:
        self.root = root
        self.clock = clock or SystemClock()
        self.git = Git(root, author, self.clock.now())
        self._remote: str | None = None
        self._checked: dict[str, tuple[dict[str, str], list[RefusedPull]]] = {}
        self._head: str | bool | None = False  # False: not read since HEAD last moved

    # -- state -----------------------------------------------------------------------------

    def is_shared(self) -> bool:
        if not self.git.is_repository():
            return False
        done = self.git.run("config", "--get", f"remote.{REMOTE}.url", check=False)
        if done.returncode != 0:
            return False
        self._remote = done.stdout.decode("utf-8", "surrogateescape").strip()
        return True

    def remote(self) -> str:
        if self._remote is None:
            self._remote = self.git.out("config", "--get", f"remote.{REMOTE}.url")
        return self._remote

    def head(self) -> str | None:
        """HEAD's commit, read once after each step of ours that moves it."""
        if self._head is False:
            self._head = self.git.rev("HEAD")
        return self._head if isinstance(self._head, str) else None

    def theirs_ref(self) -> str:
        return f"refs/remotes/{REMOTE}/{BRANCH}"

    def tree(self, rev: str | None) -> dict[str, str]:
        return {path: oid for path, (_, oid) in self.files(rev).items()}

    def files(self, rev: str | None) -> Files:
        """path -> (mode, blob id) of every file in `rev`'s tree. No sizes, so git reads
        the tree objects alone, not the header of every blob."""
        if rev is None:
            return {}
        data = self.git.run("ls-tree", "-r", "-z", "--full-tree", rev).stdout
        return {
            raw.decode("utf-8", "surrogateescape"): (mode.decode(), oid.decode())
            for mode, oid, raw in _LS_FILES.findall(data)
        }

    def changes(self, *pairs: tuple[str, str]) -> list[Changes]:
        """For each (old, new) pair of commits, the files that differ from `old`'s tree to
        `new`'s, as `new` has them: all pairs in one `git diff-tree`."""
        asked = [(old, new) for old, new in pairs if old != new]
        found: list[Changes] = []
        if asked:
            data = self.git.run(
                "diff-tree",
                "--stdin",
                "--always",  # a line for each pair, even one whose trees are the same
                "-r",
                "-z",
                "--no-renames",
                "--ignore-submodules=none",
                # Each line is read as a commit and its parent: the new one first.
                input="".join(f"{new} {old}\n" for old, new in asked).encode("ascii"),
            ).stdout
            tokens = data.split(b"\0")
            index = 0
            while index < len(tokens):
                token = tokens[index]
                index += 1
                if token.startswith(b":") and found and index < len(tokens):
                    _, mode, _, oid, status = token[1:].split(b" ")
                    path = tokens[index].decode("utf-8", "surrogateescape")
                    index += 1
                    found[-1][path] = None if status == b"D" else (mode.decode(), oid.decode())
                elif token:  # the line that begins the next pair's files
                    found.append({})
            if len(found) != len(asked):
                raise GitError(f"git diff-tree answered {len(found)} of {len(asked)} diffs")
        answers = iter(found)
        return [next(answers) if old != new else {} for old, new in pairs]

    def listing(self, rev: str | None) -> dict[str, tuple[str, str, int]]:
        """path -> (mode, blob id, size) of every file in `rev`'s tree."""
        if rev is None:
            return {}
        data = self.git.run("ls-tree", "-r", "-l", "-z", "--full-tree", rev).stdout
        found: dict[str, tuple[str, str, int]] = {}
        for mode, oid, size, raw in _LS_TREE.findall(data):
            path = raw.decode("utf-8", "surrogateescape")
            found[path] = (mode.decode(), oid.decode(), int(size) if size.isdigit() else 0)
        return found

    def _state(self) -> dict[str, object]:
        path = self.git.git_dir / STATE
        try:
            data = load_yaml(path.read_text(encoding="utf-8"), path)
        except (OSError, DeskError, UnicodeDecodeError):
            return {}
        return data if isinstance(data, dict) else {}

    def _save_state(self, **changes: object) -> None:
        state = {**self._state(), **changes}
        try:
            atomic_write(self.git.git_dir / STATE, dump_yaml(state).encode("utf-8"))
        except OSError as error:
            log.info("cannot record the sync's state: %s", error)

    def status_line(self) -> str:
        """`Synced 2104 GMT`, or `Offline since 2058 GMT · 5 changes waiting`."""
        state = self._state()
        offline = state.get("offline_since")
        if isinstance(offline, datetime):
            waiting = self.changes_waiting()
            words = "change" if waiting == 1 else "changes"
            return f"Offline since {offline:%H%M} GMT · {waiting} {words} waiting"
        synced = state.get("synced")
        if isinstance(synced, datetime):
            return f"Synced {synced:%H%M} GMT"
        return "Not synced yet"

    def changes_waiting(self) -> int:
        """Entries changed here and not yet on the remote."""
        target = self.git.rev(self.theirs_ref()) or ""
        if not target:
            head = self.head()
            return len({p for p in self.tree(head) if p.startswith(ENTRIES + "/")})
        names = self.git.out("diff", "--name-only", "-z", target, "--", ENTRIES, TRASH)
        others = self.git.out("ls-files", "--others", "--exclude-standard", "-z", "--", ENTRIES)
        ids = {_entry_id(p) for p in (names + "\0" + others).split("\0") if p}
        return len(ids - {""})

    # -- the steps ---------------------------------------------------------------------------

    def prepare(self) -> None:
        """A repository of the blog folder itself, with the local exclusions and no hooks."""
        check_version()
        self.git.init()
        info = self.git.git_dir / "info"
        info.mkdir(exist_ok=True)
        exclude = "".join(
            f"/{p}\n" if "*" not in p and p != ".DS_Store" else f"{p}\n" for p in LOCAL_ONLY
        ).encode()
        try:
            same = (info / "exclude").read_bytes() == exclude
        except OSError:
            same = False
        if not same:  # written once, not at every sync (two fsyncs)
            atomic_write(info / "exclude", exclude)
        if not (self.root / ".gitignore").exists():
            atomic_write(self.root / ".gitignore", GITIGNORE.encode())

    def recover(self, applier: Applier) -> bool:
        """Finish what a killed sync left: stale locks, a merge of ours half written.
        True when there was something to recover."""
        recovered = False
        git_dir = self.git.git_dir
        for lock in [*git_dir.glob("*.lock"), *git_dir.glob("refs/**/*.lock")]:
            log.info("removing %s, left by a git that was stopped", lock)
            lock.unlink(missing_ok=True)
            recovered = True
        for name in ("MERGE_HEAD", "MERGE_MSG", "MERGE_MODE", "CHERRY_PICK_HEAD", "REVERT_HEAD"):
            if (git_dir / name).exists():
                (git_dir / name).unlink()
                recovered = True
        for name in ("rebase-merge", "rebase-apply"):
            if (git_dir / name).exists():
                self.git.run("rebase", "--quit", check=False)
                self._head = False
                shutil.rmtree(git_dir / name, ignore_errors=True)
                recovered = True
        if recovered and self.head() is not None:
            self.git.run("reset", "-q", "--no-refresh", check=False)  # the index only
        journal = git_dir / JOURNAL
        if journal.exists():
            theirs = journal.read_text(encoding="ascii", errors="replace").strip()
            head = self.head()
            if self.git.rev(theirs) is None or (head and self._contains(head, theirs)):
                journal.unlink()
            else:
                log.info("finishing the merge of %s that a stopped sync left", theirs)
                self.merge(theirs, applier)
            recovered = True
        return recovered

    def _contains(self, commit: str, other: str) -> bool:
        return self.git.ok("merge-base", "--is-ancestor", other, commit)

    def commit_local(self, message: str | None = None) -> bool:
        """Commit every change in the folder; False when there was none. Refuses (and says
        which) a link, a file over its size limit or a name outside the format."""
        refused = check_work_tree(self.root)
        if refused:
            raise DeskError("cannot sync: " + "; ".join(str(r) for r in refused))
        self.git.run("add", "-A", "--", ".")
        head = self.head()
        against = head or self.git.out("hash-object", "-t", "tree", "/dev/null")
        changes = self.git.out("diff", "--cached", "--name-status", "-z", against)
        if head is not None and not changes:
            return False
        self.git.run(
            "commit", "-q", "--no-verify", "--allow-empty", "-m", message or _message(changes)
        )
        self._head = False
        return True

    def fetch(self) -> str | None:
        """Fetch the remote's branch; None when the remote has no blog yet."""
        remote = self.remote()
        try:
            self.git.run(
                "fetch",
                "-q",
                "--no-tags",
                "--no-recurse-submodules",
                "--no-write-fetch-head",
                REMOTE,
                f"+refs/heads/{BRANCH}:{self.theirs_ref()}",
                timeout=NETWORK_TIMEOUT,
            )
        except GitError as error:
            if "couldn't find remote ref" in error.stderr:
                return None  # reached, and nothing shared there yet
            raise DeskError(f"cannot reach {remote}: {error}") from None
        return self.git.rev(self.theirs_ref())

    def refusals(self, rev: str) -> tuple[dict[str, str], list[RefusedPull]]:
        """`rev`'s whole tree checked before any of it is written (a join, whose first
        pull must trust nothing): the files that may come in, and the ones refused (with
        who committed them, and when)."""
        if rev not in self._checked:  # a join checks, reads blog.yaml, then merges
            listing = self.listing(rev)
            refused = check_paths((p, mode, size) for p, (mode, _, size) in listing.items())
            tree = {p: oid for p, (_, oid, _) in listing.items()}
            self._checked[rev] = self._report(rev, tree, refused)
        allowed, pulled = self._checked[rev]
        return dict(allowed), list(pulled)

    def pull_refusals(
        self, rev: str, files: Files, came: Changes
    ) -> tuple[dict[str, str], list[RefusedPull]]:
        """Like `refusals`, for a pull into a blog that has a history: only the files of
        `rev` that differ from ours (`came`) are checked, each against the whole tree for
        names differing only by case. Every other file is the same as ours, which was
        checked when it came in (committed from this folder, or pulled)."""
        arrived = sorted(p for p, now in came.items() if now is not None)
        blobs = [files[p][1] for p in arrived if files[p][0] != GITLINK_MODE]
        sizes = self.git.batch_sizes(blobs)
        items = []
        for path in arrived:
            mode, oid = files[path]
            if mode != GITLINK_MODE and oid not in sizes:
                raise GitError(f"object {oid} is missing from the repository")
            items.append((path, mode, sizes.get(oid, 0)))
        refused = check_paths(items, kept=(p for p in files if p not in came))
        return self._report(rev, {p: oid for p, (_, oid) in files.items()}, refused)

    def _report(
        self, rev: str, tree: dict[str, str], refused: list[Refusal]
    ) -> tuple[dict[str, str], list[RefusedPull]]:
        pulled = []
        for refusal in refused:
            who = self.git.run(
                "log", "-1", "--format=%an <%ae>%x00%aI", rev, "--", refusal.path, check=False
            )
            author, _, when = who.stdout.decode("utf-8", "replace").strip().partition("\0")
            pulled.append(RefusedPull(refusal, author or "someone", when or "at an unknown time"))
        bad = {r.path for r in refused}
        return {p: oid for p, oid in tree.items() if p not in bad}, pulled

    def merge(self, theirs: str, applier: Applier) -> tuple[Merged, list[RefusedPull]]:
        """Merge the fetched commit `theirs` into HEAD, write it through `applier`, commit."""
        head = self.head()
        base = ""
        if head == theirs:
            return Merged(), []  # nothing new either side: not even a merge-base to find
        if head is not None:
            found = self.git.run("merge-base", head, theirs, check=False)
            base = found.stdout.decode().strip() if found.returncode == 0 else ""
            if base == theirs:
                return Merged(), []  # nothing new there
        if head is not None and not base:
            raise DeskError(
                f"{self.remote()} holds another blog (its history shares nothing with this one)"
            )
        ours = self.files(head)
        if head is None:
            allowed, refused = self.refusals(theirs)
            base_tree: dict[str, str] = {}
        else:
            came, to_base = self.changes((head, theirs), (head, base))
            allowed, refused = self.pull_refusals(theirs, _overlay(ours, came), came)
            base_tree = _blob_ids(_overlay(ours, to_base))
        for pulled in refused:  # a refused file counts as unchanged on their side
            if pulled.refusal.path in base_tree:
                allowed[pulled.refusal.path] = base_tree[pulled.refusal.path]
        journal = self.git.git_dir / JOURNAL
        atomic_write(journal, theirs.encode("ascii"))
        merged = merge_trees(base_tree, _blob_ids(ours), allowed, _GitBlobs(self.git))
        applier.apply(merged)
        for folder in (ENTRIES, MEDIA, TRASH):
            (self.root / folder).mkdir(exist_ok=True)
        leftover = check_work_tree(self.root)
        if leftover:
            raise DeskError("cannot sync: " + "; ".join(str(r) for r in leftover))
        self.git.run("add", "-A", "--", ".")
        tree = self.git.out("write-tree")
        if head is None or (
            base == head and tree == self.git.out("rev-parse", f"{theirs}^{{tree}}")
        ):
            commit = theirs
        else:
            message = _merge_message(merged)
            parents = ["-p", head, "-p", theirs]
            commit = (
                self.git.run("commit-tree", tree, *parents, input=message.encode())
                .stdout.decode()
                .strip()
            )
        self._head = False
        self.git.run(
            "update-ref",
            "-m",
            "desk sync",
            f"refs/heads/{BRANCH}",
            commit,
            *([head] if head else []),
        )
        self._head = commit
        if head is None:
            self.git.run("symbolic-ref", "HEAD", f"refs/heads/{BRANCH}")
            self.git.run("reset", "-q", "--no-refresh", check=False)
        journal.unlink(missing_ok=True)
        return merged, refused

    def push(self) -> bool:
        """Push HEAD; False when the remote moved on (someone pushed first)."""
        try:
            self.git.run(
                "push",
                "-q",
                "--no-verify",
                "--no-recurse-submodules",
                REMOTE,
                f"HEAD:refs/heads/{BRANCH}",
                timeout=NETWORK_TIMEOUT,
            )
        except GitError as error:
            said = error.stderr
            if any(
                w in said
                for w in (
                    "[rejected]",
                    "non-fast-forward",
                    "fetch first",
                    "cannot lock ref",
                    "failed to update ref",
                    "stale info",
                )
            ):
                log.info("push refused, the remote moved on: %s", error)
                return False
            raise DeskError(f"cannot reach {self.remote()}: {error}") from None
        return True  # git moved origin/main along: `remote add` gave it the refspec

    def outgoing(self, before: str | None) -> int:
        """Entries that the push sent: those differing between `before` (the remote's
        commit before) and HEAD."""
        head = self.head()
        if head is None:
            return 0
        if before is None:
            return len({_entry_id(p) for p in self.tree(head)} - {""})
        if before == head:
            return 0
        names = self.git.out("diff", "--name-only", "-z", before, head, "--", ENTRIES, TRASH)
        return len({_entry_id(p) for p in names.split("\0") if p} - {""})

    def sync(self, applier: Applier, retries: int = RETRIES) -> SyncResult:
        """Commit, fetch, merge, push, retrying a refused push up to `retries` times."""
        result = SyncResult()
        self._head = False
        self.recover(applier)
        self.commit_local()
        try:
            for _attempt in range(retries):
                theirs = self.fetch()
                if theirs is not None:
                    merged, refused = self.merge(theirs, applier)
                    result.incoming_ids |= merged.incoming
                    result.conflicts += len(merged.conflicts)
                    result.notes += merged.notes
                    result.refused += refused
                # Nothing to send when the remote holds our HEAD already: no push (for a
                # remote across the network, a round trip saved).
                if (theirs is not None and self.head() == theirs) or self.push():
                    result.incoming = len(result.incoming_ids)
                    result.outgoing = self.outgoing(theirs)
                    self._save_state(synced=self.clock.now(), offline_since=None)
                    return result
        except DeskError as error:
            if str(error).startswith("cannot reach"):
                state = self._state()
                if not isinstance(state.get("offline_since"), datetime):
                    self._save_state(offline_since=self.clock.now())
            raise
        raise DeskError(f"the remote kept changing: {retries} tries used up; sync again")


class _GitBlobs:
    def __init__(self, git: Git) -> None:
        self.git = git

    def read(self, oids: Iterable[str]) -> dict[str, bytes]:
        return self.git.batch_read(list(oids))


def _overlay(files: Files, changes: Changes) -> Files:
    """`files` with `changes` made: another commit's tree, from a diff against ours."""
    result = dict(files)
    for path, now in changes.items():
        if now is None:
            result.pop(path, None)
        else:
            result[path] = now
    return result


def _blob_ids(files: Files) -> dict[str, str]:
    return {path: oid for path, (_, oid) in files.items()}


def _entry_id(path: str) -> str:
    folder, _, name = path.partition("/")
    return name[:-3] if folder in (ENTRIES, TRASH) and name.endswith(".md") else ""


def _message(changes: str) -> str:
    """One commit: the entries added, changed and moved to the trash."""
    parts = changes.split("\0")
    added: list[str] = []
    changed: list[str] = []
    trashed: list[str] = []
    other = 0
    for status, path in zip(parts[::2], parts[1::2], strict=False):
        entry_id = _entry_id(path)
        if not entry_id:
            other += 1
        elif path.startswith(TRASH):
            if status != "D":
                trashed.append(entry_id)
        elif status == "A":
            added.append(entry_id)
        elif status != "D" or entry_id not in trashed:
            changed.append(entry_id)
    changed = [i for i in changed if i not in trashed]
    lines = [
        f"{name}: {', '.join(ids)}"
        for name, ids in (("added", added), ("changed", changed), ("trashed", trashed))
        if ids
    ]
    title = ", ".join(
        f"{len(ids)} {name}"
        for name, ids in (("added", added), ("changed", changed), ("trashed", trashed))
        if ids
    )
    return f"Desk: {title or 'blog files changed'}\n\n" + "\n".join(lines) + "\n"


def _merge_message(merged: Merged) -> str:
    lines = [f"Desk: merged {len(merged.incoming)} entries from {REMOTE}"]
    if merged.conflicts:
        lines.append(f"conflict copies: {', '.join(merged.conflicts)}")
    return "\n\n".join(lines) + "\n"


# ---------------------------------------------------------------- the commands


def share(
    root: Path,
    remote: str,
    author: str = "",
    clock: Clock | None = None,
    applier: Applier | None = None,
) -> SyncResult:
    """Make the blog a repository if it is not, commit, set `remote` as origin, push.
    A local path that does not exist becomes a bare repository."""
    if not (root / BLOG_FILE).is_file():
        raise DeskError(f"{root} is not a blog folder (it has no {BLOG_FILE})")
    repo = Repo(root, author, clock)
    repo.prepare()
    url = remote_url(remote)
    if is_local_path(remote) and not Path(url).exists():
        try:
            Path(url).parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise DeskError(f"cannot create {remote}: {error.strerror or error}") from None
        Git(Path(url).parent, author, bare=True).run("init", "-q", "--bare", "-b", BRANCH, url)
    applier = applier or FileApplier(root)
    repo.recover(applier)
    repo.commit_local("Desk: share the blog\n")
    if repo.git.ok("config", "--get", f"remote.{REMOTE}.url"):
        repo.git.run("remote", "set-url", REMOTE, url)
    else:
        repo.git.run("remote", "add", REMOTE, url)
    theirs = repo.fetch()
    if theirs is not None:
        ours_roots = set(repo.git.out("rev-list", "--max-parents=0", "HEAD").split())
        their_roots = set(repo.git.out("rev-list", "--max-parents=0", theirs).split())
        if not ours_roots & their_roots:
            repo.git.run("remote", "remove", REMOTE)
            raise DeskError(f"{remote} already holds another blog")
    return repo.sync(applier)


def join(
    remote: str, drafts: Path, author: str = "", clock: Clock | None = None
) -> tuple[Path, list[RefusedPull]]:
    """Clone `remote` into `drafts/<the blog's folder name>` (checked before anything is
    written; refused files kept out) and return the blog's path."""
    check_version()
    try:
        drafts.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise DeskError(f"cannot create {drafts}: {error.strerror or error}") from None
    temp = drafts / f".desk-join-{os.urandom(4).hex()}"
    temp.mkdir()
    try:
        repo = Repo(temp.resolve(), author, clock)
        repo.prepare()
        (temp / ".gitignore").unlink()
        repo.git.run("remote", "add", REMOTE, remote_url(remote))
        theirs = repo.fetch()
        if theirs is None:
            raise DeskError(f"{remote} holds no blog yet: share one there first")
        allowed, refused = repo.refusals(theirs)
        if BLOG_FILE not in allowed:
            raise DeskError(f"{remote} holds no {BLOG_FILE}: it is not a blog")
        text = repo.git.batch_read([allowed[BLOG_FILE]])[allowed[BLOG_FILE]]
        try:
            meta = parse_blog_meta(text.decode("utf-8"), Path(BLOG_FILE))
        except (UnicodeDecodeError, ValueError) as error:
            raise DeskError(f"{remote}: blog.yaml cannot be read: {error}") from None
        target = drafts / slug(meta.title, meta.date)
        if target.exists():
            raise DeskError(f"{target} already exists")
        repo.merge(theirs, FileApplier(temp))
        os.rename(temp, target)
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise
    return target.resolve(), refused


def sync(
    root: Path,
    applier: Applier | None = None,
    author: str = "",
    clock: Clock | None = None,
    retries: int = RETRIES,
) -> SyncResult:
    """`desk sync BLOG`."""
    repo = Repo(root, author, clock)
    if not repo.is_shared():
        raise DeskError(f"{root} is not shared: share it first (desk share BLOG REMOTE)")
    repo.prepare()
    return repo.sync(applier or FileApplier(root), retries)
