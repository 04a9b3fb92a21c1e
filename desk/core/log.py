"""Desk's log: one `desk` logger for the core, the command line and the window.

The last lines are always kept in memory, so that Help → Show log can show them for a
bug report; `desk --verbose` also writes every line to standard error. Nothing is written
to disk: a log file of a reporter's laptop would hold the story's words."""

from __future__ import annotations

import logging
import sys
from collections import deque

LOGGER = "desk"
KEPT = 500  # lines kept for Help → Show log
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

log = logging.getLogger(LOGGER)


class RecentLines(logging.Handler):
    """The last `size` lines of the log, formatted."""

    def __init__(self, size: int = KEPT) -> None:
        super().__init__(logging.DEBUG)
        self.lines: deque[str] = deque(maxlen=size)
        self.setFormatter(logging.Formatter(FORMAT))

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.lines.append(self.format(record))
        except Exception:  # a broken record must not break what was being logged
            self.handleError(record)


_recent = RecentLines()


def setup(verbose: bool = False) -> None:
    """Keep the recent lines; with `verbose`, write every line to standard error too."""
    log.setLevel(logging.DEBUG)
    if _recent not in log.handlers:
        log.addHandler(_recent)
    if verbose and not any(getattr(h, "desk_verbose", False) for h in log.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter(FORMAT))
        handler.desk_verbose = True  # type: ignore[attr-defined]
        log.addHandler(handler)


def recent() -> list[str]:
    """The last lines logged in this run, oldest first."""
    return list(_recent.lines)
