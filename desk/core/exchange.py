"""The entry exchange: reporters send single entries as files; the desk merges
them into the blog without overwriting anybody's words.

A sent file is an entry file (front matter, body; notes included) plus `base`: the hash of
the version both sides last shared, when there is one. The blog remembers that version's
hash in the entry's `sent_hash` (written when the entry is sent, and when a file is merged
into it). Neither key counts in `entry_hash`.

Merging a file:
- a new id: the entry is added at its stamp's place;
- a known id whose copy in the blog still hashes to the file's `base` (nobody changed it
  here since): the file's version replaces it;
- the same text as the blog's copy, or a file that is the version last shared while the
  blog's copy moved on: nothing to do but remember the version both sides now share, so
  that the next file sent from here carries the right `base`;
- anything else: a *conflict copy* beside the blog's copy: a new id, `conflict_of: <id>`,
  status draft until resolved (`conflict_status` keeps the file's status). It also keeps
  who sent the file and when (`sent_by`, `sent_at` in the file) and why it is a conflict:
  both sides changed since they last shared a version, or the file has no shared version
  at all, and then Desk cannot tell which side changed the text.

`apply_merge` is pure (it changes the Blog and says what it touched and what was there
before, so that the window can undo it in one step); `merge_files` reads, validates every
file before changing anything, applies, and saves the touched entries.
"""

from __future__ import annotations

import copy
import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from desk.core.clock import to_minute
from desk.core.errors import DeskError
from desk.core.model import Blog, Entry, new_id
from desk.core.outbox import check_outside_blogs
from desk.core.storage.atomic import atomic_write
from desk.core.storage.front_matter import dump_entry, parse_entry
from desk.core.storage.store import CONFLICT_KEY, BlogStore

BASE = "base"
SENT_HASH = "sent_hash"
CONFLICT_OF = CONFLICT_KEY
CONFLICT_STATUS = "conflict_status"
CONFLICT_KIND = "conflict_kind"
CONFLICT_WHY = "conflict_why"  # BOTH_CHANGED or NO_SHARED_VERSION
CONFLICT_FROM = "conflict_from"
CONFLICT_SENT = "conflict_sent"
SENT_BY = "sent_by"
SENT_AT = "sent_at"
BOTH_CHANGED = "both changed"
NO_SHARED_VERSION = "no shared version"
CONFLICT_KEYS = (CONFLICT_OF, CONFLICT_STATUS, CONFLICT_KIND, CONFLICT_WHY, CONFLICT_FROM,
                 CONFLICT_SENT)  # fmt: skip
KEEP = ("original", "copy", "both")
MAX_FILE = 10 * 1024 * 1024
_HASH = re.compile(r"[0-9a-f]{64}")
_BOOKKEEPING = (BASE, SENT_HASH, SENT_BY, SENT_AT)


def _without(entry: Entry, keys: Iterable[str]) -> Entry:
    plain = copy.deepcopy(entry)
    for key in keys:
        plain.extra.pop(key, None)
    return plain


def entry_hash(entry: Entry) -> str:
    """sha256 of the entry's file text, without the exchange's own keys (base, sent_hash)
    and the desk's editorial marks (key, pinned, published), which are no reporter's edit."""
    plain = replace(
        _without(entry, _BOOKKEEPING), key=False, pinned=False, published=None, published_hash=""
    )
    text = dump_entry(plain)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# ---------------------------------------------------------------- sending


def sent_text(entry: Entry, sender: str = "", moment: datetime | None = None) -> str:
    """The self-contained file for `entry`: its fields, body and notes, `base` when the
    entry was exchanged before, and who sent it when (when known)."""
    sent = _without(entry, _BOOKKEEPING)
    base = entry.extra.get(SENT_HASH)
    if isinstance(base, str) and _HASH.fullmatch(base):
        sent.extra[BASE] = base
    if sender:
        sent.extra[SENT_BY] = sender
    if moment is not None:
        sent.extra[SENT_AT] = to_minute(moment)
    return dump_entry(sent)


def send_entry(
    blog: Blog,
    store: BlogStore,
    entry_id: str,
    target: Path,
    sender: str = "",
    moment: datetime | None = None,
) -> Path:
    """Write entry `entry_id` as one `.md` file at `target` (a folder: `<id>.md` in it),
    then remember in the blog's copy what was sent (`sent_hash`) and save it."""
    entry = blog.entries.get(entry_id)
    if entry is None:
        raise DeskError(f"no entry {entry_id!r} in the blog")
    target = Path(target)
    path = target / f"{entry.id}.md" if target.is_dir() else target
    check_outside_blogs(path)
    try:
        atomic_write(path, sent_text(entry, sender, moment).encode("utf-8"))
    except OSError as error:
        raise DeskError(f"cannot write {path}: {error.strerror or error}") from None
    entry.extra[SENT_HASH] = entry_hash(entry)
    store.save(blog, only=[entry.id])
    return path


# ---------------------------------------------------------------- merging


@dataclass
class Incoming:
    """One validated file: the entry in it and its `base` (None: never exchanged)."""

    path: Path
    entry: Entry
    base: str | None
    sender: str = ""
    sent: datetime | None = None  # the file's `sent_at`, else when it was last written


