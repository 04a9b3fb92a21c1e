"""In-process UI measurements for bench/run.py, one subcommand per measurement. Each opens
Desk's real window (`desk.ui.shell.app.build_window`) on a blog, measures, and prints one JSON
object as the last line on stdout (times in milliseconds).

    ui_probe.py type BLOG [--keys N] [--previews N]   keystrokes and preview updates
    ui_probe.py scroll BLOG                           the timeline, a page at a time
    ui_probe.py watch BLOG [--runs N] [--timeout S]   another process adds an entry file

Run it with QT_QPA_PLATFORM=offscreen (or on a display) and isolated XDG_* folders, as
bench/run.py does."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QFileSystemWatcher, QSettings, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from desk.core.clock import SystemClock
from desk.core.model import Entry, new_id
from desk.core.storage.front_matter import dump_entry
from desk.ui.shell.app import application, build_window
from desk.ui.shell.window import MainWindow

TYPED = "the governor said ferries resume at dawn "
# Another process writes the file, then says when (CLOCK_MONOTONIC is shared by processes).
WRITER = (
    "import pathlib, sys, time\n"
    "pathlib.Path(sys.argv[1]).write_text(sys.argv[2], encoding='utf-8')\n"
    "print(time.monotonic(), flush=True)\n"
)


def ms(seconds: float) -> float:
    return seconds * 1000


def spin(seconds: float) -> None:
    """Run the event loop for a while."""
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        QApplication.processEvents()
        time.sleep(0.002)


def wait_until(done: Callable[[], bool], timeout: float) -> bool:
    """Run the event loop until `done()` or the timeout; whether it was done."""
    end = time.perf_counter() + timeout
    while not done():
        if time.perf_counter() > end:
            return False
        QApplication.processEvents()
        time.sleep(0.001)
    return True


def open_window(blog: Path) -> tuple[MainWindow, float]:
    """Desk's window on `blog`, shown and painted; and the ms from build to first paint."""
    application()
    settings_file = Path(tempfile.mkdtemp(prefix="desk-probe-")) / "settings.ini"
    settings = QSettings(str(settings_file), QSettings.Format.IniFormat)
    started = time.perf_counter()
    window = build_window(blog, SystemClock(), settings=settings)
    painted: list[float] = []
    window.timeline.first_painted.connect(lambda: painted.append(time.perf_counter()))
    window.show()
    if not wait_until(lambda: bool(painted), 120):
        raise SystemExit("ui_probe: the timeline never painted")
    opened = ms(painted[0] - started)
    spin(0.5)  # the first preview render and anything else queued after the first paint
    return window, opened


# -- type ---------------------------------------------------------------------------------


def key_for(char: str) -> Qt.Key:
    """The key that types `char` (a lowercase letter or a space)."""
    return Qt.Key.Key_Space if char == " " else Qt.Key(ord(char.upper()))


def debounce_timer(preview: Any) -> QTimer | None:
    """The preview's debounce timer: its `_timer`, else its only single-shot QTimer."""
    timer = getattr(preview, "_timer", None)
    if isinstance(timer, QTimer):
        return timer
    single = [t for t in preview.findChildren(QTimer) if t.isSingleShot()]
    return single[0] if len(single) == 1 else None


