"""The command line, on the core alone: Qt is imported only to open
the window."""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import NoReturn

from desk import __version__
from desk.core.clock import (
    Clock,
    SystemClock,
    parse_clock_time,
    parse_date,
    parse_time,
    to_minute,
)
from desk.core.errors import DeskError, ProblemError
from desk.core.export.options import CMS_PROFILES, EMBED_STYLES, FORMATS, ORDERS
from desk.core.importers.options import IMPORT_FORMATS
from desk.core.log import setup as setup_log
from desk.core.model import STATUSES, Blog, Entry, summary
from desk.core.prefs import Preferences
from desk.core.storage.store import BlogStore

# Each command imports what only it needs (export: Markdown, nh3, sqlite; import: the
# parsers), so that `desk open` reaches the window sooner.


VERBOSE = ("-v", "--verbose")
log = logging.getLogger(__name__)


class _Parser(argparse.ArgumentParser):
    """Usage errors are one line and exit 1, like every other error."""

    def error(self, message: str) -> NoReturn:
        raise DeskError(message)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="desk", description="Draft, arrange and export live blogs.")
    parser.add_argument("--version", action="version", version=f"desk {__version__}")
    parser.add_argument(*VERBOSE, action="store_true", help="write what Desk does to stderr")
    commands = parser.add_subparsers(dest="command", parser_class=_Parser, metavar="COMMAND")

    opening = commands.add_parser("open", help="open the window on a blog")
    opening.add_argument("blog", metavar="BLOG", type=Path)

    new = commands.add_parser("new", help="make a new blog folder and print its path")
    new.add_argument("title", metavar="TITLE")
    new.add_argument("--date", metavar="D", help="coverage date, YYYY-MM-DD (default today, UTC)")
    new.add_argument("--drafts", metavar="DIR", type=Path, help="where to make the folder")

    add = commands.add_parser("add", help="add an entry, body from stdin; prints its id")
    add.add_argument("blog", metavar="BLOG", type=Path)
    add.add_argument("--at", metavar="TIME", help="ISO 8601 time, UTC without an offset")
    add.add_argument("--status", choices=STATUSES, default="draft")
    add.add_argument("--original", action="store_true", help="the blog's original entry")
    add.add_argument("--author", metavar="A")
    add.add_argument("--headline", metavar="H")

    importing = commands.add_parser("import", help="make a blog from a live blog's text")
    importing.add_argument("file", metavar="FILE", type=Path)
    importing.add_argument("--from", dest="source", choices=IMPORT_FORMATS)
    importing.add_argument("--date", metavar="D", help="day of the oldest update (default today)")
    importing.add_argument("--original-at", metavar="HH:MM", help="the original entry's time")
    importing.add_argument("--label", metavar="FORMAT", help='e.g. "Update {HH}:{MM} GMT"')
    importing.add_argument("--title", metavar="T")
    importing.add_argument("--drafts", metavar="DIR", type=Path)

    merge = commands.add_parser("merge", help="bring entry files sent by reporters into a blog")
    merge.add_argument("blog", metavar="BLOG", type=Path)
    merge.add_argument("files", metavar="FILE", type=Path, nargs="+")

    share = commands.add_parser("share", help="share a blog through a git remote")
    share.add_argument("blog", metavar="BLOG", type=Path)
    share.add_argument("remote", metavar="REMOTE")

    join = commands.add_parser("join", help="make a copy of a shared blog; prints its path")
    join.add_argument("remote", metavar="REMOTE")
    join.add_argument("--drafts", metavar="DIR", type=Path, help="where to make the folder")

    syncing = commands.add_parser("sync", help="send and receive a shared blog's changes")
    syncing.add_argument("blog", metavar="BLOG", type=Path)

    listing = commands.add_parser("list", help="one line per entry, in timeline order")
    listing.add_argument("blog", metavar="BLOG", type=Path)

    check = commands.add_parser("check", help="list every problem in a blog folder")
    check.add_argument("blog", metavar="BLOG", type=Path)
    check.add_argument(
        "--spelling",
        action="store_true",
        help="only spelling: every unknown word, with the blog's and your word lists",
    )

    export = commands.add_parser("export", help="export the blog as HTML or Markdown")
    export.add_argument("blog", metavar="BLOG", type=Path)
    export.add_argument("--format", choices=FORMATS)
    export.add_argument("--all", action="store_true", default=None, help="drafts too")
    export.add_argument("--embeds", choices=EMBED_STYLES, help="how posts are written")
    export.add_argument("--cms", choices=CMS_PROFILES, help="the CMS the HTML is pasted into")
    export.add_argument("--order", choices=ORDERS, help="newest first (the timeline) or oldest")
    export.add_argument(
        "--key-events", action=argparse.BooleanOptionalAction, help="open with a key events list"
    )
    export.add_argument("--jsonld", action="store_true", default=None, help="structured data")
    export.add_argument(
        "--mark-published", action="store_true", help="record the exported entries as published"
    )
    export.add_argument("-o", "--output", metavar="FILE", type=Path)

    desktop = commands.add_parser(
        "install-desktop", help="put Desk in the desktop's menu (Linux), with its icon"
    )
    desktop.add_argument("--remove", action="store_true", help="take the menu entry away")
    return parser


