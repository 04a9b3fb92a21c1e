"""A blog's word list for spelling: `words.txt` in the blog folder, one word a line,
sorted, so that it travels with the blog and a sync merges it line by line. Reading it
needs nothing of spelling: the store checks the file whenever it opens a blog, and
spelling (`desk.core.spelling`) loads only when a window or `desk check` spells."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from desk.core.errors import DeskError
from desk.core.storage import nofollow

WORDS_FILE = "words.txt"
MAX_WORDS_FILE = 2 * 1024 * 1024


def parse_words(data: bytes) -> set[str]:
    """The words of a word list; UnicodeDecodeError when it is not UTF-8."""
    return {w.strip() for w in data.decode("utf-8").splitlines() if w.strip()}


def format_words(words: Iterable[str]) -> bytes:
    """One word a line, sorted, each once: the file's form, so a sync merges it line by line."""
    return "".join(f"{w}\n" for w in sorted(set(words))).encode("utf-8")


def blog_words(root: Path) -> set[str]:
    """The blog's word list (none when it has no words.txt); DeskError when it cannot be
    read (a link, not text)."""
    path = root / WORDS_FILE
    try:
        data, _ = nofollow.read_file(root, path, MAX_WORDS_FILE)
    except FileNotFoundError:
        return set()
    except nofollow.LinkError:
        raise DeskError(f"{path} is a symbolic link, so Desk will not read it") from None
    except nofollow.TooLarge:
        raise DeskError(f"{path} is too large for a word list") from None
    except OSError as error:
        raise DeskError(f"cannot read {path}: {error.strerror or error}") from None
    try:
        return parse_words(data)
    except UnicodeDecodeError as error:
        raise DeskError(f"{path}: not valid UTF-8 (byte {error.start})") from None
