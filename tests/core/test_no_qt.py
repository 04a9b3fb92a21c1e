"""desk.core (and the command line's list/export) must never import Qt."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import desk.core


def test_core_modules_and_cli_import_without_pyside6() -> None:
    modules = [f"desk.core.{m.name}" for m in pkgutil.walk_packages(desk.core.__path__)]
    modules.append("desk.cli")
    script = (
        "import sys, importlib\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('PySide6', 'shiboken6'):\n"
        "            raise ImportError('Qt is blocked: ' + name)\n"
        "sys.meta_path.insert(0, Block())\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "assert not any(m.startswith('PySide6') for m in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert len(modules) > 8