def _blog_argument(argv: list[str], commands: set[str]) -> list[str]:
    """`desk PATH` as `desk open PATH` when PATH is a blog folder or a blog.yaml (what a
    desktop's file manager passes) and not a command's name."""
    if len(argv) != 1 or argv[0].startswith("-") or argv[0] in commands:
        return argv
    path = Path(argv[0])
    if path.is_dir() or path.name == "blog.yaml" or os.sep in argv[0]:
        return ["open", argv[0]]
    return argv


def _blog_folder(path: Path) -> Path:
    """A blog folder from the folder or from its blog.yaml."""
    return path.parent if path.name == "blog.yaml" and path.is_file() else path


def _warn(message: str) -> None:
    print(f"desk: warning: {message}", file=sys.stderr)


def _open_blog(path: Path) -> tuple[BlogStore, Blog]:
    store, blog = BlogStore.open(path)
    for problem in store.problems:
        _warn(str(problem))
    return store, blog


def _new(args: argparse.Namespace, clock: Clock) -> int:
    coverage = parse_date(args.date) if args.date else clock.now().date()
    drafts = args.drafts or Preferences.load().drafts()
    store, _ = BlogStore.create(drafts, args.title, coverage)
    print(store.root)
    return 0


def _stamp(text: str | None, blog: Blog, clock: Clock) -> datetime:
    if text is None:
        return to_minute(clock.now())
    if len(text) <= 5 and ":" in text:  # HH:MM on the blog's coverage date
        return datetime.combine(blog.date, parse_clock_time(text), UTC)
    return to_minute(parse_time(text))


def _add(args: argparse.Namespace, clock: Clock) -> int:
    from desk.core.storage.lock import locked, window_holding

    store, blog = _open_blog(args.blog)
    if window_holding(store.root, clock) is not None:
        # A new id's file changes nothing the window holds: it takes the file in and places
        # the entry at its stamp, and writes blog.yaml itself.
        return _add_entry(args, clock, store, blog, beside_window=True)
    with locked(store.root, clock) as lock:
        if lock.took_over is not None:
            _warn(lock.takeover_message())
        store.clean_leftovers()
        return _add_entry(args, clock, store, blog)


def _add_entry(
    args: argparse.Namespace,
    clock: Clock,
    store: BlogStore,
    blog: Blog,
    *,
    beside_window: bool = False,
) -> int:
    body = sys.stdin.read().strip("\n")
    if not body.strip():
        raise DeskError("the body is empty: write the entry on standard input")
    if args.original and blog.original() is not None:
        raise DeskError("the blog already has an original entry")
    entry = Entry(
        id=store.new_id(blog),
        stamp=_stamp(args.at, blog, clock),
        kind="original" if args.original else "update",
        status=args.status,
        author=args.author if args.author is not None else Preferences.load().default_author,
        headline=args.headline or "",
        body=body,
    )
    if beside_window:
        store.write_new_entry(entry)
    else:
        blog.add(entry, by_stamp=args.at is not None)
        store.save(blog, only=[entry.id])
    print(entry.id)
    return 0


def _import(args: argparse.Namespace, clock: Clock) -> int:
    from desk.core.importers.importing import import_to_folder, preview_file
    from desk.core.importers.options import ImportOptions

    options = ImportOptions(
        format=args.source,
        date=parse_date(args.date) if args.date else None,
        original_at=parse_clock_time(args.original_at) if args.original_at else None,
        label=args.label,
        title=args.title,
    )
    preview = preview_file(args.file, options, today_is=clock.now().date())
    folder = import_to_folder(preview.blog, args.drafts or Preferences.load().drafts())
    for kind, guess in preview.guesses:
        _warn(f"{guess} (--{kind} sets it)")
    print(folder)
    return 0


