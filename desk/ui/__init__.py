"""Desk's window: Qt only, on top of desk.core (which never imports this package).

PySide6 makes each Qt class, with its enums, the first time a module names it: 0.1 to
0.5 ms a class (QMessageBox and QFileDialog the dearest). A class the window does not
need before its first paint is imported where it is used, marked "named on first use"."""

from __future__ import annotations

import sys
from types import ModuleType

import PySide6  # noqa: F401  # its import hook, told below what it need not read


def _read_less_source() -> None:
    """PySide6 reads the source of each module an import statement names once PySide6 is
    loaded (`datetime`, `typing`, each of Desk's…), to learn whether the module uses
    PySide and so may switch on a `__feature__` (snake_case, true_property): 6 ms of the
    window's start, 75 µs a module. The answer is known without reading for a module
    loaded before PySide6 (no: its `from __feature__ import` would have loaded PySide6)
    and for Desk's own (its UI uses PySide, its core does not, and neither switches a
    feature on). Should PySide's hook change, nothing is wrapped and PySide reads as ever."""
    feature = sys.modules.get("shibokensupport.feature")
    reads = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or not callable(reads) or getattr(reads, "known", None) is not None:
        return
    known = {name: False for name in sys.modules if not name.startswith(("desk.ui", "__main__"))}

    def uses_pyside(module: ModuleType) -> bool:
        name = getattr(module, "__name__", "")
        if name in known:
            return known[name]
        if name.startswith("desk."):
            return name.startswith("desk.ui.")
        return bool(reads(module))

    uses_pyside.known = known  # type: ignore[attr-defined]
    feature._mod_uses_pyside = uses_pyside  # type: ignore[attr-defined]


_read_less_source()
