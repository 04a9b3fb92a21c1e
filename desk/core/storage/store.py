"""The folder store: a blog is a folder, one file per entry.

It reads everything it can and reports the rest as problems; it writes only what changed,
atomically, and never writes over a file it could not read."""

from __future__ import annotations

import contextlib
import logging
import os
import re
import stat
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, ClassVar

from desk.core.clock import Clock, SystemClock
from desk.core.errors import DeskError, Problem, ProblemError
from desk.core.model import ID_PATTERN, MAX_ENTRIES, Blog, Entry, check_id, new_id
from desk.core.storage import nofollow
from desk.core.storage.atomic import TEMP_PREFIX, atomic_create, atomic_write
from desk.core.storage.front_matter import (
    FENCE,
    MAX_BLOG_FILE,
    MAX_ORDER,
    dump_blog_meta,
    dump_entry,
    parse_blog_meta,
    parse_entry,
    too_large_blog_file,
)
from desk.core.storage.index import EntryIndex, Identity, entry_of, identity, record_of
from desk.core.storage.names import folder_problems, utf8
from desk.core.storage.nofollow import LINK, LinkError
from desk.core.storage.scan import Scan, Seen, scan_entries
from desk.core.storage.words import WORDS_FILE, blog_words

Reader = Callable[[Path], tuple[bytes, os.stat_result]]
# Entry file names → (name, identity of the file read, its record) for those it could read.
Helper = Callable[[list[str]], Iterable[tuple[str, Identity, list[Any]]]]

log = logging.getLogger(__name__)

BLOG_FILE = "blog.yaml"
ENTRIES = "entries"
MEDIA = "media"
TRASH = "trash"
LARGE_BODY = 1_000_000
LARGE = "very large body (over 1 MB): loaded"
ONE_BY_ONE = 200  # entries read one by one as a load goes, before the rest are read at once
HELP_FROM = 400  # entry files a load's helper reads for it, at the fewest
HISTORY = ".history"
HISTORY_EVERY = timedelta(minutes=5)  # a pause this long ends a typing session
HISTORY_KEEP = 20
_VERSION = re.compile(r"\d{8}T\d{6}Z\.md")
CONFLICT_KEY = "conflict_of"
FORGOTTEN = "not in blog.yaml's order: placed by its stamp"
GITIGNORE = ".desk.lock\n.history/\n"


def is_conflict_copy(entry: Entry) -> bool:
    """Whether `entry` is a conflict copy: another version of an entry, kept beside it."""
    return isinstance(entry.extra.get(CONFLICT_KEY), str)


def slug(title: str, coverage: date) -> str:
    """Title lowercased, runs of non-alphanumerics turned into '-', then '-' and the date."""
    plain = unicodedata.normalize("NFKD", title.lower())
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    stem = re.sub(r"[^a-z0-9]+", "-", plain).strip("-") or "blog"
    return f"{stem}-{coverage.isoformat()}"


@dataclass(frozen=True)
class Conflict:
    """A file that another program changed while Desk had it open, and where it went."""

    path: Path
    message: str
    copy_id: str | None = None


