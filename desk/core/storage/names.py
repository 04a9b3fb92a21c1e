"""File names that work on every laptop a shared blog reaches (Linux, macOS, Windows).

A name Linux allows may be impossible on Windows (`con.md`, `notes.`), collide on a
case-insensitive disk (`Ab.md` beside `ab.md`), be too long for some file systems or
archive tools, or not decode as UTF-8. These rules say which, and why, for one name or
for the names of one folder; they read names only, never files."""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable

MAX_NAME_BYTES = 200
# Windows refuses these as a name's stem, whatever the extension: CON, CON.md, con.txt
RESERVED = frozenset(
    ["CON", "PRN", "AUX", "NUL"]
    + [f"{kind}{n}" for kind in ("COM", "LPT") for n in (*"123456789", "¹", "²", "³")]
)
WINDOWS_CHARACTERS = frozenset('<>:"\\|?*')
# Lowercase ASCII letters, digits, "-" and "_", one extension: what Desk itself names
# files. Such a name is its own case fold and breaks no laptop unless Windows reserves
# its stem; 10,000 entry files are checked by this alone.
_PLAIN = re.compile(r"[a-z0-9_][a-z0-9_-]*(?:\.[a-z0-9]+)?")


def _plain(name: str | bytes) -> bool:
    return isinstance(name, str) and len(name) <= MAX_NAME_BYTES and bool(_PLAIN.fullmatch(name))


def raw_bytes(name: str | bytes) -> bytes:
    """A name as the disk holds it (undecodable bytes kept, as os.listdir escapes them)."""
    return name if isinstance(name, bytes) else os.fsencode(name)


def utf8(name: str | bytes) -> bool:
    """Whether a name decodes as UTF-8 (os.listdir escapes the bytes of one that does not)."""
    try:
        raw_bytes(name).decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def shown(name: str | bytes) -> str:
    """A name fit to print: bytes that are not UTF-8 shown as \\xNN escapes."""
    return raw_bytes(name).decode("utf-8", errors="backslashreplace")


def name_problem(name: str | bytes) -> str | None:
    """What makes one name break another laptop, or None when it is fine."""
    if _plain(name):
        assert isinstance(name, str)
        stem = name.split(".", 1)[0].upper()
        return (
            f"{stem.lower()} is a name Windows reserves for a device" if stem in RESERVED else None
        )
    data = raw_bytes(name)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return "the name is not UTF-8: other laptops cannot show or keep it"
    if len(data) > MAX_NAME_BYTES:
        return f"the name is {len(data)} bytes long, over the limit of {MAX_NAME_BYTES}"
    if text.endswith((".", " ")):
        return "the name ends with a dot or a space, which Windows drops"
    stem = text.split(".", 1)[0].rstrip(" ").upper()
    if stem in RESERVED:
        return f"{stem.lower()} is a name Windows reserves for a device"
    bad = sorted({c for c in text if c in WINDOWS_CHARACTERS or ord(c) < 32})
    if bad:
        return f"the name holds {''.join(bad)!r}, which Windows does not allow in a name"
    return None


def fold(name: str | bytes) -> str:
    """The form two names share when a case-insensitive disk sees them as one."""
    return unicodedata.normalize("NFC", shown(name)).casefold()


def case_clashes(names: Iterable[str | bytes]) -> list[tuple[str, str]]:
    """Pairs of names in one folder that differ only by case (or by Unicode form): the
    second, in sorted order, would overwrite the first on macOS or Windows."""
    first: dict[str, str] = {}
    clashes = []
    for name in sorted(names, key=raw_bytes):
        plain = isinstance(name, str) and _plain(name)
        key = name if isinstance(name, str) and plain else fold(name)
        if key in first:
            clashes.append((first[key], shown(name)))
        else:
            first[key] = key if plain else shown(name)
    return clashes


def folder_problems(names: Iterable[str | bytes]) -> list[tuple[str, str]]:
    """(name shown, message) for each name of one folder that breaks another laptop."""
    names = list(names)
    found = [(shown(n), p) for n in names if (p := name_problem(n)) is not None]
    found.extend(
        (second, f"differs from {first!r} only by case: one overwrites the other on "
         "macOS and Windows")
        for first, second in case_clashes(names)
    )  # fmt: skip
    return found
