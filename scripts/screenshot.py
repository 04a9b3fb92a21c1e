"""Screenshot of the window on a fresh copy of the sample blog: `make screenshot`.

Runs offscreen with its own config and drafts folders, selects an entry, and saves
QWidget.grab() to the path given (default docs/window.png)."""

from __future__ import annotations

import os
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(argv: list[str]) -> int:
    target = Path(argv[1] if len(argv) > 1 else "docs/window.png").resolve()
    with tempfile.TemporaryDirectory(prefix="desk-screenshot-") as scratch:
        home = Path(scratch)
        # A clean home: no last blog, no window state, a fresh sample copy.
        os.environ["XDG_CONFIG_HOME"] = str(home / "config")
        os.environ["DESK_DRAFTS"] = str(home / "drafts")
        os.environ["TZ"] = "Europe/London"
        time.tzset()

        from PySide6.QtTest import QTest

        from desk.core.clock import FrozenClock
        from desk.core.prefs import Preferences
        from desk.core.sample import ensure_sample
        from desk.ui.shell.app import build_window

        blog = ensure_sample(Preferences.load().drafts())
        clock = FrozenClock(datetime(2025, 8, 9, 21, 47, 42, tzinfo=UTC))
        window = build_window(blog, clock)
        window.resize(1200, 760)
        window.show()
        model = window.model
        assert model is not None
        # The update holding a post on X: the preview shows it as a card.
        window.select_entry("m9f2a6e")
        window.status.set_save_state("saved", "Saved 21:47:40")
        window.status.tick()
        # Let the preview render and the layout settle, as a user would see it.
        for _ in range(50):
            QTest.qWait(20)
            if window.editor.preview.renders:
                break
        QTest.qWait(50)
        target.parent.mkdir(parents=True, exist_ok=True)
        if not window.grab().save(str(target)):
            print(f"screenshot: cannot write {target}", file=sys.stderr)
            return 1
        window.close()
    print(target)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
