"""The git command, run so that it can never hang, prompt, page, run a program the
repository names, or wander into a repository around the blog's folder."""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desk.core.errors import DeskError

log = logging.getLogger(__name__)

LOCAL_TIMEOUT = 60.0
NETWORK_TIMEOUT = float(os.environ.get("DESK_GIT_TIMEOUT", "120"))
EMPTY_HOOKS = "desk-no-hooks"
MIN_VERSION = (2, 30)

# Settings on every call: nothing from the repository runs (hooks, fsmonitor, submodules),
# links arrive as plain files, the file protocol only when the user asked for it.
SAFE_CONFIG = (
    "core.symlinks=false",
    "core.fsmonitor=false",
    "core.autocrlf=false",
    "core.quotepath=false",
    "core.pager=cat",
    "protocol.file.allow=user",
    "submodule.recurse=false",
    "fetch.recurseSubmodules=false",
    "commit.gpgsign=false",
    "gc.auto=0",
    "advice.detachedHead=false",
    "init.defaultBranch=main",
)


class GitError(DeskError):
    """A git command failed; `stderr` holds what git said."""

    def __init__(self, message: str, stderr: str = "", code: int = 1) -> None:
        super().__init__(message)
        self.stderr = stderr
        self.code = code


def git_path() -> str:
    found = shutil.which("git")
    if found is None:
        raise DeskError("git is not installed: sharing a blog needs the git command")
    return found


_VERSION_OK: list[str] = []  # the git checked once per process


def check_version() -> None:
    """DeskError unless git is 2.30 or later."""
    if [git_path()] == _VERSION_OK:
        return
    done = subprocess.run(
        [git_path(), "--version"], capture_output=True, text=True, timeout=LOCAL_TIMEOUT
    )
    match = re.search(r"(\d+)\.(\d+)", done.stdout)
    if match is None or (int(match.group(1)), int(match.group(2))) < MIN_VERSION:
        raise DeskError(f"git 2.30 or later is needed, this is {done.stdout.strip()!r}")
    _VERSION_OK[:] = [git_path()]


def last_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    useful = [line for line in lines if line.startswith(("fatal:", "error:"))]
    chosen = (useful or lines or ["git failed"])[-1]
    return chosen.removeprefix("fatal: ").removeprefix("error: ")


@dataclass
class Identity:
    name: str
    email: str


def identity_for(author: str) -> Identity:
    """The preferences' author name, else "Desk", with an address git accepts."""
    name = author.strip() or "Desk"
    local = re.sub(r"[^a-z0-9]+", ".", name.lower()).strip(".") or "desk"
    return Identity(name, f"{local}@desk.invalid")


