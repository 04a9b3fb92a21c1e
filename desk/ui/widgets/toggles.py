"""Checkable actions set from saved state."""

from __future__ import annotations

from PySide6.QtGui import QAction


def check_quietly(action: QAction, checked: bool) -> None:
    """Check or uncheck without running the action: the state is being restored, and the
    feature is still being made (running it would make another)."""
    blocked = action.blockSignals(True)
    try:
        action.setChecked(checked)
    finally:
        action.blockSignals(blocked)