def measure_type(blog: Path, keys: int, previews: int) -> dict[str, Any]:
    window, opened = open_window(blog)
    assert window.model is not None
    entry_id = max(window.model.blog.entries.values(), key=lambda e: len(e.body)).id
    window.select_entry(entry_id)
    spin(0.5)
    body = window.editor.body
    body.setFocus()
    cursor = body.textCursor()
    cursor.setPosition(len(body.toPlainText()) // 2)
    body.setTextCursor(cursor)
    spin(0.3)  # the window repaints for the focus moved, as after a user's click into it
    words = len(body.toPlainText().split())
    length = len(body.toPlainText())

    # Keystrokes: the key's own handling, then the paints it queued.
    key_ms: list[float] = []
    key_paint_ms: list[float] = []
    for index in range(keys):
        char = TYPED[index % len(TYPED)]
        start = time.perf_counter()
        QTest.keyClick(body, key_for(char))
        handled = time.perf_counter()
        QApplication.processEvents()
        painted = time.perf_counter()
        key_ms.append(ms(handled - start))
        key_paint_ms.append(ms(painted - start))

    typed = len(body.toPlainText()) - length  # proof the keys reached the editor

    # The preview: from the debounce timer firing to the preview updated (and painted).
    preview = window.editor.preview
    timer = debounce_timer(preview)
    update = getattr(preview, "render_now", None)
    preview_ms: list[float] = []
    preview_paint_ms: list[float] = []
    note = ""
    if timer is None or update is None:
        note = "no debounce timer or render_now() found on the preview"
    else:
        stamps: dict[str, float] = {}

        def timed_update() -> None:
            stamps["fired"] = time.perf_counter()
            update()
            stamps["updated"] = time.perf_counter()

        timer.timeout.disconnect()
        timer.timeout.connect(timed_update)
        spin(0.3)
        for _ in range(previews):
            stamps.clear()
            QTest.keyClick(body, Qt.Key.Key_X)
            if not wait_until(lambda: "updated" in stamps, 5):
                note = "the preview's debounce timer did not fire within 5 s"
                break
            QApplication.processEvents()
            painted = time.perf_counter()
            preview_ms.append(ms(stamps["updated"] - stamps["fired"]))
            preview_paint_ms.append(ms(painted - stamps["fired"]))
    return {
        "opened_ms": opened,
        "words": words,
        "typed": typed,
        "key_ms": key_ms,
        "key_paint_ms": key_paint_ms,
        "preview_ms": preview_ms,
        "preview_paint_ms": preview_paint_ms,
        "note": note,
    }


# -- scroll -------------------------------------------------------------------------------


def measure_scroll(blog: Path) -> dict[str, Any]:
    window, opened = open_window(blog)
    # Scrolling a blog still being read is another case: each row painted reads its file.
    assert window.model is not None
    if not wait_until(lambda: window.model is None or not window.model.loading, 120):
        raise SystemExit("ui_probe: the blog never finished loading")
    view = window.timeline
    bar = view.verticalScrollBar()
    page = max(1, bar.pageStep())
    page_ms: list[float] = []
    started = time.perf_counter()
    for value in [*range(0, bar.maximum(), page), bar.maximum()]:
        start = time.perf_counter()
        bar.setValue(value)
        view.viewport().repaint()
        page_ms.append(ms(time.perf_counter() - start))
    total = ms(time.perf_counter() - started)
    return {
        "opened_ms": opened,
        "rows": view.model().rowCount(),
        "pages": len(page_ms),
        "total_ms": total,
        "page_ms": page_ms,
    }


# -- watch --------------------------------------------------------------------------------


def has_watcher(window: MainWindow) -> bool:
    """Whether anything under the window watches files (a generic guess, for the report)."""
    return bool(window.findChildren(QFileSystemWatcher))


def measure_watch(blog: Path, runs: int, timeout: float) -> dict[str, Any]:
    window, _ = open_window(blog)
    assert window.model is not None
    store, model_blog = window.model.store, window.model.blog
    taken = store.taken_ids(model_blog)
    newest = max(e.stamp for e in model_blog.entries.values())
    latencies: list[float] = []
    seen = True
    for run in range(runs):
        entry_id = new_id(taken)
        taken.add(entry_id)
        entry = Entry(
            entry_id,
            newest + timedelta(minutes=run + 1),
            status="ready",
            author="Wire desk",
            body=f"Filed from another machine, number {run + 1}.",
        )
        path = store.root / "entries" / f"{entry_id}.md"
        before = window.timeline.model().rowCount()
        writer = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), dump_entry(entry)],
            stdout=subprocess.PIPE,
            text=True,
        )

        def appeared_in_timeline(before: int = before) -> bool:
            return bool(window.timeline.model().rowCount() > before)

        seen = wait_until(appeared_in_timeline, timeout)
        appeared = time.monotonic()
        out, _ = writer.communicate(timeout=30)
        if not seen:
            break
        latencies.append(ms(appeared - float(out.strip())))
        spin(0.3)
    return {
        "watcher": has_watcher(window),
        "seen": seen,
        "timeout_s": timeout,
        "watch_ms": latencies,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    typing = commands.add_parser("type")
    typing.add_argument("blog", type=Path)
    typing.add_argument("--keys", type=int, default=120)
    typing.add_argument("--previews", type=int, default=20)
    scroll = commands.add_parser("scroll")
    scroll.add_argument("blog", type=Path)
    watch = commands.add_parser("watch")
    watch.add_argument("blog", type=Path)
    watch.add_argument("--runs", type=int, default=5)
    watch.add_argument("--timeout", type=float, default=5.0)
    args = parser.parse_args()
    if args.command == "type":
        result = measure_type(args.blog, args.keys, args.previews)
    elif args.command == "scroll":
        result = measure_scroll(args.blog)
    else:
        result = measure_watch(args.blog, args.runs, args.timeout)
    print(json.dumps(result), flush=True)
    sys.stderr.flush()
    os._exit(0)  # no window teardown (nor its save on close): the numbers are out


if __name__ == "__main__":
    sys.exit(main())