@dataclass
class Changes:
    """What `BlogStore.refresh` took in from the folder."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.added or self.updated or self.conflicts or self.problems)


@dataclass
class BlogStore:
    """One blog folder on disk, and what Desk last read from or wrote to it."""

    read_only: ClassVar[bool] = False  # a store that refuses every write says so
    root: Path
    clock: Clock = field(default_factory=SystemClock)
    problems: list[Problem] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    _written: KnownTexts = field(init=False, repr=False)
    _last_read: os.stat_result | None = field(default=None, repr=False)
    loading: Loading | None = field(default=None, repr=False)  # entries still being read
    index_to_write: EntryIndex | None = field(default=None, repr=False)  # see write_index
    _unreadable: set[Path] = field(default_factory=set, repr=False)
    _seen: dict[str, Seen] = field(default_factory=dict, repr=False)  # by entry file name
    _folder_seen: int | None = field(default=None, repr=False)
    # The typing sessions: when each entry was last saved, and which entry was saved last.
    _saved_at: dict[str, datetime] = field(default_factory=dict, repr=False)
    _saved_last: str | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self._written = KnownTexts(self.root / ENTRIES)

    @property
    def blog_file(self) -> Path:
        return self.root / BLOG_FILE

    def entry_path(self, entry_id: str) -> Path:
        return self.root / ENTRIES / f"{check_id(entry_id)}.md"

    def entry_text(self, entry_id: str) -> str:
        """The entry's file as it is on disk now (OSError if a link or unreadable)."""
        data, _ = nofollow.read_file(self.root, self.entry_path(entry_id))
        return data.decode("utf-8")

    def trash_path(self, entry_id: str) -> Path:
        return self.root / TRASH / f"{check_id(entry_id)}.md"

    @classmethod
    def create(cls, drafts: Path, title: str, coverage: date) -> tuple[BlogStore, Blog]:
        """A new, empty blog folder under `drafts`; an existing folder is an error."""
        if not title.strip():
            raise DeskError("a blog needs a title")
        root = drafts / slug(title, coverage)
        if root.exists():
            raise DeskError(f"{root} already exists")
        store = cls(root.resolve())
        blog = Blog(title=title.strip(), date=coverage)
        try:
            (store.root / ENTRIES).mkdir(parents=True)
            (store.root / MEDIA).mkdir()
            (store.root / TRASH).mkdir()
            atomic_write(store.root / ".gitignore", GITIGNORE.encode())
        except OSError as error:
            raise DeskError(f"cannot create {root}: {error.strerror or error}") from None
        store.save(blog)
        return store, blog

    @classmethod
    def open(cls, root: Path, clock: Clock | None = None) -> tuple[BlogStore, Blog]:
        store = cls(Path(root).resolve(), clock=clock or SystemClock())
        return store, store.load()

    @classmethod
    def open_lazy(cls, root: Path, clock: Clock | None = None) -> tuple[BlogStore, Blog]:
        """The store and blog with blog.yaml read and the entries not yet: they are read
        as they are asked for, or by `store.loading` (see `Loading`)."""
        store = cls(Path(root).resolve(), clock=clock or SystemClock())
        blog, _ = store.begin_load()
        return store, blog

    def load(self) -> Blog:
        """Read the blog. A folder that is not a blog is an error; a bad entry is a problem."""
        blog, loading = self.begin_load()
        loading.finish()
        return blog

    def begin_load(self) -> tuple[Blog, Loading]:
        """Read blog.yaml alone: a blog whose order names every row and whose entries are
        read by the `Loading` (all at once, in steps, or one as it is wanted)."""
        self.problems = []
        self._written.clear()
        self._unreadable.clear()
        if not self.root.is_dir():
            raise DeskError(f"{self.root}: no such blog folder")
        stand_in = nofollow.is_link(self.blog_file)
        if stand_in:  # the entries open under a placeholder; blog.yaml stays as it is
            self.problems.append(Problem(self.blog_file, LINK))
            self._unreadable.add(self.blog_file)
            blog = placeholder_blog(self.root.name)
        elif not self.blog_file.is_file():
            raise DeskError(f"{self.root} is not a blog folder (it has no {BLOG_FILE})")
        else:
            text = self._read_text(self.blog_file, limit=MAX_BLOG_FILE)
            blog = parse_blog_meta(text, self.blog_file)
            self._written[self.blog_file] = text
        return blog, Loading(self, blog, stand_in)

    def _finish_load(self, blog: Blog, stand_in: bool) -> None:
        """What a load does once every entry is read: the folders' problems, the order."""
        self._check_folders()
        self._check_words()
        if stand_in:
            original = blog.original()
            if original is not None and not re.fullmatch(r".*-\d{4}-\d\d-\d\d", self.root.name):
                blog.date = original.stamp.date()
            blog.sort_by_stamp()
        self._reconcile_order(blog)
        if stand_in:
            self.problems = [p for p in self.problems if p.message != FORGOTTEN]

    def _entry_from_record(
        self, name: str, status: os.stat_result, record: list[Any]
    ) -> Entry | None:
        """The entry a record made from the file `status` describes keeps (None: read the
        file); the file's text is read when first wanted, as for any entry not read here."""
        try:
            entry = entry_of(record)
        except (ValueError, TypeError, DeskError):
            return None
        if f"{entry.id}.md" != name:
            return None
        self._seen[name] = (status.st_mtime_ns, status.st_size)
        self._written.later(
            name, lambda: self._text_as_loaded(self.root / ENTRIES / name, status, record)
        )
        if len(entry.body) > LARGE_BODY:
            self.problems.append(Problem(self.root / ENTRIES / name, LARGE))
        return entry

    def _text_as_loaded(self, path: Path, status: os.stat_result, record: list[Any]) -> str:
        """The text of a file loaded from the index: the file's, while it is the file the
        index vouched for; else the entry as loaded, in Desk's form (never the text of a
        later version, which would hide that version from the check before a save)."""
        with contextlib.suppress(OSError, UnicodeDecodeError):
            data, now = nofollow.read_file(self.root, path)
            if identity(now) == identity(status):
                return data.decode("utf-8")
        return dump_entry(entry_of(record))

    def _check_folders(self) -> None:
        """Report the links and the names that break other laptops in the blog's folders
        (entries/ is reported as it is read); never read or follow anything."""
        places = [Path()]
        for folder in (MEDIA, TRASH):
            if not nofollow.is_link(self.root / folder) and (self.root / folder).is_dir():
                places.append(Path(folder))
        for place in places:
            try:
                listing = nofollow.list_folder(self.root, self.root / place)
            except OSError as error:
                log.warning("cannot list %s: %s", self.root / place, error)
                continue
            for name in listing.links:
                if place != Path() or name != BLOG_FILE:  # blog.yaml: reported by load
                    self.problems.append(Problem(self.root / place / name, LINK))
            self._name_problems(place, [*listing.files, *listing.folders, *listing.links])

    def _check_words(self) -> None:
        """The blog's word list, for spelling: a problem when it is there but unreadable
        (a link is reported with the folder's other links)."""
        path = self.root / WORDS_FILE
        if os.path.lexists(path) and not nofollow.is_link(path):
            try:
                blog_words(self.root)
            except DeskError as error:
                self.problems.append(Problem(path, str(error).removeprefix(f"{path}: ")))

    def _name_problems(self, place: Path, names: list[str]) -> None:
        for name, message in folder_problems(names):
            self.problems.append(Problem(self.root / place / name, message))

    def _entry_files(self) -> tuple[list[str], dict[str, os.stat_result]]:
        """The names of entries/*.md (os.scandir and str sorting: pathlib's are slow at
        10,000, and so is making and hashing a Path for each), and their lstat. A link is
        reported, never read; so is a name not in UTF-8."""
        folder = self.root / ENTRIES
        try:
            listing = nofollow.list_folder(self.root, folder, stats=True)
        except LinkError:
            self.problems.append(Problem(folder, LINK))
            return [], {}
        except OSError:
            log.debug("cannot list %s", folder, exc_info=True)
            return [], {}
        self._name_problems(Path(ENTRIES), [*listing.files, *listing.folders, *listing.links])
        for name in listing.links:
            path = folder / name
            self.problems.append(Problem(path, LINK))
            self._unreadable.add(path)
        names = [n for n in listing.files if n.endswith(".md") and not n.startswith(".")]
        if len(names) > MAX_ENTRIES:
            raise DeskError(
                f"{folder} holds {len(names):,} entry files, over the limit of "
                f"{MAX_ENTRIES:,}: the blog is not opened"
            )
        return [name for name in names if name.isascii() or utf8(name)], listing.stats

    def _read_text(
        self,
        path: Path,
        limit: int | None = None,
        read: Reader | None = None,
        *,
        entry: bool = False,
    ) -> str:
        """The file's text; `entry`: a file of entries/, whose mtime and size are kept
        even when its text is refused, so that a scan reads it again only once it changes."""
        try:
            if read is not None:
                data, status = read(path)
            else:
                data, status = nofollow.read_file(self.root, path, limit)
            if entry:
                self._seen[path.name] = (status.st_mtime_ns, status.st_size)
            self._last_read = status
        except LinkError:
            raise ProblemError(Problem(path, LINK)) from None
        except nofollow.TooLarge:
            raise ProblemError(Problem(path, too_large_blog_file())) from None
        except OSError as error:
            raise ProblemError(Problem(path, f"cannot read: {error.strerror or error}")) from None
        if not data.strip():
            raise ProblemError(Problem(path, "the file is empty"))
        if b"\0" in data:
            raise ProblemError(Problem(path, "the file is binary, not text"))
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as error:
            raise ProblemError(Problem(path, f"not valid UTF-8 (byte {error.start})")) from None

    def _read_entry(self, path: Path, read: Reader | None = None) -> Entry:
        if not ID_PATTERN.fullmatch(path.stem):
            raise ProblemError(Problem(path, f"file name {path.name!r} is not an entry id"))
        text = self._read_text(path, read=read, entry=True)
        entry = parse_entry(text, path)
        if entry.id != path.stem:
            if os.path.lexists(path.parent / f"{entry.id}.md"):
                raise ProblemError(
                    Problem(path, f"duplicate id {entry.id!r} (the id of {entry.id}.md)")
                )
            raise ProblemError(Problem(path, f"id {entry.id!r} does not match the file name"))
        if len(entry.body) > LARGE_BODY:
            self.problems.append(Problem(path, LARGE))
        self._written[path] = text
        return entry

    def _reconcile_order(self, blog: Blog) -> None:
        """Drop ids the order names but no file holds; place forgotten entries by stamp."""
        seen: set[str] = set()
        order = []
        present = set(blog.entries)  # read once: 10,000 lookups through a LazyEntries add up
        for entry_id in blog.order:
            if entry_id in present and entry_id not in seen:
                order.append(entry_id)
                seen.add(entry_id)
            elif entry_id not in present and not self._is_unreadable(entry_id):
                self.problems.append(
                    Problem(self.blog_file, f"order names {entry_id!r}, which has no entry file")
                )
        blog.order = order
        forgotten = [e for e in blog.entries.values() if e.id not in seen]
        for entry in sorted(forgotten, key=lambda e: e.stamp):
            self.problems.append(Problem(self.entry_path(entry.id), FORGOTTEN))
            blog.order.insert(blog.place_for(entry, by_stamp=True), entry.id)
        originals = [e for e in blog.timeline() if e.is_original]
        if originals and blog.order[-1] != originals[0].id:
            blog.order.remove(originals[0].id)
            blog.order.append(originals[0].id)

    def _is_unreadable(self, entry_id: str) -> bool:
        return any(p.stem == entry_id for p in self._unreadable)

    def write_index(self) -> None:
        """Write the entry index a load left to be written later (see `Loading`)."""
        index, self.index_to_write = self.index_to_write, None
        if index is not None:
            index.write()

    def finish_loading(self) -> None:
        """Read every entry file a load has not read yet (see `Loading`)."""
        if self.loading is not None:
            self.loading.finish()

    def taken_ids(self, blog: Blog) -> set[str]:
        """Every id this blog has ever used, so that none is reused."""
        taken = set(blog.entries)
        for folder in (ENTRIES, TRASH, HISTORY):
            try:
                listing = nofollow.list_folder(self.root, self.root / folder)
            except OSError:
                log.debug("cannot list %s for new ids", folder, exc_info=True)
                continue
            taken.update(n.split(".", 1)[0] for n in (*listing.files, *listing.folders))
            taken.update(n.split(".", 1)[0] for n in listing.links)
        return taken

    def new_id(self, blog: Blog) -> str:
        return new_id(self.taken_ids(blog))

    def save(self, blog: Blog, only: Iterable[str] | None = None) -> list[Path]:
        """Write blog.yaml and the entries (all, or those in `only`) whose text changed.
        A file that another program changed since Desk read it is kept, never overwritten
        unseen: an entry as a conflict copy beside ours, blog.yaml in .history/ (see
        `conflicts`). Returns the paths written."""
        check_limits(blog)
        meta = dump_blog_meta(blog)
        if len(meta.encode("utf-8")) > MAX_BLOG_FILE:
            raise DeskError(
                f"blog.yaml would be over {MAX_BLOG_FILE // 2**20} MB, the limit: nothing saved"
            )
        if only is None:
            self.finish_loading()
        conflicts = len(self.conflicts)
        written = []
        ids = blog.order if only is None else list(only)
        for entry_id in ids:
            entry = blog.entries.get(entry_id)
            if entry is None:
                continue
            path, text = self.entry_path(entry_id), dump_entry(entry)
            if self._written.get(path) == text:
                continue
            outside = self._changed_outside(path)
            if outside is not None:
                self._keep_outside_entry(blog, entry, outside)
            self._keep_history(path, entry_id)
            self._write(path, text)
            written.append(path)
        if len(self.conflicts) != conflicts:
            meta = dump_blog_meta(blog)  # a conflict copy joined the order
        if self._written.get(self.blog_file) != meta:
            outside = self._changed_outside(self.blog_file)
            if outside is not None:
                kept = self._history_file(BLOG_FILE, ".yaml")
                self._put(kept, outside)
                self.conflicts.append(
                    Conflict(
                        self.blog_file,
                        f"blog.yaml was changed outside Desk; that version is kept as {kept}",
                    )
                )
            self._write(self.blog_file, meta)
            written.append(self.blog_file)
        return written

    def _changed_outside(self, path: Path) -> bytes | None:
        """The file's bytes if another program changed it since Desk read or wrote it."""
        known = self._written.get(path)
        try:
            on_disk, _ = nofollow.read_file(self.root, path)
        except FileNotFoundError:
            return None
        except LinkError as error:
            raise DeskError(f"{error.path} is {LINK_WRITE}") from None
        except OSError as error:
            raise DeskError(f"cannot read {path} before saving: {error.strerror}") from None
        if known is not None and on_disk == known.encode("utf-8"):
            return None
        return on_disk

    def _keep_outside_entry(self, blog: Blog, ours: Entry, data: bytes) -> None:
        """Keep the other program's version of an entry as a conflict copy beside ours."""
        path = self.entry_path(ours.id)
        try:
            theirs = parse_entry(data.decode("utf-8"), path)
        except (ProblemError, UnicodeDecodeError):
            kept = self._history_file(ours.id, ".md")
            self._put(kept, data)
            message = (
                f"{path.name} was changed outside Desk into a file Desk cannot read; kept as {kept}"
            )
            self.conflicts.append(Conflict(path, message))
            return
        self._add_conflict_copy(blog, ours, theirs)

    def _add_conflict_copy(self, blog: Blog, ours: Entry, theirs: Entry) -> str:
        """Theirs as a new draft entry just below ours, marked as its conflict copy."""
        copy = replace(
            theirs,
            id=self.new_id(blog),
            kind="update",
            status="draft",
            extra={**theirs.extra, CONFLICT_KEY: ours.id},
        )
        blog.entries[copy.id] = copy
        below = blog.order.index(ours.id) + 1 if ours.id in blog.order else 0
        blog.order.insert(min(below, len(blog.order) - (1 if blog.original() else 0)), copy.id)
        self._write(self.entry_path(copy.id), dump_entry(copy))
        path = self.entry_path(ours.id)
        self.conflicts.append(
            Conflict(path, f"{path.name} was changed outside Desk; both versions are kept", copy.id)
        )
        return copy.id

    def refresh(self, blog: Blog, unsaved: Iterable[str] = (), *, full: bool = True) -> Changes:
        """Take in entry files that appeared or changed on disk since Desk read or wrote
        them (a shared folder, a git pull). An entry with unsaved typing is never replaced:
        the incoming version becomes a conflict copy. Files are compared by size and mtime
        first. Without `full`, nothing is scanned unless the folder itself changed (a file
        made, removed or renamed into it, as syncing tools and git do): one stat instead of
        10,000; a file rewritten in place is seen by the next full scan."""
        seen = self.seen_entries(full=full)
        scan = None if seen is None else scan_entries(self.root / ENTRIES, seen)
        return Changes() if scan is None else self.take_in_scan(blog, scan, unsaved)

    def seen_entries(self, *, full: bool = True) -> dict[str, Seen] | None:
        """A copy of what Desk has seen of the entry files, for `scan_entries` to compare
        with; None when there is nothing to scan (see `refresh` for `full`). Every entry is
        read first, so a scan finds only what changed on disk."""
        self.finish_loading()
        try:
            status = os.lstat(self.root / ENTRIES)
        except OSError:
            return None
        if stat.S_ISLNK(status.st_mode) or (not full and status.st_mtime_ns == self._folder_seen):
            return None  # a linked entries/ is never read (load reported it)
        return dict(self._seen)

    def take_in_scan(self, blog: Blog, scan: Scan, unsaved: Iterable[str] = ()) -> Changes:
        """Take in what `scan` found changed (see `refresh`). Desk may have read or written
        a file since the scan's copy of what it had seen: a file it has seen as it is now is
        skipped, and one whose text is the text Desk wrote is no outside change."""
        self.finish_loading()
        changes = Changes()
        dirty = set(unsaved)
        folder = self.root / ENTRIES
        self._folder_seen = scan.stamp
        for name in scan.links:
            path = folder / name
            if path not in self._unreadable:
                self._unreadable.add(path)
                changes.problems.append(Problem(path, LINK))
        for name, found in scan.changed.items():
            if self._seen.get(name) == found:
                continue
            path = folder / name
            try:
                text = self._read_text(path, entry=True)
            except ProblemError as error:
                if path not in self._unreadable:
                    self._unreadable.add(path)
                    changes.problems.append(error.problem)
                continue
            if self._written.get(path) == text:
                continue
            self._take_in(blog, path, text, dirty, changes)
        return changes

    def _take_in(
        self, blog: Blog, path: Path, text: str, dirty: set[str], changes: Changes
    ) -> None:
        try:
            if not ID_PATTERN.fullmatch(path.stem):
                raise ProblemError(Problem(path, f"file name {path.name!r} is not an entry id"))
            theirs = parse_entry(text, path)
            if theirs.id != path.stem:
                raise ProblemError(Problem(path, f"id {theirs.id!r} does not match the file name"))
        except ProblemError as error:
            self._unreadable.add(path)
            changes.problems.append(error.problem)
            return
        ours = blog.entries.get(theirs.id)
        if ours is None and len(blog.entries) >= MAX_ENTRIES:
            self._unreadable.add(path)
            changes.problems.append(
                Problem(path, f"not taken in: the blog holds {MAX_ENTRIES:,} entries, the limit")
            )
            return
        self._unreadable.discard(path)
        if ours is None:
            if theirs.is_original and blog.original() is not None:
                theirs.kind = "update"  # a second original would break the timeline
            blog.add(theirs, by_stamp=True)
            changes.added.append(theirs.id)
        elif theirs.id in dirty:
            changes.conflicts.append(self._add_conflict_copy(blog, ours, theirs))
        else:
            blog.entries[theirs.id] = theirs
            changes.updated.append(theirs.id)
        self._written[path] = text

    def _history_file(self, name: str, suffix: str) -> Path:
        folder = self.root / HISTORY / name
        return folder / (self.clock.now().strftime("%Y%m%dT%H%M%SZ") + suffix)

    def _keep_history(self, path: Path, entry_id: str) -> None:
        """Keep the version being replaced when a typing session begins: the first save of
        an entry, a save after a pause of five minutes, or after another entry was saved;
        the last 20 versions of each entry."""
        now = self.clock.now()
        last = self._saved_at.get(entry_id)
        new_session = last is None or now - last >= HISTORY_EVERY or self._saved_last != entry_id
        self._saved_at[entry_id], self._saved_last = now, entry_id
        previous = self._written.get(path)
        if not new_session or previous is None or previous.endswith(f"{FENCE}\n\n"):
            return  # the same session, nothing read yet, or a new entry with an empty body
        versions = self._versions(entry_id)
        kept = self._history_file(entry_id, ".md")
        if kept in [p for _, p in versions]:
            return  # a version kept this very second (another program's) stays as it is
        try:
            self._put(kept, previous.encode("utf-8"))
            versions.append((now, kept))
            for _, old in versions[: max(0, len(versions) - HISTORY_KEEP)]:
                old.unlink()
        except (DeskError, OSError) as error:
            # History is a convenience: it must never stop the entry being saved.
            log.warning("no earlier version of %s kept: %s", entry_id, error)

    def _versions(self, entry_id: str) -> list[tuple[datetime, Path]]:
        """The saved versions of an entry, oldest first; files named otherwise (a temporary
        file a crash left) are not versions."""
        folder = self.root / HISTORY / check_id(entry_id)
        try:
            names = [
                n for n in nofollow.list_folder(self.root, folder).files if _VERSION.fullmatch(n)
            ]
        except OSError:
            log.debug("cannot list the history of %s", entry_id, exc_info=True)
            return []
        versions = []
        for name in names:
            with contextlib.suppress(ValueError):
                when = datetime.strptime(name[:-3], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
                versions.append((when, folder / name))
        return versions

    def history(self, entry_id: str) -> list[tuple[datetime, Entry]]:
        """Earlier versions of an entry, newest first."""
        versions = []
        for when, path in reversed(self._versions(entry_id)):
            with contextlib.suppress(ProblemError):
                versions.append((when, parse_entry(self._read_text(path), path)))
        return versions

    def clean_leftovers(self) -> list[Path]:
        """Remove the temporary files an interrupted write left. Only for the one writer
        (the window holding the lock, a command that writes): a reader must not delete
        another Desk's file in the middle of its write."""
        folders = [self.root, self.root / ENTRIES]
        with contextlib.suppress(OSError):
            listing = nofollow.list_folder(self.root, self.root / HISTORY)
            folders.extend(self.root / HISTORY / name for name in listing.folders)
        removed = []
        for folder in folders:
            try:
                listing = nofollow.list_folder(self.root, folder)
            except OSError:
                log.debug("cannot list %s for leftovers", folder, exc_info=True)
                continue
            for name in (*listing.files, *listing.links):
                if name.startswith(TEMP_PREFIX):
                    try:
                        nofollow.remove_file(self.root, folder / name)
                        removed.append(folder / name)
                    except OSError as error:
                        log.warning("cannot remove %s: %s", folder / name, error)
        return removed

    def _put(self, path: Path, data: bytes) -> None:
        try:
            nofollow.make_folder(self.root, path.parent)
            nofollow.write_file(self.root, path, data)
        except LinkError as error:
            raise DeskError(f"cannot save {path}: {error.path} is {LINK_WRITE}") from error
        except OSError as error:
            raise DeskError(f"cannot save {path}: {error.strerror or error}") from error

    def _write(self, path: Path, text: str) -> None:
        if path in self._unreadable:
            if nofollow.is_link(path):
                raise DeskError(f"{path} is {LINK_WRITE}")
            raise DeskError(f"{path} could not be read, so Desk will not write over it")
        self._put(path, text.encode("utf-8"))
        self._written[path] = text

    def write_new_entry(self, entry: Entry) -> Path:
        """Write a new entry's own file and nothing else (blog.yaml stays as it is, for the
        window that holds the blog); an id whose file exists is refused, never replaced."""
        path = self.entry_path(entry.id)
        if self.trash_path(entry.id).exists():
            raise DeskError(f"{entry.id} is taken by an entry in the trash")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic_create(path, dump_entry(entry).encode("utf-8"))
        except FileExistsError:
            raise DeskError(f"{path} exists already: Desk will not write over it") from None
        except OSError as error:
            raise DeskError(f"cannot save {path}: {error.strerror or error}") from error
        return path

    def trash(self, blog: Blog, entry_id: str) -> Entry:
        """Move an entry out of the timeline into trash/ (restorable)."""
        self.save(blog, only=[entry_id])
        source, target = self.entry_path(entry_id), self.trash_path(entry_id)
        try:
            nofollow.make_folder(self.root, target.parent)
            nofollow.move_file(self.root, source, target)
        except OSError as error:
            raise DeskError(f"cannot move {source.name} to the trash: {error.strerror}") from None
        try:  # the file's time says when it was deleted (the Trash shows it)
            moment = self.clock.now().timestamp()
            os.utime(target, (moment, moment))
        except OSError as error:
            log.warning("cannot set the time of %s: %s", target, error)
        self._written.pop(source, None)
        entry = blog.remove(entry_id)
        self.save(blog, only=[])
        return entry

    def trashed(self) -> list[Entry]:
        """Entries in trash/, newest stamp first; unreadable ones are left out."""
        entries = []
        try:
            names = nofollow.list_folder(self.root, self.root / TRASH).files
        except OSError:
            names = []
        for path in [self.root / TRASH / n for n in names if n.endswith(".md")]:
            try:
                entries.append(parse_entry(self._read_text(path), path))
            except ProblemError:
                log.warning("cannot read %s in the trash", path, exc_info=True)
                continue
        return sorted(entries, key=lambda e: e.stamp, reverse=True)

    def trashed_at(self, entry_id: str) -> datetime | None:
        """When the entry went to the trash (its file's time there), or None."""
        try:
            seconds = self.trash_path(entry_id).stat().st_mtime
        except OSError:
            log.debug("cannot stat the trash file of %s", entry_id, exc_info=True)
            return None
        return datetime.fromtimestamp(seconds, UTC)

    def restore(self, blog: Blog, entry_id: str, index: int | None = None) -> Entry:
        """Bring an entry back from trash/ to its old index, else to its stamp's place."""
        source, target = self.trash_path(entry_id), self.entry_path(entry_id)
        entry = parse_entry(self._read_text(source), source)
        if index is None or entry.is_original:
            blog.add(entry, by_stamp=True)
        else:
            blog.entries[entry.id] = entry
            blog.order.insert(min(index, len(blog.order)), entry.id)
        try:
            nofollow.move_file(self.root, source, target)
        except OSError as error:
            blog.remove(entry_id)
            raise DeskError(f"cannot restore {source.name}: {error.strerror}") from None
        self._written[target] = dump_entry(entry)
        self.save(blog, only=[])
        return entry

    def add_media(self, source: Path) -> str:
        """Copy an image file into media/ (its name kept, made unique and safe) and return
        the body's reference to it, `media/<name>`."""
        if not source.is_file():
            raise DeskError(f"{source} is not a file")
        stem = re.sub(r"[^A-Za-z0-9._-]+", "-", source.stem).strip("-.") or "image"
        suffix = re.sub(r"[^A-Za-z0-9.]+", "", source.suffix.lower())[:10]
        folder = self.root / MEDIA
        name, number = f"{stem}{suffix}", 1
        while os.path.lexists(folder / name):
            number += 1
            name = f"{stem}-{number}{suffix}"
        try:
            self._put(folder / name, source.read_bytes())
        except OSError as error:
            raise DeskError(f"cannot copy {source.name} into the blog: {error.strerror}") from None
        return f"{MEDIA}/{name}"

    def save_as(self, blog: Blog, target: Path) -> BlogStore:
        """Write the whole blog (entries, blog.yaml, media, trash, the word list) into a new
        folder, for when its own folder cannot be written; returns the new folder's store."""
        if target.exists() and any(target.iterdir()):
            raise DeskError(f"{target} is not empty: choose a new folder")
        store = BlogStore(target.resolve(), clock=self.clock)
        try:
            for folder in (ENTRIES, MEDIA, TRASH):
                (store.root / folder).mkdir(parents=True, exist_ok=True)
            for folder in (MEDIA, TRASH):
                with contextlib.suppress(FileNotFoundError, LinkError):  # a link: reported
                    nofollow.copy_tree(
                        self.root, self.root / folder, store.root / folder, store.root
                    )
            with contextlib.suppress(FileNotFoundError, LinkError):  # the blog's word list
                words, _ = nofollow.read_file(self.root, self.root / WORDS_FILE)
                atomic_write(store.root / WORDS_FILE, words)
            atomic_write(store.root / ".gitignore", GITIGNORE.encode())
        except OSError as error:
            raise DeskError(f"cannot write {target}: {error.strerror or error}") from None
        store.save(blog)
        return store

    @classmethod
    def rebuild(cls, root: Path) -> tuple[BlogStore, Blog]:
        """A broken blog.yaml rebuilt from the entries (title from the folder's name, date
        from the original entry, order by stamp); the broken one kept as blog.yaml.broken."""
        store = cls(root.resolve())
        broken = store.blog_file.with_name(BLOG_FILE + ".broken")
        match = re.fullmatch(r"(.*)-(\d{4}-\d\d-\d\d)", store.root.name)
        try:
            if os.path.lexists(store.blog_file):  # a link is renamed, never followed
                os.replace(store.blog_file, broken)
            placeholder = placeholder_blog(store.root.name)
            nofollow.write_file(
                store.root, store.blog_file, dump_blog_meta(placeholder).encode("utf-8")
            )
        except (OSError, ValueError) as error:
            raise DeskError(f"cannot rebuild {store.blog_file}: {error}") from None
        blog = store.load()
        store.problems = [p for p in store.problems if p.message != FORGOTTEN]
        original = blog.original()
        if original is not None and not match:
            blog.date = original.stamp.date()
        blog.sort_by_stamp()
        store.save(blog)
        return store, blog


LINK_WRITE = "a symbolic link, so Desk will not write through or over it"


def placeholder_blog(folder_name: str) -> Blog:
    """A blog's own fields guessed from its folder's name (title, then the date), for when
    blog.yaml cannot be used."""
    match = re.fullmatch(r"(.*)-(\d{4}-\d\d-\d\d)", folder_name)
    stem = match.group(1) if match else folder_name
    coverage = date.today()
    if match:
        with contextlib.suppress(ValueError):
            coverage = date.fromisoformat(match.group(2))
    return Blog(title=stem.replace("-", " ").strip().capitalize() or "Blog", date=coverage)


class KnownTexts:
    """Path → the text Desk last read from or wrote to it. The text of an entry taken from
    the index is read when first asked for (see `BlogStore._text_as_loaded`). Those, and
    the check a load makes for each file, go by the file's name in entries/: making and
    hashing a Path for each of 10,000 files cost more than the rest of a load from the
    index."""

    def __init__(self, entries: Path) -> None:
        self._folder = entries
        self._texts: dict[Path, str] = {}
        self._later: dict[str, Callable[[], str]] = {}  # entries/ files, by name
        self._entries: set[str] = set()  # the names of the entries/ files in _texts

    def _entry_name(self, path: Path) -> str | None:
        return path.name if path.parent == self._folder else None

    def get(self, path: Path, default: str | None = None) -> str | None:
        text = self._texts.get(path)
        if text is None and self._later:
            make = self._later.pop(self._entry_name(path) or "", None)
            if make is not None:
                text = self[path] = make()
        return default if text is None else text

    def __contains__(self, path: object) -> bool:
        if path in self._texts:
            return True
        return (
            bool(self._later) and isinstance(path, Path) and self._entry_name(path) in self._later
        )

    def has_entry_file(self, name: str) -> bool:
        """Whether entries/`name` is known, without making its Path."""
        return name in self._later or name in self._entries

    def __setitem__(self, path: Path, text: str) -> None:
        name = self._entry_name(path)
        if name is not None:
            self._later.pop(name, None)
            self._entries.add(name)
        self._texts[path] = text

    def later(self, name: str, make: Callable[[], str]) -> None:
        """The text of entries/`name` (not yet known), made when first asked for."""
        self._later[name] = make

    def pop(self, path: Path, default: str | None = None) -> str | None:
        text = self.get(path)
        if self._texts.pop(path, None) is not None and (name := self._entry_name(path)):
            self._entries.discard(name)
        return default if text is None else text

    def clear(self) -> None:
        self._texts.clear()
        self._later.clear()
        self._entries.clear()


class LazyEntries(dict[str, Entry]):
    """A blog's entries while a `Loading` reads them: asking for one id reads its file
    then and there; going over them all, or counting them, reads every file first. Once the
    load is done it is a plain dict."""

    def __init__(self, loading: Loading) -> None:
        super().__init__()
        self.loading = loading

    def _one(self, key: object) -> None:
        if not self.loading.done and isinstance(key, str) and not dict.__contains__(self, key):
            if self.loading.asked > ONE_BY_ONE:  # a walk over them all: read them at once
                self.loading.finish()
            else:
                self.loading.asked += 1
                self.loading.entry(key)

    def _all(self) -> None:
        if not self.loading.done:
            self.loading.finish()

    def get(self, key: str, default: Any = None) -> Any:
        self._one(key)
        return dict.get(self, key, default)

    def __getitem__(self, key: str) -> Entry:
        self._one(key)
        return dict.__getitem__(self, key)

    def __contains__(self, key: object) -> bool:
        self._one(key)
        return dict.__contains__(self, key)

    def pop(self, key: str, *default: Any) -> Any:
        self._one(key)
        return dict.pop(self, key, *default)

    def __iter__(self) -> Iterator[str]:
        self._all()
        return dict.__iter__(self)

    def __len__(self) -> int:
        self._all()
        return dict.__len__(self)

    def keys(self) -> Any:
        self._all()
        return dict.keys(self)

    def values(self) -> Any:
        self._all()
        return dict.values(self)

    def items(self) -> Any:
        self._all()
        return dict.items(self)


class Loading:
    """The entries of a blog being opened, read from the folder (or the entry index) all
    at once (`finish`), a few at a time (`step`), or one as a row needs it (`entry`). Until
    `done`, the blog holds only the entries read so far, and its order is blog.yaml's."""

    def __init__(self, store: BlogStore, blog: Blog, stand_in: bool) -> None:
        self.store, self.blog, self._stand_in = store, blog, stand_in
        self._files: list[str] | None = None  # the names in entries/
        self._stats: dict[str, os.stat_result] = {}
        self._next = 0
        self._read: set[str] = set()  # names read one by one, for a row, before their turn
        self.asked = 0  # entries asked for one by one through the blog (rows shown are not)
        self._index: EntryIndex | None = None
        self._misses = 0
        self.done = False
        # Called before every file left is read at once (by something that needs them all).
        self.before_finish: Callable[[int], None] | None = None
        self.on_done: Callable[[], None] | None = None  # called once every entry is read
        # The window writes the index as it closes: writing 10,000 records is a hitch.
        self.index_later = False
        # Reads many entry files elsewhere (other processes), given their names: the
        # records of those it read, each with the identity of the file it read.
        self.helper: Helper | None = None
        self._fresh: dict[str, tuple[Identity, list[Any]]] = {}
        self._held: dict[str, list[Any] | None] = {}  # the index's records, looked up
        blog.entries = LazyEntries(self)
        store.loading = self

    @property
    def total(self) -> int:
        """The entry files to read (the order's length until the folder is listed)."""
        return len(self._files) if self._files is not None else len(self.blog.order)

    @property
    def count(self) -> int:
        return self._next

    def entry(self, entry_id: str) -> Entry | None:
        """The entry now, read from its file if it was not yet (None: no such entry, or
        its file cannot be read, which the rest of the load will report)."""
        found: Entry | None = dict.get(self.blog.entries, entry_id)
        if found is not None or self.done or not ID_PATTERN.fullmatch(entry_id):
            return found
        path = self.store.entry_path(entry_id)
        if path.name in self._read:
            return None
        self._read.add(path.name)
        if not os.path.lexists(path):
            return None
        try:
            entry = self.store._read_entry(path)
        except ProblemError as error:
            self.store.problems.append(error.problem)
            self.store._unreadable.add(path)
            return None
        dict.__setitem__(self.blog.entries, entry.id, entry)
        return entry

    def step(self, count: int) -> bool:
        """Read up to `count` more entry files; True once every one is read."""
        if self.done:
            return True
        store = self.store
        if self._files is None:
            self._files, self._stats = store._entry_files()
            self._index = EntryIndex.read(store.root)
            self._read_elsewhere()
        files, blog = self._files, self.blog
        end = min(len(files), self._next + count)
        with contextlib.ExitStack() as stack:  # entries/ opened once for its files
            read = (
                stack.enter_context(nofollow.reader(store.root, store.root / ENTRIES))
                if end > self._next
                else None
            )
            for name in files[self._next : end]:
                self._take(name, read, blog)
        self._next = end
        if end < len(files):
            return False
        self._close()
        return True

    def _read_elsewhere(self) -> None:
        """Have the helper read the files the index does not hold, when there are enough
        of them to pay for it (a first load, or a load after the index was lost)."""
        if self.helper is None or self._files is None:
            return
        index, stats = self._index, self._stats
        if index is not None:  # looked up once: `_take` takes what this found
            self._held = {n: index.lookup(n, s) for n, s in stats.items()}
        names = [n for n in self._files if n in stats and self._held.get(n) is None]
        if len(names) >= HELP_FROM:
            self._fresh = {name: (found, record) for name, found, record in self.helper(names)}

    def _take(self, name: str, read: Reader | None, blog: Blog) -> None:
        store = self.store
        if name in self._read or store._written.has_entry_file(name):
            return  # read already for a row, or written by this window meanwhile
        status, index = self._stats.get(name), self._index
        entry = None
        fresh = self._fresh.pop(name, None)
        if fresh is not None and status is not None and fresh[0] == identity(status):
            entry = store._entry_from_record(name, status, fresh[1])
            if entry is not None and index is not None:
                self._misses += 1
                index.put(name, status, fresh[1])
        elif status is not None and index is not None:
            record = self._held.pop(name) if name in self._held else index.lookup(name, status)
            if record is not None:
                entry = store._entry_from_record(name, status, record)
        if entry is None:
            path = store.root / ENTRIES / name
            try:
                entry = store._read_entry(path, read)
            except ProblemError as error:
                store.problems.append(error.problem)
                store._unreadable.add(path)
                if index is not None:
                    index.forget(name)
                return
            if index is not None and store._last_read is not None:
                self._misses += 1
                index.put(name, store._last_read, record_of(entry))
        if dict.__contains__(blog.entries, entry.id):
            path = store.root / ENTRIES / name
            store.problems.append(Problem(path, f"duplicate id {entry.id!r}"))
            store._unreadable.add(path)
            return
        dict.__setitem__(blog.entries, entry.id, entry)

    def _close(self) -> None:
        self.done = True
        self._fresh, self._held = {}, {}
        if self.store.loading is self:
            self.store.loading = None
        self.store._finish_load(self.blog, self._stand_in)
        self._write_index()
        if self.on_done is not None:
            self.on_done()

    def _write_index(self) -> None:
        index = self._index
        if index is None or self._files is None:
            return
        index.keep_only(set(self._files))
        # Rewritten when enough of it is new, not for every file changed since: writing
        # 10,000 records costs more than reading a few changed files again.
        if index.changed and self._misses * 20 >= max(len(self._files), 1):
            if self.index_later:
                self.store.index_to_write = index
            else:
                index.write()
        self._index = None

    def finish(self) -> None:
        """Read every entry file not yet read."""
        if self.done:
            return
        if self.before_finish is not None:
            self.before_finish(self.total - self.count)
        self.step(len(self._files) if self._files is not None else MAX_ENTRIES)


def read_records(root: Path, names: list[str]) -> list[tuple[str, Identity, list[Any]]]:
    """For a load's helper, in another process: the records of the entry files `names` of
    the blog at `root` that read as entries, each with the identity of the file read. The
    rest are left to the load, which reads them itself and reports what is wrong."""
    store = BlogStore(root)
    folder = root / ENTRIES
    found = []
    with nofollow.reader(root, folder) as read:
        for name in names:
            try:
                entry = store._read_entry(folder / name, read)
            except ProblemError:
                continue
            record = record_of(entry)
            if record is not None and store._last_read is not None:
                found.append((name, identity(store._last_read), record))
    return found


def check_limits(blog: Blog) -> None:
    """DeskError, naming the limit, when a blog is past what Desk keeps: nothing is saved."""
    if len(blog.entries) > MAX_ENTRIES:
        raise DeskError(
            f"the blog has {len(blog.entries):,} entries, over the limit of {MAX_ENTRIES:,}: "
            "nothing saved"
        )
    if len(blog.order) > MAX_ORDER:
        raise DeskError(
            f"the order lists {len(blog.order):,} ids, over the limit of {MAX_ORDER:,}: "
            "nothing saved"
        )
