"""Three-way merge of a blog, entry by entry, against the last version both sides shared.

Pure: trees are {path: blob id} maps and blobs are read through a `Blobs` reader, so the
merge reads only the files that differ. The result is the set of file changes to make on
our side; it never holds a conflict marker and never leaves a step to the user."""

from __future__ import annotations

import bisect
import copy
import hashlib
import logging
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Protocol

from desk.core.errors import DeskError
from desk.core.exchange import CONFLICT_KIND, CONFLICT_OF, CONFLICT_STATUS
from desk.core.model import Blog, Entry
from desk.core.storage.front_matter import dump_blog_meta, dump_entry, parse_blog_meta, parse_entry

log = logging.getLogger(__name__)

Tree = Mapping[str, str]  # path -> blob id
BLOG = "blog.yaml"
WORDS = "words.txt"
IGNORE = ".gitignore"
_ENTRY_FIELDS = tuple(f.name for f in fields(Entry) if f.name not in ("id", "extra"))
_STAMP_LINE = re.compile(rb"^stamp: *(\S+)", re.MULTILINE)
_PINNED_LINE = re.compile(rb"^pinned: *true", re.MULTILINE)
_KIND_ORIGINAL = re.compile(rb"^kind: *original", re.MULTILINE)


class Blobs(Protocol):
    def read(self, oids: Iterable[str]) -> dict[str, bytes]: ...


@dataclass
class Merged:
    """What the merge changes on our side, and what to tell the user."""

    files: dict[str, bytes | None] = field(default_factory=dict)  # None: remove
    incoming: set[str] = field(default_factory=set)  # entry ids the other side changed here
    conflicts: list[str] = field(default_factory=list)  # ids of the conflict copies made
    notes: list[str] = field(default_factory=list)


@dataclass
class _State:
    """One entry on one side: where it is (entries/ or trash/) and its blob."""

    where: str
    oid: str


def _entry_states(tree: Tree) -> dict[str, _State]:
    states: dict[str, _State] = {}
    for path, oid in tree.items():
        folder, _, name = path.partition("/")
        if folder in ("entries", "trash") and name.endswith(".md"):
            entry_id = name[:-3]
            if folder == "entries" or entry_id not in states:
                states[entry_id] = _State(folder, oid)
    return states


def _entry_state(tree: Tree, entry_id: str) -> _State | None:
    """`_entry_states(tree).get(entry_id)`, without going through the whole tree."""
    for folder in ("entries", "trash"):
        oid = tree.get(f"{folder}/{entry_id}.md")
        if oid is not None:
            return _State(folder, oid)
    return None


def _parse(data: bytes | None, path: str) -> Entry | None:
    if data is None:
        return None
    try:
        return parse_entry(data.decode("utf-8"), Path(path))
    except (DeskError, UnicodeDecodeError, ValueError, TypeError) as error:
        log.info("%s cannot be read for the merge: %s", path, error)
        return None


def _values(entry: Entry | None) -> dict[str, Any]:
    if entry is None:
        return {}
    values = {name: getattr(entry, name) for name in _ENTRY_FIELDS}
    values.update({f"extra:{k}": v for k, v in entry.extra.items()})
    return values


def _build(entry_id: str, values: dict[str, Any]) -> Entry:
    plain = {k: v for k, v in values.items() if not k.startswith("extra:")}
    extra = {k[6:]: v for k, v in values.items() if k.startswith("extra:")}
    return Entry(id=entry_id, extra=extra, **plain)


