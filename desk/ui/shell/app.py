"""Starting the window: `desk` and `desk open BLOG` call run()."""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import signal
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

# Taken first, so a trace without /proc still counts the imports below.
_IMPORTED_AT = time.perf_counter()

from PySide6.QtCore import QSettings, QSocketNotifier, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from desk import __version__  # noqa: E402
from desk.core.clock import Clock, SystemClock  # noqa: E402
from desk.core.errors import DeskError  # noqa: E402
from desk.core.log import setup as setup_log  # noqa: E402
from desk.core.prefs import Preferences  # noqa: E402
from desk.core.resources import ICON_SIZES, icon_png, read_bytes, read_text  # noqa: E402
from desk.core.sample import ensure_sample  # noqa: E402
from desk.ui.blog.autosave import AUTOSAVE_DELAY_MS, RETRY_MS  # noqa: E402
from desk.ui.shell import self_check  # noqa: E402
from desk.ui.shell.window import MainWindow  # noqa: E402
from desk.ui.shell.window_state import WindowState, open_settings  # noqa: E402

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon

log = logging.getLogger(__name__)

STYLE_SHEET = "style.qss"
COLLECT_BY_MS = 2000  # the collector is on by then, first paint or not
NO_DISPLAY = (
    "desk: error: no display to open the window on (DISPLAY, WAYLAND_DISPLAY and "
    "QT_QPA_PLATFORM are unset); export from the command line instead: "
    "desk export BLOG --format html -o FILE"
)