def _merge(args: argparse.Namespace, clock: Clock) -> int:
    from desk.core.exchange import conflict_story, merge_files
    from desk.core.storage.lock import locked

    store, blog = _open_blog(args.blog)
    with locked(store.root, clock) as lock:
        if lock.took_over is not None:
            _warn(lock.takeover_message())
        result = merge_files(blog, store, args.files)
    print(result.summary())
    for copy_id in result.conflicts:
        _warn(f"conflict copy {copy_id}: {conflict_story(blog, blog.entries[copy_id])}")
    return 0


def _share(args: argparse.Namespace, clock: Clock) -> int:
    from desk.core.storage.lock import locked
    from desk.core.sync.engine import share

    root = args.blog.resolve()
    with locked(root, clock):
        result = share(root, args.remote, Preferences.load().default_author, clock)
    for note in [*result.notes, *map(str, result.refused)]:
        _warn(note)
    print(args.remote)
    return 0


def _join(args: argparse.Namespace, clock: Clock) -> int:
    from desk.core.sync.engine import join

    drafts = args.drafts or Preferences.load().drafts()
    path, refused = join(args.remote, drafts, Preferences.load().default_author, clock)
    for pulled in refused:
        _warn(str(pulled))
    print(path)
    return 0


def _sync(args: argparse.Namespace, clock: Clock) -> int:
    from desk.core.storage.lock import BlogLock
    from desk.core.sync.engine import sync
    from desk.core.sync.folders import adopt_conflict_files, conflict_file_names

    store = BlogStore(args.blog.resolve(), clock)
    if not store.blog_file.is_file():
        raise DeskError(f"{store.root} is not a blog folder (it has no blog.yaml)")
    lock = BlogLock(store.root, clock)
    holder = lock.acquire()
    if holder is not None:
        raise DeskError(lock.describe(holder) + "; that window syncs the blog itself")
    try:
        store.clean_leftovers()
        if conflict_file_names(store.root):  # else no need to read 10,000 entries
            blog = store.load()
            for note in adopt_conflict_files(store, blog):
                _warn(note)
        result = sync(store.root, author=Preferences.load().default_author, clock=clock)
    finally:
        lock.release()
    for note in [*result.notes, *map(str, result.refused)]:
        _warn(note)
    print(result.line())
    return 0


def _check(args: argparse.Namespace, clock: Clock) -> int:
    """Every problem as `path:line: message` (the files, then what the entries hold);
    exit 1 when there is any."""
    from desk.core.checks import blog_checks, line_of

    if args.spelling:
        return _check_spelling(args)
    store = BlogStore(args.blog.resolve())
    blog: Blog | None = None
    try:
        blog = store.load()
        problems = list(store.problems)
    except ProblemError as error:
        problems = [error.problem]
    for problem in problems:
        print(f"{problem.path}:{problem.line or 1}: {problem.message}")
    checks = blog_checks(blog) if blog is not None else []
    for check in checks:
        assert blog is not None
        path = store.entry_path(check.entry_id)
        try:
            line = line_of(store.entry_text(check.entry_id), check, blog)
        except (OSError, UnicodeDecodeError):
            line = 1
        print(f"{path}:{line}: {check.message}")
    return 1 if problems or checks else 0


def _check_spelling(args: argparse.Namespace) -> int:
    """Every unknown word of the entries as `path:line: word`; exit 1 when there is any."""
    from desk.core.spelling import Speller, entry_misspellings, personal_words
    from desk.core.storage.words import blog_words

    store, blog = _open_blog(args.blog)
    speller = Speller(
        blog.language or Preferences.load().language, blog_words(store.root) | personal_words()
    )
    found = False
    for entry in blog.timeline():
        path = store.entry_path(entry.id)
        try:
            text = store.entry_text(entry.id)
        except (OSError, UnicodeDecodeError) as error:
            _warn(f"{path}: cannot read: {error}")
            continue
        for line, word in entry_misspellings(text, speller):
            print(f"{path}:{line}: {word}")
            found = True
    return 1 if found else 0


def _list(args: argparse.Namespace, clock: Clock) -> int:
    _, blog = _open_blog(args.blog)
    for entry in blog.timeline():
        print("\t".join((blog.label(entry), entry.status, entry.id, summary(entry.body))))
    return 0


def _export(args: argparse.Namespace, clock: Clock) -> int:
    import gc

    # A run that makes only what it keeps (entries, rendered bodies, the export) and then
    # ends: the cycle collector would go over all of it again and again (10% of the time).
    gc.disable()
    try:
        return _export_blog(args, clock)
    finally:
        gc.freeze()  # what it made is kept to the end: no collection goes over it
        gc.enable()