@dataclass
class MergeResult:
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)  # the conflict copies' ids
    unchanged: list[str] = field(default_factory=list)
    # Entries whose text did not change but whose shared version (`sent_hash`) is now
    # known: saved, never undone (the text both sides hold stays the same).
    recorded: list[str] = field(default_factory=list)
    before: dict[str, Entry | None] = field(default_factory=dict)  # for undo
    order_before: list[str] = field(default_factory=list)

    @property
    def touched(self) -> list[str]:
        return list(self.before)

    def summary(self) -> str:
        copies = "conflict copy" if len(self.conflicts) == 1 else "conflict copies"
        parts = [
            f"{len(ids)} {word}"
            for ids, word in (
                (self.added, "added"),
                (self.replaced, "updated"),
                (self.conflicts, copies),
                (self.unchanged, "unchanged"),
            )
            if ids
        ]
        return ", ".join(parts) or "nothing to merge"


def read_entry_file(path: Path) -> Incoming:
    """One sent file, checked: readable UTF-8 text, front matter, a valid id (never a path),
    a stamp, a well-formed base. DeskError naming the file otherwise."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_FILE:
            raise DeskError(f"{path}: too large for an entry file")
        data = path.read_bytes()
    except OSError as error:
        raise DeskError(f"{path}: cannot read: {error.strerror or error}") from None
    if b"\0" in data:
        raise DeskError(f"{path}: binary, not an entry file")
    try:
        text = data.decode("utf-8").lstrip("\ufeff").replace("\r\n", "\n")
    except UnicodeDecodeError as error:
        raise DeskError(f"{path}: not valid UTF-8 (byte {error.start})") from None
    try:
        entry = parse_entry(text, path)
    except DeskError:
        raise
    except (ValueError, TypeError, OverflowError, RecursionError) as error:
        raise DeskError(f"{path}: not a valid entry file: {error}") from None
    base = entry.extra.pop(BASE, None)
    entry.extra.pop(SENT_HASH, None)
    if base is not None and not (isinstance(base, str) and _HASH.fullmatch(base)):
        raise DeskError(f"{path}: base {base!r} is not an entry hash")
    sender = entry.extra.pop(SENT_BY, None)
    sent = entry.extra.pop(SENT_AT, None)
    if not isinstance(sent, datetime):
        sent = _written(path)
    elif sent.tzinfo is None:
        sent = sent.replace(tzinfo=UTC)
    for key in CONFLICT_KEYS:  # a file says nothing about this blog's conflicts
        entry.extra.pop(key, None)
    return Incoming(path, entry, base, sender if isinstance(sender, str) else "", sent)


def _written(path: Path) -> datetime | None:
    try:
        return to_minute(datetime.fromtimestamp(path.stat().st_mtime, UTC))
    except (OSError, ValueError, OverflowError):
        return None


def read_entry_files(files: Iterable[Path]) -> list[Incoming]:
    """Every file read and checked; the first bad one stops everything (nothing written)."""
    incoming = [read_entry_file(path) for path in files]
    seen: dict[str, Path] = {}
    for item in incoming:
        if item.entry.id in seen:
            raise DeskError(
                f"{item.path}: entry {item.entry.id!r} is also in {seen[item.entry.id]}"
            )
        seen[item.entry.id] = item.path
    return incoming


def _check_originals(blog: Blog, incoming: list[Incoming]) -> None:
    original = blog.original()
    for item in incoming:
        entry = item.entry
        if not entry.is_original or entry.id in blog.entries:
            continue
        if original is not None and original.id != entry.id:
            raise DeskError(f"{item.path}: the blog already has an original entry ({original.id})")
        original = entry


def apply_merge(
    blog: Blog,
    incoming: list[Incoming],
    taken: Iterable[str] = (),
    id_factory: Callable[[set[str]], str] | None = None,
) -> MergeResult:
    """Merge validated files into `blog` (no file touched). `taken`: ids used before (the
    trash, history), never reused. An incoming id that only `taken` knows (a deleted
    entry) comes back under a new id."""
    _check_originals(blog, incoming)
    make_id = id_factory or (lambda used: new_id(used))
    used = set(taken) | set(blog.entries)
    result = MergeResult(order_before=list(blog.order))
    for item in incoming:
        entry = copy.deepcopy(item.entry)
        current = blog.entries.get(entry.id)
        if current is None:
            if entry.id in used:
                entry.id = make_id(used)
            used.add(entry.id)
            entry.extra[SENT_HASH] = entry_hash(entry)
            result.before[entry.id] = None
            blog.add(entry, by_stamp=True)
            result.added.append(entry.id)
            continue
        here, there = entry_hash(current), entry_hash(entry)
        if here == there or (item.base is not None and there == item.base):
            result.unchanged.append(entry.id)  # nothing new in the file
            # Both sides hold `there` (or last shared it): remember it, so that the next
            # file sent from here says so and merges on the other side.
            known = current.extra.get(SENT_HASH)
            if (here == there or not isinstance(known, str)) and known != there:
                current.extra[SENT_HASH] = there
                result.recorded.append(entry.id)
            continue
        if item.base is not None and here == item.base:
            result.before[entry.id] = copy.deepcopy(current)
            entry.extra[SENT_HASH] = there
            # The desk's marks stay the desk's: a reporter's new text does not unpin it.
            entry.key, entry.pinned = current.key, current.pinned
            entry.published, entry.published_hash = current.published, current.published_hash
            blog.entries[entry.id] = entry
            result.replaced.append(entry.id)
            continue
        copy_id = make_id(used)
        used.add(copy_id)
        conflict = _conflict_copy(entry, copy_id)
        conflict.extra[CONFLICT_WHY] = BOTH_CHANGED if item.base is not None else NO_SHARED_VERSION
        if item.sender:
            conflict.extra[CONFLICT_FROM] = item.sender
        if item.sent is not None:
            conflict.extra[CONFLICT_SENT] = item.sent
        result.before[copy_id] = None
        blog.entries[copy_id] = conflict
        index = blog.order.index(current.id) if current.id in blog.order else len(blog.order)
        blog.order.insert(index if current.is_original else index + 1, copy_id)
        result.conflicts.append(copy_id)
    return result


def _conflict_copy(entry: Entry, copy_id: str) -> Entry:
    extra = {k: v for k, v in entry.extra.items() if k not in _BOOKKEEPING}
    extra[CONFLICT_OF] = entry.id
    extra[CONFLICT_STATUS] = entry.status
    if entry.is_original:
        extra[CONFLICT_KIND] = "original"
    return replace(entry, id=copy_id, kind="update", status="draft", extra=extra)


def undo_merge(blog: Blog, result: MergeResult) -> None:
    """Put the blog back as it was before `apply_merge` returned `result`."""
    for entry_id, before in result.before.items():
        if before is None:
            blog.entries.pop(entry_id, None)
        else:
            blog.entries[entry_id] = before
    blog.order = list(result.order_before)


def merge_files(blog: Blog, store: BlogStore, files: list[Path]) -> MergeResult:
    """`desk merge BLOG FILE…`: validate every file, merge, save what changed."""
    incoming = read_entry_files(files)
    result = apply_merge(blog, incoming, store.taken_ids(blog))
    store.save(blog, only=result.touched + result.recorded)
    return result


def conflict_story(blog: Blog, conflict: Entry) -> str:
    """What happened, in plain words: whose file, sent when, for which entry, and whether
    Desk knows that both sides changed it or cannot tell which one did."""
    original = blog.entries.get(str(conflict.extra.get(CONFLICT_OF, "")))
    label = blog.label(original).rstrip(":") if original is not None else "an entry"
    sender = conflict.extra.get(CONFLICT_FROM) or conflict.author or "someone"
    sent = conflict.extra.get(CONFLICT_SENT)
    when = f", sent {sent:%d %b %Y %H:%M} GMT," if isinstance(sent, datetime) else ""
    head = f"A version of {label} from {sender}{when} differs from the blog's."
    if conflict.extra.get(CONFLICT_WHY) == BOTH_CHANGED:
        return head + " Both sides changed it since they last shared a version."
    return (
        head + " The two were never exchanged before, so Desk cannot tell which side changed this."
    )


# ---------------------------------------------------------------- conflicts


@dataclass
class Resolution:
    changed: list[str] = field(default_factory=list)  # ids to save
    removed: list[str] = field(default_factory=list)  # ids to move to the trash


def apply_resolution(blog: Blog, copy_id: str, keep: str) -> Resolution:
    """Settle a conflict copy (the blog changed; nothing saved):
    `original` keeps the blog's copy (the conflict copy goes to the trash, restorable),
    `copy` puts the file's version in the original's place (the conflict copy goes),
    `both` keeps the conflict copy as an entry of its own."""
    if keep not in KEEP:
        raise DeskError(f"keep must be one of {', '.join(KEEP)}, not {keep!r}")
    conflict = blog.entries.get(copy_id)
    if conflict is None:
        raise DeskError(f"no entry {copy_id!r} in the blog")
    original_id = conflict.extra.get(CONFLICT_OF)
    if not isinstance(original_id, str):
        raise DeskError(f"entry {copy_id!r} is not a conflict copy")
    status = conflict.extra.get(CONFLICT_STATUS, "draft")
    status = status if status in ("draft", "ready") else "draft"
    original = blog.entries.get(original_id)
    if keep == "original":
        return Resolution(removed=[copy_id])
    if keep == "copy" and original is not None:
        extra = {k: v for k, v in conflict.extra.items() if k not in CONFLICT_KEYS}
        replacement = replace(
            conflict, id=original_id, kind=original.kind, status=status, extra=extra
        )
        replacement.extra[SENT_HASH] = entry_hash(replacement)
        blog.entries[original_id] = replacement
        return Resolution(changed=[original_id], removed=[copy_id])
    for key in CONFLICT_KEYS:
        conflict.extra.pop(key, None)
    conflict.status = status
    return Resolution(changed=[copy_id])