def merge_fields(
    entry_id: str, base: Entry | None, ours: Entry, theirs: Entry
) -> tuple[Entry, Entry, list[str]]:
    """Field by field: a field changed on one side takes that side's value. Returns the
    merge with our values on clashes, the merge with theirs on clashes, and the clashes."""
    b, o, t = _values(base), _values(ours), _values(theirs)
    mine: dict[str, Any] = {}
    other: dict[str, Any] = {}
    clashes = []
    missing = object()
    for key in dict.fromkeys([*o, *t]):
        bv, ov, tv = b.get(key, missing), o.get(key, missing), t.get(key, missing)
        if ov == tv:
            chosen = (ov, ov)
        elif ov == bv:
            chosen = (tv, tv)
        elif tv == bv:
            chosen = (ov, ov)
        else:
            clashes.append(key)
            chosen = (ov, tv)
        for target, value in zip((mine, other), chosen, strict=True):
            if value is not missing:
                target[key] = value
    return _build(entry_id, mine), _build(entry_id, other), clashes


def copy_id(entry_id: str, one: bytes, other: bytes, taken: set[str]) -> str:
    """The same conflict copy id whichever side merges: from both versions, sorted."""
    digest = hashlib.sha256(b"\0".join(sorted((one, other))) + entry_id.encode()).hexdigest()
    for length in range(6, 40):
        candidate = "x" + digest[:length]
        if candidate not in taken:
            return candidate
    raise DeskError("no free id for a conflict copy")  # pragma: no cover: 2**136 tries


def conflict_copy(version: Entry, of: str, copy: str) -> Entry:
    extra = {k: v for k, v in version.extra.items() if k not in (CONFLICT_OF, CONFLICT_STATUS)}
    extra[CONFLICT_OF] = of
    extra[CONFLICT_STATUS] = version.status
    if version.is_original:
        extra[CONFLICT_KIND] = "original"
    return replace(version, id=copy, kind="update", status="draft", pinned=False, extra=extra)