class Git:
    """git for one blog folder: the repository is `root/.git`, the work tree `root`."""

    def __init__(
        self, root: Path, author: str = "", when: datetime | None = None, *, bare: bool = False
    ) -> None:
        self.root = root
        self.bare = bare  # no repository of its own: `git init --bare` somewhere else
        self.author = author
        self.when = when  # the commit date: a frozen clock gives reproducible commits
        self._identity: Identity | bool | None = False

    @property
    def git_dir(self) -> Path:
        return self.root / ".git"

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update(
            GIT_TERMINAL_PROMPT="0",
            GIT_SSH_COMMAND="ssh -o BatchMode=yes -o ConnectTimeout=20",
            GIT_PAGER="cat",
            PAGER="cat",
            GIT_ASKPASS="",
            SSH_ASKPASS="",
            SSH_ASKPASS_REQUIRE="never",
            GIT_CEILING_DIRECTORIES=str(self.root.parent),
            GIT_DIR=str(self.git_dir),
            GIT_WORK_TREE=str(self.root),
            GIT_OPTIONAL_LOCKS="0",
            GIT_ATTR_NOSYSTEM="1",
            LC_ALL="C",
            LANGUAGE="C",
        )
        for key in ("GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_NAMESPACE"):
            env.pop(key, None)
        if self.bare or not self.git_dir.is_dir():
            # `git init` under GIT_WORK_TREE would write the folder's absolute path into
            # the repository's config, and the blog could never move.
            env.pop("GIT_DIR")
            env.pop("GIT_WORK_TREE")
        identity = self.identity()
        if identity is not None:
            env.update(
                GIT_AUTHOR_NAME=identity.name,
                GIT_AUTHOR_EMAIL=identity.email,
                GIT_COMMITTER_NAME=identity.name,
                GIT_COMMITTER_EMAIL=identity.email,
            )
        if self.when is not None:
            stamp = self.when.strftime("%Y-%m-%dT%H:%M:%S+0000")
            env.update(GIT_AUTHOR_DATE=stamp, GIT_COMMITTER_DATE=stamp)
        return env

    def identity(self) -> Identity | None:
        """The identity Desk sets, or None when git has one of its own."""
        if self._identity is False:
            self._identity = None
            if not self._configured("user.name") or not self._configured("user.email"):
                self._identity = identity_for(self.author)
        return self._identity if isinstance(self._identity, Identity) else None

    def _configured(self, key: str) -> bool:
        args = [git_path(), "config", "--get", key]
        env = {**os.environ, "GIT_CEILING_DIRECTORIES": str(self.root.parent)}
        if self.git_dir.is_dir():
            env["GIT_DIR"] = str(self.git_dir)
        try:
            done = subprocess.run(args, capture_output=True, env=env, timeout=LOCAL_TIMEOUT)
        except (OSError, subprocess.TimeoutExpired):
            return False
        return done.returncode == 0 and bool(done.stdout.strip())

    def hooks_dir(self) -> Path:
        return self.git_dir / EMPTY_HOOKS

    def run(
        self,
        *args: str,
        input: bytes | None = None,
        timeout: float = LOCAL_TIMEOUT,
        check: bool = True,
    ) -> subprocess.CompletedProcess[bytes]:
        """Run `git args…`; GitError (with git's last message line) when it fails."""
        hooks = self.hooks_dir()
        config: list[str] = []
        for setting in (*SAFE_CONFIG, f"core.hooksPath={hooks}"):
            config += ["-c", setting]
        command = [git_path(), *config, *args]
        log.debug("git %s", " ".join(args))
        try:
            done = subprocess.run(
                command,
                input=input,
                capture_output=True,
                env=self.env(),
                cwd=self.root,
                timeout=timeout,
            )
        except subprocess.TimeoutExpired:
            log.info("git %s took longer than %.0f s: stopped", args[0], timeout)
            raise GitError(f"git {args[0]} did not finish in {timeout:.0f} s", code=-1) from None
        except OSError as error:
            raise GitError(f"cannot run git: {error.strerror or error}") from None
        if check and done.returncode != 0:
            stderr = done.stderr.decode("utf-8", "replace")
            log.info("git %s failed: %s", args[0], stderr.strip())
            raise GitError(last_line(stderr), stderr, done.returncode)
        return done

    def out(self, *args: str, timeout: float = LOCAL_TIMEOUT) -> str:
        return self.run(*args, timeout=timeout).stdout.decode("utf-8", "surrogateescape").strip()

    def ok(self, *args: str) -> bool:
        return self.run(*args, check=False).returncode == 0

    def rev(self, name: str) -> str | None:
        done = self.run("rev-parse", "--verify", "--quiet", f"{name}^{{commit}}", check=False)
        return done.stdout.decode().strip() or None if done.returncode == 0 else None

    def init(self) -> None:
        """Make the blog folder a repository (idempotent), with the safe local settings."""
        if self.bare or not self.git_dir.is_dir():
            self.run("init", "-q", "-b", "main", str(self.root))
        self.hooks_dir().mkdir(exist_ok=True)
        self.check_toplevel()

    def check_toplevel(self) -> None:
        """DeskError unless the repository is the blog folder itself."""
        top = self.out("rev-parse", "--show-toplevel")
        if Path(top).resolve() != self.root.resolve():
            raise DeskError(f"{self.root} is inside the repository {top}, not one of its own")

    def is_repository(self) -> bool:
        return (self.git_dir / "HEAD").is_file()

    def batch_read(self, oids: Sequence[str]) -> dict[str, bytes]:
        """Blob contents by id, read in one `git cat-file --batch`."""
        unique = list(dict.fromkeys(oids))
        if not unique:
            return {}
        data = self.run("cat-file", "--batch", input=("\n".join(unique) + "\n").encode()).stdout
        found: dict[str, bytes] = {}
        position = 0
        for oid in unique:
            end = data.index(b"\n", position)
            header = data[position:end].split()
            if len(header) < 3 or header[1] == b"missing":
                raise GitError(f"object {oid} is missing from the repository")
            size = int(header[2])
            found[oid] = data[end + 1 : end + 1 + size]
            position = end + 1 + size + 1
        return found

    def batch_sizes(self, oids: Sequence[str]) -> dict[str, int]:
        """Blob sizes by id, in one `git cat-file --batch-check`; an object the repository
        lacks (a submodule's commit) is left out."""
        unique = list(dict.fromkeys(oids))
        if not unique:
            return {}
        data = self.run("cat-file", "--batch-check", input=("\n".join(unique) + "\n").encode())
        found: dict[str, int] = {}
        for line in data.stdout.decode("ascii", "replace").splitlines():
            oid, _, rest = line.partition(" ")
            kind, _, size = rest.partition(" ")
            if kind != "missing" and size.isdigit():
                found[oid] = int(size)
        return found
