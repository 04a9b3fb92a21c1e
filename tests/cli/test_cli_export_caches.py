"""An export is the same text however it is made: from the files alone, through the entry
index and the render cache, by the export's worker processes, from the window, and after
an outside edit that the caches cannot see in a file's size or mtime."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from desk.core.export.assemble import export_blog, renderer_for
from desk.core.export.cache import RenderCache
from desk.core.export.options import ExportOptions
from desk.core.export.render import Renderer
from desk.core.model import Entry
from desk.core.storage.index import SLACK_NS, EntryIndex, index_path
from desk.core.storage.store import HELP_FROM, BlogStore
from tests.desk_run import RunDesk
from tests.helpers import X_POST, make_blog_folder

START = datetime(2025, 3, 14, 9, 0, tzinfo=UTC)
YOUTUBE = """```embed
type: youtube
url: https://www.youtube.com/watch?v=dQw4w9WgXcQ
title: The quay at high tide
```"""
BROKEN = "```embed\ntype: nonsense\n```"
BODIES = (
    "The harbour wall held through the night.",
    f"The weather office posted a warning.\n\n{X_POST}",
    f"Footage from the quay.\n\n{YOUTUBE}\n\nMore to follow.",
    "Crews say the road is open TK, pending a check.",
    "@Leyla to CHECK the name of the ship\n\nA ship ran aground off the point.",
    "",
    "| Town | Homes without power |\n|---|---|\n| Port Elvan | 1,200 |",
    "> We have pumps on every street.\n>\n> — Ilse Varga, regional governor",
    f"Two posts.\n\n{X_POST}\n\nAnd again.\n\n{X_POST}",
    f"A block Desk cannot read.\n\n{BROKEN}",
    "```\ncode, not an embed\n```\n\n1. one\n2. two",
    "Line with <b>HTML</b> and <script>alert(1)</script> in it.",
)
VALUED = ("--format", "--embeds")
OPTIONS = (
    ("--format", "html"),
    ("--format", "page"),
    ("--format", "html", "--all", "--embeds", "plain", "--jsonld"),
)


def every_kind(drafts: Path, count: int) -> Path:
    """A blog of `count` updates of every kind beside the small blog's four entries:
    drafts, pinned, key events, headlines, bylines, posts with their scripts, images of
    tables, placeholders, empty ones, one stamped weeks late, and one whose extra field
    the entry index cannot keep (a date)."""
    store = make_blog_folder(drafts)
    _, blog = BlogStore.open(store.root)
    for number in range(count):
        entry = Entry(
            f"e{number:04d}x",
            START + timedelta(minutes=3 * number + 1),
            status="draft" if number % 9 == 4 else "ready",
            body=BODIES[number % len(BODIES)],
            headline="Roads closed" if number % 7 == 3 else "",
            author="Marta Kell" if number % 5 == 2 else "",
            key=number % 11 == 6,
            pinned=number == 17,
            extra={"source": "wire"} if number % 13 == 8 else {},
        )
        blog.add(entry, by_stamp=True)
    blog.entries["e0005x"].stamp = START + timedelta(days=40)
    blog.entries["e0010x"].extra = {"checked": date(2025, 3, 14)}
    store.save(blog)
    return store.root


def exported(desk: RunDesk, root: Path, *options: str) -> str:
    run = desk("export", root, *options)
    assert run.code == 0, run.err
    return run.out + "\n--- stderr ---\n" + run.err


def in_process(root: Path, *options: str, cache: RenderCache | None = None) -> str:
    """The export as the window makes it: its blog read as the window reads it."""
    store, blog = BlogStore.open_lazy(root)
    store.finish_loading()
    flags = {flag: options[i + 1] for i, flag in enumerate(options) if flag in VALUED}
    chosen = ExportOptions.for_blog(
        blog,
        format=flags.get("--format"),
        include_drafts=True if "--all" in options else None,
        embeds=flags.get("--embeds"),
        jsonld=True if "--jsonld" in options else None,
    )
    renderer = renderer_for(cache) if cache is not None else Renderer()
    return export_blog(blog, chosen, renderer).text


@pytest.fixture(scope="module")
def big_blog(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = every_kind(tmp_path_factory.mktemp("drafts"), HELP_FROM + 50)
    # The index vouches only for files older than it by its slack: wait that long once.
    time.sleep(SLACK_NS / 1e9 + 0.1)
    return root


@pytest.mark.parametrize("options", OPTIONS, ids=lambda o: " ".join(o))
def test_cold_warm_and_window_exports_are_the_same_text(
    desk: RunDesk, big_blog: Path, options: tuple[str, ...], isolated_home: Path
) -> None:
    expected = in_process(big_blog, *options)  # from the files alone, nothing cached
    cold = exported(desk, big_blog, *options)  # an empty cache: read in the workers
    assert cold.startswith(expected + "\n--- stderr ---\n")
    assert len(EntryIndex.read(big_blog)) > HELP_FROM  # the index was written
    warm = exported(desk, big_blog, *options)  # through the index and the render cache
    assert warm == cold
    assert in_process(big_blog, *options, cache=RenderCache()) == expected


def test_an_outside_edit_that_keeps_size_and_mtime_is_exported(
    desk: RunDesk, tmp_path: Path
) -> None:
    root = every_kind(tmp_path / "drafts", 40)
    time.sleep(SLACK_NS / 1e9 + 0.1)
    exported(desk, root, "--format", "html")
    warm = exported(desk, root, "--format", "html")
    assert index_path(root).exists() and "HARBOUR" not in warm
    path = root / "entries" / "e0000x.md"
    before = os.lstat(path)
    text = path.read_text(encoding="utf-8")
    edited = text.replace("harbour", "HARBOUR")
    assert edited != text and len(edited) == len(text)
    path.write_text(edited, encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert os.lstat(path).st_mtime_ns == before.st_mtime_ns
    after = exported(desk, root, "--format", "html")
    assert "HARBOUR" in after
    assert after.split("\n--- stderr ---\n")[0] == in_process(root, "--format", "html")


@pytest.mark.parametrize(
    "spoil",
    [
        pytest.param(lambda path: path.unlink(), id="deleted"),
        pytest.param(lambda path: path.write_bytes(path.read_bytes()[:300]), id="truncated"),
        pytest.param(lambda path: path.write_text('{"version": 1, "files": {}}'), id="version 1"),
    ],
)
def test_a_spoilt_index_changes_no_export(desk: RunDesk, tmp_path: Path, spoil: object) -> None:
    root = every_kind(tmp_path / "drafts", 40)
    first = exported(desk, root, "--format", "page")
    assert callable(spoil)
    spoil(index_path(root))
    assert exported(desk, root, "--format", "page") == first


def test_a_warm_export_loads_neither_the_renderer_nor_the_embeds(
    tmp_path: Path, isolated_home: Path
) -> None:
    """Every body in the render cache: no Markdown, no nh3, and of the embeds only their
    scripts (to keep one of each in the export)."""
    root = every_kind(tmp_path / "drafts", 40)
    out = tmp_path / "blog.html"
    script = (
        "import sys\n"
        "from desk.cli import main\n"
        f"main(['export', {str(root)!r}, '--format', 'html', '-o', {str(out)!r}])\n"
        "loaded = ('markdown', 'nh3', 'desk.core.embeds', 'desk.core.export.engine')\n"
        "print(sorted(m for m in sys.modules if m.startswith(loaded)))\n"
    )
    runs = [
        subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
        for _ in range(2)
    ]
    cold, warm = (run.stdout.strip() for run in runs)
    assert "'markdown'" in cold and "'nh3'" in cold, runs[0].stderr
    assert warm == "['desk.core.embeds', 'desk.core.embeds.scripts']", runs[1].stderr
    assert out.read_text(encoding="utf-8").count("platform.twitter.com/widgets.js") == 1