class BlogMerge:
    """One merge of `theirs` into `ours` against `base`."""

    def __init__(self, base: Tree, ours: Tree, theirs: Tree, blobs: Blobs) -> None:
        self.base, self.ours, self.theirs = base, ours, theirs
        self.blobs = blobs
        self.result = Merged()
        self._cache: dict[str, bytes] = {}
        self._stamps: dict[str, Any] = {}
        self._new_entries: dict[str, Entry] = {}  # merged versions written by the merge
        self._copies: dict[str, str] = {}  # conflict copy -> the entry it copies
        self._renamed: dict[str, str] = {}  # their media name -> the name it gets here

    # -- reading ---------------------------------------------------------------------------

    def _read(self, oids: Iterable[str | None]) -> None:
        wanted = [o for o in oids if o is not None and o not in self._cache]
        if wanted:
            self._cache.update(self.blobs.read(wanted))

    def _blob(self, oid: str | None) -> bytes | None:
        if oid is None:
            return None
        self._read([oid])
        return self._cache[oid]

    # -- the merge -------------------------------------------------------------------------

    def run(self) -> Merged:
        paths = set(self.ours) | set(self.theirs)
        changed = {p for p in paths if self.ours.get(p) != self.theirs.get(p)}
        if not changed:
            return self.result
        trees = (self.base, self.ours, self.theirs)
        ids = sorted(
            {p.split("/", 1)[1][:-3] for p in changed if p.startswith(("entries/", "trash/"))}
        )
        # Only the entries that differ are looked up on each side; ours are all needed
        # (which are live) for blog.yaml's order.
        sides = {entry_id: [_entry_state(t, entry_id) for t in trees] for entry_id in ids}
        # Everything that differs, in one read: git answers a batch as fast as one blob.
        self._read(
            [
                *(t.get(p) for p in changed for t in trees),
                *(t.get(BLOG) for t in trees),
                *(s.oid for found in sides.values() for s in found if s is not None),
            ]
        )
        self._merge_media(changed)
        live_changes: dict[str, bool] = {}
        for entry_id in ids:
            live = self._merge_entry(entry_id, *sides[entry_id])
            if live is not None:
                live_changes[entry_id] = live
        self._merge_words(changed)
        self._merge_ignore(changed)
        self._merge_blog(live_changes, _entry_states(self.ours))
        return self.result

    def _merge_media(self, changed: set[str]) -> None:
        for path in sorted(p for p in changed if p.startswith("media/")):
            b, o, t = self.base.get(path), self.ours.get(path), self.theirs.get(path)
            if o == b or (o is None and t != b):
                self.result.files[path] = self._blob(t)  # theirs, or a change over a removal
                continue
            if t == b or t is None:
                continue
            data = self._blob(t)
            assert data is not None
            stem, dot, suffix = path[6:].rpartition(".")
            stem, suffix = (stem, dot + suffix) if dot else (suffix, "")
            name = f"{stem}-{hashlib.sha256(data).hexdigest()[:8]}{suffix}"
            self._renamed[path[6:]] = name
            self.result.files[f"media/{name}"] = data
            self.result.notes.append(
                f"media/{path[6:]} was changed on both sides: the other side's image is "
                f"kept as media/{name}"
            )

    def _theirs_bytes(self, oid: str | None) -> bytes | None:
        data = self._blob(oid)
        if data is None or not self._renamed:
            return data
        for old, new in self._renamed.items():
            data = data.replace(f"media/{old}".encode(), f"media/{new}".encode())
        return data

    def _put_entry(
        self, entry_id: str, where: str | None, data: bytes | None, ours: _State | None
    ) -> bool | None:
        """Make the entry's files say `where`/`data`; returns whether it is live (in
        entries/) when anything changed, else None."""
        target = f"{where}/{entry_id}.md" if where else None
        current = f"{ours.where}/{entry_id}.md" if ours else None
        if current == target and ours is not None and data == self._cache.get(ours.oid):
            return None
        if current is not None and current != target:
            self.result.files[current] = None
        if target is not None and data is not None:
            self.result.files[target] = data
        return where == "entries"

    def _merge_entry(
        self, entry_id: str, b: _State | None, o: _State | None, t: _State | None
    ) -> bool | None:
        if o == t:
            return None
        if o == b:
            self.result.incoming.add(entry_id)
            data = self._theirs_bytes(t.oid) if t else None
            if t is not None and t.where == "entries" and data is not None:
                parsed = _parse(data, f"entries/{entry_id}.md")
                if parsed is not None:
                    self._new_entries[entry_id] = parsed
            return self._put_entry(entry_id, t.where if t else None, data, o)
        if t == b:
            return None
        # Changed on both sides.
        if o is None or t is None:  # removed on one side, changed on the other: the change
            if o is None:
                assert t is not None
                self.result.incoming.add(entry_id)
                return self._put_entry(entry_id, "entries", self._theirs_bytes(t.oid), o)
            return None  # they removed it, we changed it: ours stands
        where = "trash" if o.where == t.where == "trash" else "entries"
        base = _parse(self._blob(b.oid) if b else None, f"base/{entry_id}.md")
        ours_data, theirs_data = self._blob(o.oid), self._theirs_bytes(t.oid)
        assert ours_data is not None and theirs_data is not None
        ours = _parse(ours_data, f"entries/{entry_id}.md")
        theirs = _parse(theirs_data, f"entries/{entry_id}.md")
        if ours is None or theirs is None:
            self.result.notes.append(
                f"entries/{entry_id}.md changed on both sides and one version cannot be read:"
                " the local file is kept, the other stays in the sync history"
            )
            return self._put_entry(entry_id, where, ours_data, o)
        if where == "entries" and base is not None and (o.where == "trash" or t.where == "trash"):
            # The trashing side made no edit worth keeping over the change: restore.
            trashed = ours if o.where == "trash" else theirs
            if dump_entry(trashed) == dump_entry(base):
                chosen = theirs if trashed is ours else ours
                if chosen is theirs:
                    self.result.incoming.add(entry_id)
                self._new_entries[entry_id] = chosen
                return self._put_entry(entry_id, where, dump_entry(chosen).encode(), o)
        mine, other, clashes = merge_fields(entry_id, base, ours, theirs)
        self._new_entries[entry_id] = mine
        if mine != ours:
            self.result.incoming.add(entry_id)
        if clashes:
            taken = set(self.ours_ids()) | set(_entry_states(self.theirs))
            copy = copy_id(entry_id, dump_entry(mine).encode(), dump_entry(other).encode(), taken)
            duplicate = conflict_copy(other, entry_id, copy)
            self._new_entries[copy] = duplicate
            self._copies[copy] = entry_id
            self.result.files[f"{where}/{copy}.md"] = dump_entry(duplicate).encode()
            self.result.conflicts.append(copy)
        live = self._put_entry(entry_id, where, dump_entry(mine).encode(), o)
        return True if clashes and where == "entries" else live

    def ours_ids(self) -> list[str]:
        return list(_entry_states(self.ours))

    # -- the small files -------------------------------------------------------------------

    def _lines(self, tree: Tree, path: str) -> list[str]:
        data = self._blob(tree.get(path))
        return data.decode("utf-8", "replace").splitlines() if data else []

    def _merge_words(self, changed: set[str]) -> None:
        if WORDS in changed:
            words = sorted(
                {
                    w.strip()
                    for w in self._lines(self.ours, WORDS) + self._lines(self.theirs, WORDS)
                    if w.strip()
                }
            )
            self.result.files[WORDS] = "".join(f"{w}\n" for w in words).encode("utf-8")

    def _merge_ignore(self, changed: set[str]) -> None:
        if IGNORE in changed:
            lines = list(
                dict.fromkeys(self._lines(self.ours, IGNORE) + self._lines(self.theirs, IGNORE))
            )
            self.result.files[IGNORE] = "".join(f"{line}\n" for line in lines).encode("utf-8")

    # -- blog.yaml ---------------------------------------------------------------------------

    def _blog(self, tree: Tree) -> Blog | None:
        data = self._blob(tree.get(BLOG))
        if data is None:
            return None
        try:
            return parse_blog_meta(data.decode("utf-8"), Path(BLOG))
        except (DeskError, UnicodeDecodeError, ValueError, TypeError) as error:
            log.info("blog.yaml cannot be read for the merge: %s", error)
            return None

    def _merge_blog(self, live_changes: dict[str, bool], ours_states: dict[str, _State]) -> None:
        if self.ours.get(BLOG) == self.theirs.get(BLOG) and not live_changes:
            return
        base, ours, theirs = self._blog(self.base), self._blog(self.ours), self._blog(self.theirs)
        if ours is None and theirs is None:
            return
        if ours is None:
            assert theirs is not None
            self.result.notes.append("blog.yaml could not be read here: the other side's is taken")
            merged = copy.deepcopy(theirs)
        else:
            merged = copy.deepcopy(ours)
            if theirs is None:
                self.result.notes.append("the other side's blog.yaml cannot be read: ours is kept")
            else:
                self._merge_meta(base, ours, theirs, merged)
        live = [
            i for i, s in ours_states.items() if s.where == "entries" and live_changes.get(i, True)
        ]
        live += [i for i, alive in live_changes.items() if alive and i not in ours_states]
        live += [
            i
            for i, alive in live_changes.items()
            if alive and i in ours_states and ours_states[i].where != "entries"
        ]
        live += [c for c in self._copies if f"entries/{c}.md" in self.result.files]
        merged.order = self._merge_order(
            base.order if base else [],
            ours.order if ours else [],
            theirs.order if theirs else [],
            set(live),
        )
        self._one_original_one_pin(merged.order)
        text = dump_blog_meta(merged).encode("utf-8")
        if text != self._blob(self.ours.get(BLOG)):
            self.result.files[BLOG] = text

    def _merge_meta(self, base: Blog | None, ours: Blog, theirs: Blog, merged: Blog) -> None:
        missing = object()

        def pick(name: str, b: Any, o: Any, t: Any) -> Any:
            if o == t or t == b:
                return o
            if o == b:
                return t
            self.result.notes.append(
                f"blog.yaml: {name} was changed on both sides; the local value is kept"
                f" (the other side's: {t!r})"
            )
            return o

        for name in ("title", "date", "header", "url", "ended", "export"):
            value = pick(
                name, getattr(base, name, missing), getattr(ours, name), getattr(theirs, name)
            )
            setattr(merged, name, value)
        labels = pick(
            "labels",
            base.labels.as_mapping() if base else missing,
            ours.labels.as_mapping(),
            theirs.labels.as_mapping(),
        )
        merged.labels = type(ours.labels).from_mapping(labels)
        extra = {}
        for key in dict.fromkeys([*ours.extra, *theirs.extra]):
            b = base.extra.get(key, missing) if base else missing
            value = pick(key, b, ours.extra.get(key, missing), theirs.extra.get(key, missing))
            if value is not missing:
                extra[key] = value
        merged.extra = extra

    def _merge_order(
        self, base: list[str], ours: list[str], theirs: list[str], live: set[str]
    ) -> list[str]:
        """Our order, with their moves kept where we did not move the same entry, and
        entries new here placed by stamp (a conflict copy just below what it copies)."""
        if ours == base and base != theirs:  # only they moved things: their order
            return self._merge_order(ours, theirs, theirs, live)
        order = [i for i in dict.fromkeys(ours) if i in live]
        moved = _moved(base, theirs) - _moved(base, ours)
        in_order = set(order)
        theirs_live = [i for i in dict.fromkeys(theirs) if i in live]
        for entry_id in theirs_live:
            if entry_id in moved and entry_id in in_order:
                order.remove(entry_id)
                position = theirs_live.index(entry_id)
                before = next(
                    (
                        p
                        for p in reversed(theirs_live[:position])
                        if p in in_order and p != entry_id
                    ),
                    None,
                )
                order.insert(order.index(before) + 1 if before is not None else 0, entry_id)
        missing = [i for i in sorted(live - in_order) if i not in self._copies]
        for entry_id in sorted(missing, key=lambda i: (self._stamp(i), i)):
            order.insert(self._place(order, entry_id), entry_id)
        for copy_id_, of in sorted(self._copies.items()):
            if copy_id_ in live and copy_id_ not in order:
                order.insert(order.index(of) + 1 if of in order else 0, copy_id_)
        return order

    def _entry_data(self, entry_id: str) -> bytes | None:
        path = f"entries/{entry_id}.md"
        if path in self.result.files:
            return self.result.files[path]
        return self._blob(self.ours.get(path))

    def _stamp(self, entry_id: str) -> str:
        if entry_id in self._new_entries:
            return self._new_entries[entry_id].stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
        if entry_id not in self._stamps:
            data = self._entry_data(entry_id) or b""
            match = _STAMP_LINE.search(data)
            self._stamps[entry_id] = match.group(1).decode("ascii", "replace") if match else ""
        return str(self._stamps[entry_id])

    def _is_original(self, entry_id: str) -> bool:
        if entry_id in self._new_entries:
            return self._new_entries[entry_id].is_original
        return bool(_KIND_ORIGINAL.search(self._entry_data(entry_id) or b""))

    def _place(self, order: list[str], entry_id: str) -> int:
        """Where an entry goes among the updates, newest first; the original stays last."""
        if self._is_original(entry_id):
            return len(order)
        self._read(self.ours.get(f"entries/{i}.md") for i in order if i not in self._new_entries)
        stamp = self._stamp(entry_id)
        for index, other in enumerate(order):
            if self._is_original(other) or self._stamp(other) < stamp:
                return index
        return len(order)

    def _one_original_one_pin(self, order: list[str]) -> None:
        """One original, last; at most one pinned update: ours win, theirs are noted."""
        incoming = [i for i in order if i in self._new_entries]
        originals = [i for i in incoming if self._new_entries[i].is_original]
        pins = [i for i in incoming if self._new_entries[i].pinned]
        if len(originals) + len(pins) == 0:
            return
        ours_original = self._last_original(order)
        ours_pins: list[str] = []
        if pins:
            self._read(self.ours.get(f"entries/{i}.md") for i in order)
            ours_pins = [
                i
                for i in order
                if i not in self._new_entries and _PINNED_LINE.search(self._entry_data(i) or b"")
            ]
        local = set(self._local_entries())
        keep_original = (
            ours_original
            or next((i for i in originals if i in local), None)
            or (originals[0] if originals else None)
        )
        for entry_id in originals:
            if entry_id != keep_original:
                self._rewrite(entry_id, kind="update")
                self.result.notes.append(
                    f"{entry_id} was an original entry on the other side; the blog keeps one"
                    f" ({keep_original}), so it is an update here"
                )
        if keep_original in order and order[-1] != keep_original:
            order.remove(keep_original)
            order.append(keep_original)
        keep_pin = (
            ours_pins[0]
            if ours_pins
            else next((i for i in pins if i in local), None) or (pins[0] if pins else None)
        )
        for entry_id in pins:
            if entry_id != keep_pin:
                self._rewrite(entry_id, pinned=False)
                self.result.notes.append(
                    f"{entry_id} was pinned on the other side; the local pin ({keep_pin}) stays"
                )

    def _last_original(self, order: list[str]) -> str | None:
        """The last of `order` that is an original and that the merge did not bring. Our
        original is usually last; when it came in changed, every other entry is looked at,
        so the blobs are read in batches (one git call each, not one per entry)."""
        candidates = [i for i in reversed(order) if i not in self._new_entries]
        start, size = 0, 64
        while start < len(candidates):
            chunk = candidates[start : start + size]
            self._read(self.ours.get(f"entries/{i}.md") for i in chunk)
            found = next((i for i in chunk if self._is_original(i)), None)
            if found is not None:
                return found
            start, size = start + size, len(candidates)
        return None

    def _local_entries(self) -> list[str]:
        return [i for i in self._new_entries if i not in self.result.incoming]

    def _rewrite(self, entry_id: str, **changes: Any) -> None:
        entry = replace(self._new_entries[entry_id], **changes)
        self._new_entries[entry_id] = entry
        path = next(
            p
            for p in (f"entries/{entry_id}.md", f"trash/{entry_id}.md")
            if p in self.result.files or p in self.ours
        )
        self.result.files[path] = dump_entry(entry).encode("utf-8")