def _export_blog(args: argparse.Namespace, clock: Clock) -> int:
    from desk.core.export.assemble import export_blog, mark_published, save_export
    from desk.core.export.cache import RenderCache
    from desk.core.export.options import ExportOptions
    from desk.core.export.render import Renderer
    from desk.core.export.workers import Workers

    store, blog = BlogStore.open_lazy(args.blog)  # blog.yaml: the options; then the entries
    options = ExportOptions.for_blog(
        blog,
        format=args.format,
        include_drafts=args.all,
        embeds=args.embeds,
        order=args.order,
        key_events=args.key_events,
        jsonld=args.jsonld,
        cms=args.cms,
    )
    with Workers(os.cpu_count() or 1) as workers:
        if store.loading is not None and workers.count > 1:
            # Files the entry index does not hold are read, and their bodies rendered, in
            # the workers (the formats that go through the render cache).
            renders = options.format != "md" and not options.for_wordpress
            style = options.embed_style if renders else None
            store.loading.helper = workers.reader(store.root, style, options.include_drafts)
        store.finish_loading()
        for problem in store.problems:
            _warn(str(problem))
        if args.cms is not None and options.format != "html":
            raise DeskError(
                f"--cms is for the html format (and the window's copies), not {options.format}"
            )
        if args.embeds is not None and options.for_wordpress:
            _warn(
                "--embeds is ignored with --cms wordpress: X, YouTube and Bluesky posts become "
                "embed blocks, Instagram and Telegram posts quotes"
            )
        cache = RenderCache()
        try:
            result = export_blog(blog, options, Renderer(cache, workers))
        finally:
            cache.close()
    if args.output:
        save_export(result, options, store.root, args.output)
    else:
        sys.stdout.write(result.text)
    if args.mark_published:
        mark_published(blog, result.entries, clock.now())
        store.save(blog, only=[e.id for e in result.entries])
    # In one write: a long blog's thousands of warnings, a line a write, took 20 ms.
    sys.stderr.write("".join(f"desk: warning: {warning}\n" for warning in result.warnings))
    return 0


def _install_desktop(args: argparse.Namespace, clock: Clock) -> int:
    from desk.core import desktop

    if sys.platform in ("darwin", "win32"):
        raise DeskError(
            "install-desktop is for Linux and BSD desktops; on macOS and Windows build the "
            "app with `make bundle` (see the README)"
        )
    root = desktop.data_home()
    if args.remove:
        removed = desktop.remove(root)
        for path in removed:
            print(path)
        if not removed:
            _warn(f"Desk was not in the menu under {root}")
        return 0
    for path in desktop.install(root, desktop.launcher()):
        print(path)
    return 0


def _window(blog: Path | None) -> int:
    # The window's own rule, so that macOS and Windows (no DISPLAY there) open it.
    from desk.ui.shell.app import has_display, run

    folder = _blog_folder(blog) if blog is not None else None
    if folder is not None and not (folder / "blog.yaml").is_file():
        raise DeskError(f"{blog} is not a blog folder (it has no blog.yaml)")
    if not has_display():
        raise DeskError(
            "no display to open the window on (DISPLAY, WAYLAND_DISPLAY and QT_QPA_PLATFORM "
            "are unset); export from the command line instead: desk export BLOG --format html"
        )
    return run(folder)


COMMANDS = {
    "new": _new,
    "add": _add,
    "import": _import,
    "merge": _merge,
    "share": _share,
    "join": _join,
    "sync": _sync,
    "list": _list,
    "check": _check,
    "export": _export,
    "install-desktop": _install_desktop,
}


def main(argv: Sequence[str] | None = None, clock: Clock | None = None) -> int:
    clock = clock or SystemClock()
    try:
        given = list(sys.argv[1:] if argv is None else argv)
        verbose = [a for a in given if a in VERBOSE]  # before or after the command
        given = [a for a in given if a not in VERBOSE]
        setup_log(verbose=bool(verbose))
        log.debug("desk %s: %s", __version__, " ".join(given) or "(the window)")
        given = _blog_argument(given, {*COMMANDS, "open"})
        if not given or (len(given) == 2 and given[0] == "open" and given[1][:1] != "-"):
            # The window, read as the parser reads it, without making the parser: making
            # every command's (and argparse's look-ups of its translations) took 3.5 ms.
            return _window(Path(given[1]) if given else None)
        args = _parser().parse_args(given)
        if args.command in COMMANDS:
            gc.enable()  # off while the modules were imported (desk.launch)
            return COMMANDS[args.command](args, clock)
        return _window(args.blog if args.command == "open" else None)
    except DeskError as error:
        log.debug("refused: %s", error, exc_info=True)
        print(f"desk: error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 1
