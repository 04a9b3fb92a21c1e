"""A start that checks itself and quits: with DESK_SELF_CHECK=1 the window opens as usual,
and after its first paint prints one line saying what it shows, then closes. The bundle
check and the installed-wheel test start Desk this way, where nobody can look."""

from __future__ import annotations

import gc
import logging
import os
import sys
from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from desk.ui.shell.actions import SPECS, STANDING
from desk.ui.shell.features import feature_class
from desk.ui.shell.window import MainWindow

log = logging.getLogger(__name__)

VARIABLE = "DESK_SELF_CHECK"


def wanted() -> bool:
    return os.environ.get(VARIABLE) == "1"


def features_found() -> tuple[int, int]:
    """How many of the features the action table names can be imported, of how many: a
    bundle that left out a module imported on first use fails here, not at a click."""
    paths = sorted({spec.feature for spec in SPECS if spec.feature} | set(STANDING))
    found = 0
    for path in paths:
        try:
            feature_class(path)
        except (ImportError, AttributeError):
            log.exception("feature %s cannot be loaded", path)
        else:
            found += 1
    return found, len(paths)


def report(app: QApplication, window: MainWindow, first_paint_ms: float) -> str:
    """One line: the blog, how many entries the timeline shows, the style sheet's length,
    the window icon's sizes, the features that load, whether the cyclic collector is back
    on (desk.launch turns it off for the start), and when the first paint came."""
    blog = window.model.store.root if window.model is not None else None
    sizes = ",".join(str(size.width()) for size in app.windowIcon().availableSizes())
    found, features = features_found()
    return (
        f"desk: self-check: blog {blog}; {window.proxy.rowCount()} entries shown; "
        f"style sheet {len(app.styleSheet())} characters; icon sizes {sizes or 'none'}; "
        f"desktop file {app.desktopFileName()}; version {app.applicationVersion()}; "
        f"features {found} of {features}; collector {'on' if gc.isenabled() else 'off'}; "
        f"first paint {first_paint_ms:.0f} ms"
    )


def arm(app: QApplication, window: MainWindow, elapsed_ms: Callable[[], float]) -> None:
    """After the timeline's first paint, and what it sets going (the window icon): print
    the report and close the window."""

    def painted() -> None:
        first_paint_ms = elapsed_ms()

        def done() -> None:
            print(report(app, window, first_paint_ms), file=sys.stderr, flush=True)
            window.quit()

        QTimer.singleShot(0, done)

    window.timeline.first_painted.connect(painted)