def _moved(base: list[str], side: list[str]) -> set[str]:
    """Ids whose place among the others changed from `base` to `side`: those outside the
    longest run kept in the same relative order."""
    if side == base:  # the usual case, and a 10,000-entry order is long
        return set()
    position = {entry_id: index for index, entry_id in enumerate(base)}
    common = [i for i in side if i in position]
    sequence = [position[i] for i in common]
    tails: list[int] = []
    tails_at: list[int] = []
    parent = [-1] * len(sequence)
    for index, value in enumerate(sequence):
        slot = bisect.bisect_left(tails, value)
        if slot == len(tails):
            tails.append(value)
            tails_at.append(index)
        else:
            tails[slot] = value
            tails_at[slot] = index
        parent[index] = tails_at[slot - 1] if slot > 0 else -1
    kept: set[str] = set()
    index = tails_at[-1] if tails_at else -1
    while index >= 0:
        kept.add(common[index])
        index = parent[index]
    return set(common) - kept


def merge_trees(base: Tree, ours: Tree, theirs: Tree, blobs: Blobs) -> Merged:
    """Merge `theirs` into `ours` against `base`: the file changes to make on our side."""
    return BlogMerge(base, ours, theirs, blobs).run()


FileMap = dict[str, bytes]
IdFactory = Callable[[set[str]], str]