def has_display() -> bool:
    """False on a Linux/BSD machine without X11, Wayland or a chosen Qt platform; always
    True on macOS and Windows, whose window system needs no variable. The command line
    asks this too before it opens the window."""
    if not sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return True
    return any(os.environ.get(v) for v in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def ms_since_start() -> float:
    """Milliseconds since the process started (from /proc where there is one), else since
    this module was imported."""
    try:
        stat = Path("/proc/self/stat").read_text()
        # Fields after the command name (which may hold spaces) start at field 3.
        started_ticks = int(stat.rsplit(")", 1)[1].split()[19])
        started = started_ticks / os.sysconf("SC_CLK_TCK")
        return (time.clock_gettime(time.CLOCK_BOOTTIME) - started) * 1000
    except (OSError, ValueError, IndexError, AttributeError):
        return (time.perf_counter() - _IMPORTED_AT) * 1000


def initial_blog(settings: QSettings, prefs: Preferences) -> Path:
    """The last blog used if it is still there, else the sample blog."""
    last = WindowState(settings).last_blog()
    if last is not None and (last / "blog.yaml").is_file():
        return last
    return ensure_sample(prefs.drafts())


def app_icon() -> QIcon:
    """Desk's icon at every size it is drawn in; empty (with a log line) if none loads."""
    from PySide6.QtGui import QIcon, QPixmap  # named on first use (see desk.ui)

    icon = QIcon()
    for size in ICON_SIZES:
        pixmap = QPixmap()
        try:
            loaded = pixmap.loadFromData(read_bytes(icon_png(size)), "PNG")
        except DeskError as error:
            loaded = False
            log.warning("%s", error)
        if loaded:
            icon.addPixmap(pixmap)
    return icon


def application() -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    app = QApplication(sys.argv[:1])
    # Names and version as the desktop file and Qt's settings know them: the settings live
    # under organisation/application, and Wayland matches the window to desk.desktop.
    app.setApplicationName("desk")
    app.setOrganizationName("desk")
    app.setApplicationDisplayName("Desk")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("desk")
    try:
        app.setStyleSheet(read_text(STYLE_SHEET))
    except DeskError as error:  # an unstyled window works just as well
        log.warning("%s", error)
    return app


def build_window(
    blog_path: Path | None = None,
    clock: Clock | None = None,
    *,
    settings: QSettings | None = None,
    autosave_delay_ms: int = AUTOSAVE_DELAY_MS,
    retry_ms: int = RETRY_MS,
    editor_after_paint: bool = False,
) -> MainWindow:
    """The window on `blog_path`, else the last blog, else the sample (not yet shown);
    `editor_after_paint` as for MainWindow."""
    application()
    setup_log()  # the last lines kept for Help → Show log (the command line set it up too)
    settings = settings if settings is not None else open_settings()
    prefs = Preferences.load()
    window = MainWindow(
        clock or SystemClock(),
        settings=settings,
        prefs=prefs,
        autosave_delay_ms=autosave_delay_ms,
        retry_ms=retry_ms,
        editor_after_paint=editor_after_paint,
    )
    path = blog_path
    if path is None:
        try:
            path = initial_blog(settings, prefs)
        except DeskError as error:
            print(f"desk: warning: {error}", file=sys.stderr)
    if path is not None and not window.open_blog(path) and blog_path is not None:
        print(f"desk: warning: cannot open {blog_path}", file=sys.stderr)
    return window


def run(blog_path: Path | None = None, clock: Clock | None = None) -> int:
    """Open the window and run until it closes. 1 when there is no display."""
    if not has_display():
        print(NO_DISPLAY, file=sys.stderr)
        return 1
    if blog_path is not None and not (Path(blog_path) / "blog.yaml").is_file():
        print(
            f"desk: error: {blog_path} is not a blog folder (it has no blog.yaml)", file=sys.stderr
        )
        return 1
    app = application()
    with stop_on_sigterm() as stopping:  # before the lock is taken in build_window
        window = build_window(blog_path, clock, editor_after_paint=True)
        stopping.append(window)
        return _run_window(app, window)


def _collect_again() -> None:
    """The collector back on (desk.launch turned it off for the start). What the start
    made stays for the run: frozen, it is never walked again."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def _run_window(app: QApplication, window: MainWindow) -> int:
    window.timeline.painted_once.connect(_collect_again)
    QTimer.singleShot(COLLECT_BY_MS, _collect_again)  # a window that is never painted
    # The icon once the first frame is out: decoding its eight sizes took 4 ms of the start,
    # and nothing shows it before then.
    window.timeline.first_painted.connect(
        lambda: QTimer.singleShot(0, lambda: app.setWindowIcon(app_icon()))
    )
    if os.environ.get("DESK_TRACE_STARTUP") == "1":
        window.timeline.first_painted.connect(
            lambda: print(
                f"desk: first paint {ms_since_start():.0f} ms", file=sys.stderr, flush=True
            )
        )
    if self_check.wanted():
        self_check.arm(app, window, ms_since_start)
    window.show()
    # A normal quit closes the window (which saves and lets the lock go); this is for a
    # quit that did not go through closing it.
    app.aboutToQuit.connect(window.release_blog)
    return app.exec()


@contextlib.contextmanager
def stop_on_sigterm() -> Iterator[list[MainWindow]]:
    """While the windows put in the list run, SIGTERM closes them as a quit would: the
    work is saved and the blog's lock removed. Qt's event loop does not run Python's signal
    handlers, so the signal wakes a pipe the loop watches (a signal that comes before the
    loop runs is handled as soon as it does). Not on Windows, where nothing sends SIGTERM
    (and set_wakeup_fd would want a socket)."""
    windows: list[MainWindow] = []
    if os.name == "nt" or not hasattr(signal, "SIGTERM"):
        yield windows
        return
    reader, writer = os.pipe()
    os.set_blocking(reader, False)
    os.set_blocking(writer, False)
    notifier = QSocketNotifier(reader, QSocketNotifier.Type.Read)

    def woken() -> None:
        with contextlib.suppress(OSError):
            os.read(reader, 64)
        log.info("SIGTERM: saving, letting the lock go, quitting")
        # Nobody may be there to answer a question: close only when the work is saved,
        # and let the lock go either way.
        for window in windows:
            if not (window.autosave.flush() and window.close()):
                log.warning("SIGTERM with unsaved work: %s", window.autosave.error)
                window.safety.release()
        application().quit()

    notifier.activated.connect(woken)
    previous_fd = signal.set_wakeup_fd(writer)
    previous = signal.signal(signal.SIGTERM, lambda _number, _frame: None)
    try:
        yield windows
    finally:
        signal.signal(signal.SIGTERM, previous)
        signal.set_wakeup_fd(previous_fd)
        notifier.setEnabled(False)
        os.close(reader)
        os.close(writer)
