"""Where Send entry writes: an outbox folder of the user's, a name a reporter can read
(`1341-flight-recorders-leyla.md`), and never a file inside a blog folder, where one
Enter in a file dialog would overwrite that blog's entry."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import platformdirs

from desk.core.errors import DeskError
from desk.core.model import Entry, summary

OUTBOX_NAME = "Desk outbox"
BLOG_MARKER = "blog.yaml"
NAME_WORDS = 4
NAME_CHARS = 40


def outbox_folder() -> Path:
    """The user's outbox: a folder of their documents, beside (never inside) the blogs."""
    return Path(platformdirs.user_documents_dir()) / OUTBOX_NAME


def _slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")


def sent_name(entry: Entry) -> str:
    """`1341-flight-recorders-leyla.md`: the stamp's HHMM, the headline's first words (else
    the body's), the author's first name; each part left out when there is nothing."""
    words = (entry.headline.strip() or summary(entry.body, NAME_WORDS)).split()[:NAME_WORDS]
    about = _slug(" ".join(words))[:NAME_CHARS].strip("-")
    author = _slug(entry.author.split()[0]) if entry.author.split() else ""
    parts = [f"{entry.stamp:%H%M}", about, author]
    return "-".join(p for p in parts if p) + ".md"


def free_path(folder: Path, name: str) -> Path:
    """`folder/name`, or `name` with -2, -3… before its suffix when that file exists."""
    path = folder / name
    stem, suffix = path.stem, path.suffix
    number = 2
    while path.exists():
        path = folder / f"{stem}-{number}{suffix}"
        number += 1
    return path


def blog_folder_around(path: Path) -> Path | None:
    """The blog folder that `path` (a file to write) would be inside, or None."""
    target = Path(path).expanduser().resolve()
    for folder in (target, *target.parents):
        if folder == target and not target.is_dir():
            continue
        if (folder / BLOG_MARKER).is_file():
            return folder
    return None


def check_outside_blogs(path: Path) -> None:
    """DeskError when `path` is inside a blog folder (its entries/ or anywhere else)."""
    blog = blog_folder_around(path)
    if blog is not None:
        raise DeskError(
            f"{path} is inside the blog folder {blog}: a sent entry is a file for a reporter, "
            f"never written into a blog. Choose a folder outside it, such as {outbox_folder()}"
        )
