"""What a shared blog may hold: the names of the format, sizes, and nothing that breaks
another laptop or reaches outside the folder. Used on the work tree before a commit and on
a fetched tree before anything of it is written."""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from desk.core.model import ID_PATTERN

ENTRY_LIMIT = 10 * 1024 * 1024
MEDIA_LIMIT = 50 * 1024 * 1024
NAME_BYTES = 200
TOP_FILES = ("blog.yaml", ".gitignore", "words.txt")
FOLDERS = ("entries", "trash", "media")
LINK_MODE = "120000"
GITLINK_MODE = "160000"
_RESERVED = re.compile(r"(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?", re.IGNORECASE)
_MEDIA_NAME = re.compile(r"[^/\\:*?\"<>|\x00-\x1f]+")


@dataclass(frozen=True)
class Refusal:
    """One path a shared blog may not hold, and why."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


def name_problem(path: str) -> str | None:
    """Why `path` (slash-separated, relative to the blog) is outside the format, or None."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return "a name that is not UTF-8"
    parts = path.split("/")
    for part in parts:
        if len(part.encode("utf-8")) > NAME_BYTES:
            return f"a name over {NAME_BYTES} bytes"
        if part.endswith((".", " ")):
            return "a name ending in a dot or a space (Windows cannot hold it)"
        if _RESERVED.fullmatch(part):
            return "a name Windows reserves"
    if len(parts) == 1:
        return None if path in TOP_FILES else "not a file of the blog format"
    if len(parts) != 2 or parts[0] not in FOLDERS:
        return "not a file of the blog format"
    folder, name = parts
    if folder == "media":
        if name.startswith(".") or not _MEDIA_NAME.fullmatch(name):
            return "not a media file name"
        return None
    stem, dot, suffix = name.rpartition(".")
    if not dot or suffix != "md" or not ID_PATTERN.fullmatch(stem):
        return f"not {folder}/<id>.md"
    return None


def size_limit(path: str) -> int:
    return MEDIA_LIMIT if path.startswith("media/") else ENTRY_LIMIT


# The usual name, checked in one match: an entry or trashed entry whose id is lowercase
# already (so no other such name can differ from it by case alone), not a reserved name.
_PLAIN_ENTRY = re.compile(
    r"(?:entries|trash)/(?!(?:con|prn|aux|nul|com[0-9]|lpt[0-9])\.)[a-z][a-z0-9-]{0,196}\.md"
)


def check_paths(items: Iterable[tuple[str, str, int]], kept: Iterable[str] = ()) -> list[Refusal]:
    """Refusals among (path, git mode, size) triples: links, submodules, sizes, names, and
    names that differ only by case (one folder on Windows and macOS), among the items or
    from a path of `kept` (the rest of the tree, accepted before: it stays)."""
    refused: list[Refusal] = []
    folded: dict[str, str] = {}
    plain = _PLAIN_ENTRY.fullmatch
    unfolded: Iterable[str] | None = kept
    for path, mode, size in items:
        if mode == "100644" and 0 <= size <= ENTRY_LIMIT and plain(path):
            continue
        if mode == LINK_MODE:
            refused.append(Refusal(path, "a symbolic link"))
            continue
        if mode == GITLINK_MODE:
            refused.append(Refusal(path, "a submodule"))
            continue
        problem = name_problem(path)
        if problem is not None:
            refused.append(Refusal(path, problem))
            continue
        if size > size_limit(path):
            limit = size_limit(path) // (1024 * 1024)
            refused.append(Refusal(path, f"over the size limit ({limit} MB)"))
            continue
        if unfolded is not None:  # only now: most checks never get here
            folded = {_fold(k): k for k in unfolded if not plain(k)}
            unfolded = None
        key = _fold(path)
        if key in folded:
            refused.append(Refusal(path, f"differs from {folded[key]} only by case"))
            continue
        folded[key] = path
    return refused


def _fold(path: str) -> str:
    return unicodedata.normalize("NFC", path).casefold()


# Files that stay on this laptop: the lock, the entry history, a crash's temporary files,
# a broken blog.yaml kept aside. The same list goes into .git/info/exclude.
LOCAL_ONLY = (".desk.lock", ".history/", ".desk-tmp-*", "blog.yaml.broken", ".DS_Store")


def is_local_only(path: str) -> bool:
    name = path.rsplit("/", 1)[-1]
    if name.startswith(".desk-tmp-") or name == ".DS_Store":
        return True
    return "/" not in path and name in (".git", ".desk.lock", ".history", "blog.yaml.broken")


def work_tree_files(root: Path) -> list[tuple[str, str, int]]:
    """(path, mode, size) of every file in the blog folder that git would commit, found
    with lstat: a link is reported as a link, never followed. Size -1: a name that is not
    UTF-8; mode 040000: a folder outside the format; 000000: not a regular file."""
    found: list[tuple[str, str, int]] = []

    def walk(folder: Path, prefix: str) -> None:
        with os.scandir(folder) as listing:
            for item in listing:
                name = item.name
                if not name.isascii():  # else UTF-8 already, and 10,000 names are checked
                    try:
                        name = os.fsencode(name).decode("utf-8")
                    except UnicodeDecodeError:
                        found.append((prefix + name, "100644", -1))
                        continue
                path = prefix + name
                if (name[0] == "." or not prefix) and is_local_only(path):
                    continue
                info = item.stat(follow_symlinks=False)
                if stat.S_ISLNK(info.st_mode):
                    found.append((path, LINK_MODE, 0))
                elif stat.S_ISDIR(info.st_mode):
                    if not prefix and name in FOLDERS:
                        walk(Path(item.path), path + "/")
                    else:
                        found.append((path, "040000", 0))
                elif stat.S_ISREG(info.st_mode):
                    found.append((path, "100644", info.st_size))
                else:
                    found.append((path, "000000", 0))

    walk(root, "")
    return found


def check_work_tree(root: Path) -> list[Refusal]:
    """What in the blog folder may not be committed."""
    refused = []
    files = []
    for path, mode, size in work_tree_files(root):
        if size == -1:
            shown = os.fsencode(path).decode("utf-8", "replace")
            refused.append(Refusal(shown, "a name that is not UTF-8"))
        elif mode == "040000":
            refused.append(Refusal(path, "not a folder of the blog format"))
        elif mode == "000000":
            refused.append(Refusal(path, "not a regular file"))
        else:
            files.append((path, mode, size))
    return refused + check_paths(files)
