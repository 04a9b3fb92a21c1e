"""The `desk` command as installed (and `python -m desk`, and the bundle).

Python's cyclic collector runs about sixty times while Desk's modules and the window are
made, 7-8 ms before the window's first paint, and finds nothing to free: what a start
makes, it keeps. So the collector is off until the command line knows the job: a command
turns it on as it begins, the window once it has painted (see desk.ui.shell.app)."""

from __future__ import annotations

import gc


def main() -> int:
    gc.disable()
    try:
        from desk.cli import main as command_line

        return command_line()
    finally:
        gc.enable()  # for a caller in the same process (a test, say)
